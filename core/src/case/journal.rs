//! The journal: JSON Lines, a format header then one fact per line.
//!
//! ```
//! use wangge::case::read_journal;
//! let text = "{\"format\":\"wangge.case.journal\",\"version\":1}\n";
//! assert!(read_journal(text)?.is_empty());
//! let err = read_journal("{\"format\":\"wangge.case.journal\",\"version\":9}\n").unwrap_err();
//! assert_eq!(err.code(), wangge::ErrorCode::UnsupportedJournalFormat);
//! let err = read_journal("{\"format\":\"wangge.case.journal\",\"version\":1}\n{oops\n").unwrap_err();
//! assert!(err.to_string().contains("line 2"));
//! # Ok::<(), wangge::case::CaseError>(())
//! ```

use serde::{Deserialize, Serialize};

use super::error::CaseError;
use super::fact::Fact;

/// The newest journal format this release reads and writes.
pub const JOURNAL_FORMAT: u32 = 1;

/// The longest journal line read, in bytes.
pub const MAX_LINE: usize = 1 << 20;

/// The most facts a journal may hold: 10 million (two million cases of about five facts
/// each). Replaying a fact takes about 2 KB, so a journal at the limit takes about 20 GB;
/// the CLI's 1 GiB byte cap on a journal (about 4 million facts) comes first.
pub const MAX_FACTS: usize = 10_000_000;

/// The first line of a journal.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct JournalHeader {
    /// Always `"wangge.case.journal"`.
    pub format: String,
    /// Format version.
    pub version: u64,
    /// The policy (`id@version`) the journal ran under, if recorded.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub policy: Option<String>,
}

/// The header line (with its newline) for a new journal.
pub fn write_header(policy: Option<&str>) -> String {
    let h = JournalHeader {
        format: "wangge.case.journal".into(),
        version: u64::from(JOURNAL_FORMAT),
        policy: policy.map(str::to_owned),
    };
    let mut s = serde_json::to_string(&h).unwrap_or_default();
    s.push('\n');
    s
}

/// Appends facts to a journal's text, one JSON object and a newline each.
///
/// ```
/// let f: wangge::case::Fact = serde_json::from_str(r#"{"case": "C1", "command": "k2",
///   "at": "2026-02-14T09:00:00+08:00", "type": "accepted",
///   "actor": {"person": "p1", "role": "town_centre", "unit": "371323100000"}}"#)?;
/// let mut text = wangge::case::write_header(None);
/// wangge::case::write_facts(&mut text, &[f.clone()]);
/// assert_eq!(wangge::case::read_journal(&text)?, vec![f]);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn write_facts(out: &mut String, facts: &[Fact]) {
    for f in facts {
        // A fact always serializes: strings, instants and enums only.
        out.push_str(&serde_json::to_string(f).unwrap_or_default());
        out.push('\n');
    }
}

/// Reads a journal's facts (empty text: an empty journal). Blank lines are skipped; every
/// other line must parse. Order is checked when the facts are replayed
/// ([`super::CaseBook::replay`]).
pub fn read_journal(text: &str) -> Result<Vec<Fact>, CaseError> {
    read_journal_within(text, MAX_FACTS)
}

/// [`read_journal`] with at most `max_facts` facts: one more is
/// [`CaseError::TooManyFacts`] (`input_too_large`), before it is parsed.
///
/// ```
/// use wangge::case::read_journal_within;
/// let text = "{\"format\":\"wangge.case.journal\",\"version\":1}\n{}\n";
/// let e = read_journal_within(text, 0).unwrap_err();
/// assert_eq!(e.code(), wangge::ErrorCode::InputTooLarge);
/// assert!(e.to_string().contains("line 2"));
/// ```
pub fn read_journal_within(text: &str, max_facts: usize) -> Result<Vec<Fact>, CaseError> {
    let mut facts = Vec::new();
    let mut header = false;
    for (i, line) in text.lines().enumerate() {
        let n = i + 1;
        if line.trim().is_empty() {
            continue;
        }
        if line.len() > MAX_LINE {
            return Err(CaseError::InvalidJournal {
                line: n,
                message: format!("longer than {MAX_LINE} bytes"),
            });
        }
        if !header {
            let v: serde_json::Value =
                serde_json::from_str(line).map_err(|e| CaseError::InvalidJournal {
                    line: n,
                    message: format!("the header: {e}"),
                })?;
            let version = v.get("version").and_then(serde_json::Value::as_u64);
            if let Some(found) = version
                && found > u64::from(JOURNAL_FORMAT)
            {
                return Err(CaseError::UnsupportedJournalFormat {
                    line: n,
                    found,
                    max: JOURNAL_FORMAT,
                });
            }
            let h: JournalHeader =
                serde_json::from_value(v).map_err(|e| CaseError::InvalidJournal {
                    line: n,
                    message: format!("the header: {e}"),
                })?;
            if h.format != "wangge.case.journal" || h.version == 0 {
                return Err(CaseError::InvalidJournal {
                    line: n,
                    message: "the first line must be {\"format\": \"wangge.case.journal\", \"version\": 1}".into(),
                });
            }
            header = true;
            continue;
        }
        if facts.len() >= max_facts {
            return Err(CaseError::TooManyFacts {
                line: n,
                limit: max_facts,
            });
        }
        let f: Fact = serde_json::from_str(line).map_err(|e| CaseError::InvalidJournal {
            line: n,
            message: e.to_string(),
        })?;
        facts.push(f);
    }
    Ok(facts)
}

/// Line numbers of the facts of a journal text (for naming the line of a replay error).
pub(crate) fn fact_lines(text: &str) -> Vec<usize> {
    text.lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
        .skip(1)
        .map(|(i, _)| i + 1)
        .collect()
}
