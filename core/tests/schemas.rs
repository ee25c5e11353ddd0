//! The JSON Schemas of the wire contract (`schemas/`, issue 12) against everything that
//! speaks it: the example commands file, the conformance vectors, the JSON in the docs,
//! and the commands, facts, states and records the engine itself produces and reads.
//!
//! The schemas are hand-written (they are what users read); these tests keep them and the
//! engine in step both ways: what the engine writes or accepts validates, and what the
//! schemas refuse the engine refuses too.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use chrono::{DateTime, FixedOffset};
use serde_json::{Value, json};
use wangge::case::{CaseBook, CaseContext, CaseView, Command, Fact, JournalHeader, write_header};
use wangge::policy::Policy;
use wangge::record::CaseRecord;

const COMMAND: &str = "case-command";
const FACT: &str = "case-fact";
const HEADER: &str = "case-journal-header";
const STATE: &str = "case-state";
const RECORD: &str = "case-record";
const ALL: &[&str] = &[COMMAND, FACT, HEADER, STATE, RECORD];

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn read_json(path: &Path) -> Value {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn schema_json(name: &str) -> Value {
    read_json(&root().join("schemas").join(format!("{name}.schema.json")))
}

/// The five schemas, compiled (draft 2020-12, formats asserted).
struct Schemas {
    set: boon::Schemas,
    index: BTreeMap<&'static str, boon::SchemaIndex>,
}

impl Schemas {
    fn load() -> Schemas {
        let mut set = boon::Schemas::new();
        let mut compiler = boon::Compiler::new();
        compiler.enable_format_assertions();
        let mut index = BTreeMap::new();
        for &name in ALL {
            let v = schema_json(name);
            let id = v["$id"].as_str().expect("$id").to_owned();
            compiler.add_resource(&id, v).unwrap();
            let i = compiler
                .compile(&id, &mut set)
                .unwrap_or_else(|e| panic!("{name}: {e:#}"));
            index.insert(name, i);
        }
        Schemas { set, index }
    }

    fn check(&self, name: &str, v: &Value) -> Result<(), String> {
        self.set
            .validate(v, self.index[name])
            .map_err(|e| format!("{e:#}"))
    }

    #[track_caller]
    fn valid(&self, name: &str, v: &Value) {
        if let Err(e) = self.check(name, v) {
            panic!("{name} refuses {v}:\n{e}");
        }
    }

    #[track_caller]
    fn invalid(&self, name: &str, v: &Value) {
        assert!(self.check(name, v).is_err(), "{name} accepts {v}");
    }
}

fn t(s: &str) -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339(s).unwrap()
}

fn ctx(policy: &Policy) -> CaseContext<'_> {
    CaseContext {
        policy: &policy.case,
        calendar: &policy.calendar,
        grids: None,
    }
}

/// Every schema is a draft 2020-12 schema with an id, a title, a description and
/// examples; every example validates and is read by the engine's own type.
#[test]
fn every_schema_is_described_and_its_examples_hold() {
    let s = Schemas::load();
    for &name in ALL {
        let v = schema_json(name);
        assert_eq!(
            v["$schema"], "https://json-schema.org/draft/2020-12/schema",
            "{name}"
        );
        assert!(
            v["$id"]
                .as_str()
                .is_some_and(|id| id.ends_with(&format!("/{name}.schema.json"))),
            "{name}: $id"
        );
        for key in ["title", "description"] {
            assert!(
                v[key].as_str().is_some_and(|t| t.len() > 10),
                "{name}: {key}"
            );
        }
        let examples = v["examples"].as_array().expect("examples");
        assert!(!examples.is_empty(), "{name}: examples");
        for e in examples {
            s.valid(name, e);
            parses(name, e).unwrap_or_else(|err| panic!("{name} example {e}: {err}"));
        }
    }
}

/// Reads `v` with the engine's own type for schema `name`.
fn parses(name: &str, v: &Value) -> Result<(), String> {
    let text = v.to_string();
    match name {
        COMMAND => Command::from_json(&text)
            .map(drop)
            .map_err(|e| e.to_string()),
        FACT => serde_json::from_str::<Fact>(&text)
            .map(drop)
            .map_err(|e| e.to_string()),
        HEADER => serde_json::from_str::<JournalHeader>(&text)
            .map(drop)
            .map_err(|e| e.to_string()),
        STATE => serde_json::from_str::<CaseView>(&text)
            .map(drop)
            .map_err(|e| e.to_string()),
        RECORD => serde_json::from_str::<CaseRecord>(&text)
            .map(drop)
            .map_err(|e| e.to_string()),
        _ => unreachable!("{name}"),
    }
}

/// The definitions the schemas share (instants, codes, the actor, the enums) are the same
/// in every file that has them: each file stands alone, and they cannot drift apart.
#[test]
fn shared_definitions_are_identical_across_files() {
    let mut seen: BTreeMap<String, (String, Value)> = BTreeMap::new();
    let mut shared = 0;
    for &name in ALL {
        let v = schema_json(name);
        let Some(defs) = v["$defs"].as_object() else {
            continue;
        };
        for (k, d) in defs {
            match seen.get(k) {
                Some((first, other)) => {
                    assert_eq!(d, other, "$defs/{k} differs between {first} and {name}");
                    shared += 1;
                }
                None => {
                    seen.insert(k.clone(), (name.to_owned(), d.clone()));
                }
            }
        }
    }
    assert!(shared >= 10, "only {shared} shared definitions");
}

/// The schemas' enumerations are the engine's: every op of the wire contract and no other,
/// and every enum value of a schema is read by the engine (and written back the same way
/// when it is the canonical spelling).
#[test]
fn enumerations_match_the_engine() {
    let cmd = schema_json(COMMAND);
    let ops: Vec<&str> = cmd["properties"]["op"]["enum"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    let engine: Vec<&str> = wangge::case::Op::ALL.iter().map(|o| o.name()).collect();
    assert_eq!(ops, engine);
    // every op has exactly one args rule
    let rules = cmd["allOf"].as_array().unwrap();
    let ruled: Vec<&str> = rules
        .iter()
        .map(|r| r["if"]["properties"]["op"]["const"].as_str().unwrap())
        .collect();
    assert_eq!(ruled, engine);

    fn each<T: serde::de::DeserializeOwned + serde::Serialize>(defs: &Value, key: &str) {
        let values = defs[key]["enum"]
            .as_array()
            .unwrap_or_else(|| panic!("$defs/{key}"));
        for v in values {
            let parsed: T = serde_json::from_value(v.clone())
                .unwrap_or_else(|e| panic!("$defs/{key}: {v} is not read: {e}"));
            let back = serde_json::to_value(&parsed).unwrap();
            let canonical = v
                .as_str()
                .unwrap()
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
            if canonical {
                assert_eq!(&back, v, "$defs/{key}");
            }
        }
    }
    use wangge::record::{CaseClass, CaseStatus, Rating, Source, Supervision, Tier, Urgency};
    let fact = schema_json(FACT);
    let d = &fact["$defs"];
    each::<Tier>(d, "tier");
    each::<Urgency>(d, "urgency");
    each::<CaseClass>(d, "class");
    each::<Source>(d, "source");
    each::<Supervision>(d, "supervision");
    each::<Rating>(d, "rating");
    each::<wangge::geo::Crs>(d, "crs");
    let state = schema_json(STATE);
    each::<CaseStatus>(&state["$defs"], "status");
    each::<wangge::case::clocks::Colour>(&state["$defs"], "colour");
    each::<Tier>(&cmd["$defs"], "tier_in");
    each::<Urgency>(&cmd["$defs"], "urgency_in");
    // the variant counts of the engine's enums
    let n = |v: &Value, k: &str| v["$defs"][k]["enum"].as_array().unwrap().len();
    assert_eq!(
        [
            n(&fact, "tier"),
            n(&fact, "urgency"),
            n(&fact, "source"),
            n(&state, "status"),
            n(&fact, "supervision"),
            n(&fact, "rating")
        ],
        [4, 3, 6, 9, 4, 3]
    );
}

/// Every line of `examples/data/case-commands.jsonl` is a valid command.
#[test]
fn the_example_commands_file_validates() {
    let s = Schemas::load();
    let text = std::fs::read_to_string(root().join("examples/data/case-commands.jsonl")).unwrap();
    let mut n = 0;
    for line in text.lines().filter(|l| !l.trim().is_empty()) {
        let v: Value = serde_json::from_str(line).unwrap();
        s.valid(COMMAND, &v);
        n += 1;
    }
    assert_eq!(n, 10);
}

/// What the case.* conformance vectors pass in and expect out validates: commands, journal
/// facts, result facts, states and records.
#[test]
fn the_conformance_vectors_validate() {
    let s = Schemas::load();
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    let dir = root().join("tests/vectors");
    for op in ["apply", "history", "records", "replay", "tick"] {
        let file = read_json(&dir.join(format!("case.{op}.json")));
        for case in file["cases"].as_array().unwrap() {
            let input = &case["input"];
            let output = &case["output"];
            // a command the vector expects refused as malformed is refused by the schema too
            let malformed: BTreeSet<&str> = output["results"]
                .as_array()
                .into_iter()
                .flatten()
                .filter(|r| r["error"]["name"] == "invalid_command")
                .filter_map(|r| r["command"].as_str())
                .collect();
            for c in input["commands"].as_array().into_iter().flatten() {
                if c["id"].as_str().is_some_and(|id| malformed.contains(id)) {
                    s.invalid(COMMAND, c);
                    *counts.entry("malformed").or_default() += 1;
                } else {
                    s.valid(COMMAND, c);
                    *counts.entry(COMMAND).or_default() += 1;
                }
            }
            let mut each = |name: &'static str, list: &Value| {
                for v in list.as_array().into_iter().flatten() {
                    s.valid(name, v);
                    *counts.entry(name).or_default() += 1;
                }
            };
            each(FACT, &input["journal"]);
            each(FACT, &output["facts"]);
            for r in output["results"].as_array().into_iter().flatten() {
                each(FACT, &r["facts"]);
            }
            each(STATE, &output["cases"]);
            each(RECORD, &output["records"]);
        }
    }
    for name in [COMMAND, FACT, STATE, RECORD, "malformed"] {
        assert!(
            counts.get(name).copied().unwrap_or(0) > 0,
            "no {name} in the vectors"
        );
    }
}

/// The JSON objects written in the doc comments of the case and record modules (raw
/// strings in `///` and `//!` examples) validate when they are whole commands, facts or
/// records.
#[test]
fn the_doc_examples_validate() {
    let s = Schemas::load();
    let files = [
        "core/src/actor.rs",
        "core/src/case/command.rs",
        "core/src/case/fact.rs",
        "core/src/case/journal.rs",
        "core/src/case/mod.rs",
        "core/src/record/mod.rs",
        "core/src/record/jsonl.rs",
    ];
    let mut found: BTreeMap<&str, usize> = BTreeMap::new();
    for f in files {
        let text = std::fs::read_to_string(root().join(f)).unwrap();
        let doc: String = text
            .lines()
            .filter_map(|l| {
                let l = l.trim_start();
                l.strip_prefix("///").or_else(|| l.strip_prefix("//!"))
            })
            .collect::<Vec<_>>()
            .join("\n");
        let mut rest = doc.as_str();
        while let Some(start) = rest.find("r#\"") {
            let body = &rest[start + 3..];
            let Some(end) = body.find("\"#") else { break };
            rest = &body[end + 2..];
            let Ok(v) = serde_json::from_str::<Value>(&body[..end]) else {
                continue;
            };
            let Some(o) = v.as_object() else { continue };
            let name = if ["op", "actor", "at"].iter().all(|k| o.contains_key(*k)) {
                COMMAND
            } else if o.contains_key("type") && o.contains_key("case") {
                FACT
            } else if o.contains_key("reported_at") {
                RECORD
            } else {
                continue;
            };
            s.valid(name, &v);
            *found.entry(name).or_default() += 1;
        }
    }
    for name in [COMMAND, FACT, RECORD] {
        assert!(
            found.get(name).is_some_and(|&n| n > 0),
            "no {name} in the docs: {found:?}"
        );
    }
}

// ---- what the engine produces -------------------------------------------------------

const GRID: &str = "371323100201001";
const GRID2: &str = "371323100201002";
const GRID3: &str = "371323101001001";
const COMMUNITY: &str = "371323100201";
const TOWN: &str = "371323100000";
const TOWN2: &str = "371323101000";
const COUNTY: &str = "371323";

const ACTORS: &[(&str, &str)] = &[
    ("grid_worker", GRID),
    ("grid_worker", GRID2),
    ("grid_worker", GRID3),
    ("community_centre", COMMUNITY),
    ("town_centre", TOWN),
    ("town_centre", TOWN2),
    ("county_centre", COUNTY),
    ("department", "dept:housing"),
    ("department", "dept:police"),
    ("leader", COUNTY),
];

fn args(op: &str, k: usize) -> Value {
    let cats = ["邻里纠纷", "安全生产", "火灾事故", "环境卫生"];
    let urg = ["routine", "important", "urgent"];
    match op {
        "report" => {
            json!({"category": cats[k % 4], "urgency": urg[k % 3], "grid": ([GRID, GRID2, GRID3][k % 3]),
            "description": "d", "attachments": ["a.jpg"], "reporter": "r", "source": "hotline"})
        }
        "assess" => json!({"tier": (["t1", "t2", "t3", "t4"][k % 4]), "reason": "研判"}),
        "dispatch" => json!({"to": ([TOWN, "dept:housing", TOWN2][k % 3])}),
        "delegate" => json!({"to": ([COMMUNITY, GRID, GRID3][k % 3])}),
        "summon" => json!({"departments": [(["housing", "police"][k % 2])]}),
        "send_back" | "reopen" => json!({"reason": "r"}),
        "resolve" => json!({"note": "n"}),
        "verify" => json!({"passed": !k.is_multiple_of(3), "note": "n"}),
        "suspend" | "void" => json!({"reason": "r", "approved_by": "a"}),
        "extend" => json!({"by": "1 working days", "reason": "r", "approved_by": "a"}),
        "supervise" => json!({"level": (["normal", "yellow", "red"][k % 3]), "reason": "r"}),
        "merge" => json!({"into": format!("C{}", k % 8), "reason": "dup"}),
        "feedback" => json!({"message": "m"}),
        "rate" => {
            json!({"rating": (["satisfied", "basically_satisfied", "unsatisfied"][k % 3]), "contacted": true, "resolved": k.is_multiple_of(2)})
        }
        _ => json!({}),
    }
}

/// The operations that move a case on from its status.
fn natural(status: wangge::record::CaseStatus) -> &'static [&'static str] {
    use wangge::record::CaseStatus as S;
    match status {
        S::Reported => &["accept", "claim", "merge", "dispatch", "assess"],
        S::Accepted => &["start", "delegate", "summon", "delegate", "send_back"],
        S::Assigned => &["accept", "start", "summon", "check_in", "send_back"],
        S::InProgress => &["resolve", "resolve", "check_in", "suspend", "extend"],
        S::Resolved => &["verify", "close", "verify", "close", "supervise"],
        S::Closed => &["feedback", "rate", "reopen", "feedback", "rate"],
        S::Suspended => &["resume", "resume", "void", "resume", "resume"],
        _ => &["supervise"; 5],
    }
}

/// A small deterministic generator (the sequence needs no statistics, only variety).
struct Lcg(u64);
impl Lcg {
    fn next(&mut self, n: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((self.0 >> 33) as usize) % n
    }
}

/// `cmd` with every property its op's args definition lists added (a sample value of the
/// right type) where the command does not give it.
fn with_every_arg(schema: &Value, cmd: &Value) -> Value {
    let rule = schema["allOf"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["if"]["properties"]["op"]["const"] == cmd["op"])
        .unwrap();
    let def = rule["then"]["properties"]["args"]["$ref"]
        .as_str()
        .unwrap()
        .trim_start_matches("#/$defs/");
    let mut out = cmd.clone();
    for (k, p) in schema["$defs"][def]["properties"].as_object().unwrap() {
        if out["args"].get(k).is_some() {
            continue;
        }
        let sample = match p["$ref"].as_str().map(|r| r.trim_start_matches("#/$defs/")) {
            Some("grid") => json!(GRID),
            Some("unit") => json!(TOWN),
            Some("point") => json!({"lon": 118.35, "lat": 35.1}),
            Some("crs") => json!("gcj02"),
            Some("limit") => json!("1 working days"),
            Some(other) => schema["$defs"][other]["enum"][0].clone(),
            None => match p["type"].as_str() {
                Some("boolean") => json!(false),
                Some("array") => json!([]),
                _ => p["enum"].get(0).cloned().unwrap_or(json!("x")),
            },
        };
        out["args"][k] = sample;
    }
    out
}

/// Runs a long mixed sequence of commands (most of them fitting the case's status, every
/// actor tried) through a `CaseBook`, with `tick` between them. Every command the engine
/// accepts validates (the schema is not stricter than the engine), and every fact, every
/// state and every record the engine writes validates. The same command with every
/// optional arg its schema lists is read by the engine as well. The run must produce every kind
/// of fact, or it proves little.
#[test]
fn what_the_engine_accepts_and_writes_validates() {
    let s = Schemas::load();
    let mut types = BTreeSet::new();
    let mut clocks = BTreeSet::new();
    let mut accepted = 0;
    let command_schema = schema_json(COMMAND);
    for (preset, seed) in [
        ("seed001", 1u64),
        ("seed003", 2),
        ("seed000", 3),
        ("seed001", 4),
    ] {
        let policy = Policy::preset(preset).unwrap();
        let ctx = ctx(&policy);
        let mut book = CaseBook::new();
        let mut rng = Lcg(seed);
        let mut at = t("2026-02-10T08:00:00+08:00");
        // two scripted cases for the tickets the random walk seldom reaches: 分单 and 抢单
        let script = [
            (
                "S1",
                "report",
                ("grid_worker", GRID),
                json!({"category": "安全生产", "urgency": "routine", "grid": GRID}),
            ),
            ("S1", "accept", ("town_centre", TOWN), json!({})),
            (
                "S1",
                "delegate",
                ("town_centre", TOWN),
                json!({"to": COMMUNITY}),
            ),
            (
                "S2",
                "report",
                ("grid_worker", GRID),
                json!({"category": "安全生产", "urgency": "important", "grid": GRID}),
            ),
            (
                "S2",
                "assess",
                ("town_centre", TOWN),
                json!({"tier": "t4", "reason": "跨镇"}),
            ),
            ("S2", "claim", ("town_centre", TOWN), json!({})),
        ];
        for (n, (case, op, (role, unit), a)) in script.into_iter().enumerate() {
            at += chrono::Duration::minutes(5);
            let v = json!({"id": format!("s{n}"), "case": case, "op": op, "at": at.to_rfc3339(),
                "actor": {"person": "p", "role": role, "unit": unit}, "args": a});
            let cmd = Command::from_json(&v.to_string()).unwrap();
            if let Ok(facts) = book.execute(&cmd, &ctx) {
                s.valid(COMMAND, &v);
                for f in facts {
                    let fv = serde_json::to_value(&f).unwrap();
                    s.valid(FACT, &fv);
                    types.insert(fv["type"].as_str().unwrap().to_owned());
                }
            }
        }
        for i in 0..1500 {
            at += chrono::Duration::minutes(rng.next(300) as i64);
            let case = format!("C{}", rng.next(8));
            let op = match book.case(&case) {
                Some(c) if rng.next(5) > 0 => natural(c.status)[rng.next(5)],
                Some(_) => wangge::case::Op::ALL[rng.next(22)].name(),
                None => "report",
            };
            let (role, unit) = match book.case(&case) {
                // most often the handler itself or the case's grid worker, when listed
                Some(_) if op == "check_in" => ACTORS[7 + rng.next(2)],
                Some(c) if rng.next(3) > 0 => {
                    let h = c.handler.to_string();
                    let g = c.report.grid.to_string();
                    let want = match op {
                        "verify" | "close" | "feedback" | "rate" => g,
                        // the town of the case's grid
                        "claim" | "delegate" | "summon" | "send_back" | "merge" => {
                            format!("{}000", &g[..9])
                        }
                        _ => h,
                    };
                    ACTORS
                        .iter()
                        .copied()
                        .find(|a| a.1 == want)
                        .unwrap_or(ACTORS[rng.next(ACTORS.len())])
                }
                _ => ACTORS[rng.next(ACTORS.len())],
            };
            let mut a = args(op, rng.next(12));
            if op == "report" && unit.len() == 15 {
                a["grid"] = json!(unit);
            }
            let v = json!({"id": format!("k{i}"), "case": case, "op": op, "at": at.to_rfc3339(),
                "actor": {"person": "p", "role": role, "unit": unit}, "args": a});
            let cmd = Command::from_json(&v.to_string()).unwrap();
            let before = book.clone();
            if let Ok(facts) = book.execute(&cmd, &ctx) {
                s.valid(COMMAND, &v);
                accepted += 1;
                // every optional arg the schema lists is read by the engine too
                let full = with_every_arg(&command_schema, &v);
                s.valid(COMMAND, &full);
                let full_cmd = Command::from_json(&full.to_string()).unwrap();
                if let Err(e) = before.clone().execute(&full_cmd, &ctx) {
                    assert_ne!(e.code(), wangge::ErrorCode::InvalidCommand, "{full}: {e}");
                }
                for f in facts {
                    let fv = serde_json::to_value(&f).unwrap();
                    s.valid(FACT, &fv);
                    types.insert(fv["type"].as_str().unwrap().to_owned());
                }
            }
            if i % 25 == 0 {
                for f in book.tick(at, &ctx).unwrap() {
                    let fv = serde_json::to_value(&f).unwrap();
                    s.valid(FACT, &fv);
                    types.insert(fv["type"].as_str().unwrap().to_owned());
                    clocks.insert(fv["clock"].as_str().unwrap().to_owned());
                }
            }
            if i % 100 == 0 {
                for view in book.views(&ctx, &at).unwrap() {
                    s.valid(STATE, &serde_json::to_value(&view).unwrap());
                }
                for r in book.records(&ctx, &at).unwrap() {
                    s.valid(RECORD, &serde_json::to_value(&r).unwrap());
                }
            }
        }
        // the journal the engine writes validates line by line
        let header: Value = serde_json::from_str(write_header(Some("x@1")).trim()).unwrap();
        s.valid(HEADER, &header);
        for f in book.facts() {
            s.valid(FACT, &serde_json::to_value(f).unwrap());
        }
    }
    assert!(accepted > 500, "only {accepted} commands accepted");
    let all: BTreeSet<String> = schema_json(FACT)["properties"]["type"]["enum"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap().to_owned())
        .collect();
    let missing: Vec<_> = all.difference(&types).collect();
    assert!(missing.is_empty(), "fact types never produced: {missing:?}");
    assert_eq!(
        clocks,
        ["check_in", "overall", "stage"].map(String::from).into()
    );
}

/// The commands file through the engine (seed003, as in the README): the facts of the nine
/// commands that apply, the states and the records at a later instant all validate.
#[test]
fn the_example_scenario_validates() {
    let s = Schemas::load();
    let policy = Policy::preset("seed003").unwrap();
    let ctx = ctx(&policy);
    let mut book = CaseBook::new();
    let text = std::fs::read_to_string(root().join("examples/data/case-commands.jsonl")).unwrap();
    let mut refused = Vec::new();
    for line in text.lines().filter(|l| !l.trim().is_empty()) {
        let cmd = Command::from_json(line).unwrap();
        match book.execute(&cmd, &ctx) {
            Ok(facts) => facts
                .iter()
                .for_each(|f| s.valid(FACT, &serde_json::to_value(f).unwrap())),
            Err(_) => refused.push(cmd.id.clone()),
        }
    }
    assert_eq!(refused, ["k9"]);
    let later = t("2026-03-20T09:00:00+08:00");
    for f in book.tick(later, &ctx).unwrap() {
        s.valid(FACT, &serde_json::to_value(&f).unwrap());
    }
    let views = book.views(&ctx, &later).unwrap();
    assert_eq!(views.len(), 2);
    for v in views {
        s.valid(STATE, &serde_json::to_value(&v).unwrap());
    }
    for r in book.records(&ctx, &later).unwrap() {
        s.valid(RECORD, &serde_json::to_value(&r).unwrap());
    }
}

// ---- what the schemas refuse ---------------------------------------------------------

fn good_command() -> Value {
    json!({"id": "k5", "case": "C1", "op": "verify", "at": "2026-02-13T15:00:00+08:00",
        "actor": {"person": "p", "role": "grid_worker", "unit": GRID}, "args": {"passed": true}})
}

/// Each broken command is refused by the schema and by the engine alike: at parsing, or
/// (for bad args) with `invalid_command` when the op runs on a case in a state where it
/// applies, by an actor allowed to do it.
#[test]
fn broken_commands_are_refused_by_both() {
    let s = Schemas::load();
    let good = good_command();
    s.valid(COMMAND, &good);
    assert!(Command::from_json(&good.to_string()).is_ok());
    const RESOLVED: &[&str] = &["accept", "start", "resolve"];
    const CLOSED: &[&str] = &["accept", "start", "resolve", "verify", "close"];
    let town = json!({"person": "p", "role": "town_centre", "unit": TOWN});
    let county = json!({"person": "p", "role": "county_centre", "unit": COUNTY});
    #[allow(clippy::type_complexity)]
    let broken: Vec<(&str, &[&str], Box<dyn Fn(&mut Value)>)> = vec![
        (
            "no actor",
            &[],
            Box::new(|v| drop(v.as_object_mut().unwrap().remove("actor"))),
        ),
        (
            "no id",
            &[],
            Box::new(|v| drop(v.as_object_mut().unwrap().remove("id"))),
        ),
        ("empty id", &[], Box::new(|v| v["id"] = json!(""))),
        (
            "id too long",
            &[],
            Box::new(|v| v["id"] = json!("x".repeat(129))),
        ),
        (
            "control character in case",
            &[],
            Box::new(|v| v["case"] = json!("C\u{7}1")),
        ),
        ("bad op", &[], Box::new(|v| v["op"] = json!("approve"))),
        (
            "op in capitals",
            &[],
            Box::new(|v| v["op"] = json!("Verify")),
        ),
        (
            "instant without offset",
            &[],
            Box::new(|v| v["at"] = json!("2026-02-13T15:00:00")),
        ),
        (
            "a date, not an instant",
            &[],
            Box::new(|v| v["at"] = json!("2026-02-13")),
        ),
        ("unknown field", &[], Box::new(|v| v["priority"] = json!(1))),
        (
            "actor without role",
            &[],
            Box::new(|v| drop(v["actor"].as_object_mut().unwrap().remove("role"))),
        ),
        (
            "actor with extra field",
            &[],
            Box::new(|v| v["actor"]["name"] = json!("张三")),
        ),
        (
            "unit of 13 digits",
            &[],
            Box::new(|v| v["actor"]["unit"] = json!("3713231002010")),
        ),
        (
            "empty department",
            &[],
            Box::new(|v| v["actor"]["unit"] = json!("dept:")),
        ),
        (
            "args not an object",
            &[],
            Box::new(|v| v["args"] = json!([])),
        ),
        (
            "verify without passed",
            RESOLVED,
            Box::new(|v| v["args"] = json!({})),
        ),
        (
            "verify with a string",
            RESOLVED,
            Box::new(|v| v["args"] = json!({"passed": "yes"})),
        ),
        (
            "verify with unknown arg",
            RESOLVED,
            Box::new(|v| v["args"]["why"] = json!("x")),
        ),
        (
            "accept with args",
            &[],
            Box::new(|v| {
                v["op"] = json!("accept");
                v["args"] = json!({"note": "x"});
            }),
        ),
        (
            "extend by a bad limit",
            &[],
            Box::new(move |v| {
                v["op"] = json!("extend");
                v["actor"] = town.clone();
                v["args"] = json!({"by": "soon", "reason": "r", "approved_by": "a"});
            }),
        ),
        (
            "report without urgency",
            &[],
            Box::new(|v| {
                v["op"] = json!("report");
                v["args"] = json!({"category": "邻里纠纷", "grid": GRID});
            }),
        ),
        (
            "report with a bad urgency",
            &[],
            Box::new(|v| {
                v["op"] = json!("report");
                v["args"] = json!({"category": "邻里纠纷", "urgency": "asap", "grid": GRID});
            }),
        ),
        (
            "rate with a bad rating",
            CLOSED,
            Box::new(|v| {
                v["op"] = json!("rate");
                v["args"] = json!({"rating": "happy"});
            }),
        ),
        (
            "summon without departments",
            &["accept"],
            Box::new(|v| {
                v["op"] = json!("summon");
                v["actor"] = json!({"person": "p", "role": "town_centre", "unit": TOWN});
                v["args"] = json!({});
            }),
        ),
        (
            "dispatch to nowhere",
            &[],
            Box::new(move |v| {
                v["op"] = json!("dispatch");
                v["actor"] = county.clone();
                v["args"] = json!({"to": "town"});
            }),
        ),
    ];
    for (what, prefix, mutate) in &broken {
        let mut v = good.clone();
        mutate(&mut v);
        s.invalid(COMMAND, &v);
        let engine_refuses = match Command::from_json(&v.to_string()) {
            Err(_) => true,
            Ok(cmd) => refused_args(prefix, &cmd),
        };
        assert!(engine_refuses, "{what}: the engine accepts {v}");
    }
}

/// Whether the engine refuses `cmd` as invalid, run on a T1 case of the grid (seed003)
/// that the grid worker took through `prefix` first (no case at all for `report`).
fn refused_args(prefix: &[&str], cmd: &Command) -> bool {
    let policy = Policy::preset("seed003").unwrap();
    let ctx = ctx(&policy);
    let mut book = CaseBook::new();
    let step = |i: usize, op: &str, args: Value| {
        Command::from_json(
            &json!({"id": format!("p{i}"), "case": cmd.case, "op": op,
                "at": format!("2026-02-13T09:0{i}:00+08:00"),
                "actor": {"person": "p", "role": "grid_worker", "unit": GRID}, "args": args})
            .to_string(),
        )
        .unwrap()
    };
    if cmd.op != wangge::case::Op::Report {
        let report = json!({"category": "邻里纠纷", "urgency": "routine", "grid": GRID});
        book.execute(&step(0, "report", report), &ctx).unwrap();
        for (i, op) in prefix.iter().enumerate() {
            let args = if *op == "verify" {
                json!({"passed": true})
            } else {
                json!({})
            };
            book.execute(&step(i + 1, op, args), &ctx)
                .unwrap_or_else(|e| panic!("setup {op}: {e}"));
        }
    }
    match book.execute(cmd, &ctx) {
        Err(e) => e.code() == wangge::ErrorCode::InvalidCommand,
        Ok(_) => false,
    }
}

/// Broken facts, states, records and headers are refused.
#[test]
fn broken_facts_states_records_and_headers_are_refused() {
    let s = Schemas::load();
    let fact = json!({"case": "C1", "command": "k2", "at": "2026-02-13T09:10:00+08:00",
        "actor": {"person": "p", "role": "grid_worker", "unit": GRID}, "type": "verified", "passed": true});
    s.valid(FACT, &fact);
    let mut f = fact.clone();
    f["extra"] = json!(1);
    // extra fields: refused by the schema; the journal reader ignores them (forward
    // compatibility) except in a `reported` fact (docs/SCHEMAS.md)
    s.invalid(FACT, &f);
    assert!(serde_json::from_value::<Fact>(f).is_ok());
    let mut r = schema_json(FACT)["examples"][0].clone();
    assert_eq!(r["type"], "reported");
    assert!(serde_json::from_value::<Fact>(r.clone()).is_ok());
    r["extra"] = json!(1);
    s.invalid(FACT, &r);
    assert!(serde_json::from_value::<Fact>(r).is_err());
    let mut f = fact.clone();
    f.as_object_mut().unwrap().remove("passed");
    s.invalid(FACT, &f);
    let mut f = fact.clone();
    f["type"] = json!("approved");
    s.invalid(FACT, &f);
    let mut f = fact.clone();
    f.as_object_mut().unwrap().remove("actor");
    s.invalid(FACT, &f); // a command's fact names its actor
    let mut f = fact.clone();
    f["at"] = json!("2026-02-13 09:10");
    s.invalid(FACT, &f);
    let breach = json!({"case": "C1", "at": "2026-03-03T09:00:00+08:00", "type": "breached",
        "clock": "stage", "due": "2026-03-02T17:30:00+08:00", "escalated": ["t2", COMMUNITY]});
    s.valid(FACT, &breach);
    assert!(serde_json::from_value::<Fact>(breach.clone()).is_ok());
    let mut b = breach.clone();
    b["escalated"] = json!(["t2"]);
    s.invalid(FACT, &b);
    assert!(serde_json::from_value::<Fact>(b).is_err());
    let mut b = breach.clone();
    b["department"] = json!("housing");
    s.invalid(FACT, &b); // a department names a check-in breach only
    let mut b = breach.clone();
    b["clock"] = json!("check_in");
    s.invalid(FACT, &b); // … and a check-in breach names its department
    b["department"] = json!("housing");
    b.as_object_mut().unwrap().remove("escalated");
    s.valid(FACT, &b);
    assert!(serde_json::from_value::<Fact>(b).is_ok());
    let mut b = breach.clone();
    b["clock"] = json!("week");
    s.invalid(FACT, &b);
    assert!(serde_json::from_value::<Fact>(b).is_err());

    let state = schema_json(STATE)["examples"][0].clone();
    let mut st = state.clone();
    st.as_object_mut().unwrap().remove("due");
    s.invalid(STATE, &st);
    let mut st = state.clone();
    st["status"] = json!("done");
    s.invalid(STATE, &st);
    assert!(serde_json::from_value::<CaseView>(st).is_err());

    let record = schema_json(RECORD)["examples"][0].clone();
    for (k, bad) in [
        ("extra", json!(1)),
        ("grid", json!("371323")),
        ("reported_at", json!("2016-12-01T09:00:00")),
        ("rework", json!(-1)),
        ("tier", json!("t5")),
    ] {
        let mut r = record.clone();
        r[k] = bad;
        s.invalid(RECORD, &r);
        assert!(
            serde_json::from_value::<CaseRecord>(r).is_err(),
            "the engine reads a record with {k} broken"
        );
    }
    let mut r = record.clone();
    r.as_object_mut().unwrap().remove("status");
    s.invalid(RECORD, &r);
    assert!(serde_json::from_value::<CaseRecord>(r).is_err());

    s.invalid(
        HEADER,
        &json!({"format": "wangge.case.journal", "version": 2}),
    );
    s.invalid(HEADER, &json!({"format": "other", "version": 1}));
    s.invalid(
        HEADER,
        &json!({"format": "wangge.case.journal", "version": 1, "x": 1}),
    );
}
