#!/usr/bin/env bash
# The OpenAPI document checked against a running `amur serve` by schemathesis
# (from PyPI): every response must have the documented status, content type,
# headers and schema, and no request may cause a server error. Request-side
# checks (would a schema-valid request be accepted?) are left out: region
# pairs, dates and query syntax are validated more tightly than a JSON schema
# can say, and the server answers 400 with the accepted values.
# Usage: tools/api_conformance.sh [EXAMPLES_PER_OPERATION]
set -euo pipefail
cd "$(dirname "$0")/.."
examples=${1:-30}
if ! command -v schemathesis >/dev/null; then
  timeout 300 python3 -m pip install -q schemathesis >/dev/null 2>&1 || true
fi
if ! command -v schemathesis >/dev/null; then
  echo "schemathesis is not installed and could not be: API conformance skipped"
  exit 0
fi
bin=target/release/amur
[ -x "$bin" ] || cargo build --release -q
tmp=$(mktemp -d)
trap 'kill "$pid" 2>/dev/null || true; rm -rf "$tmp"' EXIT
"$bin" --data "$tmp/kb" ingest -q examples
port=$((20000 + RANDOM % 20000))
AMUR_TOKEN=conformance "$bin" --data "$tmp/kb" serve --addr "127.0.0.1:$port" 2>"$tmp/serve.log" &
pid=$!
for _ in $(seq 50); do grep -q serving "$tmp/serve.log" 2>/dev/null && break; sleep 0.2; done
timeout 600 schemathesis run "http://127.0.0.1:$port/api/openapi.json" -n "$examples" \
  --checks not_a_server_error,status_code_conformance,content_type_conformance,response_headers_conformance,response_schema_conformance,missing_required_header,unsupported_method \
  -H "Authorization: Bearer conformance" --max-response-time 5 --no-color 2>&1 | tail -n 25
