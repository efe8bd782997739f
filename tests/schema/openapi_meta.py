"""The parts of the OpenAPI 3.1 document schema that taoquote's document uses, written for
these tests (the official schema cannot be fetched here): the root, info, servers, paths,
path items, operations, request bodies, media types, responses, headers, references and
components, each closed as in the specification (`x-` extensions allowed). Schema Objects
inside are checked separately against the JSON Schema 2020-12 meta-schema.
"""

EXT = {"^x-": True}


def closed(props, required=(), **extra):
    out = {"type": "object", "properties": props, "patternProperties": dict(EXT),
           "additionalProperties": False}
    if required:
        out["required"] = list(required)
    out.update(extra)
    return out


def ref(name):
    return {"$ref": "#/$defs/" + name}


def or_reference(name):
    return {"if": {"type": "object", "required": ["$ref"]}, "then": ref("reference"), "else": ref(name)}


STRING = {"type": "string"}
SCHEMA_OBJECT = {"type": ["object", "boolean"]}
COMPONENT_NAMES = {"pattern": "^[a-zA-Z0-9._-]+$"}

OPENAPI_31_SUBSET = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    **closed({
        "openapi": {"type": "string", "pattern": r"^3\.1\.\d+(-.+)?$"},
        "info": ref("info"),
        "jsonSchemaDialect": STRING,
        "servers": {"type": "array", "items": ref("server")},
        "paths": ref("paths"),
        "components": ref("components"),
        "tags": {"type": "array"},
        "security": {"type": "array"},
        "externalDocs": {"type": "object"},
        "webhooks": {"type": "object"},
    }, ["openapi", "info"], anyOf=[{"required": ["paths"]}, {"required": ["components"]},
                                   {"required": ["webhooks"]}]),
    "$defs": {
        "info": closed({
            "title": STRING, "summary": STRING, "description": STRING, "termsOfService": STRING,
            "contact": {"type": "object"}, "license": ref("license"), "version": STRING,
        }, ["title", "version"]),
        "license": closed({"name": STRING, "identifier": STRING, "url": STRING}, ["name"],
                          oneOf=[{"required": ["identifier"]}, {"required": ["url"]}]),
        "server": closed({"url": STRING, "description": STRING, "variables": {"type": "object"}}, ["url"]),
        "paths": {"type": "object", "patternProperties": {"^/": ref("path-item"), **EXT},
                  "additionalProperties": False},
        "path-item": closed({
            "summary": STRING, "description": STRING, "servers": {"type": "array"},
            "parameters": {"type": "array"},
            **{m: ref("operation") for m in ("get", "put", "post", "delete", "options", "head", "patch",
                                            "trace")},
        }),
        "operation": closed({
            "tags": {"type": "array", "items": STRING}, "summary": STRING, "description": STRING,
            "externalDocs": {"type": "object"}, "operationId": STRING, "parameters": {"type": "array"},
            "requestBody": or_reference("request-body"), "responses": ref("responses"),
            "callbacks": {"type": "object"}, "deprecated": {"type": "boolean"},
            "security": {"type": "array"}, "servers": {"type": "array"},
        }),
        "request-body": closed({"description": STRING, "content": ref("content"),
                                "required": {"type": "boolean"}}, ["content"]),
        "content": {"type": "object", "additionalProperties": ref("media-type"),
                    "propertyNames": {"pattern": r"^[a-z*]+/[a-z0-9.+*-]+$"}},
        "media-type": closed({"schema": SCHEMA_OBJECT, "example": True, "examples": {"type": "object"},
                              "encoding": {"type": "object"}}),
        "responses": {"type": "object", "minProperties": 1,
                      "properties": {"default": or_reference("response")},
                      "patternProperties": {"^[1-5](?:[0-9]{2}|XX)$": or_reference("response"), **EXT},
                      "additionalProperties": False},
        "response": closed({
            "description": STRING,
            "headers": {"type": "object", "additionalProperties": or_reference("header")},
            "content": ref("content"), "links": {"type": "object"},
        }, ["description"]),
        "header": closed({"description": STRING, "required": {"type": "boolean"},
                          "deprecated": {"type": "boolean"}, "schema": SCHEMA_OBJECT,
                          "content": ref("content"), "style": {"const": "simple"},
                          "explode": {"type": "boolean"}, "example": True, "examples": {"type": "object"}},
                         oneOf=[{"required": ["schema"]}, {"required": ["content"]}]),
        "reference": {"type": "object", "required": ["$ref"],
                      "properties": {"$ref": STRING, "summary": STRING, "description": STRING},
                      "additionalProperties": False},
        "components": closed({
            "schemas": {"type": "object", "additionalProperties": SCHEMA_OBJECT, "propertyNames": COMPONENT_NAMES},
            "responses": {"type": "object", "additionalProperties": or_reference("response"),
                          "propertyNames": COMPONENT_NAMES},
            "headers": {"type": "object", "additionalProperties": or_reference("header"),
                        "propertyNames": COMPONENT_NAMES},
            "requestBodies": {"type": "object", "additionalProperties": or_reference("request-body"),
                              "propertyNames": COMPONENT_NAMES},
            "parameters": {"type": "object"}, "examples": {"type": "object"},
            "securitySchemes": {"type": "object"}, "links": {"type": "object"},
            "callbacks": {"type": "object"}, "pathItems": {"type": "object"},
        }),
    },
}
