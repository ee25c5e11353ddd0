#!/usr/bin/env python3
"""Writes sample-county.geojson: 12 grids of three communities on a warped 4 x 3 lattice
near 118.5E 35.8N. Neighbouring grids share their edge vertices exactly (a valid coverage).
Deterministic: the same file every run. Usage: python3 make_sample_county.py > sample-county.geojson
"""
import json, math

LON0, LAT0, STEP = 118.50, 35.80, 0.01   # ~0.9 km x 1.1 km cells
COLS, ROWS, SUB = 4, 3, 4                  # SUB points per cell edge

def vertex(x, y):
    """Lattice point (x, y) in sub-steps, warped smoothly so edges look like streets."""
    fx, fy = x / SUB, y / SUB
    dx = 0.0 if x in (0, COLS * SUB) else 0.0018 * math.sin(1.7 * fy + 0.9 * fx)
    dy = 0.0 if y in (0, ROWS * SUB) else 0.0015 * math.cos(1.3 * fx - 0.7 * fy)
    return [round(LON0 + fx * STEP + dx, 7), round(LAT0 + fy * STEP + dy, 7)]

def cell_ring(c, r):
    x0, y0, x1, y1 = c * SUB, r * SUB, (c + 1) * SUB, (r + 1) * SUB
    pts = [vertex(x, y0) for x in range(x0, x1)]
    pts += [vertex(x1, y) for y in range(y0, y1)]
    pts += [vertex(x, y1) for x in range(x1, x0, -1)]
    pts += [vertex(x0, y) for y in range(y1, y0, -1)]
    return pts + [pts[0]]                  # counter-clockwise, closed

features = []
for r in range(ROWS):
    community = f"3713231002{r + 1:02d}"
    for c in range(COLS):
        seq = c + 1
        features.append({
            "type": "Feature",
            "properties": {
                "code": f"{community}{seq:03d}",
                "name": f"第{r + 1}社区第{seq}网格",
                "kind": "basic",
                "households": 300 + 37 * ((r * COLS + c) % 7),
            },
            "geometry": {"type": "Polygon", "coordinates": [cell_ring(c, r)]},
        })
print(json.dumps({"type": "FeatureCollection", "features": features}, ensure_ascii=False, indent=1))
