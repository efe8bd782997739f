#!/usr/bin/python3
"""native/service/openapi.json: the document is valid OpenAPI 3.1, and the running service
answers as it says.

- StructureTest: the document validates against the OpenAPI 3.1 subset of openapi_meta.py;
  every Schema Object is a valid JSON Schema 2020-12; every $ref resolves; operationIds are
  unique; the embedded schemas are the files of core/schema; broken documents are rejected.
- LiveTest (needs --binary PATH/taoquote-service): starts the service on 127.0.0.1:0 and calls
  every endpoint with good and bad requests — golden vectors, the bad-input catalogue, verify
  envelopes, conditional GETs, HEAD, 404, 405, 415, 400, 408, 413, 431, 503 — and checks each
  response's status, media type, documented headers and body against the document.

Run:  /usr/bin/python3 tests/schema/test_openapi.py --binary build/<dir>/native/service/taoquote-service
"""
import argparse
import copy
import json
import socket
import sys
import time
import unittest
from pathlib import Path

from jsonschema import Draft202012Validator, RefResolver

from schemalib import KINDS, OPENAPI, REPO, load_schema, problems  # noqa: I100 (sets sys.path first)
import test_service as svcmod  # noqa: E402  (tests/native/service: the Service harness)
import test_cors  # noqa: E402  (tests/native/service: CORS preflights and headers)
import test_signed as sigmod  # noqa: E402  (signed offers: refusals with their server quote)
from openapi_meta import OPENAPI_31_SUBSET  # noqa: E402

DOC = json.loads(OPENAPI.read_text(encoding="utf-8"))
STORE = {load_schema(k)["$id"]: load_schema(k) for k in KINDS}
METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")


def resolve(ref):
    assert ref.startswith("#/"), ref
    node = DOC
    for token in ref[2:].split("/"):
        node = node[token.replace("~1", "/").replace("~0", "~")]
    return node


def deref(node):
    while isinstance(node, dict) and "$ref" in node:
        node = resolve(node["$ref"])
    return node


def schema_validator(schema):
    return Draft202012Validator(schema, resolver=RefResolver("", DOC, store=dict(STORE)))


class StructureTest(unittest.TestCase):
    def test_meta_schema_itself_is_valid(self):
        Draft202012Validator.check_schema(OPENAPI_31_SUBSET)

    def test_document_is_openapi_3_1(self):
        self.assertEqual(problems(Draft202012Validator(OPENAPI_31_SUBSET), DOC, 10), [])
        self.assertEqual(DOC["openapi"], "3.1.0")

    def test_broken_documents_are_rejected(self):
        v = Draft202012Validator(OPENAPI_31_SUBSET)
        breakages = [
            lambda d: d["info"].pop("version"),
            lambda d: d.update(openapi="3.0.3"),
            lambda d: d["paths"]["/v1/quote"]["post"]["responses"].update({"2000": {"description": "x"}}),
            lambda d: d["paths"]["/v1/quote"]["post"]["responses"]["200"].pop("description"),
            lambda d: d["paths"].update({"no-slash": {}}),
            lambda d: d["paths"]["/healthz"]["get"].update(colour="red"),
            lambda d: d["components"]["schemas"].update({"bad name": {}}),
        ]
        for i, breakage in enumerate(breakages):
            d = copy.deepcopy(DOC)
            breakage(d)
            self.assertNotEqual(problems(v, d), [], "breakage %d accepted" % i)

    def schema_objects(self):
        for name, s in DOC["components"]["schemas"].items():
            yield "components/schemas/" + name, s
        for path, item in DOC["paths"].items():
            for method in METHODS:
                op = item.get(method)
                if not op:
                    continue
                bodies = [op.get("requestBody", {})] + list(op["responses"].values())
                for r in bodies:
                    for media, m in deref(r).get("content", {}).items():
                        yield "%s %s %s" % (method, path, media), m["schema"]

    def test_every_schema_object_is_valid_2020_12(self):
        n = 0
        for where, s in self.schema_objects():
            with self.subTest(where=where):
                Draft202012Validator.check_schema(s)
            n += 1
        self.assertGreater(n, 20)

    def test_every_ref_resolves(self):
        def walk(node, resource):
            if isinstance(node, dict):
                if "$id" in node:
                    resource = node  # refs inside an embedded schema are relative to it
                r = node.get("$ref")
                if isinstance(r, str):
                    target = resource if r.startswith("#/$defs/") else DOC
                    for token in r[2:].split("/"):
                        self.assertIn(token, target, r)
                        target = target[token]
                for v in node.values():
                    walk(v, resource)
            elif isinstance(node, list):
                for v in node:
                    walk(v, resource)
        walk(DOC, DOC)

    def test_operation_ids_unique_and_every_operation_answers(self):
        ids = []
        for path, item in DOC["paths"].items():
            for method in METHODS:
                if method in item:
                    ids.append(item[method]["operationId"])
                    self.assertTrue(any(s[0] in "23" for s in item[method]["responses"]), path)
        self.assertEqual(len(ids), len(set(ids)))

    def test_bundled_schemas_are_the_core_schema_files(self):
        """components/schemas holds the five schemas of core/schema, bundled (openapi_doc.py)."""
        sys.path.insert(0, str(REPO / "core" / "schema"))
        from openapi_doc import unbundle
        for kind in KINDS:
            original = load_schema(kind)
            back = unbundle(DOC["components"]["schemas"], kind, original["$id"], original["$schema"])
            self.assertEqual(back, original, kind)
        refs = json.dumps(DOC)
        self.assertNotIn('"#/$defs/', refs, "a reference left relative to an embedded schema")


class LiveTest(unittest.TestCase):
    """One service on fixture-a; every response is checked against the document."""

    checked = set()

    @classmethod
    def setUpClass(cls):
        cls.svc = svcmod.Service("--header-timeout-ms", "600", "--body-timeout-ms", "600",
                                 "--idle-timeout-ms", "3000")
        cls.base = svcmod.BASE_REQUEST.read_text(encoding="utf-8")

    @classmethod
    def tearDownClass(cls):
        cls.svc.stop()
        print("\nresponses checked against the document: %d (path, method, status) combinations"
              % len(cls.checked), file=sys.stderr)

    def conforms(self, path, method, status, headers, body, response=None):
        """Checks one response against the operation (or a components/responses entry)."""
        if response is None:
            op = DOC["paths"][path][method.lower()]
            self.assertIn(str(status), op["responses"], "%s %s: status %d is not documented"
                          % (method, path, status))
            response = op["responses"][str(status)]
        response = deref(response)
        LiveTest.checked.add((path, method, status))
        for name, h in response.get("headers", {}).items():
            h = deref(h)
            if h.get("required"):
                self.assertIn(name.lower(), headers, "%s %s %d: header %s" % (method, path, status, name))
            if name.lower() in headers and h["schema"].get("type") == "string":
                found = problems(schema_validator(h["schema"]), headers[name.lower()])
                self.assertEqual(found, [], "%s %s %d: header %s" % (method, path, status, name))
        content = response.get("content")
        if method == "HEAD" or not content:
            self.assertEqual(body, b"", "%s %s %d: unexpected body" % (method, path, status))
            return None
        media = headers.get("content-type", "").split(";")[0].strip()
        self.assertIn(media, content, "%s %s %d: media type %r" % (method, path, status, media))
        if media != "application/json":
            return body
        doc = json.loads(body)
        found = problems(schema_validator(content[media]["schema"]), doc)
        self.assertEqual(found, [], "%s %s %d: body does not match the document" % (method, path, status))
        return doc

    def post(self, path, body, content_type="application/json"):
        status, headers, got = self.svc.request("POST", path, body, {"Content-Type": content_type})
        return status, headers, got

    # /v1/quote -----------------------------------------------------------------------------
    def test_quote_golden_vectors(self):
        n = 0
        for name, request, expected in svcmod.golden_cases("fixture-a"):
            status, headers, body = self.post("/v1/quote", svcmod.compact(request))
            # Byte identity with the golden file is the service suite's; here: the document.
            want = json.loads(expected)
            self.assertEqual(status, svcmod.status_for(want["error"]["code"]) if "error" in want else 200, name)
            self.conforms("/v1/quote", "POST", status, headers, body)
            n += 1
        self.assertGreaterEqual(n, 80)

    def test_quote_bad_input_catalogue(self):
        entries = json.loads(svcmod.CATALOGUE.read_text(encoding="utf-8"))["cases"]
        statuses = set()
        for e in entries:
            if e["doc"] != "request":
                continue
            status, headers, body = self.post("/v1/quote", svcmod.catalogue_request(e, self.base))
            self.assertEqual(status, svcmod.status_for(e["code"]), e["name"])
            err = self.conforms("/v1/quote", "POST", status, headers, body)
            self.assertEqual((err["error"]["code"], err["error"]["path"]), (e["code"], e["path"]), e["name"])
            statuses.add(status)
        self.assertEqual(statuses, {400, 413, 422})

    def test_quote_wrong_media_type_415(self):
        status, headers, body = self.post("/v1/quote", self.base.encode(), "text/plain")
        self.assertEqual(status, 415)
        self.conforms("/v1/quote", "POST", status, headers, body)

    # /v1/verify ----------------------------------------------------------------------------
    def test_verify(self):
        request = json.loads(self.base)
        _, _, quote = self.post("/v1/quote", svcmod.compact(request))
        fp = json.loads(quote)["fingerprint"]
        cases = [
            (svcmod.compact({"request": request, "fingerprint": fp}), 200),
            (svcmod.compact({"request": request, "fingerprint": "sha256:" + "0" * 64}), 200),
            (b"{", 400),
            (b'{"request":{"at":1,"at":2},"fingerprint":"' + fp.encode() + b'"}', 400),
            (b"[]", 422),
            (b'{"request":{},"fingerprint":"sha256:ABC"}', 422),
            (svcmod.compact({"request": {**request, "currency": "EUX"}, "fingerprint": fp}), 422),
        ]
        matches = []
        for body, want in cases:
            status, headers, got = self.post("/v1/verify", body)
            self.assertEqual(status, want, body[:60])
            doc = self.conforms("/v1/verify", "POST", status, headers, got)
            if status == 200:
                matches.append(doc["match"])
        self.assertEqual(matches, [True, False])
        status, headers, got = self.post("/v1/verify", b"{}", "text/plain")
        self.conforms("/v1/verify", "POST", status, headers, got)

    # /v1/diff ------------------------------------------------------------------------------
    def test_diff(self):
        request = json.loads(self.base)
        _, _, before = self.post("/v1/quote", svcmod.compact(request))
        request["items"][0]["quantity"] += 2
        _, _, after = self.post("/v1/quote", svcmod.compact(request))
        cases = [
            (b'{"before":' + before + b',"after":' + after + b"}", 200),
            (b"{", 400),
            (b"[]", 422),
            (b'{"before":' + before + b"}", 422),
        ]
        for body, want in cases:
            status, headers, got = self.post("/v1/diff", body)
            self.assertEqual(status, want, body[:60])
            self.conforms("/v1/diff", "POST", status, headers, got)
        status, headers, got = self.post("/v1/diff", b"{}", "text/plain")
        self.conforms("/v1/diff", "POST", status, headers, got)

    # GET endpoints -------------------------------------------------------------------------
    def test_rulebook_conditional_and_head(self):
        status, headers, body = self.svc.request("GET", "/v1/rulebook")
        self.assertEqual(status, 200)
        self.conforms("/v1/rulebook", "GET", status, headers, body)
        etag = headers["etag"]
        status, headers, body = self.svc.request("GET", "/v1/rulebook", headers={"If-None-Match": etag})
        self.assertEqual(status, 304)
        self.conforms("/v1/rulebook", "GET", status, headers, body)
        status, headers, body = self.svc.request("HEAD", "/v1/rulebook")
        self.conforms("/v1/rulebook", "HEAD", status, headers, body)

    def test_healthz_metrics_openapi(self):
        for path in ("/healthz", "/metrics", "/openapi.json"):
            for method in ("GET", "HEAD"):
                status, headers, body = self.svc.request(method, path)
                self.assertEqual(status, 200, "%s %s" % (method, path))
                doc = self.conforms(path, method, status, headers, body)
                if path == "/openapi.json" and method == "GET":
                    self.assertEqual(doc, DOC, "the service serves another document")

    # service errors ------------------------------------------------------------------------
    def test_unknown_path_404_and_wrong_method_405(self):
        status, headers, body = self.svc.request("GET", "/v1/nothing-here")
        self.assertEqual(status, 404)
        self.conforms("/v1/nothing-here", "GET", status, headers, body,
                      DOC["components"]["responses"]["NotFound"])
        for method, path in (("GET", "/v1/quote"), ("POST", "/healthz"), ("DELETE", "/v1/rulebook")):
            status, headers, body = self.svc.request(method, path, b"" if method != "GET" else None)
            self.assertEqual(status, 405, path)
            self.conforms(path, method, status, headers, body, DOC["components"]["responses"]["MethodNotAllowed"])

    def raw(self, data, wait=None):
        with socket.create_connection(("127.0.0.1", self.svc.port), timeout=5) as s:
            s.sendall(data)
            if wait:
                time.sleep(wait)
            resp = svcmod.recv_all(s, 5)
        head, _, body = resp.partition(b"\r\n\r\n")
        lines = head.decode("latin-1").split("\r\n")
        status = int(lines[0].split(" ")[1])
        headers = {}
        for line in lines[1:]:
            k, _, v = line.partition(":")
            headers[k.strip().lower()] = v.strip()
        length = int(headers.get("content-length", len(body)))
        return status, headers, body[:length]

    def test_transport_errors(self):
        cases = [
            (b"GARBAGE\r\n\r\n", "/healthz", "GET", 400),
            (b"GET /healthz HTTP/1.1\r\nHost: x\r\nX-Big: " + b"b" * 9000 + b"\r\n\r\n", "/healthz", "GET", 431),
            (b"POST /v1/quote HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
             b"Content-Length: 5000000\r\n\r\n", "/v1/quote", "POST", 413),
            (b"POST /v1/quote HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
             b"Content-Length: 100\r\n\r\n{\"at\":", "/v1/quote", "POST", 408),
        ]
        for data, path, method, want in cases:
            status, headers, body = self.raw(data)
            self.assertEqual(status, want, data[:40])
            self.conforms(path, method, status, headers, body)

    def test_connection_cap_503(self):
        """Connections busy mid-request fill the cap: a quote is answered 503 (docs/service.md)."""
        svc = svcmod.Service("--max-connections", "2", "--header-timeout-ms", "20000")
        body = svcmod.BASE_REQUEST.read_bytes()
        try:
            held = [socket.create_connection(("127.0.0.1", svc.port), timeout=5) for _ in range(2)]
            for s in held:
                s.sendall(b"GET /healthz HTTP/1.1\r\n")  # a header that never ends
            time.sleep(0.2)
            with socket.create_connection(("127.0.0.1", svc.port), timeout=5) as s:
                s.sendall(b"POST /v1/quote HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                          b"Content-Length: " + str(len(body)).encode() + b"\r\n\r\n" + body)
                resp = svcmod.recv_all(s, 5)
            for s in held:
                s.close()
        finally:
            svc.stop()
        head, _, rest = resp.partition(b"\r\n\r\n")
        status = int(head.split(b" ")[1])
        self.assertEqual(status, 503)
        headers = {k.strip().lower(): v.strip() for k, _, v in
                   (line.partition(":") for line in head.decode("latin-1").split("\r\n")[1:])}
        self.conforms("/v1/quote", "POST", status, headers, rest[: int(headers["content-length"])])


class IntegrationSuiteTest(unittest.TestCase):
    """The service's own integration suites (tests/native/service/test_service.py, and the
    signed-offer suites of test_signed.py when the CLI is built beside the service), run with
    every response they receive through Service.request recorded, and each of those checked
    against the document. Raw-socket exchanges (malformed HTTP on purpose) are checked by
    LiveTest.test_transport_errors instead."""

    def test_every_response_of_the_integration_suites_matches(self):
        recorded = []
        original = svcmod.Service.request

        def recording(svc, method, path, body=None, headers=None, conn=None):
            status, got_headers, got = original(svc, method, path, body, headers, conn)
            recorded.append((method, path.split("?")[0], status, got_headers, got))
            return status, got_headers, got

        svcmod.Service.request = recording
        try:
            suites = [svcmod.EndpointTest, svcmod.FixtureBTest, svcmod.DrainTest, test_cors.CorsTest]
            if sigmod.CLI:
                suites += [sigmod.SignedOfferTest, sigmod.QuoteExpiryTest, sigmod.NoKeysTest]
            result = unittest.TestResult()
            unittest.TestSuite(unittest.defaultTestLoader.loadTestsFromTestCase(c)
                               for c in suites).run(result)
        finally:
            svcmod.Service.request = original
        self.assertEqual(result.errors + result.failures, [], "the integration suites failed")
        checker = LiveTest()
        checked = 0
        for method, path, status, headers, body in recorded:
            if path not in DOC["paths"]:
                # Static files (and unknown paths): the shared responses of the document.
                if status == 404:
                    checker.conforms(path, method, status, headers, body,
                                     DOC["components"]["responses"]["NotFound"])
                    checked += 1
                continue
            op = DOC["paths"][path].get(method.lower())
            if op is None and method == "HEAD":
                op = DOC["paths"][path].get("get")
            if op is None:
                self.assertEqual(status, 405, (method, path))
                checker.conforms(path, method, status, headers, body,
                                 DOC["components"]["responses"]["MethodNotAllowed"])
            else:
                checker.conforms(path, "GET" if method == "HEAD" and "head" not in
                                 DOC["paths"][path] else method, status, headers,
                                 b"" if method == "HEAD" else body,
                                 op["responses"].get(str(status)) or self.fail(
                                     "%s %s: status %d is not documented" % (method, path, status)))
            checked += 1
        self.assertGreater(checked, 100)
        print("\nintegration-suite responses checked against the document: %d of %d"
              % (checked, len(recorded)), file=sys.stderr)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--binary", help="taoquote-service; without it only StructureTest runs")
    args, rest = parser.parse_known_args()
    if args.binary:
        svcmod.BINARY = str(Path(args.binary).resolve())
        cli = Path(svcmod.BINARY).parents[1] / "cli" / "taoquote"
        sigmod.CLI = str(cli) if cli.exists() else None
    elif not any(a.startswith("Structure") for a in rest):
        rest.append("StructureTest")
    unittest.main(argv=[sys.argv[0], *rest])


if __name__ == "__main__":
    main()
