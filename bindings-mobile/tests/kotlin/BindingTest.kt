// Tests of the Kotlin bindings on the JVM (JNA), run by `cargo xtask ci`:
//   java ... BindingTestKt <tests/vectors dir> <sample-county.geojson>
//
// 1. Every exported function is called (checked by reflection over the generated classes).
// 2. Exceptions carry the stable code, the name and the human message.
// 3. Every conformance vector runs through `call`, through the op's own function
//    (GENERATED in GeneratedOps.kt, generated from the core's op table by `cargo xtask
//    bless`: an op of the library missing there fails the run) and, for the ops NATIVE
//    lists, through the typed functions and objects.
// Prints the plain "N passed, N failed" line.

import com.google.gson.JsonArray
import com.google.gson.JsonElement
import com.google.gson.JsonNull
import com.google.gson.JsonObject
import com.google.gson.JsonParser
import com.google.gson.JsonPrimitive
import java.io.File
import java.lang.reflect.Modifier
import org.wangge.*

var passed = 0
var failed = 0
val called = mutableSetOf<String>()

fun check(cond: Boolean, what: () -> String) {
    if (cond) passed++ else {
        failed++
        System.err.println("FAIL " + what())
    }
}

/** Runs `f`, recording the exported function `name` as exercised. */
fun <T> use(name: String, f: () -> T): T {
    called += name
    return f()
}

fun expectError(name: String, code: Int, f: () -> Unit) {
    try {
        f()
        check(false) { "expected $name" }
    } catch (e: WanggeException) {
        check(e.name == name && e.code == code) { "got ${e.code} ${e.name}, want $code $name" }
        check(!e.message.isNullOrEmpty() && !e.message!!.startsWith("message=")) { "human message: ${e.message}" }
    }
}

// ---- JSON helpers -------------------------------------------------------------------

fun obj(vararg pairs: Pair<String, Any?>): JsonObject = JsonObject().apply {
    for ((k, v) in pairs) add(k, json(v))
}

fun json(v: Any?): JsonElement = when (v) {
    null -> JsonNull.INSTANCE
    is JsonElement -> v
    is String -> JsonPrimitive(v)
    is Number -> JsonPrimitive(v)
    is UInt -> JsonPrimitive(v.toLong())
    is Boolean -> JsonPrimitive(v)
    is List<*> -> JsonArray().apply { v.forEach { add(json(it)) } }
    else -> error("no JSON for $v")
}

fun same(a: JsonElement, b: JsonElement): Boolean = when {
    a.isJsonPrimitive && b.isJsonPrimitive && a.asJsonPrimitive.isNumber && b.asJsonPrimitive.isNumber ->
        a.asDouble == b.asDouble
    a.isJsonArray && b.isJsonArray ->
        a.asJsonArray.size() == b.asJsonArray.size() && (0 until a.asJsonArray.size()).all { same(a.asJsonArray[it], b.asJsonArray[it]) }
    a.isJsonObject && b.isJsonObject ->
        a.asJsonObject.size() == b.asJsonObject.size() &&
            a.asJsonObject.entrySet().all { (k, v) -> b.asJsonObject.has(k) && same(v, b.asJsonObject[k]) }
    else -> a == b
}

fun lower(e: Enum<*>) = e.name.lowercase()

// ---- native adapters ----------------------------------------------------------------

/** The input cannot be written as a native call (missing field, unknown key or enum). */
object Inexpressible

fun JsonObject.onlyKeys(vararg keys: String) = keySet().all { it in keys }
fun JsonObject.str(k: String): String? = get(k)?.takeIf { it.isJsonPrimitive && it.asJsonPrimitive.isString }?.asString
fun JsonObject.num(k: String): Double? = get(k)?.takeIf { it.isJsonPrimitive && it.asJsonPrimitive.isNumber }?.asDouble
fun crsOf(s: String?): Crs? = Crs.values().find { lower(it) == s }

fun codeInfoJson(c: CodeInfo): JsonObject = when (c) {
    is CodeInfo.Admin -> obj(
        "kind" to "admin", "code" to c.code, "level" to lower(c.level), "parent" to c.parent,
        "township_hint" to c.townshipHint?.let { lower(it) },
    )
    is CodeInfo.Grid -> obj(
        "kind" to "grid", "code" to c.code, "layout" to lower(c.layout), "community" to c.community,
        "sequence" to c.sequence,
    )
}

fun summaryJson(s: PolicySummary) = obj(
    "id" to s.id, "name" to s.name, "version" to s.version, "levels" to s.levels, "code_layout" to lower(s.codeLayout),
)

val CAL_KEYS = listOf("policy", "calendar", "holidays")

/** Runs `f` on the Calendar the input's calendar fields select, when every other key is
 * one of `keys` and the calendar fields have their native types. */
fun withCalendar(i: JsonObject, keys: List<String>, f: (Calendar) -> JsonElement): Any {
    if (!i.keySet().all { it in keys || it in CAL_KEYS }) return Inexpressible
    if (i.has("policy") && i.str("policy") == null) return Inexpressible
    val cal = use("Calendar") { Calendar(i.str("policy"), i["calendar"]?.toString(), i["holidays"]?.toString()) }
    return cal.use(f)
}

fun sourceJson(s: HolidaySource) = JsonObject().apply {
    addProperty("title", s.title)
    s.issued?.let { addProperty("issued", it) }
    s.url?.let { addProperty("url", it) }
}

fun yearsJson(y: CalendarYears) = obj(
    "time_zone" to y.timeZone,
    "unknown_years" to lower(y.unknownYears),
    "years" to y.years.map { obj("year" to it.year, "origin" to lower(it.origin), "sources" to it.sources.map(::sourceJson)) },
)

// `more_codes` and `omitted` are in the core's JSON only when not 0.
fun reportJson(r: CoverageReport) = obj(
    "valid" to r.valid, "grids" to r.grids.toLong(),
    "violations" to r.violations.map {
        obj("kind" to lower(it.kind), "codes" to it.codes, "at" to listOf(it.lon, it.lat), "area_m2" to it.areaM2, "message" to it.message)
            .apply { if (it.moreCodes > 0uL) add("more_codes", JsonPrimitive(it.moreCodes.toLong())) }
    },
).apply { if (r.omitted > 0uL) add("omitted", JsonPrimitive(r.omitted.toLong())) }

fun nativeGridValidate(i: JsonObject): Any {
    if (!i.onlyKeys("layer", "parent", "tolerance_m", "policy", "as_of") || !i.has("layer")) return Inexpressible
    if ((i.has("tolerance_m") && i.num("tolerance_m") == null) || (i.has("policy") && i.str("policy") == null) ||
        (i.has("as_of") && i.str("as_of") == null)) return Inexpressible
    val layer = Layer.fromGeojson(i["layer"].toString())
    val parent = if (i.has("parent")) Layer.fromGeojson(i["parent"].toString()) else null
    val options = ValidateOptions(i.num("tolerance_m"), i.str("policy"), i.str("as_of"))
    try {
        return reportJson(use("Layer.validate") { layer.validate(parent, options) })
    } finally {
        layer.close()
        parent?.close()
    }
}

fun nativeGridLocate(i: JsonObject): Any {
    if (!i.onlyKeys("layer", "points", "as_of") || i["points"]?.isJsonArray != true) return Inexpressible
    if (i.has("as_of") && i.str("as_of") == null) return Inexpressible
    val points = i["points"].asJsonArray.map { it as? JsonObject ?: return Inexpressible }
    for (p in points) {
        val id = p["id"]
        if (!p.onlyKeys("id", "lon", "lat", "crs") || id == null || !id.isJsonPrimitive ||
            !(id.asJsonPrimitive.isNumber || id.asJsonPrimitive.isString) || p.num("lon") == null || p.num("lat") == null ||
            (p.has("crs") && crsOf(p.str("crs")) == null)) return Inexpressible
    }
    val index = Layer.fromGeojson(i["layer"].toString()).use { layer -> use("GridIndex") { GridIndex(layer) } }
    return index.use { ix ->
        obj("results" to points.map { p ->
            val loc = use("GridIndex.locate") { ix.locate(p.num("lon")!!, p.num("lat")!!, crsOf(p.str("crs") ?: "wgs84"), i.str("as_of")) }
            obj("id" to p["id"], "code" to loc.grid, "fallback" to loc.fallback, "ancestors" to loc.ancestors)
        })
    }
}

/** The ops that also have typed functions or objects (every op has its generated function). */
val NATIVE: Map<String, (JsonObject) -> Any> = mapOf(
    "grid.locate" to ::nativeGridLocate,
    "grid.validate" to ::nativeGridValidate,
    "calendar.add" to { i ->
        val start = i.str("start"); val amount = i.num("amount"); val unit = DurationUnit.values().find { lower(it) == i.str("unit") }
        if (start == null || amount == null || amount < 0 || amount > 4294967295.0 || amount != Math.floor(amount) || unit == null) Inexpressible
        else withCalendar(i, listOf("start", "amount", "unit")) { c ->
            obj("deadline" to use("Calendar.add") { c.add(start, amount.toLong().toUInt(), unit) })
        }
    },
    "calendar.between" to { i ->
        val a = i.str("start"); val b = i.str("end")
        if (a == null || b == null) Inexpressible
        else withCalendar(i, listOf("start", "end")) { c -> obj("working_minutes" to use("Calendar.between") { c.between(a, b) }) }
    },
    "calendar.working_days_between" to { i ->
        val a = i.str("start"); val b = i.str("end")
        if (a == null || b == null) Inexpressible
        else withCalendar(i, listOf("start", "end")) { c ->
            obj("working_days" to use("Calendar.workingDaysBetween") { c.workingDaysBetween(a, b) })
        }
    },
    "calendar.next_working" to { i ->
        val at = i.str("at")
        if (at == null) Inexpressible
        else withCalendar(i, listOf("at")) { c -> obj("next" to use("Calendar.nextWorking") { c.nextWorking(at) }) }
    },
    "calendar.day" to { i ->
        val date = i.str("date")
        if (date == null) Inexpressible
        else withCalendar(i, listOf("date")) { c ->
            val d = use("Calendar.day") { c.day(date) }
            obj("date" to d.date, "working" to d.working, "kind" to lower(d.kind), "name" to d.name)
        }
    },
    "calendar.years" to { i -> withCalendar(i, listOf()) { c -> yearsJson(use("Calendar.years") { c.years() }) } },
    "code.parse" to { i ->
        val code = i.str("code")
        if (!i.onlyKeys("code") || code == null) Inexpressible else codeInfoJson(use("parseCode") { parseCode(code) })
    },
    "geo.convert" to { i ->
        val lon = i.num("lon"); val lat = i.num("lat"); val from = crsOf(i.str("from")); val to = crsOf(i.str("to"))
        if (!i.onlyKeys("lon", "lat", "from", "to") || lon == null || lat == null || from == null || to == null) Inexpressible
        else use("convertPoint") { convertPoint(LonLat(lon, lat), from, to) }.let { obj("lon" to it.lon, "lat" to it.lat) }
    },
    "policy.load" to { i ->
        // A bare word is a preset id, any other text the policy itself, an object its JSON.
        val src = i["policy"]
        val text = if (src != null && src.isJsonObject) src.toString() else i.str("policy")
        if (!i.onlyKeys("policy") || text == null) Inexpressible
        else (if (src!!.isJsonPrimitive && Regex("[A-Za-z0-9_-]{1,64}").matches(text)) use("Policy.preset") { Policy.preset(text) }
              else use("Policy.fromText") { Policy.fromText(text) })
            .use { summaryJson(use("Policy.summary") { it.summary() }) }
    },
)

fun outcome(f: () -> Any): Pair<Any?, WanggeException?> = try {
    Pair(f(), null)
} catch (e: WanggeException) {
    Pair(null, e)
}

fun checkCase(op: String, c: JsonObject, how: String, got: Pair<Any?, WanggeException?>, codes: Map<String, Int>) {
    val label = "$op / ${c.str("name")} ($how)"
    val wantErr = c.str("error")
    val (out, err) = got
    if (wantErr != null) {
        check(err != null && err.name == wantErr && err.code == codes[wantErr]) {
            "$label: want error $wantErr, got ${err?.code} ${err?.name} / $out"
        }
    } else {
        check(err == null && out is JsonElement && same(c["output"], out)) { "$label: got $out ${err?.message}" }
    }
}

fun runVectors(dir: File) {
    val ops = use("ops") { ops() }
    val codes = use("errorCodes") { errorCodes() }.associate { it.name to it.code.toInt() }
    for (op in ops) check(op in GENERATED) { "op $op has no generated function (run `cargo xtask bless`)" }
    check(GENERATED.keys.sorted() == ops.sorted()) { "GENERATED lists ${GENERATED.keys}, the library $ops" }
    for (op in NATIVE.keys) check(op in ops) { "NATIVE lists $op, not an op of the library" }
    val files = dir.listFiles { f -> f.name.endsWith(".json") }!!.sortedBy { it.name }
    var cases = 0
    val seen = mutableSetOf<String>()
    for (f in files) {
        val file = JsonParser.parseString(f.readText()).asJsonObject
        val op = file.str("op")!!
        seen += op
        check(op in ops) { "${f.name}: $op is not an op of the library" }
        val generated = GENERATED[op]
        check(generated != null) { "${f.name}: no generated function for $op" }
        if (generated == null) continue
        val native = NATIVE[op]
        for (c in file.getAsJsonArray("cases").map { it.asJsonObject }) {
            cases++
            val input = c.getAsJsonObject("input") ?: JsonObject()
            checkCase(op, c, "call", outcome { JsonParser.parseString(use("call") { call(op, c["input"].toString()) }) }, codes)
            val (fname, fn) = generated
            checkCase(op, c, "generated", outcome { JsonParser.parseString(use(fname) { fn(c["input"].toString()) }) }, codes)
            if (native == null) continue
            val got = outcome { native(input) }
            if (got.first === Inexpressible) {
                check(c.has("error")) { "$op / ${c.str("name")}: the native API cannot express this input" }
            } else {
                checkCase(op, c, "native", got, codes)
            }
        }
    }
    for (op in ops) check(op in seen) { "op $op has no vector file" }
    System.err.println("vectors: ${files.size} files, $cases cases (each through call, the generated function and natively where typed)")
}

// ---- the rest of the API ------------------------------------------------------------

fun testApi(samplePath: String) {
    check(use("version") { version() }.isNotEmpty()) { "version" }

    val grid = use("parseCode") { parseCode("371323100201007") }
    check(grid is CodeInfo.Grid && grid.sequence == 7u && grid.layout == GridCodeLayout.D15) { "grid $grid" }
    expectError("invalid_admin_code", 100) { parseCode("990000") }
    try {
        parseCode("990000")
    } catch (e: WanggeException.InvalidAdminCode) {
        check(e.message!!.contains("990000")) { "message names the input: ${e.message}" }
    }
    expectError("invalid_coordinate", 150) { convertPoint(LonLat(1.0, 95.0), Crs.WGS84, Crs.GCJ02) }
    expectError("invalid_json", 2) { call("code.parse", "{") }
    expectError("invalid_argument", 1) { call("no.such.op", "{}") }

    use("Policy.preset") { Policy.preset("seed002") }.use { p ->
        check(use("Policy.id") { p.id() } == "seed002") { "id" }
        check(use("Policy.name") { p.name() }.isNotEmpty()) { "name" }
        check(use("Policy.version") { p.version() } == "2014.1") { "version" }
        val again = use("Policy.fromText") { Policy.fromText(use("Policy.toJson") { p.toJson() }) }
        check(again.summary() == p.summary()) { "round trip" }
        again.close()
    }
    expectError("unknown_preset", 252) { Policy.preset("seed999") }

    val text = File(samplePath).readText()
    use("Layer.fromGeojson") { Layer.fromGeojson(text) }.use { layer ->
        check(use("Layer.len") { layer.len() } == 12uL) { "12 units" }
        check(!use("Layer.isEmpty") { layer.isEmpty() }) { "not empty" }
        val units = use("Layer.units") { layer.units() }
        check(units[0].code == "371323100201001" && units[0].isGrid && units[0].bbox!!.size == 4) { "units ${units[0]}" }
        check(use("Layer.unitsAt") { layer.unitsAt(118.505, 35.805) } == listOf("371323100201001")) { "unitsAt" }
        check(layer.unitsAt(100.0, 35.8).isEmpty()) { "outside" }
        expectError("invalid_coordinate", 150) { layer.unitsAt(Double.NaN, 35.8) }
        Layer.fromGeojson(use("Layer.toGeojson") { layer.toGeojson() }).use { check(it.len() == 12uL) { "round trip" } }
    }
    expectError("invalid_geojson", 152) { Layer.fromGeojson("{\"type\":\"FeatureCollection\"") }

    // A panic inside the library becomes WanggeException.Panic with code 99.
    expectError("panic", 99) { use("testPanic") { testPanic() } }
    try {
        testPanic()
    } catch (e: WanggeException.Panic) {
        check(e.message!!.contains("deliberate panic")) { "panic message: ${e.message}" }
    }
    check(parseCode("371323") is CodeInfo.Admin) { "works after a panic" }
}

// ---- coverage validation and the grid index -------------------------------------------

fun testGrid(vectors: File) {
    fun data(name: String) = File(vectors, "../data/$name").readText()
    val cleanText = data("county-24.geojson")
    val gapText = data("county-24-gap.geojson")
    val fault = JsonParser.parseString(data("county-24-gap.fault.json")).asJsonObject
    val faultCodes = fault["codes"].asJsonArray.map { it.asString }
    val clean = Layer.fromGeojson(cleanText)
    val gap = Layer.fromGeojson(gapText)
    val parents = Layer.fromGeojson(data("county-24-parents.geojson"))

    val ok = clean.validate()
    check(ok.valid && ok.grids == 24uL && ok.violations.isEmpty()) { "clean: $ok" }
    val r = gap.validate()
    check(!r.valid && r.violations.size == 1) { "gap: $r" }
    val v = r.violations[0]
    check(v.kind == ViolationKind.GAP && v.codes.containsAll(faultCodes)) { "violation $v" }
    val at = fault["at"].asJsonObject
    check(Math.abs(v.lon - at["lon"].asDouble) < 1e-4 && Math.abs(v.lat - at["lat"].asDouble) < 1e-4 && v.areaM2 > 0) { "at $v" }
    val op = JsonParser.parseString(use("gridValidate") { gridValidate(obj("layer" to JsonParser.parseString(gapText)).toString()) })
    check(same(op, reportJson(r))) { "native report == op: $op" }
    check(gap.validate(options = ValidateOptions(toleranceM = 1.0)).valid) { "sliver under 1 m" }
    check(!gap.validate(null, ValidateOptions(policy = "seed003", asOf = "2025-01-01")).valid) { "policy, as_of" }
    check(clean.validate(parents).valid) { "clean with parents" }
    val inCommunity = gap.validate(parent = parents).violations[0]
    check(inCommunity.kind == ViolationKind.GAP && faultCodes[0].take(12) in inCommunity.codes) { "gap in the community: $inCommunity" }
    expectError("invalid_argument", 1) { gap.validate(null, ValidateOptions(toleranceM = -1.0)) }
    expectError("unknown_preset", 252) { gap.validate(null, ValidateOptions(policy = "seed999")) }
    expectError("invalid_date_time", 7) { gap.validate(null, ValidateOptions(asOf = "2024-13-01")) }

    // The grid index against grid.locate on every vertex and edge midpoint, WGS84 and GCJ-02.
    val geo = JsonParser.parseString(cleanText).asJsonObject
    val index = GridIndex(clean)
    check(use("GridIndex.gridCount") { index.gridCount() } == 24uL) { "24 grids" }
    check(use("GridIndex.memoryBytes") { index.memoryBytes() } > 24uL * 64uL) { "memory" }
    val codes = use("GridIndex.codes") { index.codes() }
    check(codes.size == 24 && codes.all { it.length == 15 }) { "codes $codes" }
    val xy = mutableListOf<Double>()
    for (f in geo["features"].asJsonArray) {
        val g = f.asJsonObject["geometry"].asJsonObject
        if (g["type"].asString != "Polygon") continue
        for (ring in g["coordinates"].asJsonArray) {
            val pts = ring.asJsonArray.map { it.asJsonArray[0].asDouble to it.asJsonArray[1].asDouble }
            pts.forEachIndexed { k, (x, y) ->
                xy += listOf(x, y)
                if (k > 0) xy += listOf((x + pts[k - 1].first) / 2, (y + pts[k - 1].second) / 2)
            }
        }
    }
    xy += listOf(0.0, 0.0, 118.0, 35.0, 180.0, 90.0, -180.0, -90.0)
    val n = xy.size / 2
    val gcj = mutableListOf<Double>()
    val points = JsonArray()
    for (i in 0 until n) {
        val c = convertPoint(LonLat(xy[2 * i], xy[2 * i + 1]), Crs.WGS84, Crs.GCJ02)
        gcj += listOf(c.lon, c.lat)
        points.add(obj("id" to i, "lon" to xy[2 * i], "lat" to xy[2 * i + 1]))
        points.add(obj("id" to n + i, "lon" to c.lon, "lat" to c.lat, "crs" to "gcj02"))
    }
    val want = JsonParser.parseString(use("gridLocate") { gridLocate(obj("layer" to geo, "points" to points).toString()) })
        .asJsonObject["results"].asJsonArray.associateBy { it.asJsonObject["id"].asInt }
    var differ = 0
    var inGrid = 0
    var outside = 0
    for (i in 0 until 2 * n) {
        val loc = if (i < n) index.locate(xy[2 * i], xy[2 * i + 1]) else index.locate(gcj[2 * (i - n)], gcj[2 * (i - n) + 1], Crs.GCJ02)
        val w = want[i]!!.asJsonObject
        val got = obj("id" to i, "code" to loc.grid, "fallback" to loc.fallback, "ancestors" to loc.ancestors)
        if (!same(got, w)) differ++
        if (loc.grid != null) inGrid++
        if (loc.grid == null && loc.fallback == null) outside++
    }
    check(differ == 0) { "$differ of ${2 * n} locations differ from grid.locate" }
    check(inGrid > n && outside >= 8) { "grids $inGrid, outside $outside" }
    for ((pass, src) in listOf(0 to xy, 1 to gcj)) {
        val hits = use("GridIndex.locateBatch") { index.locateBatch(src, if (pass == 0) null else Crs.GCJ02) }
        val bad = (0 until n).count { i ->
            val w = want[pass * n + i]!!.asJsonObject
            val expect = w.str("code") ?: w.str("fallback")
            (if (hits[i] >= 0) codes[hits[i]] else null) != expect
        }
        check(hits.size == n && bad == 0) { "batch pass $pass: $bad differ" }
    }
    check(index.locateBatch(xy, null, "2030-01-01") == index.locateBatch(xy)) { "as_of 2030 = current" }
    check(index.locateBatch(emptyList()).isEmpty()) { "empty batch" }
    val badXy = xy.toMutableList().also { it[7] = Double.NaN }
    expectError("invalid_coordinate", 150) { index.locateBatch(badXy) }
    expectError("invalid_argument", 1) { index.locateBatch(xy.take(3)) }
    expectError("invalid_date_time", 7) { index.locateBatch(xy, null, "2024-13-01") }
    expectError("invalid_coordinate", 150) { index.locate(118.5, 95.0) }
    Layer.fromGeojson("{\"type\":\"FeatureCollection\",\"features\":[]}").use { empty ->
        expectError("empty_layer", 206) { GridIndex(empty) }
    }
    for (l in listOf(clean, gap, parents)) l.close()
    index.close()
}

const val GRID = "371323100201001"

fun reportCommand() = CaseCommand(
    "k1", "C1", CaseOp.REPORT, "2026-03-02T09:00:00+08:00", CaseActor("w1", "grid_worker", GRID),
    "{\"category\":\"矛盾纠纷\",\"urgency\":\"routine\",\"grid\":\"$GRID\"}",
)

/** The case book object: typed commands one at a time, refusals that change nothing, the
 *  journal of one book opening another. */
fun testCaseBook() {
    expectError("unknown_preset", 252) { CaseBook("seed009") }
    expectError("invalid_journal", 456) { CaseBook("seed001", null, "{\"format\":\"x\"}\n") }
    val book = CaseBook("seed001")
    val facts = use("CaseBook.execute") { book.execute(reportCommand()) }
    check(facts.size == 1 && facts[0].kind == "reported" && facts[0].caseId == "C1" && facts[0].command == "k1") { "reported: $facts" }
    check(JsonParser.parseString(facts[0].json).asJsonObject.str("type") == "reported") { "the fact's journal line" }
    check(book.execute(reportCommand()).isEmpty()) { "a repeated command id has no effect" }
    val foreign = CaseCommand("k2", "C1", CaseOp.ACCEPT, "2026-03-02T10:00:00+08:00", CaseActor("w2", "grid_worker", "371323100201002"), null)
    try {
        book.execute(foreign)
        check(false) { "a foreign grid worker may not accept" }
    } catch (e: WanggeException) {
        check(e.name == "case_unauthorized" || e.name == "case_out_of_jurisdiction") { "refused: ${e.name}" }
    }
    check(use("CaseBook.factCount") { book.factCount() } == 1uL) { "a refused command changes nothing" }
    expectError("invalid_command", 455) { book.executeJson("{") }
    expectError("invalid_date_time", 7) { book.state("C1", "tomorrow") }
    val st = use("CaseBook.state") { book.state("C1") }
    check(st != null && st.status == CaseStatus.REPORTED && st.grid == GRID && st.category == "矛盾纠纷" && st.dueOverall != null) { "state: $st" }
    check(book.state("C9") == null) { "unknown case: null" }
    expectError("unknown_case", 453) { book.history("C9") }
    val hist = use("CaseBook.history") { book.history("C1") }
    check(hist.size == 1 && "reported" in hist[0]) { "history: $hist" }
    val late = "2026-06-01T09:00:00+08:00"
    val breaches = use("CaseBook.tick") { book.tick(late) }
    check(breaches.isNotEmpty() && breaches.all { it.kind == "breached" && it.command == null }) { "tick: $breaches" }
    check(book.tick(late).isEmpty()) { "a breach is recorded once" }
    val n = book.factCount()
    check(n == 1uL + breaches.size.toULong()) { "breaches added" }
    val line = JsonParser.parseString(facts[0].json).asJsonObject
    val cmd = obj("id" to "k1", "case" to "C1", "op" to "report", "at" to line.str("at"))
    cmd.add("actor", line["actor"])
    cmd.add("args", JsonParser.parseString("{\"category\":\"矛盾纠纷\",\"urgency\":\"routine\",\"grid\":\"$GRID\"}"))
    CaseBook("seed001").use { other ->
        val again = use("CaseBook.executeJson") { other.executeJson(cmd.toString()) }
        check(again.map { it.json } == listOf(facts[0].json)) { "executeJson and execute agree" }
    }
    val journal = use("CaseBook.journal") { book.journal() }
    check(journal.startsWith("{\"format\":\"wangge.case.journal\"") && journal.count { it == '\n' }.toULong() == n + 1uL) { "journal" }
    CaseBook("seed001", null, journal).use { reopened ->
        check(reopened.factCount() == n) { "reopened: same facts" }
        check(use("CaseBook.states") { reopened.states(late) }.map { it.json } == book.states(late).map { it.json }) { "reopened: same states" }
        val rows = use("CaseBook.recordsJsonl") { reopened.recordsJsonl(null) }.lines().filter { it.isNotBlank() }
            .map { JsonParser.parseString(it).asJsonObject }
        check(rows.size == 1 && rows[0].str("id") == "C1" && rows[0].str("grid") == GRID) { "records: $rows" }
    }
    book.close()
}

// Grid 001: A closed on time, B closed late, C open and overdue (all due in December), D due
// in January; grid 002: E due in January only.
val SCORE_CSV = """
id,grid,category,class,urgency,tier,source,reported_at,due_at,closed_at,status
A,371323100201001,x,event,routine,t1,patrol,2016-12-01T09:00:00+08:00,2016-12-05T17:00:00+08:00,2016-12-04T10:00:00+08:00,closed
B,371323100201001,x,event,routine,t1,patrol,2016-12-02T09:00:00+08:00,2016-12-06T17:00:00+08:00,2016-12-07T10:00:00+08:00,closed
C,371323100201001,x,event,urgent,t2,hotline,2016-12-03T09:00:00+08:00,2016-12-09T17:00:00+08:00,,assigned
D,371323100201001,x,event,routine,t1,patrol,2016-12-20T09:00:00+08:00,2017-01-06T17:00:00+08:00,,assigned
E,371323100201002,x,component,routine,t1,sensor,2016-12-21T09:00:00+08:00,2017-01-08T17:00:00+08:00,,reported
""".trimStart()

fun recordJson(r: CaseRecord) = obj(
    "id" to r.id, "grid" to r.grid, "category" to r.category, "class" to lower(r.caseClass),
    "urgency" to lower(r.urgency), "tier" to lower(r.tier), "source" to lower(r.source),
    "reported_at" to r.reportedAt, "due_at" to r.dueAt, "closed_at" to r.closedAt, "status" to lower(r.status),
)

/** Typed scoring: CSV rows in, a typed result out, equal to the JSON operation's. */
fun testScore() {
    val rows = use("readCaseRecordsCsv") { readCaseRecordsCsv(SCORE_CSV) }
    check(rows.size == 5 && rows[0].status == CaseStatus.CLOSED && rows[2].urgency == Urgency.URGENT &&
        rows[4].caseClass == CaseClass.COMPONENT && rows[4].source == ReportSource.SENSOR &&
        rows[0].supervision == Supervision.NONE) { "rows: $rows" }
    // Expected counts, computed from the rows: due in December, closed by its end, on time.
    val dec = rows.filter { it.grid == "371323100201001" && it.dueAt!!.startsWith("2016-12") }
    val closed = dec.filter { it.closedAt != null }
    val onTime = closed.filter { it.closedAt!! <= it.dueAt!! }
    val res = use("scoreRecords") { scoreRecords("seed001", rows, "2016-12", GroupBy.GRID) }
    check(res.units.map { it.unit } == listOf("371323100201001", "371323100201002")) { "units: ${res.units}" }
    val c = res.units[0].indicators.getValue("completion")
    check(c.numerator == closed.size.toDouble() && c.denominator == dec.size.toULong() &&
        c.display == "%.2f%%".format(java.util.Locale.ROOT, 100.0 * closed.size / dec.size)) { "completion: $c" }
    val t = res.units[0].indicators.getValue("on_time")
    check(t.numerator == onTime.size.toDouble() && t.denominator == dec.size.toULong()) { "on time: $t" }
    val na = res.units[1].indicators.getValue("completion")
    check(na.value == null && na.display == null) { "nothing due: not applicable, $na" }
    check(res.bounds.start == "2016-12-01T00:00:00+08:00" && res.by == GroupBy.GRID) { "bounds: ${res.bounds}" }
    // The same records through JSON Lines and through the JSON operation.
    val records = JsonArray().apply { rows.forEach { add(recordJson(it)) } }
    val again = use("readCaseRecordsJsonl") { readCaseRecordsJsonl(records.joinToString("\n") { it.toString() }) }
    check(again == rows) { "JSONL and CSV give the same records" }
    val input = obj("policy" to "seed001", "period" to "2016-12", "by" to "grid")
    input.add("records", records)
    val out = JsonParser.parseString(call("score.compute", input.toString())).asJsonObject
    val unit = out.getAsJsonArray("units")[0].asJsonObject
    val jc = unit.getAsJsonObject("indicators").getAsJsonObject("completion")
    check(jc["numerator"].asDouble == c.numerator && jc["denominator"].asLong == c.denominator!!.toLong() &&
        jc["display"].asString == c.display && out.str("cut") == res.cut && out.str("period") == res.period) {
        "typed and JSON agree: $out / $res"
    }
    check(unit.getAsJsonObject("indicators").keySet() == res.units[0].indicators.keys) { "the same indicators" }
    // Partitions counted apart, merged in another order and scored once: the same result.
    val parts = listOf(rows.subList(0, 2), rows.subList(2, 5)).map {
        use("scoreRecordsPartial") { scoreRecordsPartial("seed001", it, "2016-12", GroupBy.GRID) }
    }
    val merged = use("scoreMergePartials") { scoreMergePartials(parts.reversed()) }
    val scored = use("scorePartialResult") { scorePartialResult("seed001", merged) }
    check(scored == res) { "partials merged and scored = scored at once" }
    expectError("invalid_period", 501) { scoreRecords(null, rows, "2016-13", GroupBy.GRID) }
    try {
        readCaseRecordsCsv(SCORE_CSV.replace("t2,hotline", "t9,hotline"))
        check(false) { "a bad tier is refused" }
    } catch (e: WanggeException) {
        check(e.name == "invalid_records" && "line 4" in e.message!!) { "bad row: ${e.name} ${e.message}" }
    }
    expectError("invalid_scoring_input", 504) { scoreMergePartials(listOf()) }
}

/** Every public function and method of the generated API was called. */
fun checkEverythingCalled() {
    val exported = mutableSetOf<String>()
    // Kotlin mangles functions returning unsigned types (`len-s-VKNKU`); `$` marks synthetics.
    fun api(m: java.lang.reflect.Method) =
        Modifier.isPublic(m.modifiers) && '$' !in m.name && !m.name.contains("uniffi", ignoreCase = true)
    fun name(m: java.lang.reflect.Method) = m.name.substringBefore('-')
    Class.forName("org.wangge.WanggeKt").declaredMethods
        .filter { api(it) && Modifier.isStatic(it.modifiers) && it.name != "use" }
        .forEach { exported += name(it) }
    for (cls in listOf(Policy::class.java, Layer::class.java, Calendar::class.java, GridIndex::class.java, CaseBook::class.java)) {
        val ignore = setOf("close", "destroy", "uniffiClonePointer", "uniffiCloneHandle", "getUniffiIsDestroyed")
        cls.declaredMethods.filter { api(it) && name(it) !in ignore }
            .forEach { exported += "${cls.simpleName}.${name(it)}" }
        cls.declaredClasses.filter { it.simpleName == "Companion" }.forEach { comp ->
            comp.declaredMethods.filter { api(it) }.forEach { exported += "${cls.simpleName}.${name(it)}" }
        }
    }
    val missing = exported - called
    check(missing.isEmpty()) { "exported but not exercised: $missing" }
    check(exported.size >= 15) { "found only ${exported.size} exported functions: $exported" }
}

fun main(args: Array<String>) {
    testApi(args[1])
    testGrid(File(args[0]))
    testCaseBook()
    testScore()
    runVectors(File(args[0]))
    checkEverythingCalled()
    println("$passed passed, $failed failed")
    if (failed > 0) kotlin.system.exitProcess(1)
}
