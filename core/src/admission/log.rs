//! The record of decisions a host keeps ([`AdmissionLog`]) and its per-department counts.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::{Decision, RejectReason, Rejection};

/// Decisions folded into one value: every rejection (kept whole, for the record) and the
/// number of allowed pushes per department. The core keeps no state: the host stores the
/// log (JSON) and folds new decisions in; logs of different partitions merge.
///
/// JSON: `{"rejections": [Rejection…], "allowed": {"区民政局": 12}}`.
///
/// ```
/// use chrono::NaiveDate;
/// use wangge::admission::{AdmissionList, AdmissionLog, CheckRequest, ListKind};
/// use wangge::grid::GridKind;
/// let list = AdmissionList::preset("seed000")?;
/// let on: NaiveDate = "2019-03-01".parse().unwrap();
/// let mut log = AdmissionLog::default();
/// for code in ["RW-001", "XX-1", "XX-2"] {
///     let push = CheckRequest::code(ListKind::Task, code, GridKind::Basic, on).department("区住建局");
///     log.record(&list.check(&push)?);
/// }
/// let t = log.tally();
/// assert_eq!((t[0].department.as_deref(), t[0].rejected), (Some("区住建局"), 3));
/// # Ok::<(), wangge::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AdmissionLog {
    /// Every rejection, in the order recorded.
    #[serde(default)]
    pub rejections: Vec<Rejection>,
    /// Allowed pushes per requesting department (`""`: none named).
    #[serde(default)]
    pub allowed: BTreeMap<String, u64>,
}

/// The counts of one department (`department = None`: requests that named none).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DepartmentTally {
    /// The department.
    pub department: Option<String>,
    /// Pushes admitted.
    pub allowed: u64,
    /// Pushes refused.
    pub rejected: u64,
    /// Refusals by reason.
    pub by_reason: BTreeMap<RejectReason, u64>,
}

impl AdmissionLog {
    /// Folds one decision in.
    pub fn record(&mut self, d: &Decision) {
        match d {
            Decision::Allowed(a) => {
                let k = a.department.clone().unwrap_or_default();
                *self.allowed.entry(k).or_default() += 1;
            }
            Decision::Rejected(r) => self.rejections.push(r.clone()),
        }
    }

    /// Folds another log in (rejections appended in its order).
    ///
    /// ```
    /// use wangge::admission::AdmissionLog;
    /// let mut a = AdmissionLog::default();
    /// a.allowed.insert("区民政局".into(), 2);
    /// let mut b = AdmissionLog::default();
    /// b.allowed.insert("区民政局".into(), 3);
    /// a.merge(b);
    /// assert_eq!(a.allowed["区民政局"], 5);
    /// assert_eq!(a.tally()[0].allowed, 5);
    /// ```
    pub fn merge(&mut self, other: AdmissionLog) {
        self.rejections.extend(other.rejections);
        for (k, v) in other.allowed {
            *self.allowed.entry(k).or_default() += v;
        }
    }

    /// Counts per department, most rejections first (then by name; the unnamed last among
    /// equals).
    pub fn tally(&self) -> Vec<DepartmentTally> {
        let mut by: BTreeMap<Option<&str>, DepartmentTally> = BTreeMap::new();
        let row = |d: Option<&str>| DepartmentTally {
            department: d.map(str::to_string),
            allowed: 0,
            rejected: 0,
            by_reason: BTreeMap::new(),
        };
        for r in &self.rejections {
            let d = r.department.as_deref();
            let t = by.entry(d).or_insert_with(|| row(d));
            t.rejected += 1;
            *t.by_reason.entry(r.reason).or_default() += 1;
        }
        for (k, &n) in &self.allowed {
            let d = (!k.is_empty()).then_some(k.as_str());
            by.entry(d).or_insert_with(|| row(d)).allowed += n;
        }
        let mut out: Vec<DepartmentTally> = by.into_values().collect();
        out.sort_by(|a, b| {
            b.rejected
                .cmp(&a.rejected)
                .then_with(|| a.department.is_none().cmp(&b.department.is_none()))
                .then_with(|| a.department.cmp(&b.department))
        });
        out
    }

    /// The number of rejections recorded.
    pub fn rejected(&self) -> u64 {
        self.rejections.len() as u64
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::admission::{AdmissionList, CheckRequest, ListKind};
    use crate::grid::GridKind;

    #[test]
    fn counts_per_department_and_merges() {
        let list = AdmissionList::preset("seed000").unwrap();
        let on = "2019-03-01".parse().unwrap();
        let mut a = AdmissionLog::default();
        let mut b = AdmissionLog::default();
        let pushes = [
            ("RW-001", Some("区综治办")),
            ("XX-1", Some("区住建局")),
            ("XX-2", Some("区住建局")),
            ("XX-3", None),
            ("XX-4", Some("区环保局")),
        ];
        for (i, (code, dept)) in pushes.iter().enumerate() {
            let mut r = CheckRequest::code(ListKind::Task, code, GridKind::Basic, on);
            r.department = dept.map(str::to_string);
            let d = list.check(&r).unwrap();
            if i % 2 == 0 {
                a.record(&d)
            } else {
                b.record(&d)
            }
        }
        a.merge(b);
        let t = a.tally();
        let names: Vec<_> = t.iter().map(|r| r.department.as_deref()).collect();
        assert_eq!(
            names,
            [Some("区住建局"), Some("区环保局"), None, Some("区综治办")]
        );
        assert_eq!(t[0].by_reason[&RejectReason::NotListed], 2);
        assert_eq!(t[3].allowed, 1);
        assert_eq!(a.rejected(), 4);
        let back: AdmissionLog = serde_json::from_str(&serde_json::to_string(&a).unwrap()).unwrap();
        assert_eq!(back, a);
    }
}
