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
                                          "its choose."),
        "customs": customs,
        "charges": arr(obj(["code", "collect", "amount", "currency", "source_amount", "source_currency"], {
            "code": ref("id"), "collect": {"enum": ["checkout", "delivery"]}, "amount": money,
            "currency": ref("currency"), "source_amount": money, "source_currency": ref("currency")})),
        "total": described(money, "Σ checkout charges, settlement currency."),
        "due_on_delivery": described(ref("money_in"), "Σ delivery charges, destination currency."),
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
