"""The rulebook and request schemas (docs/schema.md), transcribed from the codec's readers
(core/codec/src/rulebook_codec.cpp, request_decoder.cpp). Used by gen_schemas.py.
"""
import copy

from schema_dsl import (TAGS, arr, described, document, integer, obj, ref, string)
# --- rulebook ----------------------------------------------------------------------------------
DATED = {"valid_from": ref("instant"), "valid_to": ref("instant")}
GRAMS = 100_000_000_000


def threshold_props():
    """The members of every threshold (checkout regimes, per-category duty and exemptions)."""
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


def exemption_props():
    """A duty or tax exemption: a threshold that may leave some HS codes dutiable and taxed
    (`unless_hs` elsewhere is RULEBOOK_INVALID, so the schema offers it here only)."""
    return {
        **threshold_props(),
        "unless_hs": described(arr({"type": "string", "pattern": "^[0-9]{2,10}$"}, 1, 64),
                               "HS prefixes (2–10 digits) this exemption does not cover: their lines "
                               "pay duty and tax as if it had not fired; the value tested is still "
                               "the whole parcel's."),
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


def delivery_fee():
    common = {
        "code": described(ref("id"), "The charge code in the quote, collected on delivery."),
        "countries": described(arr(ref("country"), 0, 300), "Destinations the fee applies to."),
        "currency": described(ref("currency"), "The destination currency of every listed country "
                                               "(RULEBOOK_INVALID otherwise)."),
    }
    fixed = obj(["code", "countries", "currency", "fixed"], {
        **common,
        "fixed": described(ref("amount"), "Per parcel, in `currency`."),
        **DATED,
    }, annotations=True, description="A fixed carrier fee per parcel.")
    rate = obj(["code", "countries", "currency", "rate"], {
        **common,
        "rate": described(ref("rate"), "Rate of the duty and tax due on delivery."),
        "min": described(ref("amount"), "At least this, in `currency`."),
        "max": described(ref("amount"), "At most this, in `currency` (≥ min)."),
        **DATED,
    }, annotations=True, description="A carrier fee as a rate of the duty and tax due, with optional "
                                     "bounds.")
    return {"description": "A carrier fee collected from the buyer on delivery (dated), when duty or tax "
                           "is due on delivery with this line to a listed country: exactly one of fixed and "
                           "rate; min and max only with rate.",
            "oneOf": [fixed, rate]}


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
        "delivery_fees": arr(ref("delivery_fee"), 0, 64),
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
        "exemptions": arr(ref("exemption"), 0, 64),
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
    default = obj([], {
        "ad_valorem": ref("rate"),
        "specific": described(ref("amount"), "Per unit, destination currency."),
    }, annotations=True, description="The duty of an item no rate row matches (undated, every code and "
                                     "mode): at least one of ad_valorem, specific. Without it such an "
                                     "item is DUTY_RATE_MISSING.")
    default["anyOf"] = [{"required": ["ad_valorem"]}, {"required": ["specific"]}]
    per_category = obj(["id", "basis", "max", "currency", "amount", "hs_digits"], {
        **threshold_props(),
        "amount": described(ref("amount"), "Duty per distinct HS subheading, destination currency."),
        "hs_digits": integer(1, 10),
    }, annotations=True, description="A flat duty per distinct HS subheading when its threshold fires.")
    return obj([], {
        "rates": arr(rate, 0, 4096),
        "default": default,
        "exemptions": arr(ref("exemption"), 0, 64),
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
            obj(["basis", "rate"], {
                "basis": {"const": "price_rate"},
                "rate": ref("rate"),
                "add": described(arr({"enum": ["seller_shipping", "freight", "insurance"]}, 0, 3, unique=True),
                                 "Parcel amounts whose line shares are added to rate × goods (Japan: "
                                 "freight and insurance)."),
            }, annotations=True),
        ]},
        "duty": ref("duty"),
        "taxes": arr(ref("tax"), 0, 16),
        "checkout": described(arr(ref("threshold"), 0, 64),
                              "The first that fires makes every duty and tax collected at checkout."),
        "parcels": described({"enum": ["together", "separately"]},
                             "How customs assesses the parcels of one split order: together as one "
                             "consignment (default; thresholds on the order's total) or each parcel "
                             "on its own (docs/parcels.md)."),
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
        "max_parcels": described(integer(1, 4), "The most parcels a split order ships as; default 4."),
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
                         description="A value limit (dated) of a checkout regime."),
        "exemption": obj(["id", "basis", "max", "currency"], exemption_props(), annotations=True,
                         description="A value limit (dated) at or below which duty or a tax is 0."),
        "delivery_fee": delivery_fee(),
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
        "expires_at": described(ref("instant"), "When the offer's price stops being offered "
                                "(signed with it; docs/signed-offers.md)."),
        "signature": obj(["kid", "alg", "value"], {
            "kid": described(ref("id"), "The signing key's id."),
            "alg": {"const": "ed25519"},
            "value": {"description": "Base64url (no padding) of the 64-byte Ed25519 signature.",
                      "type": "string", "pattern": "^[A-Za-z0-9_-]{85}[AQgw]$"},
        }, description="The product service's signature over the offer's canonical JSON "
           "(docs/signed-offers.md). Passed through; only the service verifies it."),
    }, description="Exactly one of unit_price and tiers. A signed offer carries expires_at.")
    offer["oneOf"] = [{"required": ["unit_price"]}, {"required": ["tiers"]}]
    offer["dependentRequired"] = {"signature": ["expires_at"]}
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
        "line": described(ref("id"), "Quote this line instead of choosing one."),
        "choose": {"description": "Without `line`: the option to quote — the least landed total "
                                  "(default), the earliest latest ETA, or the least freight.",
                   "enum": ["landed", "fastest", "cheapest_freight"]},
        "cash_rounding": {"type": "boolean"},
        "partial": described({"type": "boolean"},
                             "true: items that cannot be quoted alone (BELOW_MOQ, NO_OFFER, "
                             "NO_ELIGIBLE_LINE) are listed in the quote's excluded[] and the rest is "
                             "quoted (default false)."),
        "split": {"description": "When the cart may ship as several parcels: never, only when no "
                                 "single line can carry it (default), or whenever that lowers the "
                                 "landed total (docs/parcels.md).",
                  "enum": ["never", "when_needed", "when_cheaper"]},
        "sellers": arr(seller, 1, 200),
        "items": arr(item, 1, 200),
    })
    return document("request", TAGS["request"],
                    "A taoquote quote request (docs/schema.md). References (sellers named by offers, "
                    "the line, the destination's rules) are checked by the core.", root, defs)
