//! A case book open with its policy and grids: the state behind every binding's
//! `CaseBook` object (C handle, WASM class, Kotlin/Swift/Python object).
//!
//! The JSON operations (`case.apply`, `case.replay` …) take the whole journal on every call;
//! a platform that keeps cases in memory opens one book instead and sends it commands one
//! at a time. The rules are the same code: [`CaseBook::execute`], [`CaseBook::tick`] and
//! the queries; this type only holds the policy, the grid index and the book together.

use chrono::{DateTime, FixedOffset};

use super::{CaseBook, CaseContext, CaseView, Command, Fact, HistoryLine};
use crate::api::args::PolicySource;
use crate::error::Error;
use crate::grid::{GridIndex, Layer};
use crate::policy::Policy;
use crate::record::CaseRecord;

/// A case book with the policy it runs under and, optionally, the grids that locate
/// reports given as points.
///
/// ```
/// use wangge::case::OpenBook;
/// let mut book = OpenBook::open("seed003", None, None)?;
/// let facts = book.execute_json(r#"{"id": "k1", "case": "C1", "op": "report",
///   "at": "2026-02-13T09:00:00+08:00",
///   "actor": {"person": "w1", "role": "grid_worker", "unit": "371323100201001"},
///   "args": {"category": "矛盾纠纷", "urgency": "routine", "grid": "371323100201001"}}"#)?;
/// assert_eq!(facts[0].event.name(), "reported");
/// let state = book.state("C1", None)?.expect("known case");
/// assert_eq!(state.grid, "371323100201001");
/// // A journal written by one book opens another with the same cases.
/// let again = OpenBook::open("seed003", None, Some(&book.journal()))?;
/// assert_eq!(again.state("C1", None)?, Some(state));
/// # Ok::<(), wangge::Error>(())
/// ```
#[derive(Debug)]
pub struct OpenBook {
    policy: Policy,
    grids: Option<GridIndex>,
    book: CaseBook,
}

impl OpenBook {
    /// Opens a book.
    ///
    /// - `policy`: a preset id (`"seed003"`) or policy text (TOML or JSON);
    /// - `grids`: a GeoJSON grid layer, to locate reports given as points;
    /// - `journal`: a journal's text (JSON Lines, as `wangge case apply` writes it) whose
    ///   facts are replayed; none or empty: a new book.
    ///
    /// Each text is held to the cap on JSON crossing a binding ([`crate::api::Limits`]).
    pub fn open(policy: &str, grids: Option<&str>, journal: Option<&str>) -> Result<Self, Error> {
        let limits = crate::api::Limits::default();
        for (what, text) in [
            ("policy", Some(policy)),
            ("grids", grids),
            ("journal", journal),
        ] {
            limits.check_len(what, text.map_or(0, str::len))?;
        }
        let policy = PolicySource::Text(policy.to_owned()).load()?;
        let grids = match grids {
            Some(text) => Some(GridIndex::build(&Layer::from_geojson(text)?)?),
            None => None,
        };
        let book = match journal {
            Some(text) => CaseBook::replay_journal(text)?,
            None => CaseBook::new(),
        };
        Ok(OpenBook {
            policy,
            grids,
            book,
        })
    }

    /// Runs one command: its new facts (empty for a command id seen before), or the error
    /// that refused it — and then the book is unchanged.
    pub fn execute(&mut self, command: &Command) -> Result<Vec<Fact>, Error> {
        let ctx = CaseContext::of(&self.policy, self.grids.as_ref());
        Ok(self.book.execute(command, &ctx)?)
    }

    /// [`OpenBook::execute`] on a command given as JSON text (one command object).
    pub fn execute_json(&mut self, command: &str) -> Result<Vec<Fact>, Error> {
        crate::api::Limits::default().check_len("command", command.len())?;
        let c = Command::from_json(command)?;
        self.execute(&c)
    }

    /// The breach facts at `now` (deadlines passed and not yet recorded), added to the
    /// book and returned.
    pub fn tick(&mut self, now: DateTime<FixedOffset>) -> Result<Vec<Fact>, Error> {
        let ctx = CaseContext::of(&self.policy, self.grids.as_ref());
        Ok(self.book.tick(now, &ctx)?)
    }

    /// The instant queries default to: `at`, else the last fact's (none for an empty book).
    fn at(&self, at: Option<DateTime<FixedOffset>>) -> Option<DateTime<FixedOffset>> {
        at.or(self.book.last_at())
    }

    /// One case's state at `at` (default: the last fact's instant); `None` for an unknown
    /// case.
    pub fn state(
        &self,
        case: &str,
        at: Option<DateTime<FixedOffset>>,
    ) -> Result<Option<CaseView>, Error> {
        let (Some(c), Some(at)) = (self.book.case(case), self.at(at)) else {
            return Ok(None);
        };
        Ok(Some(c.view(
            &CaseContext::of(&self.policy, self.grids.as_ref()),
            &at,
        )?))
    }

    /// Every case's state at `at` (default: the last fact's instant), by id.
    pub fn cases(&self, at: Option<DateTime<FixedOffset>>) -> Result<Vec<CaseView>, Error> {
        match self.at(at) {
            None => Ok(Vec::new()),
            Some(at) => Ok(self
                .book
                .views(&CaseContext::of(&self.policy, self.grids.as_ref()), &at)?),
        }
    }

    /// The flat case records at `at` (default: the last fact's instant), by id — the rows
    /// scoring reads.
    pub fn records(&self, at: Option<DateTime<FixedOffset>>) -> Result<Vec<CaseRecord>, Error> {
        match self.at(at) {
            None => Ok(Vec::new()),
            Some(at) => Ok(self
                .book
                .records(&CaseContext::of(&self.policy, self.grids.as_ref()), &at)?),
        }
    }

    /// The readable history of a case, oldest first (`unknown_case` for an unknown id).
    pub fn history(&self, case: &str) -> Result<Vec<HistoryLine>, Error> {
        Ok(self.book.history(case)?)
    }

    /// Every fact, in order.
    pub fn facts(&self) -> &[Fact] {
        self.book.facts()
    }

    /// The whole journal as text (header line, then one fact per line), ready to be saved
    /// and opened again.
    pub fn journal(&self) -> String {
        let id = format!("{}@{}", self.policy.id, self.policy.version);
        let mut out = super::write_header(Some(&id));
        super::write_facts(&mut out, self.book.facts());
        out
    }
}

/// Reads an instant (RFC 3339 with offset) given as text by a binding; `None` stays `None`.
///
/// ```
/// assert!(wangge::case::read_at(Some("2026-02-13T09:00:00+08:00"))?.is_some());
/// assert!(wangge::case::read_at(Some("yesterday")).is_err());
/// # Ok::<(), wangge::Error>(())
/// ```
pub fn read_at(text: Option<&str>) -> Result<Option<DateTime<FixedOffset>>, Error> {
    text.map(crate::api::args::parse_instant).transpose()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ErrorCode;

    const GRID: &str = "371323100201001";

    fn cmd(id: &str, op: &str, at: &str, role: &str, unit: &str, args: &str) -> String {
        format!(
            r#"{{"id":"{id}","case":"C1","op":"{op}","at":"{at}",
            "actor":{{"person":"p","role":"{role}","unit":"{unit}"}},"args":{args}}}"#
        )
    }

    #[test]
    fn a_refused_command_changes_nothing_and_a_repeated_one_has_no_effect() {
        let mut b = OpenBook::open("seed001", None, None).unwrap();
        let report = cmd(
            "k1",
            "report",
            "2026-03-02T09:00:00+08:00",
            "grid_worker",
            GRID,
            &format!(r#"{{"category":"矛盾纠纷","urgency":"routine","grid":"{GRID}"}}"#),
        );
        assert_eq!(b.execute_json(&report).unwrap().len(), 1);
        assert!(b.execute_json(&report).unwrap().is_empty());
        let before = b.journal();
        // Another grid's worker may not accept this case.
        let close = cmd(
            "k2",
            "accept",
            "2026-03-02T10:00:00+08:00",
            "grid_worker",
            "371323100201002",
            "{}",
        );
        let e = b.execute_json(&close).unwrap_err();
        assert!(
            matches!(
                e.code(),
                ErrorCode::CaseUnauthorized | ErrorCode::CaseOutOfJurisdiction
            ),
            "{e}"
        );
        assert_eq!(b.journal(), before);
        assert_eq!(b.facts().len(), 1);
        let e = b.execute_json("{").unwrap_err();
        assert_eq!(e.code(), ErrorCode::InvalidCommand);
        assert!(matches!(b.history("nope"), Err(e) if e.code() == ErrorCode::UnknownCase));
        assert_eq!(b.history("C1").unwrap().len(), 1);
    }

    #[test]
    fn tick_adds_breaches_that_a_reopened_journal_keeps() {
        let mut b = OpenBook::open("seed000", None, None).unwrap();
        let report = cmd(
            "k1",
            "report",
            "2026-03-02T09:00:00+08:00",
            "grid_worker",
            GRID,
            &format!(r#"{{"category":"矛盾纠纷","urgency":"routine","grid":"{GRID}"}}"#),
        );
        b.execute_json(&report).unwrap();
        let late = read_at(Some("2026-06-01T09:00:00+08:00")).unwrap().unwrap();
        let breaches = b.tick(late).unwrap();
        assert!(!breaches.is_empty());
        assert_eq!(b.facts().len(), 1 + breaches.len());
        assert!(
            b.tick(late).unwrap().is_empty(),
            "a breach is recorded once"
        );
        let again = OpenBook::open("seed000", None, Some(&b.journal())).unwrap();
        assert_eq!(again.facts(), b.facts());
        assert_eq!(
            again.cases(Some(late)).unwrap(),
            b.cases(Some(late)).unwrap()
        );
        assert_eq!(again.records(None).unwrap().len(), 1);
    }
}
