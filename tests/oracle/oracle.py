"""Independent reference implementation (test oracle) of the taoquote pipeline.

Written from docs/pipeline.md, docs/schema.md and the quote-semantics brief only,
never from core/src. Python 3.11, stdlib only. Every amount, rate and weight is a
fractions.Fraction; the only roundings are the settlement points of pipeline.md
(marked "point N" below). Readings of ambiguous spec text are listed in
AMBIGUITIES.md and tagged "[A<n>]" here.

Public entry point: compute(rulebook, request) -> dict (shape in README.md): either
{"error": {"code", "path", "doc", "detail"?}} or the figures of a quote, amounts as
strings with exactly the currency's minor digits. The computation builds an
internal `Quote` of exact values first and `render()` formats it, so mapping to the
canonical quote JSON later only touches `render()`.
"""

from __future__ import annotations

import datetime as _dt
import itertools
import re
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

__all__ = ["compute", "compute_quote", "render", "OracleError", "settle", "round_to",
           "parse_amount", "parse_rate", "largest_remainder", "fmt_money", "fmt_decimal",
           "MINOR_DIGITS", "MODES"]

# --------------------------------------------------------------------------- values

# ISO 4217 minor units that are not 2 (docs/currencies.md); every other code has 2.
MINOR_DIGITS = {
    **{c: 0 for c in "BIF CLP DJF GNF ISK JPY KMF KRW PYG RWF UGX UYI VND VUV XAF XOF XPF".split()},
    **{c: 3 for c in "BHD IQD JOD KWD LYD OMR TND".split()},
    **{c: 4 for c in "CLF UYW".split()},
}
DEFAULT_MINOR_DIGITS = 2

MODES = ("half_up", "half_even", "up", "down", "ceiling", "floor")

OVERFLOW_SETTLED = Fraction(10) ** 15

_AMOUNT_RE = re.compile(r"^-?(0|[1-9][0-9]*)(\.[0-9]+)?$")
_INSTANT_RE = re.compile(
    r"^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d{1,3})?(Z|[+-]\d{2}:\d{2})$")


class OracleError(Exception):
    """A pipeline error value: stable code, JSON Pointer, which document, detail."""

    def __init__(self, code: str, path: str, doc: str, detail: Any = None):
        super().__init__(f"{code} at {doc}:{path}")
        self.code, self.path, self.doc, self.detail = code, path, doc, detail

    def as_dict(self) -> dict:
        d = {"code": self.code, "path": self.path, "doc": self.doc}
        if self.detail is not None:
            d["detail"] = self.detail
        return d


def parse_amount(s: str) -> Fraction:
    if not isinstance(s, str) or not _AMOUNT_RE.match(s):
        raise ValueError(f"not an amount string: {s!r}")
    return Fraction(s)  # Fraction parses decimal strings exactly


def parse_rate(s: str) -> Fraction:
    if not isinstance(s, str):
        raise ValueError(f"not a rate string: {s!r}")
    if "/" in s:
        p, q = s.split("/", 1)
        return parse_amount(p) / parse_amount(q)
    return parse_amount(s)


def minor_digits(ccy: str) -> int:
    return MINOR_DIGITS.get(ccy, DEFAULT_MINOR_DIGITS)


def minor_quantum(ccy: str) -> Fraction:
    return Fraction(1, 10 ** minor_digits(ccy))


def _round_int(x: Fraction, mode: str) -> int:
    """Round a Fraction to an integer with one of the six modes."""
    fl = x.numerator // x.denominator  # floor
    frac = x - fl
    if frac == 0:
        return fl
    ce = fl + 1
    if mode == "floor":
        return fl
    if mode == "ceiling":
        return ce
    if mode == "down":  # toward zero
        return fl if x > 0 else ce
    if mode == "up":  # away from zero
        return ce if x > 0 else fl
    half = Fraction(1, 2)
    if frac < half:
        return fl
    if frac > half:
        return ce
    if mode == "half_up":  # tie: away from zero
        return ce if x > 0 else fl
    if mode == "half_even":
        return fl if fl % 2 == 0 else ce
    raise ValueError(f"unknown rounding mode {mode!r}")


def round_to(x: Fraction, quantum: Fraction, mode: str) -> Fraction:
    """Round x once to a multiple of quantum with mode (no overflow check)."""
    if quantum <= 0:
        raise ValueError("quantum must be > 0")
    return _round_int(Fraction(x) / quantum, mode) * quantum


def settle(x: Fraction, quantum: Fraction, mode: str) -> Fraction:
    """A settlement point: round once, then check the settled-amount limit."""
    v = round_to(x, quantum, mode)
    if abs(v) >= OVERFLOW_SETTLED:
        raise OracleError("OVERFLOW", "", "request")
    return v


def fmt_decimal(x: Fraction, digits: int | None = None) -> str:
    """Plain decimal string. With `digits`: exactly that many fraction digits when x is
    a multiple of 10^-digits, else as many as x needs. Without: trailing zeros trimmed
    (decision 15). x must be a terminating decimal."""
    x = Fraction(x)
    neg = x < 0
    a = -x if neg else x
    need = 0
    while (a * 10 ** need).denominator != 1:
        need += 1
        if need > 60:
            raise ValueError(f"{x} is not a terminating decimal")
    n = need if digits is None else max(need, digits)
    scaled = int(a * 10 ** n)
    s = str(scaled).rjust(n + 1, "0")
    out = s[:-n] + "." + s[-n:] if n else s
    return ("-" if neg and scaled else "") + out


def fmt_money(x: Fraction, ccy: str) -> str:
    return fmt_decimal(x, minor_digits(ccy))


def parse_instant(s: str) -> _dt.datetime:
    m = _INSTANT_RE.match(s)
    if not m:
        raise ValueError(f"not an instant: {s!r}")
    y, mo, d, h, mi, se = (int(m.group(i)) for i in range(1, 7))
    ms = int((m.group(7) or ".0")[1:].ljust(3, "0"))
    tz = m.group(8)
    if tz == "Z":
        off = _dt.timedelta(0)
    else:
        sign = 1 if tz[0] == "+" else -1
        off = sign * _dt.timedelta(hours=int(tz[1:3]), minutes=int(tz[4:6]))
    local = _dt.datetime(y, mo, d, h, mi, se, ms * 1000, tzinfo=_dt.timezone(off))
    return local.astimezone(_dt.timezone.utc)


def fmt_instant(t: _dt.datetime) -> str:
    t = t.astimezone(_dt.timezone.utc)
    s = t.strftime("%Y-%m-%dT%H:%M:%S")
    if t.microsecond:
        s += "." + f"{t.microsecond // 1000:03d}"
    return s + "Z"


def in_force(obj: dict, at: _dt.datetime) -> bool:
    vf, vt = obj.get("valid_from"), obj.get("valid_to")
    if vf is not None and not parse_instant(vf) <= at:
        return False
    if vt is not None and not at < parse_instant(vt):
        return False
    return True


def largest_remainder(total_units: int, weights: list[int]) -> list[int]:
    """Split total_units (integer minor units, ≥ 0) in proportion to integer weights.
    Remainder ties go to the earlier line; all-zero weights mean equal weights."""
    n = len(weights)
    if n == 0:
        return []
    if sum(weights) == 0:
        weights = [1] * n
    W = sum(weights)
    exact = [Fraction(total_units * w, W) for w in weights]
    floors = [e.numerator // e.denominator for e in exact]
    rest = total_units - sum(floors)
    order = sorted(range(n), key=lambda i: (-(exact[i] - floors[i]), i))
    for i in order[:rest]:
        floors[i] += 1
    return floors


# --------------------------------------------------------------------------- model

@dataclass
class Option:
    line: dict
    id: str
    eligible: bool
    reason: str | None
    volumetric_g: int
    chargeable_g: int
    freight: Fraction | None = None
    surcharges: list[tuple[str, Fraction]] = field(default_factory=list)
    insurance: Fraction | None = None
    total: Fraction | None = None
    eta: dict | None = None
    price: Fraction | None = None  # S: Σ of the settled FREIGHT, surcharge, INSURANCE charges
    landed: dict | None = None  # land(): customs, charges, total, due, landed, warnings


@dataclass
class Quote:
    B: str
    D: str
    S: str
    at: _dt.datetime
    expires_at: _dt.datetime
    items: list[dict]
    goods: Fraction
    seller_shipping: Fraction
    service_fee: Fraction
    warehouse_handling: Fraction
    warehouse_consolidation: Fraction
    parcel: dict
    options: list[Option]
    selected: Option
    customs: dict
    charges: list[dict]
    total: Fraction
    due_on_delivery: Fraction
    warnings: list[str]
    fx: dict
    sellers: dict = field(default_factory=dict)  # seller id -> settled shipping (B)
    excluded: list | None = None  # partial quotes: [{"item", "code", "path"}]
    parcels: list | None = None  # split quotes (docs/parcels.md): per-parcel figures
    landed_total: Fraction | None = None  # split quotes: total + due at mid (point 14)
    assessment: str | None = None  # split quotes: "together" | "separately"


# --------------------------------------------------------------------------- FX

def build_rates(rb: dict) -> dict[str, Fraction]:
    """rate[X] = units of base currency per 1 X, rate[B] = 1 exactly."""
    fx = rb["fx"]
    B = rb["base_currency"]
    scale = rb.get("rate_scale", 12)
    q_scale = Fraction(1, 10 ** scale)
    Q = fx.get("quoted_in", B)
    rates: dict[str, Fraction] = {B: Fraction(1)}
    if Q == B:
        for c, s in fx["rates"].items():
            if c != B:  # [A3] rate[B] = 1 whatever the table says
                rates[c] = parse_amount(s)
    else:
        per_q = {c: parse_amount(s) for c, s in fx["rates"].items()}
        b_per_q = per_q[B]
        rates[Q] = round_to(b_per_q, q_scale, "half_even")  # [A2]
        for c, v in per_q.items():
            if c in (B, Q):
                continue
            rates[c] = round_to(b_per_q / v, q_scale, "half_even")
    return rates


# --------------------------------------------------------------------------- pipeline

def _ceil_div(a: int, b: int) -> int:
    return -((-a) // b)


def _business_day(d: _dt.date, weekend: set[int], closures: list[tuple]) -> bool:
    if d.isoweekday() in weekend:
        return False
    return not any(f <= d <= t for f, t in closures)


def _dispatch_date(quote_date: _dt.date, n: int, weekend, closures) -> _dt.date:
    d = quote_date
    guard = 0
    if n == 0:
        while not _business_day(d, weekend, closures):
            d += _dt.timedelta(days=1)
            guard += 1
            if guard > 5000:
                raise OracleError("RULEBOOK_INVALID", "/warehouse", "rulebook")
        return d
    count = 0
    while count < n:  # [A9] the quote date itself never counts when n ≥ 1
        d += _dt.timedelta(days=1)
        guard += 1
        if guard > 5000:
            raise OracleError("RULEBOOK_INVALID", "/warehouse", "rulebook")
        if _business_day(d, weekend, closures):
            count += 1
    return d


def _longest_prefix(entries, hs: str, pred=lambda e: True):
    """Entry with the longest `hs` prefix of hs; ties: [A12]."""
    best, best_key = None, None
    for idx, e in enumerate(entries):
        p = e.get("hs", "")
        if not hs.startswith(p) or not pred(e):
            continue
        key = (len(p), 1 if e.get("modes") else 0, -idx)
        if best_key is None or key > best_key:
            best, best_key = e, key
    return best


ENUMERATION_LIMIT = 1 << 20  # offer choices the oracle enumerates (golden carts are smaller)


ITEM_ERRORS = ("BELOW_MOQ", "NO_OFFER", "NO_ELIGIBLE_LINE")


def _remap_items(path: str, origin: list[int]) -> str:
    m = re.match(r"^/items/(\d+)(.*)$", path)
    return f"/items/{origin[int(m.group(1))]}{m.group(2)}" if m else path


def _compute_partial(rb: dict, rq: dict) -> Quote:
    """Partial quote (issue 12): each item is first quoted alone (no requested line); an
    item whose lone quote fails with BELOW_MOQ, NO_OFFER or NO_ELIGIBLE_LINE is left out
    with that error (path in the request's numbering; NO_ELIGIBLE_LINE at /items/i), the
    rest is quoted as a strict request; nothing left → the first exclusion's error."""
    kept, origin, excluded = [], [], []
    for i, it in enumerate(rq["items"]):
        one = {k: v for k, v in rq.items() if k not in ("line", "partial")}
        one["items"] = [it]
        err = None
        try:
            compute_quote(rb, one)
        except OracleError as e:
            err = e if e.code in ITEM_ERRORS else None
        if err is None:
            kept.append(it)
            origin.append(i)
        else:
            path = f"/items/{i}" if err.path == "" else _remap_items(err.path, [i])
            excluded.append({"item": it["id"], "code": err.code, "path": path})
    if not kept:
        raise OracleError(excluded[0]["code"], excluded[0]["path"], "request")
    rest = {k: v for k, v in rq.items() if k != "partial"}
    rest["items"] = kept
    try:
        q = compute_quote(rb, rest)
    except OracleError as e:
        if e.doc == "request":
            e.path = _remap_items(e.path, origin)
        raise
    q.excluded = excluded
    return q


@dataclass
class Ctx:
    """Everything the order fixes before any parcel is packed: set-up (step 0), the
    chosen offers (step 1), the order's fees (step 2) and the dispatch date."""
    rb: dict
    rq: dict
    B: str
    D: str
    S: str
    R: str
    M_D: str
    mB: Fraction
    mD: Fraction
    mS: Fraction
    at: _dt.datetime
    country: str
    dest: dict
    dest_idx: int
    dpath: str
    duty_cfg: dict
    rates: dict
    markup: Fraction
    items: list
    warnings: list
    line_amounts: list = field(default_factory=list)
    out_items: list = field(default_factory=list)
    goods: Fraction = Fraction(0)
    seller_ship: dict = field(default_factory=dict)
    seller_shipping: Fraction = Fraction(0)
    service_fee: Fraction = Fraction(0)
    handling: Fraction = Fraction(0)
    consolidation: Fraction = Fraction(0)
    dispatch: _dt.date | None = None


def setup(rb: dict, rq: dict) -> Ctx:
    """Steps 0–2 of the pipeline and the dispatch date: what every parcel shares."""
    B = rb["base_currency"]
    R = rb.get("rounding", "half_up")
    mB = minor_quantum(B)
    at = parse_instant(rq["at"])
    items = rq["items"]
    fx = rb["fx"]
    warnings: list[str] = []

    # ---- 0. set-up: destination, staleness, rates ------------------------ [A1]
    country = rq["destination"]["country"]
    dest_idx = next((k for k, d in enumerate(rb["destinations"]) if d["country"] == country), None)
    if dest_idx is None:
        raise OracleError("UNSUPPORTED_DESTINATION", "/destination/country", "request")
    dest = rb["destinations"][dest_idx]
    D = dest["currency"]
    S = rq.get("currency", D)
    M_D = dest.get("rounding", R)
    mD, mS = minor_quantum(D), minor_quantum(S)

    age = at - parse_instant(fx["as_of"])
    if age > _dt.timedelta(hours=fx["max_age_hours"]):
        if fx.get("on_stale", "warn") == "error":
            raise OracleError("FX_STALE", "/fx/as_of", "rulebook")
        warnings.append("FX_STALE")

    rates = build_rates(rb)
    markup = parse_rate(fx.get("markup", "0"))
    dpath = f"/destinations/{dest_idx}"

    def need_rate(ccy: str, path: str, doc: str):
        if rates.get(ccy, 0) == 0:  # [A4] a rebased rate that rounds to 0 is missing
            raise OracleError("FX_RATE_MISSING", path, doc)

    need_rate(D, dpath + "/currency", "rulebook")
    if "currency" in rq:
        need_rate(S, "/currency", "request")
    duty_cfg = dest.get("duty", {}) or {}
    for kind in ("per_category", "exemptions"):
        for j, th in enumerate(duty_cfg.get(kind, [])):
            if in_force(th, at):
                need_rate(th["currency"], f"{dpath}/duty/{kind}/{j}/currency", "rulebook")
    for t, tax in enumerate(dest.get("taxes", [])):
        if in_force(tax, at):
            for j, th in enumerate(tax.get("exemptions", [])):
                if in_force(th, at):
                    need_rate(th["currency"], f"{dpath}/taxes/{t}/exemptions/{j}/currency",
                              "rulebook")
    for j, th in enumerate(dest.get("checkout", [])):
        if in_force(th, at):
            need_rate(th["currency"], f"{dpath}/checkout/{j}/currency", "rulebook")

    ctx = Ctx(rb, rq, B, D, S, R, M_D, mB, mD, mS, at, country, dest, dest_idx, dpath,
              duty_cfg, rates, markup, items, warnings)

    # ---- 1. offer choice --------------------------------------------------------
    sellers = {s["id"]: s for s in rq.get("sellers", [])}
    usable: list[list[tuple[int, Fraction, Fraction]]] = []  # (offer idx, unit, amount)
    for i, it in enumerate(items):
        qty = it["quantity"]
        opts, moq_fail = [], []
        for j, off in enumerate(it["offers"]):
            moq = off.get("moq", 1)
            if qty < moq:
                moq_fail.append(moq)  # [A6]
                continue
            if "unit_price" in off:
                unit = parse_amount(off["unit_price"])
            else:
                fit = [t for t in off["tiers"] if t["min_qty"] <= qty]
                if not fit:
                    continue
                unit = parse_amount(max(fit, key=lambda t: t["min_qty"])["unit_price"])
            opts.append((j, unit, settle(unit * qty, mB, R)))  # point 1
        if not opts:
            if len(moq_fail) == len(it["offers"]):
                raise OracleError("BELOW_MOQ", f"/items/{i}/quantity", "request",
                                  {"min_moq": min(moq_fail)})
            raise OracleError("NO_OFFER", f"/items/{i}/offers", "request")
        usable.append(opts)

    def cost(choice: tuple[int, ...]) -> Fraction:
        total = Fraction(0)
        per_seller: dict[str, Fraction] = {}
        for i, k in enumerate(choice):
            j, _, amt = usable[i][k]
            total += amt
            sid = items[i]["offers"][j]["seller"]
            per_seller[sid] = per_seller.get(sid, Fraction(0)) + amt
        for sid, g in per_seller.items():
            total += _seller_shipping(sellers[sid], g, mB, R)
        return total

    # Every choice, in lexicographic order of offer indices (item 0 most significant); the
    # first least cost wins — the exact optimum and its tie-break (docs/pipeline.md §1), by
    # enumeration, whatever the search in the C++ core does.
    n_comb = 1
    for u in usable:
        n_comb *= len(u)
    if n_comb > ENUMERATION_LIMIT:
        raise ValueError(f"oracle: {n_comb} offer choices exceed its enumeration limit "
                         f"({ENUMERATION_LIMIT}); keep vector carts small")
    best, best_cost = None, None
    for choice in itertools.product(*[range(len(u)) for u in usable]):
        c = cost(choice)
        if best_cost is None or c < best_cost:
            best, best_cost = choice, c
    choice = best

    chosen = [usable[i][k] for i, k in enumerate(choice)]
    ctx.line_amounts = [c[2] for c in chosen]
    ctx.goods = sum(ctx.line_amounts, Fraction(0))
    per_seller: dict[str, Fraction] = {}
    for i, (j, _, amt) in enumerate(chosen):
        sid = items[i]["offers"][j]["seller"]
        per_seller[sid] = per_seller.get(sid, Fraction(0)) + amt
    ctx.seller_ship = {s: _seller_shipping(sellers[s], g, mB, R) for s, g in per_seller.items()}
    ctx.seller_shipping = sum(ctx.seller_ship.values(), Fraction(0))
    ctx.out_items = [{"id": it["id"], "offer": c[0], "unit_price": c[1], "amount": c[2],
                      "seller": it["offers"][c[0]]["seller"]}
                     for it, c in zip(items, chosen)]

    # ---- 2. fees ----------------------------------------------------------------
    sf = rb["service_fee"]
    fee = parse_rate(sf["rate"]) * ctx.goods
    fee = min(max(fee, parse_amount(sf["min"])), parse_amount(sf["max"]))
    ctx.service_fee = settle(fee, mB, R)  # point 2
    wh = rb["warehouse"]
    total_qty = sum(it["quantity"] for it in items)
    ctx.handling = settle(parse_amount(wh["handling_per_unit"]) * total_qty, mB, R)  # point 3
    ctx.consolidation = settle(parse_amount(wh["consolidation_per_parcel"]), mB, R)  # point 3

    quote_date = (at + _dt.timedelta(hours=8)).date()
    weekend = set(wh.get("weekend", [6, 7]))
    closures = [(_dt.date.fromisoformat(c["from"]), _dt.date.fromisoformat(c["to"]))
                for c in wh.get("closures", [])]
    ctx.dispatch = _dispatch_date(quote_date, wh.get("inbound_business_days", 0), weekend,
                                  closures)
    return ctx


def parcel_size(ctx: Ctx, qty: list[int]) -> dict:
    """Step 3 for a parcel holding qty[i] units of item i (0 = none of it): actual
    weight with its own packaging, padded sorted dimensions, side, girth and the
    attributes of the items it holds."""
    pack = ctx.rb["warehouse"].get("packaging", {})
    items = ctx.items
    actual_g = sum(it["weight_g"] * q for it, q in zip(items, qty)) + pack.get("weight_g", 0)
    L = W = H = 0
    attrs: set = set()
    for it, q in zip(items, qty):
        if q == 0:
            continue
        a, b, c = sorted(it["dimensions_cm"], reverse=True)
        L, W = max(L, a), max(W, b)
        H += c * q
        attrs.update(it.get("attributes", []))
    pad = 2 * pack.get("padding_cm", 0)
    dims = sorted([L + pad, W + pad, H + pad], reverse=True)
    return {"actual_g": actual_g, "dimensions_cm": dims, "side": dims[0],
            "girth": dims[0] + 2 * (dims[1] + dims[2]), "attrs": attrs}


def to_S_factor(ctx: Ctx, ccy: str) -> Fraction:
    f = ctx.rates[ccy] / ctx.rates[ctx.S]
    return f * (1 + ctx.markup) if ccy != ctx.S else f


def price_lines(ctx: Ctx, size: dict, goods: Fraction) -> list[Option]:
    """Step 4 (without landing) for a parcel of `size` worth `goods` (B): every line in
    force, rulebook order, with eligibility, weights, freight, surcharges (attribute
    surcharges look at the parcel's own items), insurance on `goods`, price and ETA."""
    country, R, mB, mS = ctx.country, ctx.R, ctx.mB, ctx.mS
    actual_g, dims, side, girth, attrs = (size["actual_g"], size["dimensions_cm"],
                                          size["side"], size["girth"], size["attrs"])
    options: list[Option] = []
    for line in ctx.rb["lines"]:
        if not in_force(line, ctx.at):
            continue
        rs = line.get("restrictions", {})
        reason = None
        if country not in rs.get("countries", []):
            reason = "DESTINATION_NOT_SERVED"
        elif attrs & set(rs.get("prohibited", [])):
            reason = "PROHIBITED_ATTRIBUTE"
        elif rs.get("max_weight_g") is not None and actual_g > rs["max_weight_g"]:
            reason = "OVERWEIGHT"
        elif ((rs.get("max_side_cm") is not None and side > rs["max_side_cm"]) or
              (rs.get("max_girth_cm") is not None and girth > rs["max_girth_cm"])):
            reason = "OVERSIZE"
        vol = line.get("volumetric")
        volumetric_g = 0
        if vol and (vol.get("when_side_over_cm") is None or side > vol["when_side_over_cm"]):
            volumetric_g = _ceil_div(dims[0] * dims[1] * dims[2] * 1000, vol["divisor"])
        step = line["step_g"]
        chargeable_g = _ceil_div(max(actual_g, volumetric_g), step) * step
        pricing = line["pricing"]
        for z in line.get("zones", []):
            if country in z["countries"]:
                pricing = z["pricing"]
                break
        if reason is None and pricing["kind"] == "brackets" and \
                chargeable_g > pricing["brackets"][-1]["up_to_g"]:
            reason = "OVERWEIGHT"
        opt = Option(line, line["id"], reason is None, reason, volumetric_g, chargeable_g)
        if reason is None:
            opt.freight = settle(_price(pricing, chargeable_g), mB, R)  # point 4
            for s in line.get("surcharges", []):
                k = s["kind"]
                if k == "rate":
                    amt = parse_rate(s["rate"]) * opt.freight
                elif k == "fixed":
                    amt = parse_amount(s["amount"])
                elif k == "attribute":
                    if s["attribute"] not in attrs:
                        continue
                    amt = parse_amount(s["amount"])
                else:
                    raise ValueError(f"unknown surcharge kind {k}")
                opt.surcharges.append((s["code"], settle(amt, mB, R)))  # point 5
            ins = line.get("insurance")
            if ins:
                v = max(parse_rate(ins["rate"]) * goods, parse_amount(ins.get("min", "0")))
                opt.insurance = settle(v, mB, R)  # point 6
            opt.total = opt.freight + sum((a for _, a in opt.surcharges), Fraction(0)) + \
                (opt.insurance or 0)
            to_S = to_S_factor(ctx, ctx.B)
            opt.price = sum((settle(a * to_S, mS, R) for a in  # point 12, per charge
                             [opt.freight] + [a for _, a in opt.surcharges] +
                             ([] if opt.insurance is None else [opt.insurance])), Fraction(0))
            td = line["transit_days"]
            opt.eta = {"dispatch": ctx.dispatch,
                       "earliest": ctx.dispatch + _dt.timedelta(days=td["min"]),
                       "latest": ctx.dispatch + _dt.timedelta(days=td["max"])}
        options.append(opt)
    return options


def assess(ctx: Ctx, clines: list[tuple[int, Fraction, int]], ship_B: Fraction,
           freight_B: Fraction, ins_B: Fraction, fees_B: Fraction, modes: set,
           attrs: set, all_ddp: bool) -> dict:
    """Step 5 for one consignment: `clines` are its customs lines (item index, goods
    amount in B, units); the consignment's seller shipping, freight (with surcharges),
    insurance and fees in B; the modes of the lines it ships by (a `modes` restriction
    applies only when every one is listed); its attributes; whether every line is DDP.
    Returns the customs dict (lines carry "item" = the item index)."""
    at, dest, duty_cfg, items = ctx.at, ctx.dest, ctx.duty_cfg, ctx.items
    mD, M_D = ctx.mD, ctx.M_D
    rates, D = ctx.rates, ctx.D
    mid_BD = rates[ctx.B] / rates[D]
    n = len(clines)
    g = [settle(a * mid_BD, mD, M_D) for _, a, _ in clines]  # point 7
    p_ship = settle(ship_B * mid_BD, mD, M_D)  # point 8
    p_freight = settle(freight_B * mid_BD, mD, M_D)
    p_ins = settle(ins_B * mid_BD, mD, M_D)
    p_fees = settle(fees_B * mid_BD, mD, M_D)
    g_units = [int(x / mD) for x in g]

    def alloc(total: Fraction) -> list[Fraction]:
        return [u * mD for u in largest_remainder(int(total / mD), g_units)]

    ship_i, freight_i, ins_i, fees_i = alloc(p_ship), alloc(p_freight), alloc(p_ins), \
        alloc(p_fees)
    val = dest["valuation"]
    basis = val["basis"]
    if basis == "fob":
        v = [g[i] + ship_i[i] for i in range(n)]
    elif basis == "cif":
        v = [g[i] + ship_i[i] + freight_i[i] + ins_i[i] for i in range(n)]
    elif basis == "price_rate":  # point 9, plus the parcel parts listed in `add` (JP)
        r = parse_rate(val["rate"])
        parts = {"seller_shipping": ship_i, "freight": freight_i, "insurance": ins_i}
        v = [settle(r * g[i], mD, M_D) + sum((parts[c][i] for c in val.get("add", [])),
                                             Fraction(0)) for i in range(n)]
    else:
        raise ValueError(f"unknown valuation basis {basis}")
    customs_value = sum(v, Fraction(0))
    goods_value = sum(g, Fraction(0))
    origin = ctx.rb["origin_country"]
    origins = [items[k].get("origin", origin) for k, _, _ in clines]

    thresholds: list[dict] = []  # every threshold evaluated, in evaluation order

    def mode_ok(m):  # [S3] every parcel's line must have one of the listed modes
        return m is None or all(x in m for x in modes)

    def applies(th: dict) -> bool:
        if not in_force(th, at):
            return False
        if th.get("origins") is not None and not all(o in th["origins"] for o in origins):
            return False
        if not mode_ok(th.get("modes")):
            return False
        if attrs & set(th.get("unless_attributes", [])):
            return False
        return True

    def fires(th: dict, applies_to: str) -> bool:
        """[A17 resolved] Evaluate an applicable threshold and record it (fired or not)."""
        if not applies(th):
            return False
        value = goods_value if th["basis"] == "goods" else customs_value
        lhs = value * rates[D]
        rhs = parse_amount(th["max"]) * rates[th["currency"]]
        fired_ = lhs < rhs if th.get("strict", False) else lhs <= rhs
        thresholds.append({"id": th["id"], "applies_to": applies_to, "basis": th["basis"],
                           "value": value, "max": parse_amount(th["max"]),
                           "currency": th["currency"], "fired": fired_})
        return fired_

    fired: list[str] = []

    def excluded(th: dict) -> list[int]:
        """Lines a fired exemption does not cover: HS codes under its `unless_hs`."""
        return [i for i, (k, _, _) in enumerate(clines)
                if any(items[k]["hs_code"].startswith(p) for p in th.get("unless_hs", []))]

    d_mode = duty_cfg.get("rounding", M_D)
    d_bq = parse_amount(duty_cfg["base_quantum"]) if "base_quantum" in duty_cfg else mD
    d_q = parse_amount(duty_cfg["quantum"]) if "quantum" in duty_cfg else mD
    duty_i = [Fraction(0)] * n
    duty_rule, duty_rule_id = "rates", None
    pc = next((p for p in duty_cfg.get("per_category", []) if fires(p, "per_category")),
              None)
    if pc is not None:
        fired.append(pc["id"])
        duty_rule, duty_rule_id = "per_category", pc["id"]
        seen = set()
        for i, (k, _, _) in enumerate(clines):
            cat = items[k]["hs_code"][:pc["hs_digits"]]
            if cat not in seen:
                seen.add(cat)
                duty_i[i] = parse_amount(pc["amount"])
    else:
        ex = next((e for e in duty_cfg.get("exemptions", []) if fires(e, "duty")), None)
        dutiable = range(n)
        if ex is not None:
            fired.append(ex["id"])
            duty_rule, duty_rule_id = "exempt", ex["id"]
            dutiable = excluded(ex)  # lines the exemption excludes by HS (JP)
        for i in dutiable:
            k, _, units = clines[i]
            it = items[k]
            e = _longest_prefix(duty_cfg.get("rates", []), it["hs_code"],
                                lambda e: in_force(e, at) and mode_ok(e.get("modes")))
            if e is None:  # no row in force: the destination's default, else an error
                e = duty_cfg.get("default")
            if e is None:
                raise OracleError("DUTY_RATE_MISSING", f"/items/{k}/hs_code", "request")
            base = settle(v[i], d_bq, d_mode)
            d = Fraction(0)
            if e.get("ad_valorem") is not None:  # point 10 [A13]
                d += settle(parse_rate(e["ad_valorem"]) * base, d_q, d_mode)
            if e.get("specific") is not None:
                d += settle(parse_amount(e["specific"]) * units, d_q, d_mode)
            duty_i[i] = d
    duty = sum(duty_i, Fraction(0))

    regime = None
    co = next((t for t in dest.get("checkout", []) if fires(t, "checkout")), None)
    if co is not None:
        regime = co["id"]
        fired.append(co["id"])
    elif all_ddp:
        regime = "ddp"
    collect = "checkout" if regime is not None else "delivery"

    comp = {"customs_value": v, "goods": g, "seller_shipping": ship_i,
            "freight": freight_i, "insurance": ins_i, "duty": duty_i, "fees": fees_i}
    tax_amounts: dict[str, Fraction] = {}
    taxes_out: list[dict] = []
    for t_idx, tax in enumerate(dest.get("taxes", [])):
        if not in_force(tax, at):
            continue
        t_mode = tax.get("rounding", M_D)
        t_bq = parse_amount(tax["base_quantum"]) if "base_quantum" in tax else mD
        t_q = parse_amount(tax["quantum"]) if "quantum" in tax else mD
        groups_out = []
        ex = next((e for e in tax.get("exemptions", []) if fires(e, "tax:" + tax["id"])),
                  None)
        taxed = list(range(n))
        if ex is not None:
            fired.append(ex["id"])
            taxed = excluded(ex)  # lines the exemption excludes by HS stay taxed (JP)
        if not taxed:
            amount = Fraction(0)
        elif tax.get("of") is not None:
            if tax["of"] not in tax_amounts:  # [A16 resolved] the named tax is not in force
                raise OracleError("TAX_RATE_MISSING", f"{ctx.dpath}/taxes/{t_idx}/of",
                                  "rulebook")
            src = tax_amounts[tax["of"]]
            r = parse_rate(tax["rate"])
            amount = settle(r * src, t_q, t_mode)  # point 11
            # [A50] one group: base = the named tax's amount (unrounded: no base_quantum)
            groups_out.append({"rate": r, "lines": list(range(n)), "base": src,
                               "amount": amount})
        else:
            # Only a checkout regime (a threshold) switches to checkout_base; a DDP line
            # changes who collects import VAT, not its base (decision 8).
            regime_fired = regime is not None and regime != "ddp"
            comps = tax["checkout_base"] if regime_fired and "checkout_base" in tax \
                else tax["base"]
            groups: dict[Fraction, list[int]] = {}
            for i in taxed:
                k = clines[i][0]
                it = items[k]
                if "rate" in tax:
                    r = parse_rate(tax["rate"])
                else:
                    e = _longest_prefix(tax["rates"], it["hs_code"], lambda e: in_force(e, at))
                    if e is None:
                        raise OracleError("TAX_RATE_MISSING", f"/items/{k}/hs_code",
                                          "request")
                    r = parse_rate(e["rate"])
                groups.setdefault(r, []).append(i)  # [A15] grouped by rate value
            amount = Fraction(0)
            for r, idx in groups.items():
                base = sum((comp[c][i] for i in idx for c in comps), Fraction(0))
                base = settle(base, t_bq, t_mode)
                amt = settle(r * base, t_q, t_mode)  # point 11
                groups_out.append({"rate": r, "lines": idx, "base": base, "amount": amt})
                amount += amt
        tax_amounts[tax["id"]] = amount
        taxes_out.append({"id": tax["id"], "code": tax["code"], "amount": amount,
                          "of": tax.get("of"), "exempt_by": None if ex is None else ex["id"],
                          "groups": groups_out})

    return {"basis": basis, "goods_value": goods_value, "customs_value": customs_value,
            "parcel": {"seller_shipping": p_ship, "freight": p_freight,
                       "insurance": p_ins, "fees": p_fees},
            "lines": [{"item": clines[i][0], "goods": g[i], "seller_shipping": ship_i[i],
                       "freight": freight_i[i], "insurance": ins_i[i], "fees": fees_i[i],
                       "customs_value": v[i], "duty": duty_i[i]} for i in range(n)],
            "duty": duty, "duty_rule": duty_rule, "duty_rule_id": duty_rule_id,
            "thresholds": thresholds,
            "taxes": taxes_out, "fired": fired, "collect": collect,
            "regime": regime}


def book(ctx: Ctx, charges: list, code: str, src: Fraction, src_ccy: str, coll: str,
         parcel: int | None = None) -> None:
    """Append one charge: a checkout charge converted and settled to S (point 12), a
    delivery charge kept in D."""
    if coll == "checkout":
        amt, ccy = settle(src * to_S_factor(ctx, src_ccy), ctx.mS, ctx.R), ctx.S  # point 12
    else:
        amt, ccy = src, ctx.D
    ch = {"code": code, "collect": coll, "amount": amt, "currency": ccy,
          "source_amount": src, "source_currency": src_ccy}
    if parcel is not None:
        ch["parcel"] = parcel
    charges.append(ch)


def book_delivery_fees(ctx: Ctx, charges: list, line: dict, due: Fraction,
                       parcel: int | None = None) -> None:
    """Carrier fees on delivery (point 15) of `line` on `due` (D, duty and taxes due on
    delivery), when `due` is not zero."""
    if due == 0:
        return
    for fee in line.get("delivery_fees", []):
        if not in_force(fee, ctx.at) or ctx.country not in fee["countries"]:
            continue
        amt = parse_amount(fee.get("fixed", "0")) + parse_rate(fee.get("rate", "0")) * due
        if "min" in fee:
            amt = max(amt, parse_amount(fee["min"]))
        if "max" in fee:
            amt = min(amt, parse_amount(fee["max"]))
        book(ctx, charges, fee["code"], settle(amt, ctx.mD, ctx.R), ctx.D, "delivery",
             parcel)


def settle_charges(ctx: Ctx, charges: list) -> dict:
    """Total, due on delivery, cash rounding (point 13) and landed total (point 14)."""
    extra_warnings: list[str] = []
    S, D, R, mS, rates = ctx.S, ctx.D, ctx.R, ctx.mS, ctx.rates
    total = sum((c["amount"] for c in charges if c["collect"] == "checkout"), Fraction(0))
    due = sum((c["amount"] for c in charges if c["collect"] == "delivery"), Fraction(0))
    if ctx.rq.get("cash_rounding", False):
        inc = ctx.rb.get("cash_increments", {}).get(S)
        if inc is None:
            extra_warnings.append("CASH_INCREMENT_MISSING")
        else:
            rounded = settle(total, parse_amount(inc), R)  # point 13
            charges.append({"code": "CASH_ROUNDING", "collect": "checkout",
                            "amount": rounded - total, "currency": S,
                            "source_amount": rounded - total, "source_currency": S})  # [A19]
            total = rounded
    if abs(total) >= OVERFLOW_SETTLED or abs(due) >= OVERFLOW_SETTLED:
        raise OracleError("OVERFLOW", "", "request")
    # Landed total: the delivery amount converted D → S at mid, no markup (the buyer
    # pays the carrier in D; this is an estimate of that cost in S), settled to S
    # with R (point 14), added to the checkout total.
    due_S = due if D == S else settle(due * rates[D] / rates[S], mS, R)  # point 14
    return {"charges": charges, "total": total, "due": due, "landed": total + due_S,
            "warnings": extra_warnings}


def one_parcel_options(ctx: Ctx) -> tuple[dict, list[Option]]:
    """The whole cart as one parcel: its size and every line's option (unlanded)."""
    size = parcel_size(ctx, [it["quantity"] for it in ctx.items])
    return size, price_lines(ctx, size, ctx.goods)


def land_one(ctx: Ctx, size: dict, sel: Option) -> dict:
    """Steps 5 and 6 as if `sel` carried the whole cart as one parcel: customs, charges,
    the checkout total, what is due on delivery and the landed total (issue 12)."""
    fees_B = ctx.service_fee + ctx.handling + ctx.consolidation
    sur_B = sum((a for _, a in sel.surcharges), Fraction(0))
    clines = [(i, ctx.line_amounts[i], it["quantity"]) for i, it in enumerate(ctx.items)]
    customs = assess(ctx, clines, ctx.seller_shipping, sel.freight + sur_B,
                     sel.insurance or Fraction(0), fees_B, {sel.line["mode"]}, size["attrs"],
                     sel.line.get("ddp", False))
    B, D = ctx.B, ctx.D
    collect = customs["collect"]
    charges: list[dict] = []
    book(ctx, charges, "GOODS", ctx.goods, B, "checkout")
    book(ctx, charges, "SELLER_SHIPPING", ctx.seller_shipping, B, "checkout")
    book(ctx, charges, "SERVICE_FEE", ctx.service_fee, B, "checkout")
    book(ctx, charges, "WAREHOUSE_HANDLING", ctx.handling, B, "checkout")
    book(ctx, charges, "WAREHOUSE_CONSOLIDATION", ctx.consolidation, B, "checkout")
    book(ctx, charges, "FREIGHT", sel.freight, B, "checkout")
    for code, a in sel.surcharges:
        book(ctx, charges, code, a, B, "checkout")
    if sel.insurance is not None:
        book(ctx, charges, "INSURANCE", sel.insurance, B, "checkout")
    if customs["duty"] != 0:
        book(ctx, charges, "DUTY", customs["duty"], D, collect)
    for t in customs["taxes"]:
        if t["amount"] != 0:
            book(ctx, charges, t["code"], t["amount"], D, collect)
    # Carrier fees on delivery (issue 12): only when duty or tax is due on delivery.
    if collect == "delivery":
        due = sum((c["amount"] for c in charges if c["collect"] == "delivery"), Fraction(0))
        book_delivery_fees(ctx, charges, sel.line, due)
    res = settle_charges(ctx, charges)
    res["customs"] = customs
    return res


def compute_quote(rb: dict, rq: dict) -> Quote:
    if rq.get("partial", False):
        return _compute_partial(rb, rq)
    ctx = setup(rb, rq)
    size, options = one_parcel_options(ctx)

    def no_eligible():
        return OracleError("NO_ELIGIBLE_LINE", "", "request",  # [A1 resolved]
                           [{"line": o.id, "reason": o.reason} for o in options])

    line_id = rq.get("line")
    err = None
    forced = None
    if line_id is not None:  # [A11]
        forced = next((o for o in options if o.id == line_id), None)
        if forced is None:
            raise OracleError("UNKNOWN_LINE", "/line", "request")
        if not forced.eligible:
            err = OracleError("LINE_INELIGIBLE", "/line", "request",
                              {"line": forced.id, "reason": forced.reason})
    elif not any(o.eligible for o in options):
        err = no_eligible()

    split_mode = rq.get("split", "when_needed")
    if err is not None and split_mode == "never":
        raise err
    # Every eligible option gets the figures it would have if chosen, in rulebook order
    # (the first error, e.g. DUTY_RATE_MISSING, wins; a one-parcel error that no split
    # can avoid wins over it, as before splitting existed).
    land_err = None
    try:
        for o in options:
            if o.eligible:
                o.landed = land_one(ctx, size, o)
    except OracleError as e:
        land_err = e
    if land_err is not None and err is None:
        raise land_err
    sel = None
    if err is None:
        sel = forced if forced is not None else \
            _choose([o for o in options if o.eligible], rq.get("choose", "landed"))

    split = None
    if split_mode != "never" and (err is not None or split_mode == "when_cheaper"):
        from split import best_split  # noqa: E402  (tests/oracle/split.py)
        split = best_split(ctx, line_id)
        if split is not None and sel is not None and \
                (split["landed"], split["total"]) >= (sel.landed["landed"], sel.landed["total"]):
            split = None
    if split is None and err is not None:
        raise err
    if land_err is not None:
        raise land_err

    if split is not None:
        res = split
    else:
        res = sel.landed
    customs, charges, total, due = res["customs"], res["charges"], res["total"], res["due"]
    warnings = ctx.warnings + res["warnings"]

    at, S, B, D = ctx.at, ctx.S, ctx.B, ctx.D
    fx = rb["fx"]
    expires = at + _dt.timedelta(minutes=rb["quote_valid_minutes"])
    fx_out = {"mid": ctx.rates[B] / ctx.rates[S], "markup": ctx.markup, "as_of": fx["as_of"],
              "rates": {c: ctx.rates[c] for c in sorted({B, D, S})}}
    q = Quote(B, D, S, at, expires, ctx.out_items, ctx.goods, ctx.seller_shipping,
              ctx.service_fee, ctx.handling, ctx.consolidation,
              {"actual_g": size["actual_g"], "dimensions_cm": size["dimensions_cm"],
               "side_cm": size["side"], "girth_cm": size["girth"]},
              options, sel if split is None else None, customs, charges, total, due,
              warnings, fx_out, sellers=ctx.seller_ship)
    if split is not None:
        q.parcels = split["parcels"]
        q.landed_total = split["landed"]
        q.assessment = split["assessment"]
    return q



def _choose(eligible: list[Option], how: str) -> Option:
    """The automatic choice (docs/pipeline.md §4): `landed` = least landed total, then
    least checkout total; `fastest` = earliest latest ETA, then earliest earliest ETA, then
    least landed total; `cheapest_freight` = least line total (base currency). Remaining
    ties: rulebook order (min keeps the first)."""
    if how == "fastest":
        return min(eligible, key=lambda o: (o.eta["latest"], o.eta["earliest"],
                                            o.landed["landed"]))
    if how == "cheapest_freight":
        return min(eligible, key=lambda o: o.total)
    return min(eligible, key=lambda o: (o.landed["landed"], o.landed["total"]))


def _seller_shipping(seller: dict, seller_goods: Fraction, quantum: Fraction,
                     mode: str) -> Fraction:
    """[A7 resolved] A seller's shipping after free_over, settled to B's minor unit with
    the rulebook mode, per seller."""
    fo = seller.get("free_over")
    if fo is not None and seller_goods >= parse_amount(fo):
        return Fraction(0)
    return settle(parse_amount(seller["shipping"]), quantum, mode)


def _price(p: dict, C: int) -> Fraction:
    k = p["kind"]
    if k == "first_continued":
        extra = max(0, C - p["first_g"])
        return parse_amount(p["first"]) + _ceil_div(extra, p["continued_g"]) * \
            parse_amount(p["continued"])
    if k == "brackets":
        for b in p["brackets"]:
            if C <= b["up_to_g"]:
                return parse_amount(b["price"])
        raise AssertionError("overweight bracket should have been ineligible")
    if k == "per_kg":
        return max(parse_amount(p["per_kg"]) * C / 1000, parse_amount(p["min"]))
    raise ValueError(f"unknown pricing kind {k}")


# --------------------------------------------------------------------------- output

def render(q: Quote) -> dict:
    """Format the exact Quote as the oracle's figures dict (the only place that knows
    the output shape; the canonical-JSON checker maps from here)."""
    b = lambda x: fmt_money(x, q.B)  # noqa: E731
    d = lambda x: fmt_money(x, q.D)  # noqa: E731
    opts = []
    for o in q.options:
        e = {"line": o.id, "eligible": o.eligible}
        if not o.eligible:
            e["reason"] = o.reason
        e["volumetric_g"] = o.volumetric_g
        e["chargeable_g"] = o.chargeable_g
        if o.eligible:
            e["freight"] = b(o.freight)
            e["surcharges"] = [{"code": c, "amount": b(a)} for c, a in o.surcharges]
            e["insurance"] = None if o.insurance is None else b(o.insurance)
            e["total"] = b(o.total)
            e["price"] = fmt_money(o.price, q.S)
            e["checkout_total"] = fmt_money(o.landed["total"], q.S)
            e["due_on_delivery"] = d(o.landed["due"])
            e["landed_total"] = fmt_money(o.landed["landed"], q.S)
            e["eta"] = {k: v.isoformat() for k, v in o.eta.items()}
        opts.append(e)
    c = q.customs
    customs = {
        "basis": c["basis"],
        "goods_value": d(c["goods_value"]),
        "customs_value": d(c["customs_value"]),
        "parcel": {k: d(v) for k, v in c["parcel"].items()},
        "lines": [dict({k: d(v) for k, v in ln.items() if k not in ("item", "parcel")},
                       item=q.items[ln["item"]]["id"], parcel=ln.get("parcel"))
                  for ln in c["lines"]],
        "duty": d(c["duty"]),
        "taxes": [{"id": t["id"], "code": t["code"], "amount": d(t["amount"]),
                   "of": t["of"], "exempt_by": t["exempt_by"],
                   "groups": [{"rate": fmt_decimal(gr["rate"]) if
                               _terminates(gr["rate"]) else str(gr["rate"]),
                               "lines": gr["lines"], "base": d(gr["base"]),
                               "amount": d(gr["amount"])} for gr in t["groups"]]}
                  for t in c["taxes"]],
        "fired": list(c["fired"]),
        "thresholds": [{"id": t["id"], "applies_to": t["applies_to"], "basis": t["basis"],
                        "value": d(t["value"]), "max": fmt_money(t["max"], t["currency"]),
                        "currency": t["currency"], "fired": t["fired"],
                        "parcel": t.get("parcel")}
                       for t in c["thresholds"]],
        "duty_rule": {"rule": c["duty_rule"], "id": c["duty_rule_id"]},
        "collect": c["collect"],
        "regime": c["regime"],
        "assessment": c.get("assessment"),
    }
    out = {
        "at": fmt_instant(q.at),
        "expires_at": fmt_instant(q.expires_at),
        "currency": q.S,
        "destination_currency": q.D,
        "items": [{"id": i["id"], "offer": i["offer"],
                   "unit_price": fmt_money(i["unit_price"], q.B),
                   "amount": b(i["amount"]), "seller": i["seller"]} for i in q.items],
        "sellers": {k: b(v) for k, v in q.sellers.items()},
        "goods": b(q.goods),
        "seller_shipping": b(q.seller_shipping),
        "service_fee": b(q.service_fee),
        "warehouse_handling": b(q.warehouse_handling),
        "warehouse_consolidation": b(q.warehouse_consolidation),
        "parcel": {"actual_g": q.parcel["actual_g"],
                   "dimensions_cm": list(q.parcel["dimensions_cm"])},
        "options": opts,
        "selected": None if q.selected is None else q.selected.id,
        "customs": customs,
        "charges": [{"code": ch["code"], "collect": ch["collect"],
                     "amount": fmt_money(ch["amount"], ch["currency"]),
                     "currency": ch["currency"],
                     "source_amount": fmt_money(ch["source_amount"], ch["source_currency"]),
                     "source_currency": ch["source_currency"],
                     "parcel": ch.get("parcel")} for ch in q.charges],
        "total": fmt_money(q.total, q.S),
        "due_on_delivery": d(q.due_on_delivery),
        "warnings": list(q.warnings),
        "fx": {"mid": _fmt_rate(q.fx["mid"]), "markup": _fmt_rate(q.fx["markup"]),
               "as_of": q.fx["as_of"],
               "rates": {k: _fmt_rate(v) for k, v in q.fx["rates"].items()}},
    }
    if q.excluded is not None:
        out["excluded"] = [dict(e) for e in q.excluded]
    if q.parcels is not None:
        out["parcels"] = [_render_parcel(q, pc) for pc in q.parcels]
        out["landed_total"] = fmt_money(q.landed_total, q.S)
    return out


def _render_parcel(q: Quote, pc: dict) -> dict:
    """One parcel of a split quote (docs/parcels.md "Output")."""
    b = lambda x: fmt_money(x, q.B)  # noqa: E731
    d = lambda x: fmt_money(x, q.D)  # noqa: E731
    o = pc["opt"]
    return {
        "items": [{"id": it["id"], "quantity": n} for it, n in zip(q.items, pc["contents"])
                  if n > 0],
        "actual_g": pc["size"]["actual_g"],
        "dimensions_cm": list(pc["size"]["dimensions_cm"]),
        "goods": b(pc["goods"]),
        "line": o.id, "name": o.line.get("name"), "mode": o.line["mode"],
        "ddp": bool(o.line.get("ddp", False)),
        "volumetric_g": o.volumetric_g, "chargeable_g": o.chargeable_g,
        "freight": b(o.freight),
        "surcharges": [{"code": c, "amount": b(a)} for c, a in o.surcharges],
        "insurance": None if o.insurance is None else b(o.insurance),
        "total": b(o.total),
        "consolidation": b(q.warehouse_consolidation),
        "price": fmt_money(pc["price"], q.S),
        "duty": d(pc["duty"]),
        "taxes": [{"code": c, "amount": d(a)} for c, a in pc["taxes"]],
        "collect": pc["collect"],
        "transit_days": dict(o.line["transit_days"]),
        "eta": {k: v.isoformat() for k, v in o.eta.items()},
    }


def _terminates(x: Fraction) -> bool:
    den = x.denominator
    for p in (2, 5):
        while den % p == 0:
            den //= p
    return den == 1


def _fmt_rate(x: Fraction) -> str:
    """Terminating ratios as trimmed decimals, others as 'p/q'."""
    return fmt_decimal(x) if _terminates(x) else f"{x.numerator}/{x.denominator}"


def compute(rulebook: dict, request: dict) -> dict:
    try:
        return render(compute_quote(rulebook, request))
    except OracleError as e:
        return {"error": e.as_dict()}


if __name__ == "__main__":  # python3 oracle.py rulebook.json request.json
    import json
    import sys
    with open(sys.argv[1], encoding="utf-8") as f1, open(sys.argv[2], encoding="utf-8") as f2:
        print(json.dumps(compute(json.load(f1), json.load(f2)), indent=2, ensure_ascii=False))
