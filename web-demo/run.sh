#!/usr/bin/env bash
# The main job (README's first command): installs what is needed, builds the native service
# and the WebAssembly package, assembles the demo (its catalog signed with a key made for this
# build), and serves it on http://127.0.0.1:8080, checking every offer's signature.
set -euo pipefail
cd "$(dirname "$0")/.."
bash tests/setup-debian.sh
cmake --preset native-release >/dev/null
cmake --build --preset native-release --target taoquote_service taoquote_cli
cmake --preset wasm >/dev/null
cmake --build --preset wasm
TAOQUOTE_CLI=build/native-release/native/cli/taoquote node web-demo/build.mjs
echo "taoquote demo: open http://127.0.0.1:${PORT:-8080}/ (Ctrl-C to stop)"
exec ./build/native-release/native/service/taoquote-service \
  --address 127.0.0.1 --port "${PORT:-8080}" \
  --rulebook core/rules/sample-rulebook.json --static-dir web-demo/dist \
  --offer-keys build/web-demo/offer-keys.json
