//! Recurring items expanded into due task instances per grid and period
//! ([`AdmissionList::instances`]).

use std::collections::{BTreeMap, HashMap, HashSet};

use chrono::NaiveDate;
use serde::ser::SerializeStruct;
use serde::{Deserialize, Serialize, Serializer};

use super::{AdmissionError, AdmissionList, Entry, Period};
use crate::code::{GridCode, UnitCode};
use crate::grid::GridKind;

/// A grid as the admission list sees it: its code, its kind, and (optionally) how many
/// key subjects of each class it holds (from the host's registry).
///
/// JSON: `{"code": "371323100201001", "kind": "basic", "subjects": {"high_risk_elderly": 3}}`;
/// `kind` defaults to `basic`; without `subjects` every recurring item is due once per
/// grid and period (times its frequency).
///
/// ```
/// use wangge::admission::GridRef;
/// let g: GridRef = serde_json::from_str(r#"{"code": "371323100201001", "subjects": {"high_risk_elderly": 2}}"#).unwrap();
/// assert_eq!(g.subject_count(Some("high_risk_elderly")), 2);
/// assert_eq!(g.subject_count(Some("key_elderly")), 0);
/// assert_eq!(g.subject_count(None), 1);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GridRef {
    /// Grid code.
    pub code: GridCode,
    /// Grid kind. Defaults to basic.
    #[serde(default)]
    pub kind: GridKind,
    /// Key subjects per class. Defaults to unknown (each item counts once).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subjects: Option<BTreeMap<String, u32>>,
}

impl GridRef {
    /// A grid of the given kind, subjects unknown.
    pub fn new(code: GridCode, kind: GridKind) -> GridRef {
        GridRef {
            code,
            kind,
            subjects: None,
        }
    }

    /// How many subjects of `class` the grid holds: 1 when the item names no class or the
    /// grid's subjects are unknown, else the count (0 if the class is absent).
    pub fn subject_count(&self, class: Option<&str>) -> u32 {
        match (class, &self.subjects) {
            (Some(c), Some(m)) => m.get(c).copied().unwrap_or(0),
            _ => 1,
        }
    }
}

/// One due task: a recurring item's obligation in one grid for one period.
///
/// The window is the period clipped to the days the item version is in force; `due` is its
/// last day. `required` is the frequency's `times`, multiplied by the grid's number of
/// subjects of the item's class. The `id` (`RW-001/v1/371323100201001/2026-W05`) is stable
/// across queries, so completions can be matched to instances for scoring.
///
/// ```
/// use chrono::NaiveDate;
/// use wangge::admission::{AdmissionList, GridRef};
/// use wangge::grid::GridKind;
/// let list = AdmissionList::preset("seed002")?;
/// let grid = GridRef::new("370402001001001".parse()?, GridKind::Basic);
/// let d = |s: &str| s.parse::<NaiveDate>().unwrap();
/// let all = list.instances(&[grid], d("2014-04-01"), d("2014-07-01"))?;
/// let q = all.iter().find(|i| i.entry().item().code == "RW-104").unwrap();
/// assert_eq!(q.id(), "RW-104/v1/370402001001001/2014-Q2");
/// assert_eq!((q.start(), q.end(), q.due(), q.required()), (d("2014-04-01"), d("2014-07-01"), d("2014-06-30"), 1));
/// # Ok::<(), wangge::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Instance<'a> {
    entry: &'a Entry,
    grid: GridCode,
    period: Period,
    start: NaiveDate,
    end: NaiveDate,
    required: u64,
}

impl<'a> Instance<'a> {
    /// The item version.
    pub fn entry(&self) -> &'a Entry {
        self.entry
    }

    /// The grid.
    pub fn grid(&self) -> GridCode {
        self.grid
    }

    /// The period.
    pub fn period(&self) -> Period {
        self.period
    }

    /// First day of the window.
    pub fn start(&self) -> NaiveDate {
        self.start
    }

    /// First day after the window.
    pub fn end(&self) -> NaiveDate {
        self.end
    }

    /// Last day of the window: the task is due by the end of this day.
    pub fn due(&self) -> NaiveDate {
        self.end.pred_opt().unwrap_or(self.end)
    }

    /// How many times the task must be done in the window.
    pub fn required(&self) -> u64 {
        self.required
    }

    /// The stable identifier `code/vN/grid/period`.
    pub fn id(&self) -> String {
        format!(
            "{}/v{}/{}/{}",
            self.entry.item.code, self.entry.version, self.grid, self.period
        )
    }
}

impl Serialize for Instance<'_> {
    /// `{"id", "list", "code", "version", "name", "department", "grid", "period",
    /// "period_kind", "start", "end", "due", "required"}` (`end` exclusive, `due` inclusive).
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_struct("Instance", 13)?;
        m.serialize_field("id", &self.id())?;
        m.serialize_field("list", &self.entry.item.list)?;
        m.serialize_field("code", &self.entry.item.code)?;
        m.serialize_field("version", &self.entry.version)?;
        m.serialize_field("name", &self.entry.item.name)?;
        m.serialize_field("department", &self.entry.item.department)?;
        m.serialize_field("grid", &self.grid)?;
        m.serialize_field("period", &self.period.to_string())?;
        m.serialize_field("period_kind", &self.period.kind())?;
        m.serialize_field("start", &self.start)?;
        m.serialize_field("end", &self.end)?;
        m.serialize_field("due", &self.due())?;
        m.serialize_field("required", &self.required)?;
        m.end()
    }
}

/// One window of one version: (entry index, period, start, end).
type Window = (usize, Period, NaiveDate, NaiveDate);

impl AdmissionList {
    /// Every due instance of every recurring item for `grids`, whose due date falls in
    /// `[from, to)`.
    ///
    /// Selecting by due date makes adjacent ranges partition the instances: the query for
    /// January and the one for February together give the query for both. When an item
    /// changes version mid-period, the period belongs to the newest version in force during
    /// it (with that version's cadence), so nothing is counted twice.
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use wangge::admission::{AdmissionList, GridRef};
    /// use wangge::grid::GridKind;
    /// let list = AdmissionList::preset("seed000")?;
    /// let grids = [GridRef::new("330102016001001".parse()?, GridKind::Basic)];
    /// let d = |s: &str| s.parse::<NaiveDate>().unwrap();
    /// let all = list.instances(&grids, d("2019-01-01"), d("2020-01-01"))?;
    /// let weekly = all.iter().filter(|i| i.entry().item().code == "RW-101").count();
    /// assert_eq!(weekly, 52); // ISO weeks ending in 2019
    /// # Ok::<(), wangge::Error>(())
    /// ```
    pub fn instances(
        &self,
        grids: &[GridRef],
        from: NaiveDate,
        to: NaiveDate,
    ) -> Result<Vec<Instance<'_>>, AdmissionError> {
        self.instances_limited(grids, from, to, usize::MAX)
    }

    /// [`AdmissionList::instances`] that fails with [`AdmissionError::TooLarge`] once more
    /// than `limit` instances would be produced.
    pub fn instances_limited(
        &self,
        grids: &[GridRef],
        from: NaiveDate,
        to: NaiveDate,
        limit: usize,
    ) -> Result<Vec<Instance<'_>>, AdmissionError> {
        if from > to {
            return Err(AdmissionError::InvalidRequest(format!(
                "the range starts ({from}) after it ends ({to})"
            )));
        }
        let mut seen = HashSet::with_capacity(grids.len());
        for g in grids {
            if !seen.insert(g.code) {
                return Err(AdmissionError::InvalidRequest(format!(
                    "grid {} is listed twice",
                    g.code
                )));
            }
        }
        let mut out = Vec::new();
        for (&(a, b), recurring) in self.recurring_codes() {
            // Windows per set of applicable versions, shared by grids alike.
            let mut cache: HashMap<Vec<usize>, Vec<Window>> = HashMap::new();
            for g in grids {
                let unit = Some(UnitCode::Grid(g.code));
                let applicable: Vec<usize> = (a..b)
                    .filter(|&i| {
                        recurring[i - a]
                            && self.entries[i].item.applies_to_kind(g.kind)
                            && self.entries[i].item.applies_to_unit(unit)
                    })
                    .collect();
                if applicable.is_empty() {
                    continue;
                }
                let windows = cache
                    .entry(applicable)
                    .or_insert_with_key(|app| self.windows(app, from, to));
                for &(i, period, start, end) in windows.iter() {
                    let e = &self.entries[i];
                    let Some(f) = &e.item.frequency else { continue };
                    let n = g.subject_count(f.subject_class.as_deref());
                    if n == 0 {
                        continue;
                    }
                    if out.len() >= limit {
                        return Err(AdmissionError::TooLarge(format!(
                            "more than {limit} instances; narrow the range or the grids"
                        )));
                    }
                    out.push(Instance {
                        entry: e,
                        grid: g.code,
                        period,
                        start,
                        end,
                        required: u64::from(f.times) * u64::from(n),
                    });
                }
            }
        }
        Ok(out)
    }

    /// Codes with at least one recurring version: their index range and which of the
    /// versions recur.
    fn recurring_codes(&self) -> Vec<(&(usize, usize), Vec<bool>)> {
        let mut codes: Vec<_> = self
            .by_code
            .values()
            .filter_map(|range| {
                let flags: Vec<bool> = self.entries[range.0..range.1]
                    .iter()
                    .map(|e| e.item.frequency.is_some() && e.effective_interval().is_some())
                    .collect();
                flags.iter().any(|&f| f).then_some((range, flags))
            })
            .collect();
        codes.sort_by_key(|(r, _)| r.0);
        codes
    }

    /// The windows of the versions `app` (indices, oldest first) whose due date lies in
    /// `[from, to)`, each period owned by the newest version in force during it.
    fn windows(&self, app: &[usize], from: NaiveDate, to: NaiveDate) -> Vec<Window> {
        let intervals: Vec<(NaiveDate, Option<NaiveDate>)> = app
            .iter()
            .map(|&i| {
                self.entries[i]
                    .effective_interval()
                    .unwrap_or((to, Some(to)))
            })
            .collect();
        let mut out = Vec::new();
        for (k, &i) in app.iter().enumerate() {
            let Some(freq) = &self.entries[i].item.frequency else {
                continue;
            };
            let (a, b) = intervals[k];
            let stop = b.map_or(to, |b| b.min(to));
            let mut p = Period::containing(freq.every, a.max(from));
            while p.start() < stop {
                let start = p.start().max(a);
                let end = b.map_or(p.end(), |b| p.end().min(b));
                let newer_owns = intervals[k + 1..]
                    .iter()
                    .any(|&(na, nb)| na < p.end() && nb.is_none_or(|nb| nb > p.start()));
                let due = end.pred_opt().unwrap_or(end);
                if start < end && !newer_owns && from <= due && due < to {
                    out.push((i, p, start, end));
                }
                match p.next() {
                    Some(n) => p = n,
                    None => break,
                }
            }
        }
        out.sort_by_key(|&(_, p, s, _)| (s, p.start()));
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::admission::{
        Actor, AdmissionRules, Frequency, Item, PeriodKind, Transition, UnitKind,
    };

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn visit(code: &str, every: PeriodKind, times: u32, class: Option<&str>) -> Item {
        let mut item: Item = toml::from_str(&format!(
            "list='task'\ncode='{code}'\nname='走访 {code}'\ndepartment='民政局'\nrole='lead'\ngrid_kinds=['basic']"
        ))
        .unwrap();
        item.frequency = Some(Frequency {
            every,
            times,
            subject: None,
            subject_class: class.map(str::to_string),
        });
        item
    }

    fn enact(l: &mut AdmissionList, item: Item, date: &str, effective: &str) {
        let rules = AdmissionRules::default();
        let office = Actor::new(UnitKind::CountyGovernanceOffice);
        let code = item.code.clone();
        let by = Actor::new(UnitKind::Department).named("民政局");
        l.apply(
            &Transition::Propose {
                date: d(date),
                by,
                item,
                document: None,
                reason: None,
            },
            &rules,
        )
        .unwrap();
        l.apply(
            &Transition::Approve {
                code: code.clone(),
                version: None,
                date: d(date),
                by: office.clone(),
                document: "D".into(),
            },
            &rules,
        )
        .unwrap();
        l.apply(
            &Transition::Enforce {
                code,
                version: None,
                date: d(date),
                by: office,
                effective: Some(d(effective)),
                document: None,
            },
            &rules,
        )
        .unwrap();
    }

    fn grids() -> Vec<GridRef> {
        vec![
            GridRef::new("371323100201001".parse().unwrap(), GridKind::Basic),
            GridRef {
                code: "371323100201002".parse().unwrap(),
                kind: GridKind::Basic,
                subjects: Some([("high_risk_elderly".to_string(), 3)].into()),
            },
            GridRef::new("371323100201003".parse().unwrap(), GridKind::Micro),
        ]
    }

    #[test]
    fn weekly_and_monthly_across_months() {
        let mut l = AdmissionList::new(None, None);
        enact(
            &mut l,
            visit("W", PeriodKind::Week, 1, Some("high_risk_elderly")),
            "2025-12-01",
            "2026-01-01",
        );
        enact(
            &mut l,
            visit("M", PeriodKind::Month, 1, None),
            "2025-12-01",
            "2026-01-15",
        );
        let g = grids();
        let all = l.instances(&g, d("2026-01-01"), d("2026-04-01")).unwrap();
        let of = |code: &str, grid: usize| {
            all.iter()
                .filter(|i| i.entry().item().code == code && i.grid() == g[grid].code)
                .collect::<Vec<_>>()
        };
        // Weekly: ISO weeks due 2026-01-04 (W01, clipped to start on Jan 1) … W13 (Mar 29).
        let w = of("W", 0);
        assert_eq!(w.len(), 13);
        assert_eq!(
            (w[0].start(), w[0].due()),
            (d("2026-01-01"), d("2026-01-04"))
        );
        assert_eq!(w[0].period().to_string(), "2026-W01");
        assert_eq!(w[12].period().to_string(), "2026-W13");
        assert_eq!(w[0].required(), 1);
        // A grid with 3 high-risk elderly owes 3 visits a week; micro grids none.
        assert!(of("W", 1).iter().all(|i| i.required() == 3));
        assert!(of("W", 2).is_empty());
        // Monthly from Jan 15: January's window is Jan 15–31.
        let m = of("M", 1);
        assert_eq!(m.len(), 3);
        assert_eq!(
            (m[0].start(), m[0].due()),
            (d("2026-01-15"), d("2026-01-31"))
        );
        assert_eq!(m[1].period().to_string(), "2026-02");
        assert_eq!(m[2].due(), d("2026-03-31"));
        assert_eq!(m[0].id(), "M/v1/371323100201002/2026-01");
    }

    #[test]
    fn adjacent_ranges_partition() {
        let mut l = AdmissionList::new(None, None);
        enact(
            &mut l,
            visit("W", PeriodKind::Week, 2, None),
            "2025-12-01",
            "2025-12-10",
        );
        enact(
            &mut l,
            visit("Q", PeriodKind::Quarter, 1, None),
            "2025-12-01",
            "2025-12-10",
        );
        let g = grids();
        let ids = |a: &str, b: &str| {
            l.instances(&g, d(a), d(b))
                .unwrap()
                .iter()
                .map(Instance::id)
                .collect::<Vec<_>>()
        };
        let mut parts = ids("2026-01-01", "2026-02-01");
        parts.extend(ids("2026-02-01", "2026-07-01"));
        let mut whole = ids("2026-01-01", "2026-07-01");
        parts.sort();
        whole.sort();
        assert_eq!(parts, whole);
        assert!(whole.iter().any(|i| i.ends_with("2026-Q2")));
        assert!(ids("2026-01-01", "2026-01-01").is_empty());
        assert!(l.instances(&g, d("2026-02-01"), d("2026-01-01")).is_err());
        let twice = [g[0].clone(), g[0].clone()];
        assert!(
            l.instances(&twice, d("2026-01-01"), d("2026-02-01"))
                .is_err()
        );
        assert!(
            l.instances_limited(&g, d("2026-01-01"), d("2027-01-01"), 10)
                .is_err()
        );
    }

    #[test]
    fn a_new_version_takes_over_the_period() {
        let mut l = AdmissionList::new(None, None);
        enact(
            &mut l,
            visit("V", PeriodKind::Month, 1, None),
            "2025-12-01",
            "2026-01-01",
        );
        // Version 2 (weekly) from Wednesday 2026-03-18.
        enact(
            &mut l,
            visit("V", PeriodKind::Week, 1, None),
            "2026-03-01",
            "2026-03-18",
        );
        assert_eq!(l.versions("V").len(), 2);
        let g = &grids()[..1];
        let all = l.instances(g, d("2026-01-01"), d("2026-05-01")).unwrap();
        let months: Vec<_> = all
            .iter()
            .filter(|i| i.entry().version() == 1)
            .map(|i| i.period().to_string())
            .collect();
        assert_eq!(months, ["2026-01", "2026-02"]);
        let weeks: Vec<_> = all.iter().filter(|i| i.entry().version() == 2).collect();
        assert_eq!(weeks[0].period().to_string(), "2026-W12");
        assert_eq!(weeks[0].start(), d("2026-03-18"));
        assert_eq!(weeks.last().unwrap().due(), d("2026-04-26"));
        // No two instances of one code share a day in one grid.
        let mut days = HashSet::new();
        for i in &all {
            let mut day = i.start();
            while day < i.end() {
                assert!(days.insert(day), "{day} twice");
                day = day.succ_opt().unwrap();
            }
        }
    }
}
