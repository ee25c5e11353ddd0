//! The CSV reader and writer (RFC 4180 quoting, a header line naming the columns).
//!
//! The reader splits bytes by hand: a line without a quote is split on commas in place
//! (no copy); a line with quotes takes the slow path, which also lets a quoted field span
//! lines. Fields are then parsed by column name, so columns may come in any order and
//! optional columns may be left out.

use std::borrow::Cow;
use std::fmt::Write as _;

use chrono::{DateTime, FixedOffset, NaiveDate, SecondsFormat, TimeZone};

use super::names::parse_name;
use super::{
    BadRow, CSV_COLUMNS, CaseClass, CaseRecord, CaseStatus, Rating, ReadOptions, RecordError,
    RecordSet, Source, Supervision, Tier, Urgency,
};
use crate::code::GridCode;

/// The columns a file must have.
const REQUIRED: &[&str] = &[
    "id",
    "grid",
    "category",
    "class",
    "urgency",
    "tier",
    "source",
    "reported_at",
    "status",
];

/// Reads case records from CSV text: a header line naming columns of
/// [`CSV_COLUMNS`](super::CSV_COLUMNS) (any order; `handler`, `worker`, the optional
/// instants, `rework`, `supervision`, `rating` and the flags may be left out), then one row
/// per case. An empty field is an absent value (or the default: 0, `none`, false).
/// Booleans are `true`/`false`/`1`/`0`. Blank lines are skipped.
///
/// ```
/// use wangge::record::{read_csv, ReadOptions, Rating};
/// let text = "id,grid,category,class,urgency,tier,source,reported_at,status,rating\n\
///             C1,371323100201001,\"占道, 经营\",event,routine,t1,patrol,2016-12-01T09:00:00+08:00,closed,satisfied\n";
/// let set = read_csv(text, ReadOptions::default())?;
/// assert_eq!(set.records[0].category, "占道, 经营");
/// assert_eq!(set.records[0].rating, Some(Rating::Satisfied));
///
/// let bad = text.replace("t1,", "t9,");
/// let e = read_csv(&bad, ReadOptions::default()).unwrap_err();
/// assert_eq!(e.bad_row().map(|r| (r.line, r.field.as_deref())), Some((2, Some("tier"))));
/// let set = read_csv(&bad, ReadOptions { skip_bad_rows: true, ..ReadOptions::default() })?;
/// assert_eq!((set.records.len(), set.skipped[0].line), (0, 2));
/// # Ok::<(), wangge::record::RecordError>(())
/// ```
pub fn read_csv(text: &str, options: ReadOptions) -> Result<RecordSet, RecordError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut split = Splitter {
        text,
        pos: 0,
        line: 1,
    };
    let mut fields: Vec<Cow<'_, str>> = Vec::with_capacity(CSV_COLUMNS.len());
    let columns = match split.next(&mut fields) {
        None => {
            return Err(RecordError::Header(
                "the file is empty: a header line is required".into(),
            ));
        }
        Some(Err((_, m))) => return Err(RecordError::Header(m)),
        Some(Ok(_)) => header(&fields)?,
    };
    let mut set = RecordSet::default();
    while let Some(row) = split.next(&mut fields) {
        options.check_count(&set, row.as_ref().map_or_else(|(l, _)| *l, |l| *l))?;
        let result = match row {
            Ok(line) => parse_row(&columns, &fields).map_err(|(field, message)| BadRow {
                line,
                field: field.map(str::to_string),
                message,
            }),
            Err((line, message)) => Err(BadRow {
                line,
                field: None,
                message,
            }),
        };
        match result {
            Ok(r) => set.records.push(r),
            Err(bad) if options.skip_bad_rows => set.skipped.push(bad),
            Err(bad) => return Err(RecordError::Row(bad)),
        }
    }
    Ok(set)
}

/// Maps the header's names to column indices into [`CSV_COLUMNS`].
fn header(fields: &[Cow<'_, str>]) -> Result<Vec<usize>, RecordError> {
    let mut seen = [false; 21];
    let mut columns = Vec::with_capacity(fields.len());
    for name in fields {
        let name = name.trim();
        let Some(i) = CSV_COLUMNS.iter().position(|c| *c == name) else {
            return Err(RecordError::Header(format!(
                "unknown column {:?} (known: {})",
                name.chars().take(40).collect::<String>(),
                CSV_COLUMNS.join(", ")
            )));
        };
        if std::mem::replace(&mut seen[i], true) {
            return Err(RecordError::Header(format!(
                "column {name:?} appears twice"
            )));
        }
        columns.push(i);
    }
    for r in REQUIRED {
        let i = CSV_COLUMNS.iter().position(|c| c == r).unwrap_or(0);
        if !seen[i] {
            return Err(RecordError::Header(format!(
                "required column {r:?} is missing"
            )));
        }
    }
    Ok(columns)
}

type FieldError = (Option<&'static str>, String);

fn parse_row(columns: &[usize], fields: &[Cow<'_, str>]) -> Result<CaseRecord, FieldError> {
    if fields.len() != columns.len() {
        return Err((
            None,
            format!(
                "expected {} fields (as in the header), found {}",
                columns.len(),
                fields.len()
            ),
        ));
    }
    let mut id = None;
    let mut grid = None;
    let mut handler = String::new();
    let mut worker = None;
    let mut category = None;
    let mut class = None;
    let mut urgency = None;
    let mut tier = None;
    let mut source = None;
    let mut reported_at = None;
    let mut accepted_at = None;
    let mut due_at = None;
    let mut closed_at = None;
    let mut status = None;
    let mut rework = 0;
    let mut supervision = Supervision::None;
    let mut rating = None;
    let mut contacted = None;
    let mut resolved = None;
    let mut leader_assigned = false;
    let mut deferred = false;
    for (&c, f) in columns.iter().zip(fields) {
        let f: &str = f;
        if f.is_empty() {
            continue;
        }
        let name = CSV_COLUMNS[c];
        let err = |m: String| (Some(name), m);
        match c {
            0 => id = Some(f.to_string()),
            1 => grid = Some(GridCode::parse(f).map_err(|e| err(e.to_string()))?),
            2 => handler = f.to_string(),
            3 => worker = Some(f.to_string()),
            4 => category = Some(f.to_string()),
            5 => class = Some(enum_value(f, CaseClass::from_name).map_err(err)?),
            6 => urgency = Some(enum_value(f, Urgency::from_name).map_err(err)?),
            7 => tier = Some(enum_value(f, Tier::from_name).map_err(err)?),
            8 => source = Some(enum_value(f, Source::from_name).map_err(err)?),
            9 => reported_at = Some(instant(f).map_err(err)?),
            10 => accepted_at = Some(instant(f).map_err(err)?),
            11 => due_at = Some(instant(f).map_err(err)?),
            12 => closed_at = Some(instant(f).map_err(err)?),
            13 => status = Some(enum_value(f, CaseStatus::from_name).map_err(err)?),
            14 => {
                rework = f
                    .parse()
                    .map_err(|_| err(format!("{f:?} is not a count (0 or more)")))?
            }
            15 => supervision = enum_value(f, Supervision::from_name).map_err(err)?,
            16 => rating = Some(enum_value(f, Rating::from_name).map_err(err)?),
            17 => contacted = Some(flag(f).map_err(err)?),
            18 => resolved = Some(flag(f).map_err(err)?),
            19 => leader_assigned = flag(f).map_err(err)?,
            _ => deferred = flag(f).map_err(err)?,
        }
    }
    fn need<T>(v: Option<T>, name: &'static str) -> Result<T, FieldError> {
        v.ok_or((Some(name), "is required and empty".to_string()))
    }
    Ok(CaseRecord {
        id: need(id, "id")?,
        grid: need(grid, "grid")?,
        handler,
        worker,
        category: need(category, "category")?,
        class: need(class, "class")?,
        urgency: need(urgency, "urgency")?,
        tier: need(tier, "tier")?,
        source: need(source, "source")?,
        reported_at: need(reported_at, "reported_at")?,
        accepted_at,
        due_at,
        closed_at,
        status: need(status, "status")?,
        rework,
        supervision,
        rating,
        contacted,
        resolved,
        leader_assigned,
        deferred,
    })
}

/// An enum by its snake_case name (fast), else by serde (aliases such as `一般`).
fn enum_value<'a, T: serde::Deserialize<'a>>(
    f: &'a str,
    fast: fn(&str) -> Option<T>,
) -> Result<T, String> {
    fast(f).map_or_else(|| parse_name(f), Ok)
}

fn instant(f: &str) -> Result<DateTime<FixedOffset>, String> {
    fast_instant(f.as_bytes()).map_or_else(
        || {
            DateTime::parse_from_rfc3339(f)
                .map_err(|e| format!("{f:?} is not an RFC 3339 instant: {e}"))
        },
        Ok,
    )
}

/// The common RFC 3339 shape, `YYYY-MM-DDTHH:MM:SS[.frac](Z|±HH:MM)`, parsed by hand;
/// anything else (or anything odd, such as a leap second) is left to chrono.
fn fast_instant(b: &[u8]) -> Option<DateTime<FixedOffset>> {
    if b.len() < 20
        || b[4] != b'-'
        || b[7] != b'-'
        || !matches!(b[10], b'T' | b't' | b' ')
        || b[13] != b':'
        || b[16] != b':'
    {
        return None;
    }
    let digit = |i: usize| {
        let c = b.get(i)?.wrapping_sub(b'0');
        (c < 10).then_some(u32::from(c))
    };
    let two = |i: usize| Some(digit(i)? * 10 + digit(i + 1)?);
    let year = two(0)? * 100 + two(2)?;
    let (month, day, h, m, s) = (two(5)?, two(8)?, two(11)?, two(14)?, two(17)?);
    if s > 59 {
        return None;
    }
    let mut i = 19;
    let mut nanos = 0u32;
    if b.get(i) == Some(&b'.') {
        i += 1;
        let first = i;
        while let Some(d) = digit(i) {
            if i - first < 9 {
                nanos = nanos * 10 + d;
            }
            i += 1;
        }
        let n = i - first;
        if n == 0 {
            return None;
        }
        for _ in n..9 {
            nanos *= 10;
        }
    }
    let offset = match *b.get(i)? {
        b'Z' | b'z' if i + 1 == b.len() => 0,
        sign @ (b'+' | b'-') if i + 6 == b.len() && b[i + 3] == b':' => {
            let v = (two(i + 1)? * 3600 + two(i + 4)? * 60) as i32;
            if sign == b'-' { -v } else { v }
        }
        _ => return None,
    };
    let local =
        NaiveDate::from_ymd_opt(year as i32, month, day)?.and_hms_nano_opt(h, m, s, nanos)?;
    FixedOffset::east_opt(offset)?
        .from_local_datetime(&local)
        .single()
}

fn flag(f: &str) -> Result<bool, String> {
    match f {
        "true" | "1" => Ok(true),
        "false" | "0" => Ok(false),
        _ => Err(format!("{f:?} is not a boolean (true/false/1/0)")),
    }
}

/// Splits CSV text into records of fields.
struct Splitter<'a> {
    text: &'a str,
    pos: usize,
    /// The line number of the byte at `pos` (1-based).
    line: usize,
}

impl<'a> Splitter<'a> {
    /// Reads the next non-blank record into `out` and returns the line it starts on, or
    /// the line and a message for a record that cannot be split (the splitter then resumes
    /// at the next line).
    fn next(&mut self, out: &mut Vec<Cow<'a, str>>) -> Option<Result<usize, (usize, String)>> {
        let b = self.text.as_bytes();
        loop {
            if self.pos >= b.len() {
                return None;
            }
            let start_line = self.line;
            out.clear();
            // One pass over the line: split at commas until the line ends; a quote sends
            // the whole record to the slow path.
            let mut field = self.pos;
            let mut i = self.pos;
            let mut quoted = false;
            while i < b.len() {
                match b[i] {
                    b',' => {
                        out.push(Cow::Borrowed(&self.text[field..i]));
                        field = i + 1;
                    }
                    b'\n' => break,
                    b'"' => {
                        quoted = true;
                        break;
                    }
                    _ => {}
                }
                i += 1;
            }
            if quoted {
                out.clear();
                return Some(self.quoted(out).map(|()| start_line).map_err(|m| {
                    // Resume after the line where the problem was found.
                    let next = b[self.pos..]
                        .iter()
                        .position(|&c| c == b'\n')
                        .map_or(b.len(), |i| self.pos + i + 1);
                    self.pos = next;
                    self.line += 1;
                    (start_line, m)
                }));
            }
            let end = if i > field && b[i - 1] == b'\r' {
                i - 1
            } else {
                i
            };
            let blank = out.is_empty() && end == field;
            out.push(Cow::Borrowed(&self.text[field..end]));
            self.pos = i + 1;
            self.line += 1;
            if !blank {
                return Some(Ok(start_line));
            }
        }
    }

    /// The slow path: a record with quoted fields, possibly spanning lines.
    fn quoted(&mut self, out: &mut Vec<Cow<'a, str>>) -> Result<(), String> {
        let (text, b) = (self.text, self.text.as_bytes());
        let mut i = self.pos;
        loop {
            if b.get(i) == Some(&b'"') {
                i += 1;
                let mut s = String::new();
                let mut seg = i;
                loop {
                    match b.get(i) {
                        None => {
                            self.pos = b.len();
                            return Err("a quoted field is not closed".into());
                        }
                        Some(b'"') if b.get(i + 1) == Some(&b'"') => {
                            s.push_str(&text[seg..=i]);
                            i += 2;
                            seg = i;
                        }
                        Some(b'"') => {
                            s.push_str(&text[seg..i]);
                            i += 1;
                            break;
                        }
                        Some(b'\n') => {
                            self.line += 1;
                            i += 1;
                        }
                        Some(_) => i += 1,
                    }
                }
                out.push(Cow::Owned(s));
                match b.get(i) {
                    Some(b',') => i += 1,
                    Some(b'\r') if b.get(i + 1) == Some(&b'\n') => {
                        i += 2;
                        break;
                    }
                    Some(b'\n') => {
                        i += 1;
                        break;
                    }
                    None => break,
                    Some(_) => {
                        self.pos = i;
                        return Err("unexpected character after a closing quote".into());
                    }
                }
            } else {
                let start = i;
                while i < b.len() && b[i] != b',' && b[i] != b'\n' {
                    if b[i] == b'"' {
                        self.pos = i;
                        return Err("a quote inside an unquoted field".into());
                    }
                    i += 1;
                }
                let mut e = i;
                if b.get(i) != Some(&b',') && e > start && b[e - 1] == b'\r' {
                    e -= 1;
                }
                out.push(Cow::Borrowed(&text[start..e]));
                match b.get(i) {
                    Some(b',') => i += 1,
                    Some(_) => {
                        i += 1;
                        break;
                    }
                    None => break,
                }
            }
        }
        self.line += 1;
        self.pos = i;
        Ok(())
    }
}

/// Writes case records as CSV with the header [`CSV_COLUMNS`](super::CSV_COLUMNS), quoting
/// fields that hold a comma, a quote or a line break. [`read_csv`] reads the text back into
/// the same records (an empty `worker` reads back as absent).
///
/// ```
/// use wangge::record::{read_csv, write_csv, CaseRecord, ReadOptions};
/// let r: CaseRecord = serde_json::from_str(r#"{"id":"C1","grid":"371323100201001",
///   "category":"say \"hi\", then go","class":"event","urgency":"routine","tier":"t1",
///   "source":"patrol","reported_at":"2016-12-01T09:00:00+08:00","status":"reported"}"#)?;
/// let text = write_csv(std::slice::from_ref(&r));
/// assert!(text.starts_with("id,grid,handler,"));
/// assert_eq!(read_csv(&text, ReadOptions::default())?.records, vec![r]);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn write_csv(records: &[CaseRecord]) -> String {
    let mut s = String::with_capacity(64 + records.len() * 240);
    s.push_str(&CSV_COLUMNS.join(","));
    s.push('\n');
    for r in records {
        text_field(&mut s, &r.id);
        s.push(',');
        s.push_str(r.grid.as_str());
        s.push(',');
        text_field(&mut s, &r.handler);
        s.push(',');
        text_field(&mut s, r.worker.as_deref().unwrap_or(""));
        s.push(',');
        text_field(&mut s, &r.category);
        for v in [
            r.class.as_str(),
            r.urgency.as_str(),
            r.tier.as_str(),
            r.source.as_str(),
        ] {
            s.push(',');
            s.push_str(v);
        }
        for t in [Some(r.reported_at), r.accepted_at, r.due_at, r.closed_at] {
            s.push(',');
            if let Some(t) = t {
                s.push_str(&t.to_rfc3339_opts(SecondsFormat::AutoSi, false));
            }
        }
        let _ = write!(
            s,
            ",{},{},{},{},{},{},{},{}",
            r.status.as_str(),
            r.rework,
            r.supervision.as_str(),
            r.rating.map_or("", |v| v.as_str()),
            r.contacted.map_or("", bool_str),
            r.resolved.map_or("", bool_str),
            bool_str(r.leader_assigned),
            bool_str(r.deferred),
        );
        s.push('\n');
    }
    s
}

fn bool_str(b: bool) -> &'static str {
    if b { "true" } else { "false" }
}

fn text_field(s: &mut String, v: &str) {
    if v.contains([',', '"', '\n', '\r']) {
        s.push('"');
        s.push_str(&v.replace('"', "\"\""));
        s.push('"');
    } else {
        s.push_str(v);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The hand-written parser agrees with chrono wherever it answers.
    #[test]
    fn fast_instants_agree_with_chrono() {
        for s in [
            "2016-12-01T09:00:00+08:00",
            "2016-12-01t09:00:00z",
            "2016-12-01 09:00:00-05:30",
            "2016-12-31T23:59:59.5+08:00",
            "2016-12-31T23:59:59.123456789123Z",
            "2016-02-29T00:00:00+14:00",
            "0001-01-01T00:00:00Z",
        ] {
            let fast = fast_instant(s.as_bytes()).unwrap();
            let slow = DateTime::parse_from_rfc3339(s).unwrap();
            assert_eq!((fast, fast.offset()), (slow, slow.offset()), "{s}");
        }
        for s in [
            "2017-02-29T00:00:00Z",
            "2016-12-01T24:00:00Z",
            "2016-12-01T09:00:00",
            "2016-12-01T09:00:00+0800",
            "2016-12-01T09:00:00.Z",
            "2016-12-01T09:00:60Z",
        ] {
            assert!(fast_instant(s.as_bytes()).is_none(), "{s}");
        }
        assert!(instant("2016-12-01T09:00:00+0800").is_err());
        assert!(instant("2016-12-31T23:59:60Z").is_ok()); // leap second: chrono's answer
    }

    proptest::proptest! {
        /// Random instants in RFC 3339 text parse the same by hand as by chrono.
        #[test]
        fn fast_matches_chrono(secs in -62_000_000_000i64..250_000_000_000, nanos in 0u32..1_000_000_000,
                               off in -86_399i32..86_400, digits in 0usize..4) {
            let off = FixedOffset::east_opt(off / 60 * 60).unwrap();
            let t = off.timestamp_opt(secs, nanos).unwrap();
            let fmt = [SecondsFormat::Secs, SecondsFormat::Millis, SecondsFormat::Nanos, SecondsFormat::AutoSi][digits];
            let s = t.to_rfc3339_opts(fmt, digits == 0);
            let slow = DateTime::parse_from_rfc3339(&s).unwrap();
            if let Some(fast) = fast_instant(s.as_bytes()) {
                proptest::prop_assert_eq!((fast, fast.offset()), (slow, slow.offset()));
            }
        }
    }
}
