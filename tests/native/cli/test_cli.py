"""The taoquote CLI as a user drives it: quotes equal the golden bytes (files and stdin),
documented exit codes, `rules check` on good rulebooks and on every rulebook entry of the
bad-input catalogue, the table format, and --help on every command.

Run by ctest with TAOQUOTE_CLI set to the binary; or by hand:
    TAOQUOTE_CLI=build/native-debug/native/cli/taoquote python3 -m unittest -v test_cli
"""

import json
import os
import subprocess
import tempfile
import unittest

from clitest import (CLI, REPO, RULEBOOKS, SAMPLE_RULEBOOK, canonical_request, catalogue,
                     catalogue_text, golden_cases, require_cli, run)

# Every command's --help, and whether it documents the exit codes (group commands point on).
HELP = [
    (["--help"], True),
    (["quote", "--help"], True),
    (["quote", "-h"], True),
    (["rules", "--help"], False),
    (["rules", "check", "--help"], True),
    (["rates", "--help"], False),
    (["rates", "import-ecb", "--help"], True),
]


class QuoteCommand(unittest.TestCase):
    def setUp(self):
        require_cli(self)

    def test_every_golden_vector_from_files(self):
        cases = golden_cases()
        self.assertGreaterEqual(len(cases), 100)
        with tempfile.TemporaryDirectory() as tmp:
            request = os.path.join(tmp, "request.json")
            for name, rulebook, text, expected in cases:
                with self.subTest(case=name):
                    with open(request, "w", encoding="utf-8") as f:
                        f.write(text)
                    code, out, err = run(["quote", "--rulebook", str(rulebook),
                                          "--request", request])
                    is_error = expected.startswith(b'{"error":')
                    self.assertEqual(code, 1 if is_error else 0, err)
                    self.assertEqual(out, expected + b"\n")
                    self.assertEqual(err, "")

    def test_request_and_rulebook_from_stdin(self):
        for name, rulebook, text, expected in golden_cases()[::10]:
            with self.subTest(case=name, stdin="request"):
                code, out, _ = run(["quote", "--rulebook", str(rulebook), "--request", "-"],
                                   stdin=text.encode())
                self.assertEqual(out, expected + b"\n")
                self.assertEqual(code, 1 if expected.startswith(b'{"error":') else 0)
        name, rulebook, text, expected = golden_cases()[0]
        with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as f:
            f.write(text)
        try:
            code, out, _ = run(["quote", "--rulebook=-", f"--request={f.name}"],
                               stdin=rulebook.read_bytes())
        finally:
            os.unlink(f.name)
        self.assertEqual((code, out), (0, expected + b"\n"))

    def test_rejected_rulebook_prints_the_error_body(self):
        code, out, _ = run(["quote", "--rulebook", "-", "--request",
                            "docs/examples/request-de.json"], stdin=b'{"schema":1}')
        self.assertEqual(code, 1)
        error = json.loads(out)["error"]
        self.assertEqual((error["doc"], error["code"]), ("rulebook", "INVALID_FIELD"))

    def test_usage_errors_exit_2(self):
        de = "docs/examples/request-de.json"
        for args in (["quote"], ["quote", "--rulebook", str(SAMPLE_RULEBOOK)],
                     ["quote", "--rulebook", "-", "--request", "-"],
                     ["quote", "--rulebook", str(SAMPLE_RULEBOOK), "--request", de,
                      "--format", "yaml"],
                     ["quote", "--rulebook", str(SAMPLE_RULEBOOK), "--request", de, "--colour"],
                     ["quote", "--rulebook", str(SAMPLE_RULEBOOK), "--request", de, "extra"],
                     ["quote", "--rulebook", str(SAMPLE_RULEBOOK), "--request", de,
                      "--locale", "de-DE"],
                     ["quote", "--rulebook", str(SAMPLE_RULEBOOK), "--request", de,
                      "--format", "table", "--locale", "de_DE"],
                     ["quote", "--rulebook", str(SAMPLE_RULEBOOK), "--rulebook", "x",
                      "--request", de],
                     ["rules"], ["rules", "lint", "x"], ["rules", "check"],
                     ["rules", "check", "a.json", "b.json"],
                     ["rules", "check", "--format", "xml", str(SAMPLE_RULEBOOK)],
                     ["rates"], ["rates", "import-fed"], ["rates", "import-ecb"],
                     ["rates", "import-ecb", "x.xml", "--rate-scale", "13"],
                     ["rates", "import-ecb", "x.xml", "--rate-scale", "twelve"],
                     ["rates", "import-ecb", "x.xml", "--pivot", "RMB"],
                     ["rates", "import-ecb", "x.xml", "--markup", "1"],
                     ["rates", "import-ecb", "x.xml", "--on-stale", "ignore"],
                     ["rates", "import-ecb", "x.xml", "--as-of-time", "25:00"],
                     ["rates", "import-ecb", "x.xml", "--now", "yesterday"],
                     [], ["frobnicate"]):
            with self.subTest(args=args):
                code, out, err = run(args)
                self.assertEqual(code, 2, err)
                self.assertEqual(out, b"")
                self.assertIn("taoquote", err)

    def test_io_errors_exit_3(self):
        for args in (["quote", "--rulebook", "no/such/rulebook.json", "--request", "-"],
                     ["quote", "--rulebook", str(SAMPLE_RULEBOOK), "--request", "docs"],
                     ["rules", "check", "no/such/rulebook.json"],
                     ["rates", "import-ecb", "no/such/eurofxref-daily.xml"]):
            with self.subTest(args=args):
                code, out, err = run(args)
                self.assertEqual(code, 3, err)
                self.assertEqual(out, b"")
                self.assertRegex(err, r"^taoquote: .*(No such file|Is a directory)")

    def test_unwritable_output_exits_3(self):
        with open("/dev/full", "wb") as full:
            p = subprocess.run([CLI, "quote", "--rulebook", str(SAMPLE_RULEBOOK), "--request",
                                "docs/examples/request-de.json"], stdout=full,
                               stderr=subprocess.PIPE, cwd=REPO, timeout=60)
        self.assertEqual(p.returncode, 3)
        self.assertIn("taoquote: standard output: No space left on device", p.stderr.decode())

    def test_table_matches_the_quote(self):
        code, out, err = run(["quote", "--rulebook", str(SAMPLE_RULEBOOK), "--request",
                              "docs/examples/request-de.json", "--format", "table"])
        self.assertEqual((code, err), (0, ""))
        text = out.decode("utf-8")
        _, canonical, _ = run(["quote", "--rulebook", str(SAMPLE_RULEBOOK), "--request",
                               "docs/examples/request-de.json"])
        quote = json.loads(canonical)
        self.assertIn(f"fingerprint {quote['fingerprint']}", text)
        self.assertIn("Total at checkout  102,71\u00a0€", text)
        for option in quote["options"]:
            self.assertIn(option["line"], text)
            if not option["eligible"]:
                self.assertIn(f"{option['line']}: {option['reason']}: {option['message']}", text)
        for t in quote["customs"]["thresholds"]:
            self.assertIn(t["id"], text)
        for c in quote["charges"]:
            self.assertIn(c["code"], text)
        self.assertIn("threshold eu-ioss-150 fired", text)
        self.assertFalse(any(line.endswith(" ") for line in text.splitlines()))

    def test_table_locale_option_and_errors(self):
        code, out, _ = run(["quote", "--rulebook", str(SAMPLE_RULEBOOK), "--request",
                            "docs/examples/request-de.json", "--format", "table",
                            "--locale", "en-US"])
        self.assertEqual(code, 0)
        self.assertIn("Total at checkout  €102.71", out.decode())
        base = (REPO / "tests/bad/base-request.json").read_text(encoding="utf-8")
        bad = json.loads(base)
        bad["items"][0]["quantity"] = 0
        code, out, err = run(["quote", "--rulebook", str(RULEBOOKS / "fixture-a.json"),
                              "--request", "-", "--format", "table"],
                             stdin=canonical_request(bad).encode())
        self.assertEqual((code, out), (1, b""))
        self.assertRegex(err, r"^taoquote: request: INVALID_FIELD at /items/0/quantity: ")
        # A locale the core accepts ([A-Za-z0-9-]) but that is no BCP 47 tag for ICU.
        odd = json.loads(base)
        odd["locale"] = "a"
        code, out, err = run(["quote", "--rulebook", str(RULEBOOKS / "fixture-a.json"),
                              "--request", "-", "--format", "table"],
                             stdin=canonical_request(odd).encode())
        self.assertEqual((code, out), (1, b""))
        self.assertIn('the locale cannot be used: "a" is not a well-formed BCP 47', err)


class RulesCheck(unittest.TestCase):
    def setUp(self):
        require_cli(self)

    def test_good_rulebooks(self):
        for path in (SAMPLE_RULEBOOK, *sorted(RULEBOOKS.glob("*.json"))):
            with self.subTest(rulebook=path.name):
                code, out, err = run(["rules", "check", str(path)])
                self.assertEqual((code, err), (0, ""))
                self.assertRegex(out.decode(), rf"^{path}: ok: rulebook \S+, \d+ shipping lines")
                self.assertIn("digest sha256:", out.decode())

    def test_every_bad_rulebook_of_the_catalogue(self):
        base = (RULEBOOKS / "fixture-a.json").read_text(encoding="utf-8")
        entries = [e for e in catalogue() if e["doc"] == "rulebook"]
        self.assertGreaterEqual(len(entries), 40)
        for entry in entries:
            with self.subTest(entry=entry["name"]):
                text = catalogue_text(entry, base)
                code, out, err = run(["rules", "check", "-"], stdin=text)
                self.assertEqual((code, err), (1, ""))
                pointer = entry["path"] or '"" (the whole document)'
                self.assertTrue(out.decode().startswith(f"-: {entry['code']} at {pointer}: "),
                                out[:300])
                code, out, _ = run(["rules", "check", "--format", "json", "-"], stdin=text)
                report = json.loads(out)
                self.assertEqual(code, 1)
                self.assertFalse(report["ok"])
                self.assertEqual([(p["code"], p["path"]) for p in report["problems"]],
                                 [(entry["code"], entry["path"])])

    def test_json_format_of_a_good_rulebook(self):
        code, out, _ = run(["rules", "check", str(SAMPLE_RULEBOOK), "--format=json"])
        report = json.loads(out)
        self.assertEqual(code, 0)
        self.assertEqual(report["problems"], [])
        self.assertTrue(report["ok"])
        self.assertTrue(report["digest"].startswith("sha256:"))


class Help(unittest.TestCase):
    def setUp(self):
        require_cli(self)

    def test_help_on_every_command(self):
        for args, documents_exit_codes in HELP:
            with self.subTest(args=args):
                code, out, err = run(args)
                self.assertEqual((code, err), (0, ""))
                text = out.decode()
                self.assertRegex(text, r"^(taoquote — .*\n\n)?Usage:\s+taoquote ")
                if documents_exit_codes:
                    self.assertRegex(text, r"(?s)Exit codes: 0 .*, 1 .*,\s+2 usage error,\s+3 ")

    def test_version(self):
        code, out, _ = run(["--version"])
        self.assertEqual(code, 0)
        self.assertRegex(out.decode(), r"^taoquote \d+\.\d+\.\d+\n$")


if __name__ == "__main__":
    print(f"taoquote binary: {CLI}")
    unittest.main()
