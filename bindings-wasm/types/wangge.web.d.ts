/* tslint:disable */
/* eslint-disable */

/**
 * What every function of this package throws: a JS `Error` named `WanggeError` carrying
 * the stable numeric `code` of docs/ERRORS.md and its snake-case `kind`
 * (for example `{ code: 2, kind: "invalid_json" }`).
 */
export interface WanggeError extends Error {
    name: "WanggeError";
    code: number;
    kind: string;
}



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



/** Any JSON value. */
export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };
/** A JSON object. */
export type JsonObject = { [key: string]: JsonValue };
/** The input of `admission.budget`: the core's `BudgetIn` (see tests/vectors/admission.budget.json). */
export type AdmissionBudgetInput = JsonObject;
/** The output of `admission.budget`: the core's `BudgetTotals`. */
export type AdmissionBudgetOutput = JsonObject;
/** The input of `admission.check`: the core's `CheckIn` (see tests/vectors/admission.check.json). */
export type AdmissionCheckInput = JsonObject;
/** The output of `admission.check`: the core's `CheckOut`. */
export type AdmissionCheckOutput = JsonObject;
/** The input of `admission.completion`: the core's `CompletionIn` (see tests/vectors/admission.completion.json). */
export type AdmissionCompletionInput = JsonObject;
/** The output of `admission.completion`: the core's `CompletionOut`. */
export type AdmissionCompletionOutput = JsonObject;
/** The input of `admission.instances`: the core's `InstancesIn` (see tests/vectors/admission.instances.json). */
export type AdmissionInstancesInput = JsonObject;
/** The output of `admission.instances`: the core's `InstancesOut`. */
export type AdmissionInstancesOutput = JsonObject;
/** The input of `admission.list`: the core's `ListIn` (see tests/vectors/admission.list.json). */
export type AdmissionListInput = JsonObject;
/** The output of `admission.list`: the core's `ListOut`. */
export type AdmissionListOutput = JsonObject;
/** The input of `admission.load`: the core's `LoadIn` (see tests/vectors/admission.load.json). */
export type AdmissionLoadInput = JsonObject;
/** The output of `admission.load`: the core's `LoadOut`. */
export type AdmissionLoadOutput = JsonObject;
/** The input of `admission.tally`: the core's `AdmissionLog` (see tests/vectors/admission.tally.json). */
export type AdmissionTallyInput = JsonObject;
/** The output of `admission.tally`: the core's `TallyOut`. */
export type AdmissionTallyOutput = JsonObject;
/** The input of `admission.transition`: the core's `TransitionIn` (see tests/vectors/admission.transition.json). */
export type AdmissionTransitionInput = JsonObject;
/** The output of `admission.transition`: the core's `TransitionOut`. */
export type AdmissionTransitionOutput = JsonObject;
/** The input of `calendar.add`: the core's `AddIn` (see tests/vectors/calendar.add.json). */
export type CalendarAddInput = JsonObject;
/** The output of `calendar.add`: the core's `AddOut`. */
export type CalendarAddOutput = JsonObject;
/** The input of `calendar.between`: the core's `BetweenIn` (see tests/vectors/calendar.between.json). */
export type CalendarBetweenInput = JsonObject;
/** The output of `calendar.between`: the core's `BetweenOut`. */
export type CalendarBetweenOutput = JsonObject;
/** The input of `calendar.day`: the core's `DayIn` (see tests/vectors/calendar.day.json). */
export type CalendarDayInput = JsonObject;
/** The output of `calendar.day`: the core's `DayOut`. */
export type CalendarDayOutput = JsonObject;
/** The input of `calendar.next_working`: the core's `NextWorkingIn` (see tests/vectors/calendar.next_working.json). */
export type CalendarNextWorkingInput = JsonObject;
/** The output of `calendar.next_working`: the core's `NextWorkingOut`. */
export type CalendarNextWorkingOutput = JsonObject;
/** The input of `calendar.working_days_between`: the core's `WorkingDaysBetweenIn` (see tests/vectors/calendar.working_days_between.json). */
export type CalendarWorkingDaysBetweenInput = JsonObject;
/** The output of `calendar.working_days_between`: the core's `WorkingDaysBetweenOut`. */
export type CalendarWorkingDaysBetweenOutput = JsonObject;
/** The input of `calendar.years`: the core's `YearsIn` (see tests/vectors/calendar.years.json). */
export type CalendarYearsInput = JsonObject;
/** The output of `calendar.years`: the core's `YearsOut`. */
export type CalendarYearsOutput = JsonObject;
/** The input of `case.apply`: the core's `ApplyIn` (see tests/vectors/case.apply.json). */
export type CaseApplyInput = JsonObject;
/** The output of `case.apply`: the core's `ApplyOut`. */
export type CaseApplyOutput = JsonObject;
/** The input of `case.history`: the core's `HistoryIn` (see tests/vectors/case.history.json). */
export type CaseHistoryInput = JsonObject;
/** The output of `case.history`: the core's `HistoryOut`. */
export type CaseHistoryOutput = JsonObject;
/** The input of `case.records`: the core's `JournalIn` (see tests/vectors/case.records.json). */
export type CaseRecordsInput = JsonObject;
/** The output of `case.records`: the core's `RecordsOut`. */
export type CaseRecordsOutput = JsonObject;
/** The input of `case.replay`: the core's `JournalIn` (see tests/vectors/case.replay.json). */
export type CaseReplayInput = JsonObject;
/** The output of `case.replay`: the core's `ReplayOut`. */
export type CaseReplayOutput = JsonObject;
/** The input of `case.tick`: the core's `JournalIn` (see tests/vectors/case.tick.json). */
export type CaseTickInput = JsonObject;
/** The output of `case.tick`: the core's `TickOut`. */
export type CaseTickOutput = JsonObject;
/** The input of `code.parse`: the core's `CodeParseIn` (see tests/vectors/code.parse.json). */
export type CodeParseInput = JsonObject;
/** The output of `code.parse`: the core's `CodeInfo`. */
export type CodeParseOutput = JsonObject;
/** The input of `geo.convert`: the core's `GeoConvertIn` (see tests/vectors/geo.convert.json). */
export type GeoConvertInput = JsonObject;
/** The output of `geo.convert`: the core's `LonLat`. */
export type GeoConvertOutput = JsonObject;
/** The input of `grid.locate`: the core's `LocateIn` (see tests/vectors/grid.locate.json). */
export type GridLocateInput = JsonObject;
/** The output of `grid.locate`: the core's `LocateOut`. */
export type GridLocateOutput = JsonObject;
/** The input of `grid.validate`: the core's `ValidateIn` (see tests/vectors/grid.validate.json). */
export type GridValidateInput = JsonObject;
/** The output of `grid.validate`: the core's `CoverageReport`. */
export type GridValidateOutput = JsonObject;
/** The input of `policy.load`: the core's `PolicyLoadIn` (see tests/vectors/policy.load.json). */
export type PolicyLoadInput = JsonObject;
/** The output of `policy.load`: the core's `PolicySummary`. */
export type PolicyLoadOutput = JsonObject;
/** The input of `roster.holder`: the core's `HolderIn` (see tests/vectors/roster.holder.json). */
export type RosterHolderInput = JsonObject;
/** The output of `roster.holder`: the core's `HolderOut`. */
export type RosterHolderOutput = JsonObject;
/** The input of `roster.summary`: the core's `ValidateIn` (see tests/vectors/roster.summary.json). */
export type RosterSummaryInput = JsonObject;
/** The output of `roster.summary`: the core's `Summary`. */
export type RosterSummaryOutput = JsonObject;
/** The input of `roster.validate`: the core's `ValidateIn` (see tests/vectors/roster.validate.json). */
export type RosterValidateInput = JsonObject;
/** The output of `roster.validate`: the core's `ValidateOut`. */
export type RosterValidateOutput = JsonObject;
/** The input of `score.compute`: the core's `ComputeIn` (see tests/vectors/score.compute.json). */
export type ScoreComputeInput = JsonObject;
/** The output of `score.compute`: the core's `ScoreResult`. */
export type ScoreComputeOutput = JsonObject;
/** The input of `score.from_partial`: the core's `FromPartialIn` (see tests/vectors/score.from_partial.json). */
export type ScoreFromPartialInput = JsonObject;
/** The output of `score.from_partial`: the core's `ScoreResult`. */
export type ScoreFromPartialOutput = JsonObject;
/** The input of `score.merge`: the core's `MergeIn` (see tests/vectors/score.merge.json). */
export type ScoreMergeInput = JsonObject;
/** The output of `score.merge`: the core's `Partial`. */
export type ScoreMergeOutput = JsonObject;
/** The input of `score.partial`: the core's `PartialIn` (see tests/vectors/score.partial.json). */
export type ScorePartialInput = JsonObject;
/** The output of `score.partial`: the core's `Partial`. */
export type ScorePartialOutput = JsonObject;



/** The holiday years a calendar holds (the output of `calendar.years`). */
export interface CalendarYears {
    /** IANA time zone of the calendar, e.g. "Asia/Shanghai". */
    time_zone: string;
    /** What a year without data does: fail, or use weekends only. */
    unknown_years: "error" | "weekends_only";
    years: {
        year: number;
        origin: "bundled" | "injected";
        sources: { title: string; issued?: string; url?: string }[];
    }[];
}



/** The unit scores are computed per (community, town and county are grid-code prefixes). */
export type GroupBy = "grid" | "community" | "town" | "county" | "handler" | "class"
| "worker" | "category" | "all";

/** What an indicator measures. */
export type IndicatorKind = "completion" | "on_time" | "satisfaction" | "response"
| "resolution" | "rework" | "report_validity" | "missed_report" | "urgent_completion"
| "urgent_on_time" | "reported" | "registered" | "due" | "closed" | "rework_count";

/** The denominator of a rate (policy). */
export type Denominator = "due" | "registered" | "due_minus_deferred" | "closed" | "revisited"
| "rated" | "reported" | "urgent_due";

/** The instant that places a case in the period for an indicator. */
export type Anchor = "due_at" | "reported_at" | "closed_at";

/** Which way is good. */
export type Direction = "higher_is_better" | "lower_is_better";

/** Whether a sheet reproduces a published one (`default`: numbers are placeholders). */
export type Basis = "published" | "unofficial" | "default";

/** A period's bounds, `[start, end)`, RFC 3339 in the policy zone's local time. */
export interface PeriodBounds { start: string; end: string }

/** An indicator's declaration, as reported with every result. */
export interface IndicatorInfo {
    id: string;
    kind: IndicatorKind;
    /** The numerator, in words. */
    numerator: string;
    /** `null` for a count. */
    denominator: Denominator | null;
    anchor: Anchor;
    direction: Direction;
    /** Whether the value is a percentage (else a count). */
    rate: boolean;
}

/**
 * An indicator's value for one unit. `value` and `display` are `null` when the
 * denominator is empty: not applicable, never 0 % or 100 %.
 */
export interface IndicatorValue {
    numerator: number;
    /** `null` for a count. */
    denominator: number | null;
    /** The percentage or count. */
    value: number | null;
    /** Rounded for display (`"93.72%"`). */
    display: string | null;
}

/** One sheet item's points (`null` when its value is not applicable). */
export interface ItemScore { id: string; max: number; points: number | null }

/** One unit's scores. */
export interface UnitScore {
    /** Grid code, community code, handler, class … (per `by`). */
    unit: string;
    /** Every indicator of the policy, by id (`completion`, `on_time` …). */
    indicators: Record<string, IndicatorValue>;
    /** The sheet's items (empty without a sheet). */
    items: ItemScore[];
    total: number | null;
    max: number | null;
    grade: string | null;
    stars: number | null;
    pay: number | null;
    advanced_eligible: boolean | null;
    composite: number | null;
    /** 1 = best; ties share a rank; `null` if not ranked. */
    rank: number | null;
}

/** The sheet a result was scored with. */
export interface SheetSummary { id: string; name: string; basis: Basis; scale: number }

/** One linked person's score. */
export interface LinkedScore { id: string; score: number }

/** The result of scoring one period (the output of `score.compute`). */
export interface ScoreResult {
    /** `2016-12`, `2016-Q4` or `2016`. */
    period: string;
    bounds: PeriodBounds;
    /** The instant counting stopped at. */
    cut: string;
    by: GroupBy;
    sheet: SheetSummary | null;
    indicators: IndicatorInfo[];
    /** Sorted by unit id. */
    units: UnitScore[];
    /** The best ranked units, best first. */
    red_list: string[];
    /** The worst ranked units, worst first. */
    black_list: string[];
    /** Linked assessments (absent when none). */
    linked?: LinkedScore[];
}

/** What the host knows about a unit that the records do not say. */
export interface UnitInput {
    /** Named values for `input:NAME` sources. */
    values?: Record<string, number>;
    /** Named level lists for bonus items (`{"innovations": ["county", "province"]}`). */
    levels?: Record<string, string[]>;
    months_in_post?: number;
}

/** One linked person: their own score and the units of the result linked to them. */
export interface ScoreLink { id: string; own: number; members: string[] }

/** The input of `scoreRecords` (the `score.compute` operation's). */
export interface ScoreRecordsInput {
    /** A preset id (`"seed002"`), TOML/JSON policy text or the policy object; absent: the defaults. */
    policy?: string | Record<string, unknown>;
    records: CaseRecord[];
    /** `2016-12`, `2016-Q4` or `2016`. */
    period: string;
    /** Default `"grid"`. */
    by?: GroupBy;
    /** A sheet id (default: the policy's default sheet). */
    sheet?: string | null;
    /** Count only what happened before this RFC 3339 instant. */
    as_of?: string | null;
    /** Per-unit inputs, by unit id. */
    inputs?: Record<string, UnitInput>;
    links?: ScoreLink[];
}

/**
 * Per-unit counters of one period (the output of `scoreRecordsPartial`): a value to
 * store, ship and merge, not to edit.
 */
export interface ScorePartial {
    period: string;
    bounds: PeriodBounds;
    cut: string;
    by: GroupBy;
    groups: Record<string, Record<string, number>>;
}

/** The input of `scoreRecordsPartial` (the `score.partial` operation's). */
export interface ScoreRecordsPartialInput {
    policy?: string | Record<string, unknown>;
    records: CaseRecord[];
    period: string;
    by?: GroupBy;
    as_of?: string | null;
}

/** The input of `scorePartialResult` (the `score.from_partial` operation's). */
export interface ScorePartialResultInput {
    /** The policy the partial was counted under. */
    policy?: string | Record<string, unknown>;
    partial: ScorePartial;
    sheet?: string | null;
    inputs?: Record<string, UnitInput>;
    links?: ScoreLink[];
}


/**
 * A coordinate reference system.
 */
export type Crs = "wgs84" | "gcj02" | "bd09";

/**
 * A grid code layout: 14, 15 or 20 digits.
 */
export type GridCodeLayout = "d14" | "d15" | "d20";

/**
 * A policy's summary (the output of the `policy.load` operation).
 */
export interface PolicySummary {
    /**
     * Short identifier.
     */
    id: string;
    /**
     * Display name.
     */
    name: string;
    /**
     * The policy's own version.
     */
    version: string;
    /**
     * The level ids of the grid hierarchy, top down.
     */
    levels: string[];
    /**
     * The required grid code layout.
     */
    code_layout: GridCodeLayout;
}

/**
 * A position in degrees.
 */
export interface LonLat {
    /**
     * Longitude, east positive.
     */
    lon: number;
    /**
     * Latitude, north positive.
     */
    lat: number;
}

/**
 * One coverage violation: its kind, the units involved, a point locating it, its size.
 */
export interface Violation {
    /**
     * What is wrong.
     */
    kind: ViolationKind;
    /**
     * The units involved (for gaps and overlaps the units around or over the area, then
     * the parent).
     */
    codes: string[];
    /**
     * A point inside the gap/overlap/outside part, or the offending vertex: `[lon, lat]`.
     */
    at: [number, number];
    /**
     * The area in square metres (0 when it cannot be measured).
     */
    area_m2: number;
    /**
     * A human explanation.
     */
    message: string;
    /**
     * How many more units are involved than `codes` lists (it lists at most 16, the
     * smallest codes, then the parent). Absent when 0.
     */
    more_codes?: number;
}

/**
 * One day of a calendar (the output of `calendar.day`).
 */
export interface DayInfo {
    /**
     * The date, `YYYY-MM-DD`.
     */
    date: string;
    /**
     * Whether it is a working day.
     */
    working: boolean;
    /**
     * Its kind.
     */
    kind: DayKind;
    /**
     * The festival or local day's name, for listed dates.
     */
    name: string | null;
}

/**
 * One error code of `docs/ERRORS.md`.
 */
export interface ErrorCodeInfo {
    /**
     * The stable number.
     */
    code: number;
    /**
     * The stable snake-case name.
     */
    name: string;
    /**
     * English summary.
     */
    summary_en: string;
    /**
     * Chinese summary.
     */
    summary_zh: string;
}

/**
 * One unit of a layer, without its geometry.
 */
export interface UnitInfo {
    /**
     * The unit's code.
     */
    code: string;
    /**
     * Whether the code is a grid code.
     */
    is_grid: boolean;
    /**
     * Display name.
     */
    name: string | null;
    /**
     * Grid kind (`basic`, `micro`, `dedicated:<site>`).
     */
    kind: string | null;
    /**
     * Households.
     */
    households: number | null;
    /**
     * Population.
     */
    population: number | null;
    /**
     * Bounding box `[west, south, east, north]` in degrees.
     */
    bbox: [number, number, number, number] | null;
}

/**
 * Options of `sampleCounty`.
 */
export interface SampleOptions {
    /**
     * Number of grids (at least 1). Defaults to 1,358.
     */
    grids?: number;
    /**
     * Seed of the generator. Defaults to 1.
     */
    seed?: number;
    /**
     * Which units to write: `"all"` (county, towns, communities, grids), `"grids"` or
     * `"parents"`. Defaults to `"all"`.
     */
    only?: SampleUnits;
}

/**
 * The kind of a coverage violation.
 */
export type ViolationKind = "gap" | "overlap" | "duplicate" | "invalid_geometry" | "code_mismatch" | "orphan" | "outside_parent" | "size_rule";

/**
 * The kind of a day.
 */
export type DayKind = "workday" | "weekend" | "holiday" | "makeup_workday";

/**
 * The level of an administrative division code.
 */
export type AdminLevel = "province" | "prefecture" | "county" | "town" | "community";

/**
 * The options of `Layer.validate` (the same fields as the `grid.validate` operation).
 */
export interface ValidateOptions {
    /**
     * Gaps, overlaps and outside parts narrower than this on average (metres) are
     * slivers and not reported. Defaults to the policy's (0.05 m).
     */
    tolerance_m?: number;
    /**
     * A policy preset id (`"seed003"`) or policy text (TOML or JSON): levels, code layout,
     * division rules, tolerance. Defaults to the built-in defaults.
     */
    policy?: string;
    /**
     * Check the versions in force on this date (`YYYY-MM-DD`) instead of the current ones.
     */
    as_of?: string;
}

/**
 * The result of `Layer.validate` (the output of `grid.validate`).
 */
export interface CoverageReport {
    /**
     * Whether no violation was found.
     */
    valid: boolean;
    /**
     * How many grids took part.
     */
    grids: number;
    /**
     * The violations, sorted by kind, then codes, then location: every one, or for a
     * kind with more than 500, the largest of them.
     */
    violations: Violation[];
    /**
     * How many violations were found but not listed. Absent when 0.
     */
    omitted?: number;
}

/**
 * The unit of `Calendar.add`.
 */
export type DurationUnit = "working_days" | "working_hours" | "working_minutes" | "natural_days" | "natural_hours" | "natural_minutes";

/**
 * What `parseCode` found (the output of the `code.parse` operation).
 */
export type CodeInfo = { kind: "admin"; code: string; level: AdminLevel; parent: string | null; township_hint: TownshipHint | null } | { kind: "grid"; code: string; layout: GridCodeLayout; community: string; sequence: number };

/**
 * What the township digits of a 12-digit code suggest.
 */
export type TownshipHint = "street" | "town" | "township" | "special_area" | "other";

/**
 * Where a point is: its grid and the units above it, or the fallback unit.
 */
export interface Location {
    /**
     * The grid holding the point; null when no grid does.
     */
    grid: string | null;
    /**
     * When no grid holds the point: the smallest unit that does (属地兜底).
     */
    fallback: string | null;
    /**
     * The units above the grid (or the fallback unit), nearest first: community, town,
     * county.
     */
    ancestors: string[];
}

/**
 * Which calendar to build (the same fields as the `calendar.*` operations): none for the
 * national calendar, or at most one of `policy`, `calendar`, plus optionally `holidays`
 * (official years added at run time).
 */
export interface CalendarOptions {
    /**
     * A policy whose `[calendar]` section to use: a bundled preset id (`"seed003"`) or
     * TOML/JSON text.
     */
    policy?: string;
    /**
     * A calendar file as an object (time zone, work periods, local days …).
     */
    calendar?: Record<string, unknown>;
    /**
     * Official holiday years: `[{year, sources, holidays}, …]` or a whole data file.
     */
    holidays?: unknown;
}

/**
 * Which units `sampleCounty` writes.
 */
export type SampleUnits = "all" | "grids" | "parents";


/**
 * A working calendar: time zone, work periods, holidays and make-up days.
 */
export class Calendar {
    free(): void;
    [Symbol.dispose](): void;
    /**
     * The deadline `amount` units after `start` (RFC 3339 with offset), as RFC 3339 in
     * the calendar's time zone. `amount` is a whole number ≥ 0.
     */
    add(start: string, amount: number, unit: DurationUnit): string;
    /**
     * Working minutes in `[start, end)` (RFC 3339), negative when `end` is earlier.
     */
    between(start: string, end: string): number;
    /**
     * One day (`YYYY-MM-DD`): working or not, its kind and its festival name.
     */
    day(date: string): DayInfo;
    /**
     * The calendar `options` select (no options: the national calendar).
     */
    constructor(options?: CalendarOptions | null);
    /**
     * The earliest working instant at or after `at` (RFC 3339).
     */
    nextWorking(at: string): string;
    /**
     * Working days `d` with `start < d ≤ end` (`YYYY-MM-DD`), negative when `end` is earlier.
     */
    workingDaysBetween(start: string, end: string): number;
    /**
     * The holiday years the calendar holds and where they come from.
     */
    years(): CalendarYears;
}

/**
 * A case book: the facts so far, the policy they run under and, optionally, the grids
 * that locate reports given as points. Commands are atomic: a refused one throws its
 * `WanggeError` and leaves the book unchanged.
 */
export class CaseBook {
    free(): void;
    [Symbol.dispose](): void;
    /**
     * Runs one command; returns its new facts (empty for a command id seen before).
     */
    execute(command: CaseCommand): CaseFact[];
    /**
     * The readable history of a case, oldest first (`unknown_case` for an unknown id).
     */
    history(caseId: string): CaseHistoryLine[];
    /**
     * The whole journal as text (a header line, then one fact per line), to save and to
     * open again.
     */
    journal(): string;
    /**
     * Opens a book: `policy` is a preset id (`"seed003"`) or policy text (TOML or JSON);
     * `grids` a GeoJSON grid layer (text), to locate reports given as points; `journal` a
     * journal's text (JSON Lines, as `journal()` or `wangge case apply` writes it).
     */
    constructor(policy: string, grids?: string | null, journal?: string | null);
    /**
     * The case records scoring reads, at `at` (default: the last fact's instant), by id —
     * the `records` of the `score.compute` operation.
     */
    records(at?: string | null): CaseRecord[];
    /**
     * One case's state at `at` (RFC 3339; default: the last fact's instant); `null` for
     * an unknown case.
     */
    state(caseId: string, at?: string | null): CaseState | null;
    /**
     * Every case's state at `at` (default: the last fact's instant), by id.
     */
    states(at?: string | null): CaseState[];
    /**
     * Adds the breach facts at `now` (RFC 3339) — deadlines passed and not yet recorded
     * — and returns them.
     */
    tick(now: string): CaseFact[];
    /**
     * The number of facts.
     */
    readonly factCount: number;
}

/**
 * A point index over a layer's grids, built once, answering many `locate` calls (the
 * boundary rule of the core: a point on an edge shared by two grids belongs to the grid
 * east of it, on an east–west edge to the grid north of it).
 */
export class GridIndex {
    free(): void;
    [Symbol.dispose](): void;
    /**
     * The code of every indexed unit: the grids (`gridCount` of them), then the fallback
     * units. `locateBatch` answers with positions in this table.
     */
    codes(): string[];
    /**
     * Locates many points: `lonlat` holds `lon0, lat0, lon1, lat1, …`. Returns one number
     * per point: its position in `codes()` (a grid when below `gridCount`, else a
     * fallback unit), or -1 when outside every unit. A point that is not a valid
     * coordinate throws (`invalid_coordinate`, naming its position).
     */
    locateBatch(lonlat: Float64Array | number[], crs?: Crs | null, asOf?: string | null): Int32Array;
    /**
     * Locates one point (`crs`: `"wgs84"` by default; `asOf`: `YYYY-MM-DD` to use the
     * versions in force that day). The same answer as the `grid.locate` operation.
     */
    locate(lon: number, lat: number, crs?: Crs | null, asOf?: string | null): Location;
    /**
     * Builds the index of a layer's grids (and its other units, for fallback). The index
     * does not refer to the layer afterwards.
     */
    constructor(layer: Layer);
    /**
     * Number of grid versions indexed: positions `0 … gridCount - 1` of `codes()`.
     */
    readonly gridCount: number;
    /**
     * Heap memory held by the index, in bytes (approximate).
     */
    readonly memoryBytes: number;
}

/**
 * The units (grids and divisions) of one GeoJSON FeatureCollection.
 */
export class Layer {
    private constructor();
    free(): void;
    [Symbol.dispose](): void;
    /**
     * Reads a GeoJSON FeatureCollection (see the core's layer format).
     */
    static fromGeoJSON(text: string): Layer;
    /**
     * The layer written back as GeoJSON text.
     */
    toGeoJSON(): string;
    /**
     * The codes of the units whose boundary contains the WGS84 point, in layer order
     * (a linear scan).
     */
    unitsAt(lon: number, lat: number): string[];
    /**
     * The units' codes and properties, in file order.
     */
    units(): UnitInfo[];
    /**
     * `validate` with a second layer holding the units above this one (communities,
     * towns, county), as `wangge grid validate --parent`.
     */
    validateWithParent(parent: Layer, options?: ValidateOptions | null): CoverageReport;
    /**
     * Validates the layer's coverage (gaps, overlaps, duplicates, invalid rings, code
     * mismatches, orphans, parts outside the parent, size rules). The layer's own units
     * above the grids act as parents. A layer with violations is not an error: read
     * `valid` and `violations`.
     */
    validate(options?: ValidateOptions | null): CoverageReport;
    /**
     * The number of units.
     */
    readonly length: number;
}

/**
 * A validated policy: a jurisdiction's rules as data.
 */
export class Policy {
    private constructor();
    free(): void;
    [Symbol.dispose](): void;
    /**
     * A policy from TOML or JSON text.
     */
    static fromText(text: string): Policy;
    /**
     * A bundled preset by id (`"seed000"` … `"seed004"`).
     */
    static preset(id: string): Policy;
    /**
     * The summary (the output of the `policy.load` operation).
     */
    summary(): PolicySummary;
    /**
     * The whole policy in its JSON file form (reloadable with `Policy.fromText`).
     */
    toJsonText(): string;
    /**
     * Short identifier.
     */
    readonly id: string;
    /**
     * Display name.
     */
    readonly name: string;
    /**
     * The policy's own version.
     */
    readonly version: string;
}

/**
 * `admission.budget`: Yearly budgets of the admission items in force on a date, per department and grid. Input `BudgetIn` → output `BudgetTotals`.
 */
export function admissionBudget(input: AdmissionBudgetInput): AdmissionBudgetOutput;

/**
 * `admission.check`: Whether a request for grid work is admitted, and why not. Input `CheckIn` → output `CheckOut`.
 */
export function admissionCheck(input: AdmissionCheckInput): AdmissionCheckOutput;

/**
 * `admission.completion`: How much of the recurring work due in a range was done, per grid. Input `CompletionIn` → output `CompletionOut`.
 */
export function admissionCompletion(input: AdmissionCompletionInput): AdmissionCompletionOutput;

/**
 * `admission.instances`: Every due instance of the recurring items in a range. Input `InstancesIn` → output `InstancesOut`.
 */
export function admissionInstances(input: AdmissionInstancesInput): AdmissionInstancesOutput;

/**
 * `admission.list`: The admission entries in force on a date. Input `ListIn` → output `ListOut`.
 */
export function admissionList(input: AdmissionListInput): AdmissionListOutput;

/**
 * `admission.load`: Checks an admission register and writes it back in canonical form. Input `LoadIn` → output `LoadOut`.
 */
export function admissionLoad(input: AdmissionLoadInput): AdmissionLoadOutput;

/**
 * `admission.tally`: Rejections and admissions of a log, per department. Input `AdmissionLog` → output `TallyOut`.
 */
export function admissionTally(input: AdmissionTallyInput): AdmissionTallyOutput;

/**
 * `admission.transition`: Applies one step (propose, approve, enforce, retire) to an admission register. Input `TransitionIn` → output `TransitionOut`.
 */
export function admissionTransition(input: AdmissionTransitionInput): AdmissionTransitionOutput;

/**
 * `calendar.add`: The deadline a working or natural duration after an instant. Input `AddIn` → output `AddOut`.
 */
export function calendarAdd(input: CalendarAddInput): CalendarAddOutput;

/**
 * `calendar.between`: Working minutes between two instants. Input `BetweenIn` → output `BetweenOut`.
 */
export function calendarBetween(input: CalendarBetweenInput): CalendarBetweenOutput;

/**
 * `calendar.day`: One day of the calendar: working or not, its kind and name. Input `DayIn` → output `DayOut`.
 */
export function calendarDay(input: CalendarDayInput): CalendarDayOutput;

/**
 * `calendar.next_working`: The earliest working instant at or after an instant. Input `NextWorkingIn` → output `NextWorkingOut`.
 */
export function calendarNextWorking(input: CalendarNextWorkingInput): CalendarNextWorkingOutput;

/**
 * `calendar.working_days_between`: Working days between two dates. Input `WorkingDaysBetweenIn` → output `WorkingDaysBetweenOut`.
 */
export function calendarWorkingDaysBetween(input: CalendarWorkingDaysBetweenInput): CalendarWorkingDaysBetweenOutput;

/**
 * `calendar.years`: The holiday years a calendar holds and where they come from. Input `YearsIn` → output `YearsOut`.
 */
export function calendarYears(input: CalendarYearsInput): CalendarYearsOutput;

/**
 * Runs a JSON operation by name with a plain JS value as input (see `tests/vectors/`).
 */
export function call(op: string, input: unknown): unknown;

/**
 * `case.apply`: Applies commands to a case journal: per command its new facts or why it was refused. Input `ApplyIn` → output `ApplyOut`.
 */
export function caseApply(input: CaseApplyInput): CaseApplyOutput;

/**
 * `case.history`: The readable history of one case. Input `HistoryIn` → output `HistoryOut`.
 */
export function caseHistory(input: CaseHistoryInput): CaseHistoryOutput;

/**
 * `case.records`: The flat case records (one row per case) that scoring reads. Input `JournalIn` → output `RecordsOut`.
 */
export function caseRecords(input: CaseRecordsInput): CaseRecordsOutput;

/**
 * `case.replay`: One state per case at an instant: status, tier, handler, deadlines, colour. Input `JournalIn` → output `ReplayOut`.
 */
export function caseReplay(input: CaseReplayInput): CaseReplayOutput;

/**
 * `case.tick`: The breach facts (escalations, automatic supervision) due at an instant. Input `JournalIn` → output `TickOut`.
 */
export function caseTick(input: CaseTickInput): CaseTickOutput;

/**
 * `code.parse`: Parses an administrative division code or a grid code. Input `CodeParseIn` → output `CodeInfo`.
 */
export function codeParse(input: CodeParseInput): CodeParseOutput;

/**
 * Converts a point between WGS84, GCJ-02 and BD-09 (rounded to 1e-9°).
 */
export function convertPoint(point: LonLat, from: Crs, to: Crs): LonLat;

/**
 * Every error code with its name and summaries (the table of `docs/ERRORS.md`).
 */
export function errorCodes(): ErrorCodeInfo[];

/**
 * `geo.convert`: Converts a point between WGS84, GCJ-02 and BD-09. Input `GeoConvertIn` → output `LonLat`.
 */
export function geoConvert(input: GeoConvertInput): GeoConvertOutput;

/**
 * `grid.locate`: Locates points in a layer's grids. Input `LocateIn` → output `LocateOut`.
 */
export function gridLocate(input: GridLocateInput): GridLocateOutput;

/**
 * `grid.validate`: Validates a layer's coverage: gaps, overlaps, codes, size rules. Input `ValidateIn` → output `CoverageReport`.
 */
export function gridValidate(input: GridValidateInput): GridValidateOutput;

/**
 * Every JSON operation name of the library (`wangge::api::OPS`), sorted.
 */
export function ops(): string[];

/**
 * Parses an administrative division code (6/12 digits) or a grid code (14/15/20).
 */
export function parseCode(code: string): CodeInfo;

/**
 * `policy.load`: Loads and validates a policy, returning its summary. Input `PolicyLoadIn` → output `PolicySummary`.
 */
export function policyLoad(input: PolicyLoadInput): PolicyLoadOutput;

/**
 * Reads case records from CSV text with a header line (the columns of
 * `wangge case records --format csv`). A bad row throws `invalid_records`, the message
 * naming the line and column.
 */
export function readCaseRecordsCsv(text: string): CaseRecord[];

/**
 * Reads case records from JSON Lines (one record object per line; blank lines skipped).
 * A bad line throws `invalid_records`, the message naming the line and field.
 */
export function readCaseRecordsJsonl(text: string): CaseRecord[];

/**
 * `roster.holder`: Who holds a role in a grid on a date. Input `HolderIn` → output `HolderOut`.
 */
export function rosterHolder(input: RosterHolderInput): RosterHolderOutput;

/**
 * `roster.summary`: Counts of a roster validation per county, town and community. Input `ValidateIn` → output `Summary`.
 */
export function rosterSummary(input: RosterSummaryInput): RosterSummaryOutput;

/**
 * `roster.validate`: Validates a roster against the staffing templates. Input `ValidateIn` → output `ValidateOut`.
 */
export function rosterValidate(input: RosterValidateInput): RosterValidateOutput;

/**
 * The generated sample county (沂水县-like, deterministic for a seed) as GeoJSON text: the
 * same layers as `wangge grid generate`.
 */
export function sampleCounty(options?: SampleOptions | null): string;

/**
 * `score.compute`: Scores case records for one period: indicators, sheet items, totals, grades, ranks. Input `ComputeIn` → output `ScoreResult`.
 */
export function scoreCompute(input: ScoreComputeInput): ScoreComputeOutput;

/**
 * `score.from_partial`: Scores a partial (merged from partitions, or not), as `score.compute` scores records. Input `FromPartialIn` → output `ScoreResult`.
 */
export function scoreFromPartial(input: ScoreFromPartialInput): ScoreFromPartialOutput;

/**
 * `score.merge`: Adds partials of one period, cut-off and grouping into one (in any order). Input `MergeIn` → output `Partial`.
 */
export function scoreMerge(input: ScoreMergeInput): ScoreMergeOutput;

/**
 * Adds partials of one period, cut-off and grouping into one, in any order (typed
 * `score.merge`). Throws `invalid_scoring_input` for none or partials that do not match.
 */
export function scoreMergePartials(partials: ScorePartial[]): ScorePartial;

/**
 * `score.partial`: Counts one partition's case records into a mergeable partial (per-unit counters). Input `PartialIn` → output `Partial`.
 */
export function scorePartial(input: ScorePartialInput): ScorePartialOutput;

/**
 * Scores a partial (merged or not) as `scoreRecords` scores records (typed
 * `score.from_partial`).
 */
export function scorePartialResult(input: ScorePartialResultInput): ScoreResult;

/**
 * Scores case records for one period: indicators, sheet items, totals, grades, ranks
 * (typed `score.compute`). Throws `invalid_period`, `unknown_preset`, `invalid_policy`,
 * `unknown_score_sheet`, or the code of a bad record field (naming `records[i].field`).
 */
export function scoreRecords(input: ScoreRecordsInput): ScoreResult;

/**
 * Counts one partition's records into a partial (typed `score.partial`), to merge with
 * `scoreMergePartials` and score with `scorePartialResult`.
 */
export function scoreRecordsPartial(input: ScoreRecordsPartialInput): ScorePartial;

/**
 * The package version.
 */
export function version(): string;

export type InitInput = RequestInfo | URL | Response | BufferSource | WebAssembly.Module;

export interface InitOutput {
    readonly memory: WebAssembly.Memory;
    readonly __wbg_calendar_free: (a: number, b: number) => void;
    readonly __wbg_casebook_free: (a: number, b: number) => void;
    readonly __wbg_gridindex_free: (a: number, b: number) => void;
    readonly __wbg_layer_free: (a: number, b: number) => void;
    readonly __wbg_policy_free: (a: number, b: number) => void;
    readonly admissionBudget: (a: any) => [number, number, number];
    readonly admissionCheck: (a: any) => [number, number, number];
    readonly admissionCompletion: (a: any) => [number, number, number];
    readonly admissionInstances: (a: any) => [number, number, number];
    readonly admissionList: (a: any) => [number, number, number];
    readonly admissionLoad: (a: any) => [number, number, number];
    readonly admissionTally: (a: any) => [number, number, number];
    readonly admissionTransition: (a: any) => [number, number, number];
    readonly calendarAdd: (a: any) => [number, number, number];
    readonly calendarBetween: (a: any) => [number, number, number];
    readonly calendarDay: (a: any) => [number, number, number];
    readonly calendarNextWorking: (a: any) => [number, number, number];
    readonly calendarWorkingDaysBetween: (a: any) => [number, number, number];
    readonly calendarYears: (a: any) => [number, number, number];
    readonly calendar_add: (a: number, b: number, c: number, d: number, e: any) => [number, number, number, number];
    readonly calendar_between: (a: number, b: number, c: number, d: number, e: number) => [number, number, number];
    readonly calendar_day: (a: number, b: number, c: number) => [number, number, number];
    readonly calendar_new: (a: number) => [number, number, number];
    readonly calendar_nextWorking: (a: number, b: number, c: number) => [number, number, number, number];
    readonly calendar_workingDaysBetween: (a: number, b: number, c: number, d: number, e: number) => [number, number, number];
    readonly calendar_years: (a: number) => [number, number, number];
    readonly call: (a: number, b: number, c: any) => [number, number, number];
    readonly caseApply: (a: any) => [number, number, number];
    readonly caseHistory: (a: any) => [number, number, number];
    readonly caseRecords: (a: any) => [number, number, number];
    readonly caseReplay: (a: any) => [number, number, number];
    readonly caseTick: (a: any) => [number, number, number];
    readonly casebook_execute: (a: number, b: any) => [number, number, number];
    readonly casebook_factCount: (a: number) => number;
    readonly casebook_history: (a: number, b: number, c: number) => [number, number, number];
    readonly casebook_journal: (a: number) => [number, number];
    readonly casebook_new: (a: number, b: number, c: number, d: number, e: number, f: number) => [number, number, number];
    readonly casebook_records: (a: number, b: number, c: number) => [number, number, number];
    readonly casebook_state: (a: number, b: number, c: number, d: number, e: number) => [number, number, number];
    readonly casebook_states: (a: number, b: number, c: number) => [number, number, number];
    readonly casebook_tick: (a: number, b: number, c: number) => [number, number, number];
    readonly codeParse: (a: any) => [number, number, number];
    readonly convertPoint: (a: any, b: any, c: any) => [number, number, number];
    readonly errorCodes: () => [number, number, number, number];
    readonly geoConvert: (a: any) => [number, number, number];
    readonly gridLocate: (a: any) => [number, number, number];
    readonly gridValidate: (a: any) => [number, number, number];
    readonly gridindex_codes: (a: number) => [number, number];
    readonly gridindex_gridCount: (a: number) => number;
    readonly gridindex_locate: (a: number, b: number, c: number, d: number, e: number, f: number) => [number, number, number];
    readonly gridindex_locateBatch: (a: number, b: number, c: number, d: number, e: number, f: number) => [number, number, number, number];
    readonly gridindex_memoryBytes: (a: number) => number;
    readonly gridindex_new: (a: number) => [number, number, number];
    readonly layer_fromGeoJSON: (a: number, b: number) => [number, number, number];
    readonly layer_length: (a: number) => number;
    readonly layer_toGeoJSON: (a: number) => [number, number];
    readonly layer_units: (a: number) => [number, number, number, number];
    readonly layer_unitsAt: (a: number, b: number, c: number) => [number, number, number, number];
    readonly layer_validate: (a: number, b: number) => [number, number, number];
    readonly layer_validateWithParent: (a: number, b: number, c: number) => [number, number, number];
    readonly ops: () => [number, number];
    readonly parseCode: (a: number, b: number) => [number, number, number];
    readonly policyLoad: (a: any) => [number, number, number];
    readonly policy_fromText: (a: number, b: number) => [number, number, number];
    readonly policy_id: (a: number) => [number, number];
    readonly policy_name: (a: number) => [number, number];
    readonly policy_preset: (a: number, b: number) => [number, number, number];
    readonly policy_summary: (a: number) => [number, number, number];
    readonly policy_toJsonText: (a: number) => [number, number];
    readonly policy_version: (a: number) => [number, number];
    readonly readCaseRecordsCsv: (a: number, b: number) => [number, number, number];
    readonly readCaseRecordsJsonl: (a: number, b: number) => [number, number, number];
    readonly rosterHolder: (a: any) => [number, number, number];
    readonly rosterSummary: (a: any) => [number, number, number];
    readonly rosterValidate: (a: any) => [number, number, number];
    readonly sampleCounty: (a: number) => [number, number, number, number];
    readonly scoreCompute: (a: any) => [number, number, number];
    readonly scoreFromPartial: (a: any) => [number, number, number];
    readonly scoreMerge: (a: any) => [number, number, number];
    readonly scoreMergePartials: (a: any) => [number, number, number];
    readonly scorePartial: (a: any) => [number, number, number];
    readonly scorePartialResult: (a: any) => [number, number, number];
    readonly scoreRecords: (a: any) => [number, number, number];
    readonly scoreRecordsPartial: (a: any) => [number, number, number];
    readonly start: () => void;
    readonly version: () => [number, number];
    readonly __wbindgen_malloc: (a: number, b: number) => number;
    readonly __wbindgen_realloc: (a: number, b: number, c: number, d: number) => number;
    readonly __wbindgen_free: (a: number, b: number, c: number) => void;
    readonly __wbindgen_exn_store: (a: number) => void;
    readonly __externref_table_alloc: () => number;
    readonly __wbindgen_externrefs: WebAssembly.Table;
    readonly __externref_table_dealloc: (a: number) => void;
    readonly __externref_drop_slice: (a: number, b: number) => void;
    readonly __wbindgen_start: () => void;
}

export type SyncInitInput = BufferSource | WebAssembly.Module;

/**
 * Instantiates the given `module`, which can either be bytes or
 * a precompiled `WebAssembly.Module`.
 *
 * @param {{ module: SyncInitInput }} module - Passing `SyncInitInput` directly is deprecated.
 *
 * @returns {InitOutput}
 */
export function initSync(module: { module: SyncInitInput } | SyncInitInput): InitOutput;

/**
 * If `module_or_path` is {RequestInfo} or {URL}, makes a request and
 * for everything else, calls `WebAssembly.instantiate` directly.
 *
 * @param {{ module_or_path: InitInput | Promise<InitInput> }} module_or_path - Passing `InitInput` directly is deprecated.
 *
 * @returns {Promise<InitOutput>}
 */
export default function __wbg_init (module_or_path?: { module_or_path: InitInput | Promise<InitInput> } | InitInput | Promise<InitInput>): Promise<InitOutput>;
