//! The common inputs of the JSON operations, said one way everywhere.
//!
//! * **A policy** ([`PolicySource`]): the field `"policy"`, a bundled preset id
//!   (`"seed003"`), the policy as TOML or JSON text, or the policy as an inline JSON object.
//! * **Dates** (`"YYYY-MM-DD"`, [`date`]) and **instants** (RFC 3339 with an offset,
//!   [`instant`]): one parser each, and one error code for a bad one, `invalid_date_time`,
//!   wherever the date sits in the input.
//! * **Points with a CRS** ([`PointIn`]): `{"lon", "lat", "crs"?}`, `crs` one of `wgs84`
//!   (default), `gcj02`, `bd09`; an unknown CRS is `unknown_crs`, a bad coordinate
//!   `invalid_coordinate`.
//! * **Unit codes** ([`grid_code`]): a grid code string; a bad one is `invalid_grid_code`.
//!
//! Field-level errors other than `invalid_json` travel through serde as tagged messages
//! that [`crate::api::parse`] turns back into their [`ErrorCode`].
//!
//! ```
//! use serde_json::json;
//! let e = wangge::api::call("admission.list", &json!({"policy": "seed000", "on": "2019-02-30"}))
//!     .unwrap_err();
//! assert_eq!(e.code(), wangge::ErrorCode::InvalidDateTime);
//! # Ok::<(), wangge::Error>(())
//! ```

use chrono::{DateTime, FixedOffset, NaiveDate};
use serde::{Deserialize, Deserializer, Serialize, de};
use serde_json::{Map, Value};

use crate::error::{Error, ErrorCode};
use crate::geo::{Crs, Point};
use crate::policy::{PRESETS, Policy};

const TAG_OPEN: &str = "\u{27e6}wangge:";
const TAG_CLOSE: &str = "\u{27e7} ";

/// A serde error carrying an [`ErrorCode`] that [`untag`] recovers.
pub(crate) fn tagged<E: de::Error>(code: ErrorCode, message: impl std::fmt::Display) -> E {
    E::custom(format!("{TAG_OPEN}{}{TAG_CLOSE}{message}", code.name()))
}

/// The error of a failed deserialization: the tagged code when there is one, else
/// `invalid_json`.
pub(crate) fn untag(message: &str) -> Error {
    if let Some(start) = message.find(TAG_OPEN) {
        let rest = &message[start + TAG_OPEN.len()..];
        if let Some(end) = rest.find(TAG_CLOSE) {
            let name = &rest[..end];
            if let Some(code) = ErrorCode::ALL.iter().find(|c| c.name() == name) {
                let text = format!("{}{}", &message[..start], &rest[end + TAG_CLOSE.len()..]);
                return Error::input(*code, text);
            }
        }
    }
    Error::input(ErrorCode::InvalidJson, message)
}

/// Where a policy comes from: the `"policy"` field of an operation's input.
///
/// * a string that is a bare word (letters, digits, `_`, `-`; at most 64) or a bundled
///   preset id: the preset (`"seed003"`);
/// * any other string: the policy as TOML or JSON text;
/// * an object: the policy file as inline JSON.
///
/// ```
/// use wangge::api::args::PolicySource;
/// let p: PolicySource = serde_json::from_str(r#""seed002""#).unwrap();
/// assert_eq!(p.load()?.id, "seed002");
/// let text = PolicySource::Text("format = 1\nid = 'x'\nname = 'x'\nversion = '1'".into());
/// assert_eq!(text.load()?.id, "x");
/// # Ok::<(), wangge::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum PolicySource {
    /// A preset id or policy text (TOML or JSON).
    Text(String),
    /// The policy file as a JSON object.
    Inline(Map<String, Value>),
}

impl PolicySource {
    /// Whether a text names a preset rather than holding a policy.
    fn is_preset_id(text: &str) -> bool {
        let bare = !text.is_empty()
            && text.len() <= 64
            && text
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
        bare || PRESETS.iter().any(|(id, _)| *id == text)
    }

    /// Loads and validates the policy. Errors: `unknown_preset`, `invalid_policy`.
    pub fn load(&self) -> Result<Policy, Error> {
        Ok(match self {
            PolicySource::Text(t) if Self::is_preset_id(t) => Policy::preset(t)?,
            PolicySource::Text(t) => Policy::from_str_auto(t)?,
            PolicySource::Inline(m) => {
                Policy::from_json_str(&Value::Object(m.clone()).to_string())?
            }
        })
    }

    /// Loads the policy when a source is given.
    pub fn load_opt(source: Option<&PolicySource>) -> Result<Option<Policy>, Error> {
        source.map(PolicySource::load).transpose()
    }
}

/// Parses a date `YYYY-MM-DD` (years 1901–2199); a bad one is `invalid_date_time`, a year
/// outside the range `out_of_range`.
///
/// ```
/// use wangge::api::args::parse_date;
/// assert_eq!(parse_date("2026-02-14")?.to_string(), "2026-02-14");
/// assert_eq!(parse_date("2026-02-30").unwrap_err().code(), wangge::ErrorCode::InvalidDateTime);
/// # Ok::<(), wangge::Error>(())
/// ```
pub fn parse_date(text: &str) -> Result<NaiveDate, Error> {
    crate::calendar::api::parse_day(text).map_err(Error::from)
}

/// Parses an RFC 3339 instant with an offset; a bad one is `invalid_date_time`.
///
/// ```
/// use wangge::api::args::parse_instant;
/// assert!(parse_instant("2026-02-14T08:30:00+08:00").is_ok());
/// assert_eq!(parse_instant("2026-02-14 08:30").unwrap_err().code(), wangge::ErrorCode::InvalidDateTime);
/// ```
pub fn parse_instant(text: &str) -> Result<DateTime<FixedOffset>, Error> {
    crate::calendar::api::parse_instant(text).map_err(Error::from)
}

/// Serde helpers for a `YYYY-MM-DD` field (`#[serde(with = "crate::api::args::date")]`):
/// a bad date fails with `invalid_date_time`.
pub mod date {
    use super::*;

    /// Reads a date.
    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<NaiveDate, D::Error> {
        let s = String::deserialize(d)?;
        super::parse_date(&s).map_err(|e| tagged(e.code(), e))
    }

    /// Writes a date.
    pub fn serialize<S: serde::Serializer>(v: &NaiveDate, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(v)
    }

    /// The same for an optional date (use with `#[serde(default)]`).
    pub mod option {
        use super::*;

        /// Reads an optional date.
        pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<NaiveDate>, D::Error> {
            match Option::<String>::deserialize(d)? {
                None => Ok(None),
                Some(s) => super::super::parse_date(&s)
                    .map(Some)
                    .map_err(|e| tagged(e.code(), e)),
            }
        }

        /// Writes an optional date.
        pub fn serialize<S: serde::Serializer>(
            v: &Option<NaiveDate>,
            s: S,
        ) -> Result<S::Ok, S::Error> {
            match v {
                Some(d) => s.collect_str(d),
                None => s.serialize_none(),
            }
        }
    }
}

/// Serde helpers for an RFC 3339 instant field: a bad instant fails with
/// `invalid_date_time`. Written with whole seconds.
pub mod instant {
    use super::*;

    /// Reads an instant.
    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<DateTime<FixedOffset>, D::Error> {
        let s = String::deserialize(d)?;
        super::parse_instant(&s).map_err(|e| tagged(e.code(), e))
    }

    /// Writes an instant.
    pub fn serialize<S: serde::Serializer>(
        v: &DateTime<FixedOffset>,
        s: S,
    ) -> Result<S::Ok, S::Error> {
        s.serialize_str(&crate::calendar::api::format_instant(v))
    }
}

/// Serde helpers for an optional RFC 3339 instant field
/// (`#[serde(default, with = "crate::api::args::instant_option")]`): a bad instant fails
/// with `invalid_date_time`.
pub mod instant_option {
    use super::*;

    /// Reads an optional instant.
    pub fn deserialize<'de, D: Deserializer<'de>>(
        d: D,
    ) -> Result<Option<DateTime<FixedOffset>>, D::Error> {
        match Option::<String>::deserialize(d)? {
            None => Ok(None),
            Some(s) => super::parse_instant(&s)
                .map(Some)
                .map_err(|e| tagged(e.code(), e)),
        }
    }

    /// Writes an optional instant.
    pub fn serialize<S: serde::Serializer>(
        v: &Option<DateTime<FixedOffset>>,
        s: S,
    ) -> Result<S::Ok, S::Error> {
        match v {
            Some(t) => s.serialize_str(&crate::calendar::api::format_instant(t)),
            None => s.serialize_none(),
        }
    }
}

/// Serde helper for a grid code field: a bad code fails with `invalid_grid_code` (or the
/// code parser's own error).
pub mod grid_code {
    use super::*;
    use crate::code::GridCode;

    /// Reads a grid code.
    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<GridCode, D::Error> {
        let s = String::deserialize(d)?;
        GridCode::parse(&s).map_err(|e| {
            let e = Error::from(e);
            tagged(e.code(), e)
        })
    }
}

/// Serde helper for a CRS field: an unknown name fails with `unknown_crs`.
pub mod crs {
    use super::*;

    /// Reads an optional CRS name (`wgs84`, `gcj02`, `bd09`, …); absent is WGS84.
    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Crs, D::Error> {
        match Option::<String>::deserialize(d)? {
            None => Ok(Crs::Wgs84),
            Some(s) => s.parse::<Crs>().map_err(|e| {
                let e = Error::from(e);
                tagged(e.code(), e)
            }),
        }
    }
}

/// A point as an operation takes it: `{"lon", "lat", "crs"?}`.
///
/// ```
/// use wangge::api::args::PointIn;
/// let p: PointIn = serde_json::from_str(r#"{"lon": 118.5, "lat": 35.8, "crs": "gcj02"}"#).unwrap();
/// assert!(p.to_wgs84()?.lon < 118.5);
/// # Ok::<(), wangge::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PointIn {
    /// Longitude, east positive.
    pub lon: f64,
    /// Latitude, north positive.
    pub lat: f64,
    /// The CRS of the coordinates. Defaults to WGS84.
    #[serde(default, deserialize_with = "crs::deserialize")]
    pub crs: Crs,
}

impl PointIn {
    /// The point in WGS84, checked (`invalid_coordinate`).
    pub fn to_wgs84(&self) -> Result<Point, Error> {
        Ok(self.crs.to_wgs84(Point::new(self.lon, self.lat))?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_round_trip_to_their_code() {
        let e: serde_json::Error = tagged(ErrorCode::InvalidDateTime, "on: bad");
        let back = untag(&e.to_string());
        assert_eq!(back.code(), ErrorCode::InvalidDateTime);
        assert_eq!(back.to_string(), "on: bad");
        assert_eq!(untag("missing field `on`").code(), ErrorCode::InvalidJson);
    }

    #[test]
    fn policy_sources() {
        let id: PolicySource = serde_json::from_str("\"seed001\"").unwrap();
        assert_eq!(id.load().unwrap().id, "seed001");
        let unknown = PolicySource::Text("seed999".into());
        assert_eq!(unknown.load().unwrap_err().code(), ErrorCode::UnknownPreset);
        let bad = PolicySource::Text("format = ".into());
        assert_eq!(bad.load().unwrap_err().code(), ErrorCode::InvalidPolicy);
        let inline: PolicySource = serde_json::from_value(serde_json::json!({
            "format": 1, "id": "y", "name": "y", "version": "1"}))
        .unwrap();
        assert_eq!(inline.load().unwrap().id, "y");
        assert!(serde_json::from_str::<PolicySource>("5").is_err());
    }

    #[test]
    fn points_check_crs_and_range() {
        let bad_crs: Result<PointIn, _> =
            serde_json::from_str(r#"{"lon": 1, "lat": 2, "crs": "mercator"}"#);
        assert_eq!(
            untag(&bad_crs.unwrap_err().to_string()).code(),
            ErrorCode::UnknownCrs
        );
        let far: PointIn = serde_json::from_str(r#"{"lon": 1, "lat": 95}"#).unwrap();
        assert_eq!(
            far.to_wgs84().unwrap_err().code(),
            ErrorCode::InvalidCoordinate
        );
    }
}
