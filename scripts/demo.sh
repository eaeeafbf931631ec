#!/usr/bin/env bash
# Builds geokg, ingests the bundled example articles, shows a few relations and writes
# the graph as GraphML.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/build.sh
rm -f build/examples.db build/examples.db-wal build/examples.db-shm
./build/geokg ingest --db build/examples.db examples/
echo
./build/geokg stats --db build/examples.db
echo
./build/geokg query --db build/examples.db neighbors Russia
echo
./build/geokg query --db build/examples.db path "Joe Biden" Russia
./build/geokg export --db build/examples.db --format graphml -o build/examples.graphml
echo
echo "GraphML for Gephi, Cytoscape and yEd: build/examples.graphml"
