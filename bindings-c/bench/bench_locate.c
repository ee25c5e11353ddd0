/* Locate benchmark through the C ABI: bench_locate <layer.geojson> <points.txt>;
 * prints "c ns_per_point <best of 5> hits <n>". Run by `cargo xtask bench-bindings`. */
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

    size_t cap = 1 << 16, count = 0;
    double *xy = malloc(cap * 2 * sizeof *xy);
    FILE *p = fopen(argv[2], "r");
    if (!p || !xy) return 1;
    while (count < cap && fscanf(p, "%lf %lf", &xy[2 * count], &xy[2 * count + 1]) == 2) count++;
    fclose(p);

    double best = 1e300;
    long hits = 0;
    for (int round = 0; round < 5; round++) {
        double t = now();
        hits = 0;
        for (size_t i = 0; i < count; i++) {
            char *json = NULL;
            size_t len = 0;
            if (wangge_layer_units_at(layer, xy[2 * i], xy[2 * i + 1], &json, &len) != WANGGE_STATUS_OK) return 1;
            hits += len > 2; /* "[]" is a miss */
            wangge_string_free(json);
        }
        double per = (now() - t) / (double)count;
        if (per < best) best = per;
    }
    printf("c ns_per_point %.0f hits %ld\n", best, hits);
    wangge_layer_free(layer);
    free(xy);
    return 0;
}
