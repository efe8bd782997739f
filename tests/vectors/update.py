#!/usr/bin/env python3
"""Regenerate the expected outputs of the golden vectors from the C++ quote driver.

    python3 tests/vectors/update.py build/dev/tests/taoquote_quote_driver

For every tests/vectors/cases/NNN-name.json ({"rulebook", "note", "request"}) the driver
is run as `DRIVER rulebooks/<rulebook>.json <request file>` and its stdout, minus the
final newline, is written byte for byte to tests/vectors/expected/NNN-name.json. Exit 0
(quote) and 2 (error body) are both valid outcomes; anything else aborts. Expected files
without a case are removed. The request is handed to the driver serialized the way
vectors_test.cpp hands it to the library (nlohmann::json::dump(): sorted keys, no
whitespace, UTF-8).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
CASES = os.path.join(HERE, "cases")
EXPECTED = os.path.join(HERE, "expected")
RULEBOOKS = os.path.join(HERE, "rulebooks")


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print("usage: update.py PATH/TO/taoquote_quote_driver", file=sys.stderr)
        return 64
    driver = os.path.abspath(argv[0])
    os.makedirs(EXPECTED, exist_ok=True)
    names = sorted(n for n in os.listdir(CASES) if n.endswith(".json"))
    if not names:
        print("no cases: run make_cases.py first", file=sys.stderr)
        return 1
    counts = {0: 0, 2: 0}
    with tempfile.TemporaryDirectory() as tmp:
        for name in names:
            with open(os.path.join(CASES, name), encoding="utf-8") as f:
                c = json.load(f)
            req_path = os.path.join(tmp, "request.json")
            with open(req_path, "w", encoding="utf-8", newline="") as f:
                f.write(json.dumps(c["request"], sort_keys=True, separators=(",", ":"),
                                   ensure_ascii=False))
            rb_path = os.path.join(RULEBOOKS, c["rulebook"] + ".json")
            p = subprocess.run([driver, rb_path, req_path], capture_output=True)
            if p.returncode not in (0, 2):
                print(f"{name}: driver exit {p.returncode}\n{p.stderr.decode(errors='replace')}",
                      file=sys.stderr)
                return 1
            out = p.stdout
            if out.endswith(b"\n"):
                out = out[:-1]
            with open(os.path.join(EXPECTED, name), "wb") as f:
                f.write(out)
            counts[p.returncode] += 1
    for old in os.listdir(EXPECTED):
        if old.endswith(".json") and old not in names:
            os.remove(os.path.join(EXPECTED, old))
    print(f"wrote {len(names)} expected files ({counts[0]} quotes, {counts[2]} errors)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
