/* grid.* adapters of the C vector runner (included by vectors.h): grid.validate through
 * wangge_layer_load + wangge_layer_validate, grid.locate through wangge_grid_index_build +
 * wangge_grid_index_locate (one call per point). */
#ifndef WANGGE_TEST_VECTORS_GRID_H
#define WANGGE_TEST_VECTORS_GRID_H

/* A layer handle from a GeoJSON value. */
static wangge_status load_layer_json(const cJSON *geo, wangge_layer **layer) {
    char *text = cJSON_PrintUnformatted(geo);
    wangge_status st = wangge_layer_load(text, strlen(text), layer);
    free(text);
    return st;
}

static adapt_result adapt_grid_validate(const cJSON *in, cJSON **out, wangge_status *status) {
    static const char *const keys[] = {"layer", "parent", "tolerance_m", "policy", "as_of", NULL};
    const cJSON *geo = cJSON_GetObjectItemCaseSensitive(in, "layer");
    const cJSON *parent_geo = cJSON_GetObjectItemCaseSensitive(in, "parent");
    if (!only_keys(in, keys) || !geo) return ADAPT_INEXPRESSIBLE;
    /* The options are the other keys, as given. */
    cJSON *options = cJSON_CreateObject();
    static const char *const option_keys[] = {"tolerance_m", "policy", "as_of"};
    for (size_t k = 0; k < 3; k++) {
        const cJSON *v = cJSON_GetObjectItemCaseSensitive(in, option_keys[k]);
        if (v) cJSON_AddItemToObject(options, option_keys[k], cJSON_Duplicate(v, true));
    }
    wangge_layer *layer = NULL, *parent = NULL;
    adapt_result r = ADAPT_ERROR;
    *status = load_layer_json(geo, &layer);
    if (*status == WANGGE_STATUS_OK && parent_geo) *status = load_layer_json(parent_geo, &parent);
    if (*status == WANGGE_STATUS_OK) {
        char *opts = cJSON_PrintUnformatted(options);
        char *json = NULL;
        size_t len = 0;
        /* No option at all: the NULL form (defaults). */
        *status = options->child ? wangge_layer_validate(layer, parent, opts, strlen(opts), &json, &len)
                                 : wangge_layer_validate(layer, parent, NULL, 0, &json, &len);
        if (*status == WANGGE_STATUS_OK) {
            *out = cJSON_Parse(json);
            r = ADAPT_OK;
            CHECK(len == strlen(json), "validate: out_len");
        }
        wangge_string_free(json);
        free(opts);
    }
    wangge_layer_free(parent);
    wangge_layer_free(layer);
    cJSON_Delete(options);
    return r;
}

/* The JSON of one wangge_location, the shape of a grid.locate result. */
static cJSON *location_json(const cJSON *id, const wangge_location *loc) {
    cJSON *o = cJSON_CreateObject();
    cJSON_AddItemToObject(o, "id", cJSON_Duplicate(id, true));
    cJSON_AddItemToObject(o, "code", loc->place == WANGGE_PLACE_GRID ? cJSON_CreateString(loc->code)
                                                                      : cJSON_CreateNull());
    cJSON_AddItemToObject(o, "fallback", loc->place == WANGGE_PLACE_FALLBACK ? cJSON_CreateString(loc->code)
                                                                              : cJSON_CreateNull());
    cJSON *a = cJSON_AddArrayToObject(o, "ancestors");
    for (uint32_t k = 0; k < loc->ancestors_len && k < WANGGE_MAX_ANCESTORS; k++)
        cJSON_AddItemToArray(a, cJSON_CreateString(loc->ancestors[k]));
    return o;
}

static adapt_result adapt_grid_locate(const cJSON *in, cJSON **out, wangge_status *status) {
    static const char *const keys[] = {"layer", "points", "as_of", NULL};
    static const char *const point_keys[] = {"id", "lon", "lat", "crs", NULL};
    const cJSON *geo = cJSON_GetObjectItemCaseSensitive(in, "layer");
    const cJSON *points = cJSON_GetObjectItemCaseSensitive(in, "points");
    const cJSON *as_of = cJSON_GetObjectItemCaseSensitive(in, "as_of");
    if (!only_keys(in, keys) || !geo || !cJSON_IsArray(points) || (as_of && !cJSON_IsString(as_of)))
        return ADAPT_INEXPRESSIBLE;
    const cJSON *p;
    cJSON_ArrayForEach(p, points) {
        const cJSON *id = cJSON_GetObjectItemCaseSensitive(p, "id");
        const cJSON *crs = cJSON_GetObjectItemCaseSensitive(p, "crs");
        wangge_crs c;
        if (!only_keys(p, point_keys) || !(cJSON_IsNumber(id) || cJSON_IsString(id)) ||
            !cJSON_IsNumber(cJSON_GetObjectItemCaseSensitive(p, "lon")) ||
            !cJSON_IsNumber(cJSON_GetObjectItemCaseSensitive(p, "lat")) || (crs && !crs_of(crs, &c)))
            return ADAPT_INEXPRESSIBLE;
    }
    const char *date = as_of ? as_of->valuestring : NULL;
    size_t date_len = date ? strlen(date) : 0;
    wangge_layer *layer = NULL;
    wangge_grid_index *index = NULL;
    adapt_result r = ADAPT_ERROR;
    wangge_location loc;
    *status = load_layer_json(geo, &layer);
    if (*status == WANGGE_STATUS_OK) *status = wangge_grid_index_build(layer, &index);
    wangge_layer_free(layer);
    if (*status == WANGGE_STATUS_OK) {
        cJSON *results = cJSON_CreateArray();
        cJSON_ArrayForEach(p, points) {
            const cJSON *crs = cJSON_GetObjectItemCaseSensitive(p, "crs");
            wangge_crs c = WANGGE_CRS_WGS84;
            if (crs) crs_of(crs, &c);
            *status = wangge_grid_index_locate(index, cJSON_GetObjectItemCaseSensitive(p, "lon")->valuedouble,
                                               cJSON_GetObjectItemCaseSensitive(p, "lat")->valuedouble, c, date,
                                               date_len, &loc);
            if (*status != WANGGE_STATUS_OK) break;
            cJSON_AddItemToArray(results, location_json(cJSON_GetObjectItemCaseSensitive(p, "id"), &loc));
        }
        if (*status == WANGGE_STATUS_OK) {
            *out = cJSON_CreateObject();
            cJSON_AddItemToObject(*out, "results", results);
            r = ADAPT_OK;
        } else {
            cJSON_Delete(results);
        }
    }
    wangge_grid_index_free(index);
    return r;
}

#endif
