#!/usr/bin/env python3
"""Archives for `cargo xtask dist`, with the standard library only.

    wheel.py --name wangge --version 0.1.0 --package DIR --out OUTDIR
        writes OUTDIR/wangge-0.1.0-py3-none-linux_x86_64.whl from the package folder DIR
        (every file under it, plus the .dist-info with METADATA, WHEEL and RECORD as in
        PEP 427 / the binary distribution format).
    wheel.py --jar CLASSES --out FILE.jar
        writes a jar (a zip with META-INF/MANIFEST.MF first) of the folder CLASSES.
"""
import argparse
import base64
import hashlib
import os
import sys
import zipfile

TAG = "py3-none-linux_x86_64"
FIXED_TIME = (2026, 1, 1, 0, 0, 0)  # reproducible archives


def _files(root):
    for base, dirs, files in os.walk(root):
        dirs.sort()
        for f in sorted(files):
            full = os.path.join(base, f)
            yield full, os.path.relpath(full, root).replace(os.sep, "/")


def _write(zf, arcname, data, executable=False):
    info = zipfile.ZipInfo(arcname, FIXED_TIME)
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = (0o755 if executable else 0o644) << 16
    zf.writestr(info, data)


def _digest(data):
    d = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
    return f"sha256={d}"


def wheel(name, version, package, out):
    pkg_name = os.path.basename(os.path.normpath(package))
    dist_info = f"{name}-{version}.dist-info"
    path = os.path.join(out, f"{name}-{version}-{TAG}.whl")
    metadata = (
        "Metadata-Version: 2.1\n"
        f"Name: {name}\n"
        f"Version: {version}\n"
        "Summary: Grid-based community governance (网格化服务管理) rules: grids, calendar, "
        "staffing, admission lists, cases, scoring\n"
        "License: MIT OR Apache-2.0\n"
        "Requires-Python: >=3.8\n"
    )
    wheel_meta = (
        "Wheel-Version: 1.0\n"
        "Generator: wangge xtask dist\n"
        "Root-Is-Purelib: false\n"
        f"Tag: {TAG}\n"
    )
    record = []
    with zipfile.ZipFile(path, "w") as zf:
        for full, rel in _files(package):
            data = open(full, "rb").read()
            arc = f"{pkg_name}/{rel}"
            _write(zf, arc, data, executable=rel.endswith(".so"))
            record.append(f"{arc},{_digest(data)},{len(data)}")
        for fname, text in (("METADATA", metadata), ("WHEEL", wheel_meta)):
            data = text.encode()
            arc = f"{dist_info}/{fname}"
            _write(zf, arc, data)
            record.append(f"{arc},{_digest(data)},{len(data)}")
        record.append(f"{dist_info}/RECORD,,")
        _write(zf, f"{dist_info}/RECORD", ("\n".join(record) + "\n").encode())
    print(path)


def jar(classes, out):
    manifest = b"Manifest-Version: 1.0\nCreated-By: wangge xtask dist\n\n"
    with zipfile.ZipFile(out, "w") as zf:
        _write(zf, "META-INF/MANIFEST.MF", manifest)
        for full, rel in _files(classes):
            if rel.upper() == "META-INF/MANIFEST.MF":
                continue
            _write(zf, rel, open(full, "rb").read())
    print(out)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--name")
    ap.add_argument("--version")
    ap.add_argument("--package")
    ap.add_argument("--jar")
    ap.add_argument("--out", required=True)
    a = ap.parse_args()
    if a.jar:
        jar(a.jar, a.out)
    elif a.name and a.version and a.package:
        wheel(a.name, a.version, a.package, a.out)
    else:
        ap.error("give --jar CLASSES or --name/--version/--package")
    return 0


if __name__ == "__main__":
    sys.exit(main())
