//! The byte cap on JSON crossing a binding: every JSON text (or value) a binding hands to
//! the core is measured against [`Limits::max_json_bytes`] before it is parsed, and a larger
//! one is `input_too_large` naming the limit. The bindings read their text through
//! [`call_text`] and [`parse_text`] (or check a value they built with
//! [`Limits::check_value`]), so no binding repeats the rule.
//!
//! ```
//! use wangge::api::{Limits, call_text_with};
//! let input = r#"{"code":"371323100201007"}"#; // 26 bytes
//! let small = Limits { max_json_bytes: 26 };
//! let out = call_text_with(&small, "code.parse", input)?;
//! assert!(out.contains("\"kind\":\"grid\""));
//! let e = call_text_with(&small, "code.parse", &format!("{input} ")).unwrap_err();
//! assert_eq!(e.code(), wangge::ErrorCode::InputTooLarge);
//! # Ok::<(), wangge::Error>(())
//! ```

use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::Value;

use crate::error::{Error, ErrorCode};

/// The default cap of one JSON text crossing a binding: 1 GiB, the CLI's cap on a grid layer
/// (about three times a 200,000-grid province).
pub const MAX_JSON_BYTES: usize = 1 << 30;

/// Caps on JSON crossing a binding.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// The longest JSON text accepted, in bytes (default [`MAX_JSON_BYTES`]).
    pub max_json_bytes: usize,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            max_json_bytes: MAX_JSON_BYTES,
        }
    }
}

impl Limits {
    /// Checks the length of a text (in bytes) before it is read: `input_too_large` naming
    /// the limit when it is longer. `what` names the argument in the message.
    ///
    /// ```
    /// let e = wangge::api::Limits { max_json_bytes: 4 }.check_len("input", 5).unwrap_err();
    /// assert_eq!(e.code(), wangge::ErrorCode::InputTooLarge);
    /// assert!(e.to_string().contains("limit of 4 bytes"));
    /// ```
    pub fn check_len(&self, what: &str, len: usize) -> Result<(), Error> {
        if len > self.max_json_bytes {
            return Err(Error::input(
                ErrorCode::InputTooLarge,
                format!(
                    "{what}: {len} bytes of JSON is larger than the limit of {} bytes \
                     (wangge::api::MAX_JSON_BYTES)",
                    self.max_json_bytes
                ),
            ));
        }
        Ok(())
    }

    /// Checks the size of a value a binding built itself (from a JS object, say): its
    /// compact JSON text may not exceed the cap. Counting stops one byte past the cap, so a
    /// huge value costs no more than the cap to measure and nothing is allocated.
    pub fn check_value(&self, what: &str, value: &Value) -> Result<(), Error> {
        let mut counter = Counter {
            n: 0,
            limit: self.max_json_bytes,
        };
        match value.serialize(&mut serde_json::Serializer::new(&mut counter)) {
            Ok(()) => Ok(()),
            Err(_) if counter.n > self.max_json_bytes => Err(Error::input(
                ErrorCode::InputTooLarge,
                format!(
                    "{what}: the JSON is larger than the limit of {} bytes \
                     (wangge::api::MAX_JSON_BYTES)",
                    self.max_json_bytes
                ),
            )),
            Err(e) => Err(Error::input(ErrorCode::Internal, e.to_string())),
        }
    }

    /// Parses a JSON text into `T` after checking its length ([`Limits::check_len`]); a bad
    /// text is `invalid_json`, or the code a field reader gives (see [`crate::api::parse`]).
    pub fn parse_text<T: DeserializeOwned>(&self, what: &str, text: &str) -> Result<T, Error> {
        self.check_len(what, text.len())?;
        let value: Value = serde_json::from_str(text)
            .map_err(|e| Error::input(ErrorCode::InvalidJson, format!("{what}: {e}")))?;
        crate::api::parse(&value)
    }
}

/// A writer that only counts, failing once past its limit.
struct Counter {
    n: usize,
    limit: usize,
}

impl std::io::Write for Counter {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.n = self.n.saturating_add(buf.len());
        if self.n > self.limit {
            return Err(std::io::Error::other("over the limit"));
        }
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// Parses a JSON text a binding received into `T`, within the default [`Limits`].
///
/// ```
/// let v: serde_json::Value = wangge::api::parse_text("options", r#"{"a": 1}"#)?;
/// assert_eq!(v["a"], 1);
/// # Ok::<(), wangge::Error>(())
/// ```
pub fn parse_text<T: DeserializeOwned>(what: &str, text: &str) -> Result<T, Error> {
    Limits::default().parse_text(what, text)
}

/// Runs one operation by name on a JSON text within the default [`Limits`]: JSON text in,
/// JSON text out. What the bindings' generic and per-op entry points call.
///
/// ```
/// let out = wangge::api::call_text("code.parse", r#"{"code":"371323"}"#)?;
/// assert!(out.contains("\"level\":\"county\""));
/// # Ok::<(), wangge::Error>(())
/// ```
pub fn call_text(op: &str, text: &str) -> Result<String, Error> {
    call_text_with(&Limits::default(), op, text)
}

/// [`call_text`] within the given limits.
pub fn call_text_with(limits: &Limits, op: &str, text: &str) -> Result<String, Error> {
    let input: Value = limits.parse_text("input", text)?;
    Ok(crate::api::call(op, &input)?.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    const INPUT: &str = r#"{"code":"371323100201007"}"#;

    #[test]
    fn a_text_one_byte_over_the_cap_is_input_too_large() {
        let at = Limits {
            max_json_bytes: INPUT.len(),
        };
        let out = call_text_with(&at, "code.parse", INPUT).unwrap();
        let v: Value = serde_json::from_str(&out).unwrap();
        assert_eq!(v["community"], "371323100201");
        let below = Limits {
            max_json_bytes: INPUT.len() - 1,
        };
        let e = call_text_with(&below, "code.parse", INPUT).unwrap_err();
        assert_eq!(e.code(), ErrorCode::InputTooLarge);
        assert!(
            e.to_string()
                .contains(&format!("limit of {} bytes", INPUT.len() - 1)),
            "{e}"
        );
        assert!(e.to_string().contains("MAX_JSON_BYTES"), "{e}");
        // The cap comes before parsing: an over-long text that is not JSON is still too large.
        let e = call_text_with(&below, "code.parse", &"{".repeat(INPUT.len())).unwrap_err();
        assert_eq!(e.code(), ErrorCode::InputTooLarge);
    }

    #[test]
    fn values_are_measured_as_their_compact_text() {
        let v: Value = serde_json::from_str(INPUT).unwrap();
        let n = v.to_string().len();
        assert_eq!(n, INPUT.len());
        let ok = Limits { max_json_bytes: n };
        ok.check_value("input", &v).unwrap();
        let e = Limits {
            max_json_bytes: n - 1,
        }
        .check_value("input", &v)
        .unwrap_err();
        assert_eq!(e.code(), ErrorCode::InputTooLarge);
        // A value far larger than the cap: counting stops at the cap.
        let big = Value::from(vec![Value::from("x".repeat(1000)); 1000]);
        let e = Limits { max_json_bytes: 10 }
            .check_value("input", &big)
            .unwrap_err();
        assert_eq!(e.code(), ErrorCode::InputTooLarge);
    }

    #[test]
    fn the_default_cap_is_documented_and_bad_text_is_invalid_json() {
        assert_eq!(Limits::default().max_json_bytes, MAX_JSON_BYTES);
        assert_eq!(MAX_JSON_BYTES, 1 << 30);
        let e = call_text("code.parse", "{").unwrap_err();
        assert_eq!(e.code(), ErrorCode::InvalidJson);
        let e = parse_text::<crate::api::CodeParseIn>("options", r#"{"code":1}"#).unwrap_err();
        assert_eq!(e.code(), ErrorCode::InvalidJson);
        let e = Limits::default()
            .check_len("input", MAX_JSON_BYTES + 1)
            .unwrap_err();
        assert_eq!(e.code(), ErrorCode::InputTooLarge);
        Limits::default()
            .check_len("input", MAX_JSON_BYTES)
            .unwrap();
    }
}
