#!/usr/bin/env bash
# Loopback load test of `amur serve` on a synthetic store (issue 10).
# Usage: tools/load_test.sh [ARTICLES] [REQUESTS] [CONCURRENCY]
# Builds the store with `amur bench-store` (in a temporary folder; AMUR_DATA=DIR
# serves an existing store instead), serves it read-only on a free loopback
# port, runs oha, wrk or ab (whichever is installed, LOAD_TOOL=ab|wrk|oha picks
# one; each run bounded by `timeout`) on four fixed URLs, then, with wrk, a mix
# of filtered event queries over every province × region pair and region of
# the store (so few answers repeat), and prints the server's RSS.
set -euo pipefail
cd "$(dirname "$0")/.."
articles=${1:-10000}
requests=${2:-4000}
conc=${3:-16}
bin=target/release/amur
[ -x "$bin" ] || cargo build --release -q
tmp=$(mktemp -d)
pid=
trap '[ -n "$pid" ] && kill "$pid" 2>/dev/null; rm -rf "$tmp"' EXIT
data=${AMUR_DATA:-$tmp/kb}
[ -n "${AMUR_DATA:-}" ] || "$bin" --data "$data" bench-store --articles "$articles" | tail -n 5
port=$((20000 + RANDOM % 20000))
"$bin" --data "$data" serve --addr "127.0.0.1:$port" 2>"$tmp/serve.log" &
pid=$!
for _ in $(seq 50); do grep -q serving "$tmp/serve.log" 2>/dev/null && break; sleep 0.2; done
cat "$tmp/serve.log"
for path in "/api/events?limit=20" \
    "/api/events?type=meeting&pair=CN-HL:RU-PRI&from=2019-01-01&limit=20" \
    "/api/events?type=signing&region=RU-AMU&limit=20" \
    "/api/search?q=Heilongjiang&limit=20"; do
  url="http://127.0.0.1:$port$path"
  echo "== $path ($requests requests, $conc connections)"
  tool=${LOAD_TOOL:-$(for t in oha wrk ab; do command -v $t >/dev/null && { echo $t; break; }; done)}
  if [ "$tool" = oha ]; then
    timeout 120 oha --no-tui -n "$requests" -c "$conc" "$url" | grep -E 'Requests/sec|99.00%|Success rate|Error'
  elif [ "$tool" = wrk ]; then
    timeout 120 wrk -t2 -c"$conc" -d10s --latency "$url" | grep -E 'Requests/sec|99%|Non-2xx|errors'
  elif [ "$tool" = ab ]; then
    timeout 120 ab -q -k -n "$requests" -c "$conc" "$url" | grep -E 'Requests per second|Failed requests|Non-2xx|50%|99%'
  else
    echo "no load generator (oha, wrk or ab) installed"; exit 2
  fi
done
if command -v wrk >/dev/null && command -v python3 >/dev/null; then
  # Every pair of the province × region matrix and every region of it, by
  # event type, first and second page: thousands of different answers.
  curl -s "http://127.0.0.1:$port/api/stats" | python3 -c '
import json, sys
m = json.load(sys.stdin)["matrix"]
regions = sorted(set(m) | {r for row in m.values() for r in row})
for t in ("meeting", "signing"):
    for off in (0, 20):
        for cn, row in sorted(m.items()):
            for ru in sorted(row):
                print(f"/api/events?type={t}&pair={cn}:{ru}&limit=20&offset={off}")
        for r in regions:
            print(f"/api/events?type={t}&region={r}&limit=20&offset={off}")
' > "$tmp/paths"
  cat > "$tmp/mix.lua" <<'LUA'
local paths, i = {}, 0
init = function(args)
  for line in io.lines(args[1]) do paths[#paths + 1] = line end
  i = math.random(#paths)
end
request = function()
  i = i % #paths + 1
  return wrk.format("GET", paths[i])
end
LUA
  echo "== mix of $(wc -l < "$tmp/paths") filtered event queries (wrk, $conc connections, 10 s)"
  timeout 120 wrk -t2 -c"$conc" -d10s --latency -s "$tmp/mix.lua" "http://127.0.0.1:$port" -- "$tmp/paths" \
    | grep -E 'Requests/sec|99%|Non-2xx|errors'
fi
# Mapped database pages count in RSS but belong to the page cache: both shown.
echo "server RSS: $(ps -o rss= -p "$pid") KiB ($(grep -E 'RssAnon|RssFile' /proc/"$pid"/status | tr -s ' \t\n' ' '))"
