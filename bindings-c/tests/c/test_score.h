/* Scoring a CSV export: wangge_score_csv against the JSON operation on the same records,
 * the counts computed here from the rows, a not-applicable indicator, errors. */
#ifndef WANGGE_TEST_SCORE_H
#define WANGGE_TEST_SCORE_H

#include <cjson/cJSON.h>

#include "harness.h"
#include "wangge.h"

#define SCORE_G1 "371323100201001"
#define SCORE_G2 "371323100201002"
#define SCORE_HEADER "id,grid,category,class,urgency,tier,source,reported_at,due_at,closed_at,status\n"

/* Grid 1: A closed on time, B closed late, C open and overdue (all due in December), D due
 * in January; grid 2: E due in January only. */
static const char *SCORE_ROWS[] = {
    "A," SCORE_G1 ",x,event,routine,t1,patrol,2016-12-01T09:00:00+08:00,2016-12-05T17:00:00+08:00,2016-12-04T10:00:00+08:00,closed",
    "B," SCORE_G1 ",x,event,routine,t1,patrol,2016-12-02T09:00:00+08:00,2016-12-06T17:00:00+08:00,2016-12-07T10:00:00+08:00,closed",
    "C," SCORE_G1 ",x,event,urgent,t2,hotline,2016-12-03T09:00:00+08:00,2016-12-09T17:00:00+08:00,,assigned",
    "D," SCORE_G1 ",x,event,routine,t1,patrol,2016-12-20T09:00:00+08:00,2017-01-06T17:00:00+08:00,,assigned",
    "E," SCORE_G2 ",x,component,routine,t1,sensor,2016-12-21T09:00:00+08:00,2017-01-08T17:00:00+08:00,,reported",
};
#define SCORE_N (sizeof SCORE_ROWS / sizeof SCORE_ROWS[0])

/* The `col`-th comma-separated field of `row` into `buf` (empty if absent). */
static void score_field(const char *row, int col, char *buf, size_t cap) {
    const char *p = row;
    for (int i = 0; i < col && p; i++) {
        p = strchr(p, ',');
        if (p) p++;
    }
    size_t n = 0;
    if (p) {
        const char *end = strchr(p, ',');
        n = end ? (size_t)(end - p) : strlen(p);
    }
    if (n >= cap) n = cap - 1;
    if (p) memcpy(buf, p, n);
    buf[n] = '\0';
}

/* The rows as CSV text (header first), and as a JSON array of record objects. */
static void score_inputs(char *csv, size_t csv_cap, char *json, size_t json_cap) {
    snprintf(csv, csv_cap, "%s", SCORE_HEADER);
    snprintf(json, json_cap, "[");
    static const char *keys[] = {"id", "grid", "category", "class", "urgency", "tier",
                                 "source", "reported_at", "due_at", "closed_at", "status"};
    for (size_t r = 0; r < SCORE_N; r++) {
        strncat(csv, SCORE_ROWS[r], csv_cap - strlen(csv) - 1);
        strncat(csv, "\n", csv_cap - strlen(csv) - 1);
        strncat(json, r ? ",{" : "{", json_cap - strlen(json) - 1);
        for (int k = 0; k < 11; k++) {
            char v[64], kv[128];
            score_field(SCORE_ROWS[r], k, v, sizeof v);
            if (v[0] == '\0') snprintf(kv, sizeof kv, "%s\"%s\":null", k ? "," : "", keys[k]);
            else snprintf(kv, sizeof kv, "%s\"%s\":\"%s\"", k ? "," : "", keys[k], v);
            strncat(json, kv, json_cap - strlen(json) - 1);
        }
        strncat(json, "}", json_cap - strlen(json) - 1);
    }
    strncat(json, "]", json_cap - strlen(json) - 1);
}

static wangge_status score_csv(const char *csv, const char *period, wangge_group_by by,
                               char **out) {
    return wangge_score_csv("seed001", 7, csv, strlen(csv), period, strlen(period), by,
                            NULL, 0, NULL, 0, out, NULL);
}

static void test_score(void) {
    char csv[4096], records[8192], input[9000];
    score_inputs(csv, sizeof csv, records, sizeof records);

    /* Expected counts of grid 1 in December, from the rows. */
    int due = 0, closed = 0, on_time = 0;
    for (size_t r = 0; r < SCORE_N; r++) {
        char grid[32], due_at[40], closed_at[40];
        score_field(SCORE_ROWS[r], 1, grid, sizeof grid);
        score_field(SCORE_ROWS[r], 8, due_at, sizeof due_at);
        score_field(SCORE_ROWS[r], 9, closed_at, sizeof closed_at);
        if (strcmp(grid, SCORE_G1) != 0 || strncmp(due_at, "2016-12", 7) != 0) continue;
        due++;
        if (closed_at[0]) {
            closed++;
            if (strcmp(closed_at, due_at) <= 0) on_time++; /* same offset: text order */
        }
    }
    char display[16];
    snprintf(display, sizeof display, "%.2f%%", 100.0 * closed / due);

    char *out = NULL;
    size_t len = 0;
    CHECK(wangge_score_csv("seed001", 7, csv, strlen(csv), "2016-12", 7, WANGGE_GROUP_BY_GRID,
                           NULL, 0, NULL, 0, &out, &len) == WANGGE_STATUS_OK,
          "score csv: %s", wangge_last_error_message());
    cJSON *got = out ? cJSON_Parse(out) : NULL;
    CHECK(got != NULL && strlen(out) == len, "a JSON result");
    wangge_string_free(out);
    cJSON *units = cJSON_GetObjectItem(got, "units");
    CHECK(cJSON_GetArraySize(units) == 2, "two grids");
    cJSON *g1 = cJSON_GetObjectItem(cJSON_GetArrayItem(units, 0), "indicators");
    cJSON *c = cJSON_GetObjectItem(g1, "completion");
    CHECK(cJSON_GetObjectItem(c, "numerator") &&
              cJSON_GetObjectItem(c, "numerator")->valuedouble == closed &&
              cJSON_GetObjectItem(c, "denominator")->valuedouble == due &&
              strcmp(cJSON_GetStringValue(cJSON_GetObjectItem(c, "display")), display) == 0,
          "completion %d/%d %s", closed, due, display);
    cJSON *t = cJSON_GetObjectItem(g1, "on_time");
    CHECK(t && cJSON_GetObjectItem(t, "numerator")->valuedouble == on_time, "on time %d", on_time);
    cJSON *g2 = cJSON_GetObjectItem(cJSON_GetArrayItem(units, 1), "indicators");
    cJSON *na = cJSON_GetObjectItem(g2, "completion");
    CHECK(na && cJSON_IsNull(cJSON_GetObjectItem(na, "value")) &&
              cJSON_IsNull(cJSON_GetObjectItem(na, "display")),
          "nothing due in grid 2: not applicable");

    /* The same records through the JSON operation: the same result. */
    snprintf(input, sizeof input,
             "{\"policy\":\"seed001\",\"period\":\"2016-12\",\"by\":\"grid\",\"records\":%s}",
             records);
    out = NULL;
    CHECK(wangge_op_score_compute(input, strlen(input), &out, NULL) == WANGGE_STATUS_OK,
          "score.compute: %s", wangge_last_error_message());
    cJSON *want = out ? cJSON_Parse(out) : NULL;
    CHECK(want != NULL && cJSON_Compare(got, want, 1), "CSV and JSON agree");
    wangge_string_free(out);
    cJSON_Delete(want);
    cJSON_Delete(got);

    /* JSON Lines: one record object per line. */
    char jsonl[8192] = "";
    cJSON *arr = cJSON_Parse(records);
    cJSON *row = NULL;
    cJSON_ArrayForEach(row, arr) {
        char *line = cJSON_PrintUnformatted(row);
        strncat(jsonl, line, sizeof jsonl - strlen(jsonl) - 2);
        strcat(jsonl, "\n");
        cJSON_free(line);
    }
    cJSON_Delete(arr);
    out = NULL;
    CHECK(wangge_score_jsonl(NULL, 0, jsonl, strlen(jsonl), "2016-12", 7, WANGGE_GROUP_BY_TOWN,
                             NULL, 0, NULL, 0, &out, NULL) == WANGGE_STATUS_OK &&
              out != NULL && strstr(out, "\"unit\":\"371323100000\"") != NULL,
          "JSON Lines by town: %s", out ? out : wangge_last_error_message());
    wangge_string_free(out);

    /* Errors: out untouched, the status and the reason. */
    out = (char *)0x1;
    CHECK(score_csv(csv, "2016-13", WANGGE_GROUP_BY_GRID, &out) == WANGGE_STATUS_INVALID_PERIOD &&
              out == (char *)0x1, "bad period");
    CHECK(score_csv(csv, "2016-12", 0, &out) == WANGGE_STATUS_INVALID_ARGUMENT, "bad by");
    char bad[4096];
    snprintf(bad, sizeof bad, "%s", csv);
    char *tier = strstr(bad, "t2,hotline"); /* row C, line 4 */
    if (tier) tier[1] = '9';
    CHECK(score_csv(bad, "2016-12", WANGGE_GROUP_BY_GRID, &out) == WANGGE_STATUS_INVALID_RECORDS &&
              strstr(wangge_last_error_message(), "line 4") != NULL,
          "bad row: %s", wangge_last_error_message());
    CHECK(wangge_score_csv(NULL, 0, NULL, 0, "2016-12", 7, 1, NULL, 0, NULL, 0, &out, NULL) ==
              WANGGE_STATUS_NULL_ARGUMENT, "NULL csv");
    CHECK(wangge_score_csv(NULL, 0, csv, strlen(csv), "2016-12", 7, 1, NULL, 0, NULL, 0, NULL,
                           NULL) == WANGGE_STATUS_NULL_ARGUMENT, "NULL out");
}

#endif
