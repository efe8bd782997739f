"""Building blocks of taoquote's JSON Schemas (used by gen_schemas.py): the tables read from
the core, small builders for closed objects, arrays and ranges, and the value types every
schema shares (docs/schema.md, "Common value types"). Standard library only.
"""
import copy
import re
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
    "diff": "urn:taoquote:schema:diff:1",
}
TAGS = {
    "rulebook": "taoquote.rulebook/1",
    "request": "taoquote.request/1",
    "quote": "taoquote.quote/1",
    "diff": "taoquote.diff/1",
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
