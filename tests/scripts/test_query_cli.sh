#!/usr/bin/env bash
# geokg query, export and stats from the outside: exit codes, messages, JSON output.
#
# usage: test_query_cli.sh GEOKG_BINARY SOURCE_DIR
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
json_field() {  # json_field EXPRESSION: evaluates a Python expression on the JSON in $out
  $python -c "import json, sys; d = json.load(sys.stdin); print($1)" <<<"$out"
}

for cmd in query export stats; do
  expect 0 "$cmd --help" -- "$geokg" "$cmd" --help && contains "$cmd --help" "$out" "Usage: geokg $cmd"
  expect 1 "$cmd on a missing database" -- "$geokg" "$cmd" --db "$tmp/none.db" \
    $([[ $cmd == query ]] && echo neighbors Russia) $([[ $cmd == export ]] && echo --format graphml)
  [[ $err == "geokg: $tmp/none.db: no such database" ]] ||
    { echo "FAIL: $cmd missing db message: $err" >&2; failures=$((failures + 1)); }
  [[ -e $tmp/none.db ]] && { echo "FAIL: $cmd created the missing database" >&2; failures=$((failures + 1)); }
  expect 2 "$cmd with an unknown option" -- "$geokg" "$cmd" "${db[@]}" --bogus
  contains "$cmd usage hint" "$err" "Try 'geokg $cmd --help'"
done

expect 0 "neighbors" -- "$geokg" query "${db[@]}" neighbors "la Russie"
contains "neighbors header" "$out" "Russia (STATE, state:RUS): 6 relations"
contains "neighbors table" "$out" "SUBJECT"
contains "neighbors evidence" "$out" "Russian jets struck Islamic State targets on Friday."

expect 0 "neighbors --json" -- "$geokg" query "${db[@]}" --json neighbors Russie --type CONFLICT --direction in
[[ $(json_field 'len(d["relations"])') == 2 ]] || { echo "FAIL: neighbors --json count: $out" >&2; failures=$((failures + 1)); }
[[ $(json_field 'd["relations"][0]["object"]["key"]') == state:RUS ]] || { echo "FAIL: neighbors --json object" >&2; failures=$((failures + 1)); }

expect 0 "between with --negated" -- "$geokg" query "${db[@]}" --json between Islande Russia --negated
[[ $(json_field 'd["relations"][0]["negated"]') == True ]] || { echo "FAIL: between --negated: $out" >&2; failures=$((failures + 1)); }

expect 0 "path" -- "$geokg" query "${db[@]}" path Poutine Lattaquié
contains "path chain" "$out" "Vladimir Putin -> Russia -> Latakia  (2 hops)"
expect 1 "no path" -- "$geokg" query "${db[@]}" path Iceland Russia
contains "no path message" "$err" "geokg: no path links Iceland and Russia"

expect 1 "ambiguous actor" -- "$geokg" query "${db[@]}" neighbors Assad
contains "ambiguous message" "$err" "Bashar al-Assad (PERSON, person:bashar-al-assad)"
expect 1 "unknown actor" -- "$geokg" query "${db[@]}" between Russia Atlantis
contains "unknown message" "$err" "no actor matches 'Atlantis'"

expect 2 "unknown query" -- "$geokg" query "${db[@]}" friends Russia
expect 2 "bad type" -- "$geokg" query "${db[@]}" neighbors Russia --type WAR
expect 2 "bad direction" -- "$geokg" query "${db[@]}" neighbors Russia --direction up
expect 2 "path --negated" -- "$geokg" query "${db[@]}" path Russia Syria --negated
expect 2 "export without format" -- "$geokg" export "${db[@]}"

expect 0 "stats --json" -- "$geokg" stats "${db[@]}" --json
[[ $(json_field '(d["entities"], d["relations"], d["evidence"])') == "(12, 13, 14)" ]] ||
  { echo "FAIL: stats --json: $out" >&2; failures=$((failures + 1)); }

expect 0 "export jsonl" -- "$geokg" export "${db[@]}" --format jsonl -o "$tmp/triples.jsonl"
[[ $(wc -l <"$tmp/triples.jsonl") == 14 ]] || { echo "FAIL: jsonl lines" >&2; failures=$((failures + 1)); }

# Reading leaves no -wal or -shm file behind.
leftovers=$(find "$tmp" -name 'kg.db-*')
[[ -z $leftovers ]] || { echo "FAIL: left behind: $leftovers" >&2; failures=$((failures + 1)); }

if ((failures)); then
  echo "$failures failures"
  exit 1
fi
echo "ok: query, export and stats"
