#!/usr/bin/env bash
# Builds the native tools and quotes docs/examples/request-de.json with the sample rulebook.
set -euo pipefail
cd "$(dirname "$0")/.."
bash tests/setup-debian.sh
cmake --preset native-release >/dev/null
cmake --build --preset native-release --target taoquote_quote_driver >/dev/null
./build/native-release/tests/taoquote_quote_driver core/rules/sample-rulebook.json \
  "${1:-docs/examples/request-de.json}" | python3 -m json.tool
