#!/usr/bin/env python3
"""Signed offers and server time (docs/signed-offers.md): /v1/verify and /v1/quote?strict=true
against the real service and keys made by the real CLI. Each tampering test would pass
without the checks (the arithmetic alone agrees with the attacker's own quote).

Run by ctest:  test_signed.py --binary PATH/taoquote-service --cli PATH/taoquote [-v]
"""
import argparse
import datetime
import json
import os
import signal
import subprocess
import sys
import tempfile
import unittest
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import test_service as ts  # noqa: E402  (Service, compact, error_of)

CLI = None  # set from --cli


def iso(t):
    return t.strftime("%Y-%m-%dT%H:%M:%SZ")


def now():
    return datetime.datetime.now(datetime.timezone.utc).replace(microsecond=0)


def cli(*args, stdin=None):
    p = subprocess.run([CLI, *args], input=stdin, capture_output=True, timeout=30)
    if p.returncode != 0:
        raise AssertionError("taoquote %s: %s" % (" ".join(args), p.stderr.decode()))
    return p.stdout, p.stderr


class Keys:
    """Private keys made by `taoquote offers generate-key`, and their public JWK sets."""

    def __init__(self, tmp, *kids):
        self.tmp = Path(tmp)
        self.pem = {}
        self.jwk = {}
        for kid in kids:
            path = self.tmp / (kid + ".pem")
            cli("offers", "generate-key", "--out", str(path))
            self.pem[kid] = path
            out, _ = cli("offers", "public-key", "--key", str(path), "--kid", kid)
            self.jwk[kid] = json.loads(out)["keys"][0]

    def jwks(self, *kids):
        return json.dumps({"keys": [self.jwk[k] for k in kids]}).encode()

    def write_jwks(self, path, *kids):
        ts.write_atomically(path, self.jwks(*kids))

    def sign(self, request, kid, *extra):
        src = self.tmp / "unsigned.json"
        src.write_bytes(ts.compact(request))
        out, err = cli("offers", "sign", str(src), "--key", str(self.pem[kid]), "--kid", kid, *extra)
        return json.loads(out), err


def verify_on(svc, request, path="/v1/verify"):
    """Verifies `request` with the fingerprint its sender computes for it (its own quote, as a
    tampering page would): (status, parsed body)."""
    status, _, quote = svc.post_json("/v1/quote", ts.compact(request))
    assert status == 200, quote
    envelope = {"request": request, "fingerprint": json.loads(quote)["fingerprint"]}
    status, _, body = svc.post_json(path, ts.compact(envelope))
    return status, json.loads(body)


def base_request(at=None):
    rq = json.loads(ts.BASE_REQUEST.read_text(encoding="utf-8"))
    rq["at"] = iso(at or now())
    return rq


class SignedOfferTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.mkdtemp(prefix="taoquote-signed-")
        cls.keys = Keys(cls.tmp, "k1", "k2")
        cls.keyfile = Path(cls.tmp) / "verify-keys.json"
        cls.keys.write_jwks(cls.keyfile, "k1")
        cls.svc = ts.Service("--offer-keys", str(cls.keyfile))

    @classmethod
    def tearDownClass(cls):
        cls.svc.stop()

    def signed(self, kid="k1", at=None, *extra):
        rq, _ = self.keys.sign(base_request(at), kid, *(extra or ("--valid-for", "3600")))
        return rq

    def fingerprint_of(self, request):
        """The fingerprint the browser computes for its own (possibly tampered) request."""
        return json.loads(self.svc.post_json("/v1/quote", ts.compact(request))[2])["fingerprint"]

    def verify(self, request):
        return verify_on(self.svc, request)

    def assert_refused(self, request, code, path):
        status, body = self.verify(request)
        self.assertEqual(status, 422, body)
        self.assertEqual(body["error"]["code"], code, body)
        self.assertEqual(body["error"]["path"], path, body)
        self.assertEqual(body["error"]["doc"], "request")
        self.assertIn({"code": code, "path": path, "message": body["error"]["message"]},
                      body["error"]["detail"])
        status, _, strict = self.svc.post_json("/v1/quote?strict=true", ts.compact(request))
        self.assertEqual(status, 422, strict)
        self.assertEqual(json.loads(strict)["error"]["code"], code)
        return body

    def test_signed_request_verifies_and_quotes_the_same_bytes(self):
        rq = self.signed()
        status, body = self.verify(rq)
        self.assertEqual(status, 200, body)
        self.assertTrue(body["match"])
        # The signature is passed through: the same quote bytes as the unsigned request.
        unsigned = base_request()
        unsigned["at"] = rq["at"]
        plain = self.svc.post_json("/v1/quote", ts.compact(unsigned))[2]
        strict = self.svc.post_json("/v1/quote?strict=true", ts.compact(rq))
        self.assertEqual(strict[0], 200, strict[2])
        self.assertEqual(strict[2], plain)
        self.assertEqual(self.svc.post_json("/v1/quote", ts.compact(rq))[2], plain)

    def test_price_divided_by_ten(self):
        rq = self.signed()
        rq["items"][0]["offers"][1]["unit_price"] = "1.40"  # was 14.00
        body = self.assert_refused(rq, "OFFER_SIGNATURE_INVALID", "/items/0/offers/1/signature")
        # The server's own quote: its clock, the genuine offers only (tee from s1 at 12.50).
        quote = body["quote"]
        self.assertEqual(quote["items"][0]["unit_price"], "12.50")
        self.assertEqual(quote["items"][0]["offer"], 0)
        self.assertNotEqual(quote["fingerprint"], self.fingerprint_of(rq))

    def test_every_price_divided_by_ten(self):
        rq = self.signed()
        for item in rq["items"]:
            for offer in item["offers"]:
                if "unit_price" in offer:
                    offer["unit_price"] = "%.2f" % (float(offer["unit_price"]) / 10)
                for tier in offer.get("tiers", []):
                    tier["unit_price"] = "%.2f" % (float(tier["unit_price"]) / 10)
        body = self.assert_refused(rq, "OFFER_SIGNATURE_INVALID", "/items/0/offers/0/signature")
        self.assertEqual(len(body["error"]["detail"]), 3)
        self.assertNotIn("quote", body)  # no genuine offer left to quote

    def test_changed_tier(self):
        rq = self.signed()
        rq["items"][0]["offers"][0]["tiers"][1]["min_qty"] = 2  # the 12.50 tier from 2 units
        self.assert_refused(rq, "OFFER_SIGNATURE_INVALID", "/items/0/offers/0/signature")

    def test_changed_moq_and_seller(self):
        rq = self.signed()
        rq["items"][0]["offers"][0]["moq"] = 1
        self.assert_refused(rq, "OFFER_SIGNATURE_INVALID", "/items/0/offers/0/signature")
        rq = self.signed()
        rq["items"][1]["offers"][0]["seller"] = "s1"
        self.assert_refused(rq, "OFFER_SIGNATURE_INVALID", "/items/1/offers/0/signature")

    def test_offer_moved_to_another_item(self):
        rq = self.signed()
        rq["items"][0]["offers"][1] = rq["items"][1]["offers"][0]  # the case's 9.90 on the tee
        self.assert_refused(rq, "OFFER_SIGNATURE_INVALID", "/items/0/offers/1/signature")

    def test_changed_expiry(self):
        rq = self.signed()
        rq["items"][1]["offers"][0]["expires_at"] = iso(now() + datetime.timedelta(days=30))
        self.assert_refused(rq, "OFFER_SIGNATURE_INVALID", "/items/1/offers/0/signature")

    def test_expired_offer(self):
        past = iso(now() - datetime.timedelta(minutes=1))
        rq = self.signed("k1", None, "--expires-at", past)
        body = self.assert_refused(rq, "OFFER_EXPIRED", "/items/0/offers/0/expires_at")
        self.assertEqual(len(body["error"]["detail"]), 3)

    def test_stale_and_future_instant(self):
        rq = self.signed()
        rq["at"] = iso(now() - datetime.timedelta(days=24))  # the instant is not signed
        body = self.assert_refused(rq, "CLOCK_SKEW", "/at")
        self.assertEqual(len(body["error"]["detail"]), 1)
        # The server's quote is at its own clock, with the same (genuine) offers.
        self.assertNotEqual(body["quote"]["at"], rq["at"])
        rq["at"] = iso(now() + datetime.timedelta(minutes=10))
        self.assert_refused(rq, "CLOCK_SKEW", "/at")

    def test_unknown_kid(self):
        self.assert_refused(self.signed("k2"), "UNKNOWN_KEY", "/items/0/offers/0/signature/kid")

    def test_signature_swapped_between_offers(self):
        rq = self.signed()
        a, b = rq["items"][0]["offers"]
        a["signature"], b["signature"] = b["signature"], a["signature"]
        self.assert_refused(rq, "OFFER_SIGNATURE_INVALID", "/items/0/offers/0/signature")

    def test_unsigned_offer(self):
        rq = self.signed()
        del rq["items"][1]["offers"][0]["signature"]
        self.assert_refused(rq, "OFFER_UNSIGNED", "/items/1/offers/0")

    def test_signature_of_the_right_shape_but_wrong(self):
        rq = self.signed()
        rq["items"][0]["offers"][0]["signature"]["value"] = "A" * 86
        self.assert_refused(rq, "OFFER_SIGNATURE_INVALID", "/items/0/offers/0/signature")


class QuoteExpiryTest(unittest.TestCase):
    def test_quote_expired_within_the_skew(self):
        with tempfile.TemporaryDirectory() as tmp:
            keys = Keys(tmp, "k1")
            path = Path(tmp) / "keys.json"
            keys.write_jwks(path, "k1")
            # fixture-a quotes are valid 30 minutes; a skew of an hour lets a 40-minute-old
            # instant through the clock check, and the quote's own expiry refuses it.
            svc = ts.Service("--offer-keys", str(path), "--clock-skew-ms", "3600000")
            try:
                rq, _ = keys.sign(base_request(now() - datetime.timedelta(minutes=40)), "k1",
                                  "--valid-for", "3600")
                status, body = verify_on(svc, rq)
                self.assertEqual(status, 422, body)
                self.assertEqual(body["error"]["code"], "QUOTE_EXPIRED")
                self.assertEqual(body["error"]["path"], "/at")
                self.assertNotEqual(body["quote"]["at"], rq["at"])  # at the server's clock
                rq["at"] = iso(now() - datetime.timedelta(minutes=20))
                status, body = verify_on(svc, rq)
                self.assertEqual(status, 200, body)
                self.assertTrue(body["match"])
            finally:
                svc.stop()


class RotationTest(unittest.TestCase):
    def test_rotation_by_sighup(self):
        with tempfile.TemporaryDirectory() as tmp:
            keys = Keys(tmp, "k1", "k2")
            path = Path(tmp) / "keys.json"
            keys.write_jwks(path, "k1")
            svc = ts.Service("--offer-keys", str(path))
            try:
                def verdict(kid):
                    rq, _ = keys.sign(base_request(), kid, "--valid-for", "600")
                    status, body = verify_on(svc, rq)
                    return "ok" if status == 200 else body["error"]["code"]

                def reload(*kids):
                    keys.write_jwks(path, *kids)
                    seen = svc.count_events(lambda e: e.get("event") == "offer_keys_reload")
                    svc.signal(signal.SIGHUP)
                    self.assertIsNotNone(svc.wait_event(
                        lambda e: e.get("event") == "offer_keys_reload"
                        and svc.count_events(lambda x: x.get("event") == "offer_keys_reload") > seen,
                        10))

                self.assertEqual((verdict("k1"), verdict("k2")), ("ok", "UNKNOWN_KEY"))
                reload("k1", "k2")  # step 1: verifiers accept both
                self.assertEqual((verdict("k1"), verdict("k2")), ("ok", "ok"))
                reload("k2")  # step 3: after the signer switched to k2, k1 retires
                self.assertEqual((verdict("k1"), verdict("k2")), ("UNKNOWN_KEY", "ok"))
                # A broken key file keeps the keys in force.
                ts.write_atomically(path, b"{\"keys\": 1}")
                svc.signal(signal.SIGHUP)
                self.assertIsNotNone(svc.wait_event(
                    lambda e: e.get("event") == "offer_keys_reload"
                    and e.get("result") == "rejected", 10))
                self.assertEqual(verdict("k2"), "ok")
            finally:
                svc.stop()


class NoKeysTest(unittest.TestCase):
    def test_without_keys(self):
        svc = ts.Service()
        try:
            rq = base_request()
            # Without --offer-keys, /v1/verify checks the arithmetic only (as before) ...
            status, body = verify_on(svc, rq)
            self.assertEqual(status, 200, body)
            # ... and strict mode, asked for, refuses what it cannot check.
            status, body = verify_on(svc, rq, "/v1/verify?strict=true")
            self.assertEqual((status, body["error"]["code"]), (422, "OFFER_UNSIGNED"))
        finally:
            svc.stop()


class SecretsTest(unittest.TestCase):
    def test_keys_never_reach_a_log(self):
        with tempfile.TemporaryDirectory() as tmp:
            keys = Keys(tmp, "k1", "k2")
            pem = keys.pem["k1"].read_text()
            secret_lines = [l for l in pem.splitlines() if l and not l.startswith("-----")]
            public = [keys.jwk["k1"]["x"], keys.jwk["k2"]["x"]]
            # From the environment, then from a file.
            keys.write_jwks(Path(tmp) / "k.json", "k1")
            configs = [((), {"TAOQUOTE_OFFER_KEYS_JSON": keys.jwks("k1", "k2").decode()}),
                       (("--offer-keys", str(Path(tmp) / "k.json")), {})]
            for args, env in configs:
                svc = ts.Service(*args, env=env)
                try:
                    rq, err = keys.sign(base_request(), "k1", "--valid-for", "60")
                    rq["items"][0]["offers"][0]["moq"] = 1
                    svc.post_json("/v1/verify", ts.compact(
                        {"request": rq, "fingerprint": "sha256:" + "0" * 64}))
                    svc.post_json("/v1/quote?strict=true", ts.compact(rq))
                    svc.signal(signal.SIGHUP)
                    svc.wait_event(lambda e: e.get("event") == "offer_keys_reload", 2)
                finally:
                    svc.stop()
                log = json.dumps(svc.lines)
                self.assertIn('"kids"', log)
                for secret in [*public, *secret_lines]:
                    self.assertNotIn(secret, log)
                self.assertNotIn(secret_lines[0], err.decode())
            # A key file with a private key in it is refused, and its content is not echoed.
            bad = dict(keys.jwk["k1"], d=secret_lines[0][:43])
            (Path(tmp) / "bad.json").write_text(json.dumps({"keys": [bad]}))
            p = subprocess.run([ts.BINARY, "--port", "0", "--static-dir", "",
                                "--rulebook", str(ts.FIXTURE_A),
                                "--offer-keys", str(Path(tmp) / "bad.json")],
                               capture_output=True, timeout=30)
            self.assertNotEqual(p.returncode, 0)
            self.assertIn(b"private key", p.stderr)
            self.assertNotIn(secret_lines[0][:43].encode(), p.stderr)
            self.assertNotIn(keys.jwk["k1"]["x"].encode(), p.stderr)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--binary", required=True)
    parser.add_argument("--cli", required=True)
    args, rest = parser.parse_known_args()
    global CLI
    ts.BINARY = str(Path(args.binary).resolve())
    CLI = str(Path(args.cli).resolve())
    unittest.main(argv=[sys.argv[0], *rest])


if __name__ == "__main__":
    main()
