#!/usr/bin/env python3
"""Turns a layer from another generator into files the wangge tools read.

    python3 bench/recode_layer.py GRIDS.bin OUT.geojson [--points POINTS.bin --points-out OUT.jsonl]

Reads the compact binary format of `../shared/data/gen_grids.py` (a clustered Voronoi
county: ``b"GRD1", u32 n, u64 n_coords, u64 ring_offsets[n + 1], f64 coords[2 n_coords]``,
one closed exterior ring per polygon, polygon i = grid id i) and writes a GeoJSON
FeatureCollection of grids with 15-digit grid codes: grid i gets the community
``371323`` + town ``100 + c // 100`` + village ``201 + c % 100`` (c = i // 500) and the
sequence ``i % 500 + 1``. No parent communities are written: `wangge grid validate` then
checks all grids as one group (what `shapely.coverage_invalid_edges` sees), and the index
needs none. Coordinates are written with Python's shortest round-trip repr, so the
polygons are bit-identical to the binary file's.

With ``--points``, the points file (``b"PTS1", u64 n, f64[2 n]``) is also written as the
JSON lines `wangge grid generate --points-out` writes (``{"id", "lon", "lat", "crs"}``).
Only the Python standard library is needed.
"""

import argparse
import json
import struct
import sys
from array import array


def grid_code(i):
    c = i // 500
    if c >= 100 * 900:
        sys.exit("too many grids for the recoding scheme")
    return f"371323{100 + c // 100:03d}{201 + c % 100:03d}{i % 500 + 1:03d}"


def read_grids(path):
    with open(path, "rb") as f:
        if f.read(4) != b"GRD1":
            sys.exit(f"{path}: not a GRD1 file")
        n, nc = struct.unpack("<IQ", f.read(12))
        offs = array("Q")
        offs.frombytes(f.read(8 * (n + 1)))
        coords = array("d")
        coords.frombytes(f.read(16 * nc))
    if sys.byteorder != "little":
        offs.byteswap()
        coords.byteswap()
    return n, offs, coords


def read_points(path):
    with open(path, "rb") as f:
        if f.read(4) != b"PTS1":
            sys.exit(f"{path}: not a PTS1 file")
        (n,) = struct.unpack("<Q", f.read(8))
        xy = array("d")
        xy.frombytes(f.read(16 * n))
    if sys.byteorder != "little":
        xy.byteswap()
    return n, xy


def write_layer(n, offs, coords, out):
    with open(out, "w", encoding="utf-8") as f:
        f.write('{"type":"FeatureCollection","features":[\n')
        for i in range(n):
            a, b = offs[i], offs[i + 1]
            ring = ",".join(f"[{coords[2 * k]!r},{coords[2 * k + 1]!r}]" for k in range(a, b))
            sep = ",\n" if i + 1 < n else "\n"
            f.write('{"type":"Feature","properties":{"code":"%s"},'
                    '"geometry":{"type":"Polygon","coordinates":[[%s]]}}%s' % (grid_code(i), ring, sep))
        f.write("]}\n")


def write_points(n, xy, out):
    with open(out, "w", encoding="utf-8") as f:
        for i in range(n):
            f.write(json.dumps({"id": i, "lon": xy[2 * i], "lat": xy[2 * i + 1], "crs": "wgs84"}) + "\n")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("grids", help="GRD1 file (gen_grids.py)")
    ap.add_argument("out", help="GeoJSON to write")
    ap.add_argument("--points", help="PTS1 file (gen_grids.py)")
    ap.add_argument("--points-out", help="JSON lines to write")
    a = ap.parse_args()
    n, offs, coords = read_grids(a.grids)
    write_layer(n, offs, coords, a.out)
    if a.points:
        if not a.points_out:
            sys.exit("--points needs --points-out")
        write_points(*read_points(a.points), a.points_out)


if __name__ == "__main__":
    main()
