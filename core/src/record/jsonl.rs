//! The JSON Lines reader.

use super::{BadRow, CaseRecord, ReadOptions, RecordError, RecordSet};

/// Reads case records from JSON Lines: one JSON object per line, in the record's JSON form
/// (unknown fields are errors). Blank lines are skipped. A bad line is named by its number
/// and, where serde can tell, the field.
///
/// ```
/// use wangge::record::{read_jsonl, ReadOptions};
/// let line = r#"{"id":"C1","grid":"371323100201001","category":"x","class":"event","urgency":"routine","tier":"t1","source":"patrol","reported_at":"2016-12-01T09:00:00+08:00","status":"closed"}"#;
/// let text = format!("{line}\n\n{}\n", line.replace("t1", "t7"));
/// let e = read_jsonl(&text, ReadOptions::default()).unwrap_err();
/// let bad = e.bad_row().unwrap();
/// assert_eq!((bad.line, bad.field.as_deref()), (3, Some("tier")));
/// # Ok::<(), wangge::record::RecordError>(())
/// ```
pub fn read_jsonl(text: &str, options: ReadOptions) -> Result<RecordSet, RecordError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut set = RecordSet::default();
    for (i, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        options.check_count(&set, i + 1)?;
        match parse_line(line) {
            Ok(r) => set.records.push(r),
            Err((field, message)) => {
                let bad = BadRow {
                    line: i + 1,
                    field,
                    message,
                };
                if options.skip_bad_rows {
                    set.skipped.push(bad);
                } else {
                    return Err(RecordError::Row(bad));
                }
            }
        }
    }
    Ok(set)
}

fn parse_line(line: &str) -> Result<CaseRecord, (Option<String>, String)> {
    let mut de = serde_json::Deserializer::from_str(line);
    let r: CaseRecord = serde_path_to_error::deserialize(&mut de).map_err(|e| {
        let path = e.path().to_string();
        let field = (path != "." && !path.is_empty()).then_some(path);
        (field, e.into_inner().to_string())
    })?;
    de.end().map_err(|e| (None, e.to_string()))?;
    Ok(r)
}
