#!/usr/bin/env bash
# Consumer tests of the CMake package (ctest: consumer.package): installs a built tree into a
# fresh prefix, then configures, builds and runs each project of tests/consumer against it and
# checks what it prints against a golden vector's expected quote.
# Usage: run.sh SOURCE_DIR BUILD_DIR VERSION BUILD_TYPE CXX CC [FLAGS]
#   BUILD_DIR is an already configured and built tree; FLAGS go to the consumers' compile and
#   link lines (the sanitizer flags when the installed libraries are instrumented).
set -euo pipefail
src=$1 build=$2 version=$3 build_type=$4 cxx=$5 cc=$6 flags=${7:-}
case_name=001-basic-de
work=$(mktemp -d "${TMPDIR:-/tmp}/taoquote-consumer.XXXXXX")
trap 'rm -rf "$work"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

# The case's request as a file; its rulebook; the expected quote and total — read from the
# vector files, so the value lives in one place.
vectors=$src/tests/vectors
json_get() { python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))[sys.argv[2]])' "$@"; }
python3 -c 'import json,sys; print(json.dumps(json.load(open(sys.argv[1]))["request"]))' \
  "$vectors/cases/$case_name.json" >"$work/request.json"
rulebook=$vectors/rulebooks/$(json_get "$vectors/cases/$case_name.json" rulebook).json
expected_total=$(json_get "$vectors/expected/$case_name.json" total)
expected_quote=$(cat "$vectors/expected/$case_name.json")

echo "--- install $build into $work/prefix"
cmake --install "$build" --prefix "$work/prefix" >/dev/null
for f in include/taoquote/codec.hpp include/taoquote/quote.hpp include/taoquote/taoquote.h \
         lib/libtaoquote_core.a lib/libtaoquote_codec.a lib/libtaoquote_capi.a lib/libtaoquote.so \
         lib/cmake/taoquote/taoquoteConfig.cmake lib/cmake/taoquote/taoquoteConfigVersion.cmake; do
  [ -e "$work/prefix/$f" ] || fail "the install lacks $f"
done

consumer() { # NAME [CMAKE ARGS...]: configures, builds and runs tests/consumer/NAME
  local name=$1
  shift
  echo "--- consumer $name"
  cmake -S "$src/tests/consumer/$name" -B "$work/$name" -G Ninja \
    -DCMAKE_BUILD_TYPE="$build_type" -DCMAKE_CXX_COMPILER="$cxx" -DCMAKE_C_COMPILER="$cc" \
    -DCMAKE_CXX_FLAGS="$flags" -DCMAKE_C_FLAGS="$flags" -DCMAKE_EXE_LINKER_FLAGS="$flags" \
    "$@" >"$work/$name.log" 2>&1 || { cat "$work/$name.log"; fail "$name: configure"; }
  cmake --build "$work/$name" --target app >>"$work/$name.log" 2>&1 ||
    { cat "$work/$name.log"; fail "$name: build"; }
  "$work/$name/app" "$rulebook" "$work/request.json" >"$work/$name.out" || fail "$name: run"
}

consumer find-package -DCMAKE_PREFIX_PATH="$work/prefix" -DTAOQUOTE_EXPECTED_VERSION="$version"
expected_currency=$(json_get "$vectors/expected/$case_name.json" currency)
[ "$(cat "$work/find-package.out")" = "$expected_total $expected_currency" ] ||
  fail "find-package printed $(cat "$work/find-package.out"), expected $expected_total $expected_currency"

consumer c-find-package -DCMAKE_PREFIX_PATH="$work/prefix"
[ "$(json_get "$work/c-find-package.out" total)" = "$expected_total" ] ||
  fail "c-find-package quoted a total of $(json_get "$work/c-find-package.out" total)"
[ "$(cat "$work/c-find-package.out")" = "$expected_quote" ] ||
  fail "c-find-package: the quote differs from $case_name's expected bytes"

consumer add-subdirectory -DTAOQUOTE_SOURCE_DIR="$src"
[ "$(cat "$work/add-subdirectory.out")" = "$expected_total $expected_currency" ] ||
  fail "add-subdirectory printed $(cat "$work/add-subdirectory.out"), expected $expected_total $expected_currency"

echo "consumers: find-package, c-find-package and add-subdirectory print $expected_total ($case_name)"
