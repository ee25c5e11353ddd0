//! Moving items along their lifecycle ([`Transition`]), with the authority checked.

use std::fmt;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::list::{MAX_ENTRIES, check_act};
use super::{Act, Actor, AdmissionError, AdmissionList, AdmissionRules, Entry, Item, Status};

/// A lifecycle step.
///
/// ```
/// use wangge::admission::Action;
/// assert_eq!(Action::Enforce.to_string(), "enforce");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Action {
    /// Propose an item (a new code, or a new version of an existing one).
    Propose,
    /// Approve a proposed version (审核), recording the document number.
    Approve,
    /// Put an approved version in force from an effective date; an older version in
    /// force is retired (superseded) from the same day.
    Enforce,
    /// Retire a version (or every version still alive), from an effective date; retiring
    /// a pending version withdraws it.
    Retire,
}

impl fmt::Display for Action {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Action::Propose => "propose",
            Action::Approve => "approve",
            Action::Enforce => "enforce",
            Action::Retire => "retire",
        })
    }
}

/// One step asked of the register: the JSON/TOML shape is an object with an `"action"`
/// tag. `version` defaults to the version the step naturally applies to (the pending one
/// for `approve` and `enforce`, every live one for `retire`); `effective` defaults to
/// `date`.
///
/// ```
/// use wangge::admission::{Action, Transition};
/// let t: Transition = serde_json::from_str(r#"{"action": "approve", "code": "RW-001",
///     "date": "2024-01-10", "by": {"unit": "county_governance_office"},
///     "document": "区综治办〔2024〕1号"}"#).unwrap();
/// assert_eq!(t.action(), Action::Approve);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "action", rename_all = "snake_case", deny_unknown_fields)]
pub enum Transition {
    /// Propose `item` (version 1 of a new code, or the next version of an existing one).
    Propose {
        /// Day of the proposal.
        date: NaiveDate,
        /// Who proposes.
        by: Actor,
        /// The item.
        item: Item,
        /// The proposing document, if any.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        document: Option<String>,
        /// Why the item is needed.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        reason: Option<String>,
    },
    /// Approve the pending version of `code`.
    Approve {
        /// Item code.
        code: String,
        /// Version (defaults to the pending one).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        version: Option<u32>,
        /// Day of the approval.
        date: NaiveDate,
        /// Who approves.
        by: Actor,
        /// Document number (文号).
        document: String,
    },
    /// Put the approved version of `code` in force.
    Enforce {
        /// Item code.
        code: String,
        /// Version (defaults to the pending one).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        version: Option<u32>,
        /// Day of the decision.
        date: NaiveDate,
        /// Who enforces.
        by: Actor,
        /// First day in force (defaults to `date`).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        effective: Option<NaiveDate>,
        /// Document number, if any.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        document: Option<String>,
    },
    /// Retire one version of `code`, or every live one.
    Retire {
        /// Item code.
        code: String,
        /// Version (defaults to every version not yet retired).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        version: Option<u32>,
        /// Day of the decision.
        date: NaiveDate,
        /// Who retires.
        by: Actor,
        /// First day no longer in force (defaults to `date`).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        effective: Option<NaiveDate>,
        /// Document number, if any.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        document: Option<String>,
        /// Why.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        reason: Option<String>,
    },
}

impl Transition {
    /// The step.
    pub fn action(&self) -> Action {
        match self {
            Transition::Propose { .. } => Action::Propose,
            Transition::Approve { .. } => Action::Approve,
            Transition::Enforce { .. } => Action::Enforce,
            Transition::Retire { .. } => Action::Retire,
        }
    }

    /// The actor.
    pub fn actor(&self) -> &Actor {
        match self {
            Transition::Propose { by, .. }
            | Transition::Approve { by, .. }
            | Transition::Enforce { by, .. }
            | Transition::Retire { by, .. } => by,
        }
    }

    /// The day of the step.
    pub fn date(&self) -> NaiveDate {
        match self {
            Transition::Propose { date, .. }
            | Transition::Approve { date, .. }
            | Transition::Enforce { date, .. }
            | Transition::Retire { date, .. } => *date,
        }
    }
}

impl AdmissionList {
    /// Applies one step, after checking the actor's authority under `rules`, the entry's
    /// state and the order of dates. Returns the `(code, version)` of every entry changed
    /// (an enforcement may also retire the version it supersedes). On error nothing
    /// changes.
    ///
    /// ```
    /// use wangge::admission::{Actor, AdmissionList, AdmissionRules, Item, Transition, UnitKind};
    /// let rules = AdmissionRules::default();
    /// let mut list = AdmissionList::new(None, None);
    /// let item: Item = toml::from_str(
    ///     "list='task'\ncode='RW-9'\nname='出租房屋巡查'\ndepartment='区住建局'\nrole='assist'",
    /// ).unwrap();
    /// let dept = Actor::new(UnitKind::Department).named("区住建局");
    /// let d = |s: &str| s.parse().unwrap();
    /// list.apply(&Transition::Propose { date: d("2024-03-01"), by: dept.clone(), item, document: None, reason: None }, &rules)?;
    /// // The department cannot approve its own item.
    /// let approve = |by: Actor| Transition::Approve {
    ///     code: "RW-9".into(), version: None, date: d("2024-03-05"), by, document: "〔2024〕7号".into(),
    /// };
    /// let err = list.apply(&approve(dept), &rules).unwrap_err();
    /// assert_eq!(err.code(), wangge::ErrorCode::AdmissionUnauthorized);
    /// list.apply(&approve(Actor::new(UnitKind::CountyGovernanceOffice)), &rules)?;
    /// assert_eq!(list.revision(), 2);
    /// # Ok::<(), wangge::admission::AdmissionError>(())
    /// ```
    pub fn apply(
        &mut self,
        t: &Transition,
        rules: &AdmissionRules,
    ) -> Result<Vec<(String, u32)>, AdmissionError> {
        let changed = match t {
            Transition::Propose {
                date,
                by,
                item,
                document,
                reason,
            } => {
                let mut act = Act::new(*date, by.clone());
                act.document = document.clone();
                act.reason = reason.clone();
                self.propose(item, act, rules)?
            }
            Transition::Approve {
                code,
                version,
                date,
                by,
                document,
            } => {
                let mut act = Act::new(*date, by.clone());
                act.document = Some(document.clone());
                self.approve(code, *version, act, rules)?
            }
            Transition::Enforce {
                code,
                version,
                date,
                by,
                effective,
                document,
            } => {
                let mut act = Act::new(*date, by.clone());
                act.effective = *effective;
                act.document = document.clone();
                self.enforce(code, *version, act, rules)?
            }
            Transition::Retire {
                code,
                version,
                date,
                by,
                effective,
                document,
                reason,
            } => {
                let mut act = Act::new(*date, by.clone());
                act.effective = *effective;
                act.document = document.clone();
                act.reason = reason.clone();
                self.retire(code, *version, act, rules)?
            }
        };
        self.revision = self.revision.saturating_add(1);
        Ok(changed)
    }

    fn propose(
        &mut self,
        item: &Item,
        act: Act,
        rules: &AdmissionRules,
    ) -> Result<Vec<(String, u32)>, AdmissionError> {
        item.validate()?;
        check_act(&act, "proposed").map_err(|e| named(e, Action::Propose, &item.code))?;
        rules.may_propose(&act.by, item, self.jurisdiction)?;
        let versions = self.versions(&item.code);
        if let Some(first) = versions.first()
            && first.item.list != item.list
        {
            return Err(AdmissionError::InvalidTransition {
                action: Action::Propose,
                target: item.code.clone(),
                message: format!("the code is already used on the {} list", first.item.list),
            });
        }
        if let Some(p) = versions.iter().find(|e| e.is_pending()) {
            return Err(AdmissionError::InvalidTransition {
                action: Action::Propose,
                target: item.code.clone(),
                message: format!("{} is still {}; decide it first", p.label(), p.status()),
            });
        }
        if self.entries.len() >= MAX_ENTRIES {
            return Err(AdmissionError::TooLarge(format!(
                "the list already holds {MAX_ENTRIES} entries"
            )));
        }
        let version = u32::try_from(versions.len() + 1)
            .map_err(|_| AdmissionError::TooLarge(format!("too many versions of {}", item.code)))?;
        let entry = Entry {
            item: item.clone(),
            version,
            proposed: act,
            approved: None,
            enforced: None,
            retired: None,
        };
        let at = self
            .entries
            .partition_point(|e| (e.item.code.as_str(), e.version) < (item.code.as_str(), version));
        self.entries.insert(at, entry);
        self.reindex();
        Ok(vec![(item.code.clone(), version)])
    }

    /// The index of the version a step applies to: the one named, or the newest if it is
    /// pending.
    fn target(
        &self,
        action: Action,
        code: &str,
        version: Option<u32>,
    ) -> Result<usize, AdmissionError> {
        let &(a, b) = self
            .by_code
            .get(code)
            .ok_or_else(|| AdmissionError::UnknownItem(super::short(code)))?;
        match version {
            Some(v) => (a..b)
                .find(|&i| self.entries[i].version == v)
                .ok_or_else(|| AdmissionError::UnknownItem(format!("{} v{v}", super::short(code)))),
            None if self.entries[b - 1].is_pending() => Ok(b - 1),
            None => Err(AdmissionError::InvalidTransition {
                action,
                target: code.to_string(),
                message: "no version is pending; name the version".into(),
            }),
        }
    }

    fn authorize(
        &self,
        action: Action,
        i: usize,
        act: &Act,
        rules: &AdmissionRules,
    ) -> Result<(), AdmissionError> {
        let e = &self.entries[i];
        rules
            .may_decide(action, &act.by, e.item.list, self.jurisdiction)
            .map_err(|reason| AdmissionError::Unauthorized {
                action,
                actor: act.by.to_string(),
                target: e.label(),
                reason,
            })
    }

    fn approve(
        &mut self,
        code: &str,
        version: Option<u32>,
        act: Act,
        rules: &AdmissionRules,
    ) -> Result<Vec<(String, u32)>, AdmissionError> {
        let i = self.target(Action::Approve, code, version)?;
        self.authorize(Action::Approve, i, &act, rules)?;
        let e = &self.entries[i];
        let fail = |message: String| AdmissionError::InvalidTransition {
            action: Action::Approve,
            target: e.label(),
            message,
        };
        if e.status() != Status::Proposed {
            return Err(fail(format!("it is {}, not proposed", e.status())));
        }
        if act.date < e.proposed.date {
            return Err(fail(format!(
                "{} is before the proposal on {}",
                act.date, e.proposed.date
            )));
        }
        check_act(&act, "approved").map_err(|err| named(err, Action::Approve, &e.label()))?;
        if act.effective.is_some() {
            return Err(fail("an approval has no effective date".into()));
        }
        let label = (e.item.code.clone(), e.version);
        self.entries[i].approved = Some(act);
        Ok(vec![label])
    }

    fn enforce(
        &mut self,
        code: &str,
        version: Option<u32>,
        act: Act,
        rules: &AdmissionRules,
    ) -> Result<Vec<(String, u32)>, AdmissionError> {
        let i = self.target(Action::Enforce, code, version)?;
        self.authorize(Action::Enforce, i, &act, rules)?;
        let e = &self.entries[i];
        let fail = |message: String| AdmissionError::InvalidTransition {
            action: Action::Enforce,
            target: e.label(),
            message,
        };
        if e.status() != Status::Approved {
            return Err(fail(format!("it is {}, not approved", e.status())));
        }
        if let Some(a) = &e.approved
            && act.date < a.date
        {
            return Err(fail(format!(
                "{} is before the approval on {}",
                act.date, a.date
            )));
        }
        check_act(&act, "enforced").map_err(|err| named(err, Action::Enforce, &e.label()))?;
        let effective = act.effective_date();
        // Older versions: an open one is superseded from `effective`; a retired one must
        // already be out of force by then.
        let (a, b) = self.by_code[code];
        let mut supersede = Vec::new();
        for j in (a..b).filter(|&j| j != i) {
            let w = &self.entries[j];
            match (w.status(), w.in_force_interval()) {
                (Status::InForce, _) => {
                    if act.date < w.last_act_date() {
                        return Err(fail(format!(
                            "{} is before the last step of {} ({})",
                            act.date,
                            w.label(),
                            w.last_act_date()
                        )));
                    }
                    supersede.push(j);
                }
                (Status::Retired, Some((_, Some(to)))) if to > effective => {
                    return Err(fail(format!(
                        "{} stays in force until {to}; enforce from then or later",
                        w.label()
                    )));
                }
                _ => {}
            }
        }
        let mut changed = vec![(e.item.code.clone(), e.version)];
        let new_version = e.version;
        for j in supersede {
            let w = &mut self.entries[j];
            let mut r = Act::new(act.date, act.by.clone());
            r.effective = Some(effective);
            r.reason = Some(format!("superseded by version {new_version}"));
            w.retired = Some(r);
            changed.push((w.item.code.clone(), w.version));
        }
        self.entries[i].enforced = Some(act);
        Ok(changed)
    }

    fn retire(
        &mut self,
        code: &str,
        version: Option<u32>,
        act: Act,
        rules: &AdmissionRules,
    ) -> Result<Vec<(String, u32)>, AdmissionError> {
        let &(a, b) = self
            .by_code
            .get(code)
            .ok_or_else(|| AdmissionError::UnknownItem(super::short(code)))?;
        let targets: Vec<usize> = match version {
            Some(_) => vec![self.target(Action::Retire, code, version)?],
            None => (a..b)
                .filter(|&j| self.entries[j].status() != Status::Retired)
                .collect(),
        };
        let Some(&first) = targets.first() else {
            return Err(AdmissionError::InvalidTransition {
                action: Action::Retire,
                target: code.to_string(),
                message: "every version is already retired".into(),
            });
        };
        self.authorize(Action::Retire, first, &act, rules)?;
        for &j in &targets {
            let e = &self.entries[j];
            let fail = |message: String| AdmissionError::InvalidTransition {
                action: Action::Retire,
                target: e.label(),
                message,
            };
            if e.status() == Status::Retired {
                return Err(fail("it is already retired".into()));
            }
            if act.date < e.last_act_date() {
                return Err(fail(format!(
                    "{} is before its last step on {}",
                    act.date,
                    e.last_act_date()
                )));
            }
            check_act(&act, "retired").map_err(|err| named(err, Action::Retire, &e.label()))?;
        }
        let mut changed = Vec::new();
        for j in targets {
            let e = &mut self.entries[j];
            e.retired = Some(act.clone());
            changed.push((e.item.code.clone(), e.version));
        }
        Ok(changed)
    }
}

/// A malformed step (bad document text, effective date before the step's date) is an
/// invalid transition of the entry `who`.
fn named(err: AdmissionError, action: Action, who: &str) -> AdmissionError {
    match err {
        AdmissionError::InvalidEntry { field, message, .. } => AdmissionError::InvalidTransition {
            action,
            target: who.to_string(),
            message: format!("{field}: {message}"),
        },
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ErrorCode;
    use crate::admission::{ListKind, UnitKind};

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn item(code: &str) -> Item {
        toml::from_str(&format!(
            "list='task'\ncode='{code}'\nname='巡查 {code}'\ndepartment='区住建局'\nrole='assist'"
        ))
        .unwrap()
    }

    fn dept() -> Actor {
        Actor::new(UnitKind::Department).named("区住建局")
    }

    fn office() -> Actor {
        Actor::new(UnitKind::CountyGovernanceOffice).named("区综治办")
    }

    fn propose(code: &str, date: &str) -> Transition {
        Transition::Propose {
            date: d(date),
            by: dept(),
            item: item(code),
            document: None,
            reason: None,
        }
    }

    fn approve(code: &str, date: &str, by: Actor) -> Transition {
        Transition::Approve {
            code: code.into(),
            version: None,
            date: d(date),
            by,
            document: "区综治办〔2024〕1号".into(),
        }
    }

    fn enforce(code: &str, date: &str, effective: &str) -> Transition {
        Transition::Enforce {
            code: code.into(),
            version: None,
            date: d(date),
            by: office(),
            effective: Some(d(effective)),
            document: None,
        }
    }

    fn run(list: &mut AdmissionList, ts: &[Transition]) {
        let rules = AdmissionRules::default();
        for t in ts {
            list.apply(t, &rules)
                .unwrap_or_else(|e| panic!("{t:?}: {e}"));
        }
    }

    #[test]
    fn wrong_authority_is_refused_and_changes_nothing() {
        let rules = AdmissionRules::default();
        let mut list = AdmissionList::new(None, Some("371323".parse().unwrap()));
        run(&mut list, &[propose("RW-1", "2024-01-01")]);
        let before = list.clone();
        for by in [
            dept(),
            Actor::new(UnitKind::Town),
            Actor::new(UnitKind::CountyGovernment),
            office().coded("371324".parse().unwrap()),
        ] {
            let e = list
                .apply(&approve("RW-1", "2024-01-02", by.clone()), &rules)
                .unwrap_err();
            assert_eq!(e.code(), ErrorCode::AdmissionUnauthorized, "{by}");
            assert!(e.to_string().contains("RW-1"), "{e}");
            assert_eq!(list, before);
        }
        // Another department may not propose a version of an item it does not own.
        let mut other = item("RW-2");
        other.department = "区民政局".into();
        let e = list
            .apply(
                &Transition::Propose {
                    date: d("2024-01-01"),
                    by: dept(),
                    item: other,
                    document: None,
                    reason: None,
                },
                &rules,
            )
            .unwrap_err();
        assert_eq!(e.code(), ErrorCode::AdmissionUnauthorized);
        assert_eq!(list, before);
        // The right authority succeeds.
        list.apply(&approve("RW-1", "2024-01-02", office()), &rules)
            .unwrap();
        assert_eq!(list.versions("RW-1")[0].status(), Status::Approved);
    }

    #[test]
    fn lifecycle_and_versions() {
        let mut list = AdmissionList::new(None, None);
        run(
            &mut list,
            &[
                propose("RW-1", "2024-01-01"),
                approve("RW-1", "2024-01-05", office()),
                enforce("RW-1", "2024-01-05", "2024-02-01"),
                propose("RW-1", "2024-06-01"),
                approve("RW-1", "2024-06-10", office()),
                enforce("RW-1", "2024-06-10", "2024-07-01"),
            ],
        );
        let v = list.versions("RW-1");
        assert_eq!(v.len(), 2);
        assert_eq!(v[0].status(), Status::Retired);
        assert_eq!(
            v[0].in_force_interval(),
            Some((d("2024-02-01"), Some(d("2024-07-01"))))
        );
        assert_eq!(v[1].in_force_interval(), Some((d("2024-07-01"), None)));
        let on = |list: &AdmissionList, s: &str| {
            list.in_force(ListKind::Task, d(s))
                .map(|e| e.version())
                .collect::<Vec<_>>()
        };
        assert_eq!(on(&list, "2024-01-31"), Vec::<u32>::new());
        assert_eq!(on(&list, "2024-02-01"), [1]);
        assert_eq!(on(&list, "2024-06-30"), [1]);
        assert_eq!(on(&list, "2024-07-01"), [2]);
        // Round trip through the file keeps everything, including the supersession.
        let back = AdmissionList::parse(&list.to_json(), &AdmissionRules::default()).unwrap();
        assert_eq!(back, list);
        // Retire everything from a later date.
        let rules = AdmissionRules::default();
        list.apply(
            &Transition::Retire {
                code: "RW-1".into(),
                version: None,
                date: d("2025-01-01"),
                by: office(),
                effective: Some(d("2025-02-01")),
                document: None,
                reason: Some("并入 RW-2".into()),
            },
            &rules,
        )
        .unwrap();
        assert_eq!(on(&list, "2025-01-31"), [2]);
        assert_eq!(on(&list, "2025-02-01"), Vec::<u32>::new());
        assert_eq!(list.revision(), 7);
    }

    #[test]
    fn state_and_date_errors() {
        let rules = AdmissionRules::default();
        let mut list = AdmissionList::new(None, None);
        run(&mut list, &[propose("RW-1", "2024-01-05")]);
        let before = list.clone();
        let cases = [
            (
                enforce("RW-1", "2024-01-06", "2024-01-06"),
                ErrorCode::InvalidAdmissionTransition,
            ),
            (
                approve("RW-1", "2024-01-01", office()),
                ErrorCode::InvalidAdmissionTransition,
            ),
            (
                approve("NOPE", "2024-01-06", office()),
                ErrorCode::UnknownAdmissionItem,
            ),
            (
                propose("RW-1", "2024-01-07"),
                ErrorCode::InvalidAdmissionTransition,
            ),
            (
                Transition::Approve {
                    code: "RW-1".into(),
                    version: Some(4),
                    date: d("2024-01-06"),
                    by: office(),
                    document: "x".into(),
                },
                ErrorCode::UnknownAdmissionItem,
            ),
            (
                Transition::Approve {
                    code: "RW-1".into(),
                    version: None,
                    date: d("2024-01-06"),
                    by: office(),
                    document: "".into(),
                },
                ErrorCode::InvalidAdmissionTransition,
            ),
        ];
        for (t, code) in cases {
            let e = list.apply(&t, &rules).unwrap_err();
            assert_eq!(e.code(), code, "{t:?}: {e}");
            assert_eq!(list, before);
        }
        run(&mut list, &[approve("RW-1", "2024-01-06", office())]);
        let e = list
            .apply(&enforce("RW-1", "2024-01-07", "2024-01-06"), &rules)
            .unwrap_err();
        assert!(e.to_string().contains("effective"), "{e}");
    }

    #[test]
    fn withdrawing_a_proposal() {
        let mut list = AdmissionList::new(None, None);
        run(
            &mut list,
            &[
                propose("RW-1", "2024-01-05"),
                Transition::Retire {
                    code: "RW-1".into(),
                    version: None,
                    date: d("2024-01-09"),
                    by: office(),
                    effective: None,
                    document: None,
                    reason: Some("未通过审核".into()),
                },
                propose("RW-1", "2024-02-01"),
            ],
        );
        let v = list.versions("RW-1");
        assert_eq!(v[0].status(), Status::Retired);
        assert_eq!(v[0].in_force_interval(), None);
        assert_eq!(v[1].status(), Status::Proposed);
        // A code cannot move to another list.
        let mut service = item("RW-1");
        service.list = ListKind::Service;
        let rules = AdmissionRules::default();
        run(&mut list, &[approve("RW-1", "2024-02-02", office())]);
        let e = list
            .apply(
                &Transition::Propose {
                    date: d("2024-03-01"),
                    by: dept(),
                    item: service,
                    document: None,
                    reason: None,
                },
                &rules,
            )
            .unwrap_err();
        assert_eq!(e.code(), ErrorCode::InvalidAdmissionTransition);
    }
}
