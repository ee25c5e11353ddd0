//! Enforcement: may this be pushed onto a grid? ([`AdmissionList::check`]).

use std::fmt;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize, Serializer};

use super::{AdmissionError, AdmissionList, Entry, ListKind, Role, Status};
use crate::code::UnitCode;
use crate::grid::GridKind;

/// What a request pushes or assigns: an item by code, an item by name, or a case
/// category. JSON: `{"code": "RW-001"}`, `{"name": "…"}` or `{"category": "矛盾纠纷/…"}`.
///
/// ```
/// use wangge::admission::Subject;
/// let s: Subject = serde_json::from_str(r#"{"category": "矛盾纠纷"}"#).unwrap();
/// assert_eq!(s.to_string(), "category 矛盾纠纷");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum Subject {
    /// An item by code.
    Code(String),
    /// An item by exact name (for pushes that carry no code).
    Name(String),
    /// A case category assigned to a grid (matched with its ancestors).
    Category(String),
}

impl fmt::Display for Subject {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Subject::Code(c) => write!(f, "item {c}"),
            Subject::Name(n) => write!(f, "item “{n}”"),
            Subject::Category(c) => write!(f, "category {c}"),
        }
    }
}

/// A question for [`AdmissionList::check`]: may `department` push `subject` (on list
/// `list`) onto a grid of kind `grid_kind` (optionally: this unit) on `date`?
///
/// JSON: `{"list": "task", "department": "区住建局", "code": "RW-009", "grid_kind": "basic",
/// "unit": "371323100201001", "date": "2026-03-01"}` with exactly one of `code`, `name`,
/// `category`; `list` defaults to `"task"`, `department` and `unit` are optional.
///
/// ```
/// use wangge::admission::{CheckRequest, ListKind, Subject};
/// let push = CheckRequest::code(ListKind::Task, "RW-001", wangge::grid::GridKind::Micro, "2026-03-01".parse().unwrap())
///     .department("区民政局")
///     .unit("371323100201001".parse().unwrap());
/// assert_eq!(push.department.as_deref(), Some("区民政局"));
/// let r: CheckRequest = serde_json::from_str(r#"{"category": "安全隐患", "grid_kind": "basic", "date": "2026-03-01"}"#).unwrap();
/// assert_eq!((r.list, r.subject), (ListKind::Task, Subject::Category("安全隐患".into())));
/// assert!(serde_json::from_str::<CheckRequest>(r#"{"code": "A", "name": "B", "grid_kind": "basic", "date": "2026-03-01"}"#).is_err());
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "CheckRequestFile", into = "CheckRequestFile")]
pub struct CheckRequest {
    /// Which list.
    pub list: ListKind,
    /// The department pushing (or, for the summon list, summoned).
    pub department: Option<String>,
    /// What is pushed.
    pub subject: Subject,
    /// The kind of the receiving grid.
    pub grid_kind: GridKind,
    /// The receiving grid (or unit), for items limited to part of the jurisdiction.
    pub unit: Option<UnitCode>,
    /// The day of the push.
    pub date: NaiveDate,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct CheckRequestFile {
    #[serde(default = "task")]
    list: ListKind,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    department: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    code: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    category: Option<String>,
    grid_kind: GridKind,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    unit: Option<UnitCode>,
    #[serde(with = "crate::api::args::date")]
    date: NaiveDate,
}

fn task() -> ListKind {
    ListKind::Task
}

impl TryFrom<CheckRequestFile> for CheckRequest {
    type Error = String;
    fn try_from(f: CheckRequestFile) -> Result<Self, String> {
        let subject = match (f.code, f.name, f.category) {
            (Some(c), None, None) => Subject::Code(c),
            (None, Some(n), None) => Subject::Name(n),
            (None, None, Some(c)) => Subject::Category(c),
            _ => return Err("give exactly one of \"code\", \"name\" or \"category\"".into()),
        };
        Ok(CheckRequest {
            list: f.list,
            department: f.department,
            subject,
            grid_kind: f.grid_kind,
            unit: f.unit,
            date: f.date,
        })
    }
}

impl From<CheckRequest> for CheckRequestFile {
    fn from(r: CheckRequest) -> Self {
        let (mut code, mut name, mut category) = (None, None, None);
        match r.subject {
            Subject::Code(c) => code = Some(c),
            Subject::Name(n) => name = Some(n),
            Subject::Category(c) => category = Some(c),
        }
        CheckRequestFile {
            list: r.list,
            department: r.department,
            code,
            name,
            category,
            grid_kind: r.grid_kind,
            unit: r.unit,
            date: r.date,
        }
    }
}

impl CheckRequest {
    /// A request to push the item with code `code`.
    pub fn code(list: ListKind, code: &str, grid_kind: GridKind, date: NaiveDate) -> Self {
        Self::of(list, Subject::Code(code.into()), grid_kind, date)
    }

    /// A request to push the item named `name`.
    pub fn name(list: ListKind, name: &str, grid_kind: GridKind, date: NaiveDate) -> Self {
        Self::of(list, Subject::Name(name.into()), grid_kind, date)
    }

    /// A request to assign a case of `category` to a grid.
    pub fn category(list: ListKind, category: &str, grid_kind: GridKind, date: NaiveDate) -> Self {
        Self::of(list, Subject::Category(category.into()), grid_kind, date)
    }

    fn of(list: ListKind, subject: Subject, grid_kind: GridKind, date: NaiveDate) -> Self {
        CheckRequest {
            list,
            department: None,
            subject,
            grid_kind,
            unit: None,
            date,
        }
    }

    /// The same request from a department.
    pub fn department(mut self, department: &str) -> Self {
        self.department = Some(department.into());
        self
    }

    /// The same request for a given unit.
    pub fn unit(mut self, unit: UnitCode) -> Self {
        self.unit = Some(unit);
        self
    }
}

/// A reference to one version of an item, as decisions name it.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ItemRef {
    /// Which list.
    pub list: ListKind,
    /// Code.
    pub code: String,
    /// Version.
    pub version: u32,
    /// Name.
    pub name: String,
    /// Owning department.
    pub department: String,
    /// Lead or assist.
    pub role: Role,
}

impl From<&Entry> for ItemRef {
    fn from(e: &Entry) -> Self {
        ItemRef {
            list: e.item.list,
            code: e.item.code.clone(),
            version: e.version,
            name: e.item.name.clone(),
            department: e.item.department.clone(),
            role: e.item.role,
        }
    }
}

/// An allowed push: the item version in force that admits it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Admitted {
    /// The admitting item.
    pub item: ItemRef,
    /// The requesting department, as given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub department: Option<String>,
}

/// Why a push was refused, from "nothing like it was ever listed" to "listed, but for
/// another department".
///
/// ```
/// use wangge::admission::RejectReason;
/// assert_eq!(RejectReason::NotListed.summary_zh(), "不在清单内");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RejectReason {
    /// No item on that list matches (code, name or category).
    NotListed,
    /// An item matches but is not in force on that date (proposed, approved, scheduled,
    /// retired, or outside its validity).
    NotInForce,
    /// The item in force does not apply to grids of that kind.
    GridKindExcluded,
    /// The item in force is limited to other units.
    OutOfScope,
    /// The item in force belongs to another department.
    DepartmentMismatch,
}

impl RejectReason {
    /// The snake-case name.
    pub fn name(self) -> &'static str {
        match self {
            RejectReason::NotListed => "not_listed",
            RejectReason::NotInForce => "not_in_force",
            RejectReason::GridKindExcluded => "grid_kind_excluded",
            RejectReason::OutOfScope => "out_of_scope",
            RejectReason::DepartmentMismatch => "department_mismatch",
        }
    }

    /// A Chinese summary for end users.
    pub fn summary_zh(self) -> &'static str {
        match self {
            RejectReason::NotListed => "不在清单内",
            RejectReason::NotInForce => "事项未生效或已停止",
            RejectReason::GridKindExcluded => "事项不适用于该类网格",
            RejectReason::OutOfScope => "事项不适用于该区域",
            RejectReason::DepartmentMismatch => "事项不属于该部门",
        }
    }
}

/// A refused push, naming what was pushed, the department that pushed it and the nearest
/// item on the list (if any). Rejections are values: the host records them (an
/// [`super::AdmissionLog`] folds and counts them per department).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Rejection {
    /// Which list was checked.
    pub list: ListKind,
    /// The day of the push.
    pub date: NaiveDate,
    /// The department that pushed, as given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub department: Option<String>,
    /// What was pushed.
    pub subject: Subject,
    /// The kind of the receiving grid.
    pub grid_kind: GridKind,
    /// The receiving unit, if given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<UnitCode>,
    /// Why.
    pub reason: RejectReason,
    /// The nearest matching item version, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub item: Option<ItemRef>,
    /// That version's status on the date (absent if it was not yet proposed).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<Status>,
    /// One English sentence naming the department, the item and the reason.
    pub message: String,
}

/// The answer to a [`CheckRequest`].
///
/// JSON: `{"allowed": true, "item": {…}, "department": "…"}` or
/// `{"allowed": false, "rejection": {…}}`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Decision {
    /// The push is admitted.
    Allowed(Admitted),
    /// The push is refused.
    Rejected(Rejection),
}

impl Decision {
    /// Whether the push is admitted.
    pub fn is_allowed(&self) -> bool {
        matches!(self, Decision::Allowed(_))
    }

    /// The rejection, if refused.
    pub fn rejection(self) -> Option<Rejection> {
        match self {
            Decision::Rejected(r) => Some(r),
            Decision::Allowed(_) => None,
        }
    }

    /// The admitting item, if allowed.
    pub fn admitted(self) -> Option<Admitted> {
        match self {
            Decision::Allowed(a) => Some(a),
            Decision::Rejected(_) => None,
        }
    }

    /// `Ok` if allowed, the rejection as an error ([`crate::ErrorCode::AdmissionRejected`])
    /// otherwise: for hosts that want `?`.
    ///
    /// ```
    /// use wangge::admission::{AdmissionList, CheckRequest, ListKind};
    /// use wangge::grid::GridKind;
    /// let list = AdmissionList::preset("seed003")?;
    /// let push = CheckRequest::code(ListKind::Task, "RW-404", GridKind::Basic, "2023-05-01".parse().unwrap());
    /// let err = list.check(&push)?.into_result().unwrap_err();
    /// assert_eq!(err.code(), wangge::ErrorCode::AdmissionRejected);
    /// # Ok::<(), wangge::Error>(())
    /// ```
    pub fn into_result(self) -> Result<Admitted, AdmissionError> {
        match self {
            Decision::Allowed(a) => Ok(a),
            Decision::Rejected(r) => Err(r.into()),
        }
    }
}

impl Serialize for Decision {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        #[derive(Serialize)]
        struct Out<'a> {
            allowed: bool,
            #[serde(skip_serializing_if = "Option::is_none")]
            item: Option<&'a ItemRef>,
            #[serde(skip_serializing_if = "Option::is_none")]
            department: Option<&'a String>,
            #[serde(skip_serializing_if = "Option::is_none")]
            rejection: Option<&'a Rejection>,
        }
        match self {
            Decision::Allowed(a) => Out {
                allowed: true,
                item: Some(&a.item),
                department: a.department.as_ref(),
                rejection: None,
            },
            Decision::Rejected(r) => Out {
                allowed: false,
                item: None,
                department: None,
                rejection: Some(r),
            },
        }
        .serialize(s)
    }
}

/// How far a candidate got through the checks (higher is nearer to admitted).
fn stage(e: &Entry, r: &CheckRequest) -> u8 {
    if !e.in_force_on(r.date) {
        0
    } else if !e.item.applies_to_kind(r.grid_kind) {
        1
    } else if !e.item.applies_to_unit(r.unit) {
        2
    } else if r
        .department
        .as_deref()
        .is_some_and(|d| d != e.item.department)
    {
        3
    } else {
        4
    }
}

fn check_field(what: &str, v: &str) -> Result<(), AdmissionError> {
    if v.is_empty() || v.chars().count() > 200 {
        return Err(AdmissionError::InvalidRequest(format!(
            "{what} must have 1 to 200 characters"
        )));
    }
    Ok(())
}

impl AdmissionList {
    /// Checks a push against the list in force on its date: the item (or an item admitting
    /// the category) must be in force, apply to the grid's kind and unit, and belong to the
    /// pushing department (when one is named). Otherwise the [`Rejection`] names what was
    /// pushed, by whom, the nearest item and why.
    ///
    /// Errors only for malformed requests (empty or overlong fields).
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use wangge::admission::{AdmissionList, CheckRequest, ListKind, RejectReason};
    /// use wangge::grid::{GridKind, SiteKind};
    /// let list = AdmissionList::preset("seed001")?;
    /// let on: NaiveDate = "2021-06-01".parse().unwrap();
    /// let ok = CheckRequest::name(ListKind::Service, "低保申报", GridKind::Basic, on).department("区民政局");
    /// assert!(list.check(&ok)?.is_allowed());
    /// let school = GridKind::Dedicated(SiteKind::School);
    /// let r = list.check(&CheckRequest::name(ListKind::Service, "低保申报", school, on))?.rejection().unwrap();
    /// assert_eq!(r.reason, RejectReason::GridKindExcluded);
    /// # Ok::<(), wangge::Error>(())
    /// ```
    pub fn check(&self, r: &CheckRequest) -> Result<Decision, AdmissionError> {
        if let Some(d) = &r.department {
            check_field("department", d)?;
        }
        let candidates: Vec<usize> = match &r.subject {
            Subject::Code(c) => {
                check_field("code", c)?;
                self.by_code
                    .get(c.as_str())
                    .map(|&(a, b)| {
                        (a..b)
                            .filter(|&i| self.entries[i].item.list == r.list)
                            .collect()
                    })
                    .unwrap_or_default()
            }
            Subject::Name(n) => {
                check_field("name", n)?;
                self.named(r.list, n).to_vec()
            }
            Subject::Category(c) => {
                check_field("category", c)?;
                self.admitting(r.list, c)
            }
        };
        let mut best: Option<(u8, &Entry)> = None;
        for i in candidates {
            let e = &self.entries[i];
            let s = stage(e, r);
            if s == 4 {
                return Ok(Decision::Allowed(Admitted {
                    item: ItemRef::from(e),
                    department: r.department.clone(),
                }));
            }
            if best.is_none_or(|(b, _)| s >= b) {
                best = Some((s, e));
            }
        }
        let (reason, entry) = match best {
            None => (RejectReason::NotListed, None),
            Some((0, e)) => (RejectReason::NotInForce, Some(e)),
            Some((1, e)) => (RejectReason::GridKindExcluded, Some(e)),
            Some((2, e)) => (RejectReason::OutOfScope, Some(e)),
            Some((_, e)) => (RejectReason::DepartmentMismatch, Some(e)),
        };
        let message = message(r, reason, entry);
        Ok(Decision::Rejected(Rejection {
            list: r.list,
            date: r.date,
            department: r.department.clone(),
            subject: r.subject.clone(),
            grid_kind: r.grid_kind,
            unit: r.unit,
            reason,
            item: entry.map(ItemRef::from),
            status: entry.and_then(|e| e.status_on(r.date)),
            message,
        }))
    }
}

fn message(r: &CheckRequest, reason: RejectReason, e: Option<&Entry>) -> String {
    let who = r.department.as_deref().map_or_else(
        || "an unnamed department".to_string(),
        |d| format!("department {d}"),
    );
    let what = match (e, &r.subject) {
        (Some(e), Subject::Category(c)) => {
            format!("category {c} (item {} {})", e.item.code, e.item.name)
        }
        (Some(e), _) => format!("item {} {}", e.item.code, e.item.name),
        (None, s) => s.to_string(),
    };
    let (verb, prep) = match r.list {
        ListKind::Task => ("push", "onto"),
        ListKind::Service => ("offer", "in"),
        ListKind::Report => ("require reports of", "from"),
        ListKind::Summon => ("summon for", "in"),
    };
    let why = match (reason, e) {
        (RejectReason::NotListed, _) | (_, None) => format!("it is not on the {} list", r.list),
        (RejectReason::NotInForce, Some(e)) => e.why_not_in_force(r.date),
        (RejectReason::GridKindExcluded, Some(e)) => format!(
            "it applies only to {} grids",
            e.item
                .grid_kinds
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join(", ")
        ),
        (RejectReason::OutOfScope, Some(e)) => format!(
            "it applies only in {}{}",
            e.item
                .scope
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join(", "),
            if r.unit.is_none() {
                " and no unit was given"
            } else {
                ""
            }
        ),
        (RejectReason::DepartmentMismatch, Some(e)) => {
            format!("it belongs to {}", e.item.department)
        }
    };
    let unit = r.unit.map(|u| format!(" ({u})")).unwrap_or_default();
    format!(
        "{who} may not {verb} {what} {prep} {} grids{unit} on {}: {why}",
        r.grid_kind, r.date
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::admission::{Actor, AdmissionRules, Item, Transition, UnitKind};
    use crate::grid::SiteKind;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    /// RW-1 (民政局, basic grids, categories 民生服务) in force from 2024-02-01; RW-2
    /// (应急局, scope one town) in force from 2024-02-01 to 2024-06-01; RW-3 proposed only.
    fn list() -> AdmissionList {
        let rules = AdmissionRules::default();
        let mut l = AdmissionList::new(None, None);
        let office = Actor::new(UnitKind::CountyGovernanceOffice);
        let items = [
            "list='task'\ncode='RW-1'\nname='高龄老人走访'\ndepartment='民政局'\nrole='lead'\ngrid_kinds=['basic']\ncategories=['民生服务']",
            "list='task'\ncode='RW-2'\nname='安全隐患排查'\ndepartment='应急局'\nrole='assist'\nscope=['371323100000']\nvalidity={to='2024-06-01'}",
            "list='task'\ncode='RW-3'\nname='迎检材料'\ndepartment='住建局'\nrole='assist'",
        ];
        for (k, text) in items.iter().enumerate() {
            let item: Item = toml::from_str(text).unwrap();
            let by = Actor::new(UnitKind::Department).named(item.department.clone());
            let code = item.code.clone();
            l.apply(
                &Transition::Propose {
                    date: d("2024-01-01"),
                    by,
                    item,
                    document: None,
                    reason: None,
                },
                &rules,
            )
            .unwrap();
            if k == 2 {
                continue;
            }
            l.apply(
                &Transition::Approve {
                    code: code.clone(),
                    version: None,
                    date: d("2024-01-10"),
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
                    date: d("2024-01-10"),
                    by: office.clone(),
                    effective: Some(d("2024-02-01")),
                    document: None,
                },
                &rules,
            )
            .unwrap();
        }
        l
    }

    fn reason(l: &AdmissionList, r: &CheckRequest) -> Option<RejectReason> {
        l.check(r).unwrap().rejection().map(|x| x.reason)
    }

    #[test]
    fn unlisted_pushes_are_rejected_naming_item_and_department() {
        let l = list();
        let on = d("2024-03-01");
        let basic = GridKind::Basic;
        let r = l
            .check(&CheckRequest::code(ListKind::Task, "RW-9", basic, on).department("住建局"))
            .unwrap()
            .rejection()
            .unwrap();
        assert_eq!(r.reason, RejectReason::NotListed);
        assert!(
            r.message.contains("住建局") && r.message.contains("RW-9"),
            "{}",
            r.message
        );
        let r = l
            .check(&CheckRequest::code(ListKind::Task, "RW-3", basic, on).department("住建局"))
            .unwrap()
            .rejection()
            .unwrap();
        assert_eq!(
            (r.reason, r.status),
            (RejectReason::NotInForce, Some(Status::Proposed))
        );
        assert!(
            r.message.contains("迎检材料") && r.message.contains("not yet approved"),
            "{}",
            r.message
        );
        assert_eq!(r.item.unwrap().department, "住建局");
    }

    #[test]
    fn every_reason() {
        let l = list();
        let on = d("2024-03-01");
        let basic = GridKind::Basic;
        let c = |code: &str, k| CheckRequest::code(ListKind::Task, code, k, on);
        assert_eq!(reason(&l, &c("RW-1", basic).department("民政局")), None);
        assert_eq!(reason(&l, &c("RW-1", basic)), None);
        assert_eq!(
            reason(&l, &c("RW-1", basic).department("住建局")),
            Some(RejectReason::DepartmentMismatch)
        );
        assert_eq!(
            reason(&l, &c("RW-1", GridKind::Micro)),
            Some(RejectReason::GridKindExcluded)
        );
        assert_eq!(
            reason(
                &l,
                &CheckRequest::code(ListKind::Task, "RW-1", basic, d("2024-01-31"))
            ),
            Some(RejectReason::NotInForce)
        );
        assert_eq!(
            reason(
                &l,
                &CheckRequest::code(ListKind::Service, "RW-1", basic, on)
            ),
            Some(RejectReason::NotListed)
        );
        // Scope: inside the town, outside it, no unit.
        let inside: UnitCode = "371323100201001".parse().unwrap();
        let outside: UnitCode = "371323101201001".parse().unwrap();
        let school = GridKind::Dedicated(SiteKind::School);
        assert_eq!(reason(&l, &c("RW-2", school).unit(inside)), None);
        assert_eq!(
            reason(&l, &c("RW-2", school).unit(outside)),
            Some(RejectReason::OutOfScope)
        );
        assert_eq!(
            reason(&l, &c("RW-2", school)),
            Some(RejectReason::OutOfScope)
        );
        // Validity ended.
        let late = CheckRequest::code(ListKind::Task, "RW-2", basic, d("2024-06-01")).unit(inside);
        let r = l.check(&late).unwrap().rejection().unwrap();
        assert_eq!(r.reason, RejectReason::NotInForce);
        assert!(r.message.contains("validity ended"), "{}", r.message);
    }

    #[test]
    fn categories_and_names() {
        let l = list();
        let on = d("2024-03-01");
        let cat = |c: &str| CheckRequest::category(ListKind::Task, c, GridKind::Basic, on);
        assert_eq!(reason(&l, &cat("民生服务/养老")), None);
        assert_eq!(reason(&l, &cat("民生服务")), None);
        assert_eq!(reason(&l, &cat("民生")), Some(RejectReason::NotListed));
        assert_eq!(
            reason(&l, &cat("民生服务/养老").department("住建局")),
            Some(RejectReason::DepartmentMismatch)
        );
        let name = CheckRequest::name(ListKind::Task, "高龄老人走访", GridKind::Basic, on);
        assert_eq!(reason(&l, &name), None);
        let bad = CheckRequest::name(ListKind::Task, "", GridKind::Basic, on);
        assert!(l.check(&bad).is_err());
    }

    #[test]
    fn decisions_serialize() {
        let l = list();
        let on = d("2024-03-01");
        let yes = l
            .check(&CheckRequest::code(
                ListKind::Task,
                "RW-1",
                GridKind::Basic,
                on,
            ))
            .unwrap();
        let v = serde_json::to_value(&yes).unwrap();
        assert_eq!(v["allowed"], true);
        assert_eq!(v["item"]["code"], "RW-1");
        let no = l
            .check(&CheckRequest::code(
                ListKind::Task,
                "X",
                GridKind::Basic,
                on,
            ))
            .unwrap();
        let v = serde_json::to_value(&no).unwrap();
        assert_eq!(v["allowed"], false);
        let r: Rejection = serde_json::from_value(v["rejection"].clone()).unwrap();
        assert_eq!(Decision::Rejected(r), no);
        let e = no.into_result().unwrap_err();
        assert_eq!(e.code(), crate::ErrorCode::AdmissionRejected);
    }
}
