//! Summaries of a validation [`Report`] per county, town and community.

use std::collections::{BTreeMap, HashMap};

use chrono::NaiveDate;
use serde::Serialize;

use super::validate::{Report, ViolationCode};
use crate::code::{AdminCode, AdminLevel, GridCode};

/// Counts over the checked grids of a [`Report`], for the whole report and per county,
/// town and community.
///
/// `by_code` counts the grids with at least one violation of a code; `by_rule` counts
/// the grids failing each composition rule — "how many grids lack a party member" is
/// `by_rule["party_member_worker"]` with the seed 000 preset.
///
/// ```
/// use wangge::policy::Policy;
/// use wangge::staffing::{GridInfo, GridSet, Roster};
/// let p = Policy::preset("seed000")?;
/// let roster = Roster::from_json(r#"{"format": 1}"#)?;
/// let grids = GridSet::new(vec![
///     GridInfo::new("330102016001001".parse()?),
///     GridInfo::new("330102016002001".parse()?),
/// ])?;
/// let s = p.staffing.validate(&roster, &grids, "2024-01-01".parse().unwrap(), None)?.summary();
/// assert_eq!((s.grids, s.compliant_grids), (2, 0));
/// assert_eq!(s.by_rule["party_member_worker"], 2);
/// assert_eq!(s.units.len(), 1 + 1 + 2);             // county, town, two communities
/// assert_eq!(s.units[0].code.to_string(), "330102");
/// # Ok::<(), wangge::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Summary {
    /// The date validated.
    pub on: NaiveDate,
    /// Grids checked.
    pub grids: u32,
    /// Grids without any violation.
    pub compliant_grids: u32,
    /// Number of violations.
    pub violations: u32,
    /// Violation code → grids with at least one violation of it.
    pub by_code: BTreeMap<String, u32>,
    /// Composition rule id → grids failing it.
    pub by_rule: BTreeMap<String, u32>,
    /// Per county, then town, then community, each by code.
    pub units: Vec<UnitSummary>,
}

/// The counts of one county, town or community.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct UnitSummary {
    /// `county`, `town` or `community`.
    pub level: AdminLevel,
    /// The unit's code (6 digits for a county, 12 otherwise).
    pub code: AdminCode,
    /// Grids checked in the unit.
    pub grids: u32,
    /// Of which without any violation.
    pub compliant_grids: u32,
    /// Violation code → grids with at least one violation of it.
    pub by_code: BTreeMap<String, u32>,
    /// Composition rule id → grids failing it.
    pub by_rule: BTreeMap<String, u32>,
}

/// What one grid had: a bit per violation code, and the composition rules it failed.
#[derive(Default, Clone)]
struct GridFlags {
    codes: u32,
    rules: Vec<u32>,
}

#[derive(Default)]
struct Acc {
    grids: u32,
    compliant: u32,
    codes: [u32; ViolationCode::ALL.len()],
    rules: BTreeMap<u32, u32>,
}

impl Acc {
    fn add(&mut self, f: &GridFlags) {
        self.grids += 1;
        if f.codes == 0 {
            self.compliant += 1;
        }
        for (i, c) in self.codes.iter_mut().enumerate() {
            if f.codes & (1 << i) != 0 {
                *c += 1;
            }
        }
        for r in &f.rules {
            *self.rules.entry(*r).or_default() += 1;
        }
    }

    fn maps(&self, rule_names: &[String]) -> (BTreeMap<String, u32>, BTreeMap<String, u32>) {
        let by_code = ViolationCode::ALL
            .iter()
            .zip(self.codes)
            .filter(|(_, n)| *n > 0)
            .map(|(c, n)| (c.name().to_string(), n))
            .collect();
        let by_rule = self
            .rules
            .iter()
            .map(|(r, n)| (rule_names[*r as usize].clone(), *n))
            .collect();
        (by_code, by_rule)
    }
}

impl Summary {
    /// Summarizes a report.
    pub fn of(report: &Report) -> Summary {
        let mut flags = vec![GridFlags::default(); report.checked.len()];
        let mut rule_ids: HashMap<&str, u32> = HashMap::new();
        let mut rule_names: Vec<String> = Vec::new();
        for v in &report.violations {
            let rule = (v.code == ViolationCode::CompositionUnmet)
                .then_some(v.rule.as_deref())
                .flatten()
                .map(|r| {
                    *rule_ids.entry(r).or_insert_with(|| {
                        rule_names.push(r.to_string());
                        rule_names.len() as u32 - 1
                    })
                });
            for g in &v.grids {
                if let Ok(i) = report.checked.binary_search(g) {
                    flags[i].codes |= 1 << v.code.index();
                    if let Some(r) = rule
                        && !flags[i].rules.contains(&r)
                    {
                        flags[i].rules.push(r);
                    }
                }
            }
        }
        let mut total = Acc::default();
        let mut units: BTreeMap<(u8, AdminCode), Acc> = BTreeMap::new();
        for (g, f) in report.checked.iter().zip(&flags) {
            total.add(f);
            for key in unit_keys(g) {
                units.entry(key).or_default().add(f);
            }
        }
        let (by_code, by_rule) = total.maps(&rule_names);
        Summary {
            on: report.on,
            grids: total.grids,
            compliant_grids: total.compliant,
            violations: report.violations.len() as u32,
            by_code,
            by_rule,
            units: units
                .into_iter()
                .map(|((level, code), acc)| {
                    let (by_code, by_rule) = acc.maps(&rule_names);
                    UnitSummary {
                        level: [AdminLevel::County, AdminLevel::Town, AdminLevel::Community]
                            [level as usize],
                        code,
                        grids: acc.grids,
                        compliant_grids: acc.compliant,
                        by_code,
                        by_rule,
                    }
                })
                .collect(),
        }
    }

    /// The units of one level only.
    ///
    /// ```
    /// # use wangge::policy::Policy;
    /// # use wangge::staffing::{GridInfo, GridSet, Roster};
    /// # let p = Policy::preset("seed000")?;
    /// # let roster = Roster::from_json(r#"{"format": 1}"#)?;
    /// # let grids = GridSet::new(vec![GridInfo::new("330102016001001".parse()?)])?;
    /// let s = p.staffing.validate(&roster, &grids, "2024-01-01".parse().unwrap(), None)?.summary();
    /// let towns: Vec<_> = s.level(wangge::code::AdminLevel::Town).collect();
    /// assert_eq!(towns[0].code.to_string(), "330102016000");
    /// # Ok::<(), wangge::Error>(())
    /// ```
    pub fn level(&self, level: AdminLevel) -> impl Iterator<Item = &UnitSummary> {
        self.units.iter().filter(move |u| u.level == level)
    }
}

/// The county, town and community of a grid, keyed for ordering by level.
fn unit_keys(g: &GridCode) -> [(u8, AdminCode); 3] {
    let community = g.community();
    let town = community.parent().unwrap_or(community);
    [(0, community.county()), (1, town), (2, community)]
}
