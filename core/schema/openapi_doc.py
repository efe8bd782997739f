"""The OpenAPI 3.1 document of taoquote-service (docs/service.md), built by gen_schemas.py.

The five JSON Schemas (rulebook, request, quote, error, diff) are bundled into
components/schemas so the served document is self-contained and a client generator needs no
other file: each schema's root becomes `Rulebook`, `Request`, `Quote`, `Error` or `Diff` (the
200 answer of POST /v1/diff), each of its $defs becomes
`<Root>.<def>`, and its `#/$defs/x` references become `#/components/schemas/<Root>.x`
(bundle() below; $schema and $id are dropped from the copies, since tools that resolve
references against the document root would otherwise mis-resolve them). unbundle() is the
inverse; tests/schema checks that it gives back core/schema/*.schema.json exactly.
Standard library only.
"""
import copy
import re
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def service_codes():
    """The service's own error codes: every upper-case string constant of native/service/*.hpp
    (http_errors.hpp's `codes`, and codes kept beside their feature, e.g. the work budget)."""
    codes = set()
    for header in sorted((REPO / "native" / "service").glob("*.hpp")):
        text = header.read_text(encoding="utf-8")
        codes.update(re.findall(r'inline constexpr std::string_view \w+ = "([A-Z][A-Z0-9_]+)";', text))
    assert "NOT_FOUND" in codes, "native/service/http_errors.hpp not understood"
    return sorted(codes)


NAMES = {"rulebook": "Rulebook", "request": "Request", "quote": "Quote", "error": "Error", "diff": "Diff"}


def _rewrite_refs(node, old_prefix, new_prefix):
    if isinstance(node, dict):
        for k, v in node.items():
            if k == "$ref" and isinstance(v, str) and v.startswith(old_prefix):
                node[k] = new_prefix + v[len(old_prefix) :]
            else:
                _rewrite_refs(v, old_prefix, new_prefix)
    elif isinstance(node, list):
        for v in node:
            _rewrite_refs(v, old_prefix, new_prefix)


def bundle(schemas):
    """{kind: schema} → components/schemas entries (see the module comment)."""
    out = {}
    for kind, schema in schemas.items():
        root = NAMES[kind]
        s = copy.deepcopy(schema)
        s.pop("$schema", None)
        s.pop("$id", None)
        defs = s.pop("$defs", {})
        _rewrite_refs(s, "#/$defs/", "#/components/schemas/" + root + ".")
        _rewrite_refs(defs, "#/$defs/", "#/components/schemas/" + root + ".")
        out[root] = s
        for name, d in defs.items():
            out[root + "." + name] = d
    return out


def unbundle(components, kind, schema_id, dialect):
    """The inverse of bundle() for one kind: the standalone schema document."""
    root = NAMES[kind]
    s = copy.deepcopy(components[root])
    defs = {k[len(root) + 1 :]: copy.deepcopy(v) for k, v in components.items() if k.startswith(root + ".")}
    _rewrite_refs(s, "#/components/schemas/" + root + ".", "#/$defs/")
    _rewrite_refs(defs, "#/components/schemas/" + root + ".", "#/$defs/")
    out = {"$schema": dialect, "$id": schema_id, **s}
    out["$defs"] = defs
    return out


def sref(name):
    return {"$ref": "#/components/schemas/" + name}


def hdr(name):
    return {"$ref": "#/components/headers/" + name}


def json_body(schema, description):
    return {"description": description, "content": {"application/json": {"schema": schema}}}


ANY_ERROR = {"anyOf": [sref("Error"), sref("ServiceError")]}


def transport_errors():
    """Statuses any operation can meet before its handler runs (docs/service.md)."""
    return {
        "400": {"$ref": "#/components/responses/BadRequest"},
        "408": {"$ref": "#/components/responses/RequestTimeout"},
        "431": {"$ref": "#/components/responses/HeaderTooLarge"},
        "500": {"$ref": "#/components/responses/Internal"},
        "503": {"$ref": "#/components/responses/Unavailable"},
    }


def post_errors(verify):
    doc = "the verify envelope or the request inside it" if verify else "the request"
    out = transport_errors()
    out["400"] = json_body(ANY_ERROR, "INVALID_JSON: " + doc + " is not JSON (core error, doc "
                           + ("`verify` for the envelope, `request` inside it" if verify else "`request`")
                           + "), or BAD_REQUEST: malformed HTTP (connection closed).")
    out["413"] = json_body(ANY_ERROR, "LIMIT_EXCEEDED (core: beyond the documented limits), "
                           "PAYLOAD_TOO_LARGE (body above --max-body; connection closed), or a "
                           "limit of the service on the work a request asks for.")
    out["415"] = {"$ref": "#/components/responses/UnsupportedMediaType"}
    out["422"] = json_body({"anyOf": [*(ANY_ERROR["anyOf"] if verify else [sref("Error")]),
                                      sref("OfferRefusal")]},
                           "Well-formed JSON that cannot be quoted as asked: the core's error body "
                           "unchanged" + ("; or INVALID_FIELD with doc `verify` for a bad envelope"
                                          if verify else "") +
                           "; or, when offers are checked (docs/signed-offers.md), an OfferRefusal.")
    out["500"] = json_body(ANY_ERROR, "INTERNAL (a defect), or RULEBOOK_INVALID / OVERLAPPING_DATES, "
                           "which a validated rulebook cannot produce.")
    # The core's answers carry the digest of the rulebook they used; the transport's do not.
    for status, r in out.items():
        if "content" in r:
            always = status == "422"
            r["headers"] = {"X-Taoquote-Rulebook": hdr("RulebookDigest" if always else "RulebookDigestIfCore")}
    return out


def diff_errors():
    out = transport_errors()
    out["400"] = json_body(ANY_ERROR, "INVALID_JSON: the body or a quote in it is not JSON, or "
                           "BAD_REQUEST: malformed HTTP (connection closed).")
    out["413"] = json_body(ANY_ERROR, "PAYLOAD_TOO_LARGE: body above --max-body; connection closed.")
    out["415"] = {"$ref": "#/components/responses/UnsupportedMediaType"}
    out["422"] = json_body(ANY_ERROR, "INVALID_FIELD (a missing or unknown member, or a member that "
                           "is not a quote), UNSUPPORTED_SCHEMA or INVALID_AMOUNT, with a pointer "
                           "into {before, after}.")
    out["500"] = json_body(ANY_ERROR, "INTERNAL (a defect).")
    return out


def get_op(op_id, summary, ok, extra=None, head=True):
    responses = {"200": ok, **(extra or {}), **transport_errors()}
    ops = {"get": {"operationId": op_id, "summary": summary, "responses": responses}}
    if head:
        head_responses = {}
        for status, r in responses.items():
            if "$ref" in r:
                head_responses[status] = r
            else:
                head_responses[status] = {k: v for k, v in r.items() if k != "content"}
        ops["head"] = {"operationId": op_id + "Head", "summary": summary + " (headers only)",
                       "responses": head_responses}
    return ops


def preflight_op(op_id, methods):
    """OPTIONS on a path a storefront on another origin calls (--cors-origin, docs/service.md)."""
    return {"options": {
        "operationId": op_id + "Preflight",
        "summary": "CORS preflight (only with --cors-origin; else 405)",
        "description": "Answered when the service has an allow-list and the request carries "
                       "Origin. Allowed methods: " + methods + ".",
        "parameters": [{"name": "Origin", "in": "header", "required": True,
                        "schema": {"type": "string"}}],
        "responses": {
            "204": {"description": "The origin is on the allow-list.",
                    "headers": {"Access-Control-Allow-Origin": hdr("AllowOrigin"),
                                "Access-Control-Allow-Methods": hdr("AllowMethods"),
                                "Access-Control-Allow-Headers": hdr("AllowHeaders"),
                                "Access-Control-Max-Age": hdr("MaxAge")}},
            "403": json_body(sref("ServiceError"), "ORIGIN_NOT_ALLOWED: the origin is not on the "
                                                   "allow-list; no CORS header."),
            "405": {"$ref": "#/components/responses/MethodNotAllowed"},
            **transport_errors(),
        },
    }}


def components(schemas):
    svc_codes = service_codes()
    error_codes = schemas["error"]["properties"]["error"]["properties"]["code"]["enum"]
    digest = {"type": "string", "pattern": "^sha256:[0-9a-f]{64}$"}
    return {
        "schemas": {
            **bundle(schemas),
            "ServiceError": {
                "description": "An error of the service itself: doc `http` (transport, path \"\"), "
                               "`verify` (the verify envelope, path a JSON Pointer into it) or "
                               "`request` (a limit of the service on the request, e.g. its work).",
                "type": "object", "required": ["error"], "additionalProperties": False,
                "properties": {"error": {
                    "type": "object", "required": ["code", "doc", "path", "message"],
                    "additionalProperties": False,
                    "properties": {
                        "code": {"enum": sorted(set(svc_codes) | {"INVALID_JSON", "INVALID_FIELD"})},
                        "doc": {"enum": ["http", "verify", "request"]},
                        "path": {"type": "string", "pattern": "^(/([^~]|~[01])*)*$"},
                        "message": {"type": "string"},
                    }}},
            },
            "VerifyRequest": {
                "description": "The request is handed to the core as its exact bytes; the server "
                               "recomputes the quote and never trusts a client's price.",
                "type": "object", "required": ["request", "fingerprint"], "additionalProperties": False,
                "properties": {"request": sref("Request"), "fingerprint": digest},
            },
            "VerifyResult": {"oneOf": [
                {"type": "object", "required": ["match", "fingerprint"], "additionalProperties": False,
                 "properties": {"match": {"const": True}, "fingerprint": digest}},
                {"type": "object", "required": ["match", "fingerprint", "quote"], "additionalProperties": False,
                 "properties": {"match": {"const": False}, "fingerprint": digest, "quote": sref("Quote")}},
            ]},
            "OfferRefusal": {
                "description": "Signed offers or the time did not hold (docs/signed-offers.md): the "
                               "first problem, every problem in `detail` (request order), and the "
                               "quote the server stands behind — at its own clock, over the offers "
                               "that verified — when every item keeps one.",
                "type": "object", "required": ["error"], "additionalProperties": False,
                "properties": {
                    "error": {
                        "type": "object", "required": ["code", "doc", "path", "message", "detail"],
                        "additionalProperties": False,
                        "properties": {
                            "code": sref("OfferProblemCode"),
                            "doc": {"const": "request"},
                            "path": {"type": "string", "pattern": "^(/([^~]|~[01])*)*$"},
                            "message": {"type": "string"},
                            "detail": {"type": "array", "minItems": 1, "items": {
                                "type": "object", "required": ["code", "path", "message"],
                                "additionalProperties": False,
                                "properties": {"code": sref("OfferProblemCode"),
                                               "path": {"type": "string"},
                                               "message": {"type": "string"}}}},
                        }},
                    "quote": sref("Quote"),
                }},
            "OfferProblemCode": {
                "description": "CLOCK_SKEW (/at), OFFER_UNSIGNED (…/offers/j), UNKNOWN_KEY "
                               "(…/signature/kid), OFFER_SIGNATURE_INVALID (…/signature), "
                               "OFFER_EXPIRED (…/expires_at), QUOTE_EXPIRED (/at).",
                "enum": ["CLOCK_SKEW", "OFFER_UNSIGNED", "UNKNOWN_KEY", "OFFER_SIGNATURE_INVALID",
                         "OFFER_EXPIRED", "QUOTE_EXPIRED"]},
            "Health": {
                "type": "object", "required": ["status", "rulebook"], "additionalProperties": False,
                "properties": {
                    "status": {"enum": ["ok", "draining"]},
                    "rulebook": {"type": "object", "required": ["id", "digest"], "additionalProperties": False,
                                 "properties": {"id": {"type": "string"}, "digest": digest}},
                }},
            "DiffRequest": {
                "description": "Two canonical quotes to compare (docs/diff.md).",
                "type": "object", "required": ["before", "after"], "additionalProperties": False,
                "properties": {"before": sref("Quote"), "after": sref("Quote")},
            },
            "OpenApiDocument": {"description": "This document.", "type": "object", "required": ["openapi"],
                                "properties": {"openapi": {"const": "3.1.0"}}},
        },
        "headers": {
            "RulebookDigest": {"description": "Digest of the rulebook this response used.",
                               "required": True, "schema": digest},
            "RulebookDigestIfCore": {"description": "Digest of the rulebook used, when the core "
                                                    "answered (absent on the service's own errors).",
                                     "schema": digest},
            "RulebookId": {"description": "Id of the rulebook in force.", "required": True,
                           "schema": {"type": "string"}},
            "ETag": {"description": 'The rulebook digest as an entity tag: "sha256:…".',
                     "required": True, "schema": {"type": "string"}},
            "Allow": {"description": "The methods the path accepts.", "required": True,
                      "schema": {"type": "string"}},
            "RetryAfter": {"description": "Seconds.", "schema": {"type": "integer"}},
            "AllowOrigin": {"description": "The request's Origin, echoed (CORS).", "required": True,
                            "schema": {"type": "string"}},
            "AllowMethods": {"description": "The methods the path accepts (CORS).", "required": True,
                             "schema": {"type": "string"}},
            "AllowHeaders": {"description": "Request headers a caller may send: Content-Type, "
                                            "If-None-Match.", "required": True,
                             "schema": {"type": "string"}},
            "MaxAge": {"description": "Seconds a browser may cache the preflight.", "required": True,
                       "schema": {"type": "integer"}},
        },
        "responses": {
            "BadRequest": json_body(sref("ServiceError"), "BAD_REQUEST: malformed HTTP; the connection "
                                                          "is closed."),
            "NotFound": json_body(sref("ServiceError"), "NOT_FOUND: no such path or file."),
            "MethodNotAllowed": {**json_body(sref("ServiceError"), "METHOD_NOT_ALLOWED, with Allow."),
                                 "headers": {"Allow": hdr("Allow")}},
            "RequestTimeout": json_body(sref("ServiceError"), "REQUEST_TIMEOUT: header or body not received "
                                                              "within its deadline; closed."),
            "HeaderTooLarge": json_body(sref("ServiceError"), "HEADER_TOO_LARGE: request line + headers "
                                                              "above --max-header; closed."),
            "UnsupportedMediaType": json_body(sref("ServiceError"), "UNSUPPORTED_MEDIA_TYPE: the POST "
                                              "body is not Content-Type application/json."),
            "Internal": json_body(sref("ServiceError"), "INTERNAL: an exception inside a handler."),
            "Unavailable": {**json_body({"anyOf": [sref("ServiceError"), sref("Health")]},
                                        "UNAVAILABLE: the connection cap is reached (then closed), or "
                                        "/healthz while draining."),
                            "headers": {"Retry-After": hdr("RetryAfter")}},
        },
    }, error_codes


def openapi(schemas, version):
    comps, _ = components(schemas)
    quote_ok = {**json_body(sref("Quote"), "The canonical quote (docs/quote.md), byte-identical to "
                                          "every other build's."),
                "headers": {"X-Taoquote-Rulebook": hdr("RulebookDigest")}}
    verify_ok = {**json_body(sref("VerifyResult"), "match, with the server's fingerprint; on a "
                                                  "mismatch also the server's canonical quote."),
                 "headers": {"X-Taoquote-Rulebook": hdr("RulebookDigest")}}
    rulebook_ok = {**json_body(sref("Rulebook"), "The rulebook file in force, byte for byte."),
                   "headers": {"ETag": hdr("ETag"), "X-Taoquote-Rulebook-Id": hdr("RulebookId"),
                               "X-Taoquote-Rulebook": hdr("RulebookDigest")}}
    strict = {"name": "strict", "in": "query", "required": False,
              "schema": {"enum": ["true", "1"]},
              "description": "Check every offer's signature and expiry against the service's "
                             "--offer-keys, the request's `at` against the server clock "
                             "(--clock-skew-ms) and the quote's expiry before answering; a failure "
                             "is 422 OfferRefusal (docs/signed-offers.md). /v1/verify checks so "
                             "whenever keys are configured."}
    post = lambda op_id, summary, body, ok, verify: {"post": {  # noqa: E731
        "operationId": op_id, "summary": summary, "parameters": [strict],
        "requestBody": {"required": True, "content": {"application/json": {"schema": body}}},
        "responses": {"200": ok, **post_errors(verify)},
    }}
    return {
        "openapi": "3.1.0",
        "jsonSchemaDialect": "https://json-schema.org/draft/2020-12/schema",
        "info": {
            "title": "taoquote-service",
            "version": version,
            "summary": "Exact landed-cost quotes over HTTP.",
            "description": "The reference quote service of taoquote (docs/service.md). Every price "
                           "comes from the core, so a quote over HTTP is byte-identical to the "
                           "library's and the WebAssembly package's. An unknown path answers 404 and "
                           "a known path with another method 405 (components/responses); GET paths "
                           "outside /v1/ may serve the demo's static files. With --cors-origin, "
                           "/v1/rulebook, /v1/quote and /v1/verify answer a CORS preflight "
                           "(OPTIONS) and add Access-Control-Allow-Origin and "
                           "Access-Control-Expose-Headers for an allowed Origin (Vary: Origin).",
            "license": {"name": "MIT", "identifier": "MIT"},
        },
        "servers": [{"url": "http://127.0.0.1:8080", "description": "the default --address and --port"}],
        "paths": {
            "/v1/quote": {**post("quote", "Quote a request on the rulebook in force", sref("Request"),
                                 quote_ok, False), **preflight_op("quote", "POST")},
            "/v1/verify": {**post("verify", "Recompute a request's quote and compare fingerprints",
                                  sref("VerifyRequest"), verify_ok, True),
                           **preflight_op("verify", "POST")},
            "/v1/diff": {"post": {
                "operationId": "diff", "summary": "Explain the difference between two quotes",
                "requestBody": {"required": True,
                                "content": {"application/json": {"schema": sref("DiffRequest")}}},
                "responses": {"200": json_body(sref("Diff"), "The explained difference."),
                              **diff_errors()},
            }},
            "/v1/rulebook": {**get_op("getRulebook", "The rulebook in force", rulebook_ok, {
                "304": {"description": "If-None-Match matched the ETag.",
                        "headers": {"ETag": hdr("ETag"), "X-Taoquote-Rulebook": hdr("RulebookDigest")}}}),
                **preflight_op("getRulebook", "GET, HEAD")},
            "/healthz": get_op("health", "Liveness and the rulebook in force",
                               json_body(sref("Health"), "status ok.")),
            "/metrics": get_op("metrics", "Prometheus text format 0.0.4", {
                "description": "Counters, gauges and histograms (docs/service.md, Metrics).",
                "content": {"text/plain": {"schema": {"type": "string"}}}}),
            "/openapi.json": get_op("openapi", "This document",
                                    json_body(sref("OpenApiDocument"), "The OpenAPI 3.1 document.")),
        },
        "components": comps,
    }
