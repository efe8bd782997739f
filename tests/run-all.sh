#!/usr/bin/env bash
# The test command (README): installs dependencies, builds every configuration and runs every
# suite. Exits non-zero on the first failure. FUZZ_SECONDS (default 60) bounds the fuzz run.
set -euo pipefail
cd "$(dirname "$0")/.."
step() { printf '\n=== %s\n' "$*"; }

step "dependencies"
bash tests/setup-debian.sh

step "formatting and generated files"
find core native tests wasm \( -name '*.cpp' -o -name '*.hpp' -o -name '*.c' -o -name '*.h' \) -not -path '*/node_modules/*' \
  | grep -v registry_data | xargs clang-format-14 --dry-run --Werror
python3 core/tools/gen_registry.py --check

step "native, g++ 12, -Werror"
cmake --preset native-debug -DTAOQUOTE_WERROR=ON >/dev/null
cmake --build --preset native-debug
ctest --preset native-debug

step "native, clang 14, -Werror"
cmake --preset clang-release >/dev/null
cmake --build --preset clang-release
ctest --preset clang-release

step "scale-out: three service instances behind nginx, rolling rulebook update under wrk load"
python3 tests/deploy/scale_out.py --binary build/clang-release/native/service/taoquote-service

step "AddressSanitizer + UndefinedBehaviorSanitizer"
cmake --preset sanitize >/dev/null
cmake --build --preset sanitize
ctest --preset sanitize

step "ThreadSanitizer: threads quoting on one rulebook through the C ABI"
cmake --preset tsan >/dev/null
cmake --build --preset tsan
ctest --preset tsan -R tsan

step "fuzzing for ${FUZZ_SECONDS:-60} s: inputs (1/2), the ECB feed parser (1/4), the HTTP request path (1/4)"
cmake --preset fuzz >/dev/null
cmake --build --preset fuzz
ecb_seconds=$(( (${FUZZ_SECONDS:-60} + 3) / 4 ))
http_seconds=$ecb_seconds
inputs_seconds=$(( ${FUZZ_SECONDS:-60} - ecb_seconds - http_seconds > 0 ? ${FUZZ_SECONDS:-60} - ecb_seconds - http_seconds : 1 ))
corpus=$(mktemp -d)
python3 tests/fuzz/make_corpus.py "$corpus"
(cd "$corpus" && "$OLDPWD/build/fuzz/tests/fuzz/taoquote_fuzz_inputs" -max_total_time="$inputs_seconds" \
   -max_len=16384 -rss_limit_mb=2048 -timeout=10 -print_final_stats=1 "$corpus" 2>&1 | tail -4)
rm -rf "$corpus"
corpus=$(mktemp -d)
cp tests/native/cli/ecb/*.xml tests/native/cli/ecb/*.csv tests/native/cli/ecb/bad/* "$corpus"
(cd "$corpus" && "$OLDPWD/build/fuzz/tests/fuzz/taoquote_fuzz_ecb" -max_total_time="$ecb_seconds" \
   -max_len=8192 -rss_limit_mb=2048 -timeout=10 -print_final_stats=1 "$corpus" 2>&1 | tail -4)
rm -rf "$corpus"
corpus=$(mktemp -d)
printf 'GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n' > "$corpus/get"
printf 'POST /v1/quote HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n2;a=b\r\n{}\r\n0\r\nT: 1\r\n\r\n' > "$corpus/chunked"
{ printf 'POST /v1/quote HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: %d\r\n\r\n' "$(wc -c < tests/bad/base-request.json)"; cat tests/bad/base-request.json; } > "$corpus/quote"
{ printf 'POST /v1/quote?strict=true HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: %d\r\n\r\n' "$(wc -c < tests/fuzz/signed-request.json)"; cat tests/fuzz/signed-request.json; } > "$corpus/strict"
(cd "$corpus" && "$OLDPWD/build/fuzz/tests/fuzz/taoquote_fuzz_http" -max_total_time="$http_seconds" \
   -max_len=8192 -rss_limit_mb=2048 -timeout=10 -print_final_stats=1 "$corpus" 2>&1 | tail -4)
rm -rf "$corpus"

step "WebAssembly module and npm package"
cmake --preset wasm -DTAOQUOTE_WERROR=ON >/dev/null
cmake --build --preset wasm
(cd tests/wasm && npm ci --no-audit --no-fund)
(cd tests/wasm && npm run --silent format:check)
node tests/schema/types-agree.mjs
export TAOQUOTE_DRIVER="$PWD/build/native-debug/tests/taoquote_quote_driver"
export TAOQUOTE_SERVICE="$PWD/build/native-debug/native/service/taoquote-service"
node --test tests/wasm/vectors.test.mjs tests/wasm/memory.test.mjs tests/wasm/differential.test.mjs \
  tests/wasm/package.test.mjs tests/wasm/browser.test.mjs tests/wasm/display-parity.test.mjs \
  tests/wasm/display-exact.test.mjs tests/wasm/shrink.test.mjs tests/wasm/demo.test.mjs \
  tests/wasm/demo-signed.test.mjs tests/wasm/api.test.mjs tests/wasm/error-codes.test.mjs tests/wasm/types.test.mjs \
  tests/wasm/types-data.test.mjs tests/wasm/diff.test.mjs tests/wasm/convert.test.mjs \
  tests/wasm/demo-a11y.test.mjs

step "oracle self-tests and golden vectors against the independent oracle"
python3 -m unittest discover -s tests/oracle -p 'test_*.py'
python3 tests/oracle/check_vectors.py
step "parcel splits: the C++ driver against the oracle's brute force on seeded small carts"
python3 tests/oracle/check_splits.py "$TAOQUOTE_DRIVER"
