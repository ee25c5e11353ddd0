//! The snake_case names of the record enums, for the CSV writer and reader.

use serde::Deserialize;
use serde::de::value::{BorrowedStrDeserializer, Error as ValueError};

use super::{CaseClass, CaseStatus, Rating, Source, Supervision, Tier, Urgency};

/// Parses an enum from its serde name (or an alias), as JSON would.
pub(crate) fn parse_name<'a, T: Deserialize<'a>>(s: &'a str) -> Result<T, String> {
    T::deserialize(BorrowedStrDeserializer::<ValueError>::new(s)).map_err(|e| e.to_string())
}

macro_rules! names {
    ($t:ty { $($v:ident => $n:literal),* $(,)? }) => {
        impl $t {
            /// The snake_case name (as in JSON and CSV).
            pub const fn as_str(self) -> &'static str {
                match self { $( <$t>::$v => $n, )* }
            }

            /// The variant of a snake_case name (not the aliases; see the serde names).
            pub(crate) fn from_name(s: &str) -> Option<$t> {
                match s { $( $n => Some(<$t>::$v), )* _ => None }
            }
        }
    };
}

names!(Urgency { Routine => "routine", Important => "important", Urgent => "urgent" });
names!(Tier { T1 => "t1", T2 => "t2", T3 => "t3", T4 => "t4" });
names!(CaseClass { Event => "event", Component => "component" });
names!(Source {
    Patrol => "patrol", Resident => "resident", Hotline => "hotline",
    Sensor => "sensor", Department => "department", Leader => "leader",
});
names!(CaseStatus {
    Reported => "reported", Accepted => "accepted", Assigned => "assigned",
    InProgress => "in_progress", Resolved => "resolved", Closed => "closed",
    Suspended => "suspended", Voided => "voided", Merged => "merged",
});
names!(Supervision { None => "none", Normal => "normal", Yellow => "yellow", Red => "red" });
names!(Rating {
    Satisfied => "satisfied", BasicallySatisfied => "basically_satisfied",
    Unsatisfied => "unsatisfied",
});

#[cfg(test)]
mod tests {
    use super::*;

    /// `as_str` agrees with serde's name for every variant (the JSON spelling).
    #[test]
    fn names_match_serde() {
        fn check<T: serde::Serialize>(v: T, name: &str) {
            assert_eq!(serde_json::to_value(v).unwrap(), name);
        }
        for v in [Urgency::Routine, Urgency::Important, Urgency::Urgent] {
            check(v, v.as_str());
            assert_eq!(parse_name::<Urgency>(v.as_str()), Ok(v));
        }
        for v in [Tier::T1, Tier::T2, Tier::T3, Tier::T4] {
            check(v, v.as_str());
        }
        for v in [CaseClass::Event, CaseClass::Component] {
            check(v, v.as_str());
        }
        use Source::*;
        for v in [Patrol, Resident, Hotline, Sensor, Department, Leader] {
            check(v, v.as_str());
        }
        use CaseStatus::*;
        for v in [
            Reported, Accepted, Assigned, InProgress, Resolved, Closed, Suspended, Voided, Merged,
        ] {
            check(v, v.as_str());
            assert_eq!(parse_name::<CaseStatus>(v.as_str()), Ok(v));
            assert_eq!(CaseStatus::from_name(v.as_str()), Some(v));
        }
        for v in [
            Supervision::None,
            Supervision::Normal,
            Supervision::Yellow,
            Supervision::Red,
        ] {
            check(v, v.as_str());
        }
        for v in [
            Rating::Satisfied,
            Rating::BasicallySatisfied,
            Rating::Unsatisfied,
        ] {
            check(v, v.as_str());
        }
        assert_eq!(parse_name::<Urgency>("重要紧急"), Ok(Urgency::Urgent));
        assert!(parse_name::<Urgency>("soon").is_err());
    }
}
