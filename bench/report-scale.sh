#!/usr/bin/env bash
# Report scale benchmark: every report in every format for a generated organisation of N people,
# printing wall time, peak memory and size of each (issue 21: reports at any size).
# Usage: bench/report-scale.sh [people=100000] [seed=1]
# Needs a built tree (npm run build) and a Neo4j the CLI resolves (NEO4J_URI, Docker or the local
# launcher). Imports the organisation first unless it is there already (org-gen-<seed>); a
# 100k-person first import needs NEO4J_LOCAL_HEAP_MB=8192 (docs/performance.md). Reports are made
# through the CLI, so with the same services and settings as the API (RAMPART_PDF_TIMEOUT_MS,
# RAMPART_REPORT_ROWS).
set -euo pipefail
people=${1:-100000}
seed=${2:-1}
org="org-gen-${seed}"
cd "$(dirname "$0")/.."
cli="node dist/apps/cli/src/main.js"
out=$(mktemp -d)

if ! $cli org list 2>/dev/null | grep -q "^${org}\b"; then
  $cli generate --people "$people" --seed "$seed" --out "$out/org.json"
  /usr/bin/time -f "import: wall %e s" $cli import "$out/org.json" >/dev/null
fi
for report in uncovered posture plan; do
  for format in json csv md html pdf; do
    file="$out/${report}.${format}"
    if /usr/bin/time -o "$out/time" -f "%e s, peak RSS %M KB" \
      $cli report "$report" --format "$format" --org "$org" --out "$file" 2>"$out/err"; then
      echo "$report $format: $(cat "$out/time"), $(du -h "$file" | cut -f1)"
    else
      echo "$report $format: FAILED $(tail -n 1 "$out/err")"
    fi
  done
done
rm -rf "$out"
