#!/usr/bin/env bash
# Every export format as its real consumers read it: GraphML and GEXF validated against their
# published schemas (xmllint, offline), then networkx and igraph (GraphML), networkx (GEXF,
# node-link JSON, Cytoscape JSON) and Python's csv module (neo4j CSV), compared with the
# database; PageRank and betweenness compared with igraph's. Selections (an ego network, a date
# window, a relation class) validate too, and GraphML read back by geokg import gives the
# same graph.
#
# usage: test_export_consumers.sh GEOKG_BINARY SOURCE_DIR
# Exit 77 (skipped) without ../shared, xmllint or the Python modules.
set -euo pipefail

geokg=${1:?usage: $0 GEOKG_BINARY SOURCE_DIR}
src=${2:?usage: $0 GEOKG_BINARY SOURCE_DIR}
schemas=$src/../shared/eval/schemas
fixture=${GEOKG_MAKE_FIXTURE:-./geokg_make_fixture}
python=/usr/bin/python3

skip() { echo "skip: $*"; exit 77; }
fail() { echo "FAIL: $*" >&2; exit 1; }

[[ -f $schemas/graphml/graphml.xsd && -f $schemas/gexf/1.3/gexf.xsd ]] || skip "no schemas in $schemas"
command -v xmllint >/dev/null || skip "no xmllint"
[[ -x $python ]] && $python -c 'import networkx, igraph' 2>/dev/null ||
  skip "no networkx or igraph for $python"
[[ -x $fixture ]] || fail "no fixture maker at $fixture (build geokg_make_fixture)"

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
db=$tmp/kg.db
"$fixture" "$db" >/dev/null

valid() {  # valid FILE SCHEMA
  xmllint --noout --nonet --schema "$2" "$1" 2>"$tmp/xmllint.err" ||
    fail "$1 does not validate: $(cat "$tmp/xmllint.err")"
}

# The whole graph in every format.
for f in graphml gexf json cytoscape; do
  "$geokg" export --db "$db" --format $f -o "$tmp/all.$f"
done
"$geokg" export --db "$db" --format csv -o "$tmp/csv"
valid "$tmp/all.graphml" "$schemas/graphml/graphml.xsd"
valid "$tmp/all.gexf" "$schemas/gexf/1.3/gexf.xsd"

# Scores from geokg, for the comparison with igraph.
"$geokg" query --db "$db" --json top --by pagerank --limit 0 >"$tmp/pagerank.json"
"$geokg" query --db "$db" --json top --by betweenness --limit 0 >"$tmp/betweenness.json"
$python - "$tmp" <<'PY'
import json, sys
d = sys.argv[1]
out = {m: {str(a["id"]): a["score"] for a in json.load(open(f"{d}/{m}.json"))["actors"]}
       for m in ("pagerank", "betweenness")}
json.dump(out, open(f"{d}/scores.json", "w"))
PY
$python "$src/tests/scripts/export_consumers.py" "$tmp" "$db" || fail "a consumer disagrees with the database"

# Selections validate as well, and hold what they should.
"$geokg" export --db "$db" --format graphml --ego Russie --hops 1 -o "$tmp/ego.graphml"
"$geokg" export --db "$db" --format graphml --ego Russie --no-negated -o "$tmp/ego-asserted.graphml"
"$geokg" export --db "$db" --format gexf --ego Russie --hops 2 -o "$tmp/ego.gexf"
"$geokg" export --db "$db" --format graphml --from 2015-10 --to 2015-10 -o "$tmp/october.graphml"
"$geokg" export --db "$db" --format gexf --type CONFLICT --no-negated -o "$tmp/conflict.gexf"
for f in ego.graphml ego-asserted.graphml october.graphml; do valid "$tmp/$f" "$schemas/graphml/graphml.xsd"; done
for f in ego.gexf conflict.gexf; do valid "$tmp/$f" "$schemas/gexf/1.3/gexf.xsd"; done
$python - "$tmp" <<'PY' || fail "selections hold the wrong actors or relations"
import sys
import networkx as nx
d = sys.argv[1]
# Exports keep denied relations (marked): Iceland comes in through the denied meeting.
ego = nx.read_graphml(f"{d}/ego.graphml", force_multigraph=True)
assert (ego.number_of_nodes(), ego.number_of_edges()) == (8, 8), ego
assert sorted(h for _, h in ego.nodes(data="hops")) == [0] + [1] * 7
ego = nx.read_graphml(f"{d}/ego-asserted.graphml", force_multigraph=True)
assert (ego.number_of_nodes(), ego.number_of_edges()) == (7, 7), ego
assert not any(data["negated"] for *_, data in ego.edges(data=True))
october = nx.read_graphml(f"{d}/october.graphml", force_multigraph=True)
assert october.number_of_edges() == 8  # the denied meeting is kept, marked
assert all(data["first_date"] == "2015-10-02" for *_, data in october.edges(data=True))
print("ok: selections")
PY

# GraphML back into a database through geokg import: the same graph again.
"$geokg" import --quiet --db "$tmp/back.db" "$tmp/all.graphml"
"$geokg" export --db "$tmp/back.db" --format graphml -o "$tmp/back.graphml"
$python - "$tmp" <<'PY' || fail "the imported graph differs"
import sys
import networkx as nx
d = sys.argv[1]
def facts(g):
    keys = dict(g.nodes(data="key"))
    return sorted((keys[s], data["relation"], keys[o], data["negated"], data["evidence_count"],
                   data.get("first_date"), data.get("last_date"), data["modality"])
                  for s, o, data in g.edges(data=True))
a = nx.read_graphml(f"{d}/all.graphml", force_multigraph=True)
b = nx.read_graphml(f"{d}/back.graphml", force_multigraph=True)
assert sorted(a.nodes(data="key")) == sorted(b.nodes(data="key"))
assert facts(a) == facts(b)
print("ok: GraphML round trip through geokg import")
PY

echo "ok: every export validates and reads back in networkx, igraph and csv"
