//! People on a roster: [`PersonId`], [`Person`] with tags and a state history
//! ([`StateChange`]), and resident ID numbers ([`IdNumber`], GB 11643 check digit).
//!
//! Personal data (names, phone numbers, ID numbers) may appear in rosters. ID numbers are
//! never printed in error messages, and their `Debug`/`Display` forms are masked.

use std::fmt;
use std::str::FromStr;

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize, Serializer};

use super::role::{Department, PersonState, string_serde};
use super::{StaffingError, role::short};
use crate::code::AdminCode;

/// Longest person id, in characters.
pub const MAX_PERSON_ID_CHARS: usize = 64;

/// A person's identifier on a roster (the host platform's staff id). 1–64 characters,
/// no control characters, no surrounding spaces.
///
/// ```
/// use wangge::staffing::PersonId;
/// let id: PersonId = "W-0001".parse()?;
/// assert_eq!(id.as_str(), "W-0001");
/// assert!(" x".parse::<PersonId>().is_err());
/// # Ok::<(), wangge::staffing::StaffingError>(())
/// ```
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct PersonId(String);

impl PersonId {
    /// Validates an id.
    pub fn new(id: &str) -> Result<PersonId, StaffingError> {
        let ok = !id.is_empty()
            && id.chars().count() <= MAX_PERSON_ID_CHARS
            && id.trim() == id
            && !id.chars().any(char::is_control);
        if ok {
            Ok(PersonId(id.to_string()))
        } else {
            Err(StaffingError::InvalidRoster {
                entry: String::new(),
                message: format!(
                    "invalid person id {}: 1–{MAX_PERSON_ID_CHARS} characters, no control characters or surrounding spaces",
                    masked_id(&short(id))
                ),
            })
        }
    }

    /// The id as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The id for messages: ids that look like resident ID numbers are masked
    /// (`371323********123X`), so that error messages never carry one.
    ///
    /// ```
    /// use wangge::staffing::PersonId;
    /// assert_eq!(PersonId::new("W-1")?.masked(), "\"W-1\"");
    /// assert_eq!(PersonId::new("11010519491231002X")?.masked(), "\"110105********002X\"");
    /// # Ok::<(), wangge::staffing::StaffingError>(())
    /// ```
    pub fn masked(&self) -> String {
        masked_id(&self.0)
    }
}

/// Quotes an id for a message, masking anything shaped like an ID number.
pub(crate) fn masked_id(id: &str) -> String {
    let b = id.as_bytes();
    let looks_like_id_number = (b.len() == 18
        && b[..17].iter().all(u8::is_ascii_digit)
        && (b[17].is_ascii_digit() || b[17] == b'X' || b[17] == b'x'))
        || (b.len() == 15 && b.iter().all(u8::is_ascii_digit));
    if looks_like_id_number {
        let n = b.len();
        format!("\"{}{}{}\"", &id[..6], "*".repeat(n - 10), &id[n - 4..])
    } else {
        format!("{id:?}")
    }
}

impl fmt::Display for PersonId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl fmt::Debug for PersonId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "PersonId({})", self.masked())
    }
}

impl FromStr for PersonId {
    type Err = StaffingError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        PersonId::new(s)
    }
}

string_serde!(PersonId);

/// A resident identity card number (公民身份号码, GB 11643-1999): 6-digit region code,
/// 8-digit birth date, 3-digit sequence and an ISO 7064 MOD 11-2 check character.
///
/// Parsing checks the length, the region's province, the birth date and the check
/// character. `Display` and `Debug` are masked; [`IdNumber::as_str`] gives the number.
///
/// ```
/// use wangge::staffing::IdNumber;
/// let n: IdNumber = "11010519491231002X".parse()?;
/// assert_eq!(n.birth_date().to_string(), "1949-12-31");
/// assert_eq!(n.to_string(), "110105********002X");
/// assert!("110105194912310021".parse::<IdNumber>().is_err()); // wrong check digit
/// # Ok::<(), wangge::staffing::StaffingError>(())
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct IdNumber([u8; 18]);

const WEIGHTS: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK: [u8; 11] = *b"10X98765432";

impl IdNumber {
    /// Parses and checks a number (a final `x` is read as `X`).
    pub fn parse(text: &str) -> Result<IdNumber, StaffingError> {
        let bad = |reason| StaffingError::InvalidIdNumber {
            entry: String::new(),
            reason,
        };
        let b = text.as_bytes();
        if b.len() != 18 {
            return Err(bad("must have 18 characters"));
        }
        if !b[..17].iter().all(u8::is_ascii_digit) {
            return Err(bad("the first 17 characters must be digits"));
        }
        let mut digits = [0u8; 18];
        digits.copy_from_slice(b);
        if digits[17] == b'x' {
            digits[17] = b'X';
        }
        if !(digits[17].is_ascii_digit() || digits[17] == b'X') {
            return Err(bad("the last character must be a digit or X"));
        }
        let region = std::str::from_utf8(&digits[..6]).unwrap_or("");
        if AdminCode::parse(region).is_err() {
            return Err(bad("the region code is not a valid division code"));
        }
        if Self::birth(&digits).is_none() {
            return Err(bad("the birth date is not a valid date"));
        }
        if digits[17] != Self::check_char(&digits) {
            return Err(bad("the check character does not match (GB 11643)"));
        }
        Ok(IdNumber(digits))
    }

    /// The check character for the first 17 digits of `digits`.
    fn check_char(digits: &[u8]) -> u8 {
        let sum: u32 = digits[..17]
            .iter()
            .zip(WEIGHTS)
            .map(|(&d, w)| u32::from(d - b'0') * w)
            .sum();
        CHECK[(sum % 11) as usize]
    }

    /// The check character GB 11643 gives for 17 leading digits, or `None` when `first17`
    /// is not 17 ASCII digits. Handy to build test data.
    ///
    /// ```
    /// assert_eq!(wangge::staffing::IdNumber::check_character("11010519491231002"), Some('X'));
    /// ```
    pub fn check_character(first17: &str) -> Option<char> {
        let b = first17.as_bytes();
        (b.len() == 17 && b.iter().all(u8::is_ascii_digit)).then(|| Self::check_char(b) as char)
    }

    fn birth(d: &[u8; 18]) -> Option<NaiveDate> {
        let n = |r: std::ops::Range<usize>| {
            d[r].iter().fold(0u32, |a, &c| a * 10 + u32::from(c - b'0'))
        };
        NaiveDate::from_ymd_opt(n(6..10) as i32, n(10..12), n(12..14))
    }

    /// The birth date the number carries.
    pub fn birth_date(&self) -> NaiveDate {
        // Checked on construction.
        Self::birth(&self.0).unwrap_or_default()
    }

    /// The full number. Handle with care: it is personal data.
    pub fn as_str(&self) -> &str {
        std::str::from_utf8(&self.0).unwrap_or("")
    }
}

impl fmt::Display for IdNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let s = self.as_str();
        write!(f, "{}********{}", &s[..6], &s[14..])
    }
}

impl fmt::Debug for IdNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "IdNumber({self})")
    }
}

impl FromStr for IdNumber {
    type Err = StaffingError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        IdNumber::parse(s)
    }
}

impl Serialize for IdNumber {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

/// From `from` on (inclusive), the person is in `state`, until the next change.
///
/// ```
/// use wangge::staffing::{PersonState, StateChange};
/// let c = StateChange { state: PersonState::OnLeave, from: "2024-03-01".parse().unwrap() };
/// assert_eq!(serde_json::to_string(&c).unwrap(), r#"{"state":"on_leave","from":"2024-03-01"}"#);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StateChange {
    /// The state.
    pub state: PersonState,
    /// First day in that state.
    pub from: NaiveDate,
}

/// A person on a roster.
///
/// Tags are qualifications and attributes (`"smartphone"`, `"township_cadre"` …). Three
/// tag names are answered from fields instead: `party_member` ([`Person::party_member`]),
/// `full_time` and `part_time` ([`Person::full_time`]).
///
/// The state history is a list of changes in date order; with no changes the person is
/// always on duty, and before the first change they are not yet in service (no state).
///
/// ```
/// use wangge::staffing::{Person, PersonState, StateChange};
/// let d = |s: &str| s.parse::<chrono::NaiveDate>().unwrap();
/// let mut p = Person::new("W-1".parse()?);
/// p.party_member = true;
/// p.tags.push("smartphone".into());
/// p.states = vec![
///     StateChange { state: PersonState::OnDuty, from: d("2020-01-01") },
///     StateChange { state: PersonState::OnLeave, from: d("2024-03-01") },
/// ];
/// assert!(p.has_tag("party_member") && p.has_tag("smartphone") && p.has_tag("part_time"));
/// assert_eq!(p.state_on(d("2019-12-31")), None);
/// assert_eq!(p.state_on(d("2024-02-29")), Some(PersonState::OnDuty));
/// assert_eq!(p.state_on(d("2030-01-01")), Some(PersonState::OnLeave));
/// # Ok::<(), wangge::staffing::StaffingError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Person {
    /// The person's id.
    pub id: PersonId,
    /// Name (personal data).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Phone number (personal data).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
    /// Resident ID number (personal data; validated; never printed in errors).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id_number: Option<IdNumber>,
    /// Birth date; when absent, taken from the ID number.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub birth_date: Option<NaiveDate>,
    /// Member of the Communist Party of China (党员).
    #[serde(skip_serializing_if = "is_false")]
    pub party_member: bool,
    /// Full-time (专职) rather than part-time (兼职).
    #[serde(skip_serializing_if = "is_false")]
    pub full_time: bool,
    /// Home department; a bare `embedded_staff` assignment takes this department.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub department: Option<Department>,
    /// Other tags (qualifications, attributes).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
    /// State history, in date order.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub states: Vec<StateChange>,
}

fn is_false(b: &bool) -> bool {
    !*b
}

impl Person {
    /// A person with only an id: part-time, not a party member, always on duty.
    pub fn new(id: PersonId) -> Person {
        Person {
            id,
            name: None,
            phone: None,
            id_number: None,
            birth_date: None,
            party_member: false,
            full_time: false,
            department: None,
            tags: Vec::new(),
            states: Vec::new(),
        }
    }

    /// Whether the person has a tag (see the type's documentation for the three tags
    /// answered from fields).
    pub fn has_tag(&self, tag: &str) -> bool {
        match tag {
            "party_member" => self.party_member,
            "full_time" => self.full_time,
            "part_time" => !self.full_time,
            _ => self.tags.iter().any(|t| t == tag),
        }
    }

    /// The person's state on `date`: `None` before their first recorded state.
    pub fn state_on(&self, date: NaiveDate) -> Option<PersonState> {
        if self.states.is_empty() {
            return Some(PersonState::OnDuty);
        }
        let n = self.states.partition_point(|c| c.from <= date);
        n.checked_sub(1).map(|i| self.states[i].state)
    }

    /// The birth date: as given, else from the ID number.
    ///
    /// ```
    /// use wangge::staffing::Person;
    /// let mut p = Person::new("a".parse()?);
    /// p.id_number = Some("11010519491231002X".parse()?);
    /// assert_eq!(p.effective_birth_date().unwrap().to_string(), "1949-12-31");
    /// assert_eq!(p.id_number.unwrap().as_str(), "11010519491231002X");
    /// # Ok::<(), wangge::staffing::StaffingError>(())
    /// ```
    pub fn effective_birth_date(&self) -> Option<NaiveDate> {
        self.birth_date
            .or_else(|| self.id_number.map(|n| n.birth_date()))
    }

    /// Age in completed years on `date` (`None` when the birth date is unknown or later).
    ///
    /// ```
    /// use wangge::staffing::Person;
    /// let mut p = Person::new("a".parse()?);
    /// p.birth_date = Some("2000-02-29".parse().unwrap());
    /// assert_eq!(p.age_on("2018-02-28".parse().unwrap()), Some(17));
    /// assert_eq!(p.age_on("2018-03-01".parse().unwrap()), Some(18));
    /// # Ok::<(), wangge::staffing::StaffingError>(())
    /// ```
    pub fn age_on(&self, date: NaiveDate) -> Option<u32> {
        let b = self.effective_birth_date()?;
        if b > date {
            return None;
        }
        let mut years = date.year() - b.year();
        if (date.month(), date.day()) < (b.month(), b.day()) {
            years -= 1;
        }
        u32::try_from(years).ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn id_number_errors_never_show_the_number() {
        let cases = [
            "11010519491231002",
            "1101051949123100211",
            "11010519491231002Y",
            "A1010519491231002X",
            "990105194912310021",
            "110105194913310021",
            "110105194912310021",
        ];
        for c in cases {
            let e = c.parse::<IdNumber>().unwrap_err();
            assert_eq!(e.code(), crate::ErrorCode::InvalidIdNumber);
            assert!(!e.to_string().contains(&c[..14]), "{e}");
        }
        let lower: IdNumber = "11010519491231002x".parse().unwrap();
        assert_eq!(lower.as_str(), "11010519491231002X");
        assert!(!format!("{lower:?}").contains("19491231"));
    }

    #[test]
    fn masked_ids() {
        assert_eq!(masked_id("371323199001011234"), "\"371323********1234\"");
        assert_eq!(masked_id("371323900101123"), "\"371323*****1123\"");
        assert_eq!(masked_id("张三"), "\"张三\"");
        let id = PersonId::new("371323199001011234").unwrap();
        assert!(!format!("{id:?}").contains("19900101"));
    }

    proptest! {
        #[test]
        fn any_valid_number_parses_and_any_changed_digit_fails(
            seq in 0u32..1000, days in 0i64..40_000, pos in 0usize..17, delta in 1u8..10,
        ) {
            let birth = NaiveDate::from_ymd_opt(1920, 1, 1).unwrap() + chrono::Days::new(days as u64);
            let first17 = format!("371323{}{:03}", birth.format("%Y%m%d"), seq);
            let check = IdNumber::check_character(&first17).unwrap();
            let text = format!("{first17}{check}");
            let n: IdNumber = text.parse().unwrap();
            prop_assert_eq!(n.birth_date(), birth);
            prop_assert_eq!(n.as_str(), text.as_str());
            // MOD 11-2 catches every single-digit substitution.
            let mut b = text.into_bytes();
            b[pos] = b'0' + (b[pos] - b'0' + delta) % 10;
            let changed = String::from_utf8(b).unwrap();
            prop_assert!(changed.parse::<IdNumber>().is_err());
        }

        /// No panic on any text (only that). Fuzz target beside it:
        /// `fuzz/fuzz_targets/id_number.rs`.
        #[test]
        fn id_number_parser_never_panics(s in "\\PC{0,24}") {
            let _ = s.parse::<IdNumber>();
        }

        #[test]
        fn state_on_is_the_last_change_not_after_the_date(
            offsets in proptest::collection::btree_set(0i64..3000, 0..6), probe in -10i64..3100
        ) {
            let base = NaiveDate::from_ymd_opt(2020, 1, 1).unwrap();
            let mut p = Person::new("x".parse().unwrap());
            p.states = offsets.iter().enumerate().map(|(i, o)| StateChange {
                state: PersonState::ALL[i % 4],
                from: base + chrono::Duration::days(*o),
            }).collect();
            let date = base + chrono::Duration::days(probe);
            let want = if p.states.is_empty() {
                Some(PersonState::OnDuty)
            } else {
                p.states.iter().rev().find(|c| c.from <= date).map(|c| c.state)
            };
            prop_assert_eq!(p.state_on(date), want);
        }
    }
}
