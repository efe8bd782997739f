#!/usr/bin/env python3
"""CORS tests of taoquote-service (docs/service.md, "Cross-origin storefronts"): the
--cors-origin allow-list (repeatable flag, TAOQUOTE_CORS_ORIGINS), preflight answers on
/v1/rulebook, /v1/quote and /v1/verify, and the headers added to their answers.
Run by ctest:  test_cors.py --binary PATH/taoquote-service [Class] [-v]
"""
import json
import subprocess
import unittest

import test_service as ts
from test_service import BASE_REQUEST, Service, status_of

SHOP = "https://shop.example"
OTHER = "http://127.0.0.1:5173"
PATHS = {"/v1/rulebook": "GET, HEAD", "/v1/quote": "POST", "/v1/verify": "POST"}


def headers_of(raw):
    head = raw.split(b"\r\n\r\n", 1)[0].decode("latin-1").split("\r\n")[1:]
    return {k.strip().lower(): v.strip() for k, v in (h.split(":", 1) for h in head if ":" in h)}


def preflight(path, origin, method="POST"):
    return ("OPTIONS %s HTTP/1.1\r\nHost: x\r\nOrigin: %s\r\nAccess-Control-Request-Method: %s\r\n"
            "Access-Control-Request-Headers: content-type\r\nConnection: close\r\n\r\n"
            % (path, origin, method)).encode()


class CorsTest(unittest.TestCase):
    """Two allowed origins (one by the flag, one by the environment variable's list)."""

    @classmethod
    def setUpClass(cls):
        cls.svc = Service("--cors-origin", SHOP, "--cors-origin", OTHER)
        cls.body = BASE_REQUEST.read_bytes()

    @classmethod
    def tearDownClass(cls):
        assert cls.svc.stop() == 0

    def test_preflight_from_an_allowed_origin_is_204_with_the_allow_headers(self):
        for path, methods in PATHS.items():
            for origin in (SHOP, OTHER):
                raw = self.svc.raw(preflight(path, origin, methods.split(",")[0]))
                self.assertEqual(status_of(raw), 204, (path, raw[:300]))
                h = headers_of(raw)
                self.assertEqual(h["access-control-allow-origin"], origin)
                self.assertEqual(h["access-control-allow-methods"], methods)
                self.assertIn("Content-Type", h["access-control-allow-headers"])
                self.assertEqual(h["access-control-max-age"], "600")
                self.assertIn("Origin", h["vary"])
                self.assertNotIn("content-length", {k for k, v in h.items() if v != "0"})
            # Through http.client too (recorded by the OpenAPI test and checked there).
            status, h, _ = self.svc.request("OPTIONS", path, None,
                                            {"Origin": SHOP, "Access-Control-Request-Method": "POST"})
            self.assertEqual(status, 204)
            self.assertEqual(h["access-control-allow-origin"], SHOP)

    def test_preflight_from_another_origin_is_refused_without_cors_headers(self):
        for path in PATHS:
            for origin in ("https://evil.example", "https://shop.example.evil", "null",
                           SHOP + "/", "HTTPS://SHOP.EXAMPLE"):
                status, h, body = self.svc.request("OPTIONS", path, None, {
                    "Origin": origin, "Access-Control-Request-Method": "POST"})
                self.assertEqual(status, 403, (path, origin))
                self.assertEqual(json.loads(body)["error"]["code"], "ORIGIN_NOT_ALLOWED")
                self.assertNotIn("access-control-allow-origin", h)

    def test_options_elsewhere_or_without_origin_is_405(self):
        for path, origin in (("/v1/diff", SHOP), ("/healthz", SHOP), ("/v1/quote", None)):
            status, h, body = self.svc.request("OPTIONS", path, None,
                                               {"Origin": origin} if origin else {})
            self.assertEqual(status, 405, path)
            self.assertEqual(json.loads(body)["error"]["code"], "METHOD_NOT_ALLOWED")
            self.assertNotIn("access-control-allow-origin", h)

    def test_answers_to_an_allowed_origin_carry_allow_origin_and_expose_headers(self):
        for method, path, body in (("POST", "/v1/quote", self.body), ("GET", "/v1/rulebook", None),
                                   ("HEAD", "/v1/rulebook", None)):
            headers = {"Origin": SHOP}
            if body:
                headers["Content-Type"] = "application/json"
            status, h, _ = self.svc.request(method, path, body, headers)
            self.assertEqual(status, 200, path)
            self.assertEqual(h["access-control-allow-origin"], SHOP)
            self.assertIn("X-Taoquote-Rulebook", h["access-control-expose-headers"])
            self.assertIn("ETag", h["access-control-expose-headers"])
            self.assertIn("Origin", h["vary"])
        # Verify, and an error answer (the browser can read why).
        quote = json.loads(self.svc.post_json("/v1/quote", self.body)[2])
        envelope = json.dumps({"request": json.loads(self.body), "fingerprint": quote["fingerprint"]})
        status, h, got = self.svc.request("POST", "/v1/verify", envelope,
                                          {"Origin": OTHER, "Content-Type": "application/json"})
        self.assertEqual((status, json.loads(got)["match"]), (200, True))
        self.assertEqual(h["access-control-allow-origin"], OTHER)
        status, h, _ = self.svc.request("POST", "/v1/quote", b"{", {
            "Origin": SHOP, "Content-Type": "application/json"})
        self.assertEqual(status, 400)
        self.assertEqual(h["access-control-allow-origin"], SHOP)

    def test_answers_to_another_origin_have_no_allow_origin(self):
        status, h, _ = self.svc.request("GET", "/v1/rulebook", None, {"Origin": "https://evil.example"})
        self.assertEqual(status, 200)
        self.assertNotIn("access-control-allow-origin", h)
        self.assertEqual(h["vary"], "Origin")
        # Same-origin page loads (no Origin) and other endpoints are unchanged.
        status, h, _ = self.svc.request("GET", "/healthz", None, {"Origin": SHOP})
        self.assertEqual(status, 200)
        self.assertNotIn("access-control-allow-origin", h)


class CorsOffTest(unittest.TestCase):
    """Without an allow-list nothing changes: OPTIONS is 405 and no CORS header is sent."""

    def test_no_allow_list_no_cors(self):
        svc = Service()
        try:
            status, h, _ = svc.request("OPTIONS", "/v1/quote", None, {
                "Origin": SHOP, "Access-Control-Request-Method": "POST"})
            self.assertEqual(status, 405)
            self.assertEqual(h["allow"], "POST")
            status, h, _ = svc.request("GET", "/v1/rulebook", None, {"Origin": SHOP})
            self.assertEqual(status, 200)
            self.assertNotIn("access-control-allow-origin", h)
            self.assertNotIn("Origin", h.get("vary", ""))
        finally:
            self.assertEqual(svc.stop(), 0)


class CorsConfigTest(unittest.TestCase):
    """The environment variable's comma-separated list, the flag replacing it, bad origins."""

    def test_environment_list_and_flag_override(self):
        svc = Service(env={"TAOQUOTE_CORS_ORIGINS": "%s,%s" % (SHOP, OTHER)})
        try:
            for origin in (SHOP, OTHER):
                self.assertEqual(status_of(svc.raw(preflight("/v1/quote", origin))), 204, origin)
        finally:
            self.assertEqual(svc.stop(), 0)
        svc = Service("--cors-origin=" + OTHER, env={"TAOQUOTE_CORS_ORIGINS": SHOP})
        try:
            self.assertEqual(status_of(svc.raw(preflight("/v1/quote", OTHER))), 204)
            self.assertEqual(status_of(svc.raw(preflight("/v1/quote", SHOP))), 403)
        finally:
            self.assertEqual(svc.stop(), 0)

    def test_star_allows_every_origin(self):
        svc = Service("--cors-origin", "*")
        try:
            raw = svc.raw(preflight("/v1/verify", "https://any.example"))
            self.assertEqual(status_of(raw), 204)
            self.assertEqual(headers_of(raw)["access-control-allow-origin"], "https://any.example")
        finally:
            self.assertEqual(svc.stop(), 0)

    def test_bad_origins_are_refused_at_startup(self):
        for bad in ("shop.example", "https://shop.example/", "https://shop.example/path", "",
                    "ftp://shop.example", "https://"):
            p = subprocess.run([ts.BINARY, "--port", "0", "--cors-origin", bad],
                               capture_output=True, text=True, timeout=20)
            self.assertEqual(p.returncode, 2, (bad, p.stderr))
            self.assertIn("--cors-origin", p.stderr, bad)
        p = subprocess.run([ts.BINARY, "--help"], capture_output=True, text=True, timeout=20)
        self.assertIn("--cors-origin", p.stdout)
        self.assertIn("TAOQUOTE_CORS_ORIGINS", p.stdout)


if __name__ == "__main__":
    ts.main()
