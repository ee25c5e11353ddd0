//! The machinery of the operation table: the [`ops!`] declaration macro, the per-op
//! metadata [`OpInfo`] and the typed runner.

use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::Value;

use crate::error::{Error, ErrorCode};

/// What the table knows of one operation. Bindings generate their per-op functions from
/// [`crate::api::OP_INFO`] (`cargo xtask bless`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OpInfo {
    /// The operation name, `<module>.<verb>` (`"calendar.add"`).
    pub name: &'static str,
    /// One line saying what it does.
    pub doc: &'static str,
    /// The Rust name of its input type (in the module's `api`).
    pub input: &'static str,
    /// The Rust name of its output type.
    pub output: &'static str,
    /// The Rust path of its function, from the crate root (`"calendar::api::add"`).
    pub function: &'static str,
}

impl OpInfo {
    /// The module part of the name (`"calendar"`).
    ///
    /// ```
    /// let op = wangge::api::OP_INFO.iter().find(|o| o.name == "calendar.next_working").unwrap();
    /// assert_eq!((op.module(), op.verb()), ("calendar", "next_working"));
    /// ```
    pub fn module(&self) -> &'static str {
        self.name.split_once('.').map_or(self.name, |(m, _)| m)
    }

    /// The verb part of the name (`"next_working"`).
    pub fn verb(&self) -> &'static str {
        self.name.split_once('.').map_or("", |(_, v)| v)
    }

    /// The metadata as JSON: `{"name", "module", "verb", "doc", "input", "output",
    /// "function"}` (what the binding generators read).
    pub fn to_json(&self) -> Value {
        serde_json::json!({
            "name": self.name,
            "module": self.module(),
            "verb": self.verb(),
            "doc": self.doc,
            "input": self.input,
            "output": self.output,
            "function": self.function,
        })
    }
}

/// Runs a typed operation on a JSON input: deserializes `In` (a bad field is
/// `invalid_json`, or the field's own code such as `invalid_date_time`), calls `f`, and
/// serializes `Out`.
pub(crate) fn run<I: DeserializeOwned, O: Serialize>(
    f: fn(I) -> Result<O, Error>,
    input: &Value,
) -> Result<Value, Error> {
    let i: I = crate::api::parse(input)?;
    let out = f(i)?;
    serde_json::to_value(out).map_err(|e| Error::input(ErrorCode::Internal, e.to_string()))
}

pub(crate) fn unknown_op(op: &str) -> Result<Value, Error> {
    Err(Error::input(
        ErrorCode::InvalidArgument,
        format!(
            "unknown operation {:?}",
            op.chars().take(60).collect::<String>()
        ),
    ))
}

/// Declares the operation table: one entry per op,
///
/// ```text
/// /// One line saying what it does.
/// "module.verb" => path::to::api::{function: InputType -> OutputType},
/// ```
///
/// with entries sorted by name. It yields [`crate::api::OPS`], [`crate::api::OP_INFO`] and
/// [`crate::api::call`]; each function is a plain `fn(In) -> Result<Out, Error>`.
macro_rules! ops {
    ($(
        $(#[doc = $doc:literal])+
        $name:literal => $($m:ident)::+ :: { $f:ident : $in:ident -> $out:ident }
    ),+ $(,)?) => {
        /// Every operation name, sorted.
        pub const OPS: &[&str] = &[$($name),+];

        /// Every operation's metadata, in the order of [`OPS`].
        pub const OP_INFO: &[$crate::api::OpInfo] = &[$(
            $crate::api::OpInfo {
                name: $name,
                doc: concat!($($doc),+),
                input: stringify!($in),
                output: stringify!($out),
                function: concat!($(stringify!($m), "::",)+ stringify!($f)),
            }
        ),+];

        /// Runs one operation by name on a JSON input.
        pub fn call(op: &str, input: &serde_json::Value) -> Result<serde_json::Value, $crate::Error> {
            // Type-checks every entry: the function takes `In` and returns `Out`.
            $(const _: fn($crate::$($m)::+::$in) -> Result<$crate::$($m)::+::$out, $crate::Error> =
                $crate::$($m)::+::$f;)+
            match op {
                $($name => $crate::api::table::run($crate::$($m)::+::$f, input),)+
                _ => $crate::api::table::unknown_op(op),
            }
        }
    };
}

pub(crate) use ops;
