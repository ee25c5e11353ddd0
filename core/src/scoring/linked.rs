//! Linked assessment (责任捆绑, seed 000) and composite shares (seed 002).

use serde::{Deserialize, Serialize};

/// A sheet's share of a larger assessment: the unit's total scaled to `part` of `of`
/// points (seed 002: grid work is 50 of the district's 1,000).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Composite {
    /// The points this sheet is worth in the larger assessment.
    pub part: f64,
    /// The larger assessment's scale.
    pub of: f64,
}

/// Weights of a linked assessment (责任捆绑): a person's score is `own × own_score` +
/// `members × mean of the members' totals` + `cases × completion of the members' cases
/// (as a share of the scale)`. The weights add up to 1.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LinkedWeights {
    /// Weight of the person's own score.
    pub own: f64,
    /// Weight of the mean total of the units linked to them (their grid workers).
    pub members: f64,
    /// Weight of the completion rate of those units' cases.
    pub cases: f64,
}

/// One linked person: their own score (from the host) and the units of the result linked
/// to them (grid workers or grids).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Link {
    /// The person (a 网格指导员, 网格长 or 网格业务指导员).
    pub id: String,
    /// Their own score on the sheet's scale.
    pub own: f64,
    /// Unit ids of the result.
    pub members: Vec<String>,
}

impl LinkedWeights {
    /// Checks the weights (each in 0–1, adding up to 1).
    pub(crate) fn check(&self) -> Result<(), super::ScoringError> {
        let w = [self.own, self.members, self.cases];
        if w.iter().any(|x| !(0.0..=1.0).contains(x)) || (w.iter().sum::<f64>() - 1.0).abs() > 1e-9
        {
            return Err(super::ScoringError::policy(
                "linked",
                "weights must be within 0–1 and add up to 1",
            ));
        }
        Ok(())
    }

    /// The linked score.
    ///
    /// ```
    /// use wangge::scoring::LinkedWeights;
    /// let w = LinkedWeights { own: 0.5, members: 0.3, cases: 0.2 };
    /// // own 80, members 90 and 70 (mean 80), cases 95 % of 100 points.
    /// assert!((w.score(80.0, &[90.0, 70.0], Some(95.0), 100.0) - 83.0).abs() < 1e-9);
    /// ```
    pub fn score(&self, own: f64, members: &[f64], completion: Option<f64>, scale: f64) -> f64 {
        let mean = if members.is_empty() {
            0.0
        } else {
            members.iter().sum::<f64>() / members.len() as f64
        };
        let cases = completion.map_or(0.0, |c| c / 100.0 * scale);
        self.own * own + self.members * mean + self.cases * cases
    }
}
