#!/usr/bin/env bash
# Runs clang-tidy (the repo's .clang-tidy) over taoquote's own C++ sources, using the
# compile commands of the native-debug preset. Exits non-zero on any finding. Not part of
# the CI test command: it costs ~12 CPU-seconds per file on these machines.
set -euo pipefail
cd "$(dirname "$0")/.."
cmake --preset native-debug -DCMAKE_EXPORT_COMPILE_COMMANDS=ON >/dev/null
find core native -name '*.cpp' -not -path '*/tools/*' | sort |
  xargs -P "$(nproc)" -n 4 clang-tidy-14 -p build/native-debug --quiet --extra-arg=-std=c++17 2>/dev/null
