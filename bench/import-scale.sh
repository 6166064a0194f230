#!/usr/bin/env bash
# Import scale benchmark: generate an organisation of N people, import it into an EMPTY graph,
# then import it again (the no-op re-import), printing sizes, wall time and peak memory.
# Usage: bench/import-scale.sh [people=100000] [seed=1]
# Needs a built tree (npm run build) and a Neo4j the CLI resolves (NEO4J_URI, Docker or the local
# launcher: start one with `npm run neo4j` in another terminal). The graph must be empty.
set -euo pipefail
people=${1:-100000}
seed=${2:-1}
cli="node dist/apps/cli/src/main.js"
file=$(mktemp -d)/generated-${people}.json
cd "$(dirname "$0")/.."

$cli generate --people "$people" --seed "$seed" --out "$file"
echo "file: $(du -h "$file" | cut -f1)"
for run in first re-import; do
  /usr/bin/time -f "$run: wall %e s, peak RSS of the CLI %M KB" $cli import "$file"
done
rm -f "$file"
