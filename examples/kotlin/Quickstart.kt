// wangge from Kotlin (JVM or Android): the UniFFI bindings in package org.wangge.
//   kotlinc -cp jna.jar wangge.kt WanggeErrorCodes.kt Quickstart.kt -d quickstart.jar
//   java -Djna.library.path=<dir of libwangge_mobile.so> -cp quickstart.jar:jna.jar:kotlin-stdlib.jar QuickstartKt sample.geojson
import java.io.File
import org.wangge.*

fun main(args: Array<String>) {
    // 1. Codes come back as a sealed class.
    when (val info = parseCode("371323100201007")) {
        is CodeInfo.Grid -> println("grid ${info.code}: community ${info.community}, sequence ${info.sequence}")
        is CodeInfo.Admin -> println("division ${info.code} (${info.level})")
    }

    // 2. Errors are WanggeExceptions with the stable code, its name and the message.
    try {
        parseCode("990000")
    } catch (e: WanggeException) {
        println("error ${e.code} (${e.name}): ${e.message}")
    }

    // 3. GPS (WGS84) to Amap (GCJ-02).
    println(convertPoint(LonLat(116.391275, 39.90765), Crs.WGS84, Crs.GCJ02))

    // 4. Objects wrap core objects; `use` frees them.
    Policy.preset("seed002").use { println(it.summary()) }

    // 5. A working calendar: 10 working days over the National Day holidays.
    Calendar().use { cal ->   // or Calendar(policy = "seed003")
        println(cal.add("2026-09-28T10:00:00+08:00", 10u, DurationUnit.WORKING_DAYS))
        println(cal.day("2026-02-14"))
    }

    // 6. A grid layer and the grid under a point.
    if (args.isNotEmpty()) {
        Layer.fromGeojson(File(args[0]).readText()).use { layer ->
            println("${layer.len()} units; at (118.505, 35.805): ${layer.unitsAt(118.505, 35.805)}")
        }
    }

    // 7. Any operation by name, JSON text in and out.
    println(call("code.parse", """{"code": "330102016001"}"""))

    // 8. A case book: a report, a refused command, the state with its deadlines.
    CaseBook("seed003").use { book ->
        val grid = "371323100201001"
        val facts = book.execute(CaseCommand("k1", "C1", CaseOp.REPORT, "2026-03-02T09:00:00+08:00",
            CaseActor("w1", "grid_worker", grid),
            """{"category": "矛盾纠纷", "urgency": "routine", "grid": "$grid"}"""))
        println(facts.map { "${it.kind} ${it.at}" })
        try {
            book.execute(CaseCommand("k2", "C1", CaseOp.ACCEPT, "2026-03-02T10:00:00+08:00",
                CaseActor("w2", "grid_worker", "371323100201002"), null))
        } catch (e: WanggeException) {
            println("refused: ${e.code} ${e.name}: ${e.message}")
        }
        val state = book.state("C1")
        println("${state?.status} ${state?.dueStage} ${state?.dueOverall} ${state?.colour} ${book.factCount()} fact(s)")
    }
}
