//! Staffing templates as policy data: the `[staffing]` section of a policy file
//! ([`StaffingPolicyFile`]) and its validated form ([`StaffingPolicy`]).
//!
//! ```toml
//! [staffing]
//! counting_states = ["on_duty"]          # who counts as holding a role
//!
//! [[staffing.departments]]               # the catalogue X draws from
//! id = "police"
//! name = "警务"
//!
//! [[staffing.templates]]
//! id = "3+X+N"
//! name = "一格三员"
//!
//! [[staffing.templates.roles]]
//! role = "grid_head"
//! min = 1
//! max = 1
//! concurrency = { per = "grid", max = 3 }   # may head up to 3 grids
//!
//! [[staffing.templates.roles]]
//! role = "grid_worker"
//! min = 1
//! full_time = true
//! tags = ["smartphone"]
//! age = { min = 18 }
//!
//! [[staffing.templates.composition]]
//! id = "party_member_worker"
//! roles = ["grid_worker", "part_time_worker"]
//! tags = ["party_member"]
//! min = 1
//!
//! [[staffing.templates.composition]]     # only in grids of urban communities (社区)
//! id = "party_graduate_worker"
//! roles = ["grid_worker"]
//! tags = ["party_member", "college_graduate"]
//! min = 1
//! community = "urban"
//!
//! [[staffing.templates.incompatible]]
//! roles = ["grid_head", "grid_worker"]     # pairwise, in the same grid
//! ```

use std::collections::{HashMap, HashSet};

use serde::{Deserialize, Serialize};

use super::StaffingError;
use super::role::{Department, PersonState, Role, RolePattern, string_serde};
use crate::code::AdminCode;
use crate::grid::{GridKind, Levels};

/// The `[staffing]` section of a policy file. See [`StaffingPolicy`] for the validated
/// form.
///
/// ```
/// use wangge::staffing::{StaffingPolicy, StaffingPolicyFile};
/// let f: StaffingPolicyFile = toml::from_str(r#"
///     [[templates]]
///     id = "2+N"
///     [[templates.roles]]
///     role = "grid_head"
///     min = 1
/// "#).unwrap();
/// assert_eq!(f.counting_states.len(), 1);               // on_duty by default
/// let p = StaffingPolicy::try_from(f)?;
/// assert_eq!(p.templates[0].roles[0].min, 1);
/// # Ok::<(), wangge::staffing::StaffingError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StaffingPolicyFile {
    /// The department catalogue embedded staff (X) is drawn from. Defaults to empty.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub departments: Vec<DepartmentSpec>,
    /// The person states in which a person counts as holding their roles. Defaults to
    /// `["on_duty"]` (on leave, seconded or left do not count).
    #[serde(default = "default_counting_states")]
    pub counting_states: Vec<PersonState>,
    /// The templates. A grid is checked against the first template that applies to it
    /// ([`Template::applies_to`]). Defaults to none (nothing to check).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub templates: Vec<Template>,
}

fn default_counting_states() -> Vec<PersonState> {
    vec![PersonState::OnDuty]
}

impl Default for StaffingPolicyFile {
    fn default() -> Self {
        StaffingPolicyFile {
            departments: Vec::new(),
            counting_states: default_counting_states(),
            templates: Vec::new(),
        }
    }
}

/// One department of the catalogue.
///
/// ```
/// use wangge::staffing::DepartmentSpec;
/// let d: DepartmentSpec = toml::from_str("id = 'market'\nname = '市场监管'\naliases = ['市场监管所']").unwrap();
/// assert_eq!(d.name, "市场监管");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DepartmentSpec {
    /// Identifier used in roles (`embedded_staff:police`).
    pub id: Department,
    /// Local name (`警务`); rosters may use it in place of the id.
    pub name: String,
    /// Other names rosters may use. Defaults to none.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<String>,
}

/// Which grids a template applies to, by kind: `"basic"`, `"micro"`, `"dedicated"` (any
/// site) or `"dedicated:<site>"`.
///
/// ```
/// use wangge::staffing::KindSelector;
/// use wangge::grid::GridKind;
/// let k: KindSelector = "dedicated".parse()?;
/// assert!(k.matches("dedicated:school".parse()?));
/// assert!(!k.matches(GridKind::Basic));
/// # Ok::<(), wangge::grid::GridError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum KindSelector {
    /// Exactly this kind.
    Kind(GridKind),
    /// Any dedicated grid.
    AnyDedicated,
}

impl KindSelector {
    /// Whether a grid kind is selected.
    pub fn matches(&self, kind: GridKind) -> bool {
        match self {
            KindSelector::Kind(k) => *k == kind,
            KindSelector::AnyDedicated => matches!(kind, GridKind::Dedicated(_)),
        }
    }
}

impl std::fmt::Display for KindSelector {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            KindSelector::Kind(k) => k.fmt(f),
            KindSelector::AnyDedicated => f.write_str("dedicated"),
        }
    }
}

impl std::str::FromStr for KindSelector {
    type Err = crate::grid::GridError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        if s == "dedicated" || s == "专属网格" {
            Ok(KindSelector::AnyDedicated)
        } else {
            s.parse().map(KindSelector::Kind)
        }
    }
}

string_serde!(KindSelector);

/// A staffing template: what each grid it applies to must have.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Template {
    /// Identifier (`"3+X+N"`, `"1+1+1+N"`).
    pub id: String,
    /// Display name. Defaults to empty.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub name: String,
    /// Grid kinds it applies to. Defaults to every kind.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub grid_kinds: Vec<KindSelector>,
    /// Grid level ids (from `[grid] levels`) it applies to. Defaults to every level.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub levels: Vec<String>,
    /// Rules per role. Defaults to none.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub roles: Vec<RoleRule>,
    /// Constraints across the grid's staff. Defaults to none.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub composition: Vec<CompositionRule>,
    /// Roles one person may not hold together. Defaults to none.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub incompatible: Vec<IncompatibleRule>,
    /// Whether roles without a rule may be held in the grid. Defaults to `allow`.
    #[serde(default, skip_serializing_if = "OtherRoles::is_allow")]
    pub other_roles: OtherRoles,
    /// How often residents should see each role (recorded as data; seed 002). Defaults
    /// to none.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub contacts: Vec<ContactRule>,
}

impl Template {
    /// Whether the template applies to a grid of this kind at this level (`level: None`
    /// is a grid whose level was not given: it matches templates without a level filter
    /// and, through [`StaffingPolicy`], templates listing the leaf level).
    ///
    /// ```
    /// use wangge::staffing::Template;
    /// use wangge::grid::GridKind;
    /// let t: Template = toml::from_str("id = 't'\ngrid_kinds = ['basic', 'micro']").unwrap();
    /// assert!(t.applies_to(GridKind::Micro, None));
    /// assert!(!t.applies_to("dedicated:park".parse().unwrap(), None));
    /// ```
    pub fn applies_to(&self, kind: GridKind, level: Option<&str>) -> bool {
        let kind_ok = self.grid_kinds.is_empty() || self.grid_kinds.iter().any(|k| k.matches(kind));
        let level_ok =
            self.levels.is_empty() || level.is_some_and(|l| self.levels.iter().any(|x| x == l));
        kind_ok && level_ok
    }
}

/// Rules for one role in each grid.
///
/// ```
/// use wangge::staffing::RoleRule;
/// let r: RoleRule = toml::from_str("role = '网格长'\nmin = 1\nmax = 1\nconcurrency = { per = 'grid', max = 3 }").unwrap();
/// assert_eq!(r.role.to_string(), "grid_head");
/// assert_eq!(r.concurrency.unwrap().max, 3);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RoleRule {
    /// The role (`"embedded_staff"` alone: any department).
    pub role: RolePattern,
    /// Local title. Defaults to none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Fewest holders per grid. Defaults to 0.
    #[serde(default)]
    pub min: u32,
    /// Most holders per grid. Defaults to no limit.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max: Option<u32>,
    /// Holders must be full-time (专职). Defaults to false.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub full_time: bool,
    /// Tags every holder must have (`party_member`, `smartphone` …). Defaults to none.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
    /// Age range of holders, in completed years on the validation date. Defaults to none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub age: Option<AgeRange>,
    /// How many units one person may hold this role in. Defaults to no limit.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub concurrency: Option<Concurrency>,
    /// Duties of the role (recorded as data; seed 001's seven duties). Defaults to none.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub duties: Vec<String>,
}

/// An inclusive age range; either end may be open.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AgeRange {
    /// Youngest allowed age. Defaults to none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min: Option<u32>,
    /// Oldest allowed age. Defaults to none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max: Option<u32>,
}

impl AgeRange {
    /// Whether `age` is in range.
    ///
    /// ```
    /// let r = wangge::staffing::AgeRange { min: Some(18), max: None };
    /// assert!(r.contains(18) && !r.contains(17));
    /// ```
    pub fn contains(&self, age: u32) -> bool {
        self.min.is_none_or(|m| age >= m) && self.max.is_none_or(|m| age <= m)
    }
}

/// A concurrency limit: one person may hold the role in at most `max` units, counted
/// `per` grid, community or town. "An instructor guides all grids of a village" is
/// `{ per = "community", max = 1 }`: any number of grids, one village.
///
/// ```
/// use wangge::staffing::{Concurrency, ConcurrencyUnit};
/// let c: Concurrency = toml::from_str("per = 'community'\nmax = 1").unwrap();
/// assert_eq!((c.per, c.max), (ConcurrencyUnit::Community, 1));
/// assert_eq!(c.per.name(), "community");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Concurrency {
    /// What is counted.
    pub per: ConcurrencyUnit,
    /// The most units (≥ 1).
    pub max: u32,
}

/// What a [`Concurrency`] limit counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ConcurrencyUnit {
    /// Distinct grids.
    Grid,
    /// Distinct communities (村居).
    Community,
    /// Distinct towns (镇街).
    Town,
}

impl ConcurrencyUnit {
    /// The snake-case name.
    pub fn name(self) -> &'static str {
        match self {
            ConcurrencyUnit::Grid => "grid",
            ConcurrencyUnit::Community => "community",
            ConcurrencyUnit::Town => "town",
        }
    }
}

/// A constraint across a grid's staff: the number of distinct people holding any of
/// `roles` and having every tag in `tags` must lie in `min..=max`.
/// "At least one party member among the grid workers" is
/// `{ roles = ["grid_worker", "part_time_worker"], tags = ["party_member"], min = 1 }`.
///
/// ```
/// use wangge::staffing::CompositionRule;
/// let c: CompositionRule = toml::from_str(
///     "id = 'party'\nroles = ['grid_worker', '兼职网格员']\ntags = ['party_member']\nmin = 1",
/// ).unwrap();
/// assert_eq!(c.roles[1].to_string(), "part_time_worker");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CompositionRule {
    /// Identifier, reported with violations and counted in summaries.
    pub id: String,
    /// Display name. Defaults to none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// The roles whose holders are counted.
    pub roles: Vec<RolePattern>,
    /// Tags a holder must have to be counted. Defaults to none.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
    /// Fewest people. Defaults to 0.
    #[serde(default)]
    pub min: u32,
    /// Most people. Defaults to no limit.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max: Option<u32>,
    /// Only in the grids of communities of this class (seed 002: a party-member graduate
    /// in each grid of an urban community). Defaults to every grid.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub community: Option<CommunityClass>,
}

impl CompositionRule {
    /// Whether the rule applies to a grid of community `community`.
    ///
    /// ```
    /// use wangge::staffing::CompositionRule;
    /// let c: CompositionRule = toml::from_str(
    ///     "id = 'graduate'\nroles = ['grid_worker']\ntags = ['college_graduate']\nmin = 1\ncommunity = 'urban'",
    /// ).unwrap();
    /// assert!(c.applies_to("370402001001".parse()?));      // 001: a residents' committee
    /// assert!(!c.applies_to("370402100201".parse()?));     // 201: a villagers' committee
    /// # Ok::<(), wangge::code::CodeError>(())
    /// ```
    pub fn applies_to(&self, community: AdminCode) -> bool {
        self.community
            .is_none_or(|c| CommunityClass::of(community) == Some(c))
    }
}

/// Urban community (社区, a residents' committee) or village (行政村, a villagers'
/// committee), told from the last three digits of the 12-digit statistical code: by the
/// NBS coding rules (统计用区划代码编制规则) residents' committees are numbered 001–199 and
/// villagers' committees 200–399 (facts: 330102016001 笕桥社区, 330603107200 王坛村委会).
/// Like the township digits it is a hint: a code outside both ranges is of neither class.
///
/// ```
/// use wangge::staffing::CommunityClass;
/// assert_eq!(CommunityClass::of("330102016001".parse()?), Some(CommunityClass::Urban));
/// assert_eq!(CommunityClass::of("330603107200".parse()?), Some(CommunityClass::Village));
/// assert_eq!(CommunityClass::of("330603107400".parse()?), None);
/// assert_eq!(CommunityClass::of("330603".parse()?), None);   // not a community code
/// # Ok::<(), wangge::code::CodeError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CommunityClass {
    /// 社区 / 居民委员会: village digits 001–199.
    #[serde(alias = "社区", alias = "城市社区")]
    Urban,
    /// 行政村 / 村民委员会: village digits 200–399.
    #[serde(alias = "行政村", alias = "村")]
    Village,
}

impl CommunityClass {
    /// The class of a community code (`None` for other levels and for codes outside both
    /// ranges).
    pub fn of(community: AdminCode) -> Option<CommunityClass> {
        if community.width() != 12 || community.level() != crate::code::AdminLevel::Community {
            return None;
        }
        match community.as_u64_12() % 1000 {
            1..=199 => Some(CommunityClass::Urban),
            200..=399 => Some(CommunityClass::Village),
            _ => None,
        }
    }
}

/// Roles one person may not hold together (pairwise).
///
/// ```
/// use wangge::staffing::{IncompatibleRule, IncompatibleScope};
/// let r: IncompatibleRule = toml::from_str("roles = ['instructor', 'grid_head']").unwrap();
/// assert_eq!(r.scope, IncompatibleScope::Grid);
/// let any: IncompatibleRule = toml::from_str("roles = ['police', 'mediator']\nscope = 'any'").unwrap();
/// assert_eq!(any.scope, IncompatibleScope::Any);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IncompatibleRule {
    /// Two or more roles, pairwise incompatible.
    pub roles: Vec<RolePattern>,
    /// In the same grid only, or anywhere on the roster. Defaults to `grid`.
    #[serde(default, skip_serializing_if = "IncompatibleScope::is_grid")]
    pub scope: IncompatibleScope,
}

/// Where an [`IncompatibleRule`] applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum IncompatibleScope {
    /// Within one grid.
    #[default]
    Grid,
    /// Across every grid the person holds roles in.
    Any,
}

impl IncompatibleScope {
    fn is_grid(&self) -> bool {
        *self == IncompatibleScope::Grid
    }
}

/// Whether roles a template has no rule for may be held.
///
/// ```
/// use wangge::staffing::{OtherRoles, Template};
/// let t: Template = toml::from_str("id = 't'\nother_roles = 'forbid'").unwrap();
/// assert_eq!(t.other_roles, OtherRoles::Forbid);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OtherRoles {
    /// Allowed (not checked).
    #[default]
    Allow,
    /// Reported as `role_not_allowed`.
    Forbid,
}

impl OtherRoles {
    fn is_allow(&self) -> bool {
        *self == OtherRoles::Allow
    }
}

/// How often residents should see holders of a role (seed 002's contact cadence).
///
/// ```
/// use wangge::staffing::{Cadence, ContactRule};
/// let c: ContactRule = toml::from_str("role = 'grid_head'\nevery = 'week'").unwrap();
/// assert_eq!(c.every, Cadence::Week);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ContactRule {
    /// The role.
    pub role: RolePattern,
    /// The cadence.
    pub every: Cadence,
    /// A note. Defaults to none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// A contact cadence.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Cadence {
    /// Every day.
    Day,
    /// Every week.
    Week,
    /// Every month.
    Month,
    /// Every quarter.
    Quarter,
    /// Every half year.
    HalfYear,
    /// Every year.
    Year,
}

/// Validated staffing rules: department ids and names are unique, every department a
/// role names is in the catalogue (and written with its id), every range has
/// `min ≤ max`, template and rule ids are unique.
///
/// ```
/// use wangge::policy::Policy;
/// let p = Policy::preset("seed003")?;
/// let t = p.staffing.template("1+1+1+N").unwrap();
/// assert!(t.roles.iter().any(|r| r.role.to_string() == "grid_worker" && r.full_time));
/// # Ok::<(), wangge::policy::PolicyError>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct StaffingPolicy {
    /// The department catalogue.
    pub departments: Vec<DepartmentSpec>,
    /// States in which a person counts as holding their roles.
    pub counting_states: Vec<PersonState>,
    /// The templates, in order of precedence.
    pub templates: Vec<Template>,
    /// The policy's leaf grid level, for grids whose level is not given.
    pub(crate) leaf_level: Option<String>,
}

impl Default for StaffingPolicy {
    fn default() -> Self {
        StaffingPolicy {
            departments: Vec::new(),
            counting_states: default_counting_states(),
            templates: Vec::new(),
            leaf_level: None,
        }
    }
}

impl TryFrom<StaffingPolicyFile> for StaffingPolicy {
    type Error = StaffingError;
    fn try_from(f: StaffingPolicyFile) -> Result<Self, StaffingError> {
        let mut names: HashMap<String, String> = HashMap::new();
        for (i, d) in f.departments.iter().enumerate() {
            let field = format!("staffing.departments[{i}]");
            if d.name.trim().is_empty() {
                return Err(StaffingError::section(
                    format!("{field}.name"),
                    "must not be empty",
                ));
            }
            let mut keys = vec![d.id.as_str().to_string(), d.name.clone()];
            keys.extend(d.aliases.iter().cloned());
            keys.sort();
            keys.dedup();
            for k in keys {
                if let Some(other) = names.insert(k.clone(), d.id.as_str().to_string()) {
                    return Err(StaffingError::section(
                        field,
                        format!("{k:?} already names department {other:?}"),
                    ));
                }
            }
        }
        if f.counting_states.is_empty() {
            return Err(StaffingError::section(
                "staffing.counting_states",
                "must list at least one state",
            ));
        }
        let mut states = HashSet::new();
        if !f.counting_states.iter().all(|s| states.insert(*s)) {
            return Err(StaffingError::section(
                "staffing.counting_states",
                "lists a state twice",
            ));
        }
        let canon = |field: &str, p: &RolePattern| -> Result<RolePattern, StaffingError> {
            match p {
                RolePattern::Role(Role::EmbeddedStaff(d)) => match names.get(d.as_str()) {
                    Some(id) => Ok(RolePattern::Role(Role::EmbeddedStaff(
                        Department::new(id)
                            .map_err(|e| StaffingError::section(field, e.to_string()))?,
                    ))),
                    None => Err(StaffingError::section(
                        field,
                        format!("department {:?} is not in staffing.departments", d.as_str()),
                    )),
                },
                other => Ok(other.clone()),
            }
        };
        let mut ids = HashSet::new();
        let mut templates = Vec::with_capacity(f.templates.len());
        if f.templates.len() > MAX_RULES {
            return Err(StaffingError::section(
                "staffing.templates",
                format!("at most {MAX_RULES} templates"),
            ));
        }
        for (ti, t) in f.templates.into_iter().enumerate() {
            let tf = format!("staffing.templates[{ti}]");
            for (name, n) in [
                ("roles", t.roles.len()),
                ("composition", t.composition.len()),
                ("incompatible", t.incompatible.len()),
            ] {
                if n > MAX_RULES {
                    return Err(StaffingError::section(
                        format!("{tf}.{name}"),
                        format!("at most {MAX_RULES} entries"),
                    ));
                }
            }
            if t.id.trim().is_empty() {
                return Err(StaffingError::section(
                    format!("{tf}.id"),
                    "must not be empty",
                ));
            }
            if !ids.insert(t.id.clone()) {
                return Err(StaffingError::section(
                    format!("{tf}.id"),
                    format!("template {:?} is defined twice", t.id),
                ));
            }
            let mut t = t;
            let mut seen = HashSet::new();
            for (ri, r) in t.roles.iter_mut().enumerate() {
                let rf = format!("{tf}.roles[{ri}]");
                r.role = canon(&format!("{rf}.role"), &r.role)?;
                if !seen.insert(r.role.clone()) {
                    return Err(StaffingError::section(
                        format!("{rf}.role"),
                        format!("role {} has two rules", r.role),
                    ));
                }
                check_range(&rf, r.min, r.max)?;
                check_tags(&format!("{rf}.tags"), &r.tags)?;
                if let Some(a) = r.age
                    && let (Some(lo), Some(hi)) = (a.min, a.max)
                    && lo > hi
                {
                    return Err(StaffingError::section(
                        format!("{rf}.age"),
                        format!("min {lo} is larger than max {hi}"),
                    ));
                }
                if r.concurrency.is_some_and(|c| c.max == 0) {
                    return Err(StaffingError::section(
                        format!("{rf}.concurrency.max"),
                        "must be at least 1",
                    ));
                }
            }
            let mut rule_ids = HashSet::new();
            for (ci, c) in t.composition.iter_mut().enumerate() {
                let cf = format!("{tf}.composition[{ci}]");
                if c.id.trim().is_empty() || !rule_ids.insert(c.id.clone()) {
                    return Err(StaffingError::section(
                        format!("{cf}.id"),
                        "must be non-empty and unique in the template",
                    ));
                }
                if c.roles.is_empty() {
                    return Err(StaffingError::section(
                        format!("{cf}.roles"),
                        "must list at least one role",
                    ));
                }
                for (k, p) in c.roles.iter_mut().enumerate() {
                    *p = canon(&format!("{cf}.roles[{k}]"), p)?;
                }
                check_range(&cf, c.min, c.max)?;
                check_tags(&format!("{cf}.tags"), &c.tags)?;
            }
            for (ii, r) in t.incompatible.iter_mut().enumerate() {
                let inf = format!("{tf}.incompatible[{ii}]");
                for (k, p) in r.roles.iter_mut().enumerate() {
                    *p = canon(&format!("{inf}.roles[{k}]"), p)?;
                }
                let distinct: HashSet<_> = r.roles.iter().collect();
                if distinct.len() < 2
                    || distinct.len() != r.roles.len()
                    || r.roles.len() > MAX_RULES
                {
                    return Err(StaffingError::section(
                        format!("{inf}.roles"),
                        "must list two or more different roles",
                    ));
                }
            }
            for (ci, c) in t.contacts.iter_mut().enumerate() {
                c.role = canon(&format!("{tf}.contacts[{ci}].role"), &c.role)?;
            }
            templates.push(t);
        }
        Ok(StaffingPolicy {
            departments: f.departments,
            counting_states: f.counting_states,
            templates,
            leaf_level: None,
        })
    }
}

/// Most templates, and most rules of each kind in a template.
const MAX_RULES: usize = 1000;

fn check_range(field: &str, min: u32, max: Option<u32>) -> Result<(), StaffingError> {
    match max {
        Some(max) if min > max => Err(StaffingError::section(
            format!("{field}.min"),
            format!("min {min} is larger than max {max}"),
        )),
        _ => Ok(()),
    }
}

fn check_tags(field: &str, tags: &[String]) -> Result<(), StaffingError> {
    if tags
        .iter()
        .any(|t| t.trim().is_empty() || t.chars().count() > 64)
    {
        Err(StaffingError::section(
            field,
            "tags must have 1–64 characters",
        ))
    } else {
        Ok(())
    }
}

impl StaffingPolicy {
    /// A template by id.
    pub fn template(&self, id: &str) -> Option<&Template> {
        self.templates.iter().find(|t| t.id == id)
    }

    /// The template that applies to a grid: the first whose kinds and levels match
    /// (a grid without a level is at the policy's leaf level).
    ///
    /// ```
    /// use wangge::policy::Policy;
    /// let p = Policy::preset("seed002")?;
    /// let kind = wangge::grid::GridKind::Basic;
    /// assert_eq!(p.staffing.template_for(kind, None).unwrap().id, "党员为民服务队");
    /// assert_eq!(p.staffing.template_for(kind, Some("grid")).unwrap().id, "党员为民服务队");
    /// assert!(p.staffing.template_for(kind, Some("micro_grid")).is_none());
    /// # Ok::<(), wangge::policy::PolicyError>(())
    /// ```
    pub fn template_for(&self, kind: GridKind, level: Option<&str>) -> Option<&Template> {
        let level = level.or(self.leaf_level.as_deref());
        self.templates.iter().find(|t| t.applies_to(kind, level))
    }

    /// The catalogue id of a department named by id, name or alias.
    ///
    /// ```
    /// use wangge::policy::Policy;
    /// let p = Policy::preset("seed000")?;
    /// assert_eq!(p.staffing.department_id("警务").map(|d| d.as_str()), Some("police"));
    /// assert!(p.staffing.department_id("航天").is_none());
    /// # Ok::<(), wangge::policy::PolicyError>(())
    /// ```
    pub fn department_id(&self, name: &str) -> Option<&Department> {
        self.departments
            .iter()
            .find(|d| {
                d.id.as_str() == name || d.name == name || d.aliases.iter().any(|a| a == name)
            })
            .map(|d| &d.id)
    }

    /// A role with its department written as the catalogue id (unchanged when the
    /// department is not in the catalogue, or the role is not embedded staff).
    ///
    /// ```
    /// use wangge::policy::Policy;
    /// use wangge::staffing::Role;
    /// let p = Policy::preset("seed000")?;
    /// let r: Role = "下沉力量:城管".parse()?;
    /// assert_eq!(p.staffing.canonical_role(&r).to_string(), "embedded_staff:urban_management");
    /// let any = "embedded_staff".parse()?;
    /// assert_eq!(p.staffing.canonical_pattern(&any), any);
    /// # Ok::<(), wangge::Error>(())
    /// ```
    pub fn canonical_role(&self, role: &Role) -> Role {
        match role {
            Role::EmbeddedStaff(d) => match self.department_id(d.as_str()) {
                Some(id) => Role::EmbeddedStaff(id.clone()),
                None => role.clone(),
            },
            other => other.clone(),
        }
    }

    /// A role pattern with its department written as the catalogue id.
    pub fn canonical_pattern(&self, p: &RolePattern) -> RolePattern {
        match p {
            RolePattern::Role(r) => RolePattern::Role(self.canonical_role(r)),
            RolePattern::AnyEmbeddedStaff => RolePattern::AnyEmbeddedStaff,
        }
    }

    /// Checks that template level filters name levels of the hierarchy and records the
    /// leaf level (called when the whole policy is validated).
    pub(crate) fn bind_levels(&mut self, levels: &Levels) -> Result<(), StaffingError> {
        for (ti, t) in self.templates.iter().enumerate() {
            for (li, l) in t.levels.iter().enumerate() {
                let ok = levels
                    .all()
                    .iter()
                    .any(|s| &s.id == l && s.unit == crate::grid::LevelUnit::Grid);
                if !ok {
                    return Err(StaffingError::section(
                        format!("staffing.templates[{ti}].levels[{li}]"),
                        format!("{l:?} is not a grid level of grid.levels"),
                    ));
                }
            }
        }
        self.leaf_level = Some(levels.leaf().id.clone());
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::policy::{Policy, PolicyError};

    fn with(staffing: &str) -> Result<Policy, PolicyError> {
        Policy::from_toml_str(&format!(
            "format = 1\nid = 'x'\nname = 'x'\nversion = '1'\n{staffing}"
        ))
    }

    #[test]
    fn errors_name_the_field() {
        let cases = [
            (
                "[[staffing.templates]]\nid = 't'\n[[staffing.templates.roles]]\nrole = 'grid_head'\nmin = 2\nmax = 1",
                "staffing.templates[0].roles[0].min",
            ),
            (
                "[[staffing.templates]]\nid = 't'\n[[staffing.templates.roles]]\nrole = 'embedded_staff:navy'",
                "staffing.templates[0].roles[0].role",
            ),
            (
                "[[staffing.templates]]\nid = 't'\n[[staffing.templates.roles]]\nrole = 'grid_head'\n[[staffing.templates.roles]]\nrole = '网格长'",
                "staffing.templates[0].roles[1].role",
            ),
            (
                "[[staffing.templates]]\nid = 't'\n[[staffing.templates]]\nid = 't'",
                "staffing.templates[1].id",
            ),
            (
                "[[staffing.templates]]\nid = 't'\nlevels = ['town']",
                "staffing.templates[0].levels[0]",
            ),
            (
                "[[staffing.templates]]\nid = 't'\n[[staffing.templates.incompatible]]\nroles = ['grid_head']",
                "staffing.templates[0].incompatible[0].roles",
            ),
            (
                "[[staffing.templates]]\nid = 't'\n[[staffing.templates.roles]]\nrole = 'grid_head'\nconcurrency = { per = 'grid', max = 0 }",
                "staffing.templates[0].roles[0].concurrency.max",
            ),
            (
                "[[staffing.templates]]\nid = 't'\n[[staffing.templates.composition]]\nid = 'c'\nroles = []",
                "staffing.templates[0].composition[0].roles",
            ),
            (
                "[[staffing.departments]]\nid = 'a'\nname = 'A'\n[[staffing.departments]]\nid = 'b'\nname = 'A'",
                "staffing.departments[1]",
            ),
            (
                "[staffing]\ncounting_states = []",
                "staffing.counting_states",
            ),
            (
                "[staffing]\ncounting_states = ['on_duty', 'on_duty']",
                "staffing.counting_states",
            ),
        ];
        for (text, field) in cases {
            let e = with(text).unwrap_err();
            assert_eq!(e.code(), crate::ErrorCode::InvalidPolicy, "{text}");
            assert!(e.to_string().contains(field), "{text}\n→ {e}");
        }
        let many =
            "[[staffing.templates.composition]]\nid = 'c'\nroles = ['volunteer']\n".repeat(1001);
        let e = with(&format!("[[staffing.templates]]\nid = 't'\n{many}")).unwrap_err();
        assert!(
            e.to_string().contains("staffing.templates[0].composition"),
            "{e}"
        );
        let e = with("[staffing]\nbogus = 1").unwrap_err();
        assert!(e.to_string().contains("bogus"), "{e}");
        let e = with(
            "[[staffing.templates]]\nid = 't'\n[[staffing.templates.roles]]\nrole = 'castellan'",
        )
        .unwrap_err();
        assert!(e.to_string().contains("castellan"), "{e}");
    }

    #[test]
    fn departments_are_canonicalized_by_name() {
        let p = with(
            "[[staffing.departments]]\nid = 'police'\nname = '警务'\n[[staffing.templates]]\nid = 't'\n[[staffing.templates.roles]]\nrole = '下沉力量:警务'\nmin = 1",
        )
        .unwrap();
        assert_eq!(
            p.staffing.templates[0].roles[0].role.to_string(),
            "embedded_staff:police"
        );
        let back = Policy::from_json_str(&p.to_json()).unwrap();
        assert_eq!(back.staffing, p.staffing);
    }

    #[test]
    fn no_staffing_section_means_no_templates() {
        let p = with("").unwrap();
        assert!(p.staffing.templates.is_empty());
        assert_eq!(p.staffing.counting_states, vec![PersonState::OnDuty]);
        assert_eq!(p.staffing.leaf_level.as_deref(), Some("grid"));
    }
}
