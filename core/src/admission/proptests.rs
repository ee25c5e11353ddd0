//! Property tests of the admission register: as-of queries against a naive model, no
//! transition bypassing authority, errors changing nothing, the past never changing, file
//! round trips, parser robustness, budget and instance invariants.

use std::collections::HashMap;

use chrono::{Duration, NaiveDate};
use proptest::prelude::*;

use super::*;
use crate::grid::GridKind;

const CODES: [&str; 3] = ["A", "B", "C"];
const OWNERS: [&str; 3] = ["民政局", "住建局", "应急局"];

fn base() -> NaiveDate {
    "2024-01-01".parse().unwrap()
}

/// A generated step: (kind 0–3, code index, actor index, day offset, effective offset,
/// version hint).
type Step = (u8, usize, usize, i64, i64, Option<u32>);

fn actor(k: usize, code: usize) -> Actor {
    match k {
        0 => Actor::new(UnitKind::CountyGovernanceOffice),
        1 => Actor::new(UnitKind::Department).named(OWNERS[code]),
        2 => Actor::new(UnitKind::Department).named(OWNERS[(code + 1) % 3]),
        3 => Actor::new(UnitKind::Town),
        _ => Actor::new(UnitKind::CountyGovernment),
    }
}

fn item(code: usize) -> Item {
    Item {
        list: ListKind::Task,
        code: CODES[code].into(),
        name: format!("事项{}", CODES[code]),
        department: OWNERS[code].into(),
        legal_basis: None,
        role: Role::Assist,
        grid_kinds: vec![],
        categories: vec![],
        scope: vec![],
        frequency: None,
        validity: Default::default(),
        budget: None,
    }
}

/// The step as a transition; kind 4 means "the natural next step" for the code's state.
fn transition(s: &Step, day: NaiveDate, list: &AdmissionList) -> Transition {
    let &(kind, code, who, _, eff, version) = s;
    let kind = match (kind, list.versions(CODES[code]).last().map(Entry::status)) {
        (4, Some(Status::Proposed)) => 1,
        (4, Some(Status::Approved)) => 2,
        (4, _) => 0,
        (k, _) => k,
    };
    let by = actor(who, code);
    let effective = Some(day + Duration::days(eff));
    match kind {
        0 => Transition::Propose {
            date: day,
            by,
            item: item(code),
            document: None,
            reason: None,
        },
        1 => Transition::Approve {
            code: CODES[code].into(),
            version,
            date: day,
            by,
            document: "D".into(),
        },
        2 => Transition::Enforce {
            code: CODES[code].into(),
            version,
            date: day,
            by,
            effective,
            document: None,
        },
        _ => Transition::Retire {
            code: CODES[code].into(),
            version,
            date: day,
            by,
            effective,
            document: None,
            reason: None,
        },
    }
}

/// Whether the default rules let `t`'s actor take the step (independent restatement).
fn authorized(t: &Transition) -> bool {
    let a = t.actor();
    match t {
        Transition::Propose { item, .. } => match a.unit {
            UnitKind::CountyGovernanceOffice | UnitKind::Town => true,
            UnitKind::Department => a.name.as_deref() == Some(&item.department),
            _ => false,
        },
        _ => a.unit == UnitKind::CountyGovernanceOffice,
    }
}

fn step() -> impl Strategy<Value = Step> {
    (
        prop_oneof![3 => 0u8..4, 7 => Just(4u8)],
        0usize..3,
        prop_oneof![6 => Just(0usize), 1 => Just(1usize), 1 => Just(2usize), 1 => Just(3usize), 1 => Just(4usize)],
        -3i64..20,
        0i64..30,
        prop::option::weighted(0.1, 1u32..4),
    )
}

/// The naive model: for every (code, version), the day it came into force and the day it
/// left, from the accepted steps alone.
#[derive(Default)]
struct Model {
    versions: HashMap<&'static str, u32>,
    approved: HashMap<(&'static str, u32), bool>,
    enf: HashMap<(&'static str, u32), NaiveDate>,
    ret: HashMap<(&'static str, u32), NaiveDate>,
}

impl Model {
    fn accept(&mut self, t: &Transition) {
        let code = |c: &str| *CODES.iter().find(|x| **x == c).unwrap();
        match t {
            Transition::Propose { item, .. } => {
                *self.versions.entry(code(&item.code)).or_default() += 1;
            }
            Transition::Approve {
                code: c, version, ..
            } => {
                let c = code(c);
                let v = version.unwrap_or(self.versions[c]);
                self.approved.insert((c, v), true);
            }
            Transition::Enforce {
                code: c,
                version,
                date,
                effective,
                ..
            } => {
                let c = code(c);
                let v = version.unwrap_or(self.versions[c]);
                let eff = effective.unwrap_or(*date);
                for w in 1..=self.versions[c] {
                    if w != v && self.enf.contains_key(&(c, w)) && !self.ret.contains_key(&(c, w)) {
                        self.ret.insert((c, w), eff);
                    }
                }
                self.enf.insert((c, v), eff);
            }
            Transition::Retire {
                code: c,
                version,
                date,
                effective,
                ..
            } => {
                let c = code(c);
                let eff = effective.unwrap_or(*date);
                match version {
                    Some(v) => {
                        self.ret.insert((c, *v), eff);
                    }
                    None => {
                        for w in 1..=self.versions[c] {
                            self.ret.entry((c, w)).or_insert(eff);
                        }
                    }
                }
            }
        }
    }

    fn in_force(&self, day: NaiveDate) -> Vec<(String, u32)> {
        let mut v: Vec<(String, u32)> = self
            .enf
            .iter()
            .filter(|(k, e)| **e <= day && self.ret.get(*k).is_none_or(|r| day < *r))
            .map(|((c, v), _)| (c.to_string(), *v))
            .collect();
        v.sort();
        v
    }
}

fn in_force(list: &AdmissionList, day: NaiveDate) -> Vec<(String, u32)> {
    list.in_force(ListKind::Task, day)
        .map(|e| (e.item().code.clone(), e.version()))
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// Runs random steps by random actors: every accepted step was authorized, every
    /// refused one changed nothing, no step changed the answer for a day before its own
    /// date, the as-of answers match the naive model on every day, and the file round-trips.
    #[test]
    fn lifecycle_matches_the_model(steps in prop::collection::vec(step(), 1..40)) {
        let rules = AdmissionRules::default();
        let mut list = AdmissionList::new(None, None);
        let mut model = Model::default();
        let mut day = base();
        let horizon = 40 * 20 + 60;
        for s in &steps {
            day += Duration::days(s.3);
            let t = transition(s, day, &list);
            let before = list.clone();
            match list.apply(&t, &rules) {
                Ok(_) => {
                    prop_assert!(authorized(&t), "accepted an unauthorized step {t:?}");
                    model.accept(&t);
                    for back in 1..15 {
                        let past = t.date() - Duration::days(back);
                        prop_assert_eq!(in_force(&before, past), in_force(&list, past));
                    }
                }
                Err(e) => {
                    prop_assert_eq!(&list, &before, "a refused step changed the list");
                    if !authorized(&t) && !matches!(e, AdmissionError::UnknownItem(_)) {
                        // Unknown items and malformed targets may be reported first;
                        // everything else an unauthorized actor tries is refused as such.
                        let target_ok = match &t {
                            Transition::Propose { .. } => true,
                            _ => !matches!(e, AdmissionError::InvalidTransition { .. }),
                        };
                        if target_ok {
                            prop_assert_eq!(e.code(), crate::ErrorCode::AdmissionUnauthorized, "{}", e);
                        }
                    }
                }
            }
        }
        for offset in -5..horizon {
            let d = base() + Duration::days(offset);
            prop_assert_eq!(in_force(&list, d), model.in_force(d), "on {}", d);
        }
        let back = AdmissionList::parse(&list.to_json(), &rules).unwrap();
        prop_assert_eq!(&back, &list);
        let back = AdmissionList::parse(&list.to_toml().unwrap(), &rules).unwrap();
        prop_assert_eq!(&back, &list);
        // At most one version of a code is in force on any day.
        for offset in 0..horizon {
            let v = in_force(&list, base() + Duration::days(offset));
            let mut codes: Vec<_> = v.iter().map(|(c, _)| c).collect();
            codes.dedup();
            prop_assert_eq!(codes.len(), v.len());
        }
    }

    /// The list parser never panics on arbitrary text, TOML or JSON (only that). Fuzz
    /// target beside it: `fuzz/fuzz_targets/admission_list.rs`.
    #[test]
    fn parser_never_panics(text in "\\PC{0,300}") {
        let _ = AdmissionList::parse(&text, &AdmissionRules::default());
        let _ = AdmissionList::parse(&format!("{{{text}"), &AdmissionRules::default());
        let _ = AdmissionList::parse(&format!("format = 1\n{text}"), &AdmissionRules::default());
    }

    /// Mutating a valid list file byte by byte gives a list or a typed error, never a panic;
    /// whatever parses round-trips.
    #[test]
    fn mutated_files_fail_cleanly(pos in 0usize..4000, byte in 0u8..128, cut in prop::bool::ANY) {
        let rules = AdmissionRules::default();
        let text = AdmissionList::preset("seed001").unwrap().to_json();
        let mut bytes = text.into_bytes();
        let pos = pos % bytes.len();
        if cut { bytes.truncate(pos) } else { bytes[pos] = byte }
        if let Ok(t) = String::from_utf8(bytes) {
            match AdmissionList::parse(&t, &rules) {
                Ok(list) => prop_assert_eq!(AdmissionList::parse(&list.to_json(), &rules).unwrap(), list),
                Err(e) => prop_assert!(!e.to_string().is_empty()),
            }
        }
    }

    /// Budgets add up exactly whatever the amounts and grids.
    #[test]
    fn budgets_add_up(
        amounts in prop::collection::vec((0u64..1_000_000_000, prop::bool::ANY, 0usize..3), 1..8),
        kinds in prop::collection::vec(0usize..3, 0..30),
    ) {
        let rules = AdmissionRules::default();
        let office = Actor::new(UnitKind::CountyGovernanceOffice);
        let mut list = AdmissionList::new(None, None);
        let patterns = ["basic", "micro", "dedicated"];
        for (k, &(amount, per_grid, pattern)) in amounts.iter().enumerate() {
            let mut it = item(k % 3);
            it.code = format!("X{k}");
            it.grid_kinds = vec![patterns[pattern].parse().unwrap()];
            it.budget = Some(Budget { amount_fen: amount, basis: if per_grid { BudgetBasis::PerGrid } else { BudgetBasis::LumpSum } });
            list.apply(&Transition::Propose { date: base(), by: office.clone(), item: it, document: None, reason: None }, &rules).unwrap();
            list.apply(&Transition::Approve { code: format!("X{k}"), version: None, date: base(), by: office.clone(), document: "D".into() }, &rules).unwrap();
            list.apply(&Transition::Enforce { code: format!("X{k}"), version: None, date: base(), by: office.clone(), effective: None, document: None }, &rules).unwrap();
        }
        let grid_kinds = [GridKind::Basic, GridKind::Micro, GridKind::Dedicated(crate::grid::SiteKind::Market)];
        let grids: Vec<GridRef> = kinds.iter().enumerate().map(|(i, &k)| {
            GridRef::new(format!("371323100201{:03}", i + 1).parse().unwrap(), grid_kinds[k])
        }).collect();
        let t = list.budget(base(), &grids).unwrap();
        let by_grid: u64 = t.by_grid.iter().map(|g| g.amount_fen).sum();
        let by_dept: u64 = t.by_department.iter().map(|d| d.amount_fen).sum();
        prop_assert_eq!(by_grid + t.unallocated_fen, t.total_fen);
        prop_assert_eq!(by_dept, t.total_fen);
        prop_assert_eq!(t.by_grid.len(), grids.len());
    }

    /// Weekly instances of an item always in force: one per ISO week whose Sunday lies in
    /// the range (a naive day scan), and adjacent ranges partition the instances.
    #[test]
    fn instances_match_a_day_scan(start in 0i64..2000, len in 0i64..800, split in 0i64..800, every in 0usize..6) {
        let rules = AdmissionRules::default();
        let office = Actor::new(UnitKind::CountyGovernanceOffice);
        let kinds = [PeriodKind::Day, PeriodKind::Week, PeriodKind::Month, PeriodKind::Quarter, PeriodKind::HalfYear, PeriodKind::Year];
        let mut it = item(0);
        it.frequency = Some(Frequency { every: kinds[every], times: 2, subject: None, subject_class: None });
        let mut list = AdmissionList::new(None, None);
        let d0: NaiveDate = "2000-01-01".parse().unwrap();
        list.apply(&Transition::Propose { date: d0, by: office.clone(), item: it, document: None, reason: None }, &rules).unwrap();
        list.apply(&Transition::Approve { code: "A".into(), version: None, date: d0, by: office.clone(), document: "D".into() }, &rules).unwrap();
        list.apply(&Transition::Enforce { code: "A".into(), version: None, date: d0, by: office, effective: None, document: None }, &rules).unwrap();
        let grids = [GridRef::new("371323100201001".parse().unwrap(), GridKind::Basic)];
        let from = d0 + Duration::days(start);
        let to = from + Duration::days(len);
        let got = list.instances(&grids, from, to).unwrap();
        // Naive: a period is due on day D if D + 1 starts a new period.
        let mut want = 0;
        let mut d = from;
        while d < to {
            let next = d.succ_opt().unwrap();
            if Period::containing(kinds[every], next).start() == next {
                want += 1;
            }
            d = next;
        }
        prop_assert_eq!(got.len(), want);
        prop_assert!(got.iter().all(|i| i.required() == 2 && from <= i.due() && i.due() < to));
        let mid = from + Duration::days(split.min(len));
        let mut parts: Vec<String> = list.instances(&grids, from, mid).unwrap().iter().map(Instance::id).collect();
        parts.extend(list.instances(&grids, mid, to).unwrap().iter().map(Instance::id));
        let whole: Vec<String> = got.iter().map(Instance::id).collect();
        prop_assert_eq!(parts, whole);
    }
}
