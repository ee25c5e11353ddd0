//! Item rules: how an indicator's value (or a host input) becomes points.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::{Counts, Direction, Indicator, IndicatorKind, ScoringError, UnitInput};

/// How an item turns a value into points out of its `max`.
///
/// `of` names an indicator of the policy (`"completion"`), an indicator with an explicit
/// denominator (`"on_time@due_minus_deferred"`), or a host input (`"input:volume"`, a
/// per-unit number the records cannot give). A rate's direction is the indicator's own; a
/// rule may restate it (and must agree), and must state it for counts and inputs. A
/// lower-is-better value is inverted by the rule, explicitly, never added as if good.
/// An item whose value is not applicable scores `null`, never 0.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum Rule {
    /// `max × rate` (or `max × (100 − rate)` when lower is better).
    Linear {
        /// The rate.
        of: String,
        /// Which way is good (required for inputs).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        direction: Option<Direction>,
    },
    /// Full points at or beyond `full_at`, less `per_point` for each point short
    /// (金华: on-time ≥ 70 % → 50, −1 per point below), never below 0.
    Threshold {
        /// The rate.
        of: String,
        /// The rate that earns full points.
        full_at: f64,
        /// Points lost per percentage point short.
        per_point: f64,
        /// Which way is good (required for inputs).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        direction: Option<Direction>,
    },
    /// A band ladder: the first band the value satisfies gives a score out of 100, and the
    /// item earns `max × score / 100`; none → `otherwise`. The table must score a better
    /// value no lower than a worse one (checked against the direction).
    Bands {
        /// The value (a rate, a count or an input).
        of: String,
        /// The bands, first match wins.
        bands: Vec<Band>,
        /// The score when no band matches (default 0).
        #[serde(default)]
        otherwise: f64,
        /// Which way is good (required for counts and inputs).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        direction: Option<Direction>,
    },
    /// `max` less the deductions of its terms, capped at `cap` (default `max`).
    Deduction {
        /// The terms.
        terms: Vec<Term>,
        /// The largest total deduction (default: the item's max).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        cap: Option<f64>,
    },
    /// A bonus: the unit's `input` lists levels (`"town"`, `"province"` …), each worth
    /// `levels[level]`; the sum is capped at the item's max (江山: +2/+4/+8/+10, cap 10).
    /// Bonus items are outside the sheet's scale.
    Bonus {
        /// The input listing the unit's levels.
        input: String,
        /// Points per level.
        levels: BTreeMap<String, f64>,
    },
    /// Points given by the host (`input`), clamped to `[0, max]`.
    Input {
        /// The input's name.
        input: String,
    },
}

/// One band: exactly one of `ge`, `gt`, `le`, `lt`, and the score (0–100) it gives.
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Band {
    /// Matches values ≥ this.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ge: Option<f64>,
    /// Matches values > this.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub gt: Option<f64>,
    /// Matches values ≤ this.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub le: Option<f64>,
    /// Matches values < this.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lt: Option<f64>,
    /// The score out of 100.
    pub score: f64,
}

impl Band {
    fn matches(&self, v: f64) -> bool {
        self.ge.is_some_and(|t| v >= t)
            || self.gt.is_some_and(|t| v > t)
            || self.le.is_some_and(|t| v <= t)
            || self.lt.is_some_and(|t| v < t)
    }

    fn thresholds(&self) -> impl Iterator<Item = f64> {
        [self.ge, self.gt, self.le, self.lt].into_iter().flatten()
    }
}

/// One deduction term.
///
/// Without `below`/`above`: `per` points for each event counted by `of` — a counter
/// (`rework`, `reworked`, `failed_verification` (≥ 3 reworks), their leader-assigned parts
/// `rework_leader` and `failed_verification_leader`, `supervised`, `missed`, `voided`,
/// `unsatisfied`) or a host input (`input:falsification`); `leader_multiplier`
/// weighs the events of leader-assigned cases (`rework`, `failed_verification` only).
/// With `below` (or `above`): `per` points for each percentage point the rate `of` falls
/// below (rises above) it; a rate that is not applicable deducts nothing.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Term {
    /// The counter, rate or input.
    pub of: String,
    /// Points per event or per percentage point.
    pub per: f64,
    /// A rate below this deducts.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub below: Option<f64>,
    /// A rate above this deducts.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub above: Option<f64>,
    /// Weight of the events of leader-assigned cases (2 = doubled).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub leader_multiplier: Option<f64>,
}

/// A resolved value source.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Src {
    Indicator(Indicator),
    Input(String),
    Counter(&'static str),
}

/// What a rule reads for one unit.
pub(crate) struct Ctx<'a> {
    pub counts: &'a Counts,
    pub input: Option<&'a UnitInput>,
}

impl Ctx<'_> {
    pub(crate) fn value(&self, s: &Src) -> Option<f64> {
        match s {
            Src::Indicator(i) => i.value(self.counts),
            Src::Input(n) => self.input.and_then(|u| u.values.get(n).copied()),
            Src::Counter(n) => counter(self.counts, n).map(|(all, _)| all as f64),
        }
    }
}

const COUNTERS: &[&str] = &[
    "rework",
    "rework_leader",
    "reworked",
    "failed_verification",
    "failed_verification_leader",
    "supervised",
    "missed",
    "voided",
    "unsatisfied",
];

/// A counter and, where there is one, its leader-assigned part.
fn counter(c: &Counts, name: &str) -> Option<(u64, Option<u64>)> {
    Some(match name {
        "rework" => (c.rework, Some(c.rework_leader)),
        "rework_leader" => (c.rework_leader, None),
        "failed_verification_leader" => (c.failed_verification_leader, None),
        "reworked" => (c.reworked, None),
        "failed_verification" => (c.failed_verification, Some(c.failed_verification_leader)),
        "supervised" => (c.supervised, None),
        "missed" => (c.missed, None),
        "voided" => (c.voided, None),
        "unsatisfied" => (c.unsatisfied, None),
        _ => return None,
    })
}

/// A rule with its sources resolved and checked.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Resolved {
    rule: Rule,
    src: Option<Src>,
    direction: Direction,
    terms: Vec<Src>,
}

/// Resolves `of` against the policy's indicators.
pub(crate) fn resolve_source(
    of: &str,
    indicators: &[Indicator],
    template: &Indicator,
) -> Option<Src> {
    if let Some(name) = of.strip_prefix("input:") {
        return (!name.is_empty()).then(|| Src::Input(name.to_string()));
    }
    if let Some(i) = indicators.iter().find(|i| i.id == of) {
        return Some(Src::Indicator(i.clone()));
    }
    let (kind, den) = of.split_once('@')?;
    let kind = IndicatorKind::from_id(kind)?;
    let den = crate::record::parse_enum_name(den).ok()?;
    let i = Indicator {
        id: of.to_string(),
        kind,
        denominator: Some(den),
        ..template.clone()
    };
    i.check("").ok()?;
    Some(Src::Indicator(i))
}

impl Resolved {
    pub(crate) fn new(
        rule: &Rule,
        field: &str,
        sheet: &str,
        indicators: &[Indicator],
        template: &Indicator,
    ) -> Result<Resolved, ScoringError> {
        let err = |f: &str, m: String| ScoringError::sheet(sheet, format!("{field}.{f}"), m);
        let source = |of: &str| {
            resolve_source(of, indicators, template).ok_or_else(|| {
                err(
                    "of",
                    format!("{of:?} is not an indicator, kind@denominator or input:NAME"),
                )
            })
        };
        let finite = |f: &str, v: f64, min: f64| {
            if v.is_finite() && v >= min {
                Ok(())
            } else {
                Err(err(f, format!("must be a finite number ≥ {min}")))
            }
        };
        let direction = |src: &Src, given: Option<Direction>, rate_only: bool| match src {
            Src::Indicator(i) if i.kind.is_count() => {
                if rate_only {
                    return Err(err("of", format!("{:?} is a count, not a rate", i.id)));
                }
                given.ok_or_else(|| err("direction", "required for a count".into()))
            }
            Src::Indicator(i) => match given {
                Some(d) if d != i.kind.direction() => Err(err(
                    "direction",
                    format!(
                        "{:?} is {:?}; a rule cannot invert it",
                        i.id,
                        i.kind.direction()
                    ),
                )),
                _ => Ok(i.kind.direction()),
            },
            _ => given.ok_or_else(|| err("direction", "required for an input".into())),
        };
        let mut r = Resolved {
            rule: rule.clone(),
            src: None,
            direction: Direction::HigherIsBetter,
            terms: vec![],
        };
        match rule {
            Rule::Linear { of, direction: d } => {
                let s = source(of)?;
                r.direction = direction(&s, *d, true)?;
                r.src = Some(s);
            }
            Rule::Threshold {
                of,
                full_at,
                per_point,
                direction: d,
            } => {
                finite("full_at", *full_at, f64::MIN)?;
                finite("per_point", *per_point, 0.0)?;
                let s = source(of)?;
                r.direction = direction(&s, *d, true)?;
                r.src = Some(s);
            }
            Rule::Bands {
                of,
                bands,
                otherwise,
                direction: d,
            } => {
                let s = source(of)?;
                r.direction = direction(&s, *d, false)?;
                r.src = Some(s);
                if bands.is_empty() {
                    return Err(err("bands", "must not be empty".into()));
                }
                if !(0.0..=100.0).contains(otherwise) {
                    return Err(err("otherwise", "must be a score in 0–100".into()));
                }
                for (i, b) in bands.iter().enumerate() {
                    if b.thresholds().count() != 1 || b.thresholds().any(|t| !t.is_finite()) {
                        return Err(err(
                            &format!("bands[{i}]"),
                            "give exactly one finite ge, gt, le or lt".into(),
                        ));
                    }
                    if !(0.0..=100.0).contains(&b.score) {
                        return Err(err(&format!("bands[{i}].score"), "must be 0–100".into()));
                    }
                }
                if !monotone(bands, *otherwise, r.direction) {
                    return Err(err(
                        "bands",
                        format!(
                            "the table must not score a worse value higher ({:?})",
                            r.direction
                        ),
                    ));
                }
            }
            Rule::Deduction { terms, cap } => {
                if let Some(c) = cap {
                    finite("cap", *c, 0.0)?;
                }
                for (i, t) in terms.iter().enumerate() {
                    let f = format!("terms[{i}]");
                    finite(&format!("{f}.per"), t.per, 0.0)?;
                    let rate = t.below.is_some() || t.above.is_some();
                    if t.below.is_some() && t.above.is_some() {
                        return Err(err(&f, "give at most one of below and above".into()));
                    }
                    let s = if rate {
                        let s = source(&t.of)?;
                        if let Src::Indicator(i) = &s {
                            if i.kind.is_count() {
                                return Err(err(
                                    &format!("{f}.of"),
                                    "below/above need a rate".into(),
                                ));
                            }
                            let d = i.kind.direction();
                            if (t.below.is_some() && d == Direction::LowerIsBetter)
                                || (t.above.is_some() && d == Direction::HigherIsBetter)
                            {
                                return Err(err(
                                    &format!("{f}.of"),
                                    format!("{:?} is {d:?}: deduct on the bad side", i.id),
                                ));
                            }
                        }
                        s
                    } else if let Some(name) = t.of.strip_prefix("input:") {
                        Src::Input(name.to_string())
                    } else {
                        let name = COUNTERS.iter().find(|c| **c == t.of).ok_or_else(|| {
                            err(
                                &format!("{f}.of"),
                                format!("{:?} is not a counter ({})", t.of, COUNTERS.join(", ")),
                            )
                        })?;
                        Src::Counter(name)
                    };
                    if let Some(m) = t.leader_multiplier {
                        finite(&format!("{f}.leader_multiplier"), m, 1.0)?;
                        let has = matches!(&s, Src::Counter(n)
                            if counter(&Counts::default(), n).is_some_and(|(_, l)| l.is_some()));
                        if !has {
                            return Err(err(
                                &format!("{f}.leader_multiplier"),
                                "only rework and failed_verification have leader-assigned parts"
                                    .into(),
                            ));
                        }
                    }
                    r.terms.push(s);
                }
            }
            Rule::Bonus { levels, input } => {
                if input.is_empty() || levels.is_empty() {
                    return Err(err("levels", "give an input and at least one level".into()));
                }
                for (k, v) in levels {
                    finite(&format!("levels.{k}"), *v, 0.0)?;
                }
            }
            Rule::Input { input } => {
                if input.is_empty() {
                    return Err(err("input", "must not be empty".into()));
                }
            }
        }
        Ok(r)
    }

    /// Whether this is a bonus (outside the scale).
    pub(crate) fn is_bonus(&self) -> bool {
        matches!(self.rule, Rule::Bonus { .. })
    }

    /// The points out of `max`, or `None` when the value is not applicable.
    pub(crate) fn points(&self, max: f64, ctx: &Ctx<'_>) -> Result<Option<f64>, ScoringError> {
        let higher = self.direction == Direction::HigherIsBetter;
        let v = || self.src.as_ref().and_then(|s| ctx.value(s));
        let p = match &self.rule {
            Rule::Linear { .. } => v().map(|v| {
                let v = v.clamp(0.0, 100.0);
                max * if higher { v } else { 100.0 - v } / 100.0
            }),
            Rule::Threshold {
                full_at, per_point, ..
            } => v().map(|v| {
                let short = if higher { full_at - v } else { v - full_at };
                max - per_point * short.max(0.0)
            }),
            Rule::Bands {
                bands, otherwise, ..
            } => v().map(|v| {
                let s = bands
                    .iter()
                    .find(|b| b.matches(v))
                    .map_or(*otherwise, |b| b.score);
                max * s / 100.0
            }),
            Rule::Deduction { terms, cap } => {
                let mut total = 0.0;
                for (t, s) in terms.iter().zip(&self.terms) {
                    total += match (t.below, t.above) {
                        (Some(b), _) => ctx.value(s).map_or(0.0, |v| (b - v).max(0.0)) * t.per,
                        (_, Some(a)) => ctx.value(s).map_or(0.0, |v| (v - a).max(0.0)) * t.per,
                        _ => {
                            let n = match s {
                                Src::Counter(name) => {
                                    let (all, leader) =
                                        counter(ctx.counts, name).unwrap_or((0, None));
                                    let m = t.leader_multiplier.unwrap_or(1.0);
                                    all as f64 + (m - 1.0) * leader.unwrap_or(0) as f64
                                }
                                other => ctx.value(other).unwrap_or(0.0).max(0.0),
                            };
                            n * t.per
                        }
                    };
                }
                Some(max - total.min(cap.unwrap_or(max)).min(max))
            }
            Rule::Bonus { input, levels } => {
                let mut sum = 0.0;
                for l in ctx
                    .input
                    .and_then(|u| u.levels.get(input))
                    .into_iter()
                    .flatten()
                {
                    sum += levels.get(l).ok_or_else(|| {
                        ScoringError::Input(format!(
                            "bonus level {:?} of {input:?} is not one of {:?}",
                            l.chars().take(40).collect::<String>(),
                            levels.keys().collect::<Vec<_>>()
                        ))
                    })?;
                }
                Some(sum)
            }
            Rule::Input { input } => ctx.input.and_then(|u| u.values.get(input).copied()),
        };
        Ok(p.map(|p| super::round6(p.clamp(0.0, max))))
    }
}

/// Whether a band table never scores a worse value above a better one.
fn monotone(bands: &[Band], otherwise: f64, d: Direction) -> bool {
    let mut xs: Vec<f64> = vec![-1e15, 1e15];
    for t in bands.iter().flat_map(Band::thresholds) {
        xs.extend([t - 1e-6, t, t + 1e-6]);
    }
    xs.sort_by(f64::total_cmp);
    let score = |v: f64| {
        bands
            .iter()
            .find(|b| b.matches(v))
            .map_or(otherwise, |b| b.score)
    };
    xs.windows(2).all(|w| {
        let (a, b) = (score(w[0]), score(w[1]));
        match d {
            Direction::HigherIsBetter => a <= b,
            Direction::LowerIsBetter => a >= b,
        }
    })
}
