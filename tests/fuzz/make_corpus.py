"""Builds the fuzzer's seed corpus from the golden vectors and the fixture rulebook.

Each seed is one selector byte (0 rulebook, 1 request, 2 decimal, 3 instant) + the text.
Usage: python3 tests/fuzz/make_corpus.py OUT_DIR
"""
import json
import pathlib
import sys

here = pathlib.Path(__file__).resolve().parent
out = pathlib.Path(sys.argv[1])
out.mkdir(parents=True, exist_ok=True)
seeds = []
for rb in sorted((here.parent / "vectors" / "rulebooks").glob("*.json")):
    seeds.append(b"\x00" + rb.read_bytes())
for case in sorted((here.parent / "vectors" / "cases").glob("*.json")):
    seeds.append(b"\x01" + json.dumps(json.loads(case.read_text())["request"]).encode())
seeds.append(b"\x01" + (here.parent / "bad" / "base-request.json").read_bytes())
for d in ["0", "12.50", "-3.1", "999999999999999.999999999999", "0.000000000001", "1e3"]:
    seeds.append(b"\x02" + d.encode())
for t in ["2026-11-25T08:00:00Z", "2026-11-25T16:00:00+08:00", "2028-02-29T23:59:59.123Z"]:
    seeds.append(b"\x03" + t.encode())
for i, s in enumerate(seeds):
    (out / f"seed-{i:03d}").write_bytes(s)
print(f"{len(seeds)} seeds in {out}")
