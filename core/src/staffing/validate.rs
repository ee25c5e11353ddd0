//! Validation of a roster against the staffing templates on a date.
//!
//! One pass over the assignments of the grids in force, with per-grid buckets and one
//! sort of all holdings by person for the rules that span grids (concurrency,
//! incompatibility anywhere). The validator takes a list of grids ([`GridSet`]), not
//! polygons.

use std::collections::HashMap;

use chrono::NaiveDate;
use serde::Serialize;

use super::person::{Person, PersonId};
use super::role::{Role, RolePattern};
use super::roster::{Holding, Roster};
use super::template::{
    ConcurrencyUnit, IncompatibleScope, OtherRoles, RoleRule, StaffingPolicy, Template,
};
use super::{StaffingError, Summary};
use crate::code::GridCode;
use crate::grid::{GridError, GridKind, Layer, Unit, Validity};

/// What the validator needs to know about a grid: code, kind, level and validity.
///
/// ```
/// use wangge::staffing::GridInfo;
/// let g = GridInfo::new("371323100201001".parse()?);
/// assert_eq!(g.kind, wangge::grid::GridKind::Basic);
/// assert!(g.validity.contains("2024-01-01".parse().unwrap()));
/// # Ok::<(), wangge::code::CodeError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GridInfo {
    /// The grid code (its community, town and county follow from it).
    pub code: GridCode,
    /// The kind.
    pub kind: GridKind,
    /// The level id from the policy's hierarchy; `None`: the leaf level.
    pub level: Option<String>,
    /// Validity of this version.
    pub validity: Validity,
}

impl GridInfo {
    /// A basic grid at the leaf level, always in force.
    pub fn new(code: GridCode) -> GridInfo {
        GridInfo {
            code,
            kind: GridKind::Basic,
            level: None,
            validity: Validity::default(),
        }
    }

    /// The grid information of a layer unit (`None` for administrative units).
    ///
    /// ```
    /// use wangge::grid::Unit;
    /// use wangge::staffing::GridInfo;
    /// let u = Unit::new("371323100201001".parse()?, Default::default());
    /// assert_eq!(GridInfo::from_unit(&u).unwrap().code.to_string(), "371323100201001");
    /// assert!(GridInfo::from_unit(&Unit::new("371323".parse()?, Default::default())).is_none());
    /// # Ok::<(), wangge::code::CodeError>(())
    /// ```
    pub fn from_unit(unit: &Unit) -> Option<GridInfo> {
        Some(GridInfo {
            code: unit.code.as_grid()?,
            kind: unit.kind.unwrap_or_default(),
            level: unit.level.clone(),
            validity: unit.validity,
        })
    }
}

/// A list of grids (possibly several versions of one code with disjoint validity), indexed
/// by code.
///
/// ```
/// use wangge::staffing::{GridInfo, GridSet};
/// let d = |s: &str| Some(s.parse().unwrap());
/// let mut old = GridInfo::new("371323100201001".parse()?);
/// old.validity.to = d("2024-01-01");
/// let mut new = old.clone();
/// new.validity = wangge::grid::Validity { from: d("2024-01-01"), to: None };
/// let set = GridSet::new(vec![old.clone(), new])?;
/// assert_eq!(set.in_force("2024-06-01".parse().unwrap()).count(), 1);
/// assert!(GridSet::new(vec![old.clone(), old]).is_err());   // overlapping versions
/// # Ok::<(), wangge::Error>(())
/// ```
#[derive(Debug, Clone, Default)]
pub struct GridSet {
    grids: Vec<GridInfo>,
    /// Code → merged validity spans of its versions, sorted.
    spans: HashMap<GridCode, Vec<Validity>>,
}

impl GridSet {
    /// Indexes a list of grids. Errors: an empty validity interval, or two versions of one
    /// code with overlapping validity.
    pub fn new(grids: Vec<GridInfo>) -> Result<GridSet, StaffingError> {
        let mut by_code: HashMap<GridCode, Vec<Validity>> = HashMap::with_capacity(grids.len());
        for g in &grids {
            if !g.validity.is_valid() {
                return Err(GridError::InvalidValidity {
                    code: g.code.into(),
                }
                .into());
            }
            by_code.entry(g.code).or_default().push(g.validity);
        }
        for (code, versions) in by_code.iter_mut() {
            if versions.len() == 1 {
                continue;
            }
            versions.sort_by_key(|v| v.from);
            let mut merged: Vec<Validity> = Vec::with_capacity(versions.len());
            for v in versions.iter() {
                match merged.last_mut() {
                    Some(last) if last.overlaps(v) => {
                        return Err(GridError::DuplicateUnit {
                            code: (*code).into(),
                        }
                        .into());
                    }
                    Some(last) if last.to.is_some() && last.to == v.from => last.to = v.to,
                    _ => merged.push(*v),
                }
            }
            *versions = merged;
        }
        Ok(GridSet {
            grids,
            spans: by_code,
        })
    }

    /// The grids of a layer (administrative units are skipped).
    ///
    /// ```
    /// use wangge::grid::Layer;
    /// use wangge::staffing::GridSet;
    /// let layer = Layer::from_geojson(r#"{"type":"FeatureCollection","features":[
    ///   {"type":"Feature","properties":{"code":"371323100201001","kind":"micro"},
    ///    "geometry":{"type":"Polygon","coordinates":[[[118,35],[118.01,35],[118.01,35.01],[118,35]]]}},
    ///   {"type":"Feature","properties":{"code":"371323100201"},
    ///    "geometry":{"type":"Polygon","coordinates":[[[118,35],[118.01,35],[118.01,35.01],[118,35]]]}}]}"#)?;
    /// let set = GridSet::from_layer(&layer)?;
    /// assert_eq!(set.len(), 1);
    /// assert_eq!(set.grids()[0].kind, wangge::grid::GridKind::Micro);
    /// assert!(!set.is_empty());
    /// # Ok::<(), wangge::Error>(())
    /// ```
    pub fn from_layer(layer: &Layer) -> Result<GridSet, StaffingError> {
        GridSet::new(layer.units.iter().filter_map(GridInfo::from_unit).collect())
    }

    /// Every grid version, in input order.
    pub fn grids(&self) -> &[GridInfo] {
        &self.grids
    }

    /// Number of grid versions.
    pub fn len(&self) -> usize {
        self.grids.len()
    }

    /// Whether there is no grid.
    pub fn is_empty(&self) -> bool {
        self.grids.is_empty()
    }

    /// The grids in force on `date`, in input order.
    pub fn in_force(&self, date: NaiveDate) -> impl Iterator<Item = &GridInfo> {
        self.grids.iter().filter(move |g| g.validity.contains(date))
    }

    /// Whether `code` exists and is in force for the whole of `[from, to)`.
    fn check_span(
        &self,
        entry: impl FnOnce() -> String,
        code: &GridCode,
        from: NaiveDate,
        to: Option<NaiveDate>,
    ) -> Result<(), StaffingError> {
        let Some(spans) = self.spans.get(code) else {
            return Err(StaffingError::UnknownGrid {
                entry: entry(),
                grid: code.to_string(),
            });
        };
        let inside = spans.iter().any(|s| {
            s.from.is_none_or(|f| f <= from)
                && match (s.to, to) {
                    (None, _) => true,
                    (Some(_), None) => false,
                    (Some(e), Some(t)) => t <= e,
                }
        });
        if inside {
            Ok(())
        } else {
            Err(StaffingError::OutsideGridValidity {
                entry: entry(),
                grid: code.to_string(),
                from: from.to_string(),
                to: to.map_or_else(|| "open".to_string(), |t| t.to_string()),
            })
        }
    }
}

/// The kind of a [`Violation`]; see the [module documentation](super#violation-codes).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum ViolationCode {
    /// Fewer holders than the rule's minimum.
    RoleMissing,
    /// More holders than the rule's maximum.
    RoleExcess,
    /// A part-time holder of a full-time role.
    NotFullTime,
    /// A holder lacks a required tag.
    MissingTag,
    /// A holder's age is out of range.
    AgeOutOfRange,
    /// An age rule applies but the birth date is unknown.
    AgeUnknown,
    /// A person holds a role in too many units.
    ConcurrencyExceeded,
    /// A composition rule fails.
    CompositionUnmet,
    /// A person holds incompatible roles.
    IncompatibleRoles,
    /// Embedded staff from a department not in the catalogue.
    UnknownDepartment,
    /// A role without a rule in a template that forbids other roles.
    RoleNotAllowed,
}

impl ViolationCode {
    /// Every code.
    pub const ALL: [ViolationCode; 11] = [
        ViolationCode::RoleMissing,
        ViolationCode::RoleExcess,
        ViolationCode::NotFullTime,
        ViolationCode::MissingTag,
        ViolationCode::AgeOutOfRange,
        ViolationCode::AgeUnknown,
        ViolationCode::ConcurrencyExceeded,
        ViolationCode::CompositionUnmet,
        ViolationCode::IncompatibleRoles,
        ViolationCode::UnknownDepartment,
        ViolationCode::RoleNotAllowed,
    ];

    /// The stable snake-case name.
    ///
    /// ```
    /// use wangge::staffing::ViolationCode;
    /// assert_eq!(ViolationCode::CompositionUnmet.name(), "composition_unmet");
    /// ```
    pub fn name(self) -> &'static str {
        match self {
            ViolationCode::RoleMissing => "role_missing",
            ViolationCode::RoleExcess => "role_excess",
            ViolationCode::NotFullTime => "not_full_time",
            ViolationCode::MissingTag => "missing_tag",
            ViolationCode::AgeOutOfRange => "age_out_of_range",
            ViolationCode::AgeUnknown => "age_unknown",
            ViolationCode::ConcurrencyExceeded => "concurrency_exceeded",
            ViolationCode::CompositionUnmet => "composition_unmet",
            ViolationCode::IncompatibleRoles => "incompatible_roles",
            ViolationCode::UnknownDepartment => "unknown_department",
            ViolationCode::RoleNotAllowed => "role_not_allowed",
        }
    }

    /// Position in [`ViolationCode::ALL`].
    pub(crate) fn index(self) -> usize {
        self as usize
    }
}

impl std::fmt::Display for ViolationCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

impl Serialize for ViolationCode {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.name())
    }
}

/// One violation. In JSON every key is present (`null` when it does not apply).
///
/// ```
/// use wangge::policy::Policy;
/// use wangge::staffing::{GridInfo, GridSet, Roster};
/// let p = Policy::preset("seed001")?;
/// let grids = GridSet::new(vec![GridInfo::new("150102001001001".parse()?)])?;
/// let r = p.staffing.validate(&Roster::from_json(r#"{"format": 1}"#)?, &grids,
///                             "2022-01-01".parse().unwrap(), None)?;
/// let v = serde_json::to_value(&r.violations[0]).unwrap();
/// assert_eq!(v["code"], "role_missing");
/// assert_eq!(v["grids"][0], "150102001001001");
/// assert!(v["rule"].is_null());
/// # Ok::<(), wangge::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Violation {
    /// What kind.
    pub code: ViolationCode,
    /// The grids involved, sorted.
    pub grids: Vec<GridCode>,
    /// The people involved, sorted.
    pub people: Vec<PersonId>,
    /// The roles involved (as written in the rule, departments by catalogue id).
    pub roles: Vec<String>,
    /// The rule: the tag for `missing_tag`, the composition rule id, the unit counted for
    /// `concurrency_exceeded`.
    pub rule: Option<String>,
    /// What was found (holders, people, units, age).
    pub found: Option<u32>,
    /// The minimum that applies.
    pub min: Option<u32>,
    /// The maximum that applies.
    pub max: Option<u32>,
    /// An English sentence (ID-number-like person ids masked).
    pub message: String,
}

/// The result of validating a roster on a date.
///
/// ```
/// use wangge::policy::Policy;
/// use wangge::staffing::{GridInfo, GridSet, Roster};
/// let p = Policy::preset("seed004")?;
/// let grids = GridSet::new(vec![GridInfo::new("420106001001001".parse()?)])?;
/// let r = p.staffing.validate(&Roster::from_json(r#"{"format": 1}"#)?, &grids,
///                             "2012-01-01".parse().unwrap(), None)?;
/// let json = r.to_json();
/// assert_eq!(json["valid"], false);
/// assert_eq!(json["grids"], 1);
/// assert_eq!(json["summary"]["by_code"]["role_missing"], 1);
/// # Ok::<(), wangge::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Report {
    /// The date.
    pub on: NaiveDate,
    /// The grids in force that a template applies to, sorted.
    pub checked: Vec<GridCode>,
    /// The grids in force that no template applies to, sorted.
    pub unchecked: Vec<GridCode>,
    /// Every violation, sorted by first grid, code, roles and people.
    pub violations: Vec<Violation>,
}

impl Report {
    /// Whether there is no violation.
    pub fn is_valid(&self) -> bool {
        self.violations.is_empty()
    }

    /// Counts per county, town and community (see [`Summary`]).
    pub fn summary(&self) -> Summary {
        Summary::of(self)
    }

    /// The report as JSON: `{"valid", "on", "grids", "unchecked", "violations",
    /// "summary"}` (`grids` is the number of grids checked).
    pub fn to_json(&self) -> serde_json::Value {
        serde_json::to_value(self.to_out()).unwrap_or(serde_json::Value::Null)
    }

    /// The report as the typed output of `roster.validate`.
    pub fn to_out(&self) -> ReportOut {
        ReportOut {
            valid: self.is_valid(),
            on: self.on,
            grids: self.checked.len(),
            unchecked: self.unchecked.clone(),
            violations: self.violations.clone(),
            summary: self.summary(),
        }
    }
}

/// The answer of `roster.holder` (see [`StaffingPolicy::holders_report`]).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct HoldersReport {
    /// The grid.
    pub grid: GridCode,
    /// The role pattern asked for, canonical.
    pub role: String,
    /// The date.
    pub on: NaiveDate,
    /// The people holding the role (their state counts).
    pub holders: Vec<HolderRow>,
    /// The people assigned but not counting (on leave, seconded, left, not yet in service).
    pub absent: Vec<HolderRow>,
}

/// One person of a [`HoldersReport`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct HolderRow {
    /// The person's id.
    pub person: PersonId,
    /// The person's name.
    pub name: Option<String>,
    /// The assignment's role, canonical.
    pub role: String,
    /// First day of the assignment.
    pub from: NaiveDate,
    /// Last day of the assignment, if it ends.
    pub to: Option<NaiveDate>,
    /// The person's state on the date (null: not yet in service).
    pub state: Option<&'static str>,
}

/// The output of `roster.validate`: the report with its summary.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ReportOut {
    /// Whether there is no violation.
    pub valid: bool,
    /// The date.
    pub on: NaiveDate,
    /// How many grids were checked.
    pub grids: usize,
    /// The grids no template applies to.
    pub unchecked: Vec<GridCode>,
    /// Every violation.
    pub violations: Vec<Violation>,
    /// The counts per unit.
    pub summary: Summary,
}

/// Per template: which rules each distinct roster role falls under.
struct TemplateIndex<'t> {
    template: &'t Template,
    /// Role index → indices of role rules whose pattern matches.
    rules: Vec<Vec<u16>>,
    /// Role index → indices of composition rules listing it.
    composition: Vec<Vec<u16>>,
    /// Role index → (incompatible rule, member) pairs.
    incompatible: Vec<Vec<(u16, u16)>>,
}

impl<'t> TemplateIndex<'t> {
    fn new(template: &'t Template, roles: &[Role]) -> TemplateIndex<'t> {
        let by = |pats: &dyn Fn(&Role) -> Vec<u16>| roles.iter().map(pats).collect::<Vec<_>>();
        let rules = by(&|r| {
            (0..template.roles.len() as u16)
                .filter(|&k| template.roles[k as usize].role.matches(r))
                .collect()
        });
        let composition = by(&|r| {
            (0..template.composition.len() as u16)
                .filter(|&k| {
                    template.composition[k as usize]
                        .roles
                        .iter()
                        .any(|p| p.matches(r))
                })
                .collect()
        });
        let incompatible = roles
            .iter()
            .map(|r| {
                let mut v = Vec::new();
                for (k, rule) in template.incompatible.iter().enumerate() {
                    for (m, p) in rule.roles.iter().enumerate() {
                        if p.matches(r) {
                            v.push((k as u16, m as u16));
                        }
                    }
                }
                v
            })
            .collect();
        TemplateIndex {
            template,
            rules,
            composition,
            incompatible,
        }
    }
}

/// One person counted as holding one role in one checked grid.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
struct Held {
    person: u32,
    grid: u32,
    role: u32,
}

impl StaffingPolicy {
    /// Validates `roster` on date `on` for the grids of `grids` in force then.
    ///
    /// Each grid is checked against `template` when given, else the first template that
    /// applies to it ([`StaffingPolicy::template_for`]); grids no template applies to are
    /// listed as unchecked. Errors (typed, nothing is reported): an assignment to a grid
    /// missing from `grids` or outside the grid's validity, an unknown template id.
    ///
    /// ```
    /// use wangge::policy::Policy;
    /// use wangge::staffing::{GridInfo, GridSet, Roster};
    /// let p = Policy::preset("seed003")?;
    /// let roster = Roster::from_json(r#"{"format": 1, "people": [], "assignments": []}"#)?;
    /// let grids = GridSet::new(vec![GridInfo::new("371323100201001".parse()?)])?;
    /// let r = p.staffing.validate(&roster, &grids, "2024-01-01".parse().unwrap(), None)?;
    /// let codes: Vec<_> = r.violations.iter().map(|v| v.code.name()).collect();
    /// assert_eq!(codes, ["role_missing", "role_missing", "role_missing", "composition_unmet"]);
    /// # Ok::<(), wangge::Error>(())
    /// ```
    pub fn validate(
        &self,
        roster: &Roster,
        grids: &GridSet,
        on: NaiveDate,
        template: Option<&str>,
    ) -> Result<Report, StaffingError> {
        for (i, a) in roster.assignments().iter().enumerate() {
            grids.check_span(|| format!("assignments[{i}]"), &a.grid, a.from, a.to)?;
        }
        let forced = template
            .map(|id| {
                self.templates
                    .iter()
                    .position(|t| t.id == id)
                    .ok_or_else(|| StaffingError::UnknownTemplate(id.chars().take(60).collect()))
            })
            .transpose()?;

        // Roles as the catalogue names them, and whether their department is known.
        let roles: Vec<Role> = roster
            .distinct_roles()
            .iter()
            .map(|r| self.canonical_role(r))
            .collect();
        let unknown_dept: Vec<bool> = roles
            .iter()
            .map(|r| {
                r.department()
                    .is_some_and(|d| self.department_id(d.as_str()).is_none())
            })
            .collect();
        let role_names: Vec<String> = roles.iter().map(Role::to_string).collect();
        let index: Vec<TemplateIndex<'_>> = self
            .templates
            .iter()
            .map(|t| TemplateIndex::new(t, &roles))
            .collect();

        // The grids in force, sorted, with their template.
        let mut in_force: Vec<&GridInfo> = grids.in_force(on).collect();
        in_force.sort_unstable_by_key(|g| g.code);
        let mut checked = Vec::with_capacity(in_force.len());
        let mut unchecked = Vec::new();
        let mut template_of: Vec<usize> = Vec::with_capacity(in_force.len());
        for g in &in_force {
            let t = forced.or_else(|| {
                let level = g.level.as_deref().or(self.leaf_level.as_deref());
                self.templates
                    .iter()
                    .position(|t| t.applies_to(g.kind, level))
            });
            match t {
                Some(t) => {
                    checked.push(g.code);
                    template_of.push(t);
                }
                None => unchecked.push(g.code),
            }
        }

        let people = roster.people();
        let mut out = Vec::new();
        let mut all: Vec<Held> = Vec::with_capacity(roster.assignments().len());
        let mut here: Vec<(u32, u32)> = Vec::new();
        let mut buckets: Vec<Vec<u32>> = Vec::new();
        for (gi, code) in checked.iter().enumerate() {
            let ti = &index[template_of[gi]];
            here.clear();
            for &a in roster.grid_assignments(code) {
                let assignment = &roster.assignments()[a as usize];
                let p = roster.person_index(a);
                if assignment.active_on(on) && self.counts(&people[p as usize], on) {
                    let role = roster.role_index(a);
                    here.push((p, role));
                    all.push(Held {
                        person: p,
                        grid: gi as u32,
                        role,
                    });
                }
            }
            let grid = GridCheck {
                policy: self,
                roster,
                code: *code,
                on,
                template: ti,
                role_names: &role_names,
            };
            grid.check(&here, &unknown_dept, &mut buckets, &mut out);
        }

        // Rules across grids: one sort of every holding by person.
        all.sort_unstable();
        for group in all.chunk_by(|a, b| a.person == b.person) {
            let person = &people[group[0].person as usize];
            self.check_person(
                person,
                group,
                &checked,
                &template_of,
                &index,
                &roles,
                &role_names,
                &mut out,
            );
        }

        out.sort_by(|a, b| {
            (a.grids.first(), a.code, &a.roles, &a.people, &a.rule).cmp(&(
                b.grids.first(),
                b.code,
                &b.roles,
                &b.people,
                &b.rule,
            ))
        });
        Ok(Report {
            on,
            checked,
            unchecked,
            violations: out,
        })
    }

    /// Whether a person's state on `on` counts as holding their roles.
    fn counts(&self, p: &Person, on: NaiveDate) -> bool {
        p.state_on(on)
            .is_some_and(|s| self.counting_states.contains(&s))
    }

    #[allow(clippy::too_many_arguments)]
    fn check_person(
        &self,
        person: &Person,
        held: &[Held],
        checked: &[GridCode],
        template_of: &[usize],
        index: &[TemplateIndex<'_>],
        roles: &[Role],
        role_names: &[String],
        out: &mut Vec<Violation>,
    ) {
        if held.len() < 2 {
            return;
        }
        // Concurrency: for each (template, rule) with a limit that one of the person's
        // holdings falls under, count the units of every holding the rule's role matches.
        let mut keys: Vec<(usize, u16)> = Vec::new();
        let mut incompat: Vec<(usize, u16)> = Vec::new();
        for h in held {
            let t = template_of[h.grid as usize];
            for &k in &index[t].rules[h.role as usize] {
                if index[t].template.roles[k as usize].concurrency.is_some() {
                    keys.push((t, k));
                }
            }
            for &(k, _) in &index[t].incompatible[h.role as usize] {
                if index[t].template.incompatible[k as usize].scope == IncompatibleScope::Any {
                    incompat.push((t, k));
                }
            }
        }
        keys.sort_unstable();
        keys.dedup();
        for (t, k) in keys {
            let rule = &index[t].template.roles[k as usize];
            let Some(c) = rule.concurrency else { continue };
            let mut units: Vec<(u64, GridCode)> = held
                .iter()
                .filter(|h| rule.role.matches(&roles[h.role as usize]))
                .map(|h| {
                    let g = checked[h.grid as usize];
                    let unit = match c.per {
                        ConcurrencyUnit::Grid => 0,
                        ConcurrencyUnit::Community => g.community().as_u64_12(),
                        ConcurrencyUnit::Town => g.community().as_u64_12() / 1000,
                    };
                    (unit, g)
                })
                .collect();
            units.sort_unstable();
            units.dedup();
            let found = match c.per {
                ConcurrencyUnit::Grid => units.len(),
                _ => {
                    let mut u: Vec<u64> = units.iter().map(|x| x.0).collect();
                    u.dedup();
                    u.len()
                }
            } as u32;
            if found > c.max {
                let mut grids: Vec<GridCode> = units.iter().map(|x| x.1).collect();
                grids.sort_unstable();
                grids.dedup();
                out.push(Violation {
                    code: ViolationCode::ConcurrencyExceeded,
                    message: format!(
                        "{} holds {} in {found} {}s, at most {} allowed",
                        person.id.masked(),
                        rule.role,
                        c.per.name(),
                        c.max
                    ),
                    grids,
                    people: vec![person.id.clone()],
                    roles: vec![rule.role.to_string()],
                    rule: Some(c.per.name().to_string()),
                    found: Some(found),
                    min: None,
                    max: Some(c.max),
                });
            }
        }
        incompat.sort_unstable();
        incompat.dedup();
        for (t, k) in incompat {
            let rule = &index[t].template.incompatible[k as usize];
            let mut members: Vec<(u16, u32, u32)> = Vec::new();
            for h in held {
                for (m, p) in rule.roles.iter().enumerate() {
                    if p.matches(&roles[h.role as usize]) {
                        members.push((m as u16, h.role, h.grid));
                    }
                }
            }
            if two_roles_two_members(members.iter().map(|m| (m.0, m.1))) {
                let mut grids: Vec<GridCode> =
                    members.iter().map(|m| checked[m.2 as usize]).collect();
                grids.sort_unstable();
                grids.dedup();
                let mut names: Vec<String> = members
                    .iter()
                    .map(|m| role_names[m.1 as usize].clone())
                    .collect();
                names.sort_unstable();
                names.dedup();
                out.push(Violation {
                    code: ViolationCode::IncompatibleRoles,
                    message: format!(
                        "{} holds incompatible roles {} across grids",
                        person.id.masked(),
                        names.join(" and ")
                    ),
                    grids,
                    people: vec![person.id.clone()],
                    roles: names,
                    rule: None,
                    found: None,
                    min: None,
                    max: None,
                });
            }
        }
    }

    /// Who held a role matching `role` in `grid` on `date`, comparing departments by
    /// catalogue id, name or alias and counting only the policy's counting states.
    ///
    /// ```
    /// use wangge::policy::Policy;
    /// use wangge::staffing::Roster;
    /// let p = Policy::preset("seed000")?;
    /// let roster = Roster::from_json(r#"{"format": 1, "people": [{"id": "cop"}],
    ///   "assignments": [{"person": "cop", "grid": "330102016001001",
    ///                    "role": "embedded_staff:警务", "from": "2020-01-01"}]}"#)?;
    /// let grid = "330102016001001".parse()?;
    /// let h = p.staffing.holders(&roster, &grid, &"embedded_staff:police".parse()?,
    ///                            "2024-01-01".parse().unwrap());
    /// assert_eq!(h[0].person.id.as_str(), "cop");
    /// # Ok::<(), wangge::Error>(())
    /// ```
    pub fn holders<'r>(
        &self,
        roster: &'r Roster,
        grid: &GridCode,
        role: &RolePattern,
        on: NaiveDate,
    ) -> Vec<Holding<'r>> {
        let mut h = self.assigned(roster, grid, role, on);
        h.retain(|h| h.counts);
        h
    }

    /// The answer to "who held `role` in `grid` on `on`" as JSON (the `roster.holder`
    /// operation): `{"grid", "role", "on", "holders": [{"person", "name", "role", "from",
    /// "to", "state"}], "absent": [same]}` — `absent` lists the people assigned whose
    /// state does not count (`state` null before their first recorded state).
    ///
    /// ```
    /// use wangge::staffing::{Roster, StaffingPolicy};
    /// let roster = Roster::from_json(r#"{"format": 1, "people": [{"id": "a", "name": "王芳"}],
    ///   "assignments": [{"person": "a", "grid": "371323100201001", "role": "网格长", "from": "2024-01-01"}]}"#)?;
    /// let v = StaffingPolicy::default().holders_json(&roster, &"371323100201001".parse()?,
    ///     &"grid_head".parse()?, "2024-02-01".parse().unwrap());
    /// assert_eq!(v["holders"][0]["name"], "王芳");
    /// assert_eq!(v["absent"].as_array().unwrap().len(), 0);
    /// # Ok::<(), wangge::Error>(())
    /// ```
    pub fn holders_json(
        &self,
        roster: &Roster,
        grid: &GridCode,
        role: &RolePattern,
        on: NaiveDate,
    ) -> serde_json::Value {
        serde_json::to_value(self.holders_report(roster, grid, role, on))
            .unwrap_or(serde_json::Value::Null)
    }

    /// The answer of `roster.holder`: who holds (and who is assigned but absent from) a
    /// role in a grid on a date (see [`StaffingPolicy::holders_json`]).
    pub fn holders_report(
        &self,
        roster: &Roster,
        grid: &GridCode,
        role: &RolePattern,
        on: NaiveDate,
    ) -> HoldersReport {
        let role = self.canonical_pattern(role);
        let all = self.assigned(roster, grid, &role, on);
        let row = |h: &Holding<'_>| HolderRow {
            person: h.person.id.clone(),
            name: h.person.name.clone(),
            role: self.canonical_role(&h.assignment.role).to_string(),
            from: h.assignment.from,
            to: h.assignment.to,
            state: h.state.map(|s| s.name()),
        };
        HoldersReport {
            grid: *grid,
            role: role.to_string(),
            on,
            holders: all.iter().filter(|h| h.counts).map(row).collect(),
            absent: all.iter().filter(|h| !h.counts).map(row).collect(),
        }
    }

    /// Everyone assigned to a role matching `role` in `grid` on `on`, whatever their state
    /// (`counts` tells whether the state is a counting one).
    ///
    /// ```
    /// use wangge::policy::Policy;
    /// use wangge::staffing::Roster;
    /// let p = Policy::preset("seed003")?;
    /// let roster = Roster::from_json(r#"{"format": 1,
    ///   "people": [{"id": "w", "states": [{"state": "on_leave", "from": "2024-01-01"}]}],
    ///   "assignments": [{"person": "w", "grid": "371323100201001", "role": "grid_worker", "from": "2024-01-01"}]}"#)?;
    /// let g = "371323100201001".parse()?;
    /// let on = "2024-02-01".parse().unwrap();
    /// assert_eq!(p.staffing.assigned(&roster, &g, &"grid_worker".parse()?, on).len(), 1);
    /// assert!(p.staffing.holders(&roster, &g, &"grid_worker".parse()?, on).is_empty());
    /// # Ok::<(), wangge::Error>(())
    /// ```
    pub fn assigned<'r>(
        &self,
        roster: &'r Roster,
        grid: &GridCode,
        role: &RolePattern,
        on: NaiveDate,
    ) -> Vec<Holding<'r>> {
        let pattern = self.canonical_pattern(role);
        roster.assigned_by(grid, on, &self.counting_states, |r| {
            pattern.matches(&self.canonical_role(r))
        })
    }
}

/// The checks of one grid.
struct GridCheck<'a> {
    policy: &'a StaffingPolicy,
    roster: &'a Roster,
    code: GridCode,
    on: NaiveDate,
    template: &'a TemplateIndex<'a>,
    role_names: &'a [String],
}

impl GridCheck<'_> {
    fn violation(&self, code: ViolationCode, message: String) -> Violation {
        Violation {
            code,
            grids: vec![self.code],
            people: Vec::new(),
            roles: Vec::new(),
            rule: None,
            found: None,
            min: None,
            max: None,
            message: format!("grid {}: {message}", self.code),
        }
    }

    fn person(&self, p: u32) -> &Person {
        &self.roster.people()[p as usize]
    }

    fn check(
        &self,
        here: &[(u32, u32)],
        unknown_dept: &[bool],
        buckets: &mut Vec<Vec<u32>>,
        out: &mut Vec<Violation>,
    ) {
        let t = self.template.template;
        let n_rules = t.roles.len() + t.composition.len();
        if buckets.len() < n_rules {
            buckets.resize_with(n_rules, Vec::new);
        }
        for b in buckets.iter_mut() {
            b.clear();
        }
        let (rule_buckets, comp_buckets) = buckets[..n_rules].split_at_mut(t.roles.len());
        for &(p, r) in here {
            let person = self.person(p);
            let rules = &self.template.rules[r as usize];
            for &k in rules {
                rule_buckets[k as usize].push(p);
            }
            for &k in &self.template.composition[r as usize] {
                if t.composition[k as usize]
                    .tags
                    .iter()
                    .all(|tag| person.has_tag(tag))
                {
                    comp_buckets[k as usize].push(p);
                }
            }
            if unknown_dept[r as usize] {
                let mut v = self.violation(
                    ViolationCode::UnknownDepartment,
                    format!(
                        "{} is {}, a department not in the catalogue",
                        person.id.masked(),
                        self.role_names[r as usize]
                    ),
                );
                v.people = vec![person.id.clone()];
                v.roles = vec![self.role_names[r as usize].clone()];
                out.push(v);
            }
            if rules.is_empty() && t.other_roles == OtherRoles::Forbid {
                let mut v = self.violation(
                    ViolationCode::RoleNotAllowed,
                    format!(
                        "{} holds {}, which template {:?} has no place for",
                        person.id.masked(),
                        self.role_names[r as usize],
                        t.id
                    ),
                );
                v.people = vec![person.id.clone()];
                v.roles = vec![self.role_names[r as usize].clone()];
                out.push(v);
            }
        }
        for (rule, bucket) in t.roles.iter().zip(rule_buckets.iter_mut()) {
            bucket.sort_unstable();
            bucket.dedup();
            self.check_rule(rule, bucket, out);
        }
        for (rule, bucket) in t.composition.iter().zip(comp_buckets.iter_mut()) {
            if !rule.applies_to(self.code.community()) {
                continue;
            }
            bucket.sort_unstable();
            bucket.dedup();
            let found = bucket.len() as u32;
            if found < rule.min || rule.max.is_some_and(|m| found > m) {
                let mut v = self.violation(
                    ViolationCode::CompositionUnmet,
                    format!(
                        "rule {:?} counts {found} (required {})",
                        rule.id,
                        range_text(rule.min, rule.max)
                    ),
                );
                v.people = self.ids(bucket);
                v.roles = rule.roles.iter().map(RolePattern::to_string).collect();
                v.rule = Some(rule.id.clone());
                v.found = Some(found);
                v.min = Some(rule.min);
                v.max = rule.max;
                out.push(v);
            }
        }
        self.check_incompatible(here, out);
    }

    fn ids(&self, people: &[u32]) -> Vec<PersonId> {
        let mut ids: Vec<PersonId> = people.iter().map(|&p| self.person(p).id.clone()).collect();
        ids.sort_unstable();
        ids
    }

    fn check_rule(&self, rule: &RoleRule, holders: &[u32], out: &mut Vec<Violation>) {
        let found = holders.len() as u32;
        let role = rule.role.to_string();
        if found < rule.min || rule.max.is_some_and(|m| found > m) {
            let missing = found < rule.min;
            let absent = if missing {
                let p = &rule.role;
                self.policy
                    .assigned(self.roster, &self.code, p, self.on)
                    .iter()
                    .filter(|h| !h.counts)
                    .count()
            } else {
                0
            };
            let mut v = self.violation(
                if missing {
                    ViolationCode::RoleMissing
                } else {
                    ViolationCode::RoleExcess
                },
                format!(
                    "{found} {role} holding the post (required {}){}",
                    range_text(rule.min, rule.max),
                    if absent > 0 {
                        format!("; {absent} more assigned but absent")
                    } else {
                        String::new()
                    }
                ),
            );
            v.people = self.ids(holders);
            v.roles = vec![role.clone()];
            v.found = Some(found);
            v.min = Some(rule.min);
            v.max = rule.max;
            out.push(v);
        }
        for &p in holders {
            let person = self.person(p);
            let one = |code, message: String| {
                let mut v = self.violation(code, message);
                v.people = vec![person.id.clone()];
                v.roles = vec![role.clone()];
                v
            };
            if rule.full_time && !person.full_time {
                out.push(one(
                    ViolationCode::NotFullTime,
                    format!("{role} {} must be full-time", person.id.masked()),
                ));
            }
            for tag in &rule.tags {
                if !person.has_tag(tag) {
                    let mut v = one(
                        ViolationCode::MissingTag,
                        format!("{role} {} lacks the tag {tag:?}", person.id.masked()),
                    );
                    v.rule = Some(tag.clone());
                    out.push(v);
                }
            }
            if let Some(range) = rule.age {
                match person.age_on(self.on) {
                    None => out.push(one(
                        ViolationCode::AgeUnknown,
                        format!(
                            "{role} {} has no birth date or ID number for the age rule",
                            person.id.masked()
                        ),
                    )),
                    Some(age) if !range.contains(age) => {
                        let mut v = one(
                            ViolationCode::AgeOutOfRange,
                            format!(
                                "{role} {} is {age}, allowed {}",
                                person.id.masked(),
                                range_text(range.min.unwrap_or(0), range.max)
                            ),
                        );
                        v.found = Some(age);
                        v.min = range.min;
                        v.max = range.max;
                        out.push(v);
                    }
                    Some(_) => {}
                }
            }
        }
    }

    fn check_incompatible(&self, here: &[(u32, u32)], out: &mut Vec<Violation>) {
        let t = self.template;
        if t.template.incompatible.is_empty() {
            return;
        }
        // (rule, person, member, role) of every holding a grid-scope rule lists.
        let mut hits: Vec<(u16, u32, u16, u32)> = Vec::new();
        for &(p, r) in here {
            for &(k, m) in &t.incompatible[r as usize] {
                if t.template.incompatible[k as usize].scope == IncompatibleScope::Grid {
                    hits.push((k, p, m, r));
                }
            }
        }
        if hits.len() < 2 {
            return;
        }
        hits.sort_unstable();
        for group in hits.chunk_by(|a, b| a.0 == b.0 && a.1 == b.1) {
            if two_roles_two_members(group.iter().map(|h| (h.2, h.3))) {
                let person = self.person(group[0].1);
                let mut names: Vec<String> = group
                    .iter()
                    .map(|h| self.role_names[h.3 as usize].clone())
                    .collect();
                names.sort_unstable();
                names.dedup();
                let mut v = self.violation(
                    ViolationCode::IncompatibleRoles,
                    format!(
                        "{} holds incompatible roles {}",
                        person.id.masked(),
                        names.join(" and ")
                    ),
                );
                v.people = vec![person.id.clone()];
                v.roles = names;
                out.push(v);
            }
        }
    }
}

/// Whether some two `(member, role)` pairs differ in both member and role: the person
/// holds two different roles standing for two different members of the rule.
fn two_roles_two_members(pairs: impl Iterator<Item = (u16, u32)> + Clone) -> bool {
    pairs
        .clone()
        .any(|(m1, r1)| pairs.clone().any(|(m2, r2)| m1 != m2 && r1 != r2))
}

fn range_text(min: u32, max: Option<u32>) -> String {
    match max {
        Some(max) if max == min => format!("exactly {min}"),
        Some(max) => format!("{min}–{max}"),
        None => format!("at least {min}"),
    }
}
