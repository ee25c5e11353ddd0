//! Roles ([`Role`]), role patterns used by templates ([`RolePattern`]), departments
//! ([`Department`]) and person states ([`PersonState`]).
//!
//! Every name is written in snake case (`"grid_head"`, `"embedded_staff:police"`); the
//! Chinese titles (`"网格长"`, `"下沉力量:警务"`) are accepted on input.

use std::fmt;
use std::str::FromStr;

use super::StaffingError;

/// Longest department id, in characters.
const MAX_DEPARTMENT_CHARS: usize = 64;

/// A department whose staff sink into grids (the "X" of 3+X+N): an id such as `"police"`
/// or `"市场监管"`. The catalogue of departments is policy
/// ([`super::DepartmentSpec`]); a roster may name a department by catalogue id or name.
///
/// Valid ids are 1–64 characters without `:`, control characters or surrounding spaces.
///
/// ```
/// use wangge::staffing::Department;
/// let d: Department = "police".parse()?;
/// assert_eq!(d.as_str(), "police");
/// assert!("".parse::<Department>().is_err());
/// assert!("a:b".parse::<Department>().is_err());
/// # Ok::<(), wangge::staffing::StaffingError>(())
/// ```
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Department(String);

impl Department {
    /// Validates a department id.
    pub fn new(id: &str) -> Result<Department, StaffingError> {
        let ok = !id.is_empty()
            && id.chars().count() <= MAX_DEPARTMENT_CHARS
            && id.trim() == id
            && !id.chars().any(|c| c == ':' || c == '：' || c.is_control());
        if ok {
            Ok(Department(id.to_string()))
        } else {
            Err(unknown_role(format!(
                "invalid department {:?}: 1–{MAX_DEPARTMENT_CHARS} characters, no ':' or control characters",
                short(id)
            )))
        }
    }

    /// The id as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Department {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl fmt::Debug for Department {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Department({})", self.0)
    }
}

impl FromStr for Department {
    type Err = StaffingError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Department::new(s)
    }
}

/// A role in a grid's staff (SPEC glossary).
///
/// | role | name | 中文 |
/// |---|---|---|
/// | [`Role::Instructor`] | `instructor` | 网格指导员 |
/// | [`Role::GridHead`] | `grid_head` | 网格长 |
/// | [`Role::GridWorker`] | `grid_worker` | 专职网格员 (also 网格员) |
/// | [`Role::PartTimeWorker`] | `part_time_worker` | 兼职网格员 |
/// | [`Role::EmbeddedStaff`] | `embedded_staff:<department>` | 下沉力量 |
/// | [`Role::Police`] | `police` | 网格警务员 |
/// | [`Role::Mediator`] | `mediator` | 网格调解员 |
/// | [`Role::SafetyOfficer`] | `safety_officer` | 网格安全员 |
/// | [`Role::Informant`] | `informant` | 信息员 |
/// | [`Role::Volunteer`] | `volunteer` | 志愿者 |
/// | [`Role::Assistant`] | `assistant` | 网格协管员 |
/// | [`Role::PartyAssistant`] | `party_assistant` | 党员协助员 |
/// | [`Role::BusinessInstructor`] | `business_instructor` | 网格业务指导员 |
///
/// ```
/// use wangge::staffing::Role;
/// assert_eq!("网格长".parse::<Role>()?, Role::GridHead);
/// let x: Role = "embedded_staff:police".parse()?;
/// assert_eq!(x.to_string(), "embedded_staff:police");
/// assert_eq!(x.department().unwrap().as_str(), "police");
/// assert_eq!(Role::GridWorker.zh(), "专职网格员");
/// assert!("embedded_staff".parse::<Role>().is_err()); // needs a department
/// # Ok::<(), wangge::staffing::StaffingError>(())
/// ```
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Debug)]
pub enum Role {
    /// 网格指导员: a cadre who guides the grid (usually a town cadre, part-time).
    Instructor,
    /// 网格长: head of the grid (a village/community cadre).
    GridHead,
    /// 专职网格员: full-time grid worker, government-hired.
    GridWorker,
    /// 兼职网格员: part-time grid worker (the "N").
    PartTimeWorker,
    /// 下沉力量: staff sunk from a department (the "X").
    EmbeddedStaff(Department),
    /// 网格警务员.
    Police,
    /// 网格调解员.
    Mediator,
    /// 网格安全员.
    SafetyOfficer,
    /// 信息员.
    Informant,
    /// 志愿者.
    Volunteer,
    /// 网格协管员.
    Assistant,
    /// 党员协助员.
    PartyAssistant,
    /// 网格业务指导员 (seed 000).
    BusinessInstructor,
}

/// `(name, 中文, aliases)` of every role except embedded staff.
const SIMPLE: [(&str, &str, &[&str]); 12] = [
    ("instructor", "网格指导员", &["指导员"]),
    ("grid_head", "网格长", &[]),
    ("grid_worker", "专职网格员", &["网格员"]),
    ("part_time_worker", "兼职网格员", &[]),
    ("police", "网格警务员", &["警务员"]),
    ("mediator", "网格调解员", &["调解员"]),
    ("safety_officer", "网格安全员", &["安全员"]),
    ("informant", "信息员", &["网格信息员"]),
    ("volunteer", "志愿者", &["网格志愿者"]),
    ("assistant", "网格协管员", &["协管员"]),
    ("party_assistant", "党员协助员", &[]),
    ("business_instructor", "网格业务指导员", &["业务指导员"]),
];

const EMBEDDED: (&str, &str) = ("embedded_staff", "下沉力量");

impl Role {
    fn simple_index(&self) -> Option<usize> {
        Some(match self {
            Role::Instructor => 0,
            Role::GridHead => 1,
            Role::GridWorker => 2,
            Role::PartTimeWorker => 3,
            Role::Police => 4,
            Role::Mediator => 5,
            Role::SafetyOfficer => 6,
            Role::Informant => 7,
            Role::Volunteer => 8,
            Role::Assistant => 9,
            Role::PartyAssistant => 10,
            Role::BusinessInstructor => 11,
            Role::EmbeddedStaff(_) => return None,
        })
    }

    fn from_simple(i: usize) -> Role {
        [
            Role::Instructor,
            Role::GridHead,
            Role::GridWorker,
            Role::PartTimeWorker,
            Role::Police,
            Role::Mediator,
            Role::SafetyOfficer,
            Role::Informant,
            Role::Volunteer,
            Role::Assistant,
            Role::PartyAssistant,
            Role::BusinessInstructor,
        ][i]
            .clone()
    }

    /// The role's snake-case kind, without the department (`"embedded_staff"` for X).
    ///
    /// ```
    /// use wangge::staffing::Role;
    /// assert_eq!(Role::SafetyOfficer.kind(), "safety_officer");
    /// ```
    pub fn kind(&self) -> &'static str {
        match self.simple_index() {
            Some(i) => SIMPLE[i].0,
            None => EMBEDDED.0,
        }
    }

    /// The Chinese title (网格长 …; 下沉力量 for embedded staff).
    pub fn zh(&self) -> &'static str {
        match self.simple_index() {
            Some(i) => SIMPLE[i].1,
            None => EMBEDDED.1,
        }
    }

    /// The department of embedded staff.
    pub fn department(&self) -> Option<&Department> {
        match self {
            Role::EmbeddedStaff(d) => Some(d),
            _ => None,
        }
    }
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Role::EmbeddedStaff(d) => write!(f, "{}:{}", EMBEDDED.0, d),
            other => f.write_str(other.kind()),
        }
    }
}

impl FromStr for Role {
    type Err = StaffingError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.parse::<RolePattern>()? {
            RolePattern::Role(r) => Ok(r),
            RolePattern::AnyEmbeddedStaff => Err(unknown_role(format!(
                "{:?} needs a department: write embedded_staff:<department>",
                short(s)
            ))),
        }
    }
}

/// A role as a template names it: one [`Role`], or any embedded staff whatever the
/// department (`"embedded_staff"` / `"下沉力量"`).
///
/// ```
/// use wangge::staffing::{Role, RolePattern};
/// let any: RolePattern = "embedded_staff".parse()?;
/// assert!(any.matches(&"embedded_staff:culture".parse()?));
/// let head: RolePattern = "grid_head".parse()?;
/// assert!(head.matches(&Role::GridHead) && !head.matches(&Role::GridWorker));
/// assert!("castellan".parse::<RolePattern>().is_err());
/// # Ok::<(), wangge::staffing::StaffingError>(())
/// ```
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Debug)]
pub enum RolePattern {
    /// Exactly this role.
    Role(Role),
    /// Embedded staff of any department.
    AnyEmbeddedStaff,
}

impl RolePattern {
    /// Whether `role` fits the pattern.
    pub fn matches(&self, role: &Role) -> bool {
        match self {
            RolePattern::Role(r) => r == role,
            RolePattern::AnyEmbeddedStaff => matches!(role, Role::EmbeddedStaff(_)),
        }
    }
}

impl fmt::Display for RolePattern {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RolePattern::Role(r) => r.fmt(f),
            RolePattern::AnyEmbeddedStaff => f.write_str(EMBEDDED.0),
        }
    }
}

impl FromStr for RolePattern {
    type Err = StaffingError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let (head, dept) = match s.split_once(':').or_else(|| s.split_once('：')) {
            Some((h, d)) => (h, Some(d)),
            None => (s, None),
        };
        let head = head.trim();
        if head == EMBEDDED.0 || head == EMBEDDED.1 || head == "下沉人员" {
            return match dept {
                None => Ok(RolePattern::AnyEmbeddedStaff),
                Some(d) => Ok(RolePattern::Role(Role::EmbeddedStaff(Department::new(
                    d.trim(),
                )?))),
            };
        }
        if dept.is_none()
            && let Some(i) = SIMPLE
                .iter()
                .position(|(n, zh, aliases)| head == *n || head == *zh || aliases.contains(&head))
        {
            return Ok(RolePattern::Role(Role::from_simple(i)));
        }
        Err(unknown_role(format!("unknown role {:?}", short(s))))
    }
}

/// A person's state on a date (SPEC §2.2). Only the states a policy lists as counting
/// (by default `on_duty`) make a person count as holding their roles.
///
/// ```
/// use wangge::staffing::PersonState;
/// assert_eq!("借调".parse::<PersonState>()?, PersonState::Seconded);
/// assert_eq!(PersonState::OnLeave.to_string(), "on_leave");
/// # Ok::<(), wangge::staffing::StaffingError>(())
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Debug)]
pub enum PersonState {
    /// 在岗: on duty.
    OnDuty,
    /// 请假/休假: on leave.
    OnLeave,
    /// 借调: seconded elsewhere.
    Seconded,
    /// 离职: left the post.
    Left,
}

impl PersonState {
    /// Every state.
    pub const ALL: [PersonState; 4] = [
        PersonState::OnDuty,
        PersonState::OnLeave,
        PersonState::Seconded,
        PersonState::Left,
    ];

    /// The snake-case name.
    pub fn name(self) -> &'static str {
        match self {
            PersonState::OnDuty => "on_duty",
            PersonState::OnLeave => "on_leave",
            PersonState::Seconded => "seconded",
            PersonState::Left => "left",
        }
    }
}

impl fmt::Display for PersonState {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for PersonState {
    type Err = StaffingError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Ok(match s {
            "on_duty" | "在岗" => PersonState::OnDuty,
            "on_leave" | "请假" | "休假" => PersonState::OnLeave,
            "seconded" | "借调" => PersonState::Seconded,
            "left" | "离职" | "离岗" => PersonState::Left,
            _ => {
                return Err(StaffingError::InvalidRoster {
                    entry: String::new(),
                    message: format!(
                        "unknown person state {:?} (expected on_duty, on_leave, seconded or left)",
                        short(s)
                    ),
                });
            }
        })
    }
}

fn unknown_role(message: String) -> StaffingError {
    StaffingError::UnknownRole {
        entry: String::new(),
        message,
    }
}

/// The message of a parse error without its location prefix (serde adds the path).
pub(crate) trait Detail {
    fn detail(&self) -> String;
}

impl Detail for StaffingError {
    fn detail(&self) -> String {
        match self {
            StaffingError::InvalidRoster { message, .. }
            | StaffingError::UnknownRole { message, .. } => message.clone(),
            StaffingError::InvalidIdNumber { reason, .. } => (*reason).to_string(),
            other => other.to_string(),
        }
    }
}

impl Detail for crate::grid::GridError {
    fn detail(&self) -> String {
        self.to_string()
    }
}

/// Truncates text quoted in error messages.
pub(crate) fn short(s: &str) -> String {
    const MAX: usize = 40;
    if s.chars().count() <= MAX {
        s.to_string()
    } else {
        let mut t: String = s.chars().take(MAX).collect();
        t.push('…');
        t
    }
}

macro_rules! string_serde {
    ($t:ty) => {
        impl serde::Serialize for $t {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.collect_str(self)
            }
        }
        impl<'de> serde::Deserialize<'de> for $t {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let s = <std::borrow::Cow<'de, str> as serde::Deserialize<'de>>::deserialize(d)?;
                s.parse().map_err(|e| {
                    serde::de::Error::custom($crate::staffing::role::Detail::detail(&e))
                })
            }
        }
    };
}
pub(crate) use string_serde;

string_serde!(Department);
string_serde!(Role);
string_serde!(RolePattern);
string_serde!(PersonState);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_role_round_trips_by_name_and_title() {
        for (i, (_, _, aliases)) in SIMPLE.iter().enumerate() {
            let r = Role::from_simple(i);
            assert_eq!(r.to_string().parse::<Role>().unwrap(), r);
            assert_eq!(r.zh().parse::<Role>().unwrap(), r);
            for a in *aliases {
                assert_eq!(a.parse::<Role>().unwrap(), r, "{a}");
            }
        }
        let x: Role = "下沉力量：市场监管".parse().unwrap();
        assert_eq!(x.to_string(), "embedded_staff:市场监管");
        assert_eq!(x.zh(), "下沉力量");
        assert_eq!(x.kind(), "embedded_staff");
    }

    #[test]
    fn bad_roles_are_typed_errors() {
        for s in [
            "",
            "grid_head:police",
            "embedded_staff:",
            "embedded_staff: ",
            "embedded_staff:a:b",
            "GRID_HEAD",
        ] {
            let e = s.parse::<Role>().unwrap_err();
            assert_eq!(e.code(), crate::ErrorCode::UnknownRole, "{s:?}");
        }
        let long = "x".repeat(1000);
        let msg = long.parse::<Role>().unwrap_err().to_string();
        assert!(msg.len() < 200, "{msg}");
    }

    #[test]
    fn states_parse() {
        for s in PersonState::ALL {
            assert_eq!(s.name().parse::<PersonState>().unwrap(), s);
        }
        assert!("asleep".parse::<PersonState>().is_err());
    }
}
