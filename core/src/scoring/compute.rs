//! From a partial to scores: indicators, sheet items, totals, grades, stars, pay, ranks.

use std::collections::BTreeMap;

use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};

use super::rule::Ctx;
use super::{
    Basis, Counts, GroupBy, IndicatorInfo, IndicatorValue, Link, Partial, PayBy, Period,
    PeriodBounds, ScoringError, ScoringPolicy, Sheet, round6,
};
use crate::record::CaseRecord;

/// What the host knows about a unit that the records do not say.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct UnitInput {
    /// Named values for `input:NAME` sources (rates in percent, counts, or points).
    pub values: BTreeMap<String, f64>,
    /// Named level lists for bonus items (`{"innovations": ["county", "province"]}`).
    pub levels: BTreeMap<String, Vec<String>>,
    /// Months in post (stars eligibility).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub months_in_post: Option<u32>,
}

/// What to score.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ScoreRequest {
    /// The period.
    pub period: Period,
    /// The grouping (default grid).
    #[serde(default)]
    pub by: GroupBy,
    /// The sheet (default: the policy's default sheet; none → indicators only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sheet: Option<String>,
    /// Count only what happened before this instant (default: the period's end).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub as_of: Option<DateTime<FixedOffset>>,
    /// Per-unit inputs, by unit id.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub inputs: BTreeMap<String, UnitInput>,
    /// Linked assessments (the policy's `linked` weights).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub links: Vec<Link>,
}

impl ScoreRequest {
    /// A request for a period and grouping, with the policy's default sheet.
    pub fn new(period: Period, by: GroupBy) -> ScoreRequest {
        ScoreRequest {
            period,
            by,
            sheet: None,
            as_of: None,
            inputs: BTreeMap::new(),
            links: vec![],
        }
    }

    /// The same request with a sheet.
    pub fn with_sheet(mut self, id: &str) -> ScoreRequest {
        self.sheet = Some(id.to_string());
        self
    }
}

/// One item's points (`null` when its value is not applicable).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ItemScore {
    /// The item id.
    pub id: String,
    /// Its max points.
    pub max: f64,
    /// The points.
    pub points: Option<f64>,
}

/// One unit's scores.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct UnitScore {
    /// The unit id (grid code, community code, handler, class …).
    pub unit: String,
    /// Every indicator of the policy, by id.
    pub indicators: BTreeMap<String, IndicatorValue>,
    /// The sheet's items (empty without a sheet).
    pub items: Vec<ItemScore>,
    /// The total: the applicable items' points scaled up to the sheet's scale (an item that
    /// is not applicable is left out, never counted as 0), plus bonuses, less eligibility
    /// deductions; `null` without a sheet or when no item applies.
    pub total: Option<f64>,
    /// The highest possible total.
    pub max: Option<f64>,
    /// The grade.
    pub grade: Option<String>,
    /// Stars (after quotas and eligibility), if the sheet awards them.
    pub stars: Option<u8>,
    /// Pay, if the sheet sets it.
    pub pay: Option<f64>,
    /// Eligible for 先进 under the sheet's eligibility rules (`null` without rules).
    pub advanced_eligible: Option<bool>,
    /// The points in the larger assessment (`composite`), if the sheet is part of one.
    pub composite: Option<f64>,
    /// The rank among ranked units (1 = best; ties share a rank), `null` if not ranked.
    pub rank: Option<usize>,
}

/// The sheet a result was scored with.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SheetSummary {
    /// The id.
    pub id: String,
    /// The name.
    pub name: String,
    /// Published, unofficial or default.
    pub basis: Basis,
    /// The scale.
    pub scale: f64,
}

/// One linked person's score.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LinkedScore {
    /// The person.
    pub id: String,
    /// The linked score.
    pub score: f64,
}

/// The result of scoring one period.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ScoreResult {
    /// The period.
    pub period: Period,
    /// Its bounds (local time of the policy's zone).
    pub bounds: PeriodBounds,
    /// The instant counting stopped at.
    pub cut: DateTime<FixedOffset>,
    /// The grouping.
    pub by: GroupBy,
    /// The sheet, if one was used.
    pub sheet: Option<SheetSummary>,
    /// The indicators' declarations.
    pub indicators: Vec<IndicatorInfo>,
    /// Per unit, sorted by unit id.
    pub units: Vec<UnitScore>,
    /// Red list: the best ranked units, best first.
    pub red_list: Vec<String>,
    /// Black list: the worst ranked units, worst first.
    pub black_list: Vec<String>,
    /// Linked assessments.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub linked: Vec<LinkedScore>,
}

/// Scores records: counts them into a [`Partial`] and scores it.
pub fn compute(
    policy: &ScoringPolicy,
    records: &[CaseRecord],
    request: &ScoreRequest,
) -> Result<ScoreResult, ScoringError> {
    let partial =
        Partial::from_records(policy, request.period, request.by, request.as_of, records)?;
    score(policy, &partial, request)
}

/// Scores a partial (possibly merged from many). The request's period and grouping must
/// match the partial's.
pub fn score(
    policy: &ScoringPolicy,
    partial: &Partial,
    request: &ScoreRequest,
) -> Result<ScoreResult, ScoringError> {
    if (partial.period, partial.by) != (request.period, request.by) {
        return Err(ScoringError::Input(format!(
            "the partial is {} by {}, the request {} by {}",
            partial.period,
            partial.by.as_str(),
            request.period,
            request.by.as_str()
        )));
    }
    let sheet = match request.sheet.as_deref().or(policy.default_sheet()) {
        Some(id) => Some(policy.sheet(id)?),
        None => None,
    };
    for (unit, input) in &request.inputs {
        if input.values.values().any(|v| !v.is_finite()) {
            return Err(ScoringError::Input(format!(
                "inputs of {:?}: values must be finite",
                unit.chars().take(40).collect::<String>()
            )));
        }
    }
    // Units: those with records, and those the host gave inputs for.
    let empty = Counts::default();
    let mut ids: Vec<&String> = partial.groups.keys().collect();
    ids.extend(
        request
            .inputs
            .keys()
            .filter(|k| !partial.groups.contains_key(*k)),
    );
    ids.sort();
    let mut units = Vec::with_capacity(ids.len());
    for id in ids {
        let counts = partial.groups.get(id).unwrap_or(&empty);
        let input = request.inputs.get(id);
        let indicators = policy
            .indicators()
            .iter()
            .map(|i| (i.id.clone(), i.evaluate(counts)))
            .collect();
        let mut u = UnitScore {
            unit: id.clone(),
            indicators,
            items: vec![],
            total: None,
            max: None,
            grade: None,
            stars: None,
            pay: None,
            advanced_eligible: None,
            composite: None,
            rank: None,
        };
        if let Some(s) = &sheet {
            score_unit(s, &mut u, &Ctx { counts, input })?;
        }
        units.push(u);
    }
    let mut result = ScoreResult {
        period: partial.period,
        bounds: partial.bounds,
        cut: partial.cut,
        by: partial.by,
        sheet: sheet.as_ref().map(|s| SheetSummary {
            id: s.file().id.clone(),
            name: s.file().name.clone(),
            basis: s.file().basis,
            scale: s.file().scale,
        }),
        indicators: policy.indicators().iter().map(|i| i.info()).collect(),
        units,
        red_list: vec![],
        black_list: vec![],
        linked: vec![],
    };
    if let Some(s) = &sheet {
        stars_and_pay(s, &mut result.units, &request.inputs);
        rank(s, partial, &mut result);
        result.linked = linked(policy, s, partial, &result.units, &request.links)?;
    } else if !request.links.is_empty() {
        return Err(ScoringError::Input("links need a sheet".into()));
    }
    Ok(result)
}

/// Items, total, grade, eligibility and composite of one unit.
fn score_unit(s: &Sheet, u: &mut UnitScore, ctx: &Ctx<'_>) -> Result<(), ScoringError> {
    let f = s.file();
    let (mut got, mut possible, mut bonus) = (0.0, 0.0, 0.0);
    for (item, rule) in f.items.iter().zip(&s.rules) {
        let points = rule.points(item.max, ctx)?;
        if let Some(p) = points {
            if rule.is_bonus() {
                bonus += p;
            } else {
                got += p;
                possible += item.max;
            }
        }
        u.items.push(ItemScore {
            id: item.id.clone(),
            max: item.max,
            points,
        });
    }
    u.max = Some(s.max_total());
    if possible == 0.0 {
        return Ok(());
    }
    let mut total = got * f.scale / possible + bonus;
    let mut eligible = None;
    for (rule, src) in f.eligibility.iter().zip(&s.eligibility) {
        let below = ctx.value(src).is_some_and(|v| v < rule.below);
        if rule.not_advanced {
            eligible = Some(eligible.unwrap_or(true) && !below);
        }
        if below {
            total -= rule.deduct;
        }
    }
    let total = round6(total.clamp(0.0, s.max_total()));
    u.total = Some(total);
    u.grade = s.grade(total.min(f.scale));
    u.advanced_eligible = eligible;
    u.composite = f
        .composite
        .map(|c| round6(total.min(f.scale) / f.scale * c.part));
    Ok(())
}

/// Stars by bands, then quotas in order of total; pay.
fn stars_and_pay(s: &Sheet, units: &mut [UnitScore], inputs: &BTreeMap<String, UnitInput>) {
    let f = s.file();
    if let Some(stars) = &f.stars {
        let eligible = |u: &UnitScore| {
            u.total.is_some()
                && stars.min_months_in_post.is_none_or(|m| {
                    inputs
                        .get(&u.unit)
                        .and_then(|i| i.months_in_post)
                        .is_some_and(|have| have > m)
                })
        };
        let mut order: Vec<usize> = (0..units.len()).filter(|&i| eligible(&units[i])).collect();
        order.sort_by(|&a, &b| {
            let (ta, tb) = (units[a].total.unwrap_or(0.0), units[b].total.unwrap_or(0.0));
            tb.total_cmp(&ta)
                .then_with(|| units[a].unit.cmp(&units[b].unit))
        });
        let n = order.len() as f64;
        let mut held: BTreeMap<u8, usize> = BTreeMap::new();
        for i in order {
            let mut st = s.band_stars(units[i].total.unwrap_or(0.0)).unwrap_or(0);
            while st > 0 {
                let cap = stars
                    .quota
                    .iter()
                    .find(|q| q.stars == st)
                    .map(|q| (q.share * n + 1e-9).floor() as usize);
                if cap.is_none_or(|c| held.get(&st).copied().unwrap_or(0) < c) {
                    break;
                }
                st -= 1;
            }
            *held.entry(st).or_default() += 1;
            units[i].stars = Some(st);
        }
    }
    if let Some(p) = &f.pay {
        for u in units.iter_mut() {
            u.pay = match (p.by, u.total, u.stars) {
                (PayBy::Score, Some(t), _) => {
                    Some(round6(p.base + p.performance * t.min(f.scale) / f.scale))
                }
                (PayBy::Stars, _, Some(st)) => Some(round6(
                    p.base + p.per_star.get(st as usize).copied().unwrap_or(0.0),
                )),
                _ => None,
            };
        }
    }
}

/// Ranks units with a total and enough cases; fills the red and black lists.
fn rank(s: &Sheet, partial: &Partial, result: &mut ScoreResult) {
    let r = &s.file().ranking;
    let empty = Counts::default();
    let mut ranked: Vec<usize> = (0..result.units.len())
        .filter(|&i| {
            let u = &result.units[i];
            let c = partial.groups.get(&u.unit).unwrap_or(&empty);
            u.total.is_some() && s.rank_count.value(c).unwrap_or(0.0) >= r.min_cases as f64
        })
        .collect();
    let totals: Vec<f64> = result
        .units
        .iter()
        .map(|u| u.total.unwrap_or(0.0))
        .collect();
    ranked.sort_by(|&a, &b| {
        totals[b]
            .total_cmp(&totals[a])
            .then_with(|| result.units[a].unit.cmp(&result.units[b].unit))
    });
    let mut rank = 0;
    for (pos, &i) in ranked.iter().enumerate() {
        if pos == 0 || totals[ranked[pos - 1]] != totals[i] {
            rank = pos + 1;
        }
        result.units[i].rank = Some(rank);
    }
    let name = |&i: &usize| result.units[i].unit.clone();
    result.red_list = ranked.iter().take(r.red).map(name).collect();
    result.black_list = ranked.iter().rev().take(r.black).map(name).collect();
}

/// Linked assessments by the policy's weights.
fn linked(
    policy: &ScoringPolicy,
    s: &Sheet,
    partial: &Partial,
    units: &[UnitScore],
    links: &[Link],
) -> Result<Vec<LinkedScore>, ScoringError> {
    if links.is_empty() {
        return Ok(vec![]);
    }
    let w = policy.linked().ok_or_else(|| {
        ScoringError::Input("links need the policy's scoring.linked weights".into())
    })?;
    let completion = policy
        .indicator("completion")
        .ok_or_else(|| ScoringError::Input("no completion indicator".into()))?;
    let mut out = vec![];
    for l in links {
        if !l.own.is_finite() {
            return Err(ScoringError::Input(format!(
                "link {:?}: own must be finite",
                l.id
            )));
        }
        let mut totals = vec![];
        let mut counts = Counts::default();
        for m in &l.members {
            let u = units.iter().find(|u| &u.unit == m).ok_or_else(|| {
                ScoringError::Input(format!(
                    "link {:?}: no unit {:?} in the result",
                    l.id,
                    m.chars().take(40).collect::<String>()
                ))
            })?;
            totals.extend(u.total);
            if let Some(c) = partial.groups.get(m) {
                counts.merge(c);
            }
        }
        let score = w.score(l.own, &totals, completion.value(&counts), s.file().scale);
        out.push(LinkedScore {
            id: l.id.clone(),
            score: round6(score),
        });
    }
    Ok(out)
}
