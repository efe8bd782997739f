#!/usr/bin/python3
"""The schemas against the core itself, on documents neither was written for.

Seeded random mutations of the bad-input catalogue's base request (as is, and with choose and
partial), of fixture-a and of fixture-c (a value replaced by another of the document's values
or by an odd one, a key removed or added, a list emptied or extended) go through the
`taoquote` CLI (the core's reader and validator) and through the schema. The two must agree:
the core reports a structural code (a field's type, form, range, length or enumeration)
exactly when the schema rejects the document. The core's cross-field and pipeline codes are the
schema's blind spots (test_schemas.py, SEMANTIC); RULEBOOK_INVALID may go either way (the
schema expresses some of its rules, e.g. a tax base listing a component twice).

Deterministic (fixed seed). Run:  /usr/bin/python3 tests/schema/test_differential.py --cli PATH/taoquote
"""
import argparse
import copy
import json
import random
import subprocess
import sys
import tempfile
import unittest
from pathlib import Path

from schemalib import REPO, problems, validator

CLI = None
FIXTURE_A = REPO / "tests" / "vectors" / "rulebooks" / "fixture-a.json"
FIXTURE_C = REPO / "tests" / "vectors" / "rulebooks" / "fixture-c.json"
BASE_REQUEST = REPO / "tests" / "bad" / "base-request.json"
STRUCTURAL = {"INVALID_JSON", "INVALID_FIELD", "INVALID_AMOUNT", "INVALID_INSTANT", "UNKNOWN_CURRENCY",
              "UNKNOWN_COUNTRY", "UNSUPPORTED_SCHEMA", "LIMIT_EXCEEDED"}
EITHER = {"RULEBOOK_INVALID"}
# Replacement values: no null (the core reads null as absent, the schema refuses it) and no
# integral floats such as 1.0 (JSON Schema counts them as integers, the core does not).
POOL = [0, 1, 7, -1, 1.5, 10 ** 20, "", "x", "12.50", "-1.00", "1e3", "0", "0.5", "0.0000000000001",
        "2026-02-30T00:00:00Z", "2026-11-25T08:00:00Z", "2026-11-25T16:00:00+08:00", "2027-01-31",
        "DE", "EUR", "XX", "battery", "Bad Id", "sal", "22/78", "22/0", "courier", "fob", "half_up",
        True, False, [], {}, ["x"], [1, 2, 3], "a" * 1100]


def paths(node, here=()):
    yield here, node
    if isinstance(node, dict):
        for k, v in node.items():
            yield from paths(v, here + (k,))
    elif isinstance(node, list):
        for i, v in enumerate(node):
            yield from paths(v, here + (i,))


def mutate(doc, rng):
    """One random change; returns (new document, description)."""
    doc = copy.deepcopy(doc)
    where, node = rng.choice(list(paths(doc))[1:])
    parent = doc
    for t in where[:-1]:
        parent = parent[t]
    last = where[-1]
    pointer = "".join("/" + str(t) for t in where)
    op = rng.random()
    if isinstance(node, dict) and op < 0.2:
        node["zz_unknown"] = rng.choice(POOL)
        return doc, "add %s/zz_unknown" % pointer
    if isinstance(node, list) and op < 0.2:
        if node and rng.random() < 0.5:
            node.append(copy.deepcopy(node[0]))
            return doc, "repeat %s/0" % pointer
        node.clear()
        return doc, "empty %s" % pointer
    if isinstance(parent, dict) and op < 0.35:
        del parent[last]
        return doc, "remove %s" % pointer
    if op < 0.75:
        # A value of the same JSON type from elsewhere in the document: mostly well-formed,
        # so the core's cross-field rules and the pipeline get their turn.
        same = [n for _, n in paths(doc) if type(n) is type(node) and n is not node]
        if same:
            value = copy.deepcopy(rng.choice(same))
            parent[last] = value
            return doc, "replace %s with %s (from the document)" % (pointer, json.dumps(value)[:40])
    value = rng.choice(POOL)
    parent[last] = copy.deepcopy(value)
    return doc, "replace %s with %s" % (pointer, json.dumps(value)[:40])


def core_verdict(kind, doc, tmp):
    """(code or None, path, message) from the CLI."""
    path = Path(tmp) / (kind + ".json")
    path.write_text(json.dumps(doc), encoding="utf-8")
    if kind == "rulebook":
        r = subprocess.run([CLI, "rules", "check", "--format", "json", str(path)], capture_output=True, text=True,
                           timeout=30)
        out = json.loads(r.stdout.splitlines()[0])
        if out["ok"]:
            return None, "", ""
        p = out["problems"][0]
        return p["code"], p["path"], p["message"]
    r = subprocess.run([CLI, "quote", "--rulebook", str(FIXTURE_A), "--request", str(path)], capture_output=True,
                       text=True, timeout=30)
    body = json.loads(r.stdout)
    if "error" not in body:
        return None, "", ""
    e = body["error"]
    return e["code"], e["path"], e["message"]


class DifferentialTest(unittest.TestCase):
    def run_kind(self, kind, base_path, count, seed, extra=None):
        base = json.loads(base_path.read_text(encoding="utf-8"))
        base.update(extra or {})
        v = validator(kind)
        rng = random.Random(seed)
        disagreements, tally = [], {"structural": 0, "other": 0, "ok": 0}
        with tempfile.TemporaryDirectory() as tmp:
            for _ in range(count):
                doc, what = mutate(base, rng)
                code, pointer, message = core_verdict(kind, doc, tmp)
                rejected = bool(problems(v, doc, 1))
                if code is None:
                    tally["ok"] += 1
                elif code in STRUCTURAL and "rounds to zero" not in message:
                    tally["structural"] += 1
                else:
                    tally["other"] += 1
                if code in EITHER or (code == "INVALID_AMOUNT" and "rounds to zero" in message):
                    continue  # a comparison the schema may or may not express
                structural = code in STRUCTURAL
                if structural != rejected:
                    disagreements.append("%s: core %s %s, schema %s %s" % (
                        what, code or "ok", pointer, "rejects" if rejected else "accepts",
                        problems(v, doc, 1)))
        print("\n%s: %d mutations: %d structural errors, %d other errors, %d quoted/valid"
              % (kind, count, tally["structural"], tally["other"], tally["ok"]), file=sys.stderr)
        self.assertEqual(disagreements, [])
        self.assertGreater(tally["structural"], count // 4)
        self.assertGreater(tally["other"] + tally["ok"], count // 10)

    def test_requests(self):
        self.run_kind("request", BASE_REQUEST, 250, 20261125)

    def test_rulebooks(self):
        self.run_kind("rulebook", FIXTURE_A, 250, 20261126)

    def test_requests_choosing_and_partial(self):
        """The request's choose and partial members get mutated too."""
        self.run_kind("request", BASE_REQUEST, 150, 20261127, {"choose": "fastest", "partial": True})

    def test_rulebooks_valuation_add_and_unless_hs(self):
        """fixture-c: Japan's price_rate valuation with add, exemptions with unless_hs."""
        self.run_kind("rulebook", FIXTURE_C, 150, 20261128)


def main():
    global CLI
    parser = argparse.ArgumentParser()
    parser.add_argument("--cli", required=True, help="the taoquote command-line tool")
    args, rest = parser.parse_known_args()
    CLI = str(Path(args.cli).resolve())
    unittest.main(argv=[sys.argv[0], *rest])


if __name__ == "__main__":
    main()
