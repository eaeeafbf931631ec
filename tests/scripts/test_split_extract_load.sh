#!/usr/bin/env bash
# The map/reduce split, locally: several `geokg extract` processes, each reading one part of
# a JSON Lines file on standard input (as Hadoop Streaming or Spark's RDD.pipe feed a map
# task), then one `geokg load` of their outputs, must build the graph a single
# `geokg ingest` of the whole file builds: the same actors, the same relations with the same
# evidence counts, dates, modality and CAMEO codes, and the same evidence rows.
#
# usage: test_split_extract_load.sh GEOKG_BINARY SOURCE_DIR
set -uo pipefail

geokg=${1:?usage: $0 GEOKG_BINARY SOURCE_DIR}
src=${2:?usage: $0 GEOKG_BINARY SOURCE_DIR}
python=/usr/bin/python3
command -v sqlite3 >/dev/null || { echo "SKIP: no sqlite3" >&2; exit 77; }
if ! "$geokg" load --help >/dev/null 2>&1; then
  echo "SKIP: this geokg has no 'load' command yet" >&2
  exit 77
fi
# shellcheck source=ingest_lib.sh
source "$src/tests/scripts/ingest_lib.sh"

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
failures=0
fail() { echo "FAIL: $*" >&2; failures=$((failures + 1)); }

# One file: the example articles and ~250 generated ones, French and English.
$python "$src/bench/ingest/make_corpus.py" --size 0.6 --seed 5 --out "$tmp/gen.jsonl" 2>/dev/null ||
  { fail "make_corpus.py"; exit 1; }
cat "$src/examples/news.jsonl" "$tmp/gen.jsonl" >"$tmp/all.jsonl"
lines=$(wc -l <"$tmp/all.jsonl")

# Single machine: one ingest. The map step does not look across articles, so near-duplicate
# collapsing is off here (--keep-duplicates) for the two graphs to be comparable.
"$geokg" ingest -q --keep-duplicates --db "$tmp/single.db" "$tmp/all.jsonl" ||
  fail "ingest exited $?"

# Split: three parts on line boundaries, three extract processes at once (map), one load
# of their outputs in part order (reduce).
split -n l/3 -d "$tmp/all.jsonl" "$tmp/part-"
parts=("$tmp"/part-0?)
[[ ${#parts[@]} == 3 ]] || fail "split made ${#parts[@]} parts"
pids=()
for p in "${parts[@]}"; do
  "$geokg" extract --statements --jobs 1 <"$p" >"$p.triples" 2>"$p.err" &
  pids+=($!)
done
for i in "${!pids[@]}"; do
  wait "${pids[$i]}" || fail "extract of ${parts[$i]} exited $?: $(cat "${parts[$i]}.err")"
done
outputs=()
for p in "${parts[@]}"; do outputs+=("$p.triples"); done
"$geokg" load -q --db "$tmp/split.db" "${outputs[@]}" 2>"$tmp/load.err" ||
  fail "load exited $?: $(cat "$tmp/load.err")"

dump_graph "$tmp/single.db" >"$tmp/single.dump"
dump_graph "$tmp/split.db" >"$tmp/split.dump"
relations=$(grep -c '^R' "$tmp/single.dump")
[[ $relations -gt 200 ]] || fail "only $relations relations from $lines articles"
same_graph "extract x3 + load vs ingest ($lines articles, $relations relations)" \
  "$tmp/single.dump" "$tmp/split.dump"

# The same through extract --jobs 2 on a file (ordered output) and a single load.
"$geokg" extract --statements --jobs 2 "$tmp/all.jsonl" >"$tmp/all.triples" 2>"$tmp/x.err" || fail "extract --jobs 2: $(cat "$tmp/x.err")"
cat "${outputs[@]}" | cmp -s - "$tmp/all.triples" || fail "extract --jobs 2 differs from the three parts joined"

if [[ $failures -gt 0 ]]; then
  echo "$failures failure(s)" >&2
  exit 1
fi
echo "ok: $lines articles, $relations relations"
