#!/usr/bin/env bash
# Crash safety: `geokg ingest` killed with SIGKILL at random moments, at least 50 times
# (20 in sanitizer builds).
#
# After every kill: PRAGMA integrity_check is ok, no foreign key dangles, every relation's
# evidence_count matches its evidence rows, and every article in the database is whole (the
# same evidence rows as in an uninterrupted ingest of the same inputs) or absent. The killed
# database is then ingested into again (and maybe killed again); each time a run finishes,
# its graph must be the uninterrupted one: same stats, same triples, same GraphML.
#
# usage: test_crash_ingest.sh GEOKG_BINARY SOURCE_DIR
# Environment: GEOKG_CRASH_KILLS (default 50, 20 in sanitizer builds), GEOKG_CRASH_ARTICLES
# (default 400, 120 in sanitizer builds), GEOKG_CRASH_SEED (random seed, default: the time; printed so that a
# failure can be replayed). Every 10 kills one run is left to finish.
set -uo pipefail

geokg=${1:?usage: $0 GEOKG_BINARY SOURCE_DIR}
src=${2:?usage: $0 GEOKG_BINARY SOURCE_DIR}
# Sanitizer builds start several times slower (4 s instead of 0.7 with clang's fuzzing
# instrumentation): there, a smaller corpus and 20 kills keep the test within minutes; the
# release build's run makes the 50.
if grep -q -a -m1 __asan_init "$geokg"; then
  default_kills=20 default_articles=120
else
  default_kills=50 default_articles=400
fi
kills_wanted=${GEOKG_CRASH_KILLS:-$default_kills}
articles=${GEOKG_CRASH_ARTICLES:-$default_articles}
seed=${GEOKG_CRASH_SEED:-$(date +%s)}
RANDOM=$seed
echo "seed $seed (GEOKG_CRASH_SEED=$seed to replay)"

command -v sqlite3 >/dev/null || { echo "skip: no sqlite3"; exit 77; }
# shellcheck source=ingest_lib.sh
source "$src/tests/scripts/ingest_lib.sh"
crash_tmp
fail() {
  echo "FAIL: $*" >&2
  [[ -f $tmp/crash.db ]] && cp "$tmp/crash.db" "${TMPDIR:-/tmp}/geokg-crash-failed.db" &&
    echo "the database is kept as ${TMPDIR:-/tmp}/geokg-crash-failed.db (seed $seed)" >&2
  exit 1
}

python3 "$src/tests/scripts/crash_corpus.py" "$src/examples" "$tmp/corpus" "$articles" ||
  fail "cannot write the corpus"
ingest=("$geokg" ingest --quiet --jobs 2 "$tmp/corpus")

now_ms() { date +%s%3N; }

# How long geokg takes to start and stop with nothing to do (loading the gazetteers and
# dictionaries), then the uninterrupted reference, and how long it takes.
mkdir -p "$tmp/nothing"
start=$(now_ms)
"$geokg" ingest --quiet --db "$tmp/nothing.db" "$tmp/nothing" 2>/dev/null
startup=$(($(now_ms) - start))
start=$(now_ms)
"${ingest[@]:0:2}" --db "$tmp/ref.db" "${ingest[@]:2}" 2>"$tmp/ref.err" ||
  fail "reference ingest failed: $(cat "$tmp/ref.err")"
duration=$(($(now_ms) - start))
total=$(sqlite3 "$tmp/ref.db" 'SELECT count(*) FROM articles')
echo "start-up ${startup} ms; uninterrupted ingest: ${duration} ms, $total articles"

snapshot() {  # snapshot DB OUT: what must be equal between two complete runs
  local db=$1 out=$2
  "$geokg" stats --db "$db" --json | grep -v '"database"' >"$out.stats" || return 1
  "$geokg" export --db "$db" --format jsonl -o "$out.jsonl" || return 1
  "$geokg" export --db "$db" --format graphml -o "$out.graphml" || return 1
}
snapshot "$tmp/ref.db" "$tmp/ref" || fail "cannot export the reference"

check() { check_killed "$tmp/crash.db" "$tmp/ref.db" "$1"; }

kills=0 runs=0 completions=0 finished_at=-1
# The timings above were taken once; the machine's load changes (CI runners, parallel ctest).
# Delays are scaled by pct: a run that finishes before its kill shrinks it, a kill grows it
# back, so the kills keep landing inside runs whatever the speed of the moment.
pct=100
max_runs=$((kills_wanted * 4 + 20))
while ((kills < kills_wanted)); do
  ((runs++ < max_runs)) || fail "only $kills kills in $max_runs runs (is ingest too fast to kill?)"
  # Kill anywhere from half the start-up to a bit past the expected end of this run: the
  # writing part scales with what is left to ingest, so most kills land while it writes and
  # some runs finish.
  done_articles=0
  [[ -f $tmp/crash.db ]] && done_articles=$(sqlite3 "$tmp/crash.db" 'SELECT count(*) FROM articles' 2>/dev/null || echo 0)
  work=$(((duration - startup / 2) * (total - done_articles) / total + 200))
  ((work > 0)) || work=200
  delay_ms=$(((startup / 2 + RANDOM * RANDOM % (work * 11 / 10 + 1)) * pct / 100))
  # Every 10 kills, one run is left to finish what the killed ones started.
  meant_to_finish=0
  if ((kills > 0 && kills % 10 == 0 && finished_at != kills)); then
    finished_at=$kills
    meant_to_finish=1
    delay_ms=$((duration * 100))
  fi
  "${ingest[@]:0:2}" --db "$tmp/crash.db" "${ingest[@]:2}" 2>"$tmp/run.err" &
  child=$!
  waited=0
  while ((waited < delay_ms)) && kill -0 "$child" 2>/dev/null; do
    step=$((delay_ms - waited < 50 ? delay_ms - waited : 50))
    sleep "0.$(printf '%03d' "$step")"
    waited=$((waited + step))
  done
  if kill -9 "$child" 2>/dev/null; then
    wait "$child" 2>/dev/null
    child=
    kills=$((kills + 1))
    pct=$((pct * 11 / 10 > 100 ? 100 : pct * 11 / 10 + 1))
    check "kill $kills after ${delay_ms} ms"
    continue
  fi
  wait "$child"
  code=$?
  child=
  ((meant_to_finish || pct < 3)) || pct=$((pct / 2))
  ((code == 0)) || fail "an ingest that was not killed failed (exit $code): $(cat "$tmp/run.err")"
  # It finished: the graph must be the uninterrupted one. Start again from nothing.
  check "complete run"
  snapshot "$tmp/crash.db" "$tmp/got" || fail "cannot export the completed database"
  for part in stats jsonl graphml; do
    cmp -s "$tmp/ref.$part" "$tmp/got.$part" ||
      fail "after $kills kills, the completed $part differs from the uninterrupted one:
$(diff "$tmp/ref.$part" "$tmp/got.$part" | head -20)"
  done
  completions=$((completions + 1))
  rm -f "$tmp/crash.db" "$tmp/crash.db-wal" "$tmp/crash.db-shm"
done

# Finish the last killed database and compare it too.
"${ingest[@]:0:2}" --db "$tmp/crash.db" "${ingest[@]:2}" 2>"$tmp/run.err" ||
  fail "the final rerun failed: $(cat "$tmp/run.err")"
check "final rerun"
snapshot "$tmp/crash.db" "$tmp/got" || fail "cannot export the final database"
for part in stats jsonl graphml; do
  cmp -s "$tmp/ref.$part" "$tmp/got.$part" ||
    fail "the final rerun's $part differs from the uninterrupted one:
$(diff "$tmp/ref.$part" "$tmp/got.$part" | head -20)"
done
echo "ok: $kills kills in $runs runs, $((completions + 1)) completed runs equal to the uninterrupted one"
