/* The conformance-vector runner of the C binding (included once, by test_wangge.c).
 *
 * Every case runs through wangge_call, through the op's generated wangge_op_* function
 * (GENERATED_OPS in vectors_ops.h, generated from the core's table by `cargo xtask bless`:
 * an op of the library missing there fails the run), and, for the ops NATIVE_OPS lists,
 * through an adapter that calls the typed C functions and handles and turns the result
 * back into the op's JSON.
 *
 * An adapter returns:
 *   ADAPT_OK      *out = the output JSON (caller deletes),
 *   ADAPT_ERROR   *status = the library's status,
 *   ADAPT_INEXPRESSIBLE  the input cannot even be written as a native call (a missing or
 *                 mistyped field, an unknown key or enum name): the case must then expect
 *                 an error, which the generic wangge_call path checks exactly. */
#ifndef WANGGE_TEST_VECTORS_H
#define WANGGE_TEST_VECTORS_H

#include <ctype.h>
#include <dirent.h>
#include <math.h>
#include <stdbool.h>

#include <cjson/cJSON.h>

#include "harness.h"
#include "wangge.h"

typedef enum { ADAPT_OK, ADAPT_ERROR, ADAPT_INEXPRESSIBLE } adapt_result;
typedef adapt_result (*adapter_fn)(const cJSON *input, cJSON **out, wangge_status *status);

/* True when `obj` is an object whose keys are all among the NULL-terminated `allowed`. */
static bool only_keys(const cJSON *obj, const char *const *allowed) {
    if (!cJSON_IsObject(obj)) return false;
    for (const cJSON *it = obj->child; it; it = it->next) {
        bool ok = false;
        for (const char *const *a = allowed; *a; a++) ok = ok || strcmp(it->string, *a) == 0;
        if (!ok) return false;
    }
    return true;
}

static cJSON *str_or_null(const char *s) {
    return s[0] ? cJSON_CreateString(s) : cJSON_CreateNull();
}

/* ---- code.parse → wangge_code_parse ------------------------------------------------ */
static adapt_result adapt_code_parse(const cJSON *in, cJSON **out, wangge_status *status) {
    static const char *const keys[] = {"code", NULL};
    const cJSON *code = cJSON_GetObjectItemCaseSensitive(in, "code");
    if (!only_keys(in, keys) || !cJSON_IsString(code)) return ADAPT_INEXPRESSIBLE;
    wangge_code_info info;
    *status = wangge_code_parse(code->valuestring, strlen(code->valuestring), &info);
    if (*status != WANGGE_STATUS_OK) return ADAPT_ERROR;
    cJSON *o = cJSON_CreateObject();
    if (info.kind == WANGGE_CODE_KIND_ADMIN) {
        static const char *const levels[] = {"?", "province", "prefecture", "county", "town", "community"};
        static const char *const hints[] = {NULL, "street", "town", "township", "special_area", "other"};
        cJSON_AddStringToObject(o, "kind", "admin");
        cJSON_AddStringToObject(o, "code", info.code);
        cJSON_AddStringToObject(o, "level", info.level <= 5 ? levels[info.level] : "?");
        cJSON_AddItemToObject(o, "parent", str_or_null(info.parent));
        if (info.township_hint == WANGGE_TOWNSHIP_HINT_NONE || info.township_hint > 5)
            cJSON_AddNullToObject(o, "township_hint");
        else
            cJSON_AddStringToObject(o, "township_hint", hints[info.township_hint]);
    } else {
        char layout[8];
        snprintf(layout, sizeof layout, "d%u", info.layout);
        cJSON_AddStringToObject(o, "kind", "grid");
        cJSON_AddStringToObject(o, "code", info.code);
        cJSON_AddStringToObject(o, "layout", layout);
        cJSON_AddStringToObject(o, "community", info.community);
        cJSON_AddNumberToObject(o, "sequence", info.sequence);
    }
    *out = o;
    return ADAPT_OK;
}

/* ---- geo.convert → wangge_geo_convert ----------------------------------------------- */
static bool crs_of(const cJSON *v, wangge_crs *crs) {
    if (!cJSON_IsString(v)) return false;
    if (strcmp(v->valuestring, "wgs84") == 0) *crs = WANGGE_CRS_WGS84;
    else if (strcmp(v->valuestring, "gcj02") == 0) *crs = WANGGE_CRS_GCJ02;
    else if (strcmp(v->valuestring, "bd09") == 0) *crs = WANGGE_CRS_BD09;
    else return false;
    return true;
}

static adapt_result adapt_geo_convert(const cJSON *in, cJSON **out, wangge_status *status) {
    static const char *const keys[] = {"lon", "lat", "from", "to", NULL};
    const cJSON *lon = cJSON_GetObjectItemCaseSensitive(in, "lon");
    const cJSON *lat = cJSON_GetObjectItemCaseSensitive(in, "lat");
    wangge_crs from, to;
    if (!only_keys(in, keys) || !cJSON_IsNumber(lon) || !cJSON_IsNumber(lat) ||
        !crs_of(cJSON_GetObjectItemCaseSensitive(in, "from"), &from) ||
        !crs_of(cJSON_GetObjectItemCaseSensitive(in, "to"), &to))
        return ADAPT_INEXPRESSIBLE;
    double x, y;
    *status = wangge_geo_convert(lon->valuedouble, lat->valuedouble, from, to, &x, &y);
    if (*status != WANGGE_STATUS_OK) return ADAPT_ERROR;
    cJSON *o = cJSON_CreateObject();
    cJSON_AddNumberToObject(o, "lon", x);
    cJSON_AddNumberToObject(o, "lat", y);
    *out = o;
    return ADAPT_OK;
}

/* ---- policy.load → wangge_policy_preset / wangge_policy_load + summary --------------- */
/* A policy source string that is a bare word is a preset id; other text is the policy. */
static bool bare_word(const char *s) {
    size_t n = strlen(s);
    if (n == 0 || n > 64) return false;
    for (; *s; s++)
        if (!(isalnum((unsigned char)*s) || *s == '_' || *s == '-')) return false;
    return true;
}

static adapt_result adapt_policy_load(const cJSON *in, cJSON **out, wangge_status *status) {
    static const char *const keys[] = {"policy", NULL};
    const cJSON *policy = cJSON_GetObjectItemCaseSensitive(in, "policy");
    if (!only_keys(in, keys) || !policy || !(cJSON_IsString(policy) || cJSON_IsObject(policy)))
        return ADAPT_INEXPRESSIBLE;
    wangge_policy *p = NULL;
    if (cJSON_IsObject(policy)) {
        char *text = cJSON_PrintUnformatted(policy);
        *status = wangge_policy_load(text, strlen(text), &p);
        free(text);
    } else if (bare_word(policy->valuestring)) {
        *status = wangge_policy_preset(policy->valuestring, &p);
    } else {
        *status = wangge_policy_load(policy->valuestring, strlen(policy->valuestring), &p);
    }
    if (*status != WANGGE_STATUS_OK) return ADAPT_ERROR;
    char *json = NULL;
    *status = wangge_policy_summary_json(p, &json, NULL);
    wangge_policy_free(p);
    if (*status != WANGGE_STATUS_OK) return ADAPT_ERROR;
    *out = cJSON_Parse(json);
    wangge_string_free(json);
    return ADAPT_OK;
}

#include "vectors_calendar.h"
#include "vectors_ops.h"
#include "vectors_grid.h"

/* The ops the C ABI also exposes as typed functions or handles (the others, and these too,
 * run through their generated wangge_op_* function: GENERATED_OPS in vectors_ops.h). */
static const struct {
    const char *op;
    adapter_fn native;
} NATIVE_OPS[] = {
    {"calendar.add", adapt_calendar_add},
    {"calendar.between", adapt_calendar_between},
    {"calendar.day", adapt_calendar_day},
    {"calendar.next_working", adapt_calendar_next_working},
    {"calendar.working_days_between", adapt_calendar_working_days_between},
    {"calendar.years", adapt_calendar_years},
    {"code.parse", adapt_code_parse},
    {"geo.convert", adapt_geo_convert},
    {"grid.locate", adapt_grid_locate},
    {"grid.validate", adapt_grid_validate},
    {"policy.load", adapt_policy_load},
};
#define N_NATIVE_OPS (sizeof NATIVE_OPS / sizeof NATIVE_OPS[0])

static adapter_fn native_for(const char *op) {
    for (size_t i = 0; i < N_NATIVE_OPS; i++)
        if (strcmp(NATIVE_OPS[i].op, op) == 0) return NATIVE_OPS[i].native;
    return NULL;
}

static json_fn generated_for(const char *op) {
    for (size_t i = 0; i < N_GENERATED_OPS; i++)
        if (strcmp(GENERATED_OPS[i].op, op) == 0) return GENERATED_OPS[i].fn;
    return NULL;
}

/* JSON equality with numbers compared by value (1 == 1.0), key order ignored. */
static bool same(const cJSON *a, const cJSON *b) {
    if (cJSON_IsNumber(a) && cJSON_IsNumber(b)) return a->valuedouble == b->valuedouble;
    if ((a->type & 0xff) != (b->type & 0xff)) return false;
    if (cJSON_IsString(a)) return strcmp(a->valuestring, b->valuestring) == 0;
    if (cJSON_IsArray(a)) {
        if (cJSON_GetArraySize(a) != cJSON_GetArraySize(b)) return false;
        for (const cJSON *x = a->child, *y = b->child; x; x = x->next, y = y->next)
            if (!same(x, y)) return false;
        return true;
    }
    if (cJSON_IsObject(a)) {
        if (cJSON_GetArraySize(a) != cJSON_GetArraySize(b)) return false;
        for (const cJSON *x = a->child; x; x = x->next) {
            const cJSON *y = cJSON_GetObjectItemCaseSensitive(b, x->string);
            if (!y || !same(x, y)) return false;
        }
        return true;
    }
    return true; /* null, true, false: equal types */
}

/* Checks one outcome against the case; `how` names the path for messages. */
static void check_outcome(const char *op, const char *name, const char *how, const cJSON *want_out,
                          const cJSON *want_err, wangge_status st, const cJSON *got) {
    if (want_err) {
        CHECK(st != WANGGE_STATUS_OK && strcmp(wangge_status_name(st), want_err->valuestring) == 0,
              "%s / %s (%s): want error %s, got %s", op, name, how, want_err->valuestring,
              wangge_status_name(st));
    } else {
        char *g = got ? cJSON_PrintUnformatted(got) : NULL;
        CHECK(st == WANGGE_STATUS_OK && got && same(want_out, got), "%s / %s (%s): got %s %s (%s)",
              op, name, how, wangge_status_name(st), g ? g : "-", wangge_last_error_message());
        free(g);
    }
}

static void run_case(const char *op, json_fn generated, adapter_fn native, const cJSON *c) {
    const char *name = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(c, "name"));
    const cJSON *input = cJSON_GetObjectItemCaseSensitive(c, "input");
    const cJSON *want_out = cJSON_GetObjectItemCaseSensitive(c, "output");
    const cJSON *want_err = cJSON_GetObjectItemCaseSensitive(c, "error");
    CHECK(name && input && (want_out != NULL) != (want_err != NULL), "%s: malformed case", op);
    if (!name || !input) return;

    /* 1. The generic JSON entry point. */
    char *text = cJSON_PrintUnformatted(input);
    char *out = NULL;
    size_t out_len = 0;
    wangge_status st = wangge_call(op, text, strlen(text), &out, &out_len);
    cJSON *got = st == WANGGE_STATUS_OK ? cJSON_Parse(out) : NULL;
    check_outcome(op, name, "wangge_call", want_out, want_err, st, got);
    cJSON_Delete(got);
    wangge_string_free(out);
    free(text);

    /* 2. The generated per-op function. */
    text = cJSON_PrintUnformatted(input);
    out = NULL;
    st = generated(text, strlen(text), &out, NULL);
    got = st == WANGGE_STATUS_OK ? cJSON_Parse(out) : NULL;
    check_outcome(op, name, "wangge_op_*", want_out, want_err, st, got);
    cJSON_Delete(got);
    wangge_string_free(out);
    free(text);

    /* 3. The native typed functions, when the op has them. */
    if (!native) return;
    cJSON *native_out = NULL;
    st = WANGGE_STATUS_OK;
    switch (native(input, &native_out, &st)) {
    case ADAPT_INEXPRESSIBLE:
        CHECK(want_err != NULL, "%s / %s: the native API cannot express this input", op, name);
        break;
    case ADAPT_ERROR:
    case ADAPT_OK:
        check_outcome(op, name, "native", want_out, want_err, st, native_out);
        break;
    }
    cJSON_Delete(native_out);
}

static int cmp_str(const void *a, const void *b) {
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static void run_vectors(const char *dir) {
    /* Every op of the library has a generated function, and nothing else is listed. */
    char *ops_json = NULL;
    CHECK(wangge_ops_json(&ops_json, NULL) == WANGGE_STATUS_OK, "ops");
    cJSON *ops = cJSON_Parse(ops_json);
    wangge_string_free(ops_json);
    int n_ops = cJSON_GetArraySize(ops);
    CHECK(n_ops >= 3, "ops listed: %d", n_ops);
    const cJSON *op_item;
    cJSON_ArrayForEach(op_item, ops) {
        CHECK(generated_for(op_item->valuestring) != NULL,
              "op %s has no wangge_op_* function (run `cargo xtask bless`)", op_item->valuestring);
    }
    CHECK((int)N_GENERATED_OPS == n_ops, "GENERATED_OPS lists %d ops, the library %d", (int)N_GENERATED_OPS, n_ops);
    for (size_t i = 0; i < N_NATIVE_OPS; i++) {
        bool known = false;
        cJSON_ArrayForEach(op_item, ops) known = known || strcmp(op_item->valuestring, NATIVE_OPS[i].op) == 0;
        CHECK(known, "NATIVE_OPS names %s, not an op of the library", NATIVE_OPS[i].op);
    }

    /* Every vector file runs. */
    DIR *d = opendir(dir);
    CHECK(d != NULL, "open %s", dir);
    if (!d) return;
    char *names[256];
    size_t n = 0;
    struct dirent *e;
    while ((e = readdir(d)) && n < 256) {
        size_t len = strlen(e->d_name);
        if (len > 5 && strcmp(e->d_name + len - 5, ".json") == 0) names[n++] = strdup(e->d_name);
    }
    closedir(d);
    qsort(names, n, sizeof names[0], cmp_str);
    int files = 0, cases = 0;
    for (size_t i = 0; i < n; i++) {
        char path[4096];
        snprintf(path, sizeof path, "%s/%s", dir, names[i]);
        char *text = read_file(path, NULL);
        cJSON *file = text ? cJSON_Parse(text) : NULL;
        free(text);
        const char *op = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(file, "op"));
        CHECK(op != NULL, "%s: no op", path);
        bool listed = false;
        cJSON_ArrayForEach(op_item, ops) listed = listed || (op && strcmp(op_item->valuestring, op) == 0);
        CHECK(listed, "%s: op %s is not in wangge_ops_json", path, op ? op : "?");
        json_fn generated = op ? generated_for(op) : NULL;
        CHECK(generated != NULL, "%s: no generated function for %s", path, op ? op : "?");
        if (generated) {
            files++;
            adapter_fn native = native_for(op);
            const cJSON *c;
            cJSON_ArrayForEach(c, cJSON_GetObjectItemCaseSensitive(file, "cases")) {
                run_case(op, generated, native, c);
                cases++;
            }
        }
        cJSON_Delete(file);
        free(names[i]);
    }
    CHECK(files == n_ops, "every op has a vector file: %d files, %d ops", files, n_ops);
    fprintf(stderr, "vectors: %d files, %d cases (each through wangge_call, wangge_op_* and natively where typed)\n", files, cases);
    cJSON_Delete(ops);
}

#endif
