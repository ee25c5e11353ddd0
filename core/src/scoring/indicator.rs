//! Indicators: each a declared numerator over a declared denominator.

use serde::{Deserialize, Serialize};

use super::{Counts, Rounding, ScoringError};

/// What an indicator measures.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum IndicatorKind {
    /// 办结率: closed ÷ the denominator (default `due`).
    Completion,
    /// 按期办结率: closed at or before `due_at` ÷ the denominator (default `due`).
    OnTime,
    /// 满意率: (satisfied + w × basically satisfied) ÷ revisited (Beijing style; w is policy).
    Satisfaction,
    /// 响应率: reached at the return visit ÷ revisited.
    Response,
    /// 解决率: resolved in the reporter's view ÷ revisited.
    Resolution,
    /// 返工率: due cases with a rework ÷ due. Lower is better.
    Rework,
    /// 有效上报率: registered ÷ reported (voided and merged reports are not valid).
    ReportValidity,
    /// 漏报率: registered cases not from the grid's patrol ÷ registered. Lower is better.
    MissedReport,
    /// Urgent cases closed ÷ urgent cases due.
    UrgentCompletion,
    /// Urgent cases closed on time ÷ urgent cases due.
    UrgentOnTime,
    /// Count of cases reported.
    Reported,
    /// Count of cases registered.
    Registered,
    /// Count of cases due.
    Due,
    /// Count of due cases closed.
    Closed,
    /// Count of reworks over the due cases.
    ReworkCount,
}

/// The denominator of a rate (policy).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Denominator {
    /// Cases due in the period (天门: both rates divide by "due").
    Due,
    /// Cases registered in the period (seed 002's 98.9 %); the numerator counts those of
    /// them closed (on time) by the period's end.
    Registered,
    /// Due less deferred (金华).
    DueMinusDeferred,
    /// Due cases closed (数字城管 on-time closing = closed on time ÷ closed).
    Closed,
    /// Cases revisited.
    Revisited,
    /// Revisited cases that were rated.
    Rated,
    /// Cases reported.
    Reported,
    /// Urgent cases due.
    UrgentDue,
}

/// Which way is good.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    /// More is better.
    HigherIsBetter,
    /// Less is better (rework, missed reports): rules invert it explicitly.
    LowerIsBetter,
}

/// The instant that places a case in the period for an indicator.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Anchor {
    /// `due_at` falls in the period.
    DueAt,
    /// `reported_at` falls in the period.
    ReportedAt,
    /// `closed_at` falls in the period (return visits).
    ClosedAt,
}

/// A fraction with its numerator in thousandths (so that 0.9 × basically satisfied stays
/// exact) and an integer denominator.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Ratio {
    /// The numerator × 1000.
    pub numerator_milli: u128,
    /// The denominator; 0 = not applicable.
    pub denominator: u64,
}

impl Ratio {
    fn of(n: u64, d: u64) -> Ratio {
        Ratio {
            numerator_milli: u128::from(n) * 1000,
            denominator: d,
        }
    }

    /// The percentage, or `None` when the denominator is empty. Computed as one correctly
    /// rounded division of exact integers, so a rate exactly on a threshold (90.00 %)
    /// compares equal to it.
    pub fn percent(&self) -> Option<f64> {
        (self.denominator > 0)
            .then(|| self.numerator_milli as f64 / (self.denominator as f64 * 10.0))
    }
}

/// One indicator of a policy: an id, what it measures, its denominator and rounding.
#[derive(Debug, Clone, PartialEq)]
pub struct Indicator {
    /// The id sheets refer to (`completion`, `completion_due` …).
    pub id: String,
    /// What it measures.
    pub kind: IndicatorKind,
    /// The denominator (`None` for counts).
    pub denominator: Option<Denominator>,
    /// Display rounding.
    pub rounding: Rounding,
    /// The weight of 基本满意 in thousandths (satisfaction only; 900 = 0.9).
    pub basically_satisfied_milli: u32,
}

/// An indicator's declaration, as reported with every result.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IndicatorInfo {
    /// The id.
    pub id: String,
    /// The kind.
    pub kind: IndicatorKind,
    /// The numerator, in words.
    pub numerator: String,
    /// The denominator (`null` for a count).
    pub denominator: Option<Denominator>,
    /// The instant that places a case in the period.
    pub anchor: Anchor,
    /// Which way is good.
    pub direction: Direction,
    /// Whether the value is a percentage (else a count).
    pub rate: bool,
}

/// An indicator's value for one unit: `{"numerator", "denominator", "value", "display"}`.
/// `value` is the percentage (or the count); it and `display` are `null` when the
/// denominator is empty (not applicable — never 0 % or 100 %).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct IndicatorValue {
    /// The numerator (fractional for weighted satisfaction).
    pub numerator: f64,
    /// The denominator (`null` for a count).
    pub denominator: Option<u64>,
    /// The percentage or count; `null` when not applicable.
    pub value: Option<f64>,
    /// The value rounded for display (`"93.72%"`); `null` when not applicable.
    pub display: Option<String>,
}

impl IndicatorKind {
    /// The default denominator (`None` for counts).
    pub fn default_denominator(self) -> Option<Denominator> {
        use IndicatorKind::*;
        match self {
            Completion | OnTime | Rework => Some(Denominator::Due),
            Satisfaction | Response | Resolution => Some(Denominator::Revisited),
            ReportValidity => Some(Denominator::Reported),
            MissedReport => Some(Denominator::Registered),
            UrgentCompletion | UrgentOnTime => Some(Denominator::UrgentDue),
            Reported | Registered | Due | Closed | ReworkCount => None,
        }
    }

    /// The denominators this kind may use.
    pub fn allowed(self) -> &'static [Denominator] {
        use Denominator as D;
        use IndicatorKind::*;
        match self {
            Completion => &[D::Due, D::Registered, D::DueMinusDeferred],
            OnTime => &[D::Due, D::Registered, D::DueMinusDeferred, D::Closed],
            Satisfaction => &[D::Revisited, D::Rated],
            Response | Resolution => &[D::Revisited],
            Rework => &[D::Due, D::Closed],
            ReportValidity => &[D::Reported],
            MissedReport => &[D::Registered],
            UrgentCompletion | UrgentOnTime => &[D::UrgentDue],
            Reported | Registered | Due | Closed | ReworkCount => &[],
        }
    }

    /// Which way is good (counts are neither: a sheet says which way it scores them).
    pub fn direction(self) -> Direction {
        match self {
            IndicatorKind::Rework | IndicatorKind::MissedReport => Direction::LowerIsBetter,
            _ => Direction::HigherIsBetter,
        }
    }

    /// Whether the kind is a count rather than a rate.
    pub fn is_count(self) -> bool {
        self.default_denominator().is_none()
    }

    /// Every kind with its default id.
    pub const ALL: &'static [(&'static str, IndicatorKind)] = &[
        ("completion", IndicatorKind::Completion),
        ("on_time", IndicatorKind::OnTime),
        ("satisfaction", IndicatorKind::Satisfaction),
        ("response", IndicatorKind::Response),
        ("resolution", IndicatorKind::Resolution),
        ("rework", IndicatorKind::Rework),
        ("report_validity", IndicatorKind::ReportValidity),
        ("missed_report", IndicatorKind::MissedReport),
        ("urgent_completion", IndicatorKind::UrgentCompletion),
        ("urgent_on_time", IndicatorKind::UrgentOnTime),
        ("reported", IndicatorKind::Reported),
        ("registered", IndicatorKind::Registered),
        ("due", IndicatorKind::Due),
        ("closed", IndicatorKind::Closed),
        ("rework_count", IndicatorKind::ReworkCount),
    ];

    /// The kind of a default id.
    pub fn from_id(id: &str) -> Option<IndicatorKind> {
        IndicatorKind::ALL
            .iter()
            .find(|(n, _)| *n == id)
            .map(|&(_, k)| k)
    }
}

impl Indicator {
    /// An indicator with its kind's default denominator.
    pub fn new(id: &str, kind: IndicatorKind, rounding: Rounding, weight_milli: u32) -> Indicator {
        Indicator {
            id: id.to_string(),
            kind,
            denominator: kind.default_denominator(),
            rounding,
            basically_satisfied_milli: weight_milli,
        }
    }

    /// Checks that the denominator fits the kind.
    pub(crate) fn check(&self, field: &str) -> Result<(), ScoringError> {
        match self.denominator {
            None if self.kind.is_count() => Ok(()),
            Some(d) if self.kind.allowed().contains(&d) => Ok(()),
            _ => Err(ScoringError::policy(
                field,
                format!(
                    "{:?} cannot use denominator {:?} (allowed: {:?})",
                    self.kind,
                    self.denominator,
                    self.kind.allowed()
                ),
            )),
        }
    }

    /// The ratio from a unit's counters (a count has denominator 0 and is never N/A).
    pub fn ratio(&self, c: &Counts) -> Ratio {
        use Denominator as D;
        use IndicatorKind::*;
        let less = |a: u64, b: u64| a.saturating_sub(b);
        match (self.kind, self.denominator.unwrap_or(D::Due)) {
            (Completion, D::Registered) => Ratio::of(c.registered_closed, c.registered),
            (Completion, D::DueMinusDeferred) => Ratio::of(
                less(c.closed, c.closed_deferred),
                less(c.due, c.due_deferred),
            ),
            (Completion, _) => Ratio::of(c.closed, c.due),
            (OnTime, D::Registered) => Ratio::of(c.registered_on_time, c.registered),
            (OnTime, D::DueMinusDeferred) => Ratio::of(
                less(c.on_time, c.on_time_deferred),
                less(c.due, c.due_deferred),
            ),
            (OnTime, D::Closed) => Ratio::of(c.on_time, c.closed),
            (OnTime, _) => Ratio::of(c.on_time, c.due),
            (Satisfaction, d) => Ratio {
                numerator_milli: u128::from(c.satisfied) * 1000
                    + u128::from(c.basically_satisfied)
                        * u128::from(self.basically_satisfied_milli),
                denominator: if d == D::Rated {
                    c.satisfied + c.basically_satisfied + c.unsatisfied
                } else {
                    c.revisited
                },
            },
            (Response, _) => Ratio::of(c.contacted, c.revisited),
            (Resolution, _) => Ratio::of(c.resolved, c.revisited),
            (Rework, D::Closed) => Ratio::of(c.reworked, c.closed),
            (Rework, _) => Ratio::of(c.reworked, c.due),
            (ReportValidity, _) => Ratio::of(c.registered, c.reported),
            (MissedReport, _) => Ratio::of(c.missed, c.registered),
            (UrgentCompletion, _) => Ratio::of(c.closed_urgent, c.due_urgent),
            (UrgentOnTime, _) => Ratio::of(c.on_time_urgent, c.due_urgent),
            (Reported, _) => Ratio::of(c.reported, 0),
            (Registered, _) => Ratio::of(c.registered, 0),
            (Due, _) => Ratio::of(c.due, 0),
            (Closed, _) => Ratio::of(c.closed, 0),
            (ReworkCount, _) => Ratio::of(c.rework, 0),
        }
    }

    /// The value: a percentage (`None` if not applicable) or a count.
    pub fn value(&self, c: &Counts) -> Option<f64> {
        let r = self.ratio(c);
        if self.kind.is_count() {
            Some((r.numerator_milli / 1000) as f64)
        } else {
            r.percent()
        }
    }

    /// The value for output, with its display.
    pub fn evaluate(&self, c: &Counts) -> IndicatorValue {
        let r = self.ratio(c);
        if self.kind.is_count() {
            let n = (r.numerator_milli / 1000) as u64;
            return IndicatorValue {
                numerator: n as f64,
                denominator: None,
                value: Some(n as f64),
                display: Some(n.to_string()),
            };
        }
        IndicatorValue {
            numerator: r.numerator_milli as f64 / 1000.0,
            denominator: Some(r.denominator),
            value: r.percent(),
            display: (r.denominator > 0)
                .then(|| self.rounding.percent(r.numerator_milli, r.denominator)),
        }
    }

    /// The declaration.
    pub fn info(&self) -> IndicatorInfo {
        use IndicatorKind::*;
        let d = self.denominator;
        let numerator = match self.kind {
            Completion if d == Some(Denominator::Registered) => {
                "registered cases closed by the period's end"
            }
            Completion if d == Some(Denominator::DueMinusDeferred) => {
                "due cases, not deferred, closed by the period's end"
            }
            Completion => "due cases closed by the period's end",
            OnTime => "cases closed at or before due_at",
            Satisfaction => "satisfied + weight × basically satisfied",
            Response => "revisited cases whose reporter was reached",
            Resolution => "revisited cases resolved in the reporter's view",
            Rework => "cases with at least one rework",
            ReportValidity => "reports neither voided nor merged",
            MissedReport => "registered cases not reported by the grid's patrol",
            UrgentCompletion => "urgent due cases closed",
            UrgentOnTime => "urgent due cases closed on time",
            Reported => "cases reported",
            Registered => "cases registered",
            Due => "cases due",
            Closed => "due cases closed",
            ReworkCount => "reworks of due cases",
        };
        let anchor = match (self.kind, d) {
            (Satisfaction | Response | Resolution, _) => Anchor::ClosedAt,
            (ReportValidity | MissedReport | Reported | Registered, _)
            | (_, Some(Denominator::Registered)) => Anchor::ReportedAt,
            _ => Anchor::DueAt,
        };
        IndicatorInfo {
            id: self.id.clone(),
            kind: self.kind,
            numerator: numerator.to_string(),
            denominator: d,
            anchor,
            direction: self.kind.direction(),
            rate: !self.kind.is_count(),
        }
    }
}
