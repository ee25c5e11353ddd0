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

    #[test]
    fn numbers_keep_their_kind() {
        let v = parse("i = -3\nf = 2.5\nbig = 9007199254740993").unwrap();
        assert_eq!(v["i"].as_i64(), Some(-3));
        assert_eq!(v["f"].as_f64(), Some(2.5));
        assert_eq!(v["big"].as_i64(), Some(9_007_199_254_740_993));
    }
}
