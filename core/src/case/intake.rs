//! Intake (SPEC §3.1): a report becomes a case — category from the catalogue, a grid
//! (given or located), the default tier, emergencies straight to the town centre.

use chrono::{DateTime, FixedOffset};
use serde::Deserialize;

use super::CaseContext;
use super::authorization::{check_role, out_of_jurisdiction, violation};
use super::command::{Command, Op};
use super::error::CaseError;
use super::fact::{Event, Fact, Report};
use super::tiers::tier_unit;
use crate::code::GridCode;
use crate::geo::{Crs, Point};
use crate::record::{Source, Tier, Urgency};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ReportArgs {
    category: String,
    urgency: Urgency,
    #[serde(default = "patrol")]
    source: Source,
    #[serde(default)]
    grid: Option<GridCode>,
    #[serde(default)]
    point: Option<Point>,
    #[serde(default)]
    crs: Option<Crs>,
    #[serde(default)]
    description: String,
    #[serde(default)]
    attachments: Vec<String>,
    #[serde(default)]
    reporter: Option<String>,
    #[serde(default)]
    emergency: Option<bool>,
}

fn patrol() -> Source {
    Source::Patrol
}

/// The `reported` fact of a new case (duplicates are flagged by the book, which sees the
/// other cases).
pub(crate) fn report(cmd: &Command, ctx: &CaseContext<'_>) -> Result<Fact, CaseError> {
    cmd.check()?;
    let p = ctx.policy;
    check_role(p, cmd)?;
    let a: ReportArgs = cmd.args()?;
    let cat = p
        .category(&a.category)
        .ok_or_else(|| CaseError::UnknownCategory(a.category.chars().take(64).collect()))?;
    let point = match a.point {
        Some(pt) => {
            let crs = a.crs.unwrap_or_default();
            let w = crs
                .to_wgs84(pt)
                .map_err(|e| cmd.invalid(format!("report args: point: {e}")))?;
            Some(w)
        }
        None => None,
    };
    let grid = match (a.grid, point) {
        (Some(g), _) => g,
        (None, Some(w)) => match ctx.grids {
            Some(index) => index.locate(w).grid.ok_or_else(|| CaseError::NotLocated {
                case: cmd.case.clone(),
                message: format!("no grid holds the point ({}, {})", w.lon, w.lat),
            })?,
            None => {
                return Err(CaseError::NotLocated {
                    case: cmd.case.clone(),
                    message: "a point needs a grid index (or give the grid)".into(),
                });
            }
        },
        (None, None) => return Err(cmd.invalid("report args: give \"grid\" or \"point\"")),
    };
    if !cmd.actor.unit.contains(&grid) {
        return Err(out_of_jurisdiction(cmd, &grid));
    }
    let emergency = cat.emergency || a.emergency == Some(true);
    let tier = if emergency {
        if !p.emergency_reporters.contains(&cmd.actor.role) {
            let who: Vec<&str> = p.emergency_reporters.iter().map(String::as_str).collect();
            return Err(violation(
                Op::Report,
                "emergency_reporters",
                format!("an emergency is reported by {} only", who.join(", ")),
            ));
        }
        Tier::T3
    } else {
        p.default_tier(&cat.id, a.urgency)
    };
    if a.attachments.len() > 1000 || a.description.len() > 100_000 {
        return Err(cmd.invalid("report args: description or attachments too large"));
    }
    Ok(Fact {
        case: cmd.case.clone(),
        command: Some(cmd.id.clone()),
        at: cmd.at,
        actor: Some(cmd.actor.clone()),
        event: Event::Reported(Box::new(Report {
            category: cat.id.clone(),
            class: cat.class,
            urgency: a.urgency,
            source: a.source,
            grid,
            point: a.point,
            crs: a.point.map(|_| a.crs.unwrap_or_default()),
            description: a.description,
            attachments: a.attachments,
            reporter: a.reporter,
            emergency,
            tier,
            handler: tier_unit(&grid, tier),
            likely_duplicate_of: None,
        })),
    })
}

/// Whether a new report at `point` (WGS84) at `at` is within the duplicate radius and
/// window of an earlier report at `other` reported at `other_at`.
pub(crate) fn near(
    ctx: &CaseContext<'_>,
    point: Point,
    at: &DateTime<FixedOffset>,
    other: Point,
    other_at: &DateTime<FixedOffset>,
) -> bool {
    let p = ctx.policy;
    let within_time = other_at <= at
        && p.duplicate_window
            .add(ctx.calendar, other_at)
            .is_ok_and(|end| *at <= end);
    within_time && crate::geo::measure::distance_m(point, other) <= p.duplicate_radius_m
}
