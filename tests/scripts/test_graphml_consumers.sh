#!/usr/bin/env bash
# The GraphML export as its real consumers read it: xmllint against the published GraphML
# schema, then networkx and igraph, whose node and edge counts must match the database's.
#
# usage: test_graphml_consumers.sh GEOKG_BINARY SOURCE_DIR
# The database comes from geokg_make_fixture ($GEOKG_MAKE_FIXTURE, else ./geokg_make_fixture),
# written through the Store API. Exit 77 (skipped) without ../shared, xmllint or the Python
# modules.
set -euo pipefail

geokg=${1:?usage: $0 GEOKG_BINARY SOURCE_DIR}
src=${2:?usage: $0 GEOKG_BINARY SOURCE_DIR}
xsd=$src/../shared/eval/schemas/graphml/graphml.xsd
fixture=${GEOKG_MAKE_FIXTURE:-./geokg_make_fixture}
python=/usr/bin/python3

skip() { echo "skip: $*"; exit 77; }
fail() { echo "FAIL: $*" >&2; exit 1; }

[[ -f $xsd ]] || skip "no GraphML schema at $xsd"
command -v xmllint >/dev/null || skip "no xmllint"
[[ -x $python ]] && $python -c 'import networkx, igraph' 2>/dev/null ||
  skip "no networkx or igraph for $python"
[[ -x $fixture ]] || fail "no fixture maker at $fixture (build geokg_make_fixture)"

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

"$fixture" "$tmp/kg.db" >/dev/null
"$geokg" export --db "$tmp/kg.db" --format graphml -o "$tmp/kg.graphml"
[[ -s $tmp/kg.graphml ]] || fail "no GraphML written"
leftovers=$(find "$tmp" -name '*.tmp-*')
[[ -z $leftovers ]] || fail "temporary files left: $leftovers"

xmllint --noout --nonet --schema "$xsd" "$tmp/kg.graphml" || fail "GraphML does not validate"
$python "$src/tests/scripts/graphml_consumers.py" "$tmp/kg.graphml" "$tmp/kg.db" ||
  fail "networkx or igraph disagree with the database"

# Standard output carries the same document.
"$geokg" export --db "$tmp/kg.db" --format graphml | cmp -s - "$tmp/kg.graphml" ||
  fail "export to stdout differs from export to a file"

# A failed export leaves the previous file as it was.
cp "$tmp/kg.graphml" "$tmp/before.graphml"
if "$geokg" export --db "$tmp/missing.db" --format graphml -o "$tmp/kg.graphml" 2>/dev/null; then
  fail "export from a missing database succeeded"
fi
cmp -s "$tmp/kg.graphml" "$tmp/before.graphml" || fail "a failed export touched the output"

echo "ok: GraphML validates and loads in networkx and igraph"
