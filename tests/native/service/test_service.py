#!/usr/bin/env python3
"""Integration tests of taoquote-service (native/service, docs/service.md).

Each test class starts the service on an ephemeral loopback port (--port 0; the first log
line names the port) and talks to it over 127.0.0.1 only, with bounded loops. Standard
library only. Run by ctest:  test_service.py --binary PATH/taoquote-service [-v]
"""
import argparse
import copy
import datetime
import http.client
import json
from decimal import Decimal
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import unittest
from pathlib import Path

REPO = Path(__file__).resolve().parents[3]
VECTORS = REPO / "tests" / "vectors"
FIXTURE_A = VECTORS / "rulebooks" / "fixture-a.json"
FIXTURE_B = VECTORS / "rulebooks" / "fixture-b.json"
BASE_REQUEST = REPO / "tests" / "bad" / "base-request.json"
CATALOGUE = REPO / "tests" / "bad" / "catalogue.json"
BINARY = None  # set from --binary

# docs/service.md, "Status codes".
def status_for(code):
    if code == "INVALID_JSON":
        return 400
    if code == "LIMIT_EXCEEDED":
        return 413
    if code in ("INTERNAL", "RULEBOOK_INVALID", "OVERLAPPING_DATES"):
        return 500
    return 422


def compact(obj):
    return json.dumps(obj, separators=(",", ":"), ensure_ascii=False).encode("utf-8")


def variant_rulebook():
    """fixture-a with a changed fee: a second good rulebook with a different digest."""
    rb = json.loads(FIXTURE_A.read_text(encoding="utf-8"))
    rb["warehouse"]["consolidation_per_parcel"] = "12.00"
    return json.dumps(rb, indent=1, ensure_ascii=False).encode("utf-8")


def write_atomically(path, data):
    tmp = Path(str(path) + ".tmp")
    tmp.write_bytes(data)
    os.replace(tmp, path)


def golden_cases(rulebook):
    for case_path in sorted((VECTORS / "cases").glob("*.json")):
        case = json.loads(case_path.read_text(encoding="utf-8"))
        if case["rulebook"] == rulebook:
            expected = (VECTORS / "expected" / case_path.name).read_bytes().rstrip(b"\r\n")
            yield case_path.name, case["request"], expected


# --- JSON Patch (RFC 6902: add, remove, replace), as the catalogue uses it ---------------
def _pointer(path):
    return [t.replace("~1", "/").replace("~0", "~") for t in path.split("/")[1:]]


def apply_patch(doc, patch):
    doc = copy.deepcopy(doc)
    for op in patch:
        tokens = _pointer(op["path"])
        if not tokens:
            doc = op.get("value")
            continue
        parent = doc
        for t in tokens[:-1]:
            parent = parent[int(t)] if isinstance(parent, list) else parent[t]
        last = tokens[-1]
        if isinstance(parent, list):
            index = len(parent) if last == "-" else int(last)
            if op["op"] == "add":
                parent.insert(index, op["value"])
            elif op["op"] == "remove":
                del parent[index]
            else:
                parent[index] = op["value"]
        else:
            if op["op"] == "remove":
                del parent[last]
            else:
                parent[last] = op["value"]
    return doc


def catalogue_request(entry, base_text):
    if "raw" in entry:
        return entry["raw"].encode("utf-8")
    if "patch" in entry:
        return compact(apply_patch(json.loads(base_text), entry["patch"]))
    g = entry["generate"]
    kind = g["kind"]
    if kind == "nest":
        return b"[" * g["depth"] + b"]" * g["depth"]
    if kind == "pad":
        text = base_text.encode("utf-8")
        return text[: text.rstrip().rfind(b"}")] + b" " * g["bytes"] + b"}"
    if kind == "bytes":
        return bytes.fromhex(g["hex"])
    if kind == "long_string":
        doc = json.loads(base_text)
        tokens = _pointer(g["path"])
        target = doc
        for t in tokens[:-1]:
            target = target[int(t)] if isinstance(target, list) else target[t]
        target[tokens[-1]] = "x" * g["bytes"]
        return compact(doc)
    raise ValueError(kind)


# --- the service under test ---------------------------------------------------------------
class Service:
    """A running taoquote-service; collects its JSON log lines."""

    def __init__(self, *args, rulebook=FIXTURE_A, static_dir="", env=None, preexec=None):
        self.tmp = tempfile.mkdtemp(prefix="taoquote-svc-")
        self.rulebook = Path(self.tmp) / "rulebook.json"
        shutil.copyfile(rulebook, self.rulebook)
        cmd = [BINARY, "--port", "0", "--rulebook", str(self.rulebook),
               "--static-dir", static_dir, *args]
        full_env = dict(os.environ)
        full_env.update(env or {})
        self.proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                     stderr=subprocess.PIPE, env=full_env, preexec_fn=preexec)
        self.lines = []
        self.cond = threading.Condition()
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()
        listening = self.wait_event(lambda e: e.get("event") == "listening", 20)
        assert listening, "service did not start: %r" % self.lines
        self.port = listening["port"]
        self.digest = listening["rulebook_digest"]

    def _read(self):
        for raw in self.proc.stderr:
            try:
                entry = json.loads(raw)
            except ValueError:
                entry = {"unparsed": raw.decode("utf-8", "replace")}
            with self.cond:
                self.lines.append(entry)
                self.cond.notify_all()

    def wait_event(self, pred, timeout=5.0):
        deadline = time.monotonic() + timeout
        with self.cond:
            while True:
                for e in self.lines:
                    if pred(e):
                        return e
                left = deadline - time.monotonic()
                if left <= 0 or self.proc.poll() is not None and not self.reader.is_alive():
                    return None
                self.cond.wait(min(left, 0.1))

    def count_events(self, pred):
        with self.cond:
            return sum(1 for e in self.lines if pred(e))

    def connect(self, timeout=10):
        return http.client.HTTPConnection("127.0.0.1", self.port, timeout=timeout)

    def request(self, method, path, body=None, headers=None, conn=None):
        own = conn is None
        conn = conn or self.connect()
        try:
            conn.request(method, path, body=body, headers=headers or {})
            r = conn.getresponse()
            return r.status, {k.lower(): v for k, v in r.getheaders()}, r.read()
        finally:
            if own:
                conn.close()

    def post_json(self, path, body, conn=None):
        return self.request("POST", path, body, {"Content-Type": "application/json"}, conn)

    def raw(self, data, timeout=5.0):
        """Sends raw bytes and returns everything received until the server closes."""
        with socket.create_connection(("127.0.0.1", self.port), timeout=timeout) as s:
            s.sendall(data)
            return recv_all(s, timeout)

    def signal(self, signo):
        self.proc.send_signal(signo)

    def stop(self, timeout=15):
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
        try:
            code = self.proc.wait(timeout)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            code = self.proc.wait()
        self.reader.join(5)
        self.proc.stderr.close()
        shutil.rmtree(self.tmp, ignore_errors=True)
        return code

    def metric(self, name):
        """The value of a metric line `name` (labels included, exactly), or None."""
        deadline = time.monotonic() + 5
        status, _, body = self.request("GET", "/metrics")
        while status != 200 and time.monotonic() < deadline:  # e.g. 503 at a connection cap
            time.sleep(0.05)
            status, _, body = self.request("GET", "/metrics")
        for line in body.decode().splitlines():
            if line.startswith(name + " "):
                return float(line.split(" ")[-1])
        return None

    def reload(self, data):
        """Writes a new rulebook, sends SIGHUP and returns the reload event it caused."""
        def signalled():
            return [e for e in list(self.lines)
                    if e.get("event") == "reload" and e.get("reason") == "signal"]
        before = len(signalled())
        write_atomically(self.rulebook, data)
        self.signal(signal.SIGHUP)
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            events = signalled()
            if len(events) > before:
                return events[before]
            time.sleep(0.02)
        raise AssertionError("no reload event")


def recv_all(s, timeout):
    s.settimeout(timeout)
    chunks = []
    try:
        while True:
            b = s.recv(65536)
            if not b:
                break
            chunks.append(b)
    except (ConnectionResetError, socket.timeout):
        pass
    return b"".join(chunks)


def status_of(raw_response):
    if not raw_response.startswith(b"HTTP/1."):
        return None
    return int(raw_response.split(b" ", 2)[1])


def error_of(body):
    return json.loads(body)["error"]


# --- tests --------------------------------------------------------------------------------
class ConfigTest(unittest.TestCase):
    def test_help_lists_every_flag_and_variable(self):
        out = subprocess.run([BINARY, "--help"], capture_output=True, timeout=10)
        self.assertEqual(out.returncode, 0)
        text = out.stdout.decode()
        for flag in ("--address", "--port", "--rulebook", "--static-dir", "--threads", "--max-body",
                     "--max-header", "--max-connections", "--header-timeout-ms",
                     "--body-timeout-ms", "--idle-timeout-ms", "--write-timeout-ms",
                     "--drain-timeout-ms", "--reload-poll-ms", "--access-log"):
            self.assertIn(flag + " ", text)
            self.assertIn("TAOQUOTE_" + flag[2:].upper().replace("-", "_"), text)

    def test_bad_flags_exit_2(self):
        for args in (["--bogus"], ["--port", "70000"], ["--threads", "0"], ["--port"],
                     ["--address", "not-an-ip"], ["--access-log", "maybe"], ["stray"]):
            out = subprocess.run([BINARY, *args], capture_output=True, timeout=10)
            self.assertEqual(out.returncode, 2, args)
            self.assertIn(b"taoquote-service:", out.stderr)

    def test_bad_environment_exits_2(self):
        env = dict(os.environ, TAOQUOTE_MAX_BODY="lots")
        out = subprocess.run([BINARY], capture_output=True, timeout=10, env=env)
        self.assertEqual(out.returncode, 2)
        self.assertIn(b"TAOQUOTE_MAX_BODY", out.stderr)

    def test_invalid_rulebook_at_startup_exits_1(self):
        with tempfile.NamedTemporaryFile(suffix=".json") as f:
            f.write(b'{"schema":"taoquote.rulebook/1"')
            f.flush()
            out = subprocess.run([BINARY, "--port", "0", "--rulebook", f.name],
                                 capture_output=True, timeout=10)
        self.assertEqual(out.returncode, 1)
        line = json.loads(out.stderr.splitlines()[0])
        self.assertEqual(line["event"], "startup_failed")
        self.assertEqual(line["code"], "INVALID_JSON")

    def test_environment_variables_and_equals_form(self):
        svc = Service("--access-log=off", env={"TAOQUOTE_THREADS": "1"})
        try:
            listening = svc.wait_event(lambda e: e.get("event") == "listening")
            self.assertEqual(listening["threads"], 1)
            self.assertEqual(listening["address"], "127.0.0.1")
            # The allocator as it reports itself: jemalloc's own version string when linked
            # with it (the default outside sanitizer builds), else the system's.
            self.assertRegex(listening["allocator"], r"^(system|jemalloc \d+\.\d+\.\d+-)")
            status, _, _ = svc.request("GET", "/healthz")
            self.assertEqual(status, 200)
            self.assertEqual(svc.count_events(lambda e: "status" in e), 0)  # access log off
        finally:
            self.assertEqual(svc.stop(), 0)


class EndpointTest(unittest.TestCase):
    """One service on fixture-a with short timeouts and a small static directory."""

    @classmethod
    def setUpClass(cls):
        cls.static = tempfile.mkdtemp(prefix="taoquote-static-")
        root = Path(cls.static) / "site"
        (root / "sub").mkdir(parents=True)
        (root / "index.html").write_text("<!doctype html><title>demo</title>")
        (root / "app.js").write_text("export const x = 1;\n")
        (root / "core.wasm").write_bytes(b"\0asm\x01\0\0\0")
        (root / "sub" / "style.css").write_text("body{}")
        (root / "sub" / "index.html").write_text("sub index")
        (Path(cls.static) / "secret.txt").write_text("outside the root")
        os.symlink("../secret.txt", root / "escape.txt")
        cls.svc = Service("--static-dir", str(root), "--header-timeout-ms", "800",
                          "--body-timeout-ms", "800", "--idle-timeout-ms", "1500",
                          "--max-header", "4096")
        cls.base_request = BASE_REQUEST.read_text(encoding="utf-8")

    @classmethod
    def tearDownClass(cls):
        assert cls.svc.stop() == 0
        shutil.rmtree(cls.static, ignore_errors=True)

    # quote -------------------------------------------------------------------------------
    def test_quote_golden_vectors_fixture_a_byte_identical(self):
        conn = self.svc.connect()
        n = 0
        for name, request, expected in golden_cases("fixture-a"):
            status, headers, body = self.svc.post_json("/v1/quote", compact(request), conn)
            self.assertEqual(body, expected, name)
            if body.startswith(b'{"error"'):
                self.assertEqual(status, status_for(error_of(body)["code"]), name)
            else:
                self.assertEqual(status, 200, name)
                self.assertEqual(headers["x-taoquote-rulebook"],
                                 json.loads(body)["rulebook"]["digest"])
            self.assertEqual(headers["content-type"], "application/json")
            self.assertEqual(headers["x-taoquote-rulebook"], self.svc.digest)
            n += 1
        conn.close()
        self.assertGreaterEqual(n, 90)  # vectors are added over time, never removed

    def test_quote_bad_input_catalogue(self):
        entries = [e for e in json.loads(CATALOGUE.read_text(encoding="utf-8"))["cases"]
                   if e["doc"] == "request"]
        self.assertGreaterEqual(len(entries), 60)
        conn = self.svc.connect()
        for e in entries:
            status, headers, body = self.svc.post_json(
                "/v1/quote", catalogue_request(e, self.base_request), conn)
            err = error_of(body)
            self.assertEqual((err["code"], err["path"], err["doc"]),
                             (e["code"], e["path"], "request"), e["name"])
            self.assertEqual(status, status_for(e["code"]), e["name"])
            self.assertEqual(headers["x-taoquote-rulebook"], self.svc.digest)
        conn.close()

    def test_quote_accepts_json_with_parameters_and_query(self):
        status, _, body = self.svc.request(
            "POST", "/v1/quote?debug=1", BASE_REQUEST.read_bytes(),
            {"Content-Type": "Application/JSON; charset=utf-8"})
        self.assertEqual(status, 200)
        self.assertTrue(body.startswith(b'{"schema":"taoquote.quote/1"'))

    def test_wrong_content_type_415(self):
        for headers in ({}, {"Content-Type": "text/plain"}, {"Content-Type": "application/jsonx"},
                        {"Content-Type": "application/x-www-form-urlencoded"}):
            for path in ("/v1/quote", "/v1/verify"):
                status, _, body = self.svc.request("POST", path, b"{}", headers)
                self.assertEqual(status, 415, (path, headers))
                self.assertEqual(error_of(body)["code"], "UNSUPPORTED_MEDIA_TYPE")

    def test_wrong_method_405(self):
        for method, path, allow in (("GET", "/v1/quote", "POST"), ("PUT", "/v1/verify", "POST"),
                                    ("POST", "/v1/rulebook", "GET, HEAD"),
                                    ("DELETE", "/healthz", "GET, HEAD"),
                                    ("POST", "/metrics", "GET, HEAD"),
                                    ("POST", "/app.js", "GET, HEAD")):
            status, headers, body = self.svc.request(method, path, b"{}" if method != "GET" else None,
                                                     {"Content-Type": "application/json"})
            self.assertEqual(status, 405, (method, path))
            self.assertEqual(headers["allow"], allow)
            self.assertEqual(error_of(body)["code"], "METHOD_NOT_ALLOWED")

    def test_unknown_path_404(self):
        for method, path in (("GET", "/v1/nope"), ("POST", "/v1/quotes"), ("GET", "/v1"),
                             ("GET", "/missing.js"), ("POST", "/missing")):
            status, _, body = self.svc.request(method, path, b"{}" if method == "POST" else None,
                                               {"Content-Type": "application/json"})
            self.assertEqual(status, 404, path)
            self.assertEqual(error_of(body), {"code": "NOT_FOUND", "doc": "http", "path": "",
                                              "message": "No such resource."})

    # verify ------------------------------------------------------------------------------
    def quote(self, request_bytes):
        status, _, body = self.svc.post_json("/v1/quote", request_bytes)
        self.assertEqual(status, 200)
        return body

    def test_verify_match(self):
        request = json.loads(self.base_request)
        quote = self.quote(compact(request))
        fp = json.loads(quote)["fingerprint"]
        status, headers, body = self.svc.post_json(
            "/v1/verify", compact({"request": request, "fingerprint": fp}))
        self.assertEqual(status, 200)
        self.assertEqual(body, b'{"match":true,"fingerprint":"' + fp.encode() + b'"}')
        self.assertEqual(headers["x-taoquote-rulebook"], self.svc.digest)
        # The request member is handed over byte for byte, whitespace and key order included.
        pretty = b'{ "fingerprint" : "' + fp.encode() + b'",\n "request" :\n' + \
            BASE_REQUEST.read_bytes() + b"\n}\n"
        status, _, body = self.svc.post_json("/v1/verify", pretty)
        self.assertEqual((status, json.loads(body)["match"]), (200, True))

    # diff ----------------------------------------------------------------------------------
    def test_diff_explains_two_quotes(self):
        before_request = json.loads(self.base_request)
        after_request = json.loads(self.base_request)
        after_request["items"][0]["quantity"] += 3
        before, after = self.quote(compact(before_request)), self.quote(compact(after_request))
        status, headers, body = self.svc.post_json(
            "/v1/diff", b'{"before":' + before + b',"after":' + after + b"}")
        self.assertEqual(status, 200, body)
        self.assertEqual(headers["content-type"], "application/json")
        diff = json.loads(body)
        self.assertEqual(diff["schema"], "taoquote.diff/1")
        b, a = json.loads(before), json.loads(after)
        # Checked against the two quotes, not against the service: the totals and their
        # difference, and the charges' deltas that add up to it exactly.
        self.assertEqual(diff["total"]["before"], b["total"])
        self.assertEqual(diff["total"]["after"], a["total"])
        delta = Decimal(a["total"]) - Decimal(b["total"])
        self.assertNotEqual(delta, 0)
        self.assertEqual(Decimal(diff["total"]["delta"]), delta)
        checkout = [c for c in diff["charges"] if c["collect"] == "checkout"]
        self.assertEqual(sum(Decimal(c["delta"]) for c in checkout), delta)
        for c in diff["charges"]:
            self.assertEqual(sum(Decimal(x["amount"]) for x in c["causes"]), Decimal(c["delta"]))

    def test_diff_envelope_and_quote_errors(self):
        quote = self.quote(self.base_request)
        cases = [
            (b"{", 400, "INVALID_JSON", ""),
            (b"[]", 422, "INVALID_FIELD", ""),
            (b'{"before":' + quote + b"}", 422, "INVALID_FIELD", "/after"),
            (b'{"before":1,"after":1,"extra":1}', 422, "INVALID_FIELD", "/extra"),
            (b'{"before":' + b"[" * 200000 + b"]" * 200000 + b',"after":1}', 400, "INVALID_JSON", ""),
            (b'{"before":' + quote + b',"after":{"error":{}}}', 422, "INVALID_FIELD",
             "/after"),
        ]
        for body, status, code, path in cases:
            got, _, reply = self.svc.post_json("/v1/diff", body)
            err = json.loads(reply)["error"]
            self.assertEqual((got, err["code"], err["path"]), (status, code, path), body[:80])
        got, _, _ = self.svc.request("GET", "/v1/diff")
        self.assertEqual(got, 405)

    def test_verify_mismatch_returns_servers_quote(self):
        request = json.loads(self.base_request)
        quote = self.quote(compact(request))
        real = json.loads(quote)["fingerprint"]
        claimed = "sha256:" + "0" * 64
        status, _, body = self.svc.post_json(
            "/v1/verify", compact({"request": request, "fingerprint": claimed}))
        self.assertEqual(status, 200)
        self.assertEqual(body, b'{"match":false,"fingerprint":"' + real.encode() +
                         b'","quote":' + quote + b"}")

    def test_verify_request_errors_are_the_cores(self):
        request = json.loads(self.base_request)
        request["items"][0]["quantity"] = 0
        fp = "sha256:" + "a" * 64
        status, _, body = self.svc.post_json(
            "/v1/verify", compact({"request": request, "fingerprint": fp}))
        _, _, direct = self.svc.post_json("/v1/quote", compact(request))
        self.assertEqual(body, direct)
        self.assertEqual(status, status_for(error_of(body)["code"]))
        status, _, body = self.svc.post_json(
            "/v1/verify", b'{"request":{"at":1,"at":2},"fingerprint":"' + fp.encode() + b'"}')
        self.assertEqual((status, error_of(body)["code"], error_of(body)["doc"]),
                         (400, "INVALID_JSON", "request"))

    def test_verify_envelope_errors(self):
        fp = "sha256:" + "b" * 64
        req = self.base_request
        cases = [
            (b"", 400, "INVALID_JSON", ""),
            (b"{", 400, "INVALID_JSON", ""),
            (b'{"request":{},"fingerprint":"x"} trailing', 400, "INVALID_JSON", ""),
            (b'{"fingerprint":"a","fingerprint":"b","request":{}}', 400, "INVALID_JSON", ""),
            (b"[" * 100 + b"]" * 100, 400, "INVALID_JSON", ""),
            (b'{"request":"\xff"}', 400, "INVALID_JSON", ""),
            (b"[]", 422, "INVALID_FIELD", ""),
            (b'"text"', 422, "INVALID_FIELD", ""),
            (b'{"fingerprint":"' + fp.encode() + b'"}', 422, "INVALID_FIELD", "/request"),
            (b'{"request":' + req.encode() + b"}", 422, "INVALID_FIELD", "/fingerprint"),
            (b'{"request":{},"fingerprint":"sha256:ABC"}', 422, "INVALID_FIELD", "/fingerprint"),
            (b'{"request":{},"fingerprint":7}', 422, "INVALID_FIELD", "/fingerprint"),
            (b'{"request":{},"fingerprint":"' + fp.encode() + b'","price":"1.00"}', 422,
             "INVALID_FIELD", "/price"),
            (b'{"a/b":1}', 422, "INVALID_FIELD", "/a~1b"),
        ]
        for body, status, code, path in cases:
            got_status, _, got = self.svc.post_json("/v1/verify", body)
            err = error_of(got)
            self.assertEqual((got_status, err["code"], err["doc"], err["path"]),
                             (status, code, "verify", path), body[:60])
        # A key spelled with an escape is the same key.
        status, _, got = self.svc.post_json(
            "/v1/verify", b'{"\\u0072equest":' + req.encode() + b',"fingerprint":"' + fp.encode() + b'"}')
        self.assertEqual((status, json.loads(got)["match"]), (200, False))

    # rulebook ----------------------------------------------------------------------------
    def test_rulebook_served_verbatim_with_etag(self):
        status, headers, body = self.svc.request("GET", "/v1/rulebook")
        self.assertEqual(status, 200)
        self.assertEqual(body, FIXTURE_A.read_bytes())
        self.assertEqual(headers["etag"], '"%s"' % self.svc.digest)
        self.assertEqual(headers["x-taoquote-rulebook"], self.svc.digest)
        self.assertEqual(headers["x-taoquote-rulebook-id"], "fixture-a")
        self.assertEqual(headers["content-type"], "application/json")
        for inm in (headers["etag"], "W/" + headers["etag"], '"other", ' + headers["etag"], "*"):
            status, h304, body = self.svc.request("GET", "/v1/rulebook",
                                                  headers={"If-None-Match": inm})
            self.assertEqual((status, body), (304, b""), inm)
            self.assertEqual(h304["etag"], headers["etag"])
        status, _, body = self.svc.request("GET", "/v1/rulebook",
                                           headers={"If-None-Match": '"sha256:0"'})
        self.assertEqual((status, body), (200, FIXTURE_A.read_bytes()))
        status, hhead, body = self.svc.request("HEAD", "/v1/rulebook")
        self.assertEqual((status, body), (200, b""))
        self.assertEqual(int(hhead["content-length"]), FIXTURE_A.stat().st_size)

    # health and metrics ------------------------------------------------------------------
    def test_healthz(self):
        status, headers, body = self.svc.request("GET", "/healthz")
        self.assertEqual(status, 200)
        self.assertEqual(json.loads(body), {"status": "ok", "rulebook": {
            "id": "fixture-a", "digest": self.svc.digest}})

    def test_metrics(self):
        self.svc.post_json("/v1/quote", self.base_request.encode())
        self.svc.post_json("/v1/quote", b"{")
        needles = ('taoquote_http_requests_total{endpoint="quote",status="200"} ',
                   'taoquote_http_requests_total{endpoint="quote",status="400"} ',
                   'taoquote_http_errors_total{endpoint="quote",code="INVALID_JSON"} ',
                   'taoquote_http_request_duration_seconds_bucket{endpoint="quote",le="+Inf"} ',
                   'taoquote_http_request_duration_seconds_bucket{endpoint="quote",le="0.010000"} ',
                   'taoquote_http_request_duration_seconds_count{endpoint="quote"} ',
                   'taoquote_rulebook_info{id="fixture-a",digest="%s"} 1' % self.svc.digest,
                   "taoquote_rulebook_reloads_total 0", "taoquote_rulebook_reload_failures_total 0",
                   "taoquote_http_connections_open ", "taoquote_draining 0",
                   "# TYPE taoquote_http_request_duration_seconds histogram")
        # A response is counted once written, which may be just after the client read it.
        deadline = time.monotonic() + 5
        while True:
            status, headers, body = self.svc.request("GET", "/metrics")
            self.assertEqual(status, 200)
            text = body.decode()
            missing = [n for n in needles if n not in text]
            if not missing or time.monotonic() > deadline:
                break
            time.sleep(0.05)
        self.assertEqual(missing, [])
        self.assertTrue(headers["content-type"].startswith("text/plain; version=0.0.4"))
        for line in text.splitlines():  # every sample line is "name{labels} value"
            if not line.startswith("#"):
                float(line.rsplit(" ", 1)[1])

    def test_access_log_lines(self):
        self.svc.request("GET", "/healthz?probe=log")
        line = self.svc.wait_event(lambda e: e.get("path") == "/healthz?probe=log")
        self.assertEqual(list(line), ["ts", "method", "path", "status", "ms", "code", "rulebook"])
        self.assertEqual((line["method"], line["status"], line["code"]), ("GET", 200, None))
        # "ts" is UTC with milliseconds always shown, and is the time the line was written.
        self.assertRegex(line["ts"], r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$")
        written = datetime.datetime.strptime(line["ts"], "%Y-%m-%dT%H:%M:%S.%fZ")
        now = datetime.datetime.now(datetime.timezone.utc).replace(tzinfo=None)
        self.assertLess(abs((now - written).total_seconds()), 60)
        self.svc.post_json("/v1/quote?probe=log", b"[]")
        line = self.svc.wait_event(lambda e: e.get("path") == "/v1/quote?probe=log")
        self.assertEqual((line["status"], line["code"], line["rulebook"]),
                         (422, "INVALID_FIELD", self.svc.digest))

    # static files ------------------------------------------------------------------------
    def test_static_files_and_content_types(self):
        for path, ctype, body in (("/", "text/html; charset=utf-8", b"<!doctype html><title>demo</title>"),
                                  ("/index.html", "text/html; charset=utf-8", None),
                                  ("/app.js", "text/javascript; charset=utf-8", b"export const x = 1;\n"),
                                  ("/core.wasm", "application/wasm", b"\0asm\x01\0\0\0"),
                                  ("/sub/style.css", "text/css; charset=utf-8", b"body{}"),
                                  ("/sub/", "text/html; charset=utf-8", b"sub index"),
                                  ("/%61pp.js?v=3", "text/javascript; charset=utf-8", None)):
            status, headers, got = self.svc.request("GET", path)
            self.assertEqual(status, 200, path)
            self.assertEqual(headers["content-type"], ctype, path)
            self.assertEqual(headers["x-content-type-options"], "nosniff")
            if body is not None:
                self.assertEqual(got, body, path)
        status, headers, got = self.svc.request("HEAD", "/core.wasm")
        self.assertEqual((status, got, headers["content-length"]), (200, b"", "8"))

    def test_static_no_traversal(self):
        for target in (b"/../secret.txt", b"/%2e%2e/secret.txt", b"/sub/../../secret.txt",
                       b"/..%2fsecret.txt", b"/%2e%2e%2fsecret.txt", b"/escape.txt",
                       b"/sub/%2e%2e/%2e%2e/secret.txt", b"/..\\secret.txt", b"/%00",
                       b"/%zz", b"/sub", b"/./app.js", b"http://host/../secret.txt"):
            resp = self.svc.raw(b"GET " + target + b" HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
            self.assertIn(status_of(resp), (400, 404), target)
            self.assertNotIn(b"outside the root", resp, target)

    # keep-alive, pipelining, Expect ------------------------------------------------------
    def test_keep_alive_and_pipelining(self):
        conn = self.svc.connect()
        for _ in range(3):
            status, _, _ = self.svc.request("GET", "/healthz", conn=conn)
            self.assertEqual(status, 200)
        conn.close()
        body = self.base_request.encode()
        one = (b"POST /v1/quote HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
               b"Content-Length: " + str(len(body)).encode() + b"\r\n\r\n" + body)
        last = b"GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
        resp = self.svc.raw(one + one + last)
        self.assertEqual(resp.count(b"HTTP/1.1 200 OK"), 3)

    def test_expect_100_continue(self):
        body = self.base_request.encode()
        with socket.create_connection(("127.0.0.1", self.svc.port), timeout=5) as s:
            s.sendall(b"POST /v1/quote HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                      b"Expect: 100-continue\r\nConnection: close\r\nContent-Length: " +
                      str(len(body)).encode() + b"\r\n\r\n")
            interim = s.recv(4096)
            self.assertTrue(interim.startswith(b"HTTP/1.1 100 Continue\r\n\r\n"), interim)
            s.sendall(body)
            resp = interim[25:] + recv_all(s, 5)
        self.assertEqual(status_of(resp), 200)

    # limits and malformed HTTP -----------------------------------------------------------
    def test_body_over_cap_413(self):
        # Content-Length above the cap: refused before reading the body.
        with socket.create_connection(("127.0.0.1", self.svc.port), timeout=5) as s:
            s.sendall(b"POST /v1/quote HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                      b"Content-Length: 5000000\r\n\r\n")
            resp = recv_all(s, 5)
        self.assertEqual(status_of(resp), 413)
        self.assertIn(b'"code":"PAYLOAD_TOO_LARGE"', resp)
        self.assertIn(b"Connection: close", resp)
        # Chunked, growing past the cap while being read.
        chunk = b"a" * 65536
        with socket.create_connection(("127.0.0.1", self.svc.port), timeout=5) as s:
            s.sendall(b"POST /v1/quote HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                      b"Transfer-Encoding: chunked\r\n\r\n")
            try:
                for _ in range(40):
                    s.sendall(b"10000\r\n" + chunk + b"\r\n")
            except (BrokenPipeError, ConnectionResetError):
                pass
            resp = recv_all(s, 5)
        self.assertIn(status_of(resp), (413, None))  # 413, or reset while we were sending
        status, _, _ = self.svc.request("GET", "/healthz")
        self.assertEqual(status, 200)

    def test_header_over_cap_431(self):
        resp = self.svc.raw(b"GET /healthz HTTP/1.1\r\nHost: x\r\nX-Big: " + b"b" * 8000 +
                            b"\r\n\r\n")
        self.assertEqual(status_of(resp), 431)
        self.assertIn(b'"code":"HEADER_TOO_LARGE"', resp)

    def test_malformed_http_400_and_close(self):
        for data in (b"GARBAGE\r\n\r\n", b"GET / HTTP/9.9\r\n\r\n", b"GET /healthz HTTP/1.1\r\nBad Header\r\n\r\n",
                     b"POST /v1/quote HTTP/1.1\r\nContent-Length: abc\r\n\r\n",
                     b"POST /v1/quote HTTP/1.1\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\nxx",
                     b"POST /v1/quote HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n",
                     b"\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03" + b"\0" * 40 + b"\r\n\r\n"):
            resp = self.svc.raw(data)
            self.assertIn(status_of(resp), (400, None), data)  # 400, or closed without a reply
            if resp:
                self.assertIn(b"Connection: close", resp, data)
                self.assertIn(b'"code":"BAD_REQUEST"', resp, data)

    def test_slow_header_times_out(self):
        """A client trickling its header byte by byte cannot hold the connection."""
        request = b"GET /healthz HTTP/1.1\r\nHost: x\r\nX-Slow: " + b"s" * 100 + b"\r\n\r\n"
        start = time.monotonic()
        with socket.create_connection(("127.0.0.1", self.svc.port), timeout=5) as s:
            s.settimeout(0.1)
            received = b""
            for byte in request:
                try:
                    s.sendall(bytes([byte]))
                except OSError:
                    break
                try:
                    got = s.recv(4096)
                    received += got
                    if not got or received:
                        break
                except socket.timeout:
                    pass
                except OSError:
                    break
            received += recv_all(s, 3)
        elapsed = time.monotonic() - start
        self.assertLess(elapsed, 4.0)  # the 0.8 s deadline, not the ~13 s trickle
        self.assertIn(status_of(received), (408, None))
        if received:
            self.assertIn(b'"code":"REQUEST_TIMEOUT"', received)
        self.assertEqual(self.svc.request("GET", "/healthz")[0], 200)

    def test_slow_body_times_out(self):
        start = time.monotonic()
        with socket.create_connection(("127.0.0.1", self.svc.port), timeout=5) as s:
            s.sendall(b"POST /v1/quote HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                      b"Content-Length: 100\r\n\r\n{\"at\":")
            resp = recv_all(s, 5)
        self.assertLess(time.monotonic() - start, 4.0)
        self.assertEqual(status_of(resp), 408)
        self.assertIn(b'"code":"REQUEST_TIMEOUT"', resp)

    def test_idle_keep_alive_is_closed(self):
        with socket.create_connection(("127.0.0.1", self.svc.port), timeout=5) as s:
            start = time.monotonic()
            self.assertEqual(recv_all(s, 5), b"")  # closed silently after the idle timeout
            self.assertLess(time.monotonic() - start, 4.0)


class ConnectionCapTest(unittest.TestCase):
    def test_connections_beyond_cap_get_503(self):
        """Busy connections (mid-request, so not evictable) fill the cap: a quote gets 503,
        the probes still get through on a limited slot; a slot frees when one closes."""
        svc = Service("--max-connections", "3", "--header-timeout-ms", "20000")
        try:
            held = [socket.create_connection(("127.0.0.1", svc.port), timeout=5) for _ in range(3)]
            for s in held:
                s.sendall(b"GET /healthz HTTP/1.1\r\n")  # a header that never ends
            time.sleep(0.2)
            body = BASE_REQUEST.read_bytes()
            resp = svc.raw(b"POST /v1/quote HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                           b"Content-Length: " + str(len(body)).encode() + b"\r\n\r\n" + body)
            self.assertEqual(status_of(resp), 503)
            self.assertIn(b'"code":"UNAVAILABLE"', resp)
            self.assertIn(b"Retry-After: 1", resp)
            self.assertEqual(status_of(svc.raw(b"GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n")), 200)
            held.pop().close()
            deadline = time.monotonic() + 5
            while time.monotonic() < deadline:
                if status_of(svc.raw(b"POST /v1/quote HTTP/1.1\r\nHost: x\r\nContent-Type: "
                                     b"application/json\r\nConnection: close\r\nContent-Length: " +
                                     str(len(body)).encode() + b"\r\n\r\n" + body)) == 200:
                    break
                time.sleep(0.05)
            else:
                self.fail("no connection admitted after one closed")
            for s in held:
                s.close()
        finally:
            self.assertEqual(svc.stop(), 0)


class ReloadTest(unittest.TestCase):
    def test_sighup_swaps_good_and_rejects_bad_rulebooks(self):
        svc = Service("--reload-poll-ms", "0")
        try:
            a = svc.digest
            request = BASE_REQUEST.read_bytes()
            event = svc.reload(variant_rulebook())
            self.assertEqual((event["result"], event["previous"]), ("ok", a))
            b = event["digest"]
            self.assertNotEqual(a, b)
            status, headers, body = svc.post_json("/v1/quote", request)
            self.assertEqual(headers["x-taoquote-rulebook"], b)
            self.assertEqual(json.loads(body)["rulebook"]["digest"], b)
            status, headers, _ = svc.request("GET", "/v1/rulebook")
            self.assertEqual(headers["etag"], '"%s"' % b)

            # A rulebook that does not validate is rejected; b keeps serving.
            bad = json.loads(FIXTURE_A.read_text())
            bad["service_fee"]["min"] = 5  # an amount as a JSON number
            event = svc.reload(json.dumps(bad).encode())
            self.assertEqual((event["result"], event["code"]), ("rejected", "INVALID_AMOUNT"))
            self.assertEqual(event["pointer"], "/service_fee/min")
            self.assertEqual(svc.post_json("/v1/quote", request)[1]["x-taoquote-rulebook"], b)
            event = svc.reload(b"{ not json")
            self.assertEqual((event["result"], event["code"]), ("rejected", "INVALID_JSON"))
            self.assertEqual(svc.metric("taoquote_rulebook_reload_failures_total"), 2)
            self.assertEqual(svc.metric("taoquote_rulebook_reloads_total"), 1)
            self.assertEqual(svc.metric('taoquote_rulebook_info{id="fixture-a",digest="%s"}' % b), 1)
            self.assertEqual(svc.post_json("/v1/quote", request)[1]["x-taoquote-rulebook"], b)

            # A missing file is a failed reload too.
            os.remove(svc.rulebook)
            svc.signal(signal.SIGHUP)
            self.assertIsNotNone(svc.wait_event(lambda e: e.get("event") == "reload"
                                                and e.get("result") == "rejected"
                                                and "cannot open" in e.get("message", "")))
            self.assertEqual(svc.metric("taoquote_rulebook_reload_failures_total"), 3)
            self.assertEqual(svc.request("GET", "/healthz")[0], 200)
        finally:
            self.assertEqual(svc.stop(), 0)

    def test_changed_file_is_picked_up_without_a_signal(self):
        svc = Service("--reload-poll-ms", "100")
        try:
            write_atomically(svc.rulebook, variant_rulebook())
            event = svc.wait_event(lambda e: e.get("event") == "reload", 5)
            self.assertEqual((event["result"], event["reason"]), ("ok", "file_changed"))
            b = event["digest"]
            self.assertEqual(svc.post_json("/v1/quote", BASE_REQUEST.read_bytes())[1]
                             ["x-taoquote-rulebook"], b)
            # A broken file is reported once, not at every poll.
            write_atomically(svc.rulebook, b"{")
            self.assertIsNotNone(svc.wait_event(lambda e: e.get("result") == "rejected", 5))
            time.sleep(0.5)
            self.assertEqual(svc.count_events(lambda e: e.get("event") == "reload"), 2)
            self.assertEqual(svc.post_json("/v1/quote", BASE_REQUEST.read_bytes())[1]
                             ["x-taoquote-rulebook"], b)
        finally:
            self.assertEqual(svc.stop(), 0)

    def test_reload_under_load(self):
        """Quotes never fail and never mix rulebooks while rulebooks are swapped."""
        svc = Service("--reload-poll-ms", "0")
        try:
            name, request, expected_a = next(golden_cases("fixture-a"))
            body = compact(request)
            status, _, quote_a = svc.post_json("/v1/quote", body)
            self.assertEqual((status, quote_a), (200, expected_a))  # byte-identical golden quote
            variant = variant_rulebook()
            svc.reload(variant)
            status, _, quote_b = svc.post_json("/v1/quote", body)
            self.assertEqual(status, 200)
            svc.reload(FIXTURE_A.read_bytes())
            digest_a = json.loads(quote_a)["rulebook"]["digest"]
            digest_b = json.loads(quote_b)["rulebook"]["digest"]
            self.assertNotEqual(digest_a, digest_b)
            known = {quote_a: digest_a, quote_b: digest_b}
            broken = json.loads(FIXTURE_A.read_text())
            broken["lines"][0]["pricing"]["kind"] = "nonsense"

            stop = threading.Event()
            results = []  # per thread: (ok, failures list, digests seen)
            lock = threading.Lock()

            def client():
                conn = svc.connect(timeout=10)
                ok, failures, seen = 0, [], set()
                for _ in range(20000):  # bounded; normally ended by `stop`
                    if stop.is_set():
                        break
                    try:
                        status, headers, got = svc.post_json("/v1/quote", body, conn)
                    except (OSError, http.client.HTTPException) as e:
                        failures.append("transport: %r" % e)
                        conn.close()
                        conn = svc.connect(timeout=10)
                        continue
                    header = headers.get("x-taoquote-rulebook")
                    if status != 200 or got not in known or known[got] != header:
                        failures.append((status, header, got[:120]))
                    else:
                        ok += 1
                        seen.add(header)
                conn.close()
                with lock:
                    results.append((ok, failures, seen))

            threads = [threading.Thread(target=client) for _ in range(4)]
            for t in threads:
                t.start()
            swaps = [variant, compact(broken), FIXTURE_A.read_bytes(), b"{", variant,
                     FIXTURE_A.read_bytes(), variant, b"", FIXTURE_A.read_bytes(), variant]
            outcomes = []
            for data in swaps:
                time.sleep(0.15)
                outcomes.append(svc.reload(data)["result"])
            time.sleep(0.15)
            stop.set()
            for t in threads:
                t.join(30)
            self.assertEqual(outcomes.count("rejected"), 3)
            self.assertEqual(outcomes.count("ok"), 7)
            total = sum(r[0] for r in results)
            failures = [f for r in results for f in r[1]]
            seen = set().union(*(r[2] for r in results))
            sys.stderr.write("\nreload under load: %d quotes on 4 connections, %d swaps (%d rejected),"
                             " %d failures\n" % (total, len(swaps), outcomes.count("rejected"),
                                                  len(failures)))
            self.assertEqual(failures, [])
            self.assertEqual(len(results), 4)
            self.assertGreater(total, 40)
            self.assertEqual(seen, {digest_a, digest_b})
            self.assertEqual(svc.metric("taoquote_rulebook_reload_failures_total"), 3)
        finally:
            self.assertEqual(svc.stop(), 0)


class FixtureBTest(unittest.TestCase):
    def test_golden_vectors_fixture_b_byte_identical(self):
        svc = Service(rulebook=FIXTURE_B)
        try:
            conn = svc.connect()
            n = 0
            for name, request, expected in golden_cases("fixture-b"):
                status, headers, body = svc.post_json("/v1/quote", compact(request), conn)
                self.assertEqual(body, expected, name)
                n += 1
            self.assertGreaterEqual(n, 19)
        finally:
            self.assertEqual(svc.stop(), 0)


class DrainTest(unittest.TestCase):
    def test_sigterm_finishes_in_flight_request_then_exits_0(self):
        svc = Service()
        body = BASE_REQUEST.read_bytes()
        idle = svc.connect()
        self.assertEqual(svc.request("GET", "/healthz", conn=idle)[0], 200)
        busy = socket.create_connection(("127.0.0.1", svc.port), timeout=10)
        busy.sendall(b"POST /v1/quote HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                     b"Content-Length: " + str(len(body)).encode() + b"\r\n\r\n" + body[:100])
        time.sleep(0.2)  # the header has arrived; the request is in flight
        svc.signal(signal.SIGTERM)
        self.assertIsNotNone(svc.wait_event(lambda e: e.get("event") == "draining"))
        # The idle keep-alive connection is closed; new connections are refused.
        idle.sock.settimeout(5)
        self.assertEqual(idle.sock.recv(1), b"")
        idle.close()
        with self.assertRaises(OSError):
            socket.create_connection(("127.0.0.1", svc.port), timeout=2).close()
        # The in-flight request completes, on the connection's last response.
        busy.sendall(body[100:])
        resp = recv_all(busy, 10)
        busy.close()
        self.assertEqual(status_of(resp), 200)
        self.assertIn(b"Connection: close", resp)
        self.assertIn(b'"schema":"taoquote.quote/1"', resp)
        self.assertEqual(svc.proc.wait(10), 0)
        self.assertIsNotNone(svc.wait_event(lambda e: e.get("event") == "stopped"))
        svc.stop()

    def test_drain_timeout_forces_close(self):
        svc = Service("--drain-timeout-ms", "300", "--header-timeout-ms", "20000")
        stuck = socket.create_connection(("127.0.0.1", svc.port), timeout=10)
        stuck.sendall(b"GET /healthz HTTP/1.1\r\n")  # never finishes its header
        time.sleep(0.2)
        start = time.monotonic()
        svc.signal(signal.SIGINT)
        self.assertEqual(svc.proc.wait(10), 0)
        self.assertLess(time.monotonic() - start, 5)
        self.assertIsNotNone(svc.wait_event(lambda e: e.get("event") == "drain_timeout"))
        stuck.close()
        svc.stop()


def main():
    global BINARY
    parser = argparse.ArgumentParser()
    parser.add_argument("--binary", required=True)
    args, rest = parser.parse_known_args()
    BINARY = str(Path(args.binary).resolve())
    unittest.main(argv=[sys.argv[0], *rest])


if __name__ == "__main__":
    main()
