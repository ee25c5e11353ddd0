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
     * Every violation, sorted by kind, then codes, then location.
     */
    violations: Violation[];
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
 * national calendar, or at most one of `preset`, `policy`, `calendar`, plus optionally
 * `holidays` (official years added at run time).
 */
export interface CalendarOptions {
    /**
     * A bundled policy preset whose `[calendar]` section to use (`"seed003"`).
     */
    preset?: string;
    /**
     * A policy (TOML or JSON text) whose `[calendar]` section to use.
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
 * `admission.budget`: the operation's input object → its output object.
 */
export function admissionBudget(input: unknown): unknown;

/**
 * `admission.check`: the operation's input object → its output object.
 */
export function admissionCheck(input: unknown): unknown;

/**
 * `admission.completion`: the operation's input object → its output object.
 */
export function admissionCompletion(input: unknown): unknown;

/**
 * `admission.instances`: the operation's input object → its output object.
 */
export function admissionInstances(input: unknown): unknown;

/**
 * `admission.list`: the operation's input object → its output object.
 */
export function admissionList(input: unknown): unknown;

/**
 * `admission.load`: the operation's input object → its output object.
 */
export function admissionLoad(input: unknown): unknown;

/**
 * `admission.tally`: the operation's input object → its output object.
 */
export function admissionTally(input: unknown): unknown;

/**
 * `admission.transition`: the operation's input object → its output object.
 */
export function admissionTransition(input: unknown): unknown;

/**
 * Runs a JSON operation by name with a plain JS value as input (see `tests/vectors/`).
 */
export function call(op: string, input: unknown): unknown;

/**
 * Converts a point between WGS84, GCJ-02 and BD-09 (rounded to 1e-9°).
 */
export function convertPoint(point: LonLat, from: Crs, to: Crs): LonLat;

/**
 * Every error code with its name and summaries (the table of `docs/ERRORS.md`).
 */
export function errorCodes(): ErrorCodeInfo[];

/**
 * `grid.locate`: the operation's input object → its output object.
 */
export function gridLocate(input: unknown): unknown;

/**
 * `grid.validate`: the operation's input object → its output object.
 */
export function gridValidate(input: unknown): unknown;

/**
 * Every JSON operation name of the library (`wangge::api::OPS`), sorted.
 */
export function ops(): string[];

/**
 * Parses an administrative division code (6/12 digits) or a grid code (14/15/20).
 */
export function parseCode(code: string): CodeInfo;

/**
 * `roster.holder`: the operation's input object → its output object.
 */
export function rosterHolder(input: unknown): unknown;

/**
 * `roster.summary`: the operation's input object → its output object.
 */
export function rosterSummary(input: unknown): unknown;

/**
 * `roster.validate`: the operation's input object → its output object.
 */
export function rosterValidate(input: unknown): unknown;

/**
 * The generated sample county (沂水县-like, deterministic for a seed) as GeoJSON text: the
 * same layers as `wangge grid generate`.
 */
export function sampleCounty(options?: SampleOptions | null): string;

/**
 * The package version.
 */
export function version(): string;
