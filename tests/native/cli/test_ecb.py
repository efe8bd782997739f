"""`taoquote rates import-ecb` on real-format ECB feeds (ecb/eurofxref-daily.xml and
ecb/eurofxref.csv) and malformed variants (ecb/bad/), with the rebased rates checked against
an independent oracle: Python's fractions, CNY_per_EUR / X_per_EUR rounded half-even.

Run by ctest with TAOQUOTE_CLI set to the binary.
"""

import datetime
import json
import re
import unittest
from fractions import Fraction

from clitest import ECB, SAMPLE_RULEBOOK, require_cli, run

DAILY_XML = ECB / "eurofxref-daily.xml"
DAILY_CSV = ECB / "eurofxref.csv"

# Each malformed feed: (exit code, line of the error or None, a phrase the error must contain).
BAD = {
    "empty.xml": (1, None, "the feed is empty"),
    "blank.csv": (1, None, "the feed is empty"),
    "garbage.txt": (1, None, "not an ECB feed"),
    "html.xml": (1, 1, "DOCTYPE"),
    "wrong-namespace.xml": (1, 2, "not an ECB eurofxref feed"),
    "wrong-base.xml": (1, 9, "on another base"),
    "missing-cny.xml": (1, None, "the feed has no CNY rate"),
    "missing-cny.csv": (1, None, "the feed has no CNY rate"),
    "bad-number.xml": (1, 9, 'the rate of USD is not a positive decimal number: "1,1589"'),
    "negative-rate.xml": (1, 13, "the rate of GBP is not a positive decimal number"),
    "bad-number.csv": (1, 2, 'the rate of JPY is not a positive decimal number: "180.32.5"'),
    "zero-rate.csv": (1, 2, "the rate of PLN is not a positive decimal number"),
    "duplicate-currency.xml": (1, 11, "USD is listed twice"),
    "duplicate-currency.csv": (1, 1, "USD is listed twice"),
    "two-days.xml": (1, 39, "more than one day"),
    "two-days.csv": (1, 3, "2 days of rates"),
    "truncated.xml": (1, 13, "unterminated attribute value"),
    "no-rates.xml": (1, None, "no <Cube currency"),
    "bad-date.xml": (1, 8, '"2026-02-30" is not a date'),
    "short-row.csv": (1, 2, "the row has 28 fields, the header 30"),
    "unquoted-attribute.xml": (1, 26, "without quotes"),
}


def feed_rates(path):
    """The rates of a fixture feed, read independently of the C++ parser."""
    text = path.read_text(encoding="utf-8")
    if path.suffix == ".xml":
        return dict(re.findall(r"<Cube currency='([A-Z]{3})' rate='([0-9.]+)'/>", text))
    header, row = text.splitlines()[:2]
    codes = [c.strip() for c in header.split(",")[1:] if c.strip()]
    values = [v.strip() for v in row.split(",")[1:] if v.strip()]
    return dict(zip(codes, values))


def plain(value: Fraction) -> str:
    """A terminating fraction as a plain decimal string, trailing zeros trimmed."""
    sign = "-" if value < 0 else ""
    value = abs(value)
    whole, rest = divmod(value.numerator, value.denominator)
    digits = ""
    while rest:
        rest *= 10
        digits += str(rest // value.denominator)
        rest %= value.denominator
    return sign + str(whole) + ("." + digits if digits else "")


def oracle(rates, pivot="CNY", scale=12):
    """PIVOT per 1 unit of every currency, half-even to `scale` places (round() on a Fraction
    rounds half to even), EUR included, the pivot excluded."""
    per_eur = {**{c: Fraction(r) for c, r in rates.items()}, "EUR": Fraction(1)}
    return {c: plain(round(per_eur[pivot] / per_eur[c], scale))
            for c in sorted(per_eur) if c != pivot}


def import_ecb(*args, stdin=b""):
    code, out, err = run(["rates", "import-ecb", *map(str, args)], stdin=stdin)
    return code, (json.loads(out) if code == 0 else out), err


class GoodFeeds(unittest.TestCase):
    def setUp(self):
        require_cli(self)

    def test_fixtures_are_the_real_format(self):
        rates = feed_rates(DAILY_XML)
        self.assertEqual(len(rates), 29)
        self.assertIn("CNY", rates)
        self.assertNotIn("BGN", rates)  # Bulgaria adopted the euro on 2026-01-01
        self.assertEqual(feed_rates(DAILY_CSV), rates)
        self.assertTrue(DAILY_CSV.read_text().startswith("Date, USD, JPY, "))

    def test_xml_and_csv_against_the_oracle(self):
        expected = oracle(feed_rates(DAILY_XML))
        for path, form in ((DAILY_XML, "XML"), (DAILY_CSV, "CSV")):
            with self.subTest(feed=path.name):
                code, fx, err = import_ecb(path)
                self.assertEqual((code, err), (0, ""))
                self.assertEqual(list(fx), ["as_of", "max_age_hours", "on_stale", "markup",
                                            "rates", "source"])
                self.assertEqual(fx["as_of"], "2026-11-24T15:00:00Z")
                self.assertEqual((fx["max_age_hours"], fx["on_stale"], fx["markup"]),
                                 (96, "warn", "0"))
                self.assertEqual(fx["rates"], expected)
                self.assertEqual(list(fx["rates"]), sorted(fx["rates"]))
                self.assertEqual(fx["rates"]["EUR"], "8.2345")
                self.assertIn(f"({form} feed)", fx["source"])

    def test_other_scales_and_pivots(self):
        rates = feed_rates(DAILY_XML)
        for pivot, scale in (("CNY", 6), ("CNY", 4), ("USD", 12), ("EUR", 10), ("JPY", 8)):
            with self.subTest(pivot=pivot, scale=scale):
                code, fx, err = import_ecb(DAILY_XML, "--pivot", pivot, "--rate-scale", scale)
                self.assertEqual((code, err), (0, ""))
                self.assertEqual(fx["rates"], oracle(rates, pivot, scale))

    def test_a_rate_that_rounds_to_zero_is_an_error(self):
        code, out, err = import_ecb(DAILY_XML, "--rate-scale", "3")
        self.assertEqual((code, out), (1, b""))
        self.assertIn("the rebased rate of IDR (CNY per IDR) rounds to zero at 3 decimal "
                      "places; use a larger --rate-scale", err)

    def test_options_are_written(self):
        code, fx, _ = import_ecb(DAILY_CSV, "--markup", "0.015", "--max-age-hours", "72",
                                 "--on-stale", "error", "--as-of-time", "14:15")
        self.assertEqual(code, 0)
        self.assertEqual((fx["markup"], fx["max_age_hours"], fx["on_stale"], fx["as_of"]),
                         ("0.015", 72, "error", "2026-11-24T13:15:00Z"))

    def test_as_of_follows_frankfurt_summer_time(self):
        # Last Sundays: 2026-03-29 and 2026-10-25. Friday before / Monday after each switch.
        cases = {"2026-03-27": "2026-03-27T15:00:00Z", "2026-03-30": "2026-03-30T14:00:00Z",
                 "2026-06-15": "2026-06-15T14:00:00Z", "2026-10-23": "2026-10-23T14:00:00Z",
                 "2026-10-26": "2026-10-26T15:00:00Z", "2027-03-26": "2027-03-26T15:00:00Z",
                 "2027-03-29": "2027-03-29T14:00:00Z", "2027-12-31": "2027-12-31T15:00:00Z"}
        try:
            from zoneinfo import ZoneInfo
            berlin = ZoneInfo("Europe/Berlin")
        except Exception:  # no tz database on this machine: the table above still checks
            berlin = None
        text = DAILY_XML.read_text()
        for day, expected in cases.items():
            with self.subTest(day=day):
                feed = text.replace("time='2026-11-24'", f"time='{day}'")
                code, fx, err = import_ecb("-", stdin=feed.encode())
                self.assertEqual((code, err), (0, ""))
                self.assertEqual(fx["as_of"], expected)
                if berlin:
                    local = datetime.datetime.fromisoformat(day + "T16:00").replace(tzinfo=berlin)
                    utc = local.astimezone(datetime.timezone.utc)
                    self.assertEqual(fx["as_of"], utc.strftime("%Y-%m-%dT%H:%M:%SZ"))

    def test_stale_feed_with_now(self):
        ok = ["2026-11-24T15:00:00Z", "2026-11-28T15:00:00Z", "2026-11-25T08:00:00+08:00"]
        for now in ok:
            with self.subTest(now=now):
                code, _, err = import_ecb(DAILY_XML, "--now", now)
                self.assertEqual((code, err), (0, ""))
        code, out, err = import_ecb(DAILY_XML, "--now", "2026-11-28T15:00:01Z")
        self.assertEqual((code, out), (1, b""))
        self.assertIn("stale feed: the feed of 2026-11-24 (as_of 2026-11-24T15:00:00Z) is "
                      "96 h old at --now 2026-11-28T15:00:01Z, more than --max-age-hours 96", err)
        code, _, err = import_ecb(DAILY_CSV, "--now", "2026-12-01T00:00:00Z",
                                  "--max-age-hours", "24")
        self.assertEqual(code, 1)
        self.assertIn("is 153 h old", err)
        code, _, err = import_ecb(DAILY_XML, "--now", "2026-11-24T14:59:59Z")
        self.assertEqual(code, 1)
        self.assertIn("is dated after --now 2026-11-24T14:59:59Z", err)

    def test_line_endings_bom_and_stdin(self):
        expected = oracle(feed_rates(DAILY_XML))
        for path in (DAILY_XML, DAILY_CSV):
            raw = path.read_bytes()
            for variant in (raw.replace(b"\n", b"\r\n"), b"\xef\xbb\xbf" + raw,
                            raw.rstrip(b"\n")):
                with self.subTest(feed=path.name, start=variant[:4], end=variant[-2:]):
                    code, fx, err = import_ecb("-", stdin=variant)
                    self.assertEqual((code, err), (0, ""))
                    self.assertEqual(fx["rates"], expected)

    def test_an_older_feed_with_bgn_leaves_it_out(self):
        feed = DAILY_XML.read_text().replace("time='2026-11-24'", "time='2025-12-31'").replace(
            "<Cube currency='JPY' rate='180.32'/>",
            "<Cube currency='JPY' rate='180.32'/>\n\t\t\t<Cube currency='BGN' rate='1.9558'/>")
        code, fx, err = import_ecb("-", stdin=feed.encode())
        self.assertEqual(code, 0)
        self.assertIn("left out BGN: not an active ISO 4217 currency", err)
        self.assertNotIn("BGN", fx["rates"])

    def test_imported_rates_quote_like_the_sample_rulebook(self):
        """The sample rulebook carries the same ECB rates quoted in EUR (rebased by the loader);
        with the imported section instead, every figure of the quote is the same."""
        code, fx, _ = import_ecb(DAILY_XML, "--markup", "0.015")
        self.assertEqual(code, 0)
        rulebook = json.loads(SAMPLE_RULEBOOK.read_text(encoding="utf-8"))
        rulebook["fx"] = fx
        spliced = json.dumps(rulebook).encode()
        code, out, _ = run(["rules", "check", "-"], stdin=spliced)
        self.assertEqual(code, 0, out)
        for request in ("docs/examples/request-de.json", "docs/examples/request-jp.json"):
            with self.subTest(request=request):
                code, mine, _ = run(["quote", "--rulebook", "-", "--request", request],
                                    stdin=spliced)
                self.assertEqual(code, 0)
                _, theirs, _ = run(["quote", "--rulebook", str(SAMPLE_RULEBOOK),
                                    "--request", request])
                mine, theirs = json.loads(mine), json.loads(theirs)
                for q in (mine, theirs):
                    del q["rulebook"], q["fingerprint"]
                self.assertEqual(mine, theirs)


class BadFeeds(unittest.TestCase):
    def setUp(self):
        require_cli(self)

    def test_every_malformed_variant(self):
        files = sorted(p.name for p in (ECB / "bad").iterdir())
        self.assertEqual(files, sorted(BAD))
        for name, (exit_code, line, phrase) in BAD.items():
            with self.subTest(feed=name):
                path = f"tests/native/cli/ecb/bad/{name}"
                code, out, err = run(["rates", "import-ecb", path])
                self.assertEqual((code, out), (exit_code, b""))
                where = f"{path}:{line}: " if line else f"{path}: "
                self.assertTrue(err.startswith(f"taoquote: {where}"), err)
                self.assertIn(phrase, err)
                self.assertEqual(err.count("\n"), 1, err)

    def test_every_truncation_of_the_xml_is_rejected(self):
        raw = DAILY_XML.read_bytes()
        end = raw.rindex(b"</gesmes:Envelope>") + len(b"</gesmes:Envelope>")
        for cut in list(range(0, end, 23)) + [end - 1]:
            with self.subTest(cut=cut):
                code, out, err = run(["rates", "import-ecb", "-"], stdin=raw[:cut])
                self.assertEqual((code, out), (1, b""), err)
                self.assertTrue(err.startswith("taoquote: standard input"), err)

    def test_truncations_of_the_csv_never_crash(self):
        raw = DAILY_CSV.read_bytes()
        for cut in range(0, len(raw), 7):
            with self.subTest(cut=cut):
                code, _, err = run(["rates", "import-ecb", "-"], stdin=raw[:cut])
                self.assertIn(code, (0, 1), err)


if __name__ == "__main__":
    unittest.main()
