/* calendar.* adapters of the C vector runner (included by vectors.h):
 * the calendar fields of the input go to wangge_calendar_load, the rest to the operation. */
#ifndef WANGGE_TEST_VECTORS_CALENDAR_H
#define WANGGE_TEST_VECTORS_CALENDAR_H

static const char *const CAL_KEYS[] = {"policy", "calendar", "holidays"};
#define N_CAL_KEYS (sizeof CAL_KEYS / sizeof CAL_KEYS[0])

/* True when every key of `in` is a calendar key or one of `op_keys` (NULL-terminated). */
static bool calendar_keys_only(const cJSON *in, const char *const *op_keys) {
    if (!cJSON_IsObject(in)) return false;
    for (const cJSON *it = in->child; it; it = it->next) {
        bool ok = false;
        for (size_t k = 0; k < N_CAL_KEYS; k++) ok = ok || strcmp(it->string, CAL_KEYS[k]) == 0;
        for (const char *const *a = op_keys; *a; a++) ok = ok || strcmp(it->string, *a) == 0;
        if (!ok) return false;
    }
    return true;
}

/* The calendar an operation's input selects, through wangge_calendar_load. */
static wangge_status load_calendar(const cJSON *in, wangge_calendar **cal) {
    cJSON *options = cJSON_CreateObject();
    for (size_t k = 0; k < N_CAL_KEYS; k++) {
        const cJSON *v = cJSON_GetObjectItemCaseSensitive(in, CAL_KEYS[k]);
        if (v) cJSON_AddItemToObject(options, CAL_KEYS[k], cJSON_Duplicate(v, true));
    }
    char *text = cJSON_PrintUnformatted(options);
    wangge_status st = wangge_calendar_load(text, strlen(text), cal);
    free(text);
    cJSON_Delete(options);
    return st;
}

static const char *str_of(const cJSON *in, const char *key) {
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(in, key);
    return cJSON_IsString(v) ? v->valuestring : NULL;
}

static bool duration_unit(const char *s, wangge_duration_unit *u) {
    static const char *const names[] = {"working_days", "working_hours", "working_minutes",
                                         "natural_days", "natural_hours", "natural_minutes"};
    static const wangge_duration_unit units[] = {
        WANGGE_DURATION_WORKING_DAYS, WANGGE_DURATION_WORKING_HOURS, WANGGE_DURATION_WORKING_MINUTES,
        WANGGE_DURATION_NATURAL_DAYS, WANGGE_DURATION_NATURAL_HOURS, WANGGE_DURATION_NATURAL_MINUTES};
    for (size_t i = 0; s && i < 6; i++) {
        if (strcmp(s, names[i]) == 0) {
            *u = units[i];
            return true;
        }
    }
    return false;
}

static bool u32_of(const cJSON *in, const char *key, uint32_t *v) {
    const cJSON *n = cJSON_GetObjectItemCaseSensitive(in, key);
    if (!cJSON_IsNumber(n) || n->valuedouble < 0 || n->valuedouble > 4294967295.0 ||
        n->valuedouble != floor(n->valuedouble))
        return false;
    *v = (uint32_t)n->valuedouble;
    return true;
}

/* Checks the keys, loads the calendar; ADAPT_OK means "go on with *cal". */
static adapt_result open_calendar(const cJSON *in, const char *const *op_keys, bool fields_ok,
                                  wangge_calendar **cal, wangge_status *status) {
    if (!calendar_keys_only(in, op_keys) || !fields_ok) return ADAPT_INEXPRESSIBLE;
    *status = load_calendar(in, cal);
    return *status == WANGGE_STATUS_OK ? ADAPT_OK : ADAPT_ERROR;
}

static adapt_result finish(wangge_calendar *cal, wangge_status status) {
    wangge_calendar_free(cal);
    return status == WANGGE_STATUS_OK ? ADAPT_OK : ADAPT_ERROR;
}

static adapt_result adapt_calendar_add(const cJSON *in, cJSON **out, wangge_status *status) {
    static const char *const keys[] = {"start", "amount", "unit", NULL};
    uint32_t amount = 0;
    wangge_duration_unit unit = 0;
    bool ok = str_of(in, "start") && u32_of(in, "amount", &amount) && duration_unit(str_of(in, "unit"), &unit);
    wangge_calendar *cal = NULL;
    adapt_result r = open_calendar(in, keys, ok, &cal, status);
    if (r != ADAPT_OK) return r;
    const char *start = str_of(in, "start");
    char *deadline = NULL;
    *status = wangge_calendar_add(cal, start, strlen(start), amount, unit, &deadline, NULL);
    if (*status == WANGGE_STATUS_OK) {
        *out = cJSON_CreateObject();
        cJSON_AddStringToObject(*out, "deadline", deadline);
    }
    wangge_string_free(deadline);
    return finish(cal, *status);
}

static adapt_result adapt_calendar_between(const cJSON *in, cJSON **out, wangge_status *status) {
    static const char *const keys[] = {"start", "end", NULL};
    wangge_calendar *cal = NULL;
    adapt_result r = open_calendar(in, keys, str_of(in, "start") && str_of(in, "end"), &cal, status);
    if (r != ADAPT_OK) return r;
    const char *a = str_of(in, "start"), *b = str_of(in, "end");
    int64_t minutes = 0;
    *status = wangge_calendar_between(cal, a, strlen(a), b, strlen(b), &minutes);
    if (*status == WANGGE_STATUS_OK) {
        *out = cJSON_CreateObject();
        cJSON_AddNumberToObject(*out, "working_minutes", (double)minutes);
    }
    return finish(cal, *status);
}

static adapt_result adapt_calendar_working_days_between(const cJSON *in, cJSON **out, wangge_status *status) {
    static const char *const keys[] = {"start", "end", NULL};
    wangge_calendar *cal = NULL;
    adapt_result r = open_calendar(in, keys, str_of(in, "start") && str_of(in, "end"), &cal, status);
    if (r != ADAPT_OK) return r;
    const char *a = str_of(in, "start"), *b = str_of(in, "end");
    int64_t days = 0;
    *status = wangge_calendar_working_days_between(cal, a, strlen(a), b, strlen(b), &days);
    if (*status == WANGGE_STATUS_OK) {
        *out = cJSON_CreateObject();
        cJSON_AddNumberToObject(*out, "working_days", (double)days);
    }
    return finish(cal, *status);
}

static adapt_result adapt_calendar_next_working(const cJSON *in, cJSON **out, wangge_status *status) {
    static const char *const keys[] = {"at", NULL};
    wangge_calendar *cal = NULL;
    adapt_result r = open_calendar(in, keys, str_of(in, "at") != NULL, &cal, status);
    if (r != ADAPT_OK) return r;
    const char *at = str_of(in, "at");
    char *next = NULL;
    *status = wangge_calendar_next_working(cal, at, strlen(at), &next, NULL);
    if (*status == WANGGE_STATUS_OK) {
        *out = cJSON_CreateObject();
        cJSON_AddStringToObject(*out, "next", next);
    }
    wangge_string_free(next);
    return finish(cal, *status);
}

static adapt_result adapt_calendar_day(const cJSON *in, cJSON **out, wangge_status *status) {
    static const char *const keys[] = {"date", NULL};
    wangge_calendar *cal = NULL;
    adapt_result r = open_calendar(in, keys, str_of(in, "date") != NULL, &cal, status);
    if (r != ADAPT_OK) return r;
    const char *date = str_of(in, "date");
    char *json = NULL;
    *status = wangge_calendar_day_json(cal, date, strlen(date), &json, NULL);
    if (*status == WANGGE_STATUS_OK) *out = cJSON_Parse(json);
    wangge_string_free(json);
    return finish(cal, *status);
}

static adapt_result adapt_calendar_years(const cJSON *in, cJSON **out, wangge_status *status) {
    static const char *const keys[] = {NULL};
    wangge_calendar *cal = NULL;
    adapt_result r = open_calendar(in, keys, true, &cal, status);
    if (r != ADAPT_OK) return r;
    char *json = NULL;
    *status = wangge_calendar_years_json(cal, &json, NULL);
    if (*status == WANGGE_STATUS_OK) *out = cJSON_Parse(json);
    wangge_string_free(json);
    return finish(cal, *status);
}

#endif
