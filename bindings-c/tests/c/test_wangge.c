/* Tests of the C ABI against the shipped library (shared and static builds), run under
 * valgrind by `cargo xtask ci`.
 *
 * Usage: test_wangge <tests/vectors dir> <sample-county.geojson>
 *
 * 1. The conventions: NULL arguments, invalid UTF-8, out-parameters untouched on failure,
 *    handles, string ownership, status names.
 * 2. Coverage validation and the grid index on tests/data (test_grid.h).
 * 3. JSON over the core's byte cap is input_too_large.
 * 4. Every conformance vector, twice: through the generic wangge_call and through the
 *    native typed functions (vectors.h maps each op to them). An op of the library
 *    that has no native mapping, or a vector file whose op is unknown, is a failure. */
#define _POSIX_C_SOURCE 200809L /* strdup */
#include <math.h>

#include <cjson/cJSON.h>

#include "harness.h"
#include "wangge.h"
#include "vectors.h"
#include "test_grid.h"
#include "test_case.h"
#include "test_score.h"

static void test_conventions(const char *sample_path) {
    /* Status names equal the error names of docs/ERRORS.md. */
    CHECK(strcmp(wangge_status_name(WANGGE_STATUS_OK), "ok") == 0, "ok");
    CHECK(strcmp(wangge_status_name(WANGGE_STATUS_INVALID_JSON), "invalid_json") == 0, "2");
    CHECK(strcmp(wangge_status_name(WANGGE_STATUS_PANIC), "panic") == 0, "99");
    CHECK(strcmp(wangge_status_name(12345), "unknown") == 0, "unknown");
    CHECK(WANGGE_STATUS_PANIC == 99 && WANGGE_STATUS_INVALID_GEOJSON == 152, "stable values");
    CHECK(strlen(wangge_version()) > 0, "version");

    /* NULL arguments give a status, never a crash; out-parameters stay untouched. */
    wangge_code_info info;
    memset(&info, 0x5a, sizeof info);
    CHECK(wangge_code_parse(NULL, 6, &info) == WANGGE_STATUS_NULL_ARGUMENT, "NULL text");
    CHECK(info.kind == 0x5a5a5a5a, "out untouched on failure");
    CHECK(strstr(wangge_last_error_message(), "text") != NULL, "message names the argument: %s",
          wangge_last_error_message());
    CHECK(wangge_code_parse("371323", 6, NULL) == WANGGE_STATUS_NULL_ARGUMENT, "NULL out");
    char *out = (char *)0x1;
    size_t out_len = 777;
    CHECK(wangge_call(NULL, "{}", 2, &out, &out_len) == WANGGE_STATUS_NULL_ARGUMENT, "NULL op");
    CHECK(wangge_call("code.parse", NULL, 0, &out, &out_len) == WANGGE_STATUS_NULL_ARGUMENT,
          "NULL input");
    CHECK(wangge_call("code.parse", "{}", 2, NULL, NULL) == WANGGE_STATUS_NULL_ARGUMENT, "NULL out");
    CHECK(out == (char *)0x1 && out_len == 777, "out untouched");
    double lon = -1, lat = -1;
    CHECK(wangge_geo_convert(118.5, 35.8, WANGGE_CRS_WGS84, WANGGE_CRS_GCJ02, NULL, &lat) ==
              WANGGE_STATUS_NULL_ARGUMENT, "NULL out_lon");
    CHECK(lat == -1, "out_lat untouched");
    CHECK(wangge_policy_summary_json(NULL, &out, NULL) == WANGGE_STATUS_NULL_ARGUMENT, "NULL handle");
    CHECK(wangge_layer_len(NULL, &out_len) == WANGGE_STATUS_NULL_ARGUMENT, "NULL layer");
    wangge_policy_free(NULL);
    wangge_layer_free(NULL);
    wangge_string_free(NULL);

    /* Invalid UTF-8 gives WANGGE_STATUS_INVALID_UTF8. */
    const char bad_utf8[] = {'3', '7', (char)0xff, '3', '2', '3'};
    CHECK(wangge_code_parse(bad_utf8, sizeof bad_utf8, &info) == WANGGE_STATUS_INVALID_UTF8, "utf8");
    CHECK(wangge_call("code.parse", bad_utf8, sizeof bad_utf8, &out, NULL) ==
              WANGGE_STATUS_INVALID_UTF8, "utf8 call");
    const char bad_op[] = {'c', (char)0xc3, 0};
    CHECK(wangge_call(bad_op, "{}", 2, &out, NULL) == WANGGE_STATUS_INVALID_UTF8, "utf8 op");
    wangge_policy *policy = NULL;
    CHECK(wangge_policy_load(bad_utf8, sizeof bad_utf8, &policy) == WANGGE_STATUS_INVALID_UTF8 &&
              policy == NULL, "utf8 policy");

    /* Unknown CRS constant and bad JSON. */
    CHECK(wangge_geo_convert(118.5, 35.8, 7, WANGGE_CRS_GCJ02, &lon, &lat) == WANGGE_STATUS_UNKNOWN_CRS,
          "crs 7");
    CHECK(wangge_call("code.parse", "{", 1, &out, NULL) == WANGGE_STATUS_INVALID_JSON, "bad json");
    CHECK(wangge_call("no.such.op", "{}", 2, &out, NULL) == WANGGE_STATUS_INVALID_ARGUMENT, "bad op");

    /* Lengths are honoured: no NUL is needed after the text. */
    CHECK(wangge_code_parse("371323100201007xyz", 15, &info) == WANGGE_STATUS_OK, "len");
    CHECK(info.kind == WANGGE_CODE_KIND_GRID && info.layout == WANGGE_GRID_LAYOUT_D15 &&
              info.sequence == 7 && strcmp(info.community, "371323100201") == 0, "grid info");

    /* Policy handle: load, summarise, write back, reload, free. */
    CHECK(wangge_policy_preset("seed002", &policy) == WANGGE_STATUS_OK, "preset");
    char *json = NULL;
    size_t json_len = 0;
    CHECK(wangge_policy_summary_json(policy, &json, &json_len) == WANGGE_STATUS_OK, "summary");
    CHECK(json && json_len == strlen(json) && strstr(json, "\"seed002\""), "summary %s", json);
    wangge_string_free(json);
    CHECK(wangge_policy_to_json(policy, &json, &json_len) == WANGGE_STATUS_OK, "to_json");
    wangge_policy *again = NULL;
    CHECK(wangge_policy_load(json, json_len, &again) == WANGGE_STATUS_OK, "reload: %s",
          wangge_last_error_message());
    wangge_string_free(json);
    wangge_policy_free(again);
    wangge_policy_free(policy);
    policy = NULL;
    CHECK(wangge_policy_preset("seed999", &policy) == WANGGE_STATUS_UNKNOWN_PRESET && policy == NULL,
          "unknown preset");

    /* Layer handle on the sample county. */
    size_t geo_len = 0;
    char *geo = read_file(sample_path, &geo_len);
    CHECK(geo != NULL, "read %s", sample_path);
    wangge_layer *layer = NULL;
    CHECK(wangge_layer_load(geo, geo_len, &layer) == WANGGE_STATUS_OK, "layer: %s",
          wangge_last_error_message());
    size_t n = 0;
    CHECK(wangge_layer_len(layer, &n) == WANGGE_STATUS_OK && n == 12, "12 grids, got %zu", n);
    CHECK(wangge_layer_units_at(layer, 118.505, 35.805, &json, NULL) == WANGGE_STATUS_OK, "units_at");
    CHECK(json && strcmp(json, "[\"371323100201001\"]") == 0, "units_at %s", json);
    wangge_string_free(json);
    CHECK(wangge_layer_units_at(layer, 100.0, 35.8, &json, NULL) == WANGGE_STATUS_OK &&
              strcmp(json, "[]") == 0, "outside");
    wangge_string_free(json);
    CHECK(wangge_layer_units_at(layer, NAN, 35.8, &json, NULL) == WANGGE_STATUS_INVALID_COORDINATE,
          "nan point");
    CHECK(wangge_layer_to_geojson(layer, &json, &json_len) == WANGGE_STATUS_OK &&
              strstr(json, "371323100203004"), "to_geojson");
    wangge_string_free(json);
    wangge_layer_free(layer);
    layer = NULL;
    CHECK(wangge_layer_load("{\"type\":\"FeatureCollection\"", 27, &layer) == WANGGE_STATUS_INVALID_GEOJSON &&
              layer == NULL, "bad geojson: %s", wangge_status_name(wangge_layer_load("{", 1, &layer)));
    free(geo);

    /* Calendar handle. */
    wangge_calendar *cal = NULL;
    CHECK(wangge_calendar_load(NULL, 0, &cal) == WANGGE_STATUS_NULL_ARGUMENT && cal == NULL, "NULL options");
    CHECK(wangge_calendar_load("{\"bogus\":1}", 11, &cal) == WANGGE_STATUS_INVALID_JSON && cal == NULL,
          "unknown option: %s", wangge_last_error_message());
    CHECK(wangge_calendar_load("{\"policy\":\"seed999\"}", 20, &cal) == WANGGE_STATUS_UNKNOWN_PRESET, "preset");
    CHECK(wangge_calendar_load("{}", 2, &cal) == WANGGE_STATUS_OK && cal != NULL, "national calendar");
    const char *start = "2026-09-28T10:00:00+08:00";
    char *deadline = NULL;
    CHECK(wangge_calendar_add(cal, start, strlen(start), 10, WANGGE_DURATION_WORKING_DAYS, &deadline, NULL) ==
              WANGGE_STATUS_OK && strcmp(deadline, "2026-10-16T17:30:00+08:00") == 0, "add: %s", deadline);
    wangge_string_free(deadline);
    deadline = NULL;
    CHECK(wangge_calendar_add(cal, start, strlen(start), 1, 99, &deadline, NULL) == WANGGE_STATUS_INVALID_ARGUMENT &&
              deadline == NULL, "unit 99");
    CHECK(wangge_calendar_add(NULL, start, strlen(start), 1, WANGGE_DURATION_WORKING_DAYS, &deadline, NULL) ==
              WANGGE_STATUS_NULL_ARGUMENT, "NULL calendar");
    int64_t minutes = -7;
    CHECK(wangge_calendar_between(cal, start, strlen(start), "tomorrow", 8, &minutes) ==
              WANGGE_STATUS_INVALID_DATE_TIME && minutes == -7, "bad end");
    CHECK(wangge_calendar_between(cal, start, strlen(start), start, strlen(start), NULL) ==
              WANGGE_STATUS_NULL_ARGUMENT, "NULL out_minutes");
    CHECK(wangge_calendar_day_json(cal, "2027-01-01", 10, &json, NULL) == WANGGE_STATUS_UNKNOWN_YEAR, "2027");
    CHECK(wangge_calendar_day_json(cal, "2026-02-14", 10, &json, NULL) == WANGGE_STATUS_OK &&
              strstr(json, "makeup_workday"), "makeup day");
    wangge_string_free(json);
    wangge_calendar_free(cal);
    wangge_calendar_free(NULL);
}

/* JSON over the core's cap (wangge::api::MAX_JSON_BYTES, 1 GiB) is refused before a byte is
 * read: the buffer is allocated but never written or read, so it costs address space only. */
static void test_json_cap(void) {
    const size_t cap = (size_t)1 << 30;
    char *big = malloc(cap + 1);
    /* Not a skip: a machine that cannot reserve the address space fails the test. */
    CHECK(big != NULL, "cannot reserve %zu bytes of address space for the cap test", cap + 1);
    if (big == NULL) return;
    char *out = (char *)0x1;
    CHECK(wangge_call("code.parse", big, cap + 1, &out, NULL) == WANGGE_STATUS_INPUT_TOO_LARGE,
          "call over the cap");
    CHECK(strstr(wangge_last_error_message(), "limit of 1073741824 bytes") != NULL,
          "names the limit: %s", wangge_last_error_message());
    CHECK(wangge_op_code_parse(big, cap + 1, &out, NULL) == WANGGE_STATUS_INPUT_TOO_LARGE,
          "per-op function over the cap");
    CHECK(out == (char *)0x1, "out untouched");
    wangge_policy *policy = NULL;
    CHECK(wangge_policy_load(big, cap + 1, &policy) == WANGGE_STATUS_INPUT_TOO_LARGE &&
              policy == NULL, "policy text over the cap");
    wangge_layer *layer = NULL;
    CHECK(wangge_layer_load(big, cap + 1, &layer) == WANGGE_STATUS_INPUT_TOO_LARGE &&
              layer == NULL, "GeoJSON over the cap");
    free(big);
}

int main(int argc, char **argv) {
    if (argc != 3) {
        fprintf(stderr, "usage: %s <vectors dir> <sample-county.geojson>\n", argv[0]);
        return 2;
    }
    test_conventions(argv[2]);
    test_json_cap();
    test_validate(argv[1]);
    test_index(argv[1]);
    test_case_book();
    test_score();
    run_vectors(argv[1]);
    return harness_summary();
}
