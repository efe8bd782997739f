#!/usr/bin/python3
"""Cross-checks the offer choice of the C++ quote driver on generated carts.

    /usr/bin/python3 tests/offers/check_offers.py DRIVER [--brute N] [--milp N] [--seed S]
                                                  [--rulebook PATH]

DRIVER is build/<dir>/tests/taoquote_quote_driver; every cart goes through one
`DRIVER --pairs` process (one line per quote). Two families, both seeded:

* brute force (default 10,000 small carts, ≤ 8 items, ≤ 4 offers, ≤ 5 sellers, prices
  drawn from a few values so that ties are common): the chosen offer indices must equal
  the lexicographically smallest least-cost choice found by enumerating every choice;
* MILP (default 1,000 carts of 5–50 items, 2–12 sellers, most with free_over): the cost
  of the chosen offers must equal the optimum of `scipy.optimize.milp` (HiGHS, gap 0) on
  the integer programme below, which knows nothing of the C++ search. MILP may choose
  another tie, so only the cost is compared.

A third check drives one cart of the widest shape (200 items × 32 offers over 200
sellers, prices within ±15 %) that the search cannot prove within its default work bound:
the quote must carry OFFER_CHOICE_UNPROVEN, whose message states the bound, the chosen
cost (recomputed here) and a lower bound no greater than it.

Costs are recomputed here from the chosen offer indices (line amount = unit price ×
quantity, exact in cents; a seller's shipping once, 0 when its goods ≥ free_over), and no
quote may carry the OFFER_CHOICE_UNPROVEN warning. Exit 1 on any mismatch.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import random
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
RULEBOOK = os.path.join(HERE, "..", "vectors", "rulebooks", "fixture-a.json")


def cents(s: str) -> int:
    whole, _, frac = s.partition(".")
    return int(whole) * 100 + int((frac + "00")[:2])


def money(c: int) -> str:
    return f"{c // 100}.{c % 100:02d}"


def make_request(sellers: list[dict], items: list[dict]) -> dict:
    """A fixture-a request to DE: tiny parcels, so some shipping line is always eligible."""
    return {"schema": "taoquote.request/1", "at": "2026-11-25T08:00:00Z",
            "destination": {"country": "DE"}, "sellers": sellers, "items": items}


def make_cart(rng: random.Random, n_items: int, n_sellers: int, max_offers: int,
              prices: list[int] | None, free_share: float) -> dict:
    sellers = []
    for s in range(n_sellers):
        seller = {"id": f"s{s}", "platform": "1688",
                  "shipping": money(rng.choice([0, 500, 600, 800, 1200, 1500, 2000]))}
        if rng.random() < free_share:
            seller["free_over"] = money(rng.choice([2000, 3000, 5000, 8000, 9900, 15000]))
        sellers.append(seller)
    items = []
    for i in range(n_items):
        base = rng.randint(500, 20000)
        offers = []
        for _ in range(rng.randint(1, max_offers)):
            unit = rng.choice(prices) if prices else max(1, base + rng.randint(-1500, 1500))
            offers.append({"seller": f"s{rng.randrange(n_sellers)}", "unit_price": money(unit)})
        items.append({"id": f"i{i}", "title": "t", "hs_code": "610910",
                      "quantity": rng.randint(1, 3), "weight_g": 10,
                      "dimensions_cm": [1, 1, 1], "offers": offers})
    return make_request(sellers, items)


def wide_cart(rng: random.Random) -> dict:
    sellers = []
    for s in range(200):
        seller = {"id": f"s{s}", "platform": "1688",
                  "shipping": money(rng.choice([0, 500, 600, 800, 1000, 1200, 1500]))}
        if rng.random() < 0.5:
            seller["free_over"] = money(rng.choice([2900, 4900, 9900, 19900]))
        sellers.append(seller)
    items = []
    for i in range(200):
        base = rng.randint(300, 30000)
        offers = [{"seller": f"s{rng.randrange(200)}",
                   "unit_price": money(max(1, base + base * rng.randint(-15, 15) // 100))}
                  for _ in range(32)]
        items.append({"id": f"i{i}", "title": "t", "hs_code": "610910", "quantity": 1,
                      "weight_g": 10, "dimensions_cm": [1, 1, 1], "offers": offers})
    return make_request(sellers, items)


def check_unproven(driver: str, rq: dict) -> int:
    import re
    t0 = time.perf_counter()
    q = run_driver(driver, [rq])[0]
    warn = [w for w in q.get("warnings", []) if w["code"] == "OFFER_CHOICE_UNPROVEN"]
    got = cost(rq, options(rq), [it["offer"] for it in q["items"]])
    problem = None
    if not warn:
        problem = "no OFFER_CHOICE_UNPROVEN warning (the search proved it: pick a harder cart)"
    else:
        m = re.search(r"work bound of (\d+) .* cost (\d+\.\d\d) CNY .* less than "
                      r"(\d+\.\d\d) CNY", warn[0]["message"])
        if not m:
            problem = f"unexpected message {warn[0]['message']!r}"
        elif cents(m.group(2)) != got or cents(m.group(3)) > got or int(m.group(1)) <= 0:
            problem = f"message {warn[0]['message']!r} but the chosen offers cost {money(got)}"
    print(f"unproven: {problem or 'warning as documented'} ({time.perf_counter() - t0:.1f} s)")
    return 1 if problem else 0


def options(rq: dict) -> list[list[tuple[str, int]]]:
    """Per item, per offer: (seller id, line amount in cents)."""
    return [[(o["seller"], cents(o["unit_price"]) * it["quantity"]) for o in it["offers"]]
            for it in rq["items"]]


def cost(rq: dict, opts, pick) -> int:
    goods: dict[str, int] = {}
    total = 0
    for i, k in enumerate(pick):
        sid, amt = opts[i][k]
        total += amt
        goods[sid] = goods.get(sid, 0) + amt
    for s in rq["sellers"]:
        if s["id"] in goods:
            fo = s.get("free_over")
            if fo is None or goods[s["id"]] < cents(fo):
                total += cents(s["shipping"])
    return total


def brute_force(rq: dict, opts) -> tuple[int, tuple[int, ...]]:
    best = None
    for pick in itertools.product(*[range(len(o)) for o in opts]):  # lexicographic order
        c = cost(rq, opts, pick)
        if best is None or c < best[0]:
            best = (c, pick)
    return best


def milp_optimum(rq: dict, opts) -> int:
    """min Σ a·x + Σ c·u  s.t.  Σ_k x_ik = 1;  x_ik ≤ u_s + f_s (s the offer's seller);
    Σ_{offers at s} a·x ≥ F_s·f_s;  x, u, f binary (f_s = 0 without free_over)."""
    import numpy as np
    from scipy.optimize import Bounds, LinearConstraint, milp

    sid = {s["id"]: n for n, s in enumerate(rq["sellers"])}
    n_s = len(sid)
    flat = [(i, k, sid[s], a) for i, o in enumerate(opts) for k, (s, a) in enumerate(o)]
    nx = len(flat)
    nv = nx + 2 * n_s  # x…, u_s…, f_s…
    cvec = np.zeros(nv)
    for j, (_, _, _, a) in enumerate(flat):
        cvec[j] = a
    for s in rq["sellers"]:
        cvec[nx + sid[s["id"]]] = cents(s["shipping"])
    rows, lo, hi = [], [], []
    for i in range(len(opts)):
        r = np.zeros(nv)
        for j, f in enumerate(flat):
            if f[0] == i:
                r[j] = 1
        rows.append(r), lo.append(1), hi.append(1)
    for j, (_, _, s, _) in enumerate(flat):
        r = np.zeros(nv)
        r[j], r[nx + s], r[nx + n_s + s] = 1, -1, -1
        rows.append(r), lo.append(-np.inf), hi.append(0)
    upper = np.ones(nv)
    for s in rq["sellers"]:
        n = sid[s["id"]]
        if "free_over" not in s:
            upper[nx + n_s + n] = 0
            continue
        r = np.zeros(nv)
        for j, f in enumerate(flat):
            if f[2] == n:
                r[j] = f[3]
        r[nx + n_s + n] = -cents(s["free_over"])
        rows.append(r), lo.append(0), hi.append(np.inf)
    res = milp(cvec, constraints=LinearConstraint(np.array(rows), lo, hi),
               integrality=np.ones(nv), bounds=Bounds(np.zeros(nv), upper),
               options={"mip_rel_gap": 0, "presolve": True})
    if not res.success:
        raise RuntimeError(f"milp failed: {res.message}")
    return int(round(res.fun))


def run_driver(driver: str, requests: list[dict]) -> list[dict]:
    rb = json.dumps(json.load(open(RULEBOOK, encoding="utf-8")), separators=(",", ":"))
    text = "".join(rb + "\t" + json.dumps(rq, separators=(",", ":")) + "\n" for rq in requests)
    out = subprocess.run([driver, "--pairs"], input=text.encode(), capture_output=True,
                         check=True).stdout.decode().splitlines()
    assert len(out) == len(requests), "driver gave fewer lines than requests"
    return [json.loads(line) for line in out]


def check(driver: str, requests: list[dict], expect, label: str) -> int:
    t0 = time.perf_counter()
    quotes = run_driver(driver, requests)
    t_driver = time.perf_counter() - t0
    failures = 0
    for n, (rq, q) in enumerate(zip(requests, quotes)):
        if "items" not in q:
            print(f"{label} #{n}: driver error {json.dumps(q)[:300]}")
            failures += 1
            continue
        opts = options(rq)
        pick = tuple(it["offer"] for it in q["items"])
        got = cost(rq, opts, pick)
        warn = [w["code"] for w in q.get("warnings", [])]
        problem = expect(rq, opts, pick, got)
        if "OFFER_CHOICE_UNPROVEN" in warn:
            problem = (problem or "") + " unproven warning"
        if problem:
            failures += 1
            if failures <= 10:
                print(f"{label} #{n}: {problem}\n  request: {json.dumps(rq)[:2000]}")
    print(f"{label}: {len(requests)} carts, {failures} failed "
          f"(driver {t_driver:.1f} s, total {time.perf_counter() - t0:.1f} s)")
    return failures


def main() -> int:
    global RULEBOOK
    ap = argparse.ArgumentParser()
    ap.add_argument("driver")
    ap.add_argument("--brute", type=int, default=10_000)
    ap.add_argument("--milp", type=int, default=1_000)
    ap.add_argument("--seed", type=int, default=20261125)
    ap.add_argument("--rulebook", default=RULEBOOK, help="default: the fixture-a test rulebook")
    a = ap.parse_args()
    RULEBOOK = a.rulebook
    rng = random.Random(a.seed)

    small = []
    while len(small) < a.brute:
        rq = make_cart(rng, rng.randint(1, 8), rng.randint(1, 5), 4,
                       rng.choice([None, [1000, 1050, 1200], [500, 700, 800, 1000, 1500]]),
                       rng.choice([0.0, 0.5, 1.0]))
        if len(list(itertools.islice(itertools.product(*[it["offers"] for it in rq["items"]]),
                                     1025))) <= 1024:
            small.append(rq)

    def vs_brute(rq, opts, pick, got):
        best_cost, best_pick = brute_force(rq, opts)
        if (got, pick) != (best_cost, best_pick):
            return f"chose {pick} at {money(got)}, brute force {best_pick} at {money(best_cost)}"
        return None

    failures = check(a.driver, small, vs_brute, "brute force")

    large = [make_cart(rng, rng.randint(5, 50), rng.randint(2, 12), rng.randint(2, 6), None,
                       rng.choice([0.5, 0.8, 1.0])) for _ in range(a.milp)]

    def vs_milp(rq, opts, pick, got):
        best = milp_optimum(rq, opts)
        return None if got == best else f"chose {pick} at {money(got)}, MILP {money(best)}"

    failures += check(a.driver, large, vs_milp, "MILP")
    failures += check_unproven(a.driver, wide_cart(rng))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
