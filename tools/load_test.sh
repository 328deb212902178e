#!/usr/bin/env bash
# Loopback load test of `amur serve` on a synthetic store (issue 10).
# Usage: tools/load_test.sh [ARTICLES] [REQUESTS] [CONCURRENCY]
# Builds the store with `amur bench-store` (in a temporary folder), serves it
# read-only on a free loopback port, runs oha, wrk or ab (whichever is
# installed; each run bounded by `timeout`), then prints the server's RSS.
set -euo pipefail
cd "$(dirname "$0")/.."
articles=${1:-10000}
requests=${2:-4000}
conc=${3:-16}
bin=target/release/amur
[ -x "$bin" ] || cargo build --release -q
tmp=$(mktemp -d)
trap 'kill "$pid" 2>/dev/null || true; rm -rf "$tmp"' EXIT
"$bin" --data "$tmp/kb" bench-store --articles "$articles" | tail -n 5
port=$((20000 + RANDOM % 20000))
"$bin" --data "$tmp/kb" serve --addr "127.0.0.1:$port" 2>"$tmp/serve.log" &
pid=$!
for _ in $(seq 50); do grep -q serving "$tmp/serve.log" 2>/dev/null && break; sleep 0.2; done
cat "$tmp/serve.log"
for path in "/api/events?limit=20" \
    "/api/events?type=meeting&pair=CN-HL:RU-PRI&from=2019-01-01&limit=20" \
    "/api/events?type=signing&region=RU-AMU&limit=20" \
    "/api/search?q=Heilongjiang&limit=20"; do
  url="http://127.0.0.1:$port$path"
  echo "== $path ($requests requests, $conc connections)"
  if command -v oha >/dev/null; then
    timeout 120 oha --no-tui -n "$requests" -c "$conc" "$url" | grep -E 'Requests/sec|99.00%|Success rate|Error'
  elif command -v wrk >/dev/null; then
    timeout 120 wrk -t2 -c"$conc" -d10s --latency "$url" | grep -E 'Requests/sec|99%|Non-2xx|errors'
  elif command -v ab >/dev/null; then
    timeout 120 ab -q -k -n "$requests" -c "$conc" "$url" | grep -E 'Requests per second|Failed requests|Non-2xx|50%|99%'
  else
    echo "no load generator (oha, wrk or ab) installed"; exit 2
  fi
done
echo "server RSS: $(ps -o rss= -p "$pid") KiB"
