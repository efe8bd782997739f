#!/usr/bin/env python3
"""Writes taoquote's machine-readable contracts: JSON Schema 2020-12 for the rulebook, the
request, the quote, the error body and the quote diff (core/schema/*.schema.json) and the
OpenAPI 3.1 document of taoquote-service (native/service/openapi.json), which embeds those
five schemas.

The shapes — inputs.py (rulebook, request), outputs.py (quote, error body, quote diff),
openapi_doc.py, on the builders of schema_dsl.py — transcribe docs/schema.md, docs/quote.md,
docs/errors.md, docs/diff.md and docs/service.md (and the code that enforces them); the
currency, country and error-code lists are read from the core's own tables, so the schemas
cannot drift from the registry.

    python3 core/schema/gen_schemas.py          # rewrite the files
    python3 core/schema/gen_schemas.py --check  # exit 1 and name every file that differs
Standard library only.
"""
import json
import sys

from inputs import request_schema, rulebook_schema
from openapi_doc import openapi
from outputs import diff_schema, error_schema, quote_schema
from schema_dsl import OPENAPI, REPO, SCHEMA_DIR, common_defs, pick, project_version


def schemas():
    defs = common_defs()
    return {
        "rulebook": rulebook_schema(pick(defs, *defs)),
        "request": request_schema(pick(defs, "amount", "currency", "country", "id", "instant", "platform",
                                       "attribute")),
        "quote": quote_schema(pick(defs, "currency", "country", "id", "date", "mode", "platform")),
        "error": error_schema(),
        "diff": diff_schema(pick(defs, "currency", "id")),
    }




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
