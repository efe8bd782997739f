#!/usr/bin/env python3
"""Writes taoquote's machine-readable contracts: JSON Schema 2020-12 for the rulebook, the
request, the quote and the error body (core/schema/*.schema.json) and the OpenAPI 3.1
document of taoquote-service (native/service/openapi.json), which embeds those four schemas.

The shapes below transcribe docs/schema.md, docs/quote.md, docs/errors.md and
docs/service.md (and the codec that enforces them); the currency, country and error-code
lists are read from the core's own tables, so the schemas cannot drift from the registry.

    python3 core/schema/gen_schemas.py          # rewrite the files
    python3 core/schema/gen_schemas.py --check  # exit 1 and name every file that differs
Standard library only.
"""
import copy
import json
import re
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1].parent
SCHEMA_DIR = REPO / "core" / "schema"
OPENAPI = REPO / "native" / "service" / "openapi.json"
DIALECT = "https://json-schema.org/draft/2020-12/schema"

# One $id per format, versioned with the format's schema tag (`taoquote.rulebook/1` → …:1).
IDS = {
    "rulebook": "urn:taoquote:schema:rulebook:1",
    "request": "urn:taoquote:schema:request:1",
    "quote": "urn:taoquote:schema:quote:1",
    "error": "urn:taoquote:schema:error:1",
}
TAGS = {
    "rulebook": "taoquote.rulebook/1",
    "request": "taoquote.request/1",
    "quote": "taoquote.quote/1",
}


# --- tables read from the core -------------------------------------------------------------
def registry():
    text = (REPO / "core" / "src" / "registry_data.inc").read_text(encoding="utf-8")
    currencies = re.findall(r'\{"([A-Z]{3})", \d+, \d\}', text)
    block = text[text.index("kCountries[]") :]
    countries = re.findall(r'"([A-Z]{2})"', block[: block.index("};")])
    assert len(currencies) > 100 and len(countries) > 200, "registry_data.inc not understood"
    return sorted(currencies), sorted(countries)


def error_codes():
    """The stable error codes, in the core's own order (its name table in core/src)."""
    codes = []
    for name in ("names.cpp", "error.cpp"):
        text = (REPO / "core" / "src" / name).read_text(encoding="utf-8")
        for code in re.findall(r'ErrorCode::\w+(?:, |: return )"([A-Z_]+)"', text):
            if code not in codes:
                codes.append(code)
    assert "INVALID_JSON" in codes and "INTERNAL" in codes, "error code table not understood"
    return codes


def project_version():
    text = (REPO / "CMakeLists.txt").read_text(encoding="utf-8")
    return re.search(r"project\(taoquote VERSION ([0-9.]+)", text).group(1)


CURRENCIES, COUNTRIES = registry()
ERROR_CODES = error_codes()

# --- small builders --------------------------------------------------------------------------
DEC = r"(0|[1-9][0-9]{0,14})(\.[0-9]{1,12})?"  # ≤ 15 integer, ≤ 12 fraction digits
ZERO = r"0(\.0{1,12})?"
ID_CHARS = r"[A-Za-z0-9._:-]"


def ref(name):
    return {"$ref": "#/$defs/" + name}


def obj(required, props, annotations=False, description=None):
    """A closed object: unknown keys are errors, as in the codec (docs/schema.md)."""
    props = dict(props)
    if annotations:
        props["note"] = ref("annotation")
        props["source"] = ref("annotation")
    out = {"type": "object"}
    if description:
        out["description"] = description
    if required:
        out["required"] = list(required)
    out["properties"] = props
    out["additionalProperties"] = False
    return out


def arr(items, lo=0, hi=None, unique=False, description=None):
    out = {"type": "array"}
    if description:
        out["description"] = description
    out["items"] = items
    if lo:
        out["minItems"] = lo
    if hi is not None:
        out["maxItems"] = hi
    if unique:
        out["uniqueItems"] = True
    return out


def integer(lo, hi, description=None):
    out = {"type": "integer", "minimum": lo, "maximum": hi}
    if description:
        out = {"description": description, **out}
    return out


def string(max_len=1024, description=None):
    out = {"type": "string", "maxLength": max_len}
    if description:
        out = {"description": description, **out}
    return out


def described(schema, text):
    return {"description": text, **schema}


# Instants: RFC 3339, years 2000–2199, ≤ 3 fraction digits, Z or ±HH:MM; the month-length
# check leaves only 29 February of common years to the core.
MONTH_DAY = (
    r"((0[13578]|1[02])-(0[1-9]|[12][0-9]|3[01])|(0[469]|11)-(0[1-9]|[12][0-9]|30)"
    r"|02-(0[1-9]|1[0-9]|2[0-9]))"
)
DATE = r"2[01][0-9]{2}-" + MONTH_DAY
TIME = r"([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9]"


def common_defs():
    """Value types shared by every schema (docs/schema.md, "Common value types")."""
    return {
        "amount": {
            "description": "A non-negative decimal string: ≤ 15 integer and ≤ 12 fraction digits, "
            'no exponent, no sign, e.g. "12.50". A JSON number is INVALID_AMOUNT.',
            "type": "string",
            "pattern": "^" + DEC + "$",
        },
        "positive_amount": {
            "description": "An amount greater than zero.",
            "allOf": [ref("amount"), {"not": {"pattern": "^" + ZERO + "$"}}],
        },
        "rate": {
            "description": 'An exact non-negative rate: an amount ("0.19") or a ratio of two '
            'amounts ("22/78", denominator > 0).',
            "type": "string",
            "pattern": "^" + DEC + "(/" + DEC + ")?$",
            "not": {"pattern": "/" + ZERO + "$"},
        },
        "currency": {
            "description": "An active ISO 4217 alphabetic code in taoquote's registry "
            "(docs/currencies.md); else UNKNOWN_CURRENCY.",
            "type": "string",
            "enum": CURRENCIES,
        },
        "country": {
            "description": "An assigned ISO 3166-1 alpha-2 code; else UNKNOWN_COUNTRY.",
            "type": "string",
            "enum": COUNTRIES,
        },
        "id": {
            "description": "1–64 characters from A–Z a–z 0–9 . _ : -",
            "type": "string",
            "pattern": "^" + ID_CHARS + "{1,64}$",
        },
        "instant": {
            "description": 'An RFC 3339 instant, years 2000–2199, e.g. "2026-11-25T08:00:00Z" '
            '(≤ 3 fraction digits; "Z" or ±HH:MM).',
            "type": "string",
            "pattern": "^" + DATE + "T" + TIME + r"(\.[0-9]{1,3})?(Z|[+-]([01][0-9]|2[0-3]):[0-5][0-9])$",
        },
        "date": {
            "description": 'A civil date "YYYY-MM-DD", years 2000–2199.',
            "type": "string",
            "pattern": "^" + DATE + "$",
        },
        "rounding": {
            "description": "half_up rounds ties away from zero; up rounds away from zero, ceiling "
            "toward +∞.",
            "enum": ["half_up", "half_even", "up", "down", "ceiling", "floor"],
        },
        "mode": {"description": "A shipping line's mode.", "enum": ["courier", "postal", "freight"]},
        "platform": {"enum": ["1688", "taobao", "pinduoduo"]},
        "attribute": {
            "description": "An item attribute, e.g. battery, liquid, magnet, powder, brand, food.",
            "type": "string",
            "pattern": "^[a-z_]{1,32}$",
            "examples": ["battery", "liquid", "magnet", "powder", "brand", "food"],
        },
        "annotation": string(1024, "Free text citing or explaining a rule (not used in quoting)."),
    }


def pick(defs, *names):
    return {n: copy.deepcopy(defs[n]) for n in names}


def document(kind, title, description, root, defs):
    return {
        "$schema": DIALECT,
        "$id": IDS[kind],
        "title": title,
        "description": description,
        **root,
        "$defs": defs,
    }


# --- rulebook ----------------------------------------------------------------------------------
DATED = {"valid_from": ref("instant"), "valid_to": ref("instant")}
GRAMS = 100_000_000_000


def threshold_props():
    return {
        "id": ref("id"),
        "basis": {"enum": ["goods", "customs_value"]},
        "max": ref("amount"),
        "currency": ref("currency"),
        "strict": described({"type": "boolean"}, "true: fires when the value is < max (default ≤)."),
        "origins": described(arr(ref("country"), 0, 300), "Applies only when every item's origin is listed."),
        "modes": described(arr(ref("mode"), 1, 3), "Applies only to these line modes."),
        "unless_attributes": described(arr(ref("attribute"), 1, 32), "Never applies when an item has one of these."),
        **DATED,
    }


def pricing():
    fc = obj(["kind", "first_g", "first", "continued_g", "continued"], {
        "kind": {"const": "first_continued"},
        "first_g": integer(0, GRAMS, "Grams covered by `first`."),
        "first": ref("amount"),
        "continued_g": integer(1, GRAMS, "Each started step above first_g adds `continued`."),
        "continued": ref("amount"),
    }, annotations=True)
    brackets = obj(["kind", "brackets"], {
        "kind": {"const": "brackets"},
        "brackets": arr(obj(["up_to_g", "price"], {
            "up_to_g": integer(1, GRAMS), "price": ref("amount")}, annotations=True), 1, 200,
            description="up_to_g strictly increasing (RULEBOOK_INVALID otherwise)."),
    }, annotations=True)
    per_kg = obj(["kind", "per_kg", "min"], {
        "kind": {"const": "per_kg"}, "per_kg": ref("amount"), "min": ref("amount")}, annotations=True)
    return {"description": "Freight pricing of a line (base currency).", "oneOf": [fc, brackets, per_kg]}


def surcharge():
    return {"oneOf": [
        obj(["code", "kind", "rate"], {"code": ref("id"), "kind": {"const": "rate"}, "rate": ref("rate")},
            annotations=True, description="A rate × base freight."),
        obj(["code", "kind", "amount"], {"code": ref("id"), "kind": {"const": "fixed"}, "amount": ref("amount")},
            annotations=True, description="A fixed amount per parcel."),
        obj(["code", "kind", "attribute", "amount"], {
            "code": ref("id"), "kind": {"const": "attribute"}, "attribute": ref("attribute"),
            "amount": ref("amount")}, annotations=True,
            description="An amount per parcel when any item has the attribute."),
    ]}


def line():
    return obj(["id", "name", "mode", "step_g", "pricing", "restrictions", "transit_days"], {
        "id": described(ref("id"), "Versions of one line share the id with disjoint dates."),
        "name": string(128),
        "mode": ref("mode"),
        "ddp": described({"type": "boolean"}, "Duty and tax prepaid, collected at checkout (default false)."),
        "volumetric": obj(["divisor"], {
            "divisor": integer(1, 1_000_000),
            "when_side_over_cm": integer(0, 100_000, "Volumetric weight only when a side exceeds this."),
        }, annotations=True),
        "step_g": integer(1, 1_000_000, "Chargeable weight is rounded up to a multiple of this."),
        "pricing": ref("pricing"),
        "zones": arr(obj(["countries", "pricing"], {
            "countries": arr(ref("country"), 0, 300), "pricing": ref("pricing")}, annotations=True), 0, 64),
        "surcharges": arr(ref("surcharge"), 0, 32),
        "insurance": obj(["rate", "min"], {"rate": ref("rate"), "min": ref("amount")}, annotations=True),
        "restrictions": obj(["countries"], {
            "countries": described(arr(ref("country"), 0, 300), "Countries served."),
            "max_weight_g": integer(1, GRAMS),
            "max_side_cm": integer(1, 100_000),
            "max_girth_cm": integer(1, 1_000_000),
            "prohibited": arr(ref("attribute"), 0, 32),
        }, annotations=True),
        "transit_days": obj(["min", "max"], {"min": integer(0, 365), "max": integer(0, 365)},
                            annotations=True, description="min ≤ max (RULEBOOK_INVALID otherwise)."),
        **DATED,
    }, annotations=True, description="A shipping line (dated).")


QUANT = {
    "rounding": ref("rounding"),
    "base_quantum": described(ref("positive_amount"), "The base is rounded to a multiple of this."),
    "quantum": described(ref("positive_amount"), "The computed amount is rounded to a multiple of this."),
}


def tax():
    components = arr({"enum": ["customs_value", "goods", "seller_shipping", "freight", "insurance",
                               "duty", "fees"]}, 0, 7, unique=True)
    t = obj(["id", "code"], {
        "id": ref("id"),
        "code": described(ref("id"), "The charge code, e.g. VAT, GST."),
        "rate": ref("rate"),
        "rates": arr(obj(["hs", "rate"], {"hs": ref("hs_prefix"), "rate": ref("rate")}, annotations=True), 1, 256),
        "of": described(ref("id"), "A tax on another (earlier) tax of this destination: rate × its amount."),
        "base": described(components, "Components the rate applies to."),
        "checkout_base": described(copy.deepcopy(components), "The base when a checkout regime fires."),
        "exemptions": arr(ref("threshold"), 0, 64),
        **QUANT,
        **DATED,
    }, annotations=True, description="A tax rule (dated): exactly one of rate and rates; with `of`, "
                                     "a single rate and no base; else a non-empty base.")
    t["oneOf"] = [{"required": ["rate"]}, {"required": ["rates"]}]
    t["if"] = {"required": ["of"]}
    t["then"] = {"not": {"required": ["base"]}}
    t["else"] = {"required": ["base"], "properties": {"base": {"minItems": 1}}}
    return t


def duty():
    rate = obj(["hs"], {
        "hs": ref("hs_prefix"),
        "ad_valorem": ref("rate"),
        "specific": described(ref("amount"), "Per unit, destination currency."),
        "modes": arr(ref("mode"), 1, 3),
        **DATED,
    }, annotations=True, description="A duty rate row (dated): at least one of ad_valorem, specific.")
    rate["anyOf"] = [{"required": ["ad_valorem"]}, {"required": ["specific"]}]
    per_category = obj(["id", "basis", "max", "currency", "amount", "hs_digits"], {
        **threshold_props(),
        "amount": described(ref("amount"), "Duty per distinct HS subheading, destination currency."),
        "hs_digits": integer(1, 10),
    }, annotations=True, description="A flat duty per distinct HS subheading when its threshold fires.")
    return obj([], {
        "rates": arr(rate, 0, 4096),
        "exemptions": arr(ref("threshold"), 0, 64),
        "per_category": arr(per_category, 0, 16),
        **QUANT,
    }, annotations=True)


def destination():
    return obj(["country", "currency", "valuation"], {
        "country": ref("country"),
        "currency": described(ref("currency"), "Customs currency and default settlement currency."),
        "rounding": ref("rounding"),
        "valuation": {"oneOf": [
            obj(["basis"], {"basis": {"enum": ["fob", "cif"]}}, annotations=True),
            obj(["basis", "rate"], {"basis": {"const": "price_rate"}, "rate": ref("rate")}, annotations=True),
        ]},
        "duty": ref("duty"),
        "taxes": arr(ref("tax"), 0, 16),
        "checkout": described(arr(ref("threshold"), 0, 64),
                              "The first that fires makes every duty and tax collected at checkout."),
    }, annotations=True)


def rulebook_schema(defs):
    fx = obj(["as_of", "max_age_hours", "on_stale", "markup", "rates"], {
        "as_of": ref("instant"),
        "max_age_hours": integer(1, 24 * 3660),
        "on_stale": {"enum": ["warn", "error"]},
        "markup": described({"allOf": [ref("rate"), {"pattern": "^(" + r"0(\.[0-9]{1,12})?" + "|.*/.*)$"}]},
                            "Spread on every charging conversion between two currencies; < 1."),
        "quoted_in": ref("currency"),
        "rates": {
            "description": "Currency → rate (> 0): base-currency units per unit, or with quoted_in, "
                           "units per 1 quoted_in (ECB style).",
            "type": "object",
            "propertyNames": ref("currency"),
            "additionalProperties": ref("positive_amount"),
            "maxProperties": 400,
        },
    }, annotations=True)
    warehouse = obj(["handling_per_unit", "consolidation_per_parcel", "packaging", "inbound_business_days"], {
        "handling_per_unit": ref("amount"),
        "consolidation_per_parcel": ref("amount"),
        "packaging": obj(["weight_g", "padding_cm"], {
            "weight_g": integer(0, 1_000_000), "padding_cm": integer(0, 100)}, annotations=True),
        "inbound_business_days": integer(0, 60),
        "weekend": described(arr(integer(1, 7), 0, 6), "ISO weekdays (1 = Monday); default [6, 7]."),
        "closures": arr(obj(["name", "from", "to"], {
            "name": string(128), "from": ref("date"), "to": ref("date")}, annotations=True), 0, 200),
    }, annotations=True)
    root = obj(["schema", "id", "origin_country", "base_currency", "rounding", "quote_valid_minutes", "fx",
                "service_fee", "warehouse", "lines", "destinations"], {
        "$schema": string(1024, "The schema this file follows (for editors); see core/schema/README.md."),
        "schema": {"const": TAGS["rulebook"]},
        "id": ref("id"),
        "origin_country": ref("country"),
        "base_currency": ref("currency"),
        "rounding": ref("rounding"),
        "rate_scale": integer(0, 12, "Fraction digits of rebased rates (default 12)."),
        "quote_valid_minutes": integer(1, 10080),
        "fx": fx,
        "cash_increments": {
            "type": "object", "propertyNames": ref("currency"),
            "additionalProperties": ref("positive_amount"),
        },
        "service_fee": obj(["rate", "min", "max"], {"rate": ref("rate"), "min": ref("amount"), "max": ref("amount")},
                           annotations=True),
        "warehouse": warehouse,
        "lines": arr(ref("line"), 1, 64),
        "destinations": arr(ref("destination"), 1, 250),
    }, annotations=True)
    defs = {
        **defs,
        "hs_prefix": {"description": 'HS code prefix, 0–10 digits ("" = every code).', "type": "string",
                      "pattern": "^[0-9]{0,10}$"},
        "threshold": obj(["id", "basis", "max", "currency"], threshold_props(), annotations=True,
                         description="A value limit (dated) for exemptions and checkout regimes."),
        "pricing": pricing(),
        "surcharge": surcharge(),
        "line": line(),
        "tax": tax(),
        "duty": duty(),
        "destination": destination(),
    }
    return document("rulebook", TAGS["rulebook"],
                    "A taoquote rulebook (docs/schema.md). Cross-field rules (dates, order, "
                    "references between entries) are checked by the core, not by this schema.",
                    root, defs)


# --- request -------------------------------------------------------------------------------------
def request_schema(defs):
    offer = obj(["seller"], {
        "seller": described(ref("id"), "A seller declared in /sellers."),
        "unit_price": ref("amount"),
        "tiers": arr(obj(["min_qty", "unit_price"], {
            "min_qty": integer(1, 1_000_000), "unit_price": ref("amount")}), 1, 32,
            description="min_qty strictly increasing (TIERS_OUT_OF_ORDER otherwise)."),
        "moq": integer(1, 1_000_000, "Minimum order quantity (default 1)."),
    }, description="Exactly one of unit_price and tiers.")
    offer["oneOf"] = [{"required": ["unit_price"]}, {"required": ["tiers"]}]
    item = obj(["id", "title", "hs_code", "quantity", "weight_g", "dimensions_cm", "offers"], {
        "id": ref("id"),
        "title": string(512),
        "hs_code": {"type": "string", "pattern": "^[0-9]{4,10}$"},
        "quantity": integer(1, 1_000_000),
        "weight_g": integer(0, 100_000_000, "Per unit."),
        "dimensions_cm": arr(integer(1, 1000), 3, 3),
        "attributes": arr(ref("attribute"), 0, 32),
        "origin": described(ref("country"), "Default: the rulebook's origin_country."),
        "offers": arr(offer, 1, 32),
    })
    seller = obj(["id", "platform", "shipping"], {
        "id": ref("id"),
        "platform": ref("platform"),
        "shipping": described(ref("amount"), "Domestic shipping to the warehouse, base currency."),
        "free_over": described(ref("amount"), "Shipping waived when this seller's goods ≥ it."),
    })
    root = obj(["at", "destination", "sellers", "items"], {
        "$schema": string(1024, "The schema this file follows (for editors); see core/schema/README.md."),
        "schema": {"const": TAGS["request"]},
        "at": described(ref("instant"), "The quote instant (the core never reads a clock)."),
        "destination": obj(["country"], {"country": ref("country"), "postal_code": string(16)}),
        "currency": described(ref("currency"), "Settlement currency (default: the destination's)."),
        "locale": {"description": 'BCP 47 tag for display strings, e.g. "de-DE".', "type": "string",
                   "pattern": "^[A-Za-z0-9]([A-Za-z0-9-]{0,33}[A-Za-z0-9])?$"},
        "line": described(ref("id"), "Quote this line instead of the cheapest eligible."),
        "cash_rounding": {"type": "boolean"},
        "sellers": arr(seller, 1, 200),
        "items": arr(item, 1, 200),
    })
    return document("request", TAGS["request"],
                    "A taoquote quote request (docs/schema.md). References (sellers named by offers, "
                    "the line, the destination's rules) are checked by the core.", root, defs)


# --- quote -----------------------------------------------------------------------------------
def quote_schema(defs):
    defs = {
        **defs,
        "money": {"description": "A settled amount: a decimal string with exactly its currency's minor "
                                 'digits ("12.50", "1250" for JPY, "3.125" for KWD); may be negative.',
                  "type": "string", "pattern": "^-?" + DEC + "$"},
        "plain_rate": {"description": "A rate: a plain decimal string, trailing zeros trimmed, or p/q.",
                       "type": "string",
                       "pattern": r"^(0|[1-9][0-9]*)(\.[0-9]*[1-9])?(/(0|[1-9][0-9]*)(\.[0-9]*[1-9])?)?$"},
        "utc_instant": {"type": "string", "pattern": "^" + DATE + "T" + TIME + r"(\.[0-9]{3})?Z$"},
        "digest": {"type": "string", "pattern": "^sha256:[0-9a-f]{64}$"},
        "code": {"type": "string", "pattern": "^[A-Z][A-Z0-9_]*$"},
    }
    money, inst = ref("money"), ref("utc_instant")
    common_option = {"line": ref("id"), "name": {"type": "string"}, "mode": ref("mode"), "ddp": {"type": "boolean"}}
    eligible = obj(list(common_option) + ["eligible", "volumetric_g", "chargeable_g", "freight", "surcharges",
                                          "insurance", "total", "price", "transit_days", "eta"], {
        **common_option,
        "eligible": {"const": True},
        "volumetric_g": integer(0, 10**18),
        "chargeable_g": integer(0, 10**18),
        "freight": described(money, "Base currency."),
        "surcharges": arr(obj(["code", "amount"], {"code": ref("id"), "amount": money})),
        "insurance": {"oneOf": [money, {"type": "null"}]},
        "total": described(money, "Base currency."),
        "price": described(money, "Settlement currency, with FX markup."),
        "transit_days": obj(["min", "max"], {"min": integer(0, 365), "max": integer(0, 365)}),
        "eta": obj(["dispatch", "earliest", "latest"], {"dispatch": ref("date"), "earliest": ref("date"),
                                                         "latest": ref("date")}),
    })
    ineligible = obj(list(common_option) + ["eligible", "reason", "message"], {
        **common_option,
        "eligible": {"const": False},
        "reason": {"enum": ["DESTINATION_NOT_SERVED", "PROHIBITED_ATTRIBUTE", "OVERWEIGHT", "OVERSIZE"]},
        "message": {"type": "string"},
    })
    nullable_id = {"oneOf": [ref("id"), {"type": "null"}]}
    customs = obj(["country", "currency", "valuation", "goods_value", "customs_value", "thresholds", "lines",
                   "duty", "taxes", "collect", "regime"], {
        "country": ref("country"),
        "currency": ref("currency"),
        "valuation": {**obj(["basis"], {"basis": {"enum": ["fob", "cif", "price_rate"]},
                                        "rate": ref("plain_rate")}),
                      "if": {"properties": {"basis": {"const": "price_rate"}}},
                      "then": {"required": ["rate"]}, "else": {"not": {"required": ["rate"]}}},
        "goods_value": money,
        "customs_value": money,
        "thresholds": arr(obj(["id", "applies_to", "basis", "value", "max", "currency", "fired"], {
            "id": ref("id"),
            "applies_to": {"type": "string",
                           "pattern": "^(per_category|duty|checkout|tax:" + ID_CHARS + "{1,64})$"},
            "basis": {"enum": ["goods", "customs_value"]},
            "value": money, "max": money, "currency": ref("currency"), "fired": {"type": "boolean"},
        }), description="Every threshold evaluated, in order; each list stops at the first that fires."),
        "lines": arr(obj(["item", "hs_code", "goods", "seller_shipping", "freight", "insurance", "fees",
                          "customs_value", "duty"], {
            "item": ref("id"), "hs_code": {"type": "string", "pattern": "^[0-9]{4,10}$"},
            **{k: money for k in ["goods", "seller_shipping", "freight", "insurance", "fees", "customs_value",
                                  "duty"]}})),
        "duty": obj(["rule", "id", "amount"], {"rule": {"enum": ["per_category", "exempt", "rates"]},
                                               "id": nullable_id, "amount": money}),
        "taxes": arr(obj(["id", "code", "of", "exempt_by", "groups", "amount"], {
            "id": ref("id"), "code": ref("id"), "of": nullable_id, "exempt_by": nullable_id,
            "groups": arr(obj(["rate", "base", "amount"], {"rate": ref("plain_rate"), "base": money,
                                                           "amount": money})),
            "amount": money})),
        "collect": {"enum": ["checkout", "delivery"]},
        "regime": described(nullable_id, 'The threshold id that made duty and tax payable at checkout, '
                                         '"ddp", or null.'),
    })
    platform = ref("platform")
    root = obj(["schema", "rulebook", "at", "expires_at", "destination", "currency", "items", "sellers", "parcel",
                "options", "selected", "customs", "charges", "total", "due_on_delivery", "fx", "warnings",
                "fingerprint"], {
        "schema": {"const": TAGS["quote"]},
        "rulebook": obj(["id", "digest"], {"id": ref("id"), "digest": ref("digest")}),
        "at": inst,
        "expires_at": inst,
        "destination": obj(["country", "currency"], {"country": ref("country"), "currency": ref("currency")}),
        "currency": described(ref("currency"), "Settlement currency of total and checkout charges."),
        "items": arr(obj(["id", "quantity", "offer", "seller", "platform", "unit_price", "amount"], {
            "id": ref("id"), "quantity": integer(1, 1_000_000), "offer": integer(0, 31), "seller": ref("id"),
            "platform": platform,
            "unit_price": described(money, "Not settled: at least the minor digits, more when the offer had them."),
            "amount": money})),
        "sellers": arr(obj(["id", "platform", "shipping"], {"id": ref("id"), "platform": platform,
                                                             "shipping": money})),
        "parcel": obj(["actual_g", "dimensions_cm"], {"actual_g": integer(0, 10**18),
                                                       "dimensions_cm": arr(integer(0, 10**9), 3, 3)}),
        "options": arr({"oneOf": [eligible, ineligible]},
                       description="Every line in force, rulebook order."),
        "selected": ref("id"),
        "customs": customs,
        "charges": arr(obj(["code", "collect", "amount", "currency", "source_amount", "source_currency"], {
            "code": ref("id"), "collect": {"enum": ["checkout", "delivery"]}, "amount": money,
            "currency": ref("currency"), "source_amount": money, "source_currency": ref("currency")})),
        "total": described(money, "Σ checkout charges, settlement currency."),
        "due_on_delivery": obj(["amount", "currency"], {"amount": money, "currency": ref("currency")}),
        "fx": obj(["as_of", "markup", "rates"], {
            "as_of": inst, "markup": ref("plain_rate"),
            "rates": arr(obj(["from", "to", "mid", "charged"], {
                "from": ref("currency"), "to": ref("currency"), "mid": ref("plain_rate"),
                "charged": ref("plain_rate")}))}),
        "warnings": arr(obj(["code", "message"], {
            "code": described(ref("code"), "e.g. FX_STALE, CASH_INCREMENT_MISSING."),
            "message": {"type": "string"}})),
        "fingerprint": described(ref("digest"), '"sha256:" + hex SHA-256 of the canonical JSON without '
                                                "this member."),
    })
    return document("quote", TAGS["quote"],
                    "A canonical taoquote quote (docs/quote.md). Key order is fixed; amounts carry "
                    "exactly their currency's minor digits.", root, defs)


# --- error body ----------------------------------------------------------------------------------
def error_schema():
    root = obj(["error"], {"error": obj(["code", "doc", "path", "message"], {
        "code": {"description": "Stable error code (docs/errors.md).", "enum": ERROR_CODES},
        "doc": {"description": "The document the pointer points into.", "enum": ["rulebook", "request"]},
        "path": {"description": 'RFC 6901 JSON Pointer ("" = the whole document).', "type": "string",
                 "pattern": "^(/([^~]|~[01])*)*$"},
        "message": {"description": "One sentence for people.", "type": "string"},
        "detail": arr(obj(["id", "reason", "message"], {
            "id": {"type": "string"}, "reason": {"type": "string"}, "message": {"type": "string"}}), 1,
            description="Per-line reasons: NO_ELIGIBLE_LINE and LINE_INELIGIBLE only."),
    })})
    return document("error", "taoquote error body",
                    "The error body of every binding (docs/errors.md): the same code and pointer "
                    "natively, in WebAssembly and over HTTP.", root, {})


def schemas():
    defs = common_defs()
    return {
        "rulebook": rulebook_schema(pick(defs, *defs)),
        "request": request_schema(pick(defs, "amount", "currency", "country", "id", "instant", "platform",
                                       "attribute")),
        "quote": quote_schema(pick(defs, "currency", "country", "id", "date", "mode", "platform")),
        "error": error_schema(),
    }


# --- OpenAPI 3.1 -------------------------------------------------------------------------------
from openapi_doc import openapi  # noqa: E402  (core/schema/openapi_doc.py, beside this file)


def render(doc):
    return json.dumps(doc, indent=1, ensure_ascii=False) + "\n"


def outputs():
    s = schemas()
    files = {SCHEMA_DIR / (k + ".schema.json"): render(v) for k, v in s.items()}
    files[OPENAPI] = render(openapi(s, project_version()))
    return files


def main(argv):
    check = "--check" in argv
    stale = []
    for path, text in outputs().items():
        current = path.read_text(encoding="utf-8") if path.exists() else None
        if current == text:
            continue
        if check:
            stale.append(str(path.relative_to(REPO)))
        else:
            path.write_text(text, encoding="utf-8")
            print("wrote", path.relative_to(REPO))
    if stale:
        print("out of date (run python3 core/schema/gen_schemas.py): " + ", ".join(stale))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
