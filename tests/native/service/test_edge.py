#!/usr/bin/env python3
"""Hostile-client tests of taoquote-service's HTTP edge (docs/service.md, "The edge").

Raw sockets on 127.0.0.1 only; every loop is bounded in count and time. Each test names the
defect it guards against (issue 14 §2); each failed on the service before the fix.
Run by ctest:  test_edge.py --binary PATH/taoquote-service [Class] [-v]
"""
import argparse
import json
import os
import re
import resource
import socket
import sys
import tempfile
import threading
import time
import unittest
from pathlib import Path

import test_service as ts
from test_service import BASE_REQUEST, Service, recv_all, status_of

QUOTE_HEAD = b"POST /v1/quote HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"


def body_of(raw):
    return raw.split(b"\r\n\r\n", 1)[1] if b"\r\n\r\n" in raw else b""


def headers_of(raw):
    head = raw.split(b"\r\n\r\n", 1)[0].decode("latin-1").split("\r\n")[1:]
    return {k.strip().lower(): v.strip() for k, v in (h.split(":", 1) for h in head if ":" in h)}


def heavy_cart(items, offers, sellers):
    """A valid request with `items` items of `offers` offers each over `sellers` sellers."""
    return json.dumps({
        "at": "2026-11-25T08:00:00Z", "destination": {"country": "DE"},
        "sellers": [{"id": "s%d" % s, "platform": "1688", "shipping": "%d.00" % (1 + s % 9)}
                    for s in range(sellers)],
        "items": [{"id": "i%d" % i, "title": "Item", "hs_code": "610910", "quantity": 1,
                   "weight_g": 5, "dimensions_cm": [5, 5, 1],
                   "offers": [{"seller": "s%d" % ((i * 7 + k) % sellers),
                               "unit_price": "%d.%02d" % (1 + (i + k) % 5, (i * k) % 100)}
                              for k in range(offers)]}
                  for i in range(items)],
    }, separators=(",", ":")).encode()


def recv_all_one(s, timeout=10):
    """Reads one response with a Content-Length from a keep-alive connection."""
    s.settimeout(timeout)
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = s.recv(65536)
        if not chunk:
            return data
        data += chunk
    head, rest = data.split(b"\r\n\r\n", 1)
    length = int(headers_of(data).get("content-length", "0"))
    while len(rest) < length:
        chunk = s.recv(65536)
        if not chunk:
            break
        rest += chunk
    return head + b"\r\n\r\n" + rest


def post(path, body, extra=b""):
    return (b"POST " + path + b" HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n" + extra +
            b"Content-Length: " + str(len(body)).encode() + b"\r\n\r\n" + body)


class FramingTest(unittest.TestCase):
    """Request smuggling and unbounded chunk metadata."""

    @classmethod
    def setUpClass(cls):
        cls.svc = Service("--header-timeout-ms", "2000", "--body-timeout-ms", "2000",
                          "--max-header", "4096")
        cls.body = BASE_REQUEST.read_bytes()

    @classmethod
    def tearDownClass(cls):
        assert cls.svc.stop() == 0

    def assert_400_closed(self, resp, what):
        self.assertEqual(status_of(resp), 400, (what, resp[:200]))
        if resp.startswith(b"HTTP/1.1"):  # (HTTP/1.0 closes by default)
            self.assertIn(b"Connection: close", resp, what)
        self.assertIn(b'"code":"BAD_REQUEST"', resp, what)
        # Exactly one response: the bytes after the header were never run as a request.
        self.assertEqual(len(re.findall(rb"HTTP/1\.[01] \d\d\d ", resp)), 1, what)

    def test_transfer_encoding_other_than_chunked_is_400_and_close(self):
        smuggled = b"GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n"
        chunked = b"%x\r\n" % len(self.body) + self.body + b"\r\n0\r\n\r\n"
        for te in (b"chunked, gzip", b"xchunked", b"identity", b"gzip, chunked", b"chunked, chunked",
                   b"gzip", b"chunked\r\nTransfer-Encoding: gzip"):
            resp = self.svc.raw(QUOTE_HEAD + b"Transfer-Encoding: " + te + b"\r\n\r\n" + smuggled +
                                chunked + smuggled)
            self.assert_400_closed(resp, te)

    def test_transfer_encoding_with_content_length_or_http10_is_400(self):
        smuggled = b"GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n"
        for data in (
                QUOTE_HEAD + b"Transfer-Encoding: identity\r\nContent-Length: 5\r\n\r\nhello" + smuggled,
                QUOTE_HEAD + b"Content-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n" + smuggled,
                b"POST /v1/quote HTTP/1.0\r\nHost: x\r\nContent-Type: application/json\r\n"
                b"Transfer-Encoding: chunked\r\n\r\n0\r\n\r\n" + smuggled):
            self.assert_400_closed(self.svc.raw(data), data[:60])

    def test_chunked_alone_still_works_with_small_trailer(self):
        chunked = b"%x\r\n" % len(self.body) + self.body + b"\r\n0\r\nX-Trailer: ok\r\n\r\n"
        resp = self.svc.raw(QUOTE_HEAD + b"Transfer-Encoding: Chunked\r\nConnection: close\r\n\r\n" +
                            chunked)
        self.assertEqual(status_of(resp), 200, resp[:300])

    def test_host_missing_or_repeated_is_400(self):
        for data in (b"GET /healthz HTTP/1.1\r\n\r\n",
                     b"GET /healthz HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n",
                     b"GET /healthz HTTP/1.0\r\nHost: a\r\nHost: a\r\n\r\n"):
            self.assert_400_closed(self.svc.raw(data), data)
        self.assertEqual(status_of(self.svc.raw(b"GET /healthz HTTP/1.0\r\n\r\n")), 200)

    def test_chunk_extensions_are_bounded_in_total(self):
        # 20 one-byte chunks with 100-byte extensions: 2,000 bytes > 1 KiB in all.
        ext = b";x=" + b"e" * 97
        chunks = b"".join(b"1" + ext + b"\r\n" + b" \r\n" for _ in range(20))
        resp = self.svc.raw(QUOTE_HEAD + b"Transfer-Encoding: chunked\r\n\r\n" + chunks + b"0\r\n\r\n")
        self.assert_400_closed(resp, "extensions")
        self.assertIn(b"chunk extensions", resp)

    def stream_until_answered(self, head, filler, limit_bytes):
        """Sends `head`, then `filler` repeatedly until the server answers or `limit_bytes`
        were sent; returns (response, bytes sent)."""
        sent = 0
        with socket.create_connection(("127.0.0.1", self.svc.port), timeout=5) as s:
            s.sendall(head)
            s.setblocking(False)
            resp = b""
            deadline = time.monotonic() + 10
            while sent < limit_bytes and time.monotonic() < deadline:
                try:
                    got = s.recv(65536)
                    if got:
                        resp += got
                        break
                except BlockingIOError:
                    pass
                except OSError:
                    break
                try:
                    sent += s.send(filler)
                except BlockingIOError:
                    time.sleep(0.001)
                except OSError:
                    break
            s.setblocking(True)
            resp += recv_all(s, 3)
        return resp, sent

    def test_endless_chunk_extension_line_is_refused_early(self):
        # One chunk-size line that never ends: answered once it outgrows the read buffer,
        # long before 64 MiB have been sent.
        resp, sent = self.stream_until_answered(
            QUOTE_HEAD + b"Transfer-Encoding: chunked\r\n\r\n1;ext=", b"e" * 65536, 64 << 20)
        self.assertIn(status_of(resp), (400, 431), resp[:200])
        self.assertLess(sent, 16 << 20)

    def test_endless_trailer_is_refused_early(self):
        resp, sent = self.stream_until_answered(
            QUOTE_HEAD + b"Transfer-Encoding: chunked\r\n\r\n1\r\n \r\n0\r\n",
            b"X-T: " + b"t" * 65530 + b"\r\n", 64 << 20)
        self.assertIn(status_of(resp), (400, 431), resp[:200])
        self.assertLess(sent, 16 << 20)
        self.assertEqual(self.svc.request("GET", "/healthz")[0], 200)


class SmallFixesTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.static = tempfile.mkdtemp(prefix="taoquote-static-")
        cls.big = Path(cls.static) / "big.bin"
        cls.big.write_bytes(os.urandom(1 << 16) * 256)  # 16 MiB: more than socket buffers hold
        cls.svc = Service("--static-dir", cls.static, "--header-timeout-ms", "500",
                          "--body-timeout-ms", "500", "--write-timeout-ms", "500",
                          "--max-body", "100000")
        cls.body = BASE_REQUEST.read_bytes()

    @classmethod
    def tearDownClass(cls):
        assert cls.svc.stop() == 0
        import shutil
        shutil.rmtree(cls.static, ignore_errors=True)

    def test_verify_accepts_a_leading_bom(self):
        status, _, quote = self.svc.post_json("/v1/quote", self.body)
        self.assertEqual(status, 200)
        fp = json.loads(quote)["fingerprint"]
        envelope = b'\xef\xbb\xbf{"request":' + self.body + b',"fingerprint":"' + fp.encode() + b'"}'
        status, _, reply = self.svc.post_json("/v1/verify", envelope)
        self.assertEqual(status, 200, reply)
        self.assertEqual(json.loads(reply), {"match": True, "fingerprint": fp})

    def test_rulebook_header_on_every_quote_and_verify_error(self):
        digest = self.svc.digest.encode()
        cases = {
            400: [b"POST /v1/quote HTTP/1.1\r\nHost: x\r\nContent-Length: 1\r\n"
                  b"Transfer-Encoding: chunked\r\n\r\n",
                  b"POST /v1/verify HTTP/1.1\r\nHost: x\r\nContent-Length: 1\r\n"
                  b"Transfer-Encoding: chunked\r\n\r\n"],
            405: [b"GET /v1/quote HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
                  b"PUT /v1/verify HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Length: 0\r\n\r\n"],
            408: [QUOTE_HEAD + b"Content-Length: 100\r\n\r\n{",
                  b"POST /v1/verify HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n{"],
            413: [QUOTE_HEAD + b"Content-Length: 200000\r\n\r\n",
                  b"POST /v1/verify HTTP/1.1\r\nHost: x\r\nContent-Length: 200000\r\n\r\n"],
            415: [b"POST /v1/quote HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Length: 2\r\n\r\n{}",
                  b"POST /v1/verify HTTP/1.1\r\nHost: x\r\nContent-Type: text/plain\r\n"
                  b"Connection: close\r\nContent-Length: 2\r\n\r\n{}"],
        }
        for status, requests in cases.items():
            for data in requests:
                resp = self.svc.raw(data)
                self.assertEqual(status_of(resp), status, data)
                self.assertEqual(headers_of(resp).get("x-taoquote-rulebook"), digest.decode(), data)

    def test_content_length_413_counted_under_its_endpoint(self):
        before = self.svc.metric('taoquote_http_requests_total{endpoint="quote",status="413"}') or 0
        resp = self.svc.raw(QUOTE_HEAD + b"Content-Length: 200000\r\n\r\n")
        self.assertEqual(status_of(resp), 413)
        after = self.svc.metric('taoquote_http_requests_total{endpoint="quote",status="413"}')
        self.assertEqual(after, before + 1)
        line = self.svc.wait_event(lambda e: e.get("status") == 413 and e.get("path") == "/v1/quote")
        self.assertIsNotNone(line)
        self.assertEqual(line["method"], "POST")

    def test_cut_off_response_is_logged_as_aborted(self):
        with socket.create_connection(("127.0.0.1", self.svc.port), timeout=5) as s:
            s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
            s.sendall(b"GET /big.bin HTTP/1.1\r\nHost: x\r\n\r\n")
            s.recv(1024)  # the response has started; never read the rest
            line = self.svc.wait_event(lambda e: e.get("path") == "/big.bin" and e.get("aborted"), 5)
        self.assertIsNotNone(line, "no aborted access line")
        self.assertGreaterEqual(self.svc.metric("taoquote_http_responses_aborted_total"), 1)

    def test_slow_but_progressing_download_is_not_cut(self):
        # 16 MiB read in 64 KiB steps 5 ms apart (> 1 s in all, > the 0.5 s write timeout).
        with socket.create_connection(("127.0.0.1", self.svc.port), timeout=5) as s:
            s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 65536)
            s.sendall(b"GET /big.bin HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
            got = b""
            start = time.monotonic()
            while time.monotonic() - start < 30:
                b = s.recv(65536)
                if not b:
                    break
                got += b
                time.sleep(0.005)
        self.assertGreater(time.monotonic() - start, 0.6)
        self.assertEqual(status_of(got), 200)
        self.assertEqual(body_of(got), self.big.read_bytes())

    def test_metrics_show_process_figures_and_version(self):
        _, _, body = self.svc.request("GET", "/metrics")
        text = body.decode()
        for name in ("taoquote_http_accept_errors_total ", "process_open_fds ", "process_max_fds ",
                     "process_resident_memory_bytes ", "taoquote_build_info{version=",
                     "taoquote_http_connections_evicted_total ", "taoquote_quote_queue "):
            self.assertIn("\n" + name, text, name)
        self.assertGreater(self.svc.metric("process_open_fds"), 3)
        self.assertGreater(self.svc.metric("process_resident_memory_bytes"), 1 << 20)

    def test_openapi_served_when_built_in(self):
        status, headers, body = self.svc.request("GET", "/openapi.json")
        source = ts.REPO / "native" / "service" / "openapi.json"
        if source.exists():
            self.assertEqual(status, 200)
            self.assertEqual(headers["content-type"], "application/json")
            self.assertEqual(json.loads(body), json.loads(source.read_bytes()))
        else:
            self.assertEqual(status, 404)


class AdmissionTest(unittest.TestCase):
    """Descriptor limit, idle eviction, per-client limit, probes under saturation."""

    def test_cap_fitted_to_descriptor_limit_and_every_client_answered(self):
        def low_limit():
            resource.setrlimit(resource.RLIMIT_NOFILE, (120, 120))
        svc = Service("--max-connections", "1024", "--header-timeout-ms", "20000",
                      preexec=low_limit)
        held = []
        try:
            fitted = svc.wait_event(lambda e: e.get("event") == "connection_cap_fitted")
            self.assertIsNotNone(fitted)
            self.assertEqual(fitted["descriptor_limit"], 120)
            cap = fitted["fitted"]
            self.assertEqual(cap, 120 - 64 - 16)
            self.assertEqual(svc.metric("process_max_fds"), 120)
            answered_503 = 0
            for _ in range(cap + 16 + 30):  # normal, limited, then 30 beyond both
                s = socket.create_connection(("127.0.0.1", svc.port), timeout=3)
                s.sendall(b"GET /healthz HTTP/1.1\r\n")  # busy: never evictable
                held.append(s)
            for s in held[cap + 16:]:
                if status_of(recv_all(s, 3)) == 503:
                    answered_503 += 1
            self.assertEqual(answered_503, 30)  # answered, none left hanging
            self.assertEqual(svc.count_events(lambda e: e.get("event") == "accept_error"), 0)
        finally:
            for s in held:
                s.close()
            self.assertEqual(svc.stop(), 0)

    def test_idle_connections_are_evicted_for_new_clients(self):
        svc = Service("--max-connections", "3", "--first-byte-timeout-ms", "20000",
                      "--idle-timeout-ms", "20000")
        try:
            idle = [socket.create_connection(("127.0.0.1", svc.port), timeout=5) for _ in range(3)]
            time.sleep(0.4)  # idle beyond the 200 ms grace
            conn = svc.connect()  # one connection for the quote and the metrics below
            status, _, _ = svc.post_json("/v1/quote", BASE_REQUEST.read_bytes(), conn)
            self.assertEqual(status, 200)
            closed = 0
            for s in idle:
                s.settimeout(0.5)
                try:
                    closed += s.recv(1) == b""
                except socket.timeout:
                    pass
            self.assertEqual(closed, 1)  # one idle connection made room
            _, _, text = svc.request("GET", "/metrics", conn=conn)
            conn.close()
            self.assertIn(b"\ntaoquote_http_connections_evicted_total 1\n", text)
            for s in idle:
                s.close()
        finally:
            self.assertEqual(svc.stop(), 0)

    def test_probes_answered_when_every_slot_is_busy(self):
        svc = Service("--max-connections", "4", "--header-timeout-ms", "20000")
        held = []
        try:
            for _ in range(4):
                s = socket.create_connection(("127.0.0.1", svc.port), timeout=5)
                s.sendall(b"POST /v1/quote HTTP/1.1\r\nHost: x\r\n")
                held.append(s)
            time.sleep(0.2)
            for path in (b"/healthz", b"/metrics"):
                resp = svc.raw(b"GET " + path + b" HTTP/1.1\r\nHost: x\r\n\r\n")
                self.assertEqual(status_of(resp), 200, path)
                self.assertIn(b"Connection: close", resp)
            resp = svc.raw(post(b"/v1/quote", BASE_REQUEST.read_bytes()))
            self.assertEqual(status_of(resp), 503)
        finally:
            for s in held:
                s.close()
            self.assertEqual(svc.stop(), 0)

    def test_per_client_limit(self):
        svc = Service("--max-connections-per-client", "3", "--header-timeout-ms", "20000")
        held = []
        try:
            for _ in range(3):
                s = socket.create_connection(("127.0.0.1", svc.port), timeout=5)
                s.sendall(b"GET /healthz HTTP/1.1\r\n")
                held.append(s)
            time.sleep(0.1)
            self.assertEqual(status_of(svc.raw(b"GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n")), 503)
            # Another address (all of 127/8 is loopback) is not affected.
            with socket.create_connection(("127.0.0.1", svc.port), timeout=5,
                                          source_address=("127.0.0.2", 0)) as other:
                other.sendall(b"GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
                self.assertEqual(status_of(recv_all(other, 5)), 200)
        finally:
            for s in held:
                s.close()
            self.assertEqual(svc.stop(), 0)

    def test_bodies_being_received_are_bounded_in_total(self):
        """Slow uploads cannot pin unbounded memory: each body counts its Content-Length
        against --max-body-memory while it is being read."""
        svc = Service("--max-body-memory", "1000000", "--body-timeout-ms", "20000")
        try:
            base = BASE_REQUEST.read_bytes()
            body = base + b" " * (600000 - len(base))
            head = post(b"/v1/quote", body)[: -len(body)]
            with socket.create_connection(("127.0.0.1", svc.port), timeout=10) as a:
                a.sendall(head + body[:1000])  # 600,000 bytes reserved, slowly arriving
                time.sleep(0.2)
                resp = svc.raw(head + body[:1000])  # another 600,000 would exceed 1,000,000
                self.assertEqual(status_of(resp), 503, resp[:200])
                self.assertIn(b"request bodies", resp)
                a.sendall(body[1000:])
                self.assertEqual(status_of(recv_all_one(a)), 200)
            # Released once read: the same upload now goes through.
            self.assertEqual(status_of(svc.raw(post(b"/v1/quote", body, b"Connection: close\r\n"))), 200)
        finally:
            self.assertEqual(svc.stop(), 0)

    def test_first_byte_deadline_is_short_and_rejections_log_throttled(self):
        svc = Service("--first-byte-timeout-ms", "300", "--idle-timeout-ms", "5000",
                      "--max-connections-per-client", "1")
        try:
            start = time.monotonic()
            with socket.create_connection(("127.0.0.1", svc.port), timeout=5) as s:
                # While it waits, 40 more connections from the same client are refused.
                for _ in range(40):
                    with socket.create_connection(("127.0.0.1", svc.port), timeout=5) as r:
                        self.assertEqual(status_of(recv_all(r, 2)), 503)
                self.assertEqual(recv_all(s, 5), b"")  # closed at the first-byte deadline
            self.assertLess(time.monotonic() - start, 3.0)
            # A kept-alive connection waits for the idle timeout, not the first-byte one.
            conn = svc.connect()
            self.assertEqual(svc.request("GET", "/healthz", conn=conn)[0], 200)
            time.sleep(0.6)
            self.assertEqual(svc.request("GET", "/healthz", conn=conn)[0], 200)
            conn.close()
            self.assertLessEqual(
                svc.count_events(lambda e: e.get("event") == "connection_rejected"), 3)
            self.assertGreaterEqual(svc.metric("taoquote_http_connections_rejected_total"), 40)
        finally:
            self.assertEqual(svc.stop(), 0)


class WorkerTest(unittest.TestCase):
    """Quotes run on workers, within a work budget."""

    def test_cart_over_budget_is_refused_with_a_clear_error(self):
        svc = Service()
        try:
            cart = heavy_cart(200, 32, 200)
            for path in ("/v1/quote", "/v1/verify"):
                body = cart if path == "/v1/quote" else (
                    b'{"request":' + cart + b',"fingerprint":"sha256:' + b"0" * 64 + b'"}')
                status, headers, reply = svc.post_json(path, body)
                self.assertEqual(status, 413, path)
                err = json.loads(reply)["error"]
                self.assertEqual((err["code"], err["doc"], err["path"]),
                                 ("WORK_LIMIT_EXCEEDED", "request", "/items"))
                self.assertIn("work units", err["message"])
                self.assertEqual(headers["x-taoquote-rulebook"], svc.digest)
            # A cart well within the budget is quoted as before.
            self.assertEqual(svc.post_json("/v1/quote", BASE_REQUEST.read_bytes())[0], 200)
        finally:
            self.assertEqual(svc.stop(), 0)

    def test_probes_answered_while_workers_are_busy(self):
        """One I/O thread, one worker: while an expensive cart computes, /healthz is
        answered before it (it would wait behind it if quotes ran on the I/O thread)."""
        svc = Service("--threads", "1", "--quote-workers", "1", "--quote-queue", "1",
                      "--max-work", "1000000000000")
        try:
            cart = heavy_cart(200, 32, 200)
            order = []
            lock = threading.Lock()

            def heavy(tag):
                status, _, _ = svc.post_json("/v1/quote", cart)
                with lock:
                    order.append((tag, status))

            threads = [threading.Thread(target=heavy, args=("heavy%d" % i,)) for i in range(3)]
            for t in threads:
                t.start()
                time.sleep(0.01)
            status, _, _ = svc.request("GET", "/healthz")
            with lock:
                order.append(("healthz", status))
            for t in threads:
                t.join(60)
            # /healthz came back before any heavy cart that was computed (a 503 for the full
            # queue may come back earlier: it is answered at once).
            self.assertIn(("healthz", 200), order)
            computed = [i for i, (tag, s) in enumerate(order) if tag != "healthz" and s != 503]
            self.assertTrue(computed, order)
            self.assertLess(order.index(("healthz", 200)), min(computed), order)
            statuses = sorted(s for tag, s in order if tag.startswith("heavy"))
            # One runs, one waits in the queue, the third finds the queue full: 503.
            self.assertEqual(statuses.count(503), 1, statuses)
            self.assertTrue(all(s in (200, 422, 503) for s in statuses), statuses)
            print("\nheavy cart statuses:", statuses, file=sys.stderr)
        finally:
            self.assertEqual(svc.stop(), 0)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--binary", required=True)
    args, rest = parser.parse_known_args()
    ts.BINARY = str(Path(args.binary).resolve())
    unittest.main(argv=[sys.argv[0], *rest])


if __name__ == "__main__":
    main()
