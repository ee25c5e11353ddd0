/* Coverage validation and the grid index through the C ABI, on the generated 24-grid
 * county of tests/data (clean, and with an injected gap). Included by test_wangge.c. */
#ifndef WANGGE_TEST_GRID_H
#define WANGGE_TEST_GRID_H

#include <cjson/cJSON.h>

#include "harness.h"
#include "vectors.h"
#include "wangge.h"

/* `<vectors dir>/../data/<name>`, read whole; the caller frees. */
static char *read_data(const char *vectors_dir, const char *name, size_t *len) {
    char path[4096];
    snprintf(path, sizeof path, "%s/../data/%s", vectors_dir, name);
    char *text = read_file(path, len);
    CHECK(text != NULL, "read %s", path);
    return text;
}

static cJSON *validate_json(const wangge_layer *layer, const char *options) {
    char *json = NULL;
    wangge_status st = wangge_layer_validate(layer, NULL, options, options ? strlen(options) : 0, &json, NULL);
    CHECK(st == WANGGE_STATUS_OK, "validate %s: %s", options ? options : "(defaults)", wangge_last_error_message());
    cJSON *r = st == WANGGE_STATUS_OK ? cJSON_Parse(json) : NULL;
    wangge_string_free(json);
    return r;
}

static bool json_has_string(const cJSON *array, const char *s) {
    const cJSON *it;
    cJSON_ArrayForEach(it, array) if (cJSON_IsString(it) && strcmp(it->valuestring, s) == 0) return true;
    return false;
}

static void test_validate(const char *vectors_dir) {
    size_t clean_len = 0, gap_len = 0;
    char *clean_geo = read_data(vectors_dir, "county-24.geojson", &clean_len);
    char *gap_geo = read_data(vectors_dir, "county-24-gap.geojson", &gap_len);
    char *fault_text = read_data(vectors_dir, "county-24-gap.fault.json", NULL);
    cJSON *fault = cJSON_Parse(fault_text);
    free(fault_text);
    wangge_layer *clean = NULL, *gap = NULL;
    CHECK(wangge_layer_load(clean_geo, clean_len, &clean) == WANGGE_STATUS_OK, "clean layer");
    CHECK(wangge_layer_load(gap_geo, gap_len, &gap) == WANGGE_STATUS_OK, "gap layer");

    /* The clean county: valid, 24 grids, nothing reported. */
    cJSON *r = validate_json(clean, NULL);
    CHECK(cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(r, "valid")), "clean is valid");
    CHECK(cJSON_GetNumberValue(cJSON_GetObjectItemCaseSensitive(r, "grids")) == 24, "24 grids");
    CHECK(cJSON_GetArraySize(cJSON_GetObjectItemCaseSensitive(r, "violations")) == 0, "no violation");
    cJSON_Delete(r);

    /* The injected gap: one violation, of kind gap, naming the grids around it, located
     * near where it was injected. */
    r = validate_json(gap, NULL);
    const cJSON *vs = cJSON_GetObjectItemCaseSensitive(r, "violations");
    CHECK(cJSON_IsFalse(cJSON_GetObjectItemCaseSensitive(r, "valid")), "gap is invalid");
    CHECK(cJSON_GetArraySize(vs) == 1, "one violation, got %d", cJSON_GetArraySize(vs));
    const cJSON *v = cJSON_GetArrayItem(vs, 0);
    CHECK(strcmp(cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(v, "kind")), "gap") == 0, "kind gap");
    const cJSON *codes = cJSON_GetObjectItemCaseSensitive(v, "codes");
    const cJSON *want;
    cJSON_ArrayForEach(want, cJSON_GetObjectItemCaseSensitive(fault, "codes"))
        CHECK(json_has_string(codes, want->valuestring), "the gap names %s", want->valuestring);
    const cJSON *at = cJSON_GetObjectItemCaseSensitive(v, "at");
    const cJSON *fat = cJSON_GetObjectItemCaseSensitive(fault, "at");
    CHECK(fabs(cJSON_GetArrayItem(at, 0)->valuedouble - cJSON_GetObjectItemCaseSensitive(fat, "lon")->valuedouble) < 1e-4 &&
              fabs(cJSON_GetArrayItem(at, 1)->valuedouble - cJSON_GetObjectItemCaseSensitive(fat, "lat")->valuedouble) < 1e-4,
          "located at the fault");
    CHECK(cJSON_GetNumberValue(cJSON_GetObjectItemCaseSensitive(v, "area_m2")) > 0, "sized");

    /* The same report as the grid.validate operation (per-op JSON function). */
    char *op_in = malloc(gap_len + 32);
    int op_len = snprintf(op_in, gap_len + 32, "{\"layer\":%s}", gap_geo);
    char *op_out = NULL;
    CHECK(wangge_op_grid_validate(op_in, (size_t)op_len, &op_out, NULL) == WANGGE_STATUS_OK, "grid.validate op");
    cJSON *op_r = cJSON_Parse(op_out);
    CHECK(op_r && same(op_r, r), "native report == op report");
    cJSON_Delete(op_r);
    wangge_string_free(op_out);
    free(op_in);
    cJSON_Delete(r);

    /* Options: a tolerance above the gap's mean width (0.25 m) makes it a sliver. */
    r = validate_json(gap, "{\"tolerance_m\": 1.0}");
    CHECK(cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(r, "valid")), "sliver under 1 m");
    cJSON_Delete(r);
    r = validate_json(gap, "{\"policy\": \"seed003\", \"as_of\": \"2025-01-01\"}");
    CHECK(cJSON_IsFalse(cJSON_GetObjectItemCaseSensitive(r, "valid")), "policy + as_of");
    cJSON_Delete(r);

    /* With the parent units (county, towns, communities) given separately: the gap lies in
     * the community of the broken grid and names it. */
    size_t parents_len = 0;
    char *parents_geo = read_data(vectors_dir, "county-24-parents.geojson", &parents_len);
    wangge_layer *parents = NULL;
    CHECK(wangge_layer_load(parents_geo, parents_len, &parents) == WANGGE_STATUS_OK, "parents layer");
    char *json = (char *)0x1;
    CHECK(wangge_layer_validate(clean, parents, NULL, 0, &json, NULL) == WANGGE_STATUS_OK, "clean with parents");
    r = cJSON_Parse(json);
    CHECK(cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(r, "valid")), "clean with parents is valid");
    cJSON_Delete(r);
    wangge_string_free(json);
    CHECK(wangge_layer_validate(gap, parents, NULL, 0, &json, NULL) == WANGGE_STATUS_OK, "gap with parents");
    r = cJSON_Parse(json);
    v = cJSON_GetArrayItem(cJSON_GetObjectItemCaseSensitive(r, "violations"), 0);
    char community[16] = {0};
    strncpy(community, cJSON_GetArrayItem(cJSON_GetObjectItemCaseSensitive(fault, "codes"), 0)->valuestring, 12);
    CHECK(v && strcmp(cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(v, "kind")), "gap") == 0 &&
              json_has_string(cJSON_GetObjectItemCaseSensitive(v, "codes"), community), "gap in community %s", community);
    cJSON_Delete(r);
    wangge_string_free(json);
    wangge_layer_free(parents);
    free(parents_geo);

    /* Errors: typed, out untouched. */
    json = (char *)0x1;
    const char *bad[][2] = {
        {"{\"tolerance_m\": -1}", "invalid_argument"}, {"{\"policy\": \"seed999\"}", "unknown_preset"},
        {"{\"as_of\": \"2024-13-01\"}", "invalid_date_time"}, {"{\"bogus\": 1}", "invalid_json"},
        {"{\"tolerance_m\": \"1\"}", "invalid_json"}, {"[", "invalid_json"},
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        wangge_status st = wangge_layer_validate(gap, NULL, bad[i][0], strlen(bad[i][0]), &json, NULL);
        CHECK(strcmp(wangge_status_name(st), bad[i][1]) == 0 && json == (char *)0x1, "%s: %s", bad[i][0],
              wangge_status_name(st));
    }
    CHECK(wangge_layer_validate(NULL, NULL, NULL, 0, &json, NULL) == WANGGE_STATUS_NULL_ARGUMENT, "NULL layer");
    CHECK(wangge_layer_validate(gap, NULL, NULL, 0, NULL, NULL) == WANGGE_STATUS_NULL_ARGUMENT, "NULL out");
    const char bad_utf8[] = {'{', (char)0xff, '}'};
    CHECK(wangge_layer_validate(gap, NULL, bad_utf8, 3, &json, NULL) == WANGGE_STATUS_INVALID_UTF8, "utf8");

    wangge_layer_free(clean);
    wangge_layer_free(gap);
    cJSON_Delete(fault);
    free(clean_geo);
    free(gap_geo);
}

/* Every vertex of every grid, the midpoint of every edge, a point a little inside each
 * ring's first vertex, and points outside: lon/lat pairs appended to `xy`. */
static size_t boundary_points(const cJSON *geo, double *xy, size_t cap) {
    size_t n = 0;
    const cJSON *f;
    cJSON_ArrayForEach(f, cJSON_GetObjectItemCaseSensitive(geo, "features")) {
        const cJSON *g = cJSON_GetObjectItemCaseSensitive(f, "geometry");
        const cJSON *rings = cJSON_GetObjectItemCaseSensitive(g, "coordinates");
        if (strcmp(cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(g, "type")), "Polygon") != 0) continue;
        const cJSON *ring;
        cJSON_ArrayForEach(ring, rings) {
            const cJSON *pt;
            double px = NAN, py = NAN;
            cJSON_ArrayForEach(pt, ring) {
                double x = cJSON_GetArrayItem(pt, 0)->valuedouble, y = cJSON_GetArrayItem(pt, 1)->valuedouble;
                if (n + 2 <= cap) { xy[2 * n] = x; xy[2 * n + 1] = y; n++; }
                if (!isnan(px) && n + 2 <= cap) { xy[2 * n] = (x + px) / 2; xy[2 * n + 1] = (y + py) / 2; n++; }
                px = x;
                py = y;
            }
        }
    }
    const double extra[][2] = {{0, 0}, {118.0, 35.0}, {180, 90}, {-180, -90}};
    for (size_t i = 0; i < 4 && n < cap; i++, n++) {
        xy[2 * n] = extra[i][0];
        xy[2 * n + 1] = extra[i][1];
    }
    return n;
}

static void test_index(const char *vectors_dir) {
    size_t geo_len = 0;
    char *geo_text = read_data(vectors_dir, "county-24.geojson", &geo_len);
    cJSON *geo = cJSON_Parse(geo_text);
    wangge_layer *layer = NULL;
    wangge_grid_index *index = NULL;
    CHECK(wangge_layer_load(geo_text, geo_len, &layer) == WANGGE_STATUS_OK, "layer");
    CHECK(wangge_grid_index_build(layer, &index) == WANGGE_STATUS_OK, "build: %s", wangge_last_error_message());
    wangge_layer_free(layer); /* the index does not need the layer any more */
    size_t count = 0, bytes = 0;
    CHECK(wangge_grid_index_grid_count(index, &count) == WANGGE_STATUS_OK && count == 24, "24 grids: %zu", count);
    CHECK(wangge_grid_index_memory_bytes(index, &bytes) == WANGGE_STATUS_OK && bytes > 24 * 64, "memory %zu", bytes);

    enum { CAP = 20000 };
    double *xy = malloc(sizeof(double) * 2 * CAP);
    size_t n = boundary_points(geo, xy, CAP);
    CHECK(n > 24 * 8, "enough points: %zu", n);

    /* The grid.locate operation on the same points, each in WGS84 and in GCJ-02. The input
     * is written with %.17g: cJSON prints some doubles with 15 digits, which moves
     * boundary points off the boundary. */
    double *gcj = malloc(sizeof(double) * 2 * n);
    size_t cap = geo_len + 200 * n + 64, used = 0;
    char *in_text = malloc(cap);
    used += (size_t)snprintf(in_text, cap, "{\"layer\":%s,\"points\":[", geo_text);
    for (size_t i = 0; i < n; i++) {
        CHECK(wangge_geo_convert(xy[2 * i], xy[2 * i + 1], WANGGE_CRS_WGS84, WANGGE_CRS_GCJ02, &gcj[2 * i],
                                 &gcj[2 * i + 1]) == WANGGE_STATUS_OK, "convert");
        used += (size_t)snprintf(in_text + used, cap - used,
                                 "%s{\"id\":%zu,\"lon\":%.17g,\"lat\":%.17g},"
                                 "{\"id\":%zu,\"lon\":%.17g,\"lat\":%.17g,\"crs\":\"gcj02\"}",
                                 i ? "," : "", i, xy[2 * i], xy[2 * i + 1], n + i, gcj[2 * i], gcj[2 * i + 1]);
    }
    snprintf(in_text + used, cap - used, "]}");
    char *out_text = NULL;
    CHECK(wangge_op_grid_locate(in_text, strlen(in_text), &out_text, NULL) == WANGGE_STATUS_OK, "grid.locate op: %s",
          wangge_last_error_message());
    cJSON *op = cJSON_Parse(out_text);
    const cJSON *results = cJSON_GetObjectItemCaseSensitive(op, "results");
    CHECK(cJSON_GetArraySize(results) == (int)(2 * n), "one result per point");

    /* Single points: the same location as the op. */
    size_t differ = 0, in_grid = 0, outside = 0;
    for (size_t i = 0; i < 2 * n; i++) {
        wangge_location loc;
        const cJSON *want = cJSON_GetArrayItem(results, (int)(i < n ? 2 * i : 2 * (i - n) + 1));
        const double *src = i < n ? &xy[2 * i] : &gcj[2 * (i - n)];
        CHECK(wangge_grid_index_locate(index, src[0], src[1], i < n ? WANGGE_CRS_WGS84 : WANGGE_CRS_GCJ02, NULL, 0,
                                       &loc) == WANGGE_STATUS_OK, "locate %zu", i);
        cJSON *got = location_json(cJSON_GetObjectItemCaseSensitive(want, "id"), &loc);
        if (!same(got, want)) {
            if (differ++ < 3) {
                char *a = cJSON_PrintUnformatted(got), *b = cJSON_PrintUnformatted(want);
                fprintf(stderr, "point %zu (%.17g, %.17g): native %s, op %s\n", i, src[0], src[1], a, b);
                free(a);
                free(b);
            }
        }
        if (loc.place == WANGGE_PLACE_GRID) in_grid++;
        if (loc.place == WANGGE_PLACE_OUTSIDE) outside++;
        cJSON_Delete(got);
    }
    CHECK(differ == 0, "%zu of %zu locations differ from grid.locate", differ, 2 * n);
    CHECK(in_grid > n && outside >= 8, "grids %zu, outside %zu", in_grid, outside);

    /* The batch: the same codes and places as the op. */
    char *codes = malloc(WANGGE_CODE_CAPACITY * n);
    wangge_place *places = malloc(sizeof(wangge_place) * n);
    for (int pass = 0; pass < 2; pass++) {
        const double *src = pass == 0 ? xy : gcj;
        CHECK(wangge_grid_index_locate_batch(index, src, n, pass == 0 ? WANGGE_CRS_WGS84 : WANGGE_CRS_GCJ02, NULL, 0,
                                             codes, places) == WANGGE_STATUS_OK, "batch: %s",
              wangge_last_error_message());
        differ = 0;
        for (size_t i = 0; i < n; i++) {
            const cJSON *want = cJSON_GetArrayItem(results, (int)(2 * i + (size_t)pass));
            const char *grid = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(want, "code"));
            const char *fb = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(want, "fallback"));
            const char *code = &codes[i * WANGGE_CODE_CAPACITY];
            wangge_place place = grid ? WANGGE_PLACE_GRID : fb ? WANGGE_PLACE_FALLBACK : WANGGE_PLACE_OUTSIDE;
            if (places[i] != place || strcmp(code, grid ? grid : fb ? fb : "") != 0) differ++;
        }
        CHECK(differ == 0, "batch pass %d: %zu of %zu differ", pass, differ, n);
    }
    /* places may be NULL; as_of selects versions (all current here: the same codes). */
    char *codes2 = malloc(WANGGE_CODE_CAPACITY * n);
    CHECK(wangge_grid_index_locate_batch(index, xy, n, WANGGE_CRS_WGS84, "2030-01-01", 10, codes2, NULL) ==
              WANGGE_STATUS_OK, "batch as_of");
    CHECK(wangge_grid_index_locate_batch(index, xy, n, WANGGE_CRS_WGS84, NULL, 0, codes, NULL) == WANGGE_STATUS_OK &&
              memcmp(codes, codes2, WANGGE_CODE_CAPACITY * n) == 0, "as_of 2030 = current");
    CHECK(wangge_grid_index_locate_batch(index, xy, 0, WANGGE_CRS_WGS84, NULL, 0, codes, places) == WANGGE_STATUS_OK,
          "empty batch");

    /* Errors: typed, nothing written. */
    memset(codes, 0x5a, WANGGE_CODE_CAPACITY * n);
    double saved = xy[2 * 3];
    xy[2 * 3] = NAN;
    CHECK(wangge_grid_index_locate_batch(index, xy, n, WANGGE_CRS_WGS84, NULL, 0, codes, places) ==
              WANGGE_STATUS_INVALID_COORDINATE && strstr(wangge_last_error_message(), "point 3") &&
              (unsigned char)codes[0] == 0x5a, "NaN in batch: %s", wangge_last_error_message());
    xy[2 * 3] = saved;
    CHECK(wangge_grid_index_locate_batch(index, xy, n, 7, NULL, 0, codes, places) == WANGGE_STATUS_UNKNOWN_CRS, "crs 7");
    CHECK(wangge_grid_index_locate_batch(index, xy, n, WANGGE_CRS_WGS84, "2024-13-01", 10, codes, places) ==
              WANGGE_STATUS_INVALID_DATE_TIME, "bad date");
    CHECK(wangge_grid_index_locate_batch(NULL, xy, n, WANGGE_CRS_WGS84, NULL, 0, codes, places) ==
              WANGGE_STATUS_NULL_ARGUMENT, "NULL index");
    CHECK(wangge_grid_index_locate_batch(index, NULL, n, WANGGE_CRS_WGS84, NULL, 0, codes, places) ==
              WANGGE_STATUS_NULL_ARGUMENT, "NULL lonlat");
    CHECK(wangge_grid_index_locate_batch(index, xy, n, WANGGE_CRS_WGS84, NULL, 0, NULL, places) ==
              WANGGE_STATUS_NULL_ARGUMENT, "NULL codes");
    CHECK(wangge_grid_index_locate_batch(index, xy, SIZE_MAX, WANGGE_CRS_WGS84, NULL, 0, codes, places) ==
              WANGGE_STATUS_INVALID_ARGUMENT, "n overflows");
    wangge_location loc;
    memset(&loc, 0x5a, sizeof loc);
    CHECK(wangge_grid_index_locate(index, 118.5, 95.0, WANGGE_CRS_WGS84, NULL, 0, &loc) ==
              WANGGE_STATUS_INVALID_COORDINATE && loc.place == 0x5a5a5a5a, "lat 95");
    CHECK(wangge_grid_index_locate(index, 118.5, 35.8, WANGGE_CRS_BD09 + 1, NULL, 0, &loc) ==
              WANGGE_STATUS_UNKNOWN_CRS, "crs 3");
    CHECK(wangge_grid_index_locate(index, 118.5, 35.8, WANGGE_CRS_WGS84, NULL, 0, NULL) ==
              WANGGE_STATUS_NULL_ARGUMENT, "NULL out");
    CHECK(wangge_grid_index_locate(NULL, 118.5, 35.8, WANGGE_CRS_WGS84, NULL, 0, &loc) ==
              WANGGE_STATUS_NULL_ARGUMENT, "NULL index");
    CHECK(wangge_grid_index_grid_count(NULL, &count) == WANGGE_STATUS_NULL_ARGUMENT, "NULL count");
    wangge_grid_index *none = NULL;
    CHECK(wangge_grid_index_build(NULL, &none) == WANGGE_STATUS_NULL_ARGUMENT && none == NULL, "NULL layer");
    wangge_layer *empty = NULL;
    const char *no_grids = "{\"type\":\"FeatureCollection\",\"features\":[]}";
    CHECK(wangge_layer_load(no_grids, strlen(no_grids), &empty) == WANGGE_STATUS_OK,
          "empty layer");
    CHECK(wangge_grid_index_build(empty, &none) == WANGGE_STATUS_EMPTY_LAYER && none == NULL, "no grid: %s",
          wangge_status_name(wangge_grid_index_build(empty, &none)));
    wangge_layer_free(empty);
    wangge_grid_index_free(NULL);

    free(codes2);
    free(codes);
    free(places);
    free(gcj);
    cJSON_Delete(op);
    wangge_string_free(out_text);
    free(in_text);
    free(xy);
    cJSON_Delete(geo);
    free(geo_text);
    wangge_grid_index_free(index);
}

#endif
