/* wangge from C: parse a code, convert a coordinate, load a policy and a grid layer.
 *
 *   cargo xtask install-c --prefix /usr/local      # libwangge, wangge.h, wangge.pc
 *   cc quickstart.c $(pkg-config --cflags --libs wangge) -o quickstart
 *   ./quickstart examples/data/sample-county.geojson
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <wangge.h>

/* Prints the failure of the last call and returns 1. */
static int fail(const char *what, wangge_status st) {
    fprintf(stderr, "%s: error %d (%s): %s\n", what, (int)st, wangge_status_name(st),
            wangge_last_error_message());
    return 1;
}

int main(int argc, char **argv) {
    /* 1. A grid code: a plain struct, no allocation. */
    wangge_code_info info;
    wangge_status st = wangge_code_parse("371323100201007", 15, &info);
    if (st != WANGGE_STATUS_OK) return fail("parse", st);
    printf("grid %s: community %s, sequence %u\n", info.code, info.community, info.sequence);

    /* Errors come back as a stable status plus a message. */
    st = wangge_code_parse("990000", 6, &info);
    printf("990000 -> %s (%d): %s\n", wangge_status_name(st), (int)st, wangge_last_error_message());

    /* 2. GPS (WGS84) to Amap (GCJ-02). */
    double lon, lat;
    st = wangge_geo_convert(116.391275, 39.90765, WANGGE_CRS_WGS84, WANGGE_CRS_GCJ02, &lon, &lat);
    if (st != WANGGE_STATUS_OK) return fail("convert", st);
    printf("GCJ-02: %.9f, %.9f\n", lon, lat);

    /* 3. A policy handle; rich data comes back as JSON that the caller frees. */
    wangge_policy *policy = NULL;
    st = wangge_policy_preset("seed002", &policy);
    if (st != WANGGE_STATUS_OK) return fail("preset", st);
    char *json = NULL;
    size_t len = 0;
    st = wangge_policy_summary_json(policy, &json, &len);
    if (st != WANGGE_STATUS_OK) return fail("summary", st);
    printf("policy: %.*s\n", (int)len, json);
    wangge_string_free(json);
    wangge_policy_free(policy);

    /* 4. The same operation through the generic JSON entry point. */
    const char *input = "{\"code\":\"330102016001\"}";
    st = wangge_call("code.parse", input, strlen(input), &json, &len);
    if (st != WANGGE_STATUS_OK) return fail("call", st);
    printf("code.parse: %s\n", json);
    wangge_string_free(json);

    /* 5. A working calendar: 10 working days over the National Day holidays. */
    wangge_calendar *cal = NULL;
    st = wangge_calendar_load("{}", 2, &cal); /* or {"policy":"seed003"}, {"calendar":{…}} */
    if (st != WANGGE_STATUS_OK) return fail("calendar", st);
    const char *start = "2026-09-28T10:00:00+08:00";
    st = wangge_calendar_add(cal, start, strlen(start), 10, WANGGE_DURATION_WORKING_DAYS, &json, &len);
    if (st != WANGGE_STATUS_OK) return fail("calendar_add", st);
    printf("deadline: %s\n", json);
    wangge_string_free(json);
    wangge_calendar_free(cal);

    /* 6. A grid layer, and the grid under a point. */
    if (argc > 1) {
        FILE *f = fopen(argv[1], "rb");
        if (!f) return 1;
        fseek(f, 0, SEEK_END);
        long n = ftell(f);
        fseek(f, 0, SEEK_SET);
        char *text = malloc((size_t)n);
        size_t got = text ? fread(text, 1, (size_t)n, f) : 0;
        fclose(f);
        wangge_layer *layer = NULL;
        st = wangge_layer_load(text, got, &layer);
        free(text);
        if (st != WANGGE_STATUS_OK) return fail("layer", st);
        size_t units = 0;
        wangge_layer_len(layer, &units);
        st = wangge_layer_units_at(layer, 118.505, 35.805, &json, NULL);
        if (st != WANGGE_STATUS_OK) return fail("units_at", st);
        printf("layer: %zu units; at (118.505, 35.805): %s\n", units, json);
        wangge_string_free(json);
        wangge_layer_free(layer);
    }

    /* 7. A case book: a report (a JSON command), a refused command, the state. */
    static const char REPORT[] =
        "{\"id\":\"k1\",\"case\":\"C1\",\"op\":\"report\",\"at\":\"2026-03-02T09:00:00+08:00\","
        "\"actor\":{\"person\":\"w1\",\"role\":\"grid_worker\",\"unit\":\"371323100201001\"},"
        "\"args\":{\"category\":\"矛盾纠纷\",\"urgency\":\"routine\",\"grid\":\"371323100201001\"}}";
    static const char ACCEPT[] =
        "{\"id\":\"k2\",\"case\":\"C1\",\"op\":\"accept\",\"at\":\"2026-03-02T10:00:00+08:00\","
        "\"actor\":{\"person\":\"w2\",\"role\":\"grid_worker\",\"unit\":\"371323100201002\"}}";
    wangge_case_book *book = NULL;
    st = wangge_case_book_open("seed003", 7, NULL, 0, NULL, 0, &book);
    if (st != WANGGE_STATUS_OK) return fail("case book", st);
    st = wangge_case_book_execute(book, REPORT, strlen(REPORT), &json, NULL);
    if (st != WANGGE_STATUS_OK) return fail("report", st);
    printf("facts: %s\n", json);
    wangge_string_free(json);
    st = wangge_case_book_execute(book, ACCEPT, strlen(ACCEPT), &json, NULL);
    printf("refused: %s: %s\n", wangge_status_name(st), wangge_last_error_message());
    st = wangge_case_book_state(book, "C1", 2, NULL, 0, &json, NULL);
    if (st != WANGGE_STATUS_OK) return fail("state", st);
    printf("state: %s\n", json);
    wangge_string_free(json);
    wangge_case_book_free(book);
    return 0;
}
