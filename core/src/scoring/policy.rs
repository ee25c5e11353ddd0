//! The `[scoring]` section of a policy.

use chrono_tz::Tz;
use serde::{Deserialize, Serialize};

use super::{
    Denominator, Indicator, IndicatorKind, LinkedWeights, PeriodKind, Rounding, ScoringError,
    Sheet, SheetFile, library,
};

/// Whether a sheet or figure reproduces a published one.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Basis {
    /// Published by the locality (a seed or a cited document).
    Published,
    /// From open-source code or practice, not an official document.
    Unofficial,
    /// A default: the locality publishes no sheet; numbers are placeholders.
    #[default]
    Default,
}

/// One indicator as written: an id, its kind, and optionally its denominator and rounding.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IndicatorFile {
    /// The id (a default id such as `completion` overrides it).
    pub id: String,
    /// What it measures.
    pub kind: IndicatorKind,
    /// The denominator (default: the kind's).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub denominator: Option<Denominator>,
    /// Display rounding (default: the section's).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rounding: Option<Rounding>,
}

/// The periods a locality reports, ranks and reviews by (seed 003: month, quarter, year).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Cadence {
    /// The reporting period.
    pub report: PeriodKind,
    /// The ranking period.
    pub ranking: PeriodKind,
    /// The review period.
    pub review: PeriodKind,
}

/// The `[scoring]` section as written. Every field has a default: an absent section is
/// the defaults (rates over `due`, two decimals half-up, basically satisfied weighs 0.9).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct ScoringPolicyFile {
    /// Whether the section reproduces published figures or is a default.
    pub basis: Basis,
    /// The time zone periods are cut in (default: the policy calendar's).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub time_zone: Option<String>,
    /// Display rounding of every rate (default two decimals, half-up).
    pub rounding: Rounding,
    /// The weight of 基本满意 in satisfaction (default 0.9; a multiple of 0.001).
    pub basically_satisfied_weight: f64,
    /// Indicators added or redefined (their denominators are policy).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub indicators: Vec<IndicatorFile>,
    /// The policy's own sheets (the library's are available too, by id).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub sheets: Vec<SheetFile>,
    /// The sheet used when none is named.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub default_sheet: Option<String>,
    /// Report / ranking / review periods.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cadence: Option<Cadence>,
    /// Linked assessment weights (责任捆绑).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub linked: Option<LinkedWeights>,
}

impl Default for ScoringPolicyFile {
    fn default() -> Self {
        ScoringPolicyFile {
            basis: Basis::Default,
            time_zone: None,
            rounding: Rounding::default(),
            basically_satisfied_weight: 0.9,
            indicators: vec![],
            sheets: vec![],
            default_sheet: None,
            cadence: None,
            linked: None,
        }
    }
}

/// The validated scoring policy: indicators, sheets, rounding, zone.
///
/// ```
/// use wangge::policy::Policy;
/// let p = Policy::preset("seed002")?;
/// let s = &p.scoring;
/// assert_eq!(s.indicator("completion").unwrap().denominator,
///            Some(wangge::scoring::Denominator::Registered));
/// assert_eq!(s.time_zone(), chrono_tz::Asia::Shanghai);
/// assert!(s.sheet("jinhua_unit").is_ok());      // the library is always there
/// # Ok::<(), wangge::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct ScoringPolicy {
    zone: Tz,
    indicators: Vec<Indicator>,
    template: Indicator,
    sheets: Vec<Sheet>,
    file: ScoringPolicyFile,
}

impl Default for ScoringPolicy {
    fn default() -> Self {
        ScoringPolicy::from_file(ScoringPolicyFile::default(), chrono_tz::Asia::Shanghai)
            .unwrap_or_else(|_| unreachable!("the defaults are valid"))
    }
}

impl ScoringPolicy {
    /// Validates a section; `zone` is used when the section names none (the calendar's).
    pub fn from_file(file: ScoringPolicyFile, zone: Tz) -> Result<ScoringPolicy, ScoringError> {
        let zone = match &file.time_zone {
            Some(z) => z.parse::<Tz>().map_err(|_| {
                ScoringError::policy("time_zone", format!("unknown time zone {z:?}"))
            })?,
            None => zone,
        };
        if file.rounding.decimals > super::rounding::MAX_DECIMALS {
            return Err(ScoringError::policy("rounding.decimals", "at most 6"));
        }
        let w = file.basically_satisfied_weight;
        let milli = (w * 1000.0).round();
        if !(0.0..=1.0).contains(&w) || (milli - w * 1000.0).abs() > 1e-6 {
            return Err(ScoringError::policy(
                "basically_satisfied_weight",
                "must be within 0–1, a multiple of 0.001",
            ));
        }
        let milli = milli as u32;
        let mut indicators: Vec<Indicator> = IndicatorKind::ALL
            .iter()
            .map(|&(id, k)| Indicator::new(id, k, file.rounding, milli))
            .collect();
        for (i, f) in file.indicators.iter().enumerate() {
            let field = format!("indicators[{i}]");
            if f.id.is_empty() || f.id.contains([':', '@']) {
                return Err(ScoringError::policy(
                    format!("{field}.id"),
                    "must be non-empty, without ':' or '@'",
                ));
            }
            let rounding = f.rounding.unwrap_or(file.rounding);
            if rounding.decimals > super::rounding::MAX_DECIMALS {
                return Err(ScoringError::policy(
                    format!("{field}.rounding.decimals"),
                    "at most 6",
                ));
            }
            let mut ind = Indicator::new(&f.id, f.kind, rounding, milli);
            if f.denominator.is_some() {
                ind.denominator = f.denominator;
            }
            ind.check(&format!("{field}.denominator"))?;
            match indicators.iter_mut().find(|x| x.id == f.id) {
                Some(x) => *x = ind,
                None => indicators.push(ind),
            }
        }
        let template = Indicator::new("", IndicatorKind::Completion, file.rounding, milli);
        let mut sheets: Vec<Sheet> = vec![];
        for f in &file.sheets {
            if sheets.iter().any(|s| s.id() == f.id) {
                return Err(ScoringError::sheet(&f.id, "id", "two sheets share this id"));
            }
            sheets.push(Sheet::new(f.clone(), &indicators, &template)?);
        }
        if let Some(l) = &file.linked {
            l.check()?;
        }
        let p = ScoringPolicy {
            zone,
            indicators,
            template,
            sheets,
            file,
        };
        if let Some(id) = &p.file.default_sheet {
            p.sheet(id)?;
        }
        Ok(p)
    }

    /// The zone periods are cut in.
    pub fn time_zone(&self) -> Tz {
        self.zone
    }

    /// Every indicator (the defaults, then the policy's additions).
    pub fn indicators(&self) -> &[Indicator] {
        &self.indicators
    }

    /// An indicator by id.
    pub fn indicator(&self, id: &str) -> Option<&Indicator> {
        self.indicators.iter().find(|i| i.id == id)
    }

    /// A sheet by id: the policy's own, else the library's (validated against this
    /// policy's indicators).
    pub fn sheet(&self, id: &str) -> Result<Sheet, ScoringError> {
        if let Some(s) = self.sheets.iter().find(|s| s.id() == id) {
            return Ok(s.clone());
        }
        let f = library::library_sheet(id)
            .ok_or_else(|| ScoringError::UnknownSheet(id.chars().take(60).collect()))?;
        Sheet::new(f, &self.indicators, &self.template)
    }

    /// The default sheet's id, if the policy names one.
    pub fn default_sheet(&self) -> Option<&str> {
        self.file.default_sheet.as_deref()
    }

    /// Linked assessment weights, if any.
    pub fn linked(&self) -> Option<LinkedWeights> {
        self.file.linked
    }

    /// The section as written.
    pub fn file(&self) -> &ScoringPolicyFile {
        &self.file
    }
}
