//! One version of one item with its lifecycle ([`Entry`]), and the steps that make it
//! ([`Act`], [`Status`]).

use std::fmt;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::{Actor, Item};

/// Where an entry stands in its lifecycle: proposed → approved → in force → retired.
///
/// An entry that was retired before it came into force (a withdrawn proposal) is
/// `Retired` too; it was simply never in force.
///
/// ```
/// use wangge::admission::Status;
/// assert_eq!(serde_json::to_string(&Status::InForce).unwrap(), "\"in_force\"");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// Proposed (by a department, a town or the office), awaiting approval.
    Proposed,
    /// Approved by the authority, not yet in force.
    Approved,
    /// In force (from its effective date).
    InForce,
    /// Retired, superseded or withdrawn.
    Retired,
}

impl Status {
    /// The snake-case name.
    pub fn name(self) -> &'static str {
        match self {
            Status::Proposed => "proposed",
            Status::Approved => "approved",
            Status::InForce => "in_force",
            Status::Retired => "retired",
        }
    }
}

impl fmt::Display for Status {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// One step of a lifecycle: who did it, on which date, under which document.
///
/// `effective` is the first day a step takes effect (enforcement and retirement only;
/// defaults to `date`); it is never before `date`, so a step never changes the past.
///
/// ```
/// use wangge::admission::Act;
/// let a: Act = toml::from_str(r#"
///     date = "2024-01-10"
///     by = { unit = "county_governance_office", name = "区综治办" }
///     document = "区综治办〔2024〕1号"
/// "#).unwrap();
/// assert_eq!(a.effective_date(), a.date);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Act {
    /// The day the step was taken.
    pub date: NaiveDate,
    /// Who took it.
    pub by: Actor,
    /// Document number (文号); required for approvals.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub document: Option<String>,
    /// First day the step takes effect (enforcement, retirement). Defaults to `date`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub effective: Option<NaiveDate>,
    /// Why (retirement, supersession).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
}

impl Act {
    /// A step on `date` by `by`, with nothing else recorded.
    pub fn new(date: NaiveDate, by: Actor) -> Act {
        Act {
            date,
            by,
            document: None,
            effective: None,
            reason: None,
        }
    }

    /// The first day the step takes effect.
    pub fn effective_date(&self) -> NaiveDate {
        self.effective.unwrap_or(self.date)
    }
}

/// One version of one item, with its lifecycle. Entries live in an
/// [`super::AdmissionList`], which keeps them consistent; read them through its queries.
///
/// ```
/// use chrono::NaiveDate;
/// use wangge::admission::{AdmissionList, Status};
/// let d = |s: &str| s.parse::<NaiveDate>().unwrap();
/// let list = AdmissionList::preset("seed000")?;
/// let e = list.entries().first().unwrap();
/// assert_eq!(e.status(), Status::InForce);
/// assert!(e.approved().unwrap().document.is_some());
/// assert_eq!(e.in_force_interval(), Some((d("2018-01-01"), None)));
/// assert_eq!(e.status_on(d("2017-12-31")), None);
/// assert_eq!(e.status_on(d("2018-01-01")), Some(Status::InForce));
/// assert!(e.in_force_on(d("2030-01-01")));
/// # Ok::<(), wangge::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub(super) item: Item,
    pub(super) version: u32,
    pub(super) proposed: Act,
    pub(super) approved: Option<Act>,
    pub(super) enforced: Option<Act>,
    pub(super) retired: Option<Act>,
}

impl Entry {
    /// The item.
    pub fn item(&self) -> &Item {
        &self.item
    }

    /// The version (1, 2, …) of the item's code.
    pub fn version(&self) -> u32 {
        self.version
    }

    /// The proposal.
    pub fn proposed(&self) -> &Act {
        &self.proposed
    }

    /// The approval record (approver unit, date, document number), once approved.
    pub fn approved(&self) -> Option<&Act> {
        self.approved.as_ref()
    }

    /// The enforcement (with its effective date), once put in force.
    pub fn enforced(&self) -> Option<&Act> {
        self.enforced.as_ref()
    }

    /// The retirement, once retired.
    pub fn retired(&self) -> Option<&Act> {
        self.retired.as_ref()
    }

    /// The latest status recorded.
    pub fn status(&self) -> Status {
        if self.retired.is_some() {
            Status::Retired
        } else if self.enforced.is_some() {
            Status::InForce
        } else if self.approved.is_some() {
            Status::Approved
        } else {
            Status::Proposed
        }
    }

    /// Whether the entry is awaiting approval or enforcement (proposed or approved, not
    /// retired).
    pub fn is_pending(&self) -> bool {
        matches!(self.status(), Status::Proposed | Status::Approved)
    }

    /// The status on `date`: `None` before the proposal; `InForce` exactly on the days
    /// of [`Entry::in_force_interval`] (the item's own validity aside); `Retired` from the
    /// retirement's effective date.
    pub fn status_on(&self, date: NaiveDate) -> Option<Status> {
        if date < self.proposed.date {
            return None;
        }
        if let Some(r) = &self.retired
            && date >= r.effective_date()
        {
            return Some(Status::Retired);
        }
        if let Some(e) = &self.enforced
            && date >= e.effective_date()
        {
            return Some(Status::InForce);
        }
        match &self.approved {
            Some(a) if date >= a.date => Some(Status::Approved),
            _ => Some(Status::Proposed),
        }
    }

    /// The days the entry is in force by its lifecycle, `[from, to)` (`to = None`: open),
    /// without the item's own validity; `None` if it never is.
    pub fn in_force_interval(&self) -> Option<(NaiveDate, Option<NaiveDate>)> {
        let from = self.enforced.as_ref()?.effective_date();
        let to = self.retired.as_ref().map(Act::effective_date);
        match to {
            Some(t) if t <= from => None,
            _ => Some((from, to)),
        }
    }

    /// The days the entry is in force and valid, `[from, to)`; `None` if there are none.
    pub fn effective_interval(&self) -> Option<(NaiveDate, Option<NaiveDate>)> {
        let (a, b) = self.in_force_interval()?;
        let v = &self.item.validity;
        let from = v.from.map_or(a, |f| f.max(a));
        let to = match (b, v.to) {
            (Some(x), Some(y)) => Some(x.min(y)),
            (x, y) => x.or(y),
        };
        match to {
            Some(t) if t <= from => None,
            _ => Some((from, to)),
        }
    }

    /// Whether the item is in force and valid on `date`: the test every push is checked
    /// against.
    pub fn in_force_on(&self, date: NaiveDate) -> bool {
        self.effective_interval()
            .is_some_and(|(f, t)| f <= date && t.is_none_or(|t| date < t))
    }

    /// The latest date any step was taken.
    pub(super) fn last_act_date(&self) -> NaiveDate {
        [&self.approved, &self.enforced, &self.retired]
            .into_iter()
            .flatten()
            .map(|a| a.date)
            .fold(self.proposed.date, NaiveDate::max)
    }

    /// `RW-001 v2`.
    pub fn label(&self) -> String {
        format!("{} v{}", self.item.code, self.version)
    }

    /// Why the entry is not in force on `date`, in words (for rejections).
    pub(super) fn why_not_in_force(&self, date: NaiveDate) -> String {
        match self.status_on(date) {
            None => format!("it was first proposed on {}", self.proposed.date),
            Some(Status::Proposed) => "it is proposed and not yet approved".into(),
            Some(Status::Approved) => match &self.enforced {
                Some(e) => format!("it comes into force on {}", e.effective_date()),
                None => "it is approved but not yet in force".into(),
            },
            Some(Status::Retired) => match &self.retired {
                Some(r) if self.in_force_interval().is_some() => {
                    format!("it was retired on {}", r.effective_date())
                }
                _ => "it was withdrawn before coming into force".into(),
            },
            Some(Status::InForce) => {
                let v = &self.item.validity;
                match (v.from, v.to) {
                    (Some(f), _) if date < f => format!("it is valid only from {f}"),
                    (_, Some(t)) => format!("its validity ended on {t}"),
                    _ => "it is not in force".into(),
                }
            }
        }
    }
}
