#!/usr/bin/env bash
# Load benchmark of taoquote-service (a script that prints figures, never a test): starts the
# service on 127.0.0.1, runs wrk against POST /v1/quote with the reference cart
# (docs/examples/request-de.json on core/rules/sample-rulebook.json) and prints quotes/s and
# p50/p99 latency. Loopback only, bounded by DURATION.
#
#   bash tests/bench/service-load.sh [BUILD_DIR]     (default build/native-release, built if absent)
#
# Environment: DURATION seconds (10), CONNECTIONS (64), WRK_THREADS (2), THREADS service
# threads (2), WORKERS quote workers (2), ACCESS_LOG on|off (on: one JSON line per request,
# written to a temp file).
# HEAVY=N: instead, one normal client (1 connection) quotes the reference cart while N
# clients post a 200-item × 32-offer × 200-seller cart (--max-work raised so it is computed):
# shows that expensive carts on the quote workers do not starve a normal client.
set -euo pipefail
cd "$(dirname "$0")/../.."
build=${1:-build/native-release}
bin=$build/native/service/taoquote-service
duration=${DURATION:-10}
connections=${CONNECTIONS:-64}
if [ ! -x "$bin" ]; then
  cmake --preset native-release >/dev/null
  cmake --build --preset native-release --target taoquote_service
fi
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install wrk" >&2; exit 1; }

log=$(mktemp)
"$bin" --address 127.0.0.1 --port 0 --rulebook core/rules/sample-rulebook.json --static-dir '' \
  --threads "${THREADS:-2}" --quote-workers "${WORKERS:-2}" --access-log "${ACCESS_LOG:-on}" \
  --max-work 1000000000000 2>"$log" &
pid=$!
heavy=$(mktemp)
trap 'kill -TERM $pid 2>/dev/null || true; wait $pid 2>/dev/null || true; rm -f "$log" "$heavy"' EXIT
port=""
for _ in $(seq 100); do
  port=$(sed -n 's/.*"event":"listening".*"port":\([0-9]*\).*/\1/p' "$log" | head -1)
  [ -n "$port" ] && break
  sleep 0.1
done
[ -n "$port" ] || { echo "service did not start:" >&2; cat "$log" >&2; exit 1; }

echo "taoquote-service $(sed -n 's/.*"version":"\([^"]*\)".*/\1/p' "$log" | head -1)," \
  "threads ${THREADS:-2}, access log ${ACCESS_LOG:-on}; wrk ${WRK_THREADS:-2} threads," \
  "$connections connections, ${duration} s; $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
if [ -n "${HEAVY:-}" ]; then
  python3 - "$heavy" <<'PY'
import json, sys
n_items, n_offers, n_sellers = 200, 32, 200
cart = {"at": "2026-11-25T08:00:00Z", "destination": {"country": "DE"},
        "sellers": [{"id": "s%d" % s, "platform": "1688", "shipping": "%d.00" % (1 + s % 9)}
                    for s in range(n_sellers)],
        "items": [{"id": "i%d" % i, "title": "Item", "hs_code": "610910", "quantity": 1,
                   "weight_g": 5, "dimensions_cm": [5, 5, 1],
                   "offers": [{"seller": "s%d" % ((i * 7 + k) % n_sellers),
                               "unit_price": "%d.%02d" % (1 + (i + k) % 5, (i * k) % 100)}
                              for k in range(n_offers)]} for i in range(n_items)]}
open(sys.argv[1], "w").write(json.dumps(cart, separators=(",", ":")))
PY
  REQUEST=$heavy wrk -t1 -c"$HEAVY" -d"${duration}s" --timeout 10s -s tests/bench/service-quote.lua \
    "http://127.0.0.1:$port/v1/quote" | sed 's/^RESULT/RESULT heavy:/' | grep '^RESULT' &
  heavy_pid=$!
  REQUEST=docs/examples/request-de.json wrk -t1 -c1 -d"${duration}s" --timeout 5s \
    -s tests/bench/service-quote.lua "http://127.0.0.1:$port/v1/quote" |
    sed 's/^RESULT/RESULT normal:/' | grep '^RESULT'
  wait "$heavy_pid" || true
  exit 0
fi
REQUEST=docs/examples/request-de.json wrk -t"${WRK_THREADS:-2}" -c"$connections" -d"${duration}s" \
  --timeout 5s -s tests/bench/service-quote.lua "http://127.0.0.1:$port/v1/quote" | grep '^RESULT'
