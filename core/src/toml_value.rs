//! TOML files read the way JSON files are: first to a JSON value, then to the typed file.
//!
//! Every TOML file the library reads (policies, calendar files, admission lists, the
//! scoring library) is parsed by [`parse`] into a [`serde_json::Value`] and then
//! deserialized by [`typed`], which names the field that failed (`grid.sliver_tolerance_m:
//! invalid type …`). The file types are so deserialized from one value type only, whatever
//! the syntax, which keeps one copy of their reading code in the WASM module instead of one
//! per TOML deserializer (about 450 KB of the module before `wasm-opt`).
//!
//! A JSON value cannot hold what TOML can: non-finite floats and dates. They are refused by
//! name here rather than turned into `null` (which would read as "absent").

use serde::de::DeserializeOwned;
use serde_json::{Map, Number, Value};

/// Parses TOML text into a JSON value.
///
/// The error is TOML's own (with the line and column) for bad syntax, and names the key for
/// a non-finite float or a TOML date-time (write dates as strings: `"2026-01-01"`).
///
/// ```
/// let v = wangge::toml_value::parse("a = 1\n[b]\nc = ['x']")?;
/// assert_eq!(v, serde_json::json!({"a": 1, "b": {"c": ["x"]}}));
/// let e = wangge::toml_value::parse("[grid]\nx = nan").unwrap_err();
/// assert!(e.contains("grid.x"), "{e}");
/// # Ok::<(), String>(())
/// ```
pub fn parse(text: &str) -> Result<Value, String> {
    let table: toml::Table = toml::from_str(text).map_err(|e| e.to_string())?;
    let mut path = String::new();
    convert_table(table, &mut path)
}

/// Deserializes a value into a file type, naming the failing field in the error
/// (`path: message`; the path is `.` for the whole file).
///
/// ```
/// #[derive(serde::Deserialize, Debug)]
/// struct F { grid: G }
/// #[derive(serde::Deserialize, Debug)]
/// struct G { tolerance: f64 }
/// let v = wangge::toml_value::parse("[grid]\ntolerance = 'x'")?;
/// let e = wangge::toml_value::typed::<F>(v).unwrap_err();
/// assert!(e.starts_with("grid.tolerance: invalid type"), "{e}");
/// # Ok::<(), String>(())
/// ```
pub fn typed<T: DeserializeOwned>(value: Value) -> Result<T, String> {
    serde_path_to_error::deserialize(value).map_err(|e| format!("{}: {}", e.path(), e.inner()))
}

/// Parses TOML text straight into a file type ([`parse`], then [`typed`]).
///
/// ```
/// #[derive(serde::Deserialize)]
/// struct F { n: u32 }
/// let f: F = wangge::toml_value::from_str("n = 3")?;
/// assert_eq!(f.n, 3);
/// # Ok::<(), String>(())
/// ```
pub fn from_str<T: DeserializeOwned>(text: &str) -> Result<T, String> {
    typed(parse(text)?)
}

fn convert_table(table: toml::Table, path: &mut String) -> Result<Value, String> {
    let mut out = Map::with_capacity(table.len());
    for (key, value) in table {
        let len = path.len();
        if !path.is_empty() {
            path.push('.');
        }
        path.push_str(&key);
        let v = convert(value, path)?;
        path.truncate(len);
        out.insert(key, v);
    }
    Ok(Value::Object(out))
}

fn convert(value: toml::Value, path: &mut String) -> Result<Value, String> {
    Ok(match value {
        toml::Value::String(s) => Value::String(s),
        toml::Value::Integer(i) => Value::Number(i.into()),
        toml::Value::Float(f) => Value::Number(
            Number::from_f64(f).ok_or_else(|| format!("{path}: {f} is not a finite number"))?,
        ),
        toml::Value::Boolean(b) => Value::Bool(b),
        toml::Value::Datetime(d) => {
            return Err(format!(
                "{path}: write the date-time {d} as a quoted string (\"{d}\")"
            ));
        }
        toml::Value::Array(items) => {
            let mut out = Vec::with_capacity(items.len());
            for (i, item) in items.into_iter().enumerate() {
                let len = path.len();
                path.push_str(&format!("[{i}]"));
                out.push(convert(item, path)?);
                path.truncate(len);
            }
            Value::Array(out)
        }
        toml::Value::Table(t) => convert_table(t, path)?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn non_finite_floats_and_dates_are_named() {
        for (text, field) in [
            ("x = inf", "x"),
            ("[a]\nb = [1.0, -inf]", "a.b[1]"),
            ("[[t]]\nd = 2026-01-01", "t[0].d"),
        ] {
            let e = parse(text).unwrap_err();
            assert!(e.starts_with(&format!("{field}: ")), "{text}: {e}");
        }
    }

    #[test]
    fn syntax_errors_keep_the_line() {
        let e = parse("a = 1\nb = ").unwrap_err();
        assert!(e.contains("line 2"), "{e}");
    }

    use proptest::prelude::*;

    /// JSON values TOML can hold: no nulls, finite floats, a table at the top.
    fn toml_shaped() -> impl Strategy<Value = Value> {
        let leaf = prop_oneof![
            any::<i64>().prop_map(Value::from),
            (-1e12f64..1e12).prop_map(Value::from),
            any::<bool>().prop_map(Value::from),
            "[a-z0-9 _.\\-\"'\u{4e00}-\u{4e10}]{0,12}".prop_map(Value::from),
        ];
        let inner = leaf.prop_recursive(3, 24, 4, |v| {
            prop_oneof![
                prop::collection::vec(v.clone(), 0..4).prop_map(Value::Array),
                prop::collection::btree_map("[a-z_][a-z0-9_-]{0,6}", v, 0..4)
                    .prop_map(|m| Value::Object(m.into_iter().collect())),
            ]
        });
        prop::collection::btree_map("[a-z_][a-z0-9_-]{0,6}", inner, 0..5)
            .prop_map(|m| Value::Object(m.into_iter().collect()))
    }

    proptest! {
        /// Property: a table written by the `toml` crate's own writer reads back as the
        /// JSON value it was written from (the reference is the generated value itself).
        #[test]
        fn what_toml_writes_reads_back_as_the_same_value(v in toml_shaped()) {
            let text = toml::to_string(&v).expect("TOML-shaped values serialize");
            let back = parse(&text).map_err(|e| TestCaseError::fail(format!("{e}\n{text}")))?;
            prop_assert_eq!(back, v);
        }

        /// Property: any text gives a value or an error, never a panic (fuzz target:
        /// `policy`, which reads every policy through this module).
        #[test]
        fn any_text_is_read_or_refused(text in "\\PC{0,80}") {
            let _ = parse(&text);
        }
    }

    #[test]
    fn numbers_keep_their_kind() {
        let v = parse("i = -3\nf = 2.5\nbig = 9007199254740993").unwrap();
        assert_eq!(v["i"].as_i64(), Some(-3));
        assert_eq!(v["f"].as_f64(), Some(2.5));
        assert_eq!(v["big"].as_i64(), Some(9_007_199_254_740_993));
    }
}
