//! The roster: people and their assignments to roles in grids, with history.
//!
//! # File format (JSON, `format` 1)
//!
//! ```json
//! {
//!   "format": 1,
//!   "people": [
//!     {"id": "W-0001", "name": "王芳", "phone": "13800000000",
//!      "id_number": "11010519491231002X", "birth_date": "1990-05-01",
//!      "party_member": true, "full_time": true, "department": "police",
//!      "tags": ["smartphone"],
//!      "states": [{"state": "on_duty", "from": "2021-01-01"},
//!                 {"state": "on_leave", "from": "2024-03-01"}]}
//!   ],
//!   "assignments": [
//!     {"person": "W-0001", "grid": "371323100201001", "role": "grid_worker",
//!      "from": "2021-01-01", "to": "2025-01-01"}
//!   ]
//! }
//! ```
//!
//! Only `format`, `people[].id` and the assignment fields `person`, `grid`, `role` and
//! `from` are required. Assignments are `[from, to)`; `to` absent means still held. A bare
//! `"embedded_staff"` role takes the person's `department`. Unknown fields are errors;
//! every error names the entry (`people[3].states[1]`, `assignments[12].grid`) and never
//! prints an ID number.

use std::collections::HashMap;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::StaffingError;
use super::person::{IdNumber, Person, PersonId, StateChange};
use super::role::{Department, PersonState, Role, RolePattern};
use crate::code::GridCode;

/// The newest roster format this release reads and writes.
pub const ROSTER_FORMAT: u32 = 1;

/// Size limits for untrusted roster input. Exceeding one is an `input_too_large` error.
///
/// ```
/// use wangge::staffing::{Roster, RosterLimits};
/// let limits = RosterLimits { max_people: 1, ..RosterLimits::default() };
/// let text = r#"{"format":1,"people":[{"id":"a"},{"id":"b"}]}"#;
/// let e = Roster::from_json_with_limits(text, &limits).unwrap_err();
/// assert_eq!(e.code(), wangge::ErrorCode::InputTooLarge);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RosterLimits {
    /// Largest input text in bytes. Defaults to 512 MiB.
    pub max_bytes: usize,
    /// Most people. Defaults to 5,000,000.
    pub max_people: usize,
    /// Most assignments. Defaults to 20,000,000.
    pub max_assignments: usize,
    /// Most tags or state changes per person. Defaults to 256.
    pub max_per_person: usize,
    /// Longest name, phone, tag, in characters. Defaults to 128.
    pub max_text_chars: usize,
}

impl Default for RosterLimits {
    fn default() -> Self {
        RosterLimits {
            max_bytes: 512 << 20,
            max_people: 5_000_000,
            max_assignments: 20_000_000,
            max_per_person: 256,
            max_text_chars: 128,
        }
    }
}

/// One person holding one role in one grid during `[from, to)`.
///
/// ```
/// use wangge::staffing::Assignment;
/// let a = Assignment::new("W-1".parse()?, "371323100201001".parse().unwrap(),
///     "grid_head".parse()?, "2024-01-01".parse().unwrap(), None);
/// assert!(a.active_on("2030-01-01".parse().unwrap()));
/// assert!(!a.active_on("2023-12-31".parse().unwrap()));
/// # Ok::<(), wangge::staffing::StaffingError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
pub struct Assignment {
    /// The person.
    pub person: PersonId,
    /// The grid.
    pub grid: GridCode,
    /// The role.
    pub role: Role,
    /// First day held.
    pub from: NaiveDate,
    /// First day no longer held; `None`: still held.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub to: Option<NaiveDate>,
}

impl Assignment {
    /// An assignment.
    pub fn new(
        person: PersonId,
        grid: GridCode,
        role: Role,
        from: NaiveDate,
        to: Option<NaiveDate>,
    ) -> Assignment {
        Assignment {
            person,
            grid,
            role,
            from,
            to,
        }
    }

    /// Whether the assignment is in force on `date`.
    pub fn active_on(&self, date: NaiveDate) -> bool {
        self.from <= date && self.to.is_none_or(|t| date < t)
    }

    fn overlaps(&self, other: &Assignment) -> bool {
        self.to.is_none_or(|t| other.from < t) && other.to.is_none_or(|t| self.from < t)
    }
}

/// A validated roster: unique person ids, every assignment names a known person, no two
/// assignments of one person to the same role in the same grid overlap, every state
/// history is in strictly increasing date order.
///
/// ```
/// use wangge::staffing::{Roster, RolePattern};
/// let roster = Roster::from_json(r#"{"format": 1,
///   "people": [{"id": "a"}, {"id": "b", "states": [{"state": "on_duty", "from": "2024-01-01"},
///                                                  {"state": "on_leave", "from": "2024-06-01"}]}],
///   "assignments": [
///     {"person": "a", "grid": "371323100201001", "role": "grid_head", "from": "2020-01-01", "to": "2024-01-01"},
///     {"person": "b", "grid": "371323100201001", "role": "网格长", "from": "2024-01-01"}]}"#)?;
/// let grid = "371323100201001".parse().unwrap();
/// let head: RolePattern = "grid_head".parse()?;
/// let on = |d: &str| d.parse().unwrap();
/// let who = |d| roster.holders(&grid, &head, on(d), &[wangge::staffing::PersonState::OnDuty])
///     .iter().map(|h| h.person.id.to_string()).collect::<Vec<_>>();
/// assert_eq!(who("2023-12-31"), ["a"]);
/// assert_eq!(who("2024-05-01"), ["b"]);
/// assert!(who("2024-07-01").is_empty());   // b is on leave
/// # Ok::<(), wangge::staffing::StaffingError>(())
/// ```
#[derive(Debug, Clone)]
pub struct Roster {
    people: Vec<Person>,
    assignments: Vec<Assignment>,
    /// Person id → index into `people`.
    index: HashMap<PersonId, u32>,
    /// Assignment → index of its person.
    person_of: Vec<u32>,
    /// Grid → its assignments, in input order.
    by_grid: HashMap<GridCode, Vec<u32>>,
    /// The distinct roles of the assignments.
    roles: Vec<Role>,
    /// Assignment → index into `roles`.
    role_of: Vec<u32>,
}

impl PartialEq for Roster {
    fn eq(&self, other: &Self) -> bool {
        self.people == other.people && self.assignments == other.assignments
    }
}

/// Someone assigned to a role on a date (see [`Roster::assigned`]).
///
/// ```
/// use wangge::staffing::{PersonState, Roster};
/// let r = Roster::from_json(r#"{"format": 1,
///   "people": [{"id": "a", "states": [{"state": "seconded", "from": "2024-01-01"}]}],
///   "assignments": [{"person": "a", "grid": "371323100201001", "role": "grid_head", "from": "2024-01-01"}]}"#)?;
/// let all = r.assigned(&"371323100201001".parse()?, &"grid_head".parse()?,
///                      "2024-02-01".parse().unwrap(), &[PersonState::OnDuty]);
/// assert_eq!((all[0].state, all[0].counts), (Some(PersonState::Seconded), false));
/// # Ok::<(), wangge::Error>(())
/// ```
#[derive(Debug, Clone, Copy)]
pub struct Holding<'a> {
    /// The assignment.
    pub assignment: &'a Assignment,
    /// The person.
    pub person: &'a Person,
    /// The person's state on the date (`None`: not yet in service).
    pub state: Option<PersonState>,
    /// Whether the state counts as holding the role.
    pub counts: bool,
}

impl Roster {
    /// Builds and validates a roster. Errors name the entry (`people[3]`,
    /// `assignments[7]`).
    pub fn new(people: Vec<Person>, assignments: Vec<Assignment>) -> Result<Roster, StaffingError> {
        Roster::build(people, assignments, &RosterLimits::default())
    }

    fn build(
        people: Vec<Person>,
        assignments: Vec<Assignment>,
        limits: &RosterLimits,
    ) -> Result<Roster, StaffingError> {
        if people.len() > limits.max_people {
            return Err(StaffingError::TooLarge(format!(
                "{} people, at most {}",
                people.len(),
                limits.max_people
            )));
        }
        if assignments.len() > limits.max_assignments {
            return Err(StaffingError::TooLarge(format!(
                "{} assignments, at most {}",
                assignments.len(),
                limits.max_assignments
            )));
        }
        let mut index = HashMap::with_capacity(people.len());
        for (i, p) in people.iter().enumerate() {
            check_person(i, p, limits)?;
            if let Some(first) = index.insert(p.id.clone(), i as u32) {
                return Err(StaffingError::DuplicatePerson {
                    entry: format!("people[{i}]"),
                    first: format!("people[{first}]"),
                    person: p.id.masked(),
                });
            }
        }
        let mut person_of = Vec::with_capacity(assignments.len());
        let mut by_grid: HashMap<GridCode, Vec<u32>> = HashMap::new();
        let mut role_ids: HashMap<&Role, u32> = HashMap::new();
        let mut role_of = Vec::with_capacity(assignments.len());
        for (i, a) in assignments.iter().enumerate() {
            let p = *index
                .get(&a.person)
                .ok_or_else(|| StaffingError::UnknownPerson {
                    entry: format!("assignments[{i}].person"),
                    person: a.person.masked(),
                })?;
            if a.to.is_some_and(|t| t <= a.from) {
                return Err(StaffingError::InvalidRoster {
                    entry: format!("assignments[{i}].to"),
                    message: "must be after from (assignments are [from, to))".into(),
                });
            }
            person_of.push(p);
            by_grid.entry(a.grid).or_default().push(i as u32);
            let next = role_ids.len() as u32;
            role_of.push(*role_ids.entry(&a.role).or_insert(next));
        }
        let mut roles = vec![Role::Instructor; role_ids.len()];
        for (r, i) in role_ids {
            roles[i as usize] = r.clone();
        }
        // Overlaps of one slot (person, grid, role): sort a permutation, compare neighbours.
        let mut order: Vec<u32> = (0..assignments.len() as u32).collect();
        let key = |i: &u32| {
            let a = &assignments[*i as usize];
            (person_of[*i as usize], a.grid, &a.role, a.from, *i)
        };
        order.sort_unstable_by(|x, y| key(x).cmp(&key(y)));
        for w in order.windows(2) {
            let (a, b) = (&assignments[w[0] as usize], &assignments[w[1] as usize]);
            if a.person == b.person && a.grid == b.grid && a.role == b.role && a.overlaps(b) {
                let (first, second) = (w[0].min(w[1]), w[0].max(w[1]));
                return Err(StaffingError::OverlappingAssignment {
                    entry: format!("assignments[{second}]"),
                    first: format!("assignments[{first}]"),
                    person: a.person.masked(),
                    grid: a.grid.to_string(),
                    role: a.role.to_string(),
                });
            }
        }
        Ok(Roster {
            people,
            assignments,
            index,
            person_of,
            by_grid,
            roles,
            role_of,
        })
    }

    /// Reads a roster file (JSON) with default [`RosterLimits`].
    pub fn from_json(text: &str) -> Result<Roster, StaffingError> {
        Roster::from_json_with_limits(text, &RosterLimits::default())
    }

    /// Reads a roster file (JSON) with the given limits.
    pub fn from_json_with_limits(
        text: &str,
        limits: &RosterLimits,
    ) -> Result<Roster, StaffingError> {
        if text.len() > limits.max_bytes {
            return Err(StaffingError::TooLarge(format!(
                "roster of {} bytes, at most {}",
                text.len(),
                limits.max_bytes
            )));
        }
        if !text.trim_start().starts_with('{') {
            return Err(not_an_object());
        }
        // The fast path parses without tracking paths; only a failure is parsed again to
        // name the entry.
        match serde_json::from_str::<RosterFile>(text) {
            Ok(f) => Roster::from_file(f, limits),
            Err(plain) => {
                let mut de = serde_json::Deserializer::from_str(text);
                let tracked = serde_path_to_error::deserialize::<_, RosterFile>(&mut de).err();
                Err(syntax_error(plain, tracked, || {
                    serde_json::from_str::<FormatPeek>(text).ok()
                }))
            }
        }
    }

    /// Reads a roster from a JSON value (the form the JSON operations receive).
    ///
    /// ```
    /// use wangge::staffing::Roster;
    /// let v = serde_json::json!({"format": 1, "people": [{"id": "a", "pets": 2}]});
    /// let e = Roster::from_value(&v).unwrap_err();
    /// assert!(e.to_string().contains("people[0]"), "{e}");
    /// ```
    pub fn from_value(value: &Value) -> Result<Roster, StaffingError> {
        if !value.is_object() {
            return Err(not_an_object());
        }
        let limits = RosterLimits::default();
        for (key, max) in [
            ("people", limits.max_people),
            ("assignments", limits.max_assignments),
        ] {
            if let Some(a) = value.get(key).and_then(Value::as_array)
                && a.len() > max
            {
                return Err(StaffingError::TooLarge(format!(
                    "{} {key}, at most {max}",
                    a.len()
                )));
            }
        }
        match RosterFile::deserialize(value) {
            Ok(f) => Roster::from_file(f, &limits),
            Err(plain) => {
                let tracked = serde_path_to_error::deserialize::<_, RosterFile>(value).err();
                Err(syntax_error(plain, tracked, || {
                    FormatPeek::deserialize(value).ok()
                }))
            }
        }
    }

    fn from_file(f: RosterFile, limits: &RosterLimits) -> Result<Roster, StaffingError> {
        if f.format != ROSTER_FORMAT {
            return Err(StaffingError::UnsupportedFormat {
                found: f.format,
                max: ROSTER_FORMAT,
            });
        }
        if f.people.len() > limits.max_people || f.assignments.len() > limits.max_assignments {
            return Err(StaffingError::TooLarge(format!(
                "{} people and {} assignments, at most {} and {}",
                f.people.len(),
                f.assignments.len(),
                limits.max_people,
                limits.max_assignments
            )));
        }
        let mut people = Vec::with_capacity(f.people.len());
        for (i, p) in f.people.into_iter().enumerate() {
            people.push(p.into_person(i)?);
        }
        let departments: HashMap<&str, Option<&Department>> = people
            .iter()
            .map(|p| (p.id.as_str(), p.department.as_ref()))
            .collect();
        let mut assignments = Vec::with_capacity(f.assignments.len());
        for (i, a) in f.assignments.into_iter().enumerate() {
            let entry = |field: &str| format!("assignments[{i}].{field}");
            let person = PersonId::new(&a.person).map_err(|e| e.at(entry("person")))?;
            let grid = GridCode::parse(&a.grid).map_err(|source| StaffingError::Code {
                entry: entry("grid"),
                source,
            })?;
            let role = match a.role.parse::<RolePattern>() {
                Ok(RolePattern::Role(r)) => r,
                Ok(RolePattern::AnyEmbeddedStaff) => {
                    match departments.get(person.as_str()).copied().flatten() {
                        Some(d) => Role::EmbeddedStaff(d.clone()),
                        None => {
                            return Err(StaffingError::InvalidRoster {
                                entry: entry("role"),
                                message: "embedded_staff needs a department: write embedded_staff:<department> or set the person's department".into(),
                            });
                        }
                    }
                }
                Err(e) => return Err(e.at(entry("role"))),
            };
            assignments.push(Assignment {
                person,
                grid,
                role,
                from: a.from,
                to: a.to,
            });
        }
        Roster::build(people, assignments, limits)
    }

    /// The roster as a JSON file (format 1). Personal data is written as given.
    ///
    /// ```
    /// use wangge::staffing::Roster;
    /// let r = Roster::from_json(r#"{"format": 1, "people": [{"id": "a", "name": "王芳"}],
    ///   "assignments": [{"person": "a", "grid": "371323100201001", "role": "网格长", "from": "2024-01-01"}]}"#)?;
    /// assert!(r.to_json().contains(r#""role":"grid_head""#));
    /// assert_eq!(Roster::from_json(&r.to_json())?, r);
    /// assert_eq!(r.person(&"a".parse()?).unwrap().name.as_deref(), Some("王芳"));
    /// assert_eq!((r.people().len(), r.assignments().len()), (1, 1));
    /// assert_eq!(r.grids()[0].to_string(), "371323100201001");
    /// # Ok::<(), wangge::staffing::StaffingError>(())
    /// ```
    pub fn to_json(&self) -> String {
        serde_json::to_string(&RosterOut {
            format: ROSTER_FORMAT,
            people: &self.people,
            assignments: &self.assignments,
        })
        .unwrap_or_default()
    }

    /// The people, in input order.
    pub fn people(&self) -> &[Person] {
        &self.people
    }

    /// The assignments, in input order.
    pub fn assignments(&self) -> &[Assignment] {
        &self.assignments
    }

    /// A person by id.
    pub fn person(&self, id: &PersonId) -> Option<&Person> {
        self.index.get(id).map(|&i| &self.people[i as usize])
    }

    /// The grids named by assignments, sorted.
    pub fn grids(&self) -> Vec<GridCode> {
        let mut g: Vec<GridCode> = self.by_grid.keys().copied().collect();
        g.sort_unstable();
        g
    }

    /// Indices of the assignments of one grid, in input order.
    pub(crate) fn grid_assignments(&self, grid: &GridCode) -> &[u32] {
        self.by_grid.get(grid).map(Vec::as_slice).unwrap_or(&[])
    }

    /// Index of the person of an assignment.
    pub(crate) fn person_index(&self, assignment: u32) -> u32 {
        self.person_of[assignment as usize]
    }

    /// Index (into [`Roster::distinct_roles`]) of the role of an assignment.
    pub(crate) fn role_index(&self, assignment: u32) -> u32 {
        self.role_of[assignment as usize]
    }

    /// The distinct roles held on the roster, in order of first appearance.
    pub(crate) fn distinct_roles(&self) -> &[Role] {
        &self.roles
    }

    /// Everyone assigned to a role matching `role` in `grid` on `date`, whatever their
    /// state, in input order; `counts` tells whether their state is one of `counting`.
    /// Departments are compared as written (see
    /// [`StaffingPolicy::holders`](super::StaffingPolicy::holders) for catalogue names).
    pub fn assigned(
        &self,
        grid: &GridCode,
        role: &RolePattern,
        date: NaiveDate,
        counting: &[PersonState],
    ) -> Vec<Holding<'_>> {
        self.assigned_by(grid, date, counting, |r| role.matches(r))
    }

    pub(crate) fn assigned_by(
        &self,
        grid: &GridCode,
        date: NaiveDate,
        counting: &[PersonState],
        matches: impl Fn(&Role) -> bool,
    ) -> Vec<Holding<'_>> {
        self.grid_assignments(grid)
            .iter()
            .filter_map(|&i| {
                let a = &self.assignments[i as usize];
                if !a.active_on(date) || !matches(&a.role) {
                    return None;
                }
                let person = &self.people[self.person_of[i as usize] as usize];
                let state = person.state_on(date);
                Some(Holding {
                    assignment: a,
                    person,
                    state,
                    counts: state.is_some_and(|s| counting.contains(&s)),
                })
            })
            .collect()
    }

    /// Who held a role matching `role` in `grid` on `date`: the assigned people whose
    /// state counts (see [`Roster::assigned`]). Scores and case responsibility use this
    /// holder at the time.
    pub fn holders(
        &self,
        grid: &GridCode,
        role: &RolePattern,
        date: NaiveDate,
        counting: &[PersonState],
    ) -> Vec<Holding<'_>> {
        let mut h = self.assigned(grid, role, date, counting);
        h.retain(|h| h.counts);
        h
    }
}

fn not_an_object() -> StaffingError {
    StaffingError::InvalidRoster {
        entry: "roster".into(),
        message:
            "expected a JSON object {\"format\": 1, \"people\": [...], \"assignments\": [...]}"
                .into(),
    }
}

fn check_person(i: usize, p: &Person, limits: &RosterLimits) -> Result<(), StaffingError> {
    let entry = |field: &str| format!("people[{i}].{field}");
    let text_ok = |s: &str| {
        !s.trim().is_empty()
            && s.chars().count() <= limits.max_text_chars
            && !s.chars().any(char::is_control)
    };
    for (field, v) in [("name", &p.name), ("phone", &p.phone)] {
        if v.as_deref().is_some_and(|s| !text_ok(s)) {
            return Err(StaffingError::InvalidRoster {
                entry: entry(field),
                message: format!(
                    "must have 1–{} characters and no control characters",
                    limits.max_text_chars
                ),
            });
        }
    }
    if p.tags.len() > limits.max_per_person || p.states.len() > limits.max_per_person {
        return Err(StaffingError::TooLarge(format!(
            "people[{i}] has more than {} tags or states",
            limits.max_per_person
        )));
    }
    for (k, t) in p.tags.iter().enumerate() {
        if !text_ok(t) || t.chars().count() > 64 {
            return Err(StaffingError::InvalidRoster {
                entry: entry(&format!("tags[{k}]")),
                message: "tags must have 1–64 characters and no control characters".into(),
            });
        }
    }
    for k in 1..p.states.len() {
        if p.states[k].from <= p.states[k - 1].from {
            return Err(StaffingError::InvalidRoster {
                entry: entry(&format!("states[{k}]")),
                message: "state changes must be in strictly increasing date order".into(),
            });
        }
    }
    if let (Some(b), Some(n)) = (p.birth_date, p.id_number)
        && b != n.birth_date()
    {
        return Err(StaffingError::InvalidRoster {
            entry: entry("birth_date"),
            message: "differs from the birth date in the ID number".into(),
        });
    }
    Ok(())
}

fn syntax_error(
    plain: serde_json::Error,
    tracked: Option<serde_path_to_error::Error<serde_json::Error>>,
    peek: impl FnOnce() -> Option<FormatPeek>,
) -> StaffingError {
    // A file from a newer release may fail on fields this one does not know: say so.
    if let Some(FormatPeek { format: Some(f) }) = peek()
        && f != ROSTER_FORMAT as u64
    {
        return StaffingError::UnsupportedFormat {
            found: u32::try_from(f).unwrap_or(u32::MAX),
            max: ROSTER_FORMAT,
        };
    }
    let (path, inner) = match tracked {
        Some(e) => (e.path().to_string(), e.into_inner()),
        None => (String::new(), plain),
    };
    let entry = if path == "." || path.is_empty() {
        "roster".to_string()
    } else {
        path
    };
    // Serde's messages may quote the offending value: mask long digit runs (ID and phone
    // numbers) and keep the message short.
    let message = scrub(&inner.to_string());
    StaffingError::InvalidRoster { entry, message }
}

/// Masks runs of 11 or more digits (with a trailing `X`) and truncates to 240 characters.
fn scrub(text: &str) -> String {
    let chars: Vec<char> = text.chars().take(240).collect();
    let mut out = String::with_capacity(chars.len());
    let mut i = 0;
    while i < chars.len() {
        let run = chars[i..]
            .iter()
            .take_while(|c| c.is_ascii_digit() || **c == 'X' || **c == 'x')
            .count();
        if run >= 11 && chars[i].is_ascii_digit() {
            out.extend(&chars[i..i + 3]);
            out.extend(std::iter::repeat_n('*', run - 5));
            out.extend(&chars[i + run - 2..i + run]);
            i += run;
        } else {
            out.push(chars[i]);
            i += 1;
        }
    }
    if text.chars().count() > 240 {
        out.push('…');
    }
    out
}

#[derive(Deserialize)]
struct FormatPeek {
    #[serde(default)]
    format: Option<u64>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RosterFile {
    format: u32,
    #[serde(default)]
    people: Vec<PersonFile>,
    #[serde(default)]
    assignments: Vec<AssignmentFile>,
}

#[derive(Serialize)]
struct RosterOut<'a> {
    format: u32,
    people: &'a [Person],
    assignments: &'a [Assignment],
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct PersonFile {
    id: PersonId,
    #[serde(default)]
    name: Option<String>,
    #[serde(default)]
    phone: Option<String>,
    #[serde(default)]
    id_number: Option<String>,
    #[serde(default)]
    birth_date: Option<NaiveDate>,
    #[serde(default)]
    party_member: bool,
    #[serde(default)]
    full_time: bool,
    #[serde(default)]
    department: Option<Department>,
    #[serde(default)]
    tags: Vec<String>,
    #[serde(default)]
    states: Vec<StateChange>,
}

impl PersonFile {
    fn into_person(self, i: usize) -> Result<Person, StaffingError> {
        let id_number = self
            .id_number
            .map(|s| IdNumber::parse(&s))
            .transpose()
            .map_err(|e| e.at(format!("people[{i}].id_number")))?;
        Ok(Person {
            id: self.id,
            name: self.name,
            phone: self.phone,
            id_number,
            birth_date: self.birth_date,
            party_member: self.party_member,
            full_time: self.full_time,
            department: self.department,
            tags: self.tags,
            states: self.states,
        })
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct AssignmentFile {
    person: String,
    grid: String,
    role: String,
    from: NaiveDate,
    #[serde(default)]
    to: Option<NaiveDate>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ErrorCode;
    use proptest::prelude::*;

    fn roster(people: &str, assignments: &str) -> Result<Roster, StaffingError> {
        Roster::from_json(&format!(
            r#"{{"format":1,"people":[{people}],"assignments":[{assignments}]}}"#
        ))
    }

    const G: &str = "371323100201001";

    #[test]
    fn errors_are_typed_and_name_the_entry() {
        let a = |p: &str, role: &str, from: &str, to: &str| {
            format!(r#"{{"person":"{p}","grid":"{G}","role":"{role}","from":"{from}"{to}}}"#)
        };
        let cases: Vec<(String, String, ErrorCode, &str)> = vec![
            (r#"{"id":"a"},{"id":"a"}"#.into(), String::new(), ErrorCode::DuplicatePerson, "people[1]"),
            (r#"{"id":"a"}"#.into(), a("b", "grid_head", "2024-01-01", ""), ErrorCode::UnknownPerson, "assignments[0].person"),
            (
                r#"{"id":"a"}"#.into(),
                format!("{},{}", a("a", "grid_head", "2024-01-01", r#","to":"2025-01-01""#), a("a", "网格长", "2024-06-01", "")),
                ErrorCode::OverlappingAssignment,
                "assignments[1]",
            ),
            (r#"{"id":"a"}"#.into(), a("a", "castellan", "2024-01-01", ""), ErrorCode::UnknownRole, "assignments[0].role"),
            (r#"{"id":"a"}"#.into(), a("a", "embedded_staff", "2024-01-01", ""), ErrorCode::InvalidRoster, "assignments[0].role"),
            (r#"{"id":"a"}"#.into(), a("a", "grid_head", "2024-01-01", r#","to":"2024-01-01""#), ErrorCode::InvalidRoster, "assignments[0].to"),
            (r#"{"id":"a"}"#.into(), r#"{"person":"a","grid":"371323100000001","role":"grid_head","from":"2024-01-01"}"#.to_string(), ErrorCode::InvalidGridCode, "assignments[0].grid"),
            (r#"{"id":"a","id_number":"110105194912310021"}"#.into(), String::new(), ErrorCode::InvalidIdNumber, "people[0].id_number"),
            (r#"{"id":"a","pets":1}"#.into(), String::new(), ErrorCode::InvalidRoster, "people[0]"),
            (r#"{"id":""}"#.into(), String::new(), ErrorCode::InvalidRoster, "people[0].id"),
            (r#"{"id":"a","states":[{"state":"on_duty","from":"2024-01-01"},{"state":"left","from":"2024-01-01"}]}"#.into(), String::new(), ErrorCode::InvalidRoster, "people[0].states[1]"),
            (r#"{"id":"a","states":[{"state":"asleep","from":"2024-01-01"}]}"#.into(), String::new(), ErrorCode::InvalidRoster, "people[0].states[0].state"),
            (r#"{"id":"a","tags":[""]}"#.into(), String::new(), ErrorCode::InvalidRoster, "people[0].tags[0]"),
            (r#"{"id":"a","birth_date":"1950-01-01","id_number":"11010519491231002X"}"#.into(), String::new(), ErrorCode::InvalidRoster, "people[0].birth_date"),
            (r#"{"id":"a","birth_date":"1950-02-30"}"#.into(), String::new(), ErrorCode::InvalidRoster, "people[0].birth_date"),
        ];
        for (people, assignments, code, entry) in cases {
            let e = roster(&people, &assignments).unwrap_err();
            assert_eq!(e.code(), code, "{people} {assignments}: {e}");
            assert!(e.to_string().contains(entry), "{people} {assignments}: {e}");
        }
    }

    #[test]
    fn format_is_checked() {
        let e = Roster::from_json(r#"{"format":2,"people":[],"new_thing":[]}"#).unwrap_err();
        assert_eq!(e.code(), ErrorCode::UnsupportedRosterVersion);
        let e = Roster::from_json(r#"{"people":[]}"#).unwrap_err();
        assert_eq!(e.code(), ErrorCode::InvalidRoster);
        let e = Roster::from_json(r#"{"format":1} x"#).unwrap_err();
        assert_eq!(e.code(), ErrorCode::InvalidRoster);
        for text in ["", "[1, [], []]", " 7"] {
            let e = Roster::from_json(text).unwrap_err();
            assert_eq!(e.code(), ErrorCode::InvalidRoster);
        }
        let e = Roster::from_value(&serde_json::json!([1, [], []])).unwrap_err();
        assert_eq!(e.code(), ErrorCode::InvalidRoster);
        let e = Roster::from_value(&serde_json::json!({"format": 3})).unwrap_err();
        assert_eq!(e.code(), ErrorCode::UnsupportedRosterVersion);
    }

    #[test]
    fn id_numbers_never_appear_in_errors() {
        let n = "11010519491231002X";
        for text in [
            format!(r#"{{"format":1,"people":[{{"id":"{n}"}},{{"id":"{n}"}}]}}"#),
            format!(
                r#"{{"format":1,"people":[],"assignments":[{{"person":"{n}","grid":"{G}","role":"grid_head","from":"2024-01-01"}}]}}"#
            ),
            format!(
                r#"{{"format":1,"people":[{{"id":"a","id_number":"{}1"}}]}}"#,
                &n[..17]
            ),
            format!(r#"{{"format":1,"people":[{{"id":"a","id_number":["{n}"]}}]}}"#),
            format!(r#"{{"format":1,"people":[{{"id":"a","phone":{{"{n}":1}}}}]}}"#),
            format!(r#"{{"format":1,"people":[{{"id":"a","party_member":"{n}"}}]}}"#),
            format!(r#"{{"format":1,"people":[{{"id":"a","id_number":{n}1}}]}}"#),
        ] {
            let e = Roster::from_json(&text).unwrap_err();
            assert!(!e.to_string().contains("19491231"), "{e}");
        }
    }

    #[test]
    fn scrub_masks_long_numbers() {
        assert_eq!(
            scrub("string \"11010519491231002X\", expected"),
            "string \"110*************2X\", expected"
        );
        assert_eq!(scrub("line 1 column 20"), "line 1 column 20");
        assert_eq!(scrub("13800000000"), "138******00");
        assert!(scrub(&"a".repeat(1000)).chars().count() <= 241);
    }

    #[test]
    fn bare_embedded_staff_takes_the_person_department() {
        let r = roster(
            r#"{"id":"a","department":"police"}"#,
            &format!(
                r#"{{"person":"a","grid":"{G}","role":"embedded_staff","from":"2024-01-01"}}"#
            ),
        )
        .unwrap();
        assert_eq!(r.assignments()[0].role.to_string(), "embedded_staff:police");
    }

    #[test]
    fn limits_apply() {
        let limits = RosterLimits {
            max_bytes: 10,
            ..RosterLimits::default()
        };
        let e = Roster::from_json_with_limits(r#"{"format":1,"people":[]}"#, &limits).unwrap_err();
        assert_eq!(e.code(), ErrorCode::InputTooLarge);
        let tags: Vec<String> = (0..300).map(|i| format!("\"t{i}\"")).collect();
        let e = roster(&format!(r#"{{"id":"a","tags":[{}]}}"#, tags.join(",")), "").unwrap_err();
        assert_eq!(e.code(), ErrorCode::InputTooLarge);
    }

    fn arb_roster() -> impl Strategy<Value = Roster> {
        let person = (
            0u8..40,
            any::<bool>(),
            any::<bool>(),
            proptest::collection::btree_set(0i64..2000, 0..4),
        );
        let assignment = (
            0u8..40,
            1u32..4,
            0usize..13,
            0i64..2000,
            proptest::option::of(1i64..800),
        );
        (
            proptest::collection::btree_map(0u8..40, person, 1..12),
            proptest::collection::vec(assignment, 0..30),
        )
            .prop_map(|(people, raw)| {
                let base = NaiveDate::from_ymd_opt(2020, 1, 1).unwrap();
                let day = |d: i64| base + chrono::Duration::days(d);
                let people: Vec<Person> = people
                    .into_iter()
                    .map(|(k, (_, party, full, states))| {
                        let mut p = Person::new(PersonId::new(&format!("p{k}")).unwrap());
                        p.party_member = party;
                        p.full_time = full;
                        p.states = states
                            .iter()
                            .enumerate()
                            .map(|(i, d)| StateChange {
                                state: PersonState::ALL[i % 4],
                                from: day(*d),
                            })
                            .collect();
                        p
                    })
                    .collect();
                let roles = [
                    "instructor",
                    "grid_head",
                    "grid_worker",
                    "part_time_worker",
                    "embedded_staff:police",
                    "police",
                    "mediator",
                    "safety_officer",
                    "informant",
                    "volunteer",
                    "assistant",
                    "party_assistant",
                    "business_instructor",
                ];
                let mut assignments: Vec<Assignment> = Vec::new();
                for (p, g, r, from, len) in raw {
                    let person = people[p as usize % people.len()].id.clone();
                    let grid = GridCode::parse(&format!("371323100201{g:03}")).unwrap();
                    let a = Assignment::new(
                        person,
                        grid,
                        roles[r].parse().unwrap(),
                        day(from),
                        len.map(|l| day(from + l)),
                    );
                    if !assignments.iter().any(|b| {
                        b.person == a.person
                            && b.grid == a.grid
                            && b.role == a.role
                            && a.overlaps(b)
                    }) {
                        assignments.push(a);
                    }
                }
                Roster::new(people, assignments).unwrap()
            })
    }

    proptest! {
        /// No panic on any text, a typed error otherwise (only that). Fuzz target beside
        /// it: `fuzz/fuzz_targets/roster.rs`.
        #[test]
        fn parser_never_panics(s in "\\PC{0,200}") {
            if let Err(e) = Roster::from_json(&s) {
                let _ = e.code();
            }
        }

        #[test]
        fn parser_never_panics_on_near_rosters(
            people in proptest::collection::vec(r#"\{"id":"[a-c]{0,2}"(,"tags":\["[a-z]{0,3}"\])?(,"states":\[\{"state":"(on_duty|left|x)","from":"202[0-4]-0[1-9]-[0-3][0-9]"\}\])?\}"#, 0..4),
            assignments in proptest::collection::vec(r#"\{"person":"[a-c]{1,2}","grid":"3713231002010[0-9][0-9]","role":"(grid_head|网格员|embedded_staff|x)","from":"202[0-4]-0[1-9]-[0-3][0-9]"(,"to":"202[0-5]-01-01")?\}"#, 0..4),
        ) {
            let text = format!(r#"{{"format":1,"people":[{}],"assignments":[{}]}}"#, people.join(","), assignments.join(","));
            match Roster::from_json(&text) {
                Ok(r) => prop_assert_eq!(Roster::from_json(&r.to_json()).unwrap(), r),
                Err(e) => { let _ = e.code(); }
            }
        }

        #[test]
        fn round_trips(r in arb_roster()) {
            let back = Roster::from_json(&r.to_json()).unwrap();
            prop_assert_eq!(&back, &r);
            let v: Value = serde_json::from_str(&r.to_json()).unwrap();
            prop_assert_eq!(Roster::from_value(&v).unwrap(), r);
        }

        #[test]
        fn holders_agree_with_a_brute_force_filter(r in arb_roster(), g in 1u32..4, probe in 0i64..3000, role in 0usize..3) {
            let grid = GridCode::parse(&format!("371323100201{g:03}")).unwrap();
            let date = NaiveDate::from_ymd_opt(2020, 1, 1).unwrap() + chrono::Duration::days(probe);
            let pattern: RolePattern = ["grid_head", "embedded_staff", "grid_worker"][role].parse().unwrap();
            let counting = [PersonState::OnDuty, PersonState::Seconded];
            let got: Vec<&Assignment> = r.holders(&grid, &pattern, date, &counting).iter().map(|h| h.assignment).collect();
            let want: Vec<&Assignment> = r.assignments().iter().filter(|a| {
                a.grid == grid && pattern.matches(&a.role) && a.from <= date && a.to.is_none_or(|t| date < t)
                    && r.person(&a.person).unwrap().state_on(date).is_some_and(|s| counting.contains(&s))
            }).collect();
            prop_assert_eq!(got, want);
        }
    }
}
