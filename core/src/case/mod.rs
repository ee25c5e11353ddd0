//! Cases (事件): tiers, the five tickets, authorization by jurisdiction, deadlines — an
//! event-sourced engine (SPEC §3, DESIGN principle 3).
//!
//! A host sends [`Command`]s (`{id, case, op, at, actor: {person, role, unit}, args}`);
//! [`Case::decide`] checks authorization (role × operation × state from the policy's
//! table, and jurisdiction: the case's grid lies inside the actor's unit or the case is
//! assigned to it) and the rules, and returns [`Fact`]s; [`Case::apply`] folds a fact in.
//! A [`CaseBook`] holds many cases and the command ids it has seen, applies batches
//! (a refused command changes nothing; a repeated id has effect once), replays journals
//! and produces breach facts with [`CaseBook::tick`]. Deadlines and colours are computed
//! on demand ([`clocks`]); [`CaseBook::records`] gives the flat rows scoring reads.
//!
//! The module reads only its own policy section ([`CasePolicy`]), the calendar and,
//! optionally, a grid index.
//!
//! ```
//! use wangge::calendar::Calendar;
//! use wangge::case::{CaseBook, CaseContext, CasePolicy, Command};
//! let policy = CasePolicy::default();
//! let cal = Calendar::china();
//! let ctx = CaseContext { policy: &policy, calendar: &cal, grids: None };
//! let mut book = CaseBook::new();
//! let cmd = Command::from_json(r#"{"id": "k1", "case": "C1", "op": "report",
//!   "at": "2026-02-13T09:00:00+08:00",
//!   "actor": {"person": "w1", "role": "grid_worker", "unit": "371323100201001"},
//!   "args": {"category": "邻里纠纷", "urgency": "routine", "grid": "371323100201001"}}"#)?;
//! let facts = book.execute(&cmd, &ctx)?;
//! assert_eq!(facts.len(), 1);
//! let case = book.case("C1").unwrap();
//! assert_eq!(case.handler.to_string(), "371323100201001"); // T1: the grid handles it
//! // Accept within 2 working days: Friday 13 Feb 2026 + 2 = the make-up Saturday 14th, then
//! // the 24th after the Spring Festival, at the end of the working day.
//! let at = "2026-02-13T09:00:00+08:00".parse().unwrap();
//! let due = wangge::case::clocks::due(case, &policy, &cal, &at)?;
//! assert_eq!(due.stage.unwrap().to_rfc3339(), "2026-02-24T17:30:00+08:00");
//! # Ok::<(), wangge::Error>(())
//! ```

pub mod api;
mod authorization;
mod book;
pub mod clocks;
mod command;
mod decide;
mod defaults;
mod error;
mod fact;
mod flow;
mod intake;
mod journal;
mod limit;
mod open;
mod policy;
mod queries;
mod state;
mod tickets;
mod tiers;

#[cfg(test)]
mod tests;

pub use book::{CaseBook, Outcome};
pub use clocks::{Colour, Due, Stage};
pub use command::{Command, MAX_ID_LEN, Op};
pub use error::CaseError;
pub use fact::{ClockKind, Event, Fact, Report};
pub use journal::{
    JOURNAL_FORMAT, JournalHeader, MAX_FACTS, read_journal, read_journal_within, write_facts,
    write_header,
};
pub use limit::{Limit, LimitUnit};
pub use open::{OpenBook, read_at};
pub use policy::{
    AuthRule, AuthRuleFile, BreachActions, CasePolicy, CasePolicyFile, Category, CategoryFile,
    DepartmentFile, LimitRuleFile, PLATFORM_ROLES, ProgressColours, RoleFile, TierRuleFile,
    UrgencyColours,
};
pub use queries::{CaseView, HistoryLine};
pub use state::{Case, Summons, tier_up};
pub use tiers::tier_unit;

use crate::calendar::Calendar;
use crate::grid::GridIndex;

/// What a decision reads besides the case: the case section of the policy, the
/// calendar deadlines are counted in, and optionally a grid index to locate reports.
#[derive(Clone, Copy)]
pub struct CaseContext<'a> {
    /// The `[case]` section.
    pub policy: &'a CasePolicy,
    /// The working calendar.
    pub calendar: &'a Calendar,
    /// A grid index, to locate reports given as points.
    pub grids: Option<&'a GridIndex>,
}

impl<'a> CaseContext<'a> {
    /// The context of a policy: its `[case]` section and its calendar, with optional grids.
    ///
    /// ```
    /// let p = wangge::policy::Policy::preset("seed003")?;
    /// let ctx = wangge::case::CaseContext::of(&p, None);
    /// assert!(ctx.grids.is_none());
    /// # Ok::<(), wangge::Error>(())
    /// ```
    pub fn of(policy: &'a crate::policy::Policy, grids: Option<&'a GridIndex>) -> CaseContext<'a> {
        CaseContext {
            policy: &policy.case,
            calendar: &policy.calendar,
            grids,
        }
    }
}

impl std::fmt::Debug for CaseContext<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CaseContext")
            .field("policy", &self.policy)
            .field("grids", &self.grids.is_some())
            .finish_non_exhaustive()
    }
}
