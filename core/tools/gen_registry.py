#!/usr/bin/env python3
"""Generates core/src/registry_data.inc: the embedded ISO 4217 and ISO 3166-1 tables.

Inputs are the JSON files of Debian's `iso-codes` package:
  /usr/share/iso-codes/json/iso_4217.json    (alphabetic + numeric currency codes)
  /usr/share/iso-codes/json/iso_3166-1.json  (alpha-2 country codes)

iso-codes carries neither minor units nor every recent ISO 4217 amendment, so this script
embeds both (see MINOR_UNITS and AMENDMENTS below). Inclusion policy, in short: keep every
ISO 4217 List One code that has a numeric minor unit and is a national currency, a
currency-union tender or a national fund code; exclude precious metals, bond-market units,
supranational units of account and the testing / no-currency codes. docs/currencies.md
explains it in full.

Usage (from the repository root; stdlib only, output is deterministic):
  python3 core/tools/gen_registry.py            # rewrite core/src/registry_data.inc
  python3 core/tools/gen_registry.py --check    # exit 1 if the file is out of date
"""

import argparse
import json
import os
import re
import sys

ISO_CODES_DIR = "/usr/share/iso-codes/json"
REPO_ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
OUTPUT = os.path.join(REPO_ROOT, "core", "src", "registry_data.inc")

# ISO 4217 List One minor units ("Minor unit" column as published by SIX, the maintenance
# agency). Every code not listed here has 2. None means "N.A." (no minor unit).
MINOR_UNITS = {
    # 0 digits
    "BIF": 0, "CLP": 0, "DJF": 0, "GNF": 0, "ISK": 0, "JPY": 0, "KMF": 0, "KRW": 0,
    "PYG": 0, "RWF": 0, "UGX": 0, "UYI": 0, "VND": 0, "VUV": 0, "XAF": 0, "XOF": 0,
    "XPF": 0,
    # 3 digits
    "BHD": 3, "IQD": 3, "JOD": 3, "KWD": 3, "LYD": 3, "OMR": 3, "TND": 3,
    # 4 digits
    "CLF": 4, "UYW": 4,
    # N.A.: precious metals, bond-market units, SDR, Sucre, ADB unit, test, no currency
    "XAG": None, "XAU": None, "XPD": None, "XPT": None,
    "XBA": None, "XBB": None, "XBC": None, "XBD": None,
    "XDR": None, "XSU": None, "XUA": None, "XTS": None, "XXX": None,
}
DEFAULT_MINOR_UNITS = 2

# ISO 4217 amendments that the iso-codes snapshot may predate. Applied idempotently: a
# withdrawn code is dropped if iso-codes still lists it; an added code is inserted if
# iso-codes lacks it (and its numeric code is cross-checked if iso-codes has it).
WITHDRAWN = {
    "HRK": "amendment 174: Croatia adopted the euro on 2023-01-01",
    "SLL": "amendment 175: old leone (redenominated as SLE) left List One after 2023-12-31",
    "ANG": "amendment 176: replaced by the Caribbean guilder XCG on 2025-03-31",
    "ZWL": "amendment 177: replaced by Zimbabwe Gold ZWG; List Three from 2024-09-01",
    "CUC": "amendment 178: Cuban peso convertible moved to List Three (withdrawn 2021-06)",
    "BGN": "amendment 180: Bulgaria adopted the euro on 2026-01-01; BGN moved to List Three",
}
ADDED = {
    # code: (numeric, why)
    "XCG": (532, "amendment 176: Caribbean guilder (Curacao, Sint Maarten), from 2025-03-31; "
                 "keeps ANG's numeric code 532"),
    "ZWG": (924, "amendment 177: Zimbabwe Gold, from 2024-06-25"),
}

# X-codes are supranational or special by ISO convention. Only these are currencies one
# settles an invoice in; every other X-code is excluded (see EXCLUDED).
X_TENDERS = {"XAF", "XCD", "XCG", "XOF", "XPF"}

# Codes left out although ISO 4217 List One has them. The script fails on any X-code that is
# neither here nor in X_TENDERS, so a new one forces a decision.
EXCLUDED = {
    "XAG": "precious metal (silver)",
    "XAU": "precious metal (gold)",
    "XPD": "precious metal (palladium)",
    "XPT": "precious metal (platinum)",
    "XBA": "bond-markets unit (EURCO)",
    "XBB": "bond-markets unit (E.M.U.-6)",
    "XBC": "bond-markets unit (E.U.A.-9)",
    "XBD": "bond-markets unit (E.U.A.-17)",
    "XDR": "IMF special drawing right: a unit of account, not a tender",
    "XSU": "SUCRE: ALBA clearing unit of account, not a tender",
    "XUA": "ADB unit of account, not a tender",
    "XAD": "Arab Monetary Fund accounting dinar (amendment 179): unit of account, not a tender",
    "XTS": "reserved for testing",
    "XXX": "no currency involved",
}


def load(path, key):
    with open(path, encoding="utf-8") as f:
        return json.load(f)[key]


def currencies(iso_dir):
    out = {}
    for entry in load(os.path.join(iso_dir, "iso_4217.json"), "4217"):
        code = entry["alpha_3"]
        if "withdrawal_date" in entry:  # defensive: a historic entry, should iso-codes add them
            continue
        if not re.fullmatch(r"[A-Z]{3}", code):
            sys.exit(f"gen_registry: bad currency code {code!r}")
        out[code] = int(entry["numeric"], 10)
    for code, (numeric, _why) in ADDED.items():
        if code in out and out[code] != numeric:
            sys.exit(f"gen_registry: iso-codes gives {code} numeric {out[code]}, "
                     f"expected {numeric}")
        out[code] = numeric
    for code in WITHDRAWN:
        out.pop(code, None)

    table = []
    for code in sorted(out):
        if code in EXCLUDED:
            continue
        if code.startswith("X") and code not in X_TENDERS:
            sys.exit(f"gen_registry: unclassified X-code {code}: add it to X_TENDERS or EXCLUDED")
        minor = MINOR_UNITS.get(code, DEFAULT_MINOR_UNITS)
        if minor is None:
            sys.exit(f"gen_registry: {code} has no minor unit but is not in EXCLUDED")
        if not 0 < out[code] < 1000:
            sys.exit(f"gen_registry: bad numeric code {out[code]} for {code}")
        table.append((code, out[code], minor))

    numerics = [n for _c, n, _m in table]
    if len(set(numerics)) != len(numerics):
        sys.exit("gen_registry: duplicate numeric code in the currency table")
    return table


def countries(iso_dir):
    entries = load(os.path.join(iso_dir, "iso_3166-1.json"), "3166-1")
    codes = sorted(e["alpha_2"] for e in entries)
    for code in codes:
        if not re.fullmatch(r"[A-Z]{2}", code):
            sys.exit(f"gen_registry: bad country code {code!r}")
    if len(set(codes)) != len(codes):
        sys.exit("gen_registry: duplicate country code")
    return codes


def render(cur, ctry):
    lines = [
        "// GENERATED FILE, do not edit. Regenerate with: python3 core/tools/gen_registry.py",
        "// Source: Debian iso-codes (iso_4217.json, iso_3166-1.json), ISO 4217 minor units and",
        "// recent amendments embedded in the script; policy in docs/currencies.md.",
        "// Included by core/src/registry.cpp only. Both tables are sorted by code.",
        "",
        f"// {len(cur)} currencies: {{alphabetic code, numeric code, minor units}}",
        "constexpr CurrencyInfo kCurrencies[] = {",
    ]
    lines += [f'    {{"{c}", {n}, {m}}},' for c, n, m in cur]
    lines += [
        "};",
        "",
        f"// {len(ctry)} ISO 3166-1 alpha-2 country codes",
        "constexpr char kCountries[][3] = {",
    ]
    for i in range(0, len(ctry), 12):
        lines.append("    " + " ".join(f'"{c}",' for c in ctry[i:i + 12]))
    lines.append("};")
    return "\n".join(lines) + "\n"


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--iso-codes-dir", default=ISO_CODES_DIR)
    ap.add_argument("--output", default=OUTPUT)
    ap.add_argument("--check", action="store_true", help="compare only; exit 1 on a difference")
    args = ap.parse_args()

    text = render(currencies(args.iso_codes_dir), countries(args.iso_codes_dir))
    if args.check:
        try:
            with open(args.output, encoding="utf-8", newline="") as f:
                current = f.read()
        except FileNotFoundError:
            current = None
        if current != text:
            print(f"gen_registry: {args.output} is out of date", file=sys.stderr)
            return 1
        return 0
    with open(args.output, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
