#!/usr/bin/env bash
# The graph side of the CLI from the outside: every query with --json, the export selections,
# geokg load and geokg import, with their exit codes and messages.
#
# usage: test_graph_cli.sh GEOKG_BINARY SOURCE_DIR
# The database comes from geokg_make_fixture ($GEOKG_MAKE_FIXTURE, else ./geokg_make_fixture).
set -uo pipefail

geokg=${1:?usage: $0 GEOKG_BINARY SOURCE_DIR}
fixture=${GEOKG_MAKE_FIXTURE:-./geokg_make_fixture}
python=/usr/bin/python3
[[ -x $fixture ]] || { echo "FAIL: no fixture maker at $fixture" >&2; exit 1; }

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$fixture" "$tmp/kg.db" >/dev/null || exit 1
db=(--db "$tmp/kg.db")
failures=0

# expect CODE DESCRIPTION -- COMMAND...: runs the command, keeping its output in $out/$err.
expect() {
  local want=$1 what=$2
  shift 3
  "$@" >"$tmp/out" 2>"$tmp/err"
  local got=$?
  out=$(cat "$tmp/out")
  err=$(cat "$tmp/err")
  if [[ $got != "$want" ]]; then
    echo "FAIL: $what: exit $got, want $want; stderr: $err" >&2
    failures=$((failures + 1))
    return 1
  fi
}
contains() {  # contains DESCRIPTION HAYSTACK NEEDLE
  if [[ $2 != *"$3"* ]]; then
    echo "FAIL: $1: no '$3' in: $2" >&2
    failures=$((failures + 1))
  fi
}
is() {  # is DESCRIPTION PYTHON_EXPRESSION WANT: evaluates the expression on the JSON in $out
  local got
  got=$($python -c "import json, sys; d = json.load(sys.stdin); print($2)" <<<"$out" 2>&1)
  if [[ $got != "$3" ]]; then
    echo "FAIL: $1: $2 is '$got', want '$3'" >&2
    failures=$((failures + 1))
  fi
}

# ---- queries

expect 0 "neighbors in a window" -- "$geokg" query "${db[@]}" --json neighbors Russia --from 2015-10-01
is "window relations" 'len(d["relations"])' 3
is "window bounds" '(d["from"], d["to"])' "('2015-10-01', None)"
is "window counts" '[r["evidence_count"] for r in d["relations"]]' "[1, 1, 1]"
expect 0 "neighbors --min-evidence" -- "$geokg" query "${db[@]}" --json neighbors Russia --min-evidence 2
is "min evidence" '[r["relation"] for r in d["relations"]]' "['ASSAULT']"
expect 0 "neighbors text window" -- "$geokg" query "${db[@]}" neighbors Russia --to 2015-09
contains "text window header" "$out" "3 relations in ... .. 2015-09"

expect 0 "ego" -- "$geokg" query "${db[@]}" --json ego Russie --hops 2
is "ego actors" 'len(d["actors"])' 9
is "ego relations" 'len(d["relations"])' 11
is "ego hops" 'sorted(a["hops"] for a in d["actors"])' "[0, 1, 1, 1, 1, 1, 1, 2, 2]"
expect 0 "ego capped" -- "$geokg" query "${db[@]}" --json ego Russie --hops 2 --max-actors 3
is "ego truncated" '(d["truncated"], len(d["actors"]))' "(True, 3)"
expect 0 "ego text" -- "$geokg" query "${db[@]}" ego Syrie
contains "ego text header" "$out" "Syria (STATE, state:SYR): 4 actors within 1 hop, 5 relations"

expect 0 "path weighted" -- "$geokg" query "${db[@]}" --json path "Cafe" Russia --weighted
is "weighted cost" 'd["cost"]' 2.5
is "weighted length" 'd["length"]' 3

expect 0 "timeline" -- "$geokg" query "${db[@]}" --json timeline Russia --limit 2
is "timeline total" 'd["total"]' 7
is "timeline entries" 'len(d["entries"])' 2
is "timeline months" 'd["by_month"]' "{'2015-09': 3, '2015-10': 3, 'undated': 1}"
is "timeline order" '[e["date"] for e in d["entries"]]' "['2015-09-30', '2015-09-30']"
expect 0 "timeline text" -- "$geokg" query "${db[@]}" timeline Russia --type CONFLICT
contains "timeline text" "$out" "Russia (STATE, state:RUS): 4 reports"
contains "timeline months" "$out" "by month:  2015-09 1  2015-10 2  undated 1"

expect 0 "top degree" -- "$geokg" query "${db[@]}" --json top --limit 1
is "top degree" '(d["actors"][0]["name"], d["actors"][0]["score"])' "('Russia', 6.0)"
expect 0 "top pagerank" -- "$geokg" query "${db[@]}" --json top --by pagerank --limit 2
is "top pagerank" 'd["actors"][0]["name"]' Syria
expect 0 "top persons" -- "$geokg" query "${db[@]}" --json top --actor-type person --by evidence
is "top persons" '[a["name"] for a in d["actors"]]' "['Bashar al-Assad', 'Vladimir Putin', 'Hafez al-Assad']"
expect 0 "top betweenness text" -- "$geokg" query "${db[@]}" top --by betweenness --limit 3
contains "betweenness table" "$out" "1  Russia"

expect 0 "search" -- "$geokg" query "${db[@]}" --json search "Etats"
is "search" '[(a["key"], a["alias"], a["match"]) for a in d["actors"]]' "[('state:USA', 'États-Unis', 'prefix')]"
expect 0 "search text" -- "$geokg" query "${db[@]}" search ass --limit 1
contains "search text" "$out" "Bashar al-Assad"

expect 0 "window" -- "$geokg" query "${db[@]}" --json window --from 2015-10 --to 2015-10 --limit 2
is "window count" '(d["relation_count"], d["actors"], len(d["relations"]))' "(7, 7, 2)"
expect 0 "window negated" -- "$geokg" query "${db[@]}" --json window --from 2015-10 --negated
is "window negated" 'd["relation_count"]' 8

expect 2 "window without dates" -- "$geokg" query "${db[@]}" window
expect 2 "bad date" -- "$geokg" query "${db[@]}" neighbors Russia --from 2015-13
contains "bad date message" "$err" "'2015-13' is not a date"
expect 2 "reversed window" -- "$geokg" query "${db[@]}" window --from 2016 --to 2015
expect 2 "option of another query" -- "$geokg" query "${db[@]}" neighbors Russia --hops 2
contains "does not apply" "$err" "--hops does not apply to neighbors"
expect 2 "bad measure" -- "$geokg" query "${db[@]}" top --by fame
expect 2 "bad actor type" -- "$geokg" query "${db[@]}" top --actor-type ROBOT
expect 2 "search without prefix" -- "$geokg" query "${db[@]}" search
expect 1 "ego of nobody" -- "$geokg" query "${db[@]}" ego Atlantis

# ---- exports

expect 2 "csv to stdout" -- "$geokg" export "${db[@]}" --format csv
expect 2 "unknown format" -- "$geokg" export "${db[@]}" --format dot
expect 2 "hops without ego" -- "$geokg" export "${db[@]}" --format graphml --hops 2
expect 1 "ego of nobody" -- "$geokg" export "${db[@]}" --format graphml --ego Atlantis
expect 0 "csv" -- "$geokg" export "${db[@]}" --format csv -o "$tmp/csv"
[[ -s $tmp/csv/actors.csv && -s $tmp/csv/relations.csv ]] || { echo "FAIL: no CSV files" >&2; failures=$((failures + 1)); }
[[ $(wc -l <"$tmp/csv/relations.csv") == 14 ]] || { echo "FAIL: CSV relation rows" >&2; failures=$((failures + 1)); }
expect 0 "jsonl window" -- "$geokg" export "${db[@]}" --format jsonl --from 2015-09-30 --to 2015-09-30
[[ $(wc -l <<<"$out") == 5 ]] || { echo "FAIL: jsonl window lines: $out" >&2; failures=$((failures + 1)); }
expect 0 "json of a class" -- "$geokg" export "${db[@]}" --format json --type COOPERATE
is "json class" '(len(d["nodes"]), len(d["links"]))' "(4, 2)"

# ---- load

expect 0 "export jsonl" -- "$geokg" export "${db[@]}" --format jsonl -o "$tmp/t.jsonl"
expect 0 "load" -- "$geokg" load --db "$tmp/loaded.db" "$tmp/t.jsonl"
contains "load summary" "$err" "14 lines (0 refused), 14 triples added"
expect 0 "stats of the loaded" -- "$geokg" stats --db "$tmp/loaded.db" --json
is "loaded counts" '(d["relations"], d["evidence"], d["articles"])' "(13, 14, 3)"
expect 0 "reload" -- "$geokg" load --db "$tmp/loaded.db" "$tmp/t.jsonl"
contains "reload summary" "$err" "0 triples added, 14 of 3 documents loaded before"
expect 0 "load from stdin" -- bash -c "\"$geokg\" load --quiet --db \"$tmp/stdin.db\" - <\"$tmp/t.jsonl\""
expect 0 "stats of stdin load" -- "$geokg" stats --db "$tmp/stdin.db" --json
is "stdin counts" 'd["evidence"]' 14
printf '%s\n' '{"doc": "d", "subject": {"name": "A"}, "relation": "AID", "object": {"name": "B"}}' \
  'oops' '{"doc": "d", "subject": {"name": "A"}, "relation": "WAR", "object": {"name": "B"}}' >"$tmp/bad.jsonl"
expect 1 "load with bad lines" -- "$geokg" load --db "$tmp/bad.db" "$tmp/bad.jsonl"
contains "bad line 2" "$err" "geokg: $tmp/bad.jsonl:2: not JSON"
contains "bad line 3" "$err" "geokg: $tmp/bad.jsonl:3: unknown relation type \"WAR\""
contains "bad summary" "$err" "3 lines (2 refused), 1 triples added"
expect 1 "load a missing file" -- "$geokg" load --db "$tmp/none.db" "$tmp/missing.jsonl"
contains "missing file" "$err" "cannot read"
expect 2 "load without input" -- "$geokg" load --db "$tmp/x.db"
expect 2 "load --relation" -- "$geokg" load --db "$tmp/x.db" --relation AID "$tmp/t.jsonl"

# ---- import

expect 0 "export graphml" -- "$geokg" export "${db[@]}" --format graphml -o "$tmp/g.graphml"
expect 0 "import" -- "$geokg" import --db "$tmp/imported.db" "$tmp/g.graphml"
contains "import summary" "$err" "12 nodes, 13 edges (0 refused) -> 12 new actors, 13 new relations"
expect 0 "import again" -- "$geokg" import --db "$tmp/imported.db" "$tmp/g.graphml"
contains "import again" "$err" "was imported before; nothing added"
expect 0 "query the import" -- "$geokg" query --db "$tmp/imported.db" --json neighbors Russia
is "imported neighbours" 'len(d["relations"])' 6
cat >"$tmp/foreign.graphml" <<'XML'
<graphml xmlns="http://graphml.graphdrawing.org/xmlns">
  <key id="l" for="node" attr.name="label" attr.type="string"/>
  <graph edgedefault="undirected">
    <node id="1"><data key="l">Paris</data></node><node id="2"><data key="l">Berlin</data></node>
    <edge source="1" target="2"/>
  </graph>
</graphml>
XML
expect 1 "import untyped edges" -- "$geokg" import --db "$tmp/foreign.db" "$tmp/foreign.graphml"
contains "untyped message" "$err" "$tmp/foreign.graphml: edge '': no relation type"
expect 0 "import with --relation" -- "$geokg" import --db "$tmp/foreign2.db" --relation cooperate "$tmp/foreign.graphml"
expect 0 "foreign neighbours" -- "$geokg" query --db "$tmp/foreign2.db" --json neighbors paris
is "foreign relation" '[(r["relation"], r["object"]["key"]) for r in d["relations"]]' "[('COOPERATE', 'unknown:berlin')]"
echo '<graphml><graph>' >"$tmp/broken.graphml"
expect 1 "import broken XML" -- "$geokg" import --db "$tmp/broken.db" "$tmp/broken.graphml"
contains "broken message" "$err" "$tmp/broken.graphml: line"
expect 2 "import bad relation option" -- "$geokg" import --db "$tmp/x.db" --relation HUG "$tmp/g.graphml"

for cmd in import load; do
  expect 0 "$cmd --help" -- "$geokg" "$cmd" --help && contains "$cmd --help" "$out" "Usage: geokg $cmd"
done

if ((failures)); then
  echo "$failures failures"
  exit 1
fi
echo "ok: queries, exports, load and import from the command line"
