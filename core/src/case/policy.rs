//! The `[case]` section of a policy: catalogue, tiers, roles, authorization, limits,
//! colours and breach actions (SPEC §3, §6).
//!
//! [`CasePolicyFile`] is the strict file form (unknown fields are errors, every field has
//! a documented default); [`CasePolicy`] is the validated form the engine reads.
//!
//! ```
//! use wangge::case::{CasePolicy, CasePolicyFile, Op};
//! use wangge::record::{Tier, Urgency};
//! let p = CasePolicy::try_from(CasePolicyFile::default())?;
//! assert!(p.category("矛盾纠纷").is_some());
//! assert_eq!(p.default_tier("邻里纠纷", Urgency::Routine), Tier::T1);
//! assert!(p.rule(Op::Claim).roles.contains("town_centre"));
//! # Ok::<(), wangge::policy::PolicyError>(())
//! ```

use std::collections::{BTreeMap, BTreeSet, HashMap};

use serde::{Deserialize, Serialize};

use super::clocks::{Colour, Stage};
use super::command::Op;
use super::defaults;
use super::limit::Limit;
use crate::actor::UnitKind;
use crate::policy::PolicyError;
use crate::record::{CaseClass, CaseStatus, Supervision, Tier, Urgency};

/// The platform roles every policy defines (the issue's wire contract).
pub const PLATFORM_ROLES: &[&str] = &[
    "community_centre",
    "town_centre",
    "county_centre",
    "department",
    "leader",
];

/// The `[case]` section as written.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct CasePolicyFile {
    /// The category catalogue, a tree by `parent`. Defaults to a catalogue with 矛盾纠纷
    /// and its sub-categories, 治安隐患, 安全生产, 环境卫生, 市容秩序, 民生服务, the four
    /// emergencies of seed 000 and a few 数字城管 components.
    pub categories: Vec<CategoryFile>,
    /// Tier when no rule of `tiers` matches. Defaults to `t1`.
    pub default_tier: Tier,
    /// Default tiers by category × urgency; a rule without urgency covers every urgency;
    /// a category's rules apply to its sub-categories. Defaults to a small table.
    pub tiers: Vec<TierRuleFile>,
    /// Role ids and the kind of unit each acts at. Defaults to the five platform roles and
    /// the staffing roles (at a grid).
    pub roles: Vec<RoleFile>,
    /// Departments (`dept:<id>` units). Defaults to a handful of county departments.
    pub departments: Vec<DepartmentFile>,
    /// Which roles may do which operation in which states. Defaults to a table covering
    /// every operation.
    pub authorization: Vec<AuthRuleFile>,
    /// How long after the report a town may claim a case (抢单). Defaults to
    /// `"2 working hours"`.
    pub claim_window: Limit,
    /// Departments a town may summon (吹哨清单). Defaults to every department.
    pub summon_list: Vec<String>,
    /// How long a summoned department has to check in (报到). Defaults to `"1 working days"`.
    pub check_in_limit: Limit,
    /// Urgencies a town may delegate down (分单: routine matters only). Defaults to
    /// `["routine"]`.
    pub delegate_urgencies: Vec<Urgency>,
    /// Roles that may report an emergency (seed 000: 网格长、专职网格员). Defaults to
    /// `["grid_head", "grid_worker"]`.
    pub emergency_reporters: Vec<String>,
    /// Limits by category × urgency × stage. Defaults to a table after 海宁 (accept 2 working
    /// days, handle 7) and 池州 (urgent 24 hours).
    pub limits: Vec<LimitRuleFile>,
    /// Colour by deadline progress. Defaults to green ≤ 80 %, yellow ≤ 100 %, red overdue.
    pub progress_colours: ProgressColours,
    /// Colour by urgency (池州 四色). Defaults to red urgent, yellow important, blue
    /// routine, green closed.
    pub urgency_colours: UrgencyColours,
    /// What a breached deadline does. Defaults to escalating one tier and yellow
    /// supervision.
    pub breach: BreachActions,
    /// A report within this many metres of an open case of the same category … Defaults to
    /// 50.
    pub duplicate_radius_m: f64,
    /// … and within this time of its report is flagged as a likely duplicate. Defaults to
    /// `"24 hours"`.
    pub duplicate_window: Limit,
}

impl Default for CasePolicyFile {
    fn default() -> Self {
        defaults::file()
    }
}

/// One category of the catalogue.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CategoryFile {
    /// Id (unique; the name hosts send).
    pub id: String,
    /// Display name. Defaults to the id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Parent category id. Defaults to none (a root).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parent: Option<String>,
    /// Event or component. Defaults to the parent's, or `event` for a root.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub class: Option<CaseClass>,
    /// 数字城管 class code (2 digits major, or 2+2 digits), accepted in place of the id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    /// An emergency (突发事件): reported straight to the town centre. Defaults to the
    /// parent's, or false.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub emergency: Option<bool>,
}

/// A default-tier rule.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TierRuleFile {
    /// Category id (covers its sub-categories).
    pub category: String,
    /// Urgency; absent: every urgency.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub urgency: Option<Urgency>,
    /// The tier.
    pub tier: Tier,
}

/// A role and the unit kind it acts at.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RoleFile {
    /// Role id.
    pub id: String,
    /// The kind of unit an actor with this role names.
    pub unit: UnitKind,
}

/// A department.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DepartmentFile {
    /// Id (the unit is `dept:<id>`).
    pub id: String,
    /// Display name.
    pub name: String,
}

/// One row of the authorization table.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AuthRuleFile {
    /// The operation.
    pub op: Op,
    /// Roles allowed.
    pub roles: Vec<String>,
    /// States in which the operation is allowed (ignored for `report`).
    #[serde(default)]
    pub states: Vec<CaseStatus>,
}

/// One limit rule; the most specific match wins (category beats urgency; a nearer
/// ancestor beats a farther one).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LimitRuleFile {
    /// Category id (covers its sub-categories); absent: any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub category: Option<String>,
    /// Urgency; absent: any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub urgency: Option<Urgency>,
    /// The stage clock it limits (`overall` for the report-to-close clock).
    pub stage: Stage,
    /// The limit.
    pub limit: Limit,
}

/// Colour by deadline progress.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct ProgressColours {
    /// Green while at most this percentage of the limit is used. Defaults to 80.
    pub green_max_percent: u32,
    /// Yellow while at most this percentage is used (red beyond). Defaults to 100.
    pub yellow_max_percent: u32,
}

impl Default for ProgressColours {
    fn default() -> Self {
        ProgressColours {
            green_max_percent: 80,
            yellow_max_percent: 100,
        }
    }
}

/// Colour by urgency (池州 四色).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct UrgencyColours {
    /// Routine. Defaults to blue.
    pub routine: Colour,
    /// Important. Defaults to yellow.
    pub important: Colour,
    /// Urgent. Defaults to red.
    pub urgent: Colour,
    /// Closed. Defaults to green.
    pub closed: Colour,
}

impl Default for UrgencyColours {
    fn default() -> Self {
        UrgencyColours {
            routine: Colour::Blue,
            important: Colour::Yellow,
            urgent: Colour::Red,
            closed: Colour::Green,
        }
    }
}

/// What a breached deadline does (`tick`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct BreachActions {
    /// Raise the case one tier (T4 stays T4). Defaults to true.
    pub escalate: bool,
    /// Supervise at this level (`none`: do not). Defaults to `yellow`.
    pub supervise: Supervision,
}

impl Default for BreachActions {
    fn default() -> Self {
        BreachActions {
            escalate: true,
            supervise: Supervision::Yellow,
        }
    }
}

/// A validated category.
#[derive(Debug, Clone, PartialEq)]
pub struct Category {
    /// Id.
    pub id: String,
    /// Display name.
    pub name: String,
    /// Parent id.
    pub parent: Option<String>,
    /// Event or component (resolved through the tree).
    pub class: CaseClass,
    /// 数字城管 code.
    pub code: Option<String>,
    /// Emergency (resolved through the tree).
    pub emergency: bool,
}

/// A validated authorization rule.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct AuthRule {
    /// Roles allowed.
    pub roles: BTreeSet<String>,
    /// States allowed.
    pub states: Vec<CaseStatus>,
}

/// The validated `[case]` section.
#[derive(Debug, Clone, PartialEq)]
pub struct CasePolicy {
    categories: Vec<Category>,
    by_key: HashMap<String, usize>,
    tiers: HashMap<(String, Option<Urgency>), Tier>,
    default_tier: Tier,
    roles: BTreeMap<String, UnitKind>,
    departments: BTreeMap<String, String>,
    auth: BTreeMap<Op, AuthRule>,
    limits: HashMap<(Option<String>, Option<Urgency>, Stage), Limit>,
    /// Claim window (抢单).
    pub claim_window: Limit,
    /// Departments a town may summon.
    pub summon_list: BTreeSet<String>,
    /// Check-in limit of a summoned department.
    pub check_in_limit: Limit,
    /// Urgencies that may be delegated.
    pub delegate_urgencies: Vec<Urgency>,
    /// Roles that may report an emergency.
    pub emergency_reporters: BTreeSet<String>,
    /// Colour by progress.
    pub progress_colours: ProgressColours,
    /// Colour by urgency.
    pub urgency_colours: UrgencyColours,
    /// Breach actions.
    pub breach: BreachActions,
    /// Duplicate radius in metres.
    pub duplicate_radius_m: f64,
    /// Duplicate window.
    pub duplicate_window: Limit,
    file: CasePolicyFile,
}

impl Default for CasePolicy {
    fn default() -> Self {
        // The default file is validated by a unit test; fall back to an empty catalogue
        // rather than panic should that ever break.
        CasePolicy::try_from(CasePolicyFile::default()).unwrap_or_else(|_| CasePolicy {
            categories: Vec::new(),
            by_key: HashMap::new(),
            tiers: HashMap::new(),
            default_tier: Tier::T1,
            roles: BTreeMap::new(),
            departments: BTreeMap::new(),
            auth: BTreeMap::new(),
            limits: HashMap::new(),
            claim_window: defaults::limit("2 working hours"),
            summon_list: BTreeSet::new(),
            check_in_limit: defaults::limit("1 working days"),
            delegate_urgencies: vec![Urgency::Routine],
            emergency_reporters: BTreeSet::new(),
            progress_colours: ProgressColours::default(),
            urgency_colours: UrgencyColours::default(),
            breach: BreachActions::default(),
            duplicate_radius_m: 50.0,
            duplicate_window: defaults::limit("24 hours"),
            file: CasePolicyFile::default(),
        })
    }
}

fn inv(field: String, msg: impl Into<String>) -> PolicyError {
    PolicyError::invalid(format!("case.{field}"), msg)
}

fn valid_code(c: &str) -> bool {
    (c.len() == 2 || c.len() == 4) && c.bytes().all(|b| b.is_ascii_digit())
}

impl TryFrom<CasePolicyFile> for CasePolicy {
    type Error = PolicyError;
    fn try_from(f: CasePolicyFile) -> Result<Self, PolicyError> {
        let (categories, by_key) = catalogue(&f.categories)?;
        let mut tiers = HashMap::new();
        for (i, t) in f.tiers.iter().enumerate() {
            if !by_key.contains_key(&t.category) {
                return Err(inv(format!("tiers[{i}].category"), "unknown category"));
            }
            let id = categories[by_key[&t.category]].id.clone();
            if tiers.insert((id, t.urgency), t.tier).is_some() {
                return Err(inv(format!("tiers[{i}]"), "duplicate rule"));
            }
        }
        let mut roles = BTreeMap::new();
        for (i, r) in f.roles.iter().enumerate() {
            if r.id.trim().is_empty() || roles.insert(r.id.clone(), r.unit).is_some() {
                return Err(inv(format!("roles[{i}].id"), "empty or duplicate role"));
            }
        }
        for p in PLATFORM_ROLES {
            if !roles.contains_key(*p) {
                return Err(inv(
                    "roles".into(),
                    format!("the platform role {p} is missing"),
                ));
            }
        }
        let mut departments = BTreeMap::new();
        for (i, d) in f.departments.iter().enumerate() {
            let ok = format!("dept:{}", d.id)
                .parse::<crate::actor::UnitRef>()
                .is_ok();
            if !ok || departments.insert(d.id.clone(), d.name.clone()).is_some() {
                return Err(inv(
                    format!("departments[{i}].id"),
                    "invalid or duplicate department",
                ));
            }
        }
        let mut auth = BTreeMap::new();
        for (i, a) in f.authorization.iter().enumerate() {
            for (j, r) in a.roles.iter().enumerate() {
                if !roles.contains_key(r) {
                    return Err(inv(
                        format!("authorization[{i}].roles[{j}]"),
                        format!("unknown role {r:?}"),
                    ));
                }
            }
            let rule = AuthRule {
                roles: a.roles.iter().cloned().collect(),
                states: a.states.clone(),
            };
            if auth.insert(a.op, rule).is_some() {
                return Err(inv(format!("authorization[{i}].op"), "duplicate operation"));
            }
        }
        let mut summon_list = BTreeSet::new();
        for (i, d) in f.summon_list.iter().enumerate() {
            if !departments.contains_key(d) {
                return Err(inv(format!("summon_list[{i}]"), "unknown department"));
            }
            summon_list.insert(d.clone());
        }
        let mut emergency_reporters = BTreeSet::new();
        for (i, r) in f.emergency_reporters.iter().enumerate() {
            if !roles.contains_key(r) {
                return Err(inv(format!("emergency_reporters[{i}]"), "unknown role"));
            }
            emergency_reporters.insert(r.clone());
        }
        let mut limits = HashMap::new();
        for (i, l) in f.limits.iter().enumerate() {
            let cat = match &l.category {
                Some(c) => match by_key.get(c) {
                    Some(&k) => Some(categories[k].id.clone()),
                    None => return Err(inv(format!("limits[{i}].category"), "unknown category")),
                },
                None => None,
            };
            if l.limit.amount == 0 {
                return Err(inv(
                    format!("limits[{i}].limit"),
                    "must be longer than zero",
                ));
            }
            if limits.insert((cat, l.urgency, l.stage), l.limit).is_some() {
                return Err(inv(format!("limits[{i}]"), "duplicate rule"));
            }
        }
        let pc = &f.progress_colours;
        if pc.green_max_percent > pc.yellow_max_percent || pc.yellow_max_percent > 10_000 {
            return Err(inv(
                "progress_colours".into(),
                "need green_max_percent ≤ yellow_max_percent ≤ 10000",
            ));
        }
        if !f.duplicate_radius_m.is_finite() || f.duplicate_radius_m < 0.0 {
            return Err(inv(
                "duplicate_radius_m".into(),
                "must be a finite number ≥ 0",
            ));
        }
        if f.delegate_urgencies.is_empty() {
            // Allowed: no delegation at all.
        }
        Ok(CasePolicy {
            categories,
            by_key,
            tiers,
            default_tier: f.default_tier,
            roles,
            departments,
            auth,
            limits,
            claim_window: f.claim_window,
            summon_list,
            check_in_limit: f.check_in_limit,
            delegate_urgencies: f.delegate_urgencies.clone(),
            emergency_reporters,
            progress_colours: f.progress_colours.clone(),
            urgency_colours: f.urgency_colours.clone(),
            breach: f.breach.clone(),
            duplicate_radius_m: f.duplicate_radius_m,
            duplicate_window: f.duplicate_window,
            file: f,
        })
    }
}

type Catalogue = (Vec<Category>, HashMap<String, usize>);

fn catalogue(files: &[CategoryFile]) -> Result<Catalogue, PolicyError> {
    let mut by_key: HashMap<String, usize> = HashMap::new();
    for (i, c) in files.iter().enumerate() {
        if c.id.trim().is_empty() || by_key.insert(c.id.clone(), i).is_some() {
            return Err(inv(format!("categories[{i}].id"), "empty or duplicate id"));
        }
    }
    for (i, c) in files.iter().enumerate() {
        if let Some(code) = &c.code {
            if !valid_code(code) {
                return Err(inv(
                    format!("categories[{i}].code"),
                    "a 数字城管 class code has 2 or 2+2 digits",
                ));
            }
            if let Some(&j) = by_key.get(code)
                && j != i
            {
                return Err(inv(
                    format!("categories[{i}].code"),
                    "the code is already another category's id or code",
                ));
            }
            by_key.insert(code.clone(), i);
        }
        if let Some(p) = &c.parent
            && !files.iter().any(|o| &o.id == p)
        {
            return Err(inv(format!("categories[{i}].parent"), "unknown parent"));
        }
    }
    // Resolve class and emergency through the tree, refusing cycles.
    let mut out = Vec::with_capacity(files.len());
    for (i, c) in files.iter().enumerate() {
        let (mut class, mut emergency) = (c.class, c.emergency);
        let mut cur = c.parent.clone();
        let mut steps = 0;
        while let Some(p) = cur {
            steps += 1;
            if steps > files.len() {
                return Err(inv(
                    format!("categories[{i}].parent"),
                    "the tree has a cycle",
                ));
            }
            let pf = files.iter().find(|o| o.id == p);
            let Some(pf) = pf else { break };
            class = class.or(pf.class);
            emergency = emergency.or(pf.emergency);
            cur = pf.parent.clone();
        }
        out.push(Category {
            id: c.id.clone(),
            name: c.name.clone().unwrap_or_else(|| c.id.clone()),
            parent: c.parent.clone(),
            class: class.unwrap_or(CaseClass::Event),
            code: c.code.clone(),
            emergency: emergency.unwrap_or(false),
        });
    }
    Ok((out, by_key))
}

impl CasePolicy {
    /// A category by id or 数字城管 code.
    pub fn category(&self, key: &str) -> Option<&Category> {
        self.by_key.get(key).map(|&i| &self.categories[i])
    }

    /// Every category, in catalogue order.
    pub fn categories(&self) -> &[Category] {
        &self.categories
    }

    /// The category and its ancestors, nearest first.
    fn lineage(&self, key: &str) -> Vec<&str> {
        let mut out = Vec::new();
        let mut cur = self.category(key);
        while let Some(c) = cur {
            if out.len() > self.categories.len() {
                break;
            }
            out.push(c.id.as_str());
            cur = c.parent.as_deref().and_then(|p| self.category(p));
        }
        out
    }

    /// The default tier of a category at an urgency (inherited down the tree).
    pub fn default_tier(&self, category: &str, urgency: Urgency) -> Tier {
        for id in self.lineage(category) {
            for u in [Some(urgency), None] {
                if let Some(t) = self.tiers.get(&(id.to_owned(), u)) {
                    return *t;
                }
            }
        }
        self.default_tier
    }

    /// The limit of a stage for a category and urgency, if the policy sets one.
    pub fn limit(&self, category: &str, urgency: Urgency, stage: Stage) -> Option<Limit> {
        for id in self.lineage(category) {
            for u in [Some(urgency), None] {
                if let Some(l) = self.limits.get(&(Some(id.to_owned()), u, stage)) {
                    return Some(*l);
                }
            }
        }
        for u in [Some(urgency), None] {
            if let Some(l) = self.limits.get(&(None, u, stage)) {
                return Some(*l);
            }
        }
        None
    }

    /// The authorization rule of an operation (empty: nobody may).
    pub fn rule(&self, op: Op) -> AuthRule {
        self.auth.get(&op).cloned().unwrap_or_default()
    }

    /// Whether `role` may do `op` in state `status` (`None`: before the report).
    pub fn allows(&self, op: Op, role: &str, status: Option<CaseStatus>) -> (bool, bool) {
        match self.auth.get(&op) {
            None => (false, false),
            Some(r) => (
                r.roles.contains(role),
                status.is_none_or(|s| r.states.contains(&s)),
            ),
        }
    }

    /// The unit kind a role acts at, if the role is known.
    pub fn role_unit(&self, role: &str) -> Option<UnitKind> {
        self.roles.get(role).copied()
    }

    /// The role ids.
    pub fn roles(&self) -> impl Iterator<Item = &str> {
        self.roles.keys().map(String::as_str)
    }

    /// Whether a department id is known.
    pub fn has_department(&self, id: &str) -> bool {
        self.departments.contains_key(id)
    }

    /// The file form.
    pub fn file(&self) -> &CasePolicyFile {
        &self.file
    }
}
