#!/usr/bin/env python3
"""Static files for a fast first load (docs/service.md, "Static files"): precompressed variants
chosen by Accept-Encoding, an ETag per variant with If-None-Match → 304, and
`Cache-Control: immutable` for content-hashed names only.
Run by ctest:  test_static.py --binary PATH/taoquote-service [Class] [-v]
"""
import gzip
import os
import shutil
import tempfile
import time
import unittest
from pathlib import Path

import test_service as ts
from test_service import Service

HASHED = "app.0123abcd4567.js"
SOURCE = b"export const answer = 42;\n" * 40


class StaticCacheTest(unittest.TestCase):

    @classmethod
    def setUpClass(cls):
        cls.root = Path(tempfile.mkdtemp(prefix="taoquote-static-"))
        (cls.root / "index.html").write_bytes(b"<!doctype html><title>x</title>" * 20)
        (cls.root / HASHED).write_bytes(SOURCE)
        time.sleep(0.01)
        (cls.root / (HASHED + ".gz")).write_bytes(gzip.compress(SOURCE))
        (cls.root / (HASHED + ".br")).write_bytes(b"brotli-bytes")  # never decoded by the server
        (cls.root / "vendor-0c1d2e3f4a5b").mkdir()
        (cls.root / "vendor-0c1d2e3f4a5b" / "index.js").write_bytes(b"export {};\n")
        # A variant older than its file is stale: ignored.
        (cls.root / "stale.js").write_bytes(b"new\n")
        (cls.root / "stale.js.gz").write_bytes(gzip.compress(b"old\n"))
        old = time.time() - 3600
        os.utime(cls.root / "stale.js.gz", (old, old))
        # A variant that is a symlink out of the root: ignored.
        cls.outside = Path(tempfile.mkdtemp(prefix="taoquote-outside-"))
        (cls.outside / "secret.gz").write_bytes(b"secret")
        (cls.root / "link.js").write_bytes(b"link\n")
        os.symlink(cls.outside / "secret.gz", cls.root / "link.js.gz")
        cls.svc = Service(static_dir=str(cls.root))

    @classmethod
    def tearDownClass(cls):
        assert cls.svc.stop() == 0
        shutil.rmtree(cls.root, ignore_errors=True)
        shutil.rmtree(cls.outside, ignore_errors=True)

    def get(self, path, accept=None, method="GET", inm=None):
        headers = {}
        if accept is not None:
            headers["Accept-Encoding"] = accept
        if inm is not None:
            headers["If-None-Match"] = inm
        return self.svc.request(method, path, None, headers)

    def test_the_variant_the_client_accepts(self):
        for accept, encoding, body in (
                ("gzip, deflate, br", "br", b"brotli-bytes"),
                ("br;q=1.0, gzip;q=0.8", "br", b"brotli-bytes"),
                ("gzip", "gzip", gzip.compress(SOURCE)),
                ("br;q=0, gzip", "gzip", gzip.compress(SOURCE)),
                ("*", "br", b"brotli-bytes"),
                ("identity", None, SOURCE),
                ("", None, SOURCE),
                (None, None, SOURCE)):
            status, h, got = self.get("/" + HASHED, accept)
            self.assertEqual(status, 200, accept)
            self.assertEqual(h.get("content-encoding"), encoding, accept)
            self.assertEqual(h["vary"], "Accept-Encoding", accept)
            self.assertEqual(h["content-type"], "text/javascript; charset=utf-8", accept)
            if encoding == "gzip":
                self.assertEqual(gzip.decompress(got), SOURCE)
            else:
                self.assertEqual(got, body, accept)
            self.assertEqual(int(h["content-length"]), len(got))

    def test_head_gives_the_variant_length(self):
        status, h, got = self.get("/" + HASHED, "br", method="HEAD")
        self.assertEqual((status, got), (200, b""))
        self.assertEqual(h["content-length"], str(len(b"brotli-bytes")))
        self.assertEqual(h["content-encoding"], "br")

    def test_etag_per_variant_and_304(self):
        tags = set()
        for accept in ("br", "gzip", ""):
            status, h, _ = self.get("/" + HASHED, accept)
            tag = h["etag"]
            self.assertRegex(tag, r'^"[0-9a-f]+-[0-9a-f]+(-br|-gzip)?"$')
            tags.add(tag)
            status, h2, body = self.get("/" + HASHED, accept, inm=tag)
            self.assertEqual((status, body), (304, b""), accept)
            self.assertEqual(h2["etag"], tag)
            self.assertIn("immutable", h2["cache-control"])
            status, _, _ = self.get("/" + HASHED, accept, inm='W/' + tag + ', "other"')
            self.assertEqual(status, 304)
        self.assertEqual(len(tags), 3)
        status, _, _ = self.get("/" + HASHED, "br", inm='"nope"')
        self.assertEqual(status, 200)

    def test_cache_control_immutable_only_for_content_hashed_names(self):
        for path, immutable in (("/" + HASHED, True), ("/vendor-0c1d2e3f4a5b/index.js", True),
                                ("/index.html", False), ("/", False), ("/stale.js", False)):
            status, h, _ = self.get(path, "gzip")
            self.assertEqual(status, 200, path)
            if immutable:
                self.assertEqual(h["cache-control"], "public, max-age=31536000, immutable", path)
            else:
                self.assertEqual(h["cache-control"], "no-cache", path)
                self.assertIn("etag", h)
        status, h, _ = self.get("/", inm=self.get("/")[1]["etag"])
        self.assertEqual(status, 304)

    def test_stale_or_escaping_variants_are_ignored(self):
        status, h, got = self.get("/stale.js", "gzip")
        self.assertEqual((status, got), (200, b"new\n"))
        self.assertNotIn("content-encoding", h)
        status, h, got = self.get("/link.js", "gzip")
        self.assertEqual((status, got), (200, b"link\n"))
        self.assertNotIn("content-encoding", h)


class RulebookGzipTest(unittest.TestCase):
    """GET /v1/rulebook gzipped for a client that accepts it; both tags revalidate."""

    def test_gzip_and_identity(self):
        svc = Service()
        try:
            status, h, plain = svc.request("GET", "/v1/rulebook")
            self.assertEqual(status, 200)
            self.assertNotIn("content-encoding", h)
            self.assertEqual(h["vary"], "Accept-Encoding")
            self.assertEqual(plain, svc.rulebook.read_bytes())
            status, g, packed = svc.request("GET", "/v1/rulebook", None,
                                            {"Accept-Encoding": "gzip, deflate, br"})
            self.assertEqual(status, 200)
            self.assertEqual(g["content-encoding"], "gzip")
            self.assertEqual(gzip.decompress(packed), plain)
            self.assertLess(len(packed), len(plain) // 3)
            self.assertNotEqual(g["etag"], h["etag"])
            self.assertEqual(g["etag"], h["etag"][:-1] + '+gzip"')
            for tag in (h["etag"], g["etag"]):
                for accept in ("gzip", "identity"):
                    status, r, body = svc.request("GET", "/v1/rulebook", None,
                                                  {"Accept-Encoding": accept, "If-None-Match": tag})
                    self.assertEqual((status, body), (304, b""), (tag, accept))
            status, _, _ = svc.request("GET", "/v1/rulebook", None,
                                       {"Accept-Encoding": "gzip;q=0"})
            self.assertEqual(status, 200)
        finally:
            self.assertEqual(svc.stop(), 0)


if __name__ == "__main__":
    ts.main()
