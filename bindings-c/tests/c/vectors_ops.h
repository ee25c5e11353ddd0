/* The C ABI's per-operation JSON functions, by op name. Generated from `wangge::api::OP_INFO` by `bindings-c/src/ops_gen_tests.rs` (`cargo xtask bless`). Do not edit. */
#ifndef WANGGE_TEST_VECTORS_OPS_H
#define WANGGE_TEST_VECTORS_OPS_H

typedef wangge_status (*json_fn)(const char *, size_t, char **, size_t *);

static const struct {
    const char *op;
    json_fn fn;
} GENERATED_OPS[] = {
    {"admission.budget", wangge_op_admission_budget},
    {"admission.check", wangge_op_admission_check},
    {"admission.completion", wangge_op_admission_completion},
    {"admission.instances", wangge_op_admission_instances},
    {"admission.list", wangge_op_admission_list},
    {"admission.load", wangge_op_admission_load},
    {"admission.tally", wangge_op_admission_tally},
    {"admission.transition", wangge_op_admission_transition},
    {"calendar.add", wangge_op_calendar_add},
    {"calendar.between", wangge_op_calendar_between},
    {"calendar.day", wangge_op_calendar_day},
    {"calendar.next_working", wangge_op_calendar_next_working},
    {"calendar.working_days_between", wangge_op_calendar_working_days_between},
    {"calendar.years", wangge_op_calendar_years},
    {"case.apply", wangge_op_case_apply},
    {"case.history", wangge_op_case_history},
    {"case.records", wangge_op_case_records},
    {"case.replay", wangge_op_case_replay},
    {"case.tick", wangge_op_case_tick},
    {"code.parse", wangge_op_code_parse},
    {"geo.convert", wangge_op_geo_convert},
    {"grid.locate", wangge_op_grid_locate},
    {"grid.validate", wangge_op_grid_validate},
    {"policy.load", wangge_op_policy_load},
    {"roster.holder", wangge_op_roster_holder},
    {"roster.summary", wangge_op_roster_summary},
    {"roster.validate", wangge_op_roster_validate},
    {"score.compute", wangge_op_score_compute},
    {"score.from_partial", wangge_op_score_from_partial},
    {"score.merge", wangge_op_score_merge},
    {"score.partial", wangge_op_score_partial},
};
#define N_GENERATED_OPS (sizeof GENERATED_OPS / sizeof GENERATED_OPS[0])

#endif
