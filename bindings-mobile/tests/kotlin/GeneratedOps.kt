// The per-operation functions of the Kotlin binding, by op name. Generated from wangge::api::OP_INFO by bindings-mobile/tests/generated.rs (cargo xtask bless). Do not edit.

import org.wangge.*

val GENERATED: Map<String, Pair<String, (String) -> String>> = mapOf(
    "admission.budget" to Pair("admissionBudget", ::admissionBudget),
    "admission.check" to Pair("admissionCheck", ::admissionCheck),
    "admission.completion" to Pair("admissionCompletion", ::admissionCompletion),
    "admission.instances" to Pair("admissionInstances", ::admissionInstances),
    "admission.list" to Pair("admissionList", ::admissionList),
    "admission.load" to Pair("admissionLoad", ::admissionLoad),
    "admission.tally" to Pair("admissionTally", ::admissionTally),
    "admission.transition" to Pair("admissionTransition", ::admissionTransition),
    "calendar.add" to Pair("calendarAdd", ::calendarAdd),
    "calendar.between" to Pair("calendarBetween", ::calendarBetween),
    "calendar.day" to Pair("calendarDay", ::calendarDay),
    "calendar.next_working" to Pair("calendarNextWorking", ::calendarNextWorking),
    "calendar.working_days_between" to Pair("calendarWorkingDaysBetween", ::calendarWorkingDaysBetween),
    "calendar.years" to Pair("calendarYears", ::calendarYears),
    "case.apply" to Pair("caseApply", ::caseApply),
    "case.history" to Pair("caseHistory", ::caseHistory),
    "case.records" to Pair("caseRecords", ::caseRecords),
    "case.replay" to Pair("caseReplay", ::caseReplay),
    "case.tick" to Pair("caseTick", ::caseTick),
    "code.parse" to Pair("codeParse", ::codeParse),
    "geo.convert" to Pair("geoConvert", ::geoConvert),
    "grid.locate" to Pair("gridLocate", ::gridLocate),
    "grid.validate" to Pair("gridValidate", ::gridValidate),
    "policy.load" to Pair("policyLoad", ::policyLoad),
    "roster.holder" to Pair("rosterHolder", ::rosterHolder),
    "roster.summary" to Pair("rosterSummary", ::rosterSummary),
    "roster.validate" to Pair("rosterValidate", ::rosterValidate),
    "score.compute" to Pair("scoreCompute", ::scoreCompute),
)
