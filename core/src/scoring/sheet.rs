//! Score sheets as data: items, scale, grades, stars, pay, eligibility, ranking.

use serde::{Deserialize, Serialize};

use super::rule::{Resolved, Src, resolve_source};
use super::{Basis, Composite, Indicator, Rule, ScoringError};

/// A score sheet as written (TOML or JSON). See [`Sheet`] for the validated form.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SheetFile {
    /// The id (`jinhua_unit`).
    pub id: String,
    /// Display name.
    pub name: String,
    /// Whether the sheet reproduces a published one or is a default.
    #[serde(default)]
    pub basis: Basis,
    /// Where it comes from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    /// The total the items' max points add up to (100, 1,000). Bonus items are outside it.
    pub scale: f64,
    /// The items.
    pub items: Vec<Item>,
    /// Grades by percentage of the scale, best first (default A–E: ≥90/75/60/40/0).
    #[serde(default = "default_grades")]
    pub grades: Vec<Grade>,
    /// Stars (星级), if the sheet awards them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stars: Option<Stars>,
    /// Pay by score (以分带资), if the sheet sets it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pay: Option<Pay>,
    /// Eligibility rules (seed 002: satisfaction below 90 % → not 先进).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub eligibility: Vec<EligibilityRule>,
    /// Ranking rules.
    #[serde(default)]
    pub ranking: Ranking,
    /// The share of a larger assessment this sheet is (seed 002: 50 of 1,000).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub composite: Option<Composite>,
}

/// One item: id, name, max points and the rule.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Item {
    /// The id.
    pub id: String,
    /// Display name.
    #[serde(default)]
    pub name: String,
    /// Max points (for a bonus: its cap).
    pub max: f64,
    /// The rule.
    pub rule: Rule,
}

/// A grade and the lowest percentage of the scale that earns it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Grade {
    /// The grade (`"A"`, `"优秀"`).
    pub grade: String,
    /// The lowest percentage of the scale (0–100).
    pub min: f64,
}

fn default_grades() -> Vec<Grade> {
    [
        ("A", 90.0),
        ("B", 75.0),
        ("C", 60.0),
        ("D", 40.0),
        ("E", 0.0),
    ]
    .into_iter()
    .map(|(g, m)| Grade {
        grade: g.into(),
        min: m,
    })
    .collect()
}

/// Stars (星级评定): bands by percentage of the scale, an optional quota per level
/// (总量控制) and an eligibility condition (in post more than N months).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Stars {
    /// Bands, most stars first.
    pub bands: Vec<StarBand>,
    /// At most `share` of the eligible units may hold `stars` (rounded down); a unit over
    /// the quota drops to the next level down.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub quota: Vec<StarQuota>,
    /// Only units in post more than this many months get stars (a per-unit input,
    /// `months_in_post`; units without it are not rated).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_months_in_post: Option<u32>,
}

/// One star band.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StarBand {
    /// Stars (1–10).
    pub stars: u8,
    /// The lowest percentage of the scale.
    pub min: f64,
}

/// A quota for one star level.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StarQuota {
    /// The level.
    pub stars: u8,
    /// The largest share of eligible units (0–1).
    pub share: f64,
}

/// What the performance part of pay follows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PayBy {
    /// `per_star[stars]`.
    Stars,
    /// `performance × total ÷ scale`.
    Score,
}

/// Pay (以分带资): `base` plus a part by stars or by score.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Pay {
    /// The base pay.
    pub base: f64,
    /// What the performance part follows.
    pub by: PayBy,
    /// The performance part at the full scale (by score).
    #[serde(default)]
    pub performance: f64,
    /// The performance part per number of stars, from 0 stars up (by stars).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub per_star: Vec<f64>,
}

/// An eligibility rule: a rate below `below` makes the unit not eligible for 先进 and/or
/// deducts points (90.00 % is not below 90).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EligibilityRule {
    /// The rate.
    pub of: String,
    /// The threshold (percentage).
    pub below: f64,
    /// Below → not eligible for 先进.
    #[serde(default)]
    pub not_advanced: bool,
    /// Below → this many points off the total.
    #[serde(default)]
    pub deduct: f64,
}

/// Ranking rules: units with fewer than `min_cases` (counted by `count`) are not ranked
/// (宁波: < 15 a quarter); the red list is the top `red`, the black list the bottom `black`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Ranking {
    /// The fewest cases a ranked unit has.
    pub min_cases: u64,
    /// The count indicator the minimum applies to (default `due`).
    pub count: String,
    /// Red list length.
    pub red: usize,
    /// Black list length.
    pub black: usize,
}

impl Default for Ranking {
    fn default() -> Self {
        Ranking {
            min_cases: 0,
            count: "due".into(),
            red: 0,
            black: 0,
        }
    }
}

/// A validated sheet with its sources resolved against a policy's indicators.
#[derive(Debug, Clone, PartialEq)]
pub struct Sheet {
    file: SheetFile,
    pub(crate) rules: Vec<Resolved>,
    pub(crate) eligibility: Vec<Src>,
    pub(crate) rank_count: Indicator,
}

impl Sheet {
    /// Validates a sheet against the indicators of a policy (`template` gives the rounding
    /// and weights of indicators named inline as `kind@denominator`).
    pub(crate) fn new(
        file: SheetFile,
        indicators: &[Indicator],
        template: &Indicator,
    ) -> Result<Sheet, ScoringError> {
        let id = file.id.clone();
        let err = |f: &str, m: &str| ScoringError::sheet(&id, f, m);
        if id.trim().is_empty() {
            return Err(err("id", "must not be empty"));
        }
        if !(file.scale.is_finite() && file.scale > 0.0) {
            return Err(err("scale", "must be a positive number"));
        }
        if file.items.is_empty() {
            return Err(err("items", "a sheet needs at least one item"));
        }
        let mut rules = Vec::with_capacity(file.items.len());
        let mut sum = 0.0;
        for (i, item) in file.items.iter().enumerate() {
            let f = format!("items[{i}]");
            if file.items[..i].iter().any(|o| o.id == item.id) || item.id.is_empty() {
                return Err(err(&format!("{f}.id"), "ids must be unique and not empty"));
            }
            if !(item.max.is_finite() && item.max > 0.0) {
                return Err(err(&format!("{f}.max"), "must be a positive number"));
            }
            let r = Resolved::new(&item.rule, &format!("{f}.rule"), &id, indicators, template)?;
            if !r.is_bonus() {
                sum += item.max;
            }
            rules.push(r);
        }
        if (sum - file.scale).abs() > 1e-9 * file.scale {
            return Err(err(
                "items",
                &format!(
                    "the items' max points add up to {sum}, not the scale {}",
                    file.scale
                ),
            ));
        }
        let ordered = |mins: Vec<f64>| {
            mins.iter().all(|m| (0.0..=100.0).contains(m)) && mins.windows(2).all(|w| w[0] > w[1])
        };
        if file.grades.is_empty() || !ordered(file.grades.iter().map(|g| g.min).collect()) {
            return Err(err(
                "grades",
                "give grades best first, mins falling within 0–100",
            ));
        }
        if let Some(s) = &file.stars {
            if s.bands.is_empty()
                || !ordered(s.bands.iter().map(|b| b.min).collect())
                || s.bands.windows(2).any(|w| w[0].stars <= w[1].stars)
                || s.bands.iter().any(|b| b.stars == 0 || b.stars > 10)
            {
                return Err(err(
                    "stars.bands",
                    "give bands most stars first (1–10), mins falling within 0–100",
                ));
            }
            for (i, q) in s.quota.iter().enumerate() {
                let known = s.bands.iter().any(|b| b.stars == q.stars);
                if !(q.share > 0.0 && q.share <= 1.0 && known) {
                    return Err(err(
                        &format!("stars.quota[{i}]"),
                        "share must be in (0, 1] for a level the bands award",
                    ));
                }
            }
        }
        if let Some(p) = &file.pay {
            let amount = |x: f64| x.is_finite() && x >= 0.0;
            let bad = !(amount(p.base) && amount(p.performance))
                || p.per_star.iter().any(|x| !(x.is_finite() && *x >= 0.0));
            if bad {
                return Err(err("pay", "amounts must be finite and ≥ 0"));
            }
            if p.by == PayBy::Stars {
                let top = file
                    .stars
                    .as_ref()
                    .and_then(|s| s.bands.first())
                    .map(|b| b.stars as usize);
                if top.is_none_or(|t| p.per_star.len() <= t) {
                    return Err(err(
                        "pay.per_star",
                        "pay by stars needs stars and an amount for 0 up to the most stars",
                    ));
                }
            }
        }
        let mut eligibility = vec![];
        for (i, e) in file.eligibility.iter().enumerate() {
            let f = format!("eligibility[{i}]");
            let s = resolve_source(&e.of, indicators, template)
                .filter(|s| !matches!(s, Src::Indicator(i) if i.kind.is_count()))
                .ok_or_else(|| err(&format!("{f}.of"), "must name a rate or an input"))?;
            if !(e.deduct.is_finite() && e.deduct >= 0.0 && e.below.is_finite()) {
                return Err(err(&f, "below and deduct must be finite, deduct ≥ 0"));
            }
            eligibility.push(s);
        }
        let rank_count = match resolve_source(&file.ranking.count, indicators, template) {
            Some(Src::Indicator(i)) if i.kind.is_count() => i,
            _ => {
                return Err(err(
                    "ranking.count",
                    "must name a count indicator (due, registered …)",
                ));
            }
        };
        if let Some(c) = &file.composite
            && !(c.part.is_finite() && c.of.is_finite() && c.part > 0.0 && c.part <= c.of)
        {
            return Err(err("composite", "need 0 < part ≤ of"));
        }
        Ok(Sheet {
            file,
            rules,
            eligibility,
            rank_count,
        })
    }

    /// The sheet as written.
    pub fn file(&self) -> &SheetFile {
        &self.file
    }

    /// The id.
    pub fn id(&self) -> &str {
        &self.file.id
    }

    /// The highest total: the scale plus the bonus caps.
    pub fn max_total(&self) -> f64 {
        self.file.scale
            + self
                .file
                .items
                .iter()
                .zip(&self.rules)
                .filter(|(_, r)| r.is_bonus())
                .map(|(i, _)| i.max)
                .sum::<f64>()
    }

    /// The grade of a total.
    pub(crate) fn grade(&self, total: f64) -> Option<String> {
        let pct = total / self.file.scale * 100.0;
        self.file
            .grades
            .iter()
            .find(|g| pct >= g.min)
            .map(|g| g.grade.clone())
    }

    /// The stars a total earns by the bands (before quotas).
    pub(crate) fn band_stars(&self, total: f64) -> Option<u8> {
        let pct = total / self.file.scale * 100.0;
        let s = self.file.stars.as_ref()?;
        Some(s.bands.iter().find(|b| pct >= b.min).map_or(0, |b| b.stars))
    }
}
