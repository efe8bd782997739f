"""Shared helpers of the schema tests: the schemas, a validator for each, strict JSON reading.

Needs Debian's python3-jsonschema (4.10: draft 2020-12); run with /usr/bin/python3.
"""
import json
import sys
from pathlib import Path

from jsonschema import Draft202012Validator, RefResolver

REPO = Path(__file__).resolve().parents[2]
SCHEMA_DIR = REPO / "core" / "schema"
OPENAPI = REPO / "native" / "service" / "openapi.json"
KINDS = ("rulebook", "request", "quote", "error", "diff")

sys.path.insert(0, str(REPO / "tests" / "native" / "service"))
from test_service import apply_patch, catalogue_request  # noqa: E402,F401  (one JSON Patch)


def load_schema(kind):
    return json.loads((SCHEMA_DIR / (kind + ".schema.json")).read_text(encoding="utf-8"))


def validator(kind):
    return Draft202012Validator(load_schema(kind))


def problems(v, instance, limit=3):
    """The first few validation errors as 'pointer: message' lines (empty when valid)."""
    out = []
    for e in sorted(v.iter_errors(instance), key=lambda e: list(e.absolute_path)):
        pointer = "".join("/" + str(p) for p in e.absolute_path)
        out.append("%s: %s" % (pointer or "(root)", e.message[:160]))
        if len(out) >= limit:
            break
    return out


class StrictJsonError(ValueError):
    pass


def _no_duplicates(pairs):
    keys = [k for k, _ in pairs]
    if len(keys) != len(set(keys)):
        raise StrictJsonError("duplicate key")
    return dict(pairs)


def depth(x):
    d, stack = 0, [(x, 1)]
    while stack:
        node, level = stack.pop()
        if isinstance(node, (dict, list)):
            d = max(d, level)
            stack.extend((c, level + 1) for c in (node.values() if isinstance(node, dict) else node))
    return d


def strict_json(data):
    """Parses bytes as the core's reader does (UTF-8, no duplicate keys, nesting ≤ 32), or raises."""
    try:
        doc = json.loads(data.decode("utf-8"), object_pairs_hook=_no_duplicates)
    except (UnicodeDecodeError, ValueError, RecursionError) as e:
        raise StrictJsonError(str(e)[:80]) from None
    if depth(doc) > 32:
        raise StrictJsonError("nesting deeper than 32")
    return doc


def openapi_validator(schema):
    """A validator for a schema inside the OpenAPI document (its #/components/... refs resolve)."""
    doc = json.loads(OPENAPI.read_text(encoding="utf-8"))
    resolver = RefResolver("", doc)
    return Draft202012Validator(schema, resolver=resolver), doc
