#!/usr/bin/env bash
# Crash safety of `geokg load`: killed with SIGKILL at random moments (30 times, 12 in
# sanitizer builds) while it merges a triples file into a database that already holds
# something (there every batch commits on its own, so kills land between many commits).
#
# After every kill, the invariants the ingest crash test checks (check_killed in
# ingest_lib.sh): integrity, no dangling key, evidence counts, and every document whole (as
# many evidence rows as in an uninterrupted load) or absent: a commit never holds part of a
# document, whose stored hash would make the next run skip the rest of it. Once the kills
# are done, a run left to finish must give the uninterrupted load's graph (dump_graph).
#
# usage: test_crash_load.sh GEOKG_BINARY SOURCE_DIR
# Environment: GEOKG_CRASH_KILLS, GEOKG_CRASH_SEED (random seed, printed for replay).
set -uo pipefail

geokg=${1:?usage: $0 GEOKG_BINARY SOURCE_DIR}
src=${2:?usage: $0 GEOKG_BINARY SOURCE_DIR}
command -v sqlite3 >/dev/null || { echo "skip: no sqlite3"; exit 77; }
if grep -q -a -m1 __asan_init "$geokg"; then default_kills=12; else default_kills=30; fi
kills_wanted=${GEOKG_CRASH_KILLS:-$default_kills}
seed=${GEOKG_CRASH_SEED:-$(date +%s)}
RANDOM=$seed
echo "seed $seed (GEOKG_CRASH_SEED=$seed to replay)"

# shellcheck source=ingest_lib.sh
source "$src/tests/scripts/ingest_lib.sh"
crash_tmp
fail() {
  echo "FAIL: $*" >&2
  exit 1
}

# The triples: ~18,000 statements of ~700 generated articles, as a map step writes them.
python3 "$src/bench/ingest/make_corpus.py" --size 2 --seed 7 --out "$tmp/corpus.jsonl" 2>/dev/null ||
  fail "make_corpus.py"
"$geokg" extract --statements --quiet "$tmp/corpus.jsonl" >"$tmp/all.triples" || fail "extract exited $?"
head -n 20 "$tmp/all.triples" >"$tmp/first.triples"
load() {  # load DB FILE [options]
  local db=$1 file=$2
  shift 2
  "$geokg" load --quiet --db "$db" "$@" "$file"
}

# The reference: the first lines, then the whole file, uninterrupted.
load "$tmp/ref.db" "$tmp/first.triples" || fail "reference load of the first lines"
now_ms() { date +%s%3N; }
start=$(now_ms)
load "$tmp/ref.db" "$tmp/all.triples" --batch 50 || fail "reference load"
duration=$(($(now_ms) - start))
echo "uninterrupted load: ${duration} ms"

check() { check_killed "$tmp/crash.db" "$tmp/ref.db" "$1"; }

load "$tmp/crash.db" "$tmp/first.triples" || fail "load of the first lines"
kills=0 runs=0
while ((kills < kills_wanted)); do
  ((runs++ < kills_wanted * 4)) || fail "only $kills kills in $runs runs (is load too fast to kill?)"
  delay_ms=$((RANDOM % (duration + 1)))
  # geokg itself in the background (a shell function there would be a subshell, and the
  # kill would miss the process that writes).
  "$geokg" load --quiet --db "$tmp/crash.db" --batch 50 "$tmp/all.triples" 2>"$tmp/run.err" &
  child=$!
  sleep "$((delay_ms / 1000)).$(printf '%03d' $((delay_ms % 1000)))"
  if kill -9 "$child" 2>/dev/null; then
    wait "$child" 2>/dev/null
    child=
    kills=$((kills + 1))
    check "after kill $kills (at ${delay_ms} ms)"
  else
    wait "$child" || fail "a run exited $?: $(cat "$tmp/run.err")"
    child=
    check "after a finished run"
    # Finished before its kill: start again from the first lines.
    rm -f "$tmp/crash.db"*
    load "$tmp/crash.db" "$tmp/first.triples" || fail "load of the first lines"
  fi
done
load "$tmp/crash.db" "$tmp/all.triples" --batch 50 || fail "the last run exited $?"
check "after the last run"

dump_graph "$tmp/ref.db" >"$tmp/ref.graph"
dump_graph "$tmp/crash.db" >"$tmp/crash.graph"
cmp -s "$tmp/ref.graph" "$tmp/crash.graph" ||
  fail "the graph after $kills kills differs: $(diff "$tmp/ref.graph" "$tmp/crash.graph" | head -4)"
echo "ok: $kills kills in $runs runs, the graph is the uninterrupted one"
