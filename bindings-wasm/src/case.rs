//! The case book object (`CaseBook`): a book open with its policy, sent commands one at a
//! time. Commands, facts, states and records are plain JS objects in the shapes of the JSON
//! Schemas in `schemas/`, typed in TypeScript below.

use wangge::api::Limits;
use wangge::case::{OpenBook, read_at};
use wasm_bindgen::prelude::*;

use crate::{err, shape_err, to_js};

#[wasm_bindgen(typescript_custom_section)]
const CASE_TS: &str = r#"
/** A case operation. */
export type CaseOp = "report" | "accept" | "assess" | "claim" | "dispatch" | "delegate"
  | "summon" | "check_in" | "send_back" | "start" | "resolve" | "verify" | "close" | "reopen"
  | "suspend" | "resume" | "extend" | "void" | "supervise" | "merge" | "feedback" | "rate";

/** Who: a person, a policy role id and a unit code (or `dept:<department id>`). */
export interface CaseActor { person: string; role: string; unit: string }

/** One command (schemas/case-command.schema.json). `at`: RFC 3339 with offset. */
export interface CaseCommand {
  id: string;
  case: string;
  op: CaseOp;
  at: string;
  actor: CaseActor;
  /** The operation's arguments (their shapes differ by operation). */
  args?: Record<string, unknown>;
}

/** One journal fact (schemas/case-fact.schema.json): `type` says what happened. */
export interface CaseFact {
  case: string;
  /** The command that produced it (absent for breach facts). */
  command?: string;
  at: string;
  actor?: CaseActor;
  type: string;
  [field: string]: unknown;
}

/** A case's status. */
export type CaseStatus = "reported" | "accepted" | "assigned" | "in_progress" | "resolved"
  | "closed" | "suspended" | "voided" | "merged";

/** A case's state at an instant (schemas/case-state.schema.json). */
export interface CaseState {
  case: string;
  status: CaseStatus;
  /** `t1` grid, `t2` community, `t3` town, `t4` county. */
  tier: "t1" | "t2" | "t3" | "t4";
  grid: string;
  handler: string;
  category: string;
  urgency: "routine" | "important" | "urgent";
  emergency: boolean;
  due: { stage: string | null; overall: string | null };
  colour: "green" | "blue" | "yellow" | "red" | null;
  urgency_colour: "green" | "blue" | "yellow" | "red";
  rework: number;
  supervision: "none" | "normal" | "yellow" | "red";
  rating: "satisfied" | "basically_satisfied" | "unsatisfied" | null;
  claimed: boolean;
  summoned?: { department: string; [field: string]: unknown }[];
  duplicate_of?: string;
  likely_duplicate_of?: string;
}

/**
 * One case record, the row scoring reads (schemas/case-record.schema.json). Instants are
 * RFC 3339 with an offset. Fields marked optional may be left out when written (absent
 * or `null`: unknown; counts and flags: 0 / false; `handler`: empty).
 */
export interface CaseRecord {
  id: string;
  /** The grid code (14, 15 or 20 digits). */
  grid: string;
  /** The unit handling it last: a unit code or `dept:<department id>`. */
  handler?: string;
  /** The grid worker responsible. */
  worker?: string | null;
  /** Category id from the policy's catalogue. */
  category: string;
  class: "event" | "component";
  urgency: "routine" | "important" | "urgent";
  tier: "t1" | "t2" | "t3" | "t4";
  source: "patrol" | "resident" | "hotline" | "sensor" | "department" | "leader";
  reported_at: string;
  accepted_at?: string | null;
  /** The overall deadline in force. */
  due_at?: string | null;
  closed_at?: string | null;
  status: CaseStatus;
  /** Failed verifications (返工). */
  rework?: number;
  supervision?: "none" | "normal" | "yellow" | "red";
  rating?: "satisfied" | "basically_satisfied" | "unsatisfied" | null;
  /** Whether the return visit reached the reporter. */
  contacted?: boolean | null;
  /** Whether the reporter says the matter was resolved. */
  resolved?: boolean | null;
  /** Assigned by a leader (领导交办). */
  leader_assigned?: boolean;
  /** Deferred (缓办). */
  deferred?: boolean;
}

/** One line of a case's readable history. */
export interface CaseHistoryLine { at: string; type: string; who: string; text: string }
"#;

/// A case book: the facts so far, the policy they run under and, optionally, the grids
/// that locate reports given as points. Commands are atomic: a refused one throws its
/// `WanggeError` and leaves the book unchanged.
#[wasm_bindgen]
#[derive(Debug)]
pub struct CaseBook {
    inner: OpenBook,
}

#[wasm_bindgen]
impl CaseBook {
    /// Opens a book: `policy` is a preset id (`"seed003"`) or policy text (TOML or JSON);
    /// `grids` a GeoJSON grid layer (text), to locate reports given as points; `journal` a
    /// journal's text (JSON Lines, as `journal()` or `wangge case apply` writes it).
    #[wasm_bindgen(constructor)]
    pub fn new(
        policy: &str,
        grids: Option<String>,
        journal: Option<String>,
    ) -> Result<CaseBook, JsValue> {
        let inner = OpenBook::open(policy, grids.as_deref(), journal.as_deref()).map_err(err)?;
        Ok(CaseBook { inner })
    }

    /// Runs one command; returns its new facts (empty for a command id seen before).
    #[wasm_bindgen(unchecked_return_type = "CaseFact[]")]
    pub fn execute(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "CaseCommand")] command: JsValue,
    ) -> Result<JsValue, JsValue> {
        let v: serde_json::Value = serde_wasm_bindgen::from_value(command).map_err(shape_err)?;
        Limits::default().check_value("command", &v).map_err(err)?;
        let c = wangge::case::api::read_command(&v).map_err(err)?;
        to_js(&self.inner.execute(&c).map_err(err)?)
    }

    /// Adds the breach facts at `now` (RFC 3339) — deadlines passed and not yet recorded
    /// — and returns them.
    #[wasm_bindgen(unchecked_return_type = "CaseFact[]")]
    pub fn tick(&mut self, now: &str) -> Result<JsValue, JsValue> {
        let now = wangge::api::args::parse_instant(now).map_err(err)?;
        to_js(&self.inner.tick(now).map_err(err)?)
    }

    /// One case's state at `at` (RFC 3339; default: the last fact's instant); `null` for
    /// an unknown case.
    #[wasm_bindgen(unchecked_return_type = "CaseState | null")]
    pub fn state(
        &self,
        #[wasm_bindgen(js_name = caseId)] case_id: &str,
        at: Option<String>,
    ) -> Result<JsValue, JsValue> {
        let at = read_at(at.as_deref()).map_err(err)?;
        to_js(&self.inner.state(case_id, at).map_err(err)?)
    }

    /// Every case's state at `at` (default: the last fact's instant), by id.
    #[wasm_bindgen(unchecked_return_type = "CaseState[]")]
    pub fn states(&self, at: Option<String>) -> Result<JsValue, JsValue> {
        let at = read_at(at.as_deref()).map_err(err)?;
        to_js(&self.inner.cases(at).map_err(err)?)
    }

    /// The case records scoring reads, at `at` (default: the last fact's instant), by id —
    /// the `records` of the `score.compute` operation.
    #[wasm_bindgen(unchecked_return_type = "CaseRecord[]")]
    pub fn records(&self, at: Option<String>) -> Result<JsValue, JsValue> {
        let at = read_at(at.as_deref()).map_err(err)?;
        to_js(&self.inner.records(at).map_err(err)?)
    }

    /// The readable history of a case, oldest first (`unknown_case` for an unknown id).
    #[wasm_bindgen(unchecked_return_type = "CaseHistoryLine[]")]
    pub fn history(
        &self,
        #[wasm_bindgen(js_name = caseId)] case_id: &str,
    ) -> Result<JsValue, JsValue> {
        to_js(&self.inner.history(case_id).map_err(err)?)
    }

    /// The whole journal as text (a header line, then one fact per line), to save and to
    /// open again.
    pub fn journal(&self) -> String {
        self.inner.journal()
    }

    /// The number of facts.
    #[wasm_bindgen(getter, js_name = factCount)]
    pub fn fact_count(&self) -> usize {
        self.inner.facts().len()
    }
}
