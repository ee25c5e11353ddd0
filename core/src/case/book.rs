//! [`CaseBook`]: many cases and the command ids seen — batches, replay and `tick`.

use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};

use chrono::{DateTime, FixedOffset};

use super::CaseContext;
use super::clocks::{check_in_due, overall_clock, stage_clock};
use super::command::{Command, Op};
use super::error::CaseError;
use super::fact::{ClockKind, Event, Fact};
use super::flow::MergeArgs;
use super::intake;
use super::journal::{fact_lines, read_journal};
use super::state::{Case, tier_up};
use super::tiers::tier_unit;
use crate::actor::UnitRef;
use crate::record::{CaseStatus, Supervision};

/// The outcome of one command of a batch.
#[derive(Debug, Clone, PartialEq)]
pub enum Outcome {
    /// Accepted: the new facts (empty for a command id seen before).
    Applied(Vec<Fact>),
    /// Refused: nothing changed.
    Rejected(CaseError),
}

/// FNV-1a: command ids are short and come from the host, not an attacker choosing
/// collisions against a per-process key; SipHash dominated replay time.
#[derive(Default)]
struct Fnv(u64);

impl Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        let mut h = if self.0 == 0 {
            0xcbf2_9ce4_8422_2325
        } else {
            self.0
        };
        for b in bytes {
            h = (h ^ u64::from(*b)).wrapping_mul(0x0100_0000_01b3);
        }
        self.0 = h;
    }
}

type Seen = HashSet<String, BuildHasherDefault<Fnv>>;
type Cases = HashMap<String, Case, BuildHasherDefault<Fnv>>;

/// Many cases, the facts that made them (the journal) and the command ids seen.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct CaseBook {
    cases: Cases,
    seen: Seen,
    facts: Vec<Fact>,
}

impl CaseBook {
    /// An empty book.
    pub fn new() -> CaseBook {
        CaseBook::default()
    }

    /// The facts `cmd` would produce, without changing the book (empty for a command id
    /// seen before).
    pub fn decide(&self, cmd: &Command, ctx: &CaseContext<'_>) -> Result<Vec<Fact>, CaseError> {
        if self.seen.contains(&cmd.id) {
            return Ok(Vec::new());
        }
        if cmd.op == Op::Report {
            if self.cases.contains_key(&cmd.case) {
                return Err(CaseError::CaseExists(cmd.case.clone()));
            }
            let mut fact = intake::report(cmd, ctx)?;
            self.flag_duplicate(&mut fact, ctx);
            return Ok(vec![fact]);
        }
        let case = self
            .cases
            .get(&cmd.case)
            .ok_or_else(|| CaseError::UnknownCase(cmd.case.chars().take(128).collect()))?;
        let facts = case.decide(cmd, ctx)?;
        if cmd.op == Op::Merge {
            let a: MergeArgs = cmd.args()?;
            match self.cases.get(&a.into) {
                None => return Err(CaseError::UnknownCase(a.into.chars().take(128).collect())),
                Some(t) if t.is_final() => {
                    return Err(super::authorization::violation(
                        Op::Merge,
                        "merge",
                        "the case merged into must be open",
                    ));
                }
                Some(_) => {}
            }
        }
        Ok(facts)
    }

    fn flag_duplicate(&self, fact: &mut Fact, ctx: &CaseContext<'_>) {
        let Event::Reported(r) = &mut fact.event else {
            return;
        };
        let Some(p) = r.point else { return };
        let Ok(p) = r.crs.unwrap_or_default().to_wgs84(p) else {
            return;
        };
        // The open case of the same category nearby with the smallest id (one pass, no
        // sorting: this runs for every report).
        let mut best: Option<&str> = None;
        for c in self.cases.values() {
            if c.is_final() || c.report.category != r.category {
                continue;
            }
            if best.is_some_and(|b| b <= c.id.as_str()) {
                continue;
            }
            let Some(q) = c.report.point else { continue };
            let Ok(q) = c.report.crs.unwrap_or_default().to_wgs84(q) else {
                continue;
            };
            if intake::near(ctx, p, &fact.at, q, &c.reported_at) {
                best = Some(&c.id);
            }
        }
        if let Some(b) = best {
            r.likely_duplicate_of = Some(b.to_owned());
        }
    }

    /// Decides and applies one command: its facts, or why not (nothing changed). A command
    /// id seen before gives no facts and changes nothing.
    pub fn execute(
        &mut self,
        cmd: &Command,
        ctx: &CaseContext<'_>,
    ) -> Result<Vec<Fact>, CaseError> {
        let facts = self.decide(cmd, ctx)?;
        for f in &facts {
            self.fold(f.clone());
        }
        if !facts.is_empty() {
            self.seen.insert(cmd.id.clone());
        }
        Ok(facts)
    }

    /// Runs a batch, each command atomically: one outcome per command, in order.
    pub fn execute_all(&mut self, cmds: &[Command], ctx: &CaseContext<'_>) -> Vec<Outcome> {
        cmds.iter()
            .map(|c| match self.execute(c, ctx) {
                Ok(f) => Outcome::Applied(f),
                Err(e) => Outcome::Rejected(e),
            })
            .collect()
    }

    /// Folds in a fact the engine decided (valid by construction).
    fn fold(&mut self, f: Fact) {
        if let Some(id) = &f.command {
            self.seen.insert(id.clone());
        }
        match self.cases.get_mut(&f.case) {
            Some(c) => c.apply(&f),
            None => {
                if let Some(c) = Case::from_fact(&f) {
                    self.cases.insert(f.case.clone(), c);
                }
            }
        }
        self.facts.push(f);
    }

    /// Checks that `f` can follow the book's facts, then folds it in — one lookup of its
    /// case for both (replay's hot path).
    fn fold_checked(&mut self, f: Fact) -> Result<(), String> {
        let reported = matches!(f.event, Event::Reported(_));
        match self.cases.get_mut(&f.case) {
            Some(_) if reported => {
                return Err(format!("case {:?} is reported twice", f.case));
            }
            Some(c) if f.at < c.last_at => {
                return Err(format!(
                    "out of order: {} is before the case's last fact ({})",
                    f.at.to_rfc3339(),
                    c.last_at.to_rfc3339()
                ));
            }
            Some(c) => c.apply(&f),
            None if !reported => {
                return Err(format!("case {:?} has no report before this fact", f.case));
            }
            None if f.actor.is_none() => return Err("a report needs its actor".into()),
            None => {
                if let Some(c) = Case::from_fact(&f) {
                    self.cases.insert(f.case.clone(), c);
                }
            }
        }
        if let Some(id) = &f.command {
            self.seen.insert(id.clone());
        }
        self.facts.push(f);
        Ok(())
    }

    /// Checks that a fact can follow the book's facts (its case exists unless it reports
    /// one, it is not earlier than the case's last fact), then folds it in.
    pub fn apply(&mut self, f: &Fact) -> Result<(), String> {
        self.fold_checked(f.clone())
    }

    /// A book from facts in journal order; an error names the 1-based position.
    pub fn replay(facts: &[Fact]) -> Result<CaseBook, CaseError> {
        let mut b = CaseBook::new();
        for (i, f) in facts.iter().enumerate() {
            b.apply(f).map_err(|message| CaseError::InvalidJournal {
                line: i + 1,
                message,
            })?;
        }
        Ok(b)
    }

    /// [`CaseBook::replay`] taking the facts by value (no copy of each fact).
    pub fn replay_owned(facts: Vec<Fact>) -> Result<CaseBook, CaseError> {
        let mut b = CaseBook::new();
        b.facts.reserve(facts.len());
        b.seen.reserve(facts.len());
        for (i, f) in facts.into_iter().enumerate() {
            b.fold_checked(f)
                .map_err(|message| CaseError::InvalidJournal {
                    line: i + 1,
                    message,
                })?;
        }
        Ok(b)
    }

    /// A book from a journal's text (header line, then facts); an error names the line.
    pub fn replay_journal(text: &str) -> Result<CaseBook, CaseError> {
        let facts = read_journal(text)?;
        let lines = fact_lines(text);
        CaseBook::replay_owned(facts).map_err(|e| match e {
            CaseError::InvalidJournal { line, message } => CaseError::InvalidJournal {
                line: lines.get(line - 1).copied().unwrap_or(line),
                message,
            },
            other => other,
        })
    }

    /// Breach facts for every deadline passed by `now` and not recorded yet, applied to
    /// the book and returned (the policy's breach actions: escalate a tier,
    /// auto-supervise). A summoned department that has not checked in by its limit gets
    /// one `check_in` breach fact naming it, with no action on the case.
    pub fn tick(
        &mut self,
        now: DateTime<FixedOffset>,
        ctx: &CaseContext<'_>,
    ) -> Result<Vec<Fact>, CaseError> {
        let mut out = Vec::new();
        let b = &ctx.policy.breach;
        let supervise = (b.supervise != Supervision::None).then_some(b.supervise);
        for c in self.cases() {
            if c.is_final() || c.status == CaseStatus::Suspended {
                continue;
            }
            let at = now.max(c.last_at);
            if c.breached_stage != Some(c.stage_no)
                && let Some(k) = stage_clock(c, ctx.policy, ctx.calendar, &now)?
                && k.due < now
            {
                let escalated = (b.escalate && !matches!(c.handler, UnitRef::Department(_)))
                    .then(|| tier_up(c.tier))
                    .filter(|t| *t != c.tier)
                    .map(|t| (t, tier_unit(&c.report.grid, t)));
                out.push(Fact {
                    case: c.id.clone(),
                    command: None,
                    at,
                    actor: None,
                    event: Event::Breached {
                        clock: ClockKind::Stage,
                        due: k.due,
                        escalated,
                        supervision: supervise,
                        department: None,
                    },
                });
            }
            if !c.breached_overall
                && let Some(k) = overall_clock(c, ctx.policy, ctx.calendar, &now)?
                && k.due < now
            {
                out.push(Fact {
                    case: c.id.clone(),
                    command: None,
                    at,
                    actor: None,
                    event: Event::Breached {
                        clock: ClockKind::Overall,
                        due: k.due,
                        escalated: None,
                        supervision: supervise,
                        department: None,
                    },
                });
            }
            // a summoned department not checked in by its limit: recorded once, no action
            // on the case (its handler is not the one late)
            for (d, s) in &c.summoned {
                if s.checked_in.is_some() || s.breached {
                    continue;
                }
                let due = check_in_due(ctx.policy, ctx.calendar, &s.at)?;
                if due < now {
                    out.push(Fact {
                        case: c.id.clone(),
                        command: None,
                        at,
                        actor: None,
                        event: Event::Breached {
                            clock: ClockKind::CheckIn,
                            due,
                            escalated: None,
                            supervision: None,
                            department: Some(d.clone()),
                        },
                    });
                }
            }
        }
        for f in &out {
            self.fold(f.clone());
        }
        Ok(out)
    }

    /// A case by id.
    pub fn case(&self, id: &str) -> Option<&Case> {
        self.cases.get(id)
    }

    /// Every case, by id.
    pub fn cases(&self) -> impl Iterator<Item = &Case> {
        let mut v: Vec<&Case> = self.cases.values().collect();
        v.sort_unstable_by(|a, b| a.id.cmp(&b.id));
        v.into_iter()
    }

    /// Every fact, in order (the journal's content).
    pub fn facts(&self) -> &[Fact] {
        &self.facts
    }

    /// Whether a command id has been seen.
    pub fn seen(&self, command: &str) -> bool {
        self.seen.contains(command)
    }

    /// The instant of the last fact, if any.
    pub fn last_at(&self) -> Option<DateTime<FixedOffset>> {
        self.cases.values().map(|c| c.last_at).max()
    }
}
