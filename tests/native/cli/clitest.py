"""Shared helpers of the taoquote CLI suites: where things are, running the binary, the
golden vectors and the bad-input catalogue (JSON Patch, RFC 6902)."""

import copy
import json
import os
import pathlib
import subprocess
import unittest

HERE = pathlib.Path(__file__).resolve().parent
REPO = pathlib.Path(os.environ.get("TAOQUOTE_REPO", HERE.parents[2])).resolve()
CLI = os.environ.get("TAOQUOTE_CLI", str(REPO / "build/native-debug/native/cli/taoquote"))
ECB = HERE / "ecb"
RULEBOOKS = REPO / "tests/vectors/rulebooks"
SAMPLE_RULEBOOK = REPO / "core/rules/sample-rulebook.json"


def require_cli(case: unittest.TestCase) -> None:
    if not os.access(CLI, os.X_OK):
        case.fail(f"the taoquote binary is missing: {CLI} (set TAOQUOTE_CLI)")


def run(args, stdin=b"", cwd=None):
    """Runs taoquote ARGS; returns (exit code, stdout bytes, stderr text)."""
    p = subprocess.run([CLI, *args], input=stdin, capture_output=True, cwd=cwd or REPO,
                       timeout=120)
    return p.returncode, p.stdout, p.stderr.decode("utf-8", "replace")


def canonical_request(request) -> str:
    """The request text the golden vectors were made from (tests/vectors/update.py)."""
    return json.dumps(request, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def golden_cases():
    """Every golden vector: (name, rulebook path, request text, expected bytes)."""
    out = []
    for path in sorted((REPO / "tests/vectors/cases").glob("*.json")):
        case = json.loads(path.read_text(encoding="utf-8"))
        expected = (REPO / "tests/vectors/expected" / path.name).read_bytes().rstrip(b"\r\n")
        out.append((path.stem, RULEBOOKS / f"{case['rulebook']}.json",
                    canonical_request(case["request"]), expected))
    return out


def _tokens(pointer):
    return [t.replace("~1", "/").replace("~0", "~") for t in pointer.split("/")[1:]]


def apply_patch(doc, ops):
    """Applies an RFC 6902 patch (add, replace, remove) to a copy of `doc`."""
    out = copy.deepcopy(doc)
    for op in ops:
        *parents, last = _tokens(op["path"])
        target = out
        for t in parents:
            target = target[int(t)] if isinstance(target, list) else target[t]
        if isinstance(target, list):
            index = len(target) if last == "-" else int(last)
            if op["op"] == "remove":
                del target[index]
            elif op["op"] == "add":
                target.insert(index, op["value"])
            else:
                target[index] = op["value"]
        elif op["op"] == "remove":
            del target[last]
        else:
            target[last] = op["value"]
    return out


def catalogue_text(entry, base_text: str) -> bytes:
    """The input a tests/bad/catalogue.json entry describes, as bytes."""
    if "raw" in entry:
        return entry["raw"].encode()
    if "patch" in entry:
        doc = apply_patch(json.loads(base_text), entry["patch"])
        return json.dumps(doc, ensure_ascii=False).encode()
    g = entry["generate"]
    if g["kind"] == "nest":
        return ("[" * g["depth"] + "]" * g["depth"]).encode()
    if g["kind"] == "pad":
        return (base_text.rstrip()[:-1] + " " * g["bytes"] + "}").encode()
    if g["kind"] == "bytes":
        return bytes.fromhex(g["hex"])
    if g["kind"] == "long_string":
        doc = json.loads(base_text)
        *parents, last = _tokens(g["path"])
        target = doc
        for t in parents:
            target = target[int(t)] if isinstance(target, list) else target[t]
        target[int(last) if isinstance(target, list) else last] = "x" * g["bytes"]
        return json.dumps(doc).encode()
    raise ValueError(f"unknown generator {g['kind']}")


def catalogue():
    return json.loads((REPO / "tests/bad/catalogue.json").read_text(encoding="utf-8"))["cases"]
