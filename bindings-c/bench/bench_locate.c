/* Locate benchmark through the C ABI: bench_locate <layer.geojson> <points.txt>;
 * prints "c ns_per_point <best of 20> hits <n>" for wangge_grid_index_locate_batch (codes
 * written into a caller buffer). Run by `cargo xtask bench-bindings`. */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "wangge.h"

static double now(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1e9 + ts.tv_nsec;
}

int main(int argc, char **argv) {
    if (argc != 3) return 2;
    FILE *f = fopen(argv[1], "rb");
    if (!f) return 1;
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *text = malloc((size_t)n);
    if (!text || fread(text, 1, (size_t)n, f) != (size_t)n) return 1;
    fclose(f);
    wangge_layer *layer = NULL;
    if (wangge_layer_load(text, (size_t)n, &layer) != WANGGE_STATUS_OK) return 1;
    free(text);
    wangge_grid_index *index = NULL;
    if (wangge_grid_index_build(layer, &index) != WANGGE_STATUS_OK) return 1;
    wangge_layer_free(layer);

    size_t cap = 1024, count = 0;
    double *xy = malloc(cap * 2 * sizeof *xy);
    FILE *p = fopen(argv[2], "r");
    if (!p || !xy) return 1;
    for (;;) {
        if (count == cap) {
            cap *= 2;
            xy = realloc(xy, cap * 2 * sizeof *xy);
            if (!xy) return 1;
        }
        if (fscanf(p, "%lf %lf", &xy[2 * count], &xy[2 * count + 1]) != 2) break;
        count++;
    }
    fclose(p);
    char *codes = malloc(count * WANGGE_CODE_CAPACITY);
    wangge_place *places = malloc(count * sizeof *places);
    if (!codes || !places) return 1;

    double best = 1e300;
    long hits = 0;
    for (int round = 0; round < 20; round++) {
        double t = now();
        if (wangge_grid_index_locate_batch(index, xy, count, WANGGE_CRS_WGS84, NULL, 0, codes, places) !=
            WANGGE_STATUS_OK)
            return 1;
        double per = (now() - t) / (double)count;
        if (per < best) best = per;
        hits = 0;
        for (size_t i = 0; i < count; i++) hits += places[i] == WANGGE_PLACE_GRID;
    }
    printf("c ns_per_point %.1f hits %ld\n", best, hits);
    wangge_grid_index_free(index);
    free(codes);
    free(places);
    free(xy);
    return 0;
}
