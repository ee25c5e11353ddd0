/* Adapters for the operations the C ABI exposes as per-op JSON functions. */
#ifndef WANGGE_TEST_VECTORS_JSON_OPS_H
#define WANGGE_TEST_VECTORS_JSON_OPS_H

typedef wangge_status (*json_fn)(const char *, size_t, char **, size_t *);

static adapt_result json_adapter(json_fn f, const cJSON *in, cJSON **out, wangge_status *status) {
    char *text = cJSON_PrintUnformatted(in);
    char *json = NULL;
    *status = f(text, strlen(text), &json, NULL);
    free(text);
    if (*status != WANGGE_STATUS_OK) return ADAPT_ERROR;
    *out = cJSON_Parse(json);
    wangge_string_free(json);
    return ADAPT_OK;
}

static adapt_result adapt_admission_budget(const cJSON *in, cJSON **out, wangge_status *st) { return json_adapter(wangge_admission_budget, in, out, st); }
static adapt_result adapt_admission_check(const cJSON *in, cJSON **out, wangge_status *st) { return json_adapter(wangge_admission_check, in, out, st); }
static adapt_result adapt_admission_completion(const cJSON *in, cJSON **out, wangge_status *st) { return json_adapter(wangge_admission_completion, in, out, st); }
static adapt_result adapt_admission_instances(const cJSON *in, cJSON **out, wangge_status *st) { return json_adapter(wangge_admission_instances, in, out, st); }
static adapt_result adapt_admission_list(const cJSON *in, cJSON **out, wangge_status *st) { return json_adapter(wangge_admission_list, in, out, st); }
static adapt_result adapt_admission_load(const cJSON *in, cJSON **out, wangge_status *st) { return json_adapter(wangge_admission_load, in, out, st); }
static adapt_result adapt_admission_tally(const cJSON *in, cJSON **out, wangge_status *st) { return json_adapter(wangge_admission_tally, in, out, st); }
static adapt_result adapt_admission_transition(const cJSON *in, cJSON **out, wangge_status *st) { return json_adapter(wangge_admission_transition, in, out, st); }
static adapt_result adapt_roster_holder(const cJSON *in, cJSON **out, wangge_status *st) { return json_adapter(wangge_roster_holder, in, out, st); }
static adapt_result adapt_roster_summary(const cJSON *in, cJSON **out, wangge_status *st) { return json_adapter(wangge_roster_summary, in, out, st); }
static adapt_result adapt_roster_validate(const cJSON *in, cJSON **out, wangge_status *st) { return json_adapter(wangge_roster_validate, in, out, st); }

#endif
