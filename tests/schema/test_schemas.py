#!/usr/bin/python3
"""The JSON Schemas of core/schema against every document the project has.

- the schemas are generated (gen_schemas.py --check) and are valid 2020-12 schemas;
- every golden vector (fixture rulebooks, requests, expected quotes and error bodies), the
  sample rulebook, docs/examples/*.json and the JSON examples inside docs/*.md validate;
- the diff document of every diff vector (tests/diff, two quotes compared by the `taoquote`
  CLI given with --cli or TAOQUOTE_CLI) validates, and so do the same outputs mutated in
  typical ways not; docs/diff.md's example (members elided with "…") is the real output of its
  vector where it shows one;
- golden quotes mutated in typical ways (an amount as a number, an unknown key, a bad
  fingerprint, a missing member) are rejected, so the quote schema is not vacuous;
- every entry of the bad-input catalogue (tests/bad/catalogue.json) that the core rejects
  structurally is rejected by the schema; the entries only the core can see are listed in
  SEMANTIC below with the reason, and the schema must accept those (so the table stays true).

Needs python3-jsonschema (Debian); run:
    /usr/bin/python3 tests/schema/test_schemas.py [--cli build/<preset>/native/cli/taoquote] [-v]
Without a CLI the diff vector tests are skipped (and say so); ctest passes it in native builds.
"""
import argparse
import copy
import json
import os
import re
import subprocess
import sys
import tempfile
import unittest

from jsonschema import Draft202012Validator

from schemalib import (KINDS, REPO, StrictJsonError, catalogue_request, load_schema, problems,
                       strict_json, validator)

sys.path.insert(0, str(REPO / "tests" / "diff"))
from check_diff import build as build_diff_side  # noqa: E402  (a diff vector's two sides)

VECTORS = REPO / "tests" / "vectors"
DIFF_VECTORS = REPO / "tests" / "diff"
CLI = os.environ.get("TAOQUOTE_CLI")  # --cli overrides
ELLIPSIS = "…"
CATALOGUE = REPO / "tests" / "bad" / "catalogue.json"
BASES = {"request": REPO / "tests" / "bad" / "base-request.json",
         "rulebook": VECTORS / "rulebooks" / "fixture-a.json"}

# Catalogue entries a JSON Schema cannot reject, and why. Every other entry must be rejected.
SEMANTIC = {
    # Size of the text, not of the document: JSON Schema sees the parsed value.
    "request over 1 MiB": "the byte size of the text (whitespace padding) is a transport limit",
    "rulebook over 4 MiB": "the byte size of the text (whitespace padding) is a transport limit",
    # References between documents or between entries.
    "country without rules": "needs the rulebook's destinations (a request is checked alone)",
    "currency without rate": "needs the rulebook's FX table",
    "unknown line": "needs the rulebook's lines in force at `at`",
    "unknown seller": "an offer's seller must be declared in /sellers: a reference between entries",
    "duplicate seller": "unique ids within a list of objects (uniqueItems compares whole objects)",
    "duplicate item": "unique ids within a list of objects (uniqueItems compares whole objects)",
    "duplicate destination": "unique countries within a list of objects",
    "destination currency without rate": "a destination's currency must appear in fx.rates",
    "threshold currency without rate": "a threshold's currency must appear in fx.rates",
    "fx quoted_in without base": "fx.rates must include base_currency when quoted_in is given",
    "tax base counted twice": "depends on the destination's valuation basis (customs_value already "
                              "contains freight under CIF)",
    "tax base counts added freight twice": "depends on the destination's valuation.add (customs_value "
                                           "already contains the freight it adds)",
    # Minor units: whether an amount is a whole multiple of its currency's minor unit depends on
    # a currency named by another member (the destination's, the fee's `currency`, the key).
    "cash increment finer than the minor unit": "the minor unit of the currency named by the key "
                                                "(CHF 0.003)",
    "duty quantum finer than JPY's minor unit": "the minor unit of the destination's currency",
    "duty base quantum finer than JPY's minor unit": "the minor unit of the destination's currency",
    "tax quantum finer than JPY's minor unit": "the minor unit of the destination's currency",
    "tax quantum finer than EUR's minor unit": "the minor unit of the destination's currency",
    "flat per-category duty finer than EUR's minor unit": "the minor unit of the destination's currency",
    "delivery fee finer than JPY's minor unit": "the minor unit of the fee's own currency member",
    "delivery fee in another currency than its destination": "needs the currency of each listed "
                                                             "country's destinations[] entry",
    # Orderings and comparisons between two values.
    "tiers out of order": "min_qty must increase from one tier to the next",
    "tiers descending": "min_qty must increase from one tier to the next",
    "brackets out of order": "up_to_g must increase from one bracket to the next",
    "service fee min above max": "a comparison of two amounts",
    "delivery fee max below min": "a comparison of two amounts",
    "transit min above max": "a comparison of two integers",
    "closure ends before start": "a comparison of two dates",
    "line valid_from after valid_to": "a comparison of two instants",
    "duplicate line same dates": "validity windows of entries sharing an id must not overlap",
    "overlapping duty rates": "validity windows of rows sharing hs and modes must not overlap",
    "overlapping exemptions": "validity windows of thresholds sharing an id must not overlap",
    # The pipeline: a structurally valid request that cannot be quoted.
    "below every MOQ": "offer choice: the quantity against each offer's MOQ",
    "no tier for quantity": "offer choice: the quantity against each offer's tiers",
    "no line can carry it": "shipping: the parcel against every line's limits",
    "overflowing price": "arithmetic: price × quantity beyond the documented magnitude",
    "duty rate missing for an item": "the item's HS code against the destination's duty rows in "
                                     "force (a request is checked alone)",
    "tax rate missing for an item": "the item's HS code against the applicable tax's rate rows",
}


def cases():
    for path in sorted((VECTORS / "cases").glob("*.json")):
        yield path.name, json.loads(path.read_text(encoding="utf-8"))


class GeneratedTest(unittest.TestCase):
    def test_schemas_and_openapi_are_up_to_date(self):
        r = subprocess.run([sys.executable, str(REPO / "core" / "schema" / "gen_schemas.py"), "--check"],
                           capture_output=True, text=True)
        self.assertEqual(r.returncode, 0, r.stdout + r.stderr)

    def test_each_schema_is_valid_2020_12_with_id_and_tag(self):
        for kind in KINDS:
            s = load_schema(kind)
            Draft202012Validator.check_schema(s)
            self.assertEqual(s["$schema"], "https://json-schema.org/draft/2020-12/schema")
            self.assertEqual(s["$id"], "urn:taoquote:schema:%s:1" % kind)
            if kind != "error":
                self.assertEqual(s["properties"]["schema"], {"const": "taoquote.%s/1" % kind})


class GoldenTest(unittest.TestCase):
    def assertValid(self, kind, doc, where):
        found = problems(validator(kind), doc)
        self.assertEqual(found, [], "%s does not validate as %s" % (where, kind))

    def test_fixture_and_sample_rulebooks(self):
        paths = sorted((VECTORS / "rulebooks").glob("*.json")) + [REPO / "core/rules/sample-rulebook.json"]
        self.assertGreaterEqual(len(paths), 3)
        for p in paths:
            self.assertValid("rulebook", json.loads(p.read_text(encoding="utf-8")), p.name)

    def test_every_vector_request(self):
        n = 0
        for name, case in cases():
            self.assertValid("request", case["request"], name)
            n += 1
        self.assertGreaterEqual(n, 100)

    def test_every_expected_quote_or_error(self):
        quotes = errors = 0
        for path in sorted((VECTORS / "expected").glob("*.json")):
            doc = json.loads(path.read_text(encoding="utf-8"))
            kind = "error" if "error" in doc else "quote"
            self.assertValid(kind, doc, path.name)
            quotes += kind == "quote"
            errors += kind == "error"
        self.assertGreaterEqual(quotes, 80)
        self.assertGreaterEqual(errors, 5)

    def test_bad_input_catalogue_base_documents_are_valid(self):
        for kind, path in BASES.items():
            self.assertValid(kind, json.loads(path.read_text(encoding="utf-8")), path.name)


def elided_diff_problems(doc):
    """A diff example with members elided ("…": "…"): every member shown validates against its
    part of the schema, and only the two quotes' identities (before, after) may be left out."""
    schema = load_schema("diff")
    out = []
    for key, value in doc.items():
        if key == ELLIPSIS:
            continue
        if key not in schema["properties"]:
            out.append("/%s: not a member of the diff document" % key)
            continue
        part = Draft202012Validator({**schema["properties"][key], "$defs": schema["$defs"]})
        out += ["/%s%s" % (key, p[len("(root)"):] if p.startswith("(root)") else p)
                for p in problems(part, value)]
    missing = sorted(set(schema["required"]) - set(doc) - {"before", "after"})
    out += ["/%s: missing (only before and after may be elided)" % k for k in missing]
    return out


def matches_elided(shown, real, where=""):
    """Where `shown` (a docs example) differs from `real`: "…" in a string stands for any text,
    and a "…" member for members left out."""
    if isinstance(shown, str) and ELLIPSIS in shown and isinstance(real, str):
        pattern = ".*".join(re.escape(part) for part in shown.split(ELLIPSIS))
        return [] if re.fullmatch(pattern, real, re.S) else ["%s: %r is not %r" % (where, shown, real)]
    if isinstance(shown, dict) and isinstance(real, dict):
        keys = set(shown) - {ELLIPSIS}
        out = ["%s/%s: not in the real document" % (where, k) for k in sorted(keys - set(real))]
        if ELLIPSIS not in shown:
            out += ["%s/%s: left out without …" % (where, k) for k in sorted(set(real) - keys)]
        for k in sorted(keys & set(real)):
            out += matches_elided(shown[k], real[k], "%s/%s" % (where, k))
        return out
    if isinstance(shown, list) and isinstance(real, list):
        if len(shown) != len(real):
            return ["%s: %d entries, the real document has %d" % (where, len(shown), len(real))]
        return [p for i, (a, b) in enumerate(zip(shown, real)) for p in matches_elided(a, b, "%s/%d" % (where, i))]
    return [] if shown == real else ["%s: %r is not %r" % (where, shown, real)]


class DocsTest(unittest.TestCase):
    """Every example in docs/: example files, fenced JSON blocks, JSON lines in console blocks."""

    @staticmethod
    def kind_of(doc):
        if isinstance(doc, dict):
            if doc.get("schema") == "taoquote.rulebook/1":
                return "rulebook"
            if doc.get("schema") == "taoquote.quote/1":
                return "quote"
            if doc.get("schema") == "taoquote.diff/1":
                return "diff"
            if "error" in doc:
                return "error"
            if "at" in doc and "items" in doc:
                return "request"
        return None

    def test_example_files(self):
        paths = sorted((REPO / "docs" / "examples").glob("*.json"))
        self.assertGreaterEqual(len(paths), 2)
        for p in paths:
            doc = json.loads(p.read_text(encoding="utf-8"))
            kind = self.kind_of(doc)
            self.assertIsNotNone(kind, p.name)
            self.assertEqual(problems(validator(kind), doc), [], p.name)

    def test_json_in_markdown(self):
        checked, fragments = [], []
        for md in sorted((REPO / "docs").glob("*.md")):
            text = md.read_text(encoding="utf-8")
            for block in re.findall(r"```json\n(.*?)```", text, re.S):
                try:
                    doc = json.loads(block)
                except ValueError:
                    fragments.append(md.name)  # e.g. `"fx": { ... }`: an outline, not a document
                    continue
                kind = self.kind_of(doc)
                self.assertIsNotNone(kind, "%s: a JSON block of unknown kind" % md.name)
                if kind == "diff" and ELLIPSIS in doc:
                    # An example that elides members ("…": "…"): each member shown must
                    # validate, and only the identities may be left out.
                    self.assertEqual(elided_diff_problems(doc), [], "%s: diff example" % md.name)
                else:
                    self.assertEqual(problems(validator(kind), doc), [], "%s: %s example" % (md.name, kind))
                checked.append((md.name, kind))
            for block in re.findall(r"```console\n(.*?)```", text, re.S):
                for line in block.splitlines():
                    if line.startswith('{"error":'):
                        doc = json.loads(line)
                        self.assertEqual(problems(validator("error"), doc), [], md.name + ": " + line)
                        checked.append((md.name, "error"))
        # docs/schema.md's request example is a whole document; its rulebook outline is not.
        self.assertIn(("schema.md", "request"), checked)
        self.assertEqual(fragments, ["schema.md"], "a ```json block that is not a whole document "
                                                   "(only schema.md's rulebook outline may be one)")
        self.assertIn(("cli.md", "error"), checked)
        self.assertIn(("diff.md", "diff"), checked)

    def test_ecb_import_output_is_an_fx_table(self):
        """docs/cli.md: `taoquote rates import-ecb` prints a rulebook's `fx` member."""
        text = (REPO / "docs" / "cli.md").read_text(encoding="utf-8")
        m = re.search(r"\$ taoquote rates import-ecb [^\n]*\n(\{\n.*?\n\})\n", text, re.S)
        self.assertIsNotNone(m)
        fx = json.loads(m.group(1))
        schema = load_schema("rulebook")
        fx_schema = {**schema["properties"]["fx"], "$defs": schema["$defs"]}
        self.assertEqual(problems(Draft202012Validator(fx_schema), fx), [])


class QuoteMutationTest(unittest.TestCase):
    """The quote schema rejects what the canonical writer never emits."""

    def setUp(self):
        self.quote = json.loads((VECTORS / "expected" / "001-basic-de.json").read_text(encoding="utf-8"))
        self.v = validator("quote")
        self.assertEqual(problems(self.v, self.quote), [])

    def rejected(self, mutate, why):
        q = copy.deepcopy(self.quote)
        mutate(q)
        self.assertNotEqual(problems(self.v, q), [], why)

    def test_mutations(self):
        self.rejected(lambda q: q.update(total=102.71), "an amount as a JSON number")
        self.rejected(lambda q: q.update(total="1e2"), "an amount with an exponent")
        self.rejected(lambda q: q.update(colour="red"), "an unknown top-level key")
        self.rejected(lambda q: q.pop("fingerprint"), "a missing fingerprint")
        self.rejected(lambda q: q.update(fingerprint="sha256:XYZ"), "a malformed fingerprint")
        self.rejected(lambda q: q.update(schema="taoquote.quote/2"), "another schema tag")
        self.rejected(lambda q: q.update(at="2026-11-25T08:00:00+01:00"), "an instant not in UTC Z")
        self.rejected(lambda q: q["options"][0].update(eligible="yes"), "eligible not a boolean")
        self.rejected(lambda q: q["options"][0].update(reason="NO_REASON", eligible=False), "unknown reason")
        self.rejected(lambda q: q["charges"][0].update(collect="later"), "collect not an enum value")
        self.rejected(lambda q: q["customs"]["duty"].update(rule="maybe"), "unknown duty rule")
        self.rejected(lambda q: q["parcel"].update(dimensions_cm=[1, 2]), "two dimensions")
        self.rejected(lambda q: q["customs"]["valuation"].update(rate="0.6"), "a rate under fob/cif")
        self.rejected(lambda q: q["options"][0].pop("landed_total"), "an eligible option without landed_total")
        self.rejected(lambda q: q["options"][0].update(checkout_total=55.53), "an option total as a JSON number")
        self.rejected(lambda q: q["options"][0]["due_on_delivery"].pop("currency"),
                      "an option's due_on_delivery without its currency")
        self.rejected(lambda q: q.update(excluded=[{"item": "i1", "code": "OVERFLOW", "path": "/items/0",
                                                    "message": "x"}]),
                      "an exclusion for a reason a partial quote never excludes")

    def test_partial_quote_mutations(self):
        quote = json.loads((VECTORS / "expected" / "128-partial-below-moq-and-no-line.json")
                           .read_text(encoding="utf-8"))
        self.assertEqual(problems(self.v, quote), [])
        self.assertEqual(len(quote["excluded"]), 2)
        for mutate, why in [
            (lambda q: q["excluded"][0].pop("path"), "an exclusion without its pointer"),
            (lambda q: q["excluded"][0].update(path="items/1"), "a pointer without its leading /"),
            (lambda q: q["excluded"][0].update(reason="x"), "an unknown member of an exclusion"),
            (lambda q: q.update(excluded={}), "excluded not a list"),
        ]:
            q = copy.deepcopy(quote)
            mutate(q)
            self.assertNotEqual(problems(self.v, q), [], why)


class DiffVectorTest(unittest.TestCase):
    """The diff documents the core writes (tests/diff's vectors, through the CLI) against the
    diff schema; docs/diff.md's example against the real output of its vector."""

    @classmethod
    def setUpClass(cls):
        if not CLI:
            raise unittest.SkipTest("no taoquote CLI (--cli or TAOQUOTE_CLI): diff outputs not produced")
        cls.tmp = tempfile.TemporaryDirectory(prefix="taoquote-schema-diff-")
        cls.quotes, cls.diffs = {}, {}
        for path in sorted(DIFF_VECTORS.glob("[0-9][0-9]-*.json")):
            vector = json.loads(path.read_text(encoding="utf-8"))
            sides = []
            for side in ("before", "after"):
                files = []
                for kind in ("rulebook", "request"):
                    f = os.path.join(cls.tmp.name, "%s-%s-%s.json" % (path.stem, side, kind))
                    with open(f, "w", encoding="utf-8") as out:
                        json.dump(build_diff_side(vector[side][kind], kind), out)
                    files.append(f)
                quote = cls.cli("quote", "--rulebook", files[0], "--request", files[1])
                sides.append(os.path.join(cls.tmp.name, "%s-%s-quote.json" % (path.stem, side)))
                with open(sides[-1], "w", encoding="utf-8") as out:
                    out.write(quote)
            cls.quotes[path.stem] = sides
            cls.diffs[path.stem] = json.loads(cls.cli("diff", *sides, "--format", "json"))

    @classmethod
    def tearDownClass(cls):
        cls.tmp.cleanup()

    @staticmethod
    def cli(*args):
        r = subprocess.run([CLI, *args], capture_output=True, text=True)
        if r.returncode != 0:
            raise AssertionError("taoquote %s: exit %d: %s%s" % (" ".join(args), r.returncode, r.stderr, r.stdout))
        return r.stdout

    def test_every_diff_vector_output_validates(self):
        v = validator("diff")
        self.assertGreaterEqual(len(self.diffs), 5)
        causes = set()
        for name, diff in self.diffs.items():
            self.assertEqual(problems(v, diff), [], name)
            self.assertTrue(diff["charges"], "%s: a vector whose price does not change" % name)
            causes.update(c["kind"] for charge in diff["charges"] for c in charge["causes"])
        # The vectors exercise several causes, so the cause enumeration is really checked.
        self.assertGreaterEqual(len(causes), 5, sorted(causes))

    def test_a_diff_across_currencies_validates(self):
        """Null deltas, charges only one quote has, and notes: a EUR quote against a JPY one."""
        before = self.quotes["01-fx-rate-only"][0]
        with open(before, encoding="utf-8") as f:
            eur = json.load(f)
        other = next(p for p in sorted((VECTORS / "expected").glob("*.json"))
                     if json.loads(p.read_text(encoding="utf-8")).get("currency") not in (None, eur["currency"]))
        diff = json.loads(self.cli("diff", before, str(other), "--format", "json"))
        self.assertFalse(diff["comparable"])
        self.assertIsNone(diff["total"]["delta"])
        self.assertTrue(diff["notes"])
        self.assertEqual(problems(validator("diff"), diff), [], other.name)

    def test_docs_example_is_its_vectors_output(self):
        text = (REPO / "docs" / "diff.md").read_text(encoding="utf-8")
        examples = [json.loads(b) for b in re.findall(r"```json\n(.*?)```", text, re.S)
                    if '"taoquote.diff/1"' in b]
        self.assertEqual(len(examples), 1, "docs/diff.md has one diff example")
        self.assertIn("tests/diff/02-eu-rule-2026-07-01.json", text)
        real = self.diffs["02-eu-rule-2026-07-01"]
        self.assertEqual(matches_elided(examples[0], real), [])
        self.assertEqual(problems(validator("diff"), real), [])

    def test_mutations_rejected(self):
        base = self.diffs["02-eu-rule-2026-07-01"]
        v = validator("diff")
        self.assertEqual(problems(v, base), [])
        for mutate, why in [
            (lambda d: d["total"].update(delta=7.14), "a delta as a JSON number"),
            (lambda d: d["total"].update(delta="7.14 EUR"), "a delta that is not a decimal string"),
            (lambda d: d.update(schema="taoquote.diff/2"), "another schema tag"),
            (lambda d: d.update(colour="red"), "an unknown top-level member"),
            (lambda d: d.pop("notes"), "no notes"),
            (lambda d: d.update(comparable="yes"), "comparable not a boolean"),
            (lambda d: d["before"].update(fingerprint="sha256:XYZ"), "a malformed fingerprint"),
            (lambda d: d["before"].pop("due_on_delivery"), "an identity without due_on_delivery"),
            (lambda d: d["changes"][0].update(kind="weather"), "an unknown change kind"),
            (lambda d: d["charges"][0].update(collect="later"), "collect not checkout or delivery"),
            (lambda d: d["charges"][0].update(causes=[]), "a charge change without a cause"),
            (lambda d: d["charges"][0]["causes"][0].update(kind="luck"), "an unknown cause kind"),
            (lambda d: d["charges"][0]["causes"][0].pop("amount"), "a cause without its amount"),
            (lambda d: d["charges"][0].update(after=6), "a charge amount as a JSON number"),
            (lambda d: d["charges"][0].update(delta=None), "a charge without a delta"),
        ]:
            d = copy.deepcopy(base)
            mutate(d)
            self.assertNotEqual(problems(v, d), [], why)


class CatalogueTest(unittest.TestCase):
    def test_structural_cases_rejected_semantic_cases_listed(self):
        entries = json.loads(CATALOGUE.read_text(encoding="utf-8"))["cases"]
        bases = {k: p.read_text(encoding="utf-8") for k, p in BASES.items()}
        validators = {k: validator(k) for k in BASES}
        names = [e["name"] for e in entries]
        self.assertEqual(len(names), len(set(names)), "catalogue names must be unique")
        self.assertEqual(sorted(set(SEMANTIC) - set(names)), [], "SEMANTIC names no catalogue entry")
        counts = {"not JSON": 0, "rejected": 0, "semantic": 0}
        failures = []
        for e in entries:
            data = catalogue_request(e, bases[e["doc"]])
            try:
                doc = strict_json(data)
            except StrictJsonError:
                # The strict reader refuses it before any schema applies (INVALID_JSON).
                if e["code"] != "INVALID_JSON":
                    failures.append("%s: not JSON here, but the core says %s" % (e["name"], e["code"]))
                counts["not JSON"] += 1
                continue
            found = problems(validators[e["doc"]], doc, 1)
            if e["name"] in SEMANTIC:
                counts["semantic"] += 1
                if found:
                    failures.append("%s: listed as semantic but the schema rejects it (%s); move it "
                                    "out of SEMANTIC" % (e["name"], found[0]))
            else:
                counts["rejected"] += 1
                if not found:
                    failures.append("%s (%s at %r): the core rejects it structurally, the schema accepts it"
                                    % (e["name"], e["code"], e["path"]))
        print("\ncatalogue: %d entries: %d not JSON, %d rejected by the schema, %d semantic"
              % (len(entries), counts["not JSON"], counts["rejected"], counts["semantic"]), file=sys.stderr)
        self.assertEqual(failures, [])
        self.assertGreaterEqual(counts["rejected"], 70)


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--cli", help="the taoquote command-line tool (for the diff vectors)")
    args, rest = parser.parse_known_args()
    CLI = args.cli or CLI
    unittest.main(argv=[sys.argv[0], *rest])
