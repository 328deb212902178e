#!/usr/bin/env bash
# Extracts every evaluation set with two amur binaries and counts the records
# that differ (the extractor version and extraction time aside). For speed
# work that must not change a single figure: 0 everywhere means every score
# is unchanged.
#
# usage: tools/same_records.sh OLD_AMUR NEW_AMUR
# Sets: ../shared seeds, the development texts in /tmp/amur-dev/txt (when
# rebuilt), the article-extraction and htmldate benchmarks, the factRuEval
# test books, and examples/. A set that is absent is skipped.
set -euo pipefail
old=${1:?usage: tools/same_records.sh OLD_AMUR NEW_AMUR}
new=${2:?usage: tools/same_records.sh OLD_AMUR NEW_AMUR}
cd "$(dirname "$0")/.."
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
shared=../shared
mkdir -p "$tmp/factru"
if [ -d "$shared/datasets/factRuEval-2016/testset" ]; then
  cp "$shared"/datasets/factRuEval-2016/testset/book_*.txt "$tmp/factru/"
fi
status=0
for set in \
  "seeds:$shared/corpus/seeds" \
  "dev:/tmp/amur-dev/txt" \
  "aeb:$shared/datasets/scrapinghub-article-extraction-benchmark/html" \
  "htmldate:$shared/datasets/htmldate-eval/html" \
  "factru:$tmp/factru" \
  "examples:examples"; do
  name=${set%%:*}
  dir=${set#*:}
  if [ ! -d "$dir" ] || [ -z "$(ls -A "$dir")" ]; then
    echo "$name: absent, skipped"
    continue
  fi
  "$old" extract -q "$dir" > "$tmp/$name.old.jsonl" || true
  "$new" extract -q "$dir" > "$tmp/$name.new.jsonl" || true
  python3 - "$name" "$tmp/$name.old.jsonl" "$tmp/$name.new.jsonl" <<'PY' || status=1
import json, sys
name, a, b = sys.argv[1:]
def load(path):
    out = []
    for line in open(path, encoding="utf-8"):
        r = json.loads(line)
        r.pop("extracted_at", None)
        r.pop("extractor", None)
        out.append(r)
    return out
old, new = load(a), load(b)
differ = [o.get("source") for o, n in zip(old, new) if o != n]
extra = abs(len(old) - len(new))
print(f"{name}: {len(old)} and {len(new)} records, {len(differ)} differ"
      + (f" (first: {differ[0]})" if differ else ""))
sys.exit(1 if differ or extra else 0)
PY
done
exit $status
