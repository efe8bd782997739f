#!/usr/bin/env python3
"""Brute-force cross-check of parcel splitting: C++ driver vs the oracle.

    python3 tests/oracle/check_splits.py PATH/TO/taoquote_quote_driver [N] [SEED]

Generates N (default 600) random small carts (at most 6 units, seeded and deterministic:
the same N and SEED give the same carts) over the fixture rulebooks (fixture-a: every
destination together; fixture-d: GB separately, IM/DE together, weight-limited sea and
DDP lines; fixture-e: max_parcels 1), biased towards carts that need or profit from a
split (batteries and liquids, items over the lines' weight limits, `when_cheaper`), with
random `split` modes (and, for half the carts, a variant of the fixture with every
destination's `parcels` and `max_parcels` drawn at random), now and then a named
`line`, a `choose`, `partial`, a settlement currency and cash rounding. Each cart is
quoted by the C++ driver and by the oracle (whose split is the brute-force optimum over
every split, tests/oracle/split.py), and every figure is compared
exactly as check_vectors.py compares a golden vector (error code and path, or every
quote figure including parcels[], charges[].parcel, customs.assessment, landed_total),
plus the C++ quote's own sums (total, due on delivery, parcel prices, parcel duty and
taxes). Prints each mismatch as `cart K (rulebook, seed): FIELD: oracle=… c++=…`, then
`N carts, M split, K mismatches`; exits 1 on any mismatch. Bounded: stops generating new
carts after 50 s of wall time and says so. Stdlib only.
"""

from __future__ import annotations

import copy
import json
import os
import random
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import oracle  # noqa: E402
from check_vectors import (RULEBOOKS, check_layout, check_sums, view_cpp, view_oracle,  # noqa: E402
                           _show)  # noqa: E402

AT = "2026-11-25T08:00:00Z"
TIME_BUDGET_S = 50.0

# (hs code, attributes) pools; weights in grams
GOODS = [("610910", []), ("620193", []), ("4901", []), ("850760", ["battery"]),
         ("330510", ["liquid"]), ("940360", []), ("851712", ["battery"])]
WEIGHTS = [120, 300, 700, 900, 1200, 1800, 9000, 16000, 26000, 45000, 60000]
DIMS = [(10, 10, 1), (30, 20, 2), (25, 10, 8), (40, 30, 10), (60, 40, 40)]
PRICES = ["9.90", "25.00", "60.00", "150.00", "420.00", "920.00", "1300.00"]
RULEBOOKS_USED = ["fixture-d"] * 6 + ["fixture-a"] * 2 + ["fixture-e"]
SPLITS = [None, "when_needed", "when_cheaper", "when_cheaper", "when_cheaper", "never"]


def load_rulebooks() -> dict:
    out = {}
    for name in set(RULEBOOKS_USED):
        with open(os.path.join(RULEBOOKS, name + ".json"), encoding="utf-8") as f:
            out[name] = json.load(f)
    return out


def make_cart(rng: random.Random, rb: dict) -> dict:
    """One random request with at most 6 units over 1–4 items."""
    n_items = rng.choice([1, 2, 2, 3, 3, 4])
    units_left = 6
    items = []
    mixed = n_items >= 2 and rng.random() < 0.5
    for i in range(n_items):
        max_q = units_left - (n_items - i - 1)
        q = rng.choice([1, 1, 1, 2, 2, 3])
        q = max(1, min(q, max_q))
        units_left -= q
        # every other cart mixes a battery and a liquid (no line carries both far)
        hs, attrs = GOODS[3 + i % 2] if mixed and i < 2 else rng.choice(GOODS)
        it = {"id": f"i{i + 1}", "title": f"item {hs}", "hs_code": hs, "quantity": q,
              "weight_g": rng.choice(WEIGHTS), "dimensions_cm": list(rng.choice(DIMS)),
              "offers": [{"seller": rng.choice(["s1", "s2"]),
                          "unit_price": rng.choice(PRICES)}]}
        if attrs:
            it["attributes"] = attrs
        items.append(it)
    countries = [d["country"] for d in rb["destinations"]]
    rq = {"schema": "taoquote.request/1", "at": AT,
          "destination": {"country": rng.choice(countries)},
          "sellers": [{"id": "s1", "platform": "1688", "shipping": "8.00",
                       "free_over": "99.00"},
                      {"id": "s2", "platform": "taobao", "shipping": "12.00"}],
          "items": items}
    split = rng.choice(SPLITS)
    if split is not None:
        rq["split"] = split
    r = rng.random()
    if r < 0.12:
        rq["line"] = rng.choice([ln["id"] for ln in rb["lines"]])
    if rng.random() < 0.15:
        rq["choose"] = rng.choice(["fastest", "cheapest_freight"])
    if rng.random() < 0.08:
        rq["partial"] = True
    if rng.random() < 0.2:
        rq["currency"] = rng.choice(["CHF", "EUR", "CNY"])
        rq["cash_rounding"] = rq["currency"] == "CHF" or rng.random() < 0.3
    return rq


def vary_rulebook(rng: random.Random, rb: dict) -> dict | None:
    """Half the time, a variant of the fixture: every destination's `parcels` drawn at
    random and `warehouse.max_parcels` 2, 3 or 4 (so separate assessment meets every
    destination's rules: JP price_rate, US specific duty, EU per-category duty, …)."""
    if rng.random() < 0.5:
        return None
    v = copy.deepcopy(rb)
    v["id"] = rb["id"] + "-variant"
    for d in v["destinations"]:
        d["parcels"] = rng.choice(["together", "separately"])
    if v["warehouse"].get("max_parcels", 4) > 1:
        v["warehouse"]["max_parcels"] = rng.choice([2, 3, 4, 4])
    return v


def run_driver(driver: str, rb_path: str, rq: dict, tmp: str) -> tuple[int, str]:
    req_path = os.path.join(tmp, "request.json")
    with open(req_path, "w", encoding="utf-8", newline="") as f:
        f.write(json.dumps(rq, sort_keys=True, separators=(",", ":"), ensure_ascii=False))
    p = subprocess.run([driver, rb_path, req_path], capture_output=True, timeout=30)
    out = p.stdout.decode("utf-8")
    return p.returncode, out[:-1] if out.endswith("\n") else out


def compare(rb: dict, rq: dict, text: str) -> tuple[list, bool]:
    """(mismatches as (field, oracle, c++), whether the C++ quote split)."""
    expected = json.loads(text)
    got = oracle.compute(rb, rq)
    if "error" in got or "error" in expected:
        if "error" not in expected:
            return [("error", f"{got['error']['code']} at {got['error']['path']}",
                     "a quote")], "parcels" in expected
        if "error" not in got:
            e = expected["error"]
            return [("error", "a quote", f"{e['code']} at {e.get('path')}")], False
        return [(f"error.{k}", _show(got["error"][k]), _show(expected["error"].get(k)))
                for k in ("code", "path") if got["error"][k] != expected["error"].get(k)], False
    out = check_sums(expected) + check_layout(expected)
    vo, vc = view_oracle(got), view_cpp(expected)
    for key, ov in vo.items():
        cv = vc.get(key, "<absent>")
        if ov != cv:
            out.append((key, _show(ov), _show(cv)))
    return out, "parcels" in expected


def main(argv: list[str]) -> int:
    if not argv or len(argv) > 3:
        print("usage: check_splits.py PATH/TO/taoquote_quote_driver [N] [SEED]",
              file=sys.stderr)
        return 64
    driver = os.path.abspath(argv[0])
    n = int(argv[1]) if len(argv) > 1 else 600
    seed = int(argv[2]) if len(argv) > 2 else 13
    rbs = load_rulebooks()
    rng = random.Random(seed)
    start = time.monotonic()
    carts = splits = bad = 0
    with tempfile.TemporaryDirectory() as tmp:
        for k in range(n):
            if time.monotonic() - start > TIME_BUDGET_S:
                print(f"time budget of {TIME_BUDGET_S:.0f} s reached after {carts} carts")
                break
            rb_name = rng.choice(RULEBOOKS_USED)
            rb = rbs[rb_name]
            rq = make_cart(rng, rb)
            variant = vary_rulebook(rng, rb)
            rb_path = os.path.join(RULEBOOKS, rb_name + ".json")
            if variant is not None:
                rb, rb_name = variant, variant["id"]
                rb_path = os.path.join(tmp, "rulebook.json")
                with open(rb_path, "w", encoding="utf-8") as f:
                    json.dump(rb, f, ensure_ascii=False)
            rc, text = run_driver(driver, rb_path, rq, tmp)
            carts += 1
            if rc not in (0, 2):
                bad += 1
                print(f"cart {k} ({rb_name}): driver exit {rc}")
                continue
            try:
                mism, did_split = compare(rb, rq, text)
            except Exception as e:  # an oracle crash is a mismatch of that cart
                mism, did_split = [("exception", f"{type(e).__name__}: {e}", "-")], False
            splits += did_split
            if mism:
                bad += 1
                for field, ov, cv in mism[:12]:
                    print(f"cart {k} ({rb_name}, seed {seed}): {field}: oracle={ov} c++={cv}")
                if len(mism) > 12:
                    print(f"cart {k}: … {len(mism) - 12} more")
                print(f"cart {k} request: {json.dumps(rq, sort_keys=True)}")
                if variant is not None:
                    print(f"cart {k} variant: max_parcels {rb['warehouse'].get('max_parcels')}, "
                          + ", ".join(f"{d['country']} {d['parcels']}"
                                      for d in rb["destinations"]))
    print(f"{carts} carts, {splits} split, {bad} mismatches")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
