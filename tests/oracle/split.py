"""Parcel splitting in the oracle (docs/parcels.md), written from the contract only,
never from core/src/split_*.cpp. Stdlib only, exact Fractions.

The best split is found by brute force: every way to give each item's units to at
most `max_parcels` labelled parcels is enumerated, empty parcels are dropped and the
parcels sorted into parcel order (contents vectors, greatest first), which identifies
the splits that differ only by the order of parcels or by swapping identical units;
each distinct split of 2 … max_parcels parcels is then landed in full and the least
(landed_total, total, parcel count, greater contents list) wins. Readings of unclear
text are tagged [S<n>] and listed in AMBIGUITIES.md.
"""

from __future__ import annotations

import itertools
from fractions import Fraction

from oracle import (assess, book, book_delivery_fees, largest_remainder, parcel_size,
                    price_lines, settle_charges)

ENUMERATION_LIMIT = 200_000  # labelled assignments the oracle will enumerate


def compositions(q: int, k: int):
    """Every way to put q identical units into k labelled boxes (boxes may be empty)."""
    if k == 1:
        yield (q,)
        return
    for first in range(q, -1, -1):
        for rest in compositions(q - first, k - 1):
            yield (first,) + rest


def canonical(labelled) -> tuple:
    """Parcel order: drop empty parcels, sort contents vectors greatest first."""
    return tuple(sorted((c for c in labelled if any(c)), reverse=True))


def enumerate_splits(qty: list[int], max_parcels: int) -> list[tuple]:
    """Every split of a cart with qty[i] units of item i into 2 … max_parcels non-empty
    parcels, each exactly once, as a tuple of contents vectors in parcel order. Sorted
    for determinism (greatest first)."""
    if max_parcels < 2:
        return []
    k = max_parcels
    per_item = [list(compositions(q, k)) for q in qty]
    n = 1
    for p in per_item:
        n *= len(p)
    if n > ENUMERATION_LIMIT:
        raise ValueError(f"oracle: {n} labelled splits exceed its enumeration limit "
                         f"({ENUMERATION_LIMIT}); keep split carts small")
    seen = set()
    for combo in itertools.product(*per_item):
        # combo[i][p] = units of item i in parcel p → contents vector of parcel p
        labelled = [tuple(combo[i][p] for i in range(len(qty))) for p in range(k)]
        c = canonical(labelled)
        if len(c) >= 2:
            seen.add(c)
    return sorted(seen, reverse=True)


def _lr_units(total: Fraction, quantum: Fraction, weights: list[int]) -> list[Fraction]:
    """Largest remainder of `total` (a multiple of quantum) over integer weights, ties to
    the earlier share."""
    return [u * quantum for u in largest_remainder(int(total / quantum), weights)]


def land_split(ctx, split: tuple, line_id: str | None) -> dict | None:
    """Land one split in full (docs/parcels.md): None when some parcel has no usable line
    (then it is not a split), else the landed figures, customs, charges and parcels."""
    n_items = len(ctx.items)
    k = len(split)
    B, D, mB, mD = ctx.B, ctx.D, ctx.mB, ctx.mD
    # Goods: each item's settled line amount over the parcels by units (LR, B minor units,
    # ties to the earlier parcel).
    share = [[Fraction(0)] * n_items for _ in range(k)]
    for i in range(n_items):
        parts = _lr_units(ctx.line_amounts[i], mB, [split[p][i] for p in range(k)])
        for p in range(k):
            share[p][i] = parts[p]
    goods = [sum(share[p], Fraction(0)) for p in range(k)]
    goods_units = [int(g / mB) for g in goods]

    parcels = []
    for p in range(k):
        size = parcel_size(ctx, list(split[p]))
        opts = price_lines(ctx, size, goods[p])
        if line_id is not None:
            sel = next((o for o in opts if o.id == line_id), None)
            if sel is None or not sel.eligible:
                return None
        else:
            elig = [o for o in opts if o.eligible]
            if not elig:
                return None
            sel = min(elig, key=lambda o: o.price)  # ties: rulebook order (first kept)
        parcels.append({"contents": split[p], "size": size, "goods": goods[p],
                        "share": share[p], "opt": sel})

    assessment = ctx.dest.get("parcels", "together")
    duty_p: list[Fraction] = []
    taxes_p: list[list[tuple[str, Fraction]]] = []
    collect_p: list[str] = []
    if assessment == "together":
        clines = [(i, ctx.line_amounts[i], it["quantity"]) for i, it in enumerate(ctx.items)]
        freight_B = sum((pc["opt"].freight + sum((a for _, a in pc["opt"].surcharges),
                                                 Fraction(0)) for pc in parcels), Fraction(0))
        ins_B = sum((pc["opt"].insurance or Fraction(0) for pc in parcels), Fraction(0))
        fees_B = ctx.service_fee + ctx.handling + k * ctx.consolidation
        attrs = set()
        for pc in parcels:
            attrs |= pc["size"]["attrs"]
        modes = {pc["opt"].line["mode"] for pc in parcels}
        all_ddp = all(pc["opt"].line.get("ddp", False) for pc in parcels)
        customs = assess(ctx, clines, ctx.seller_shipping, freight_B, ins_B, fees_B, modes,
                         attrs, all_ddp)
        # Duty and each tax over the parcels by parcel goods (LR in D minor units, ties to
        # the earlier parcel). [S1] weights: parcel goods in base minor units.
        duty_p = _lr_units(customs["duty"], mD, goods_units)
        tax_shares = [_lr_units(t["amount"], mD, goods_units) for t in customs["taxes"]]
        taxes_p = [[(t["code"], tax_shares[j][p]) for j, t in enumerate(customs["taxes"])]
                   for p in range(k)]
        for pc in parcels:
            if customs["regime"] is not None:
                collect_p.append("checkout")
            else:  # no regime: a DDP parcel's share still goes at checkout
                collect_p.append("checkout" if pc["opt"].line.get("ddp", False)
                                 else "delivery")
        customs["assessment"] = "together"
        for ln in customs["lines"]:
            ln["parcel"] = None
    else:
        ship_sh = _lr_units(ctx.seller_shipping, mB, goods_units)
        fee_sh = _lr_units(ctx.service_fee + ctx.handling, mB, goods_units)
        per = []
        for p, pc in enumerate(parcels):
            o = pc["opt"]
            clines = [(i, pc["share"][i], pc["contents"][i]) for i in range(n_items)
                      if pc["contents"][i] > 0]
            c = assess(ctx, clines, ship_sh[p],
                       o.freight + sum((a for _, a in o.surcharges), Fraction(0)),
                       o.insurance or Fraction(0), fee_sh[p] + ctx.consolidation,
                       {o.line["mode"]}, pc["size"]["attrs"], o.line.get("ddp", False))
            per.append(c)
            duty_p.append(c["duty"])
            taxes_p.append([(t["code"], t["amount"]) for t in c["taxes"]])
            collect_p.append(c["collect"])
        customs = _fold(per)
    # ---- charges
    charges: list[dict] = []
    book(ctx, charges, "GOODS", ctx.goods, B, "checkout")
    book(ctx, charges, "SELLER_SHIPPING", ctx.seller_shipping, B, "checkout")
    book(ctx, charges, "SERVICE_FEE", ctx.service_fee, B, "checkout")
    book(ctx, charges, "WAREHOUSE_HANDLING", ctx.handling, B, "checkout")
    for p, pc in enumerate(parcels):
        o = pc["opt"]
        first = len(charges)
        book(ctx, charges, "WAREHOUSE_CONSOLIDATION", ctx.consolidation, B, "checkout", p)
        book(ctx, charges, "FREIGHT", o.freight, B, "checkout", p)
        for code, a in o.surcharges:
            book(ctx, charges, code, a, B, "checkout", p)
        if o.insurance is not None:
            book(ctx, charges, "INSURANCE", o.insurance, B, "checkout", p)
        pc["price"] = sum((c["amount"] for c in charges[first:]), Fraction(0))
        coll = collect_p[p]
        mark = len(charges)
        if duty_p[p] != 0:
            book(ctx, charges, "DUTY", duty_p[p], D, coll, p)
        for code, a in taxes_p[p]:
            if a != 0:
                book(ctx, charges, code, a, D, coll, p)
        if coll == "delivery":
            due = sum((c["amount"] for c in charges[mark:] if c["collect"] == "delivery"),
                      Fraction(0))
            book_delivery_fees(ctx, charges, o.line, due, p)
        pc["duty"], pc["taxes"], pc["collect"] = duty_p[p], taxes_p[p], coll
    res = settle_charges(ctx, charges)
    res["customs"] = customs
    res["parcels"] = parcels
    res["assessment"] = assessment
    res["split"] = split
    return res


def _fold(per: list[dict]) -> dict:
    """The quote's customs for parcels assessed separately (docs/parcels.md)."""
    lines, thresholds = [], []
    for p, c in enumerate(per):
        for ln in c["lines"]:
            lines.append(dict(ln, parcel=p))
        for t in c["thresholds"]:
            thresholds.append(dict(t, parcel=p))
    taxes = []
    for j, t0 in enumerate(per[0]["taxes"]):
        ts = [c["taxes"][j] for c in per]
        ex = {t["exempt_by"] for t in ts}
        taxes.append({"id": t0["id"], "code": t0["code"], "of": t0["of"],
                      "amount": sum((t["amount"] for t in ts), Fraction(0)),
                      "exempt_by": ex.pop() if len(ex) == 1 else None,
                      "groups": [g for t in ts for g in t["groups"]]})
    regimes = {c["regime"] for c in per}
    collects = {c["collect"] for c in per}
    return {"basis": per[0]["basis"],
            "goods_value": sum((c["goods_value"] for c in per), Fraction(0)),
            "customs_value": sum((c["customs_value"] for c in per), Fraction(0)),
            "parcel": {k: sum((c["parcel"][k] for c in per), Fraction(0))
                       for k in per[0]["parcel"]},
            "lines": lines,
            "duty": sum((c["duty"] for c in per), Fraction(0)),
            "duty_rule": "parcels", "duty_rule_id": None,
            "thresholds": thresholds, "taxes": taxes,
            "fired": [f for c in per for f in c["fired"]],
            # [S2] one regime for all parcels, else null; collect: the parcels' common
            # collect, else "delivery" (something is due on delivery)
            "regime": regimes.pop() if len(regimes) == 1 else None,
            "collect": collects.pop() if len(collects) == 1 else "delivery",
            "assessment": "separately"}


def _better(a: dict, b: dict) -> bool:
    """Is landed split a better than b (docs/parcels.md "The best split")?"""
    ka = (a["landed"], a["total"], len(a["split"]))
    kb = (b["landed"], b["total"], len(b["split"]))
    if ka != kb:
        return ka < kb
    return a["split"] > b["split"]  # the greater list of contents vectors wins


def best_split(ctx, line_id: str | None, stats: dict | None = None) -> dict | None:
    """The best split of the cart by brute force, or None when no split can go."""
    max_parcels = ctx.rb["warehouse"].get("max_parcels", 4)
    splits = enumerate_splits([it["quantity"] for it in ctx.items], max_parcels)
    best = None
    landed = 0
    for s in splits:
        r = land_split(ctx, s, line_id)
        if r is None:
            continue
        landed += 1
        if best is None or _better(r, best):
            best = r
    if stats is not None:
        stats["enumerated"] = stats.get("enumerated", 0) + len(splits)
        stats["landed"] = stats.get("landed", 0) + landed
    return best
