"""The quote and error-body schemas (docs/quote.md, docs/errors.md), transcribed from the
canonical writer (core/codec/src/quote_writer.cpp) and the error body. Used by gen_schemas.py.
"""
from schema_dsl import (DATE, DEC, ERROR_CODES, ID_CHARS, TAGS, TIME, arr, described, document, integer, obj, ref)

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
        "money_in": obj(["amount", "currency"], {"amount": ref("money"), "currency": ref("currency")},
                        description="A settled amount and its currency."),
        "pointer": {"description": 'RFC 6901 JSON Pointer ("" = the whole document).', "type": "string",
                    "pattern": "^(/([^~]|~[01])*)*$"},
    }
    money, inst = ref("money"), ref("utc_instant")
    common_option = {"line": ref("id"), "name": {"type": "string"}, "mode": ref("mode"), "ddp": {"type": "boolean"}}
    eligible = obj(list(common_option) + ["eligible", "volumetric_g", "chargeable_g", "freight", "surcharges",
                                          "insurance", "total", "price", "checkout_total", "due_on_delivery",
                                          "landed_total", "transit_days", "eta"], {
        **common_option,
        "eligible": {"const": True},
        "volumetric_g": integer(0, 10**18),
        "chargeable_g": integer(0, 10**18),
        "freight": described(money, "Base currency."),
        "surcharges": arr(obj(["code", "amount"], {"code": ref("id"), "amount": money})),
        "insurance": {"oneOf": [money, {"type": "null"}]},
        "total": described(money, "Base currency."),
        "price": described(money, "Settlement currency, with FX markup: the FREIGHT, surcharge and "
                                  "INSURANCE charges this line books."),
        "checkout_total": described(money, "Settlement currency: the quote's total if this line is chosen."),
        "due_on_delivery": described(ref("money_in"), "Destination currency: the quote's due_on_delivery "
                                                      "with this line."),
        "landed_total": described(money, "Settlement currency: checkout_total + due_on_delivery at the mid "
                                         "rate without markup, settled."),
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
            "parcel": described(integer(0, 3), "Split quotes assessed separately: the parcel whose value "
                                               "this was."),
        }), description="Every threshold evaluated, in order; each list stops at the first that fires."),
        "lines": arr(obj(["item", "hs_code", "goods", "seller_shipping", "freight", "insurance", "fees",
                          "customs_value", "duty"], {
            "item": ref("id"), "hs_code": {"type": "string", "pattern": "^[0-9]{4,10}$"},
            **{k: money for k in ["goods", "seller_shipping", "freight", "insurance", "fees", "customs_value",
                                  "duty"]}})),
        "assessment": described({"enum": ["together", "separately"]},
                                "Split quotes only: how customs assessed the parcels (docs/parcels.md)."),
        "duty": obj(["rule", "id", "amount"], {"rule": {"enum": ["per_category", "exempt", "rates", "parcels"]},
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
    shipped = obj(["items", "actual_g", "dimensions_cm", "goods", "line", "name", "mode", "ddp", "volumetric_g",
                   "chargeable_g", "freight", "surcharges", "insurance", "total", "consolidation", "price", "duty",
                   "taxes", "collect", "transit_days", "eta"], {
        "items": arr(obj(["id", "quantity"], {"id": ref("id"), "quantity": integer(1, 1_000_000)}), 1, 200),
        "actual_g": integer(0, 10**18),
        "dimensions_cm": arr(integer(0, 10**9), 3, 3),
        "goods": described(money, "Base currency: its items' line amounts, allocated by units."),
        **{k: eligible["properties"][k] for k in ["line", "name", "mode", "ddp", "volumetric_g", "chargeable_g",
                                                   "freight", "surcharges", "insurance", "total"]},
        "consolidation": described(money, "Base currency: this parcel's consolidation fee."),
        "price": described(money, "Settlement currency: its consolidation, freight, surcharge and insurance "
                                  "charges."),
        "duty": described(money, "Destination currency: its duty (assessed, or its allocated share)."),
        "taxes": arr(obj(["code", "amount"], {"code": ref("id"), "amount": money})),
        "collect": {"enum": ["checkout", "delivery"]},
        "transit_days": eligible["properties"]["transit_days"],
        "eta": eligible["properties"]["eta"],
    })
    root = obj(["schema", "rulebook", "at", "expires_at", "destination", "currency", "items", "sellers", "parcel",
                "options", "customs", "charges", "total", "due_on_delivery", "fx", "warnings",
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
        "excluded": arr(obj(["item", "code", "path", "message"], {
            "item": described(ref("id"), "The item left out."),
            "code": {"description": "Why it cannot be quoted, even alone.",
                     "enum": ["BELOW_MOQ", "NO_OFFER", "NO_ELIGIBLE_LINE"]},
            "path": described(ref("pointer"), "Where in the request (its own numbering)."),
            "message": {"type": "string"}}),
            description="Only in partial quotes (request partial: true): the items left out, in request "
                        "order; [] when every item was quoted."),
        "parcel": obj(["actual_g", "dimensions_cm"], {"actual_g": integer(0, 10**18),
                                                       "dimensions_cm": arr(integer(0, 10**9), 3, 3)}),
        "options": arr({"oneOf": [eligible, ineligible]},
                       description="Every line in force, rulebook order."),
        "selected": described(ref("id"), "The request's line, else the least eligible option under "
                                          "its choose. Absent when the quote splits."),
        "parcels": arr(shipped, 2, 4, description="Only when the quote splits (docs/parcels.md): each parcel, "
                                                  "in parcel order."),
        "customs": customs,
        "charges": arr(obj(["code", "collect", "amount", "currency", "source_amount", "source_currency"], {
            "code": ref("id"), "collect": {"enum": ["checkout", "delivery"]}, "amount": money,
            "currency": ref("currency"), "source_amount": money, "source_currency": ref("currency"),
            "parcel": described(integer(0, 3), "Split quotes: the parcel a per-parcel charge belongs to.")})),
        "total": described(money, "Σ checkout charges, settlement currency."),
        "due_on_delivery": described(ref("money_in"), "Σ delivery charges, destination currency."),
        "landed_total": described(money, "Split quotes only: total + due_on_delivery at the mid rate, settled."),
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
    root["oneOf"] = [{"required": ["selected"], "not": {"required": ["parcels"]}},
                     {"required": ["parcels", "landed_total"], "not": {"required": ["selected"]}}]
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


# --- quote diff ----------------------------------------------------------------------------------
CHANGE_KINDS = ["rulebook", "at", "destination", "currency", "markup", "fx", "offer", "quantity", "tier",
                "unit_price", "item_added", "item_removed", "seller_added", "seller_removed",
                "seller_shipping", "parcel", "line", "weight", "threshold", "rule", "duty_rule", "tax_rate",
                "regime"]
CAUSE_KINDS = ["fx", "offer", "tier", "quantity", "unit_price", "item_added", "item_removed", "seller_added",
               "seller_removed", "seller_shipping", "goods", "line", "weight", "threshold", "rule", "duty",
               "tax_rate", "customs_value", "regime", "due", "rulebook", "currency", "rounding", "other"]


def diff_schema(defs):
    """The diff document (docs/diff.md, "The diff document"), transcribed from its writer
    (core/codec/src/diff.cpp, build_json). The identities copy the two quotes' members, so they
    have the quote schema's types: this describes the diff of two canonical quotes."""
    defs = {
        **defs,
        "money": {"description": 'A decimal string with the currency\'s minor digits, as in a quote ("-0.16" '
                                 "for a fall).", "type": "string", "pattern": "^-?" + DEC + "$"},
        "utc_instant": {"type": "string", "pattern": "^" + DATE + "T" + TIME + r"(\.[0-9]{3})?Z$"},
        "digest": {"type": "string", "pattern": "^sha256:[0-9a-f]{64}$"},
        "text": {"description": "One English sentence for people; may be reworded between versions.",
                 "type": "string"},
        "side": obj(["rulebook", "at", "currency", "selected", "total", "due_on_delivery", "fingerprint"], {
            "rulebook": obj(["id", "digest"], {"id": ref("id"), "digest": ref("digest")}),
            "at": ref("utc_instant"),
            "currency": described(ref("currency"), "The quote's settlement currency."),
            "selected": {"description": "The quote's selected line; for a split quote its parcels' lines "
                                        "joined by \"+\" (docs/parcels.md).",
                         "type": "string", "pattern": "^" + ID_CHARS + "{1,64}(\\+" + ID_CHARS + "{1,64}){0,3}$"},
            "total": ref("money"),
            "due_on_delivery": obj(["amount", "currency"], {"amount": ref("money"), "currency": ref("currency")}),
            "fingerprint": {"description": 'The quote\'s fingerprint, "" when the input had none.',
                            "oneOf": [ref("digest"), {"const": ""}]},
        }, description="One quote's identity."),
        "nullable_money": {"oneOf": [ref("money"), {"type": "null"}]},
    }
    money, nullable = ref("money"), ref("nullable_money")
    figure = {"before": money, "after": money,
              "delta": described(nullable, "after − before; null when the two are in different currencies.")}
    root = obj(["schema", "before", "after", "comparable", "currency", "total", "due_on_delivery", "changes",
                "charges", "notes"], {
        "schema": {"const": TAGS["diff"]},
        "before": ref("side"),
        "after": ref("side"),
        "comparable": {"description": "True when both quotes settle in the same currency.", "type": "boolean"},
        "currency": described(ref("currency"), "The after quote's settlement currency."),
        "total": obj(["before", "after", "delta"], figure,
                     description="The total at checkout; the checkout charges' deltas sum to its delta."),
        "due_on_delivery": obj(["before", "after", "delta", "currency"], {
            **figure, "currency": described(ref("currency"), "The after quote's destination currency.")},
            description="Due on delivery; the delivery charges' deltas sum to its delta (null when the "
                        "destination currencies differ)."),
        "changes": arr(obj(["kind", "ref", "before", "after", "text"], {
            "kind": {"description": "What changed (docs/diff.md, Changes); stable, for programs.",
                     "enum": CHANGE_KINDS},
            "ref": {"description": 'An item, seller, line or rule id, or an FX pair "CNY/EUR"; "" if none.',
                    "type": "string"},
            "before": {"description": 'The value in the before quote ("" when absent).', "type": "string"},
            "after": {"description": 'The value in the after quote ("" when absent).', "type": "string"},
            "text": ref("text"),
        }), description="What differs between the quotes, independent of any charge, in a fixed order."),
        "charges": arr(obj(["code", "collect", "currency", "before", "after", "delta", "causes"], {
            "code": ref("id"),
            "collect": {"enum": ["checkout", "delivery"]},
            "currency": ref("currency"),
            "before": described(nullable, "null when the before quote has no such charge."),
            "after": described(nullable, "null when the after quote has no such charge."),
            "delta": described(money, "after − before."),
            "causes": arr(obj(["kind", "ref", "amount", "text"], {
                "kind": {"description": "The cause (docs/diff.md, The cause of each charge); stable.",
                         "enum": CAUSE_KINDS},
                "ref": {"description": 'What it is about (item, seller, line or rule id, FX pair); "" if none.',
                        "type": "string"},
                "amount": described(money, "Its share of the charge's delta; the causes sum exactly to it."),
                "text": ref("text"),
            }), 1),
        }), description="Every charge whose amount changed, in the after quote's order, then those only the "
                        "before quote has."),
        "notes": arr({"type": "string"}, description="What could not be compared, in English."),
    })
    return document("diff", TAGS["diff"],
                    "Why a price changed: two quotes compared charge by charge (docs/diff.md). Key order is "
                    "fixed; each charge's causes sum exactly to its delta.", root, defs)
