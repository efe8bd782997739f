#!/usr/bin/env bash
# Installs what taoquote's build and tests need on Debian 12, from Debian's packages only.
# Runs `apt-get update` once, then installs whatever is missing (a no-op when all is there).
set -euo pipefail
packages=(
  g++ clang-14 libclang-rt-14-dev clang-format-14 cmake ninja-build python3 iso-codes
  libboost-dev nlohmann-json3-dev libhowardhinnant-date-dev doctest-dev libicu-dev libssl-dev
  pkg-config zlib1g-dev libjemalloc-dev emscripten chromium ca-certificates wrk nginx python3-jsonschema python3-scipy
)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
# Node.js and npm: keep whatever the machine has (e.g. Node 20); else Debian's (Node 18).
command -v node >/dev/null || missing+=(nodejs)
command -v npm >/dev/null || missing+=(npm)
if ((${#missing[@]})); then
  echo "setup: installing ${missing[*]}"
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO=sudo
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
