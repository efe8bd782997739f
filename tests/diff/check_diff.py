"""Diff vectors: each tests/diff/NN-*.json names two (rulebook, request) pairs built from the
golden fixtures; both are quoted and compared by the `taoquote` CLI, and this script checks the
diff independently, with exact fractions:

- every charge whose amount differs between the two quotes is in the diff, with its before,
  after and delta, and nothing else is;
- each charge's causes sum exactly to its delta; the checkout deltas sum to the total's delta
  and the delivery deltas to the due_on_delivery delta (both recomputed from the quotes);
- every converted charge equals source x (1 / rulebook rate) x (1 + markup), half-up, from the
  rulebook itself; an "fx" cause equals the change of that conversion; a split charge's parts
  are the parts' sources converted at the before rate, and "rounding" is the remainder;
- the change kinds and each charge's cause kinds (with refs) are exactly the expected ones, and
  the hand-computed amounts of the vector's `expect.amounts` match;
- the two-quote form gives the same bytes as the quote-first form, and the text form runs.

    python3 tests/diff/check_diff.py build/native-debug/native/cli/taoquote
"""

import copy
import json
import pathlib
import subprocess
import sys
import tempfile
from fractions import Fraction

HERE = pathlib.Path(__file__).resolve().parent
VECTORS = HERE.parent / "vectors"


def frac(text):
    return Fraction(text)


def half_up(x, digits):
    q = Fraction(1, 10**digits)
    n = abs(x) / q
    whole = int(n)
    if n - whole >= Fraction(1, 2):
        whole += 1
    return (whole if x >= 0 else -whole) * q


def digits_of(amount):
    return len(amount.split(".")[1]) if "." in amount else 0


def set_pointer(doc, pointer, value, delete=False):
    parts = [p.replace("~1", "/").replace("~0", "~") for p in pointer.split("/")[1:]]
    node = doc
    for p in parts[:-1]:
        node = node[int(p)] if isinstance(node, list) else node[p]
    last = int(parts[-1]) if isinstance(node, list) else parts[-1]
    if delete:
        del node[last]
    else:
        node[last] = value


def build(spec, kind):
    """The rulebook or request a vector side names: a fixture or case, with its edits."""
    if isinstance(spec, str):
        spec = {"base": spec}
    if kind == "rulebook":
        doc = json.loads((VECTORS / "rulebooks" / f"{spec['base']}.json").read_text())
    else:
        doc = json.loads((VECTORS / "cases" / f"{spec['case']}.json").read_text())["request"]
    doc = copy.deepcopy(doc)
    for pointer, value in spec.get("set", {}).items():
        set_pointer(doc, pointer, value)
    for pointer in spec.get("delete", []):
        set_pointer(doc, pointer, None, delete=True)
    return doc


def run(cli, *args):
    out = subprocess.run([cli, *args], capture_output=True, text=True)
    if out.returncode != 0:
        raise AssertionError(f"{' '.join(args)}: exit {out.returncode}: {out.stderr}{out.stdout}")
    return out.stdout


def label(cause_or_change):
    ref = cause_or_change["ref"]
    return cause_or_change["kind"] + (":" + ref if ref else "")


def charge_map(quote):
    out = {}
    for c in quote["charges"]:
        key = f"{c['collect']}:{c['code']}"
        assert key not in out, f"charge {key} twice"
        out[key] = c
    return out


def charged_rate(rulebook, src, dst):
    """CNY -> X from the rulebook: rates are base units per unit; markup on every conversion."""
    fx = rulebook["fx"]
    assert src == rulebook["base_currency"] and "quoted_in" not in fx, "vectors use CNY-based rates"
    return 1 / frac(fx["rates"][dst]) * (1 + frac(fx["markup"]))


def check_conversions(quote, rulebook, problems, side):
    for c in quote["charges"]:
        if c["source_currency"] != c["currency"]:
            want = half_up(frac(c["source_amount"]) * charged_rate(rulebook, c["source_currency"], c["currency"]), digits_of(c["amount"]))
            if frac(c["amount"]) != want:
                problems.append(f"{side} {c['code']}: amount {c['amount']}, independent conversion {want}")


def check_split(key, entry, c0, c1, q0, q1, problems):
    """An fx cause = a1 - (s1 at the before rate); split parts = each part's source at that rate."""
    causes = {label(k): frac(k["amount"]) for k in entry["causes"]}
    if not (c0 and c1) or c0["source_currency"] == c0["currency"]:
        return
    rate0 = next(frac(r["charged"]) for r in q0["fx"]["rates"] if r["from"] == c0["source_currency"] and r["to"] == c0["currency"])
    digits = digits_of(c1["amount"])
    moved = frac(c0["amount"]) if c0["source_amount"] == c1["source_amount"] else half_up(frac(c1["source_amount"]) * rate0, digits)
    fx = [v for k, v in causes.items() if k.startswith("fx:")]
    rate1 = next(frac(r["charged"]) for r in q1["fx"]["rates"] if r["from"] == c1["source_currency"] and r["to"] == c1["currency"])
    want_fx = frac(c1["amount"]) - moved if rate0 != rate1 else 0
    if sum(fx) != want_fx:
        problems.append(f"{key}: fx part {sum(fx)}, independently {want_fx}")
    if key == "checkout:GOODS":
        items0 = {i["id"]: i for i in q0["items"]}
        for i1 in q1["items"]:
            i0 = items0.get(i1["id"])
            if not i0 or i0["amount"] == i1["amount"] or i0["quantity"] == i1["quantity"]:
                continue
            qty = frac(i0["unit_price"]) * (i1["quantity"] - i0["quantity"])
            rest = frac(i1["amount"]) - frac(i0["amount"]) - qty
            for name, source in ((f"quantity:{i1['id']}", qty), (f"tier:{i1['id']}", rest)):
                if name in causes and causes[name] != half_up(source * rate0, digits):
                    problems.append(f"{key}: {name} {causes[name]}, independently {half_up(source * rate0, digits)}")


def check_vector(cli, path, tmp):
    vector = json.loads(path.read_text())
    files = {}
    for side in ("before", "after"):
        for kind in ("rulebook", "request"):
            f = pathlib.Path(tmp) / f"{path.stem}-{side}-{kind}.json"
            f.write_text(json.dumps(build(vector[side][kind], kind)))
            files[side, kind] = str(f)
    quotes = {}
    for side in ("before", "after"):
        text = run(cli, "quote", "--rulebook", files[side, "rulebook"], "--request", files[side, "request"])
        quotes[side] = pathlib.Path(tmp) / f"{path.stem}-{side}-quote.json"
        quotes[side].write_text(text)
    diff_text = run(cli, "diff", "--rulebook", files["before", "rulebook"], "--rulebook-after", files["after", "rulebook"],
                    "--request", files["before", "request"], "--request-after", files["after", "request"], "--format", "json")
    problems = []
    if run(cli, "diff", str(quotes["before"]), str(quotes["after"]), "--format", "json") != diff_text:
        problems.append("the two-quote form and the quote-first form differ")
    text_form = run(cli, "diff", str(quotes["before"]), str(quotes["after"]))
    diff = json.loads(diff_text)
    q0, q1 = (json.loads(quotes[s].read_text()) for s in ("before", "after"))
    rb0, rb1 = (json.loads(pathlib.Path(files[s, "rulebook"]).read_text()) for s in ("before", "after"))
    check_conversions(q0, rb0, problems, "before")
    check_conversions(q1, rb1, problems, "after")

    total_delta = frac(q1["total"]) - frac(q0["total"])
    due_delta = frac(q1["due_on_delivery"]["amount"]) - frac(q0["due_on_delivery"]["amount"])
    if frac(diff["total"]["delta"]) != total_delta or frac(diff["due_on_delivery"]["delta"]) != due_delta:
        problems.append("total or due_on_delivery delta differs from the quotes'")
    m0, m1 = charge_map(q0), charge_map(q1)
    changed = {k for k in set(m0) | set(m1)
               if frac(m1[k]["amount"] if k in m1 else "0") != frac(m0[k]["amount"] if k in m0 else "0")}
    listed = {f"{c['collect']}:{c['code']}": c for c in diff["charges"]}
    if set(listed) != changed:
        problems.append(f"charges listed {sorted(listed)}, changed {sorted(changed)}")
    sums = {"checkout": Fraction(0), "delivery": Fraction(0)}
    for key, entry in listed.items():
        c0, c1 = m0.get(key), m1.get(key)
        delta = frac(c1["amount"] if c1 else "0") - frac(c0["amount"] if c0 else "0")
        if frac(entry["delta"]) != delta or entry["before"] != (c0 and c0["amount"]) or entry["after"] != (c1 and c1["amount"]):
            problems.append(f"{key}: before/after/delta differ from the quotes'")
        if sum(frac(k["amount"]) for k in entry["causes"]) != delta:
            problems.append(f"{key}: causes sum to {sum(frac(k['amount']) for k in entry['causes'])}, delta {delta}")
        sums[entry["collect"]] += frac(entry["delta"])
        check_split(key, entry, c0, c1, q0, q1, problems)
        if entry["code"] not in text_form:
            problems.append(f"{key}: missing from the text form")
    if sums["checkout"] != total_delta or sums["delivery"] != due_delta:
        problems.append(f"charge deltas sum to {sums}, totals moved {total_delta} / {due_delta}")

    expect = vector["expect"]
    kinds = [label(c) for c in diff["changes"]]
    if kinds != expect["changes"]:
        problems.append(f"changes {kinds}, expected {expect['changes']}")
    got = {k: [label(c) for c in e["causes"]] for k, e in listed.items()}
    if got != expect["charges"]:
        problems.append(f"causes {got}, expected {expect['charges']}")
    for key, want in expect.get("amounts", {}).items():
        have = {label(c): c["amount"] for c in listed.get(key, {"causes": []})["causes"]}
        for name, amount in want.items():
            if have.get(name) != amount:
                problems.append(f"{key}: {name} = {have.get(name)}, by hand {amount}")
    return problems


def main():
    cli = sys.argv[1]
    failed = 0
    with tempfile.TemporaryDirectory(prefix="taoquote-diff-") as tmp:
        for path in sorted(HERE.glob("[0-9][0-9]-*.json")):
            problems = check_vector(cli, path, tmp)
            print(f"{'FAIL' if problems else 'ok  '} {path.name}")
            for p in problems:
                print(f"     {p}")
            failed += bool(problems)
    print(f"{failed} of {len(sorted(HERE.glob('[0-9][0-9]-*.json')))} diff vectors failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
