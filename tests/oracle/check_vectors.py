#!/usr/bin/env python3
"""Check the golden vectors (C++ output) against the Python oracle.

    python3 tests/oracle/check_vectors.py [CASE-SUBSTRING ...]

For every tests/vectors/cases/NNN-name.json, runs oracle.compute(rulebook, request) and
compares it with tests/vectors/expected/NNN-name.json (the canonical output of the C++
engine, written by tests/vectors/update.py):

- errors: the code and the path must match (and both sides must be errors);
- quotes: every figure the oracle computes must equal the expected quote's (chosen offers,
  line amounts, seller shipping, goods and fees, parcel, every option, the selection,
  customs values per line, duty, taxes, the thresholds evaluated and which fired, who
  collects, every charge, total, due on delivery, warning codes); and the fingerprint
  must be the SHA-256 of the expected JSON without its trailing `,"fingerprint":"…"`
  (with a `}` appended).

Prints every mismatch as `CASE: FIELD: oracle=… c++=…` and ends with the line
`N passed, M failed`; exits 1 when any case failed. Stdlib only.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import sys
from fractions import Fraction

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import oracle  # noqa: E402

VECTORS = os.path.join(HERE, "..", "vectors")
CASES = os.path.join(VECTORS, "cases")
EXPECTED = os.path.join(VECTORS, "expected")
RULEBOOKS = os.path.join(VECTORS, "rulebooks")

_FP_RE = re.compile(r',"fingerprint":"([^"]*)"\}$')


def _rate(s):
    """A rate string as an exact Fraction ('0.19', '22/78'), for format-independent
    comparison of ratios."""
    if s is None:
        return None
    return oracle.parse_rate(s)


def _by_code(charges, code):
    return next((c for c in charges if c["code"] == code), None)


# ----------------------------------------------------------------- canonical views
# Both sides are flattened to {field path: value} with the same paths; only fields the
# oracle computes are produced.

def view_oracle(o: dict) -> dict:
    v: dict = {}
    v["at"] = o["at"]
    v["expires_at"] = o["expires_at"]
    v["currency"] = o["currency"]
    v["destination.currency"] = o["destination_currency"]
    v["items.count"] = len(o["items"])
    for i, it in enumerate(o["items"]):
        for k in ("id", "offer", "seller", "unit_price", "amount"):
            v[f"items[{i}].{k}"] = it[k]
    v["sellers"] = dict(sorted(o["sellers"].items()))
    v["excluded"] = None if "excluded" not in o else \
        [(e["item"], e["code"], e["path"]) for e in o["excluded"]]
    v["goods"] = o["goods"]
    v["seller_shipping"] = o["seller_shipping"]
    v["service_fee"] = o["service_fee"]
    v["warehouse_handling"] = o["warehouse_handling"]
    v["warehouse_consolidation"] = o["warehouse_consolidation"]
    v["parcel.actual_g"] = o["parcel"]["actual_g"]
    v["parcel.dimensions_cm"] = list(o["parcel"]["dimensions_cm"])
    v["options.count"] = len(o["options"])
    for k, op in enumerate(o["options"]):
        p = f"options[{k}]"
        v[p + ".line"] = op["line"]
        v[p + ".eligible"] = op["eligible"]
        if not op["eligible"]:
            v[p + ".reason"] = op["reason"]
            continue  # [A8] the canonical quote shows no weights for ineligible lines
        v[p + ".volumetric_g"] = op["volumetric_g"]
        v[p + ".chargeable_g"] = op["chargeable_g"]
        v[p + ".freight"] = op["freight"]
        v[p + ".surcharges"] = [(s["code"], s["amount"]) for s in op["surcharges"]]
        v[p + ".insurance"] = op["insurance"]
        v[p + ".total"] = op["total"]
        v[p + ".price"] = op["price"]
        v[p + ".checkout_total"] = op["checkout_total"]
        v[p + ".due_on_delivery"] = (op["due_on_delivery"], o["destination_currency"])
        v[p + ".landed_total"] = op["landed_total"]
        for e in ("dispatch", "earliest", "latest"):
            v[f"{p}.eta.{e}"] = op["eta"][e]
    v["selected"] = o["selected"]
    c = o["customs"]
    v["customs.basis"] = c["basis"]
    v["customs.goods_value"] = c["goods_value"]
    v["customs.customs_value"] = c["customs_value"]
    v["customs.lines.count"] = len(c["lines"])
    for i, ln in enumerate(c["lines"]):
        v[f"customs.lines[{i}].item"] = ln["item"]
        for k in ("goods", "seller_shipping", "freight", "insurance", "fees",
                  "customs_value", "duty"):
            v[f"customs.lines[{i}].{k}"] = ln[k]
    v["customs.duty.amount"] = c["duty"]
    v["customs.duty.rule"] = c["duty_rule"]["rule"]
    v["customs.duty.id"] = c["duty_rule"]["id"]
    v["customs.thresholds"] = [
        (t["id"], t["applies_to"], t["basis"], t["value"], t["max"], t["currency"],
         t["fired"], t.get("parcel")) for t in c["thresholds"]]
    v["customs.taxes.count"] = len(c["taxes"])
    for t, tx in enumerate(c["taxes"]):
        p = f"customs.taxes[{t}]"
        for k in ("id", "code", "amount", "of", "exempt_by"):
            v[f"{p}.{k}"] = tx[k]
        v[p + ".groups"] = [(_rate(g["rate"]), g["base"], g["amount"]) for g in tx["groups"]]
    v["customs.collect"] = c["collect"]
    v["customs.regime"] = c["regime"]
    v["customs.assessment"] = c.get("assessment")
    _charges(v, o["charges"])
    _parcels(v, o.get("parcels"))
    v["landed_total"] = o.get("landed_total")
    v["total"] = o["total"]
    v["due_on_delivery.amount"] = o["due_on_delivery"]
    v["due_on_delivery.currency"] = o["destination_currency"]
    v["warnings"] = list(o["warnings"])
    v["fx.markup"] = _rate(o["fx"]["markup"])
    return v


def _charges(v: dict, charges: list) -> None:
    v["charges.codes"] = [c["code"] for c in charges]
    for k, ch in enumerate(charges):
        for f in ("code", "collect", "amount", "currency", "source_amount",
                  "source_currency"):
            v[f"charges[{k}].{f}"] = ch[f]
        v[f"charges[{k}].parcel"] = ch.get("parcel")


PARCEL_FIELDS = ("actual_g", "dimensions_cm", "goods", "line", "name", "mode", "ddp",
                 "volumetric_g", "chargeable_g", "freight", "insurance", "total",
                 "consolidation", "price", "duty", "collect")


def _parcels(v: dict, parcels) -> None:
    """Every figure of every parcel of a split quote (docs/parcels.md "Output")."""
    v["parcels.count"] = None if parcels is None else len(parcels)
    for p, pc in enumerate(parcels or []):
        k = f"parcels[{p}]"
        v[k + ".items"] = [(it["id"], it["quantity"]) for it in pc["items"]]
        for f in PARCEL_FIELDS:
            v[f"{k}.{f}"] = pc.get(f, "<absent>")
        v[k + ".surcharges"] = [(s["code"], s["amount"]) for s in pc.get("surcharges", [])]
        v[k + ".taxes"] = [(t["code"], t["amount"]) for t in pc.get("taxes", [])]
        v[k + ".transit_days"] = (pc["transit_days"]["min"], pc["transit_days"]["max"])
        for e in ("dispatch", "earliest", "latest"):
            v[f"{k}.eta.{e}"] = pc["eta"][e]


PARCEL_KEYS = ["items", "actual_g", "dimensions_cm", "goods", "line", "name", "mode", "ddp",
               "volumetric_g", "chargeable_g", "freight", "surcharges", "insurance", "total",
               "consolidation", "price", "duty", "taxes", "collect", "transit_days", "eta"]


def check_layout(q: dict) -> list[tuple[str, str, str]]:
    """docs/parcels.md "Output": a split quote has `parcels` right after `options`, no
    `selected`, `landed_total` right after `due_on_delivery`, `customs.assessment`, and
    each parcel's keys in the documented order; a one-parcel quote has none of these
    (same bytes as before splitting existed), and no charge or threshold carries a
    `parcel`."""
    out = []
    keys = list(q)
    split = "parcels" in q

    def after(a, b):
        return a in keys and b in keys and keys.index(a) == keys.index(b) + 1

    if split:
        if "selected" in q:
            out.append(("layout: selected", "absent in a split quote", "present"))
        if not after("parcels", "options"):
            out.append(("layout: parcels", "right after options", str(keys)))
        if not after("landed_total", "due_on_delivery"):
            out.append(("layout: landed_total", "right after due_on_delivery", str(keys)))
        if q["customs"].get("assessment") not in ("together", "separately"):
            out.append(("layout: customs.assessment", "together|separately",
                        str(q["customs"].get("assessment"))))
        for p, pc in enumerate(q["parcels"]):
            if list(pc) != PARCEL_KEYS:
                out.append((f"layout: parcels[{p}] keys", str(PARCEL_KEYS), str(list(pc))))
    else:
        for k in ("landed_total",):
            if k in q:
                out.append((f"layout: {k}", "absent in a one-parcel quote", "present"))
        if "assessment" in q["customs"]:
            out.append(("layout: customs.assessment", "absent in a one-parcel quote",
                        "present"))
        if any("parcel" in c for c in q["charges"]) or \
                any("parcel" in t for t in q["customs"]["thresholds"]):
            out.append(("layout: parcel indexes", "absent in a one-parcel quote", "present"))
    return out


def check_sums(q: dict) -> list[tuple[str, str, str]]:
    """The expected quote's totals add up exactly: total = Σ checkout charges, due on
    delivery = Σ delivery charges; for split quotes also each parcel's price = Σ of its
    consolidation, freight, surcharge and insurance charges, the parcels' duty and taxes
    = the customs duty and taxes, and Σ parcel goods = goods."""
    out = []

    def units(s):
        return Fraction(s)

    ch = q["charges"]
    tot = sum((units(c["amount"]) for c in ch if c["collect"] == "checkout"), Fraction(0))
    due = sum((units(c["amount"]) for c in ch if c["collect"] == "delivery"), Fraction(0))
    if tot != units(q["total"]):
        out.append(("sum(checkout charges) = total", _show(str(tot)), q["total"]))
    if due != units(q["due_on_delivery"]["amount"]):
        out.append(("sum(delivery charges) = due_on_delivery", _show(str(due)),
                    q["due_on_delivery"]["amount"]))
    parcels = q.get("parcels")
    if not parcels:
        return out
    g = _by_code(ch, "GOODS")
    if sum((units(pc["goods"]) for pc in parcels), Fraction(0)) != units(g["source_amount"]):
        out.append(("sum(parcels[].goods) = GOODS", "equal", "differs"))
    duty = sum((units(pc["duty"]) for pc in parcels), Fraction(0))
    if duty != units(q["customs"]["duty"]["amount"]):
        out.append(("sum(parcels[].duty) = customs.duty", str(duty),
                    q["customs"]["duty"]["amount"]))
    for tx in q["customs"]["taxes"]:
        st = sum((units(t["amount"]) for pc in parcels for t in pc["taxes"]
                  if t["code"] == tx["code"]), Fraction(0))
        if st != units(tx["amount"]):
            out.append((f"sum(parcels[].taxes {tx['code']}) = customs tax", str(st),
                        tx["amount"]))
    priced = ("WAREHOUSE_CONSOLIDATION", "FREIGHT", "INSURANCE")
    for p, pc in enumerate(parcels):
        sur = {s["code"] for s in pc["surcharges"]}
        s_ = sum((units(c["amount"]) for c in ch if c.get("parcel") == p and
                  (c["code"] in priced or c["code"] in sur)), Fraction(0))
        if s_ != units(pc["price"]):
            out.append((f"parcels[{p}].price = sum of its charges", str(s_), pc["price"]))
    return out


def view_cpp(q: dict) -> dict:
    v: dict = {}
    v["at"] = q["at"]
    v["expires_at"] = q["expires_at"]
    v["currency"] = q["currency"]
    v["destination.currency"] = q["destination"]["currency"]
    v["items.count"] = len(q["items"])
    for i, it in enumerate(q["items"]):
        for k in ("id", "offer", "seller", "unit_price", "amount"):
            v[f"items[{i}].{k}"] = it.get(k)
    v["sellers"] = dict(sorted((s["id"], s["shipping"]) for s in q["sellers"]))
    v["excluded"] = None if "excluded" not in q else \
        [(e["item"], e["code"], e["path"]) for e in q["excluded"]]
    ch = q["charges"]
    for field, code in (("goods", "GOODS"), ("seller_shipping", "SELLER_SHIPPING"),
                        ("service_fee", "SERVICE_FEE"),
                        ("warehouse_handling", "WAREHOUSE_HANDLING"),
                        ("warehouse_consolidation", "WAREHOUSE_CONSOLIDATION")):
        c = _by_code(ch, code)
        v[field] = None if c is None else c["source_amount"]
    v["parcel.actual_g"] = q["parcel"]["actual_g"]
    v["parcel.dimensions_cm"] = list(q["parcel"]["dimensions_cm"])
    v["options.count"] = len(q["options"])
    for k, op in enumerate(q["options"]):
        p = f"options[{k}]"
        v[p + ".line"] = op["line"]
        v[p + ".eligible"] = op["eligible"]
        if not op["eligible"]:
            v[p + ".reason"] = op.get("reason")
            continue
        v[p + ".volumetric_g"] = op.get("volumetric_g")
        v[p + ".chargeable_g"] = op.get("chargeable_g")
        v[p + ".freight"] = op.get("freight")
        v[p + ".surcharges"] = [(s["code"], s["amount"]) for s in op.get("surcharges", [])]
        v[p + ".insurance"] = op.get("insurance")
        v[p + ".total"] = op.get("total")
        v[p + ".price"] = op.get("price")
        v[p + ".checkout_total"] = op.get("checkout_total")
        due = op.get("due_on_delivery") or {}
        v[p + ".due_on_delivery"] = (due.get("amount"), due.get("currency"))
        v[p + ".landed_total"] = op.get("landed_total")
        for e in ("dispatch", "earliest", "latest"):
            v[f"{p}.eta.{e}"] = op.get("eta", {}).get(e)
    v["selected"] = q.get("selected")  # absent when the quote splits
    c = q["customs"]
    v["customs.basis"] = c["valuation"]["basis"]
    v["customs.goods_value"] = c["goods_value"]
    v["customs.customs_value"] = c["customs_value"]
    v["customs.lines.count"] = len(c["lines"])
    for i, ln in enumerate(c["lines"]):
        for k in ("item", "goods", "seller_shipping", "freight", "insurance", "fees",
                  "customs_value", "duty"):
            v[f"customs.lines[{i}].{k}"] = ln.get(k)
    v["customs.duty.amount"] = c["duty"]["amount"]
    v["customs.duty.rule"] = c["duty"]["rule"]
    v["customs.duty.id"] = c["duty"]["id"]
    v["customs.thresholds"] = [
        (t["id"], t["applies_to"], t["basis"], t["value"], t["max"], t["currency"],
         t["fired"], t.get("parcel")) for t in c["thresholds"]]
    v["customs.taxes.count"] = len(c["taxes"])
    for t, tx in enumerate(c["taxes"]):
        p = f"customs.taxes[{t}]"
        for k in ("id", "code", "amount", "of", "exempt_by"):
            v[f"{p}.{k}"] = tx.get(k)
        v[p + ".groups"] = [(_rate(g["rate"]), g["base"], g["amount"])
                            for g in tx.get("groups", [])]
    v["customs.collect"] = c["collect"]
    v["customs.regime"] = c["regime"]
    v["customs.assessment"] = c.get("assessment")
    _charges(v, ch)
    _parcels(v, q.get("parcels"))
    v["landed_total"] = q.get("landed_total")
    v["total"] = q["total"]
    v["due_on_delivery.amount"] = q["due_on_delivery"]["amount"]
    v["due_on_delivery.currency"] = q["due_on_delivery"]["currency"]
    v["warnings"] = [w["code"] for w in q["warnings"]]
    v["fx.markup"] = _rate(q["fx"]["markup"])
    return v


# ----------------------------------------------------------------- checking

def _show(x) -> str:
    if isinstance(x, Fraction):
        return oracle._fmt_rate(x)
    if isinstance(x, list):
        return "[" + ", ".join(_show(e) for e in x) + "]"
    if isinstance(x, tuple):
        return "(" + ", ".join(_show(e) for e in x) + ")"
    return json.dumps(x, ensure_ascii=False) if not isinstance(x, dict) else \
        json.dumps(x, ensure_ascii=False, sort_keys=True)


def check_fingerprint(text: str) -> list[tuple[str, str, str]]:
    m = _FP_RE.search(text)
    if not m:
        return [("fingerprint", "a trailing \"fingerprint\" member", "none found")]
    body = text[:m.start()] + "}"
    want = "sha256:" + hashlib.sha256(body.encode("utf-8")).hexdigest()
    if m.group(1) != want:
        return [("fingerprint (sha256 recomputed from the expected bytes vs the field)",
                 want, m.group(1))]
    return []


def check_case(name: str) -> list[tuple[str, str, str]]:
    """Mismatches of one case as (field, oracle value, C++ value)."""
    with open(os.path.join(CASES, name), encoding="utf-8") as f:
        case = json.load(f)
    with open(os.path.join(RULEBOOKS, case["rulebook"] + ".json"), encoding="utf-8") as f:
        rulebook = json.load(f)
    exp_path = os.path.join(EXPECTED, name)
    if not os.path.exists(exp_path):
        return [("expected file", "present", "missing (run tests/vectors/update.py)")]
    with open(exp_path, "rb") as f:
        raw = f.read()
    text = raw.decode("utf-8")
    if text.endswith("\n"):
        return [("expected file", "no trailing newline", "trailing newline")]
    expected = json.loads(text)
    got = oracle.compute(rulebook, case["request"])

    if "error" in got or "error" in expected:
        if "error" not in expected:
            return [("error", f"{got['error']['code']} at {got['error']['path']}",
                     "a quote")]
        if "error" not in got:
            e = expected["error"]
            return [("error", "a quote", f"{e['code']} at {e.get('path')}")]
        out = []
        for k in ("code", "path"):
            if got["error"][k] != expected["error"].get(k):
                out.append((f"error.{k}", _show(got["error"][k]),
                            _show(expected["error"].get(k))))
        return out

    out = check_fingerprint(text) + check_sums(expected) + check_layout(expected)
    vo, vc = view_oracle(got), view_cpp(expected)
    for key, ov in vo.items():
        cv = vc.get(key, "<absent>")
        if ov != cv:
            out.append((key, _show(ov), _show(cv)))
    return out


def main(argv: list[str]) -> int:
    names = sorted(n for n in os.listdir(CASES) if n.endswith(".json"))
    if argv:
        names = [n for n in names if any(a in n for a in argv)]
    passed = failed = 0
    for name in names:
        try:
            mism = check_case(name)
        except Exception as e:  # an oracle crash is a failure of that case, not of the run
            mism = [("exception", f"{type(e).__name__}: {e}", "-")]
        if mism:
            failed += 1
            for field, ov, cv in mism:
                print(f"{name}: {field}: oracle={ov} c++={cv}")
        else:
            passed += 1
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
