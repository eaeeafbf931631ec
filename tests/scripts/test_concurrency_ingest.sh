#!/usr/bin/env bash
# Concurrency on one database (WAL):
#  1. stats, exports and queries run while `geokg ingest` writes, and each sees one
#     consistent snapshot (tests/scripts/concurrency_check.py): whole articles only, stats
#     that add up, GraphML edges between nodes that are there;
#  2. two ingests into one database at once serialise (or one fails clearly, exit 1 with a
#     "locked" message), and the result is what the two give one after the other, in one
#     order or the other.
#
# usage: test_concurrency_ingest.sh GEOKG_BINARY SOURCE_DIR
# Environment: GEOKG_CONCURRENCY_ARTICLES (default 1200, 400 in sanitizer builds).
set -uo pipefail

geokg=${1:?usage: $0 GEOKG_BINARY SOURCE_DIR}
src=${2:?usage: $0 GEOKG_BINARY SOURCE_DIR}
# Sanitizer builds are slower: fewer articles still leave time for many reads.
if grep -q -a -m1 __asan_init "$geokg"; then default_articles=400; else default_articles=1200; fi
articles=${GEOKG_CONCURRENCY_ARTICLES:-$default_articles}
command -v sqlite3 >/dev/null || { echo "skip: no sqlite3"; exit 77; }
check=$src/tests/scripts/concurrency_check.py

tmp=$(mktemp -d)
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill -9 "$p" 2>/dev/null; done
  rm -rf "$tmp"
}
trap cleanup EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

python3 "$src/tests/scripts/crash_corpus.py" "$src/examples" "$tmp/corpus" "$articles" ||
  fail "cannot write the corpus"
"$geokg" ingest --quiet --db "$tmp/ref.db" "$tmp/corpus" || fail "reference ingest failed"
sqlite3 "$tmp/ref.db" "SELECT a.ext_id || ' ' || count(e.id) FROM articles a
                       JOIN evidence e ON e.article_id = a.id GROUP BY a.id" >"$tmp/ref.counts"

# ---- 1. readers during an ingest
"$geokg" ingest --quiet --jobs 2 --db "$tmp/live.db" "$tmp/corpus" 2>"$tmp/ingest.err" &
ingest=$!
pids+=("$ingest")
reads=0 problems=0
while kill -0 "$ingest" 2>/dev/null; do
  [[ -f $tmp/live.db ]] || { sleep 0.05; continue; }
  for kind in stats jsonl graphml query; do
    case $kind in
      stats) cmd=("$geokg" stats --json --db "$tmp/live.db") ;;
      jsonl) cmd=("$geokg" export --format jsonl --db "$tmp/live.db") ;;
      graphml) cmd=("$geokg" export --format graphml --db "$tmp/live.db") ;;
      query) cmd=("$geokg" query --json --db "$tmp/live.db" neighbors Russia) ;;
    esac
    "${cmd[@]}" >"$tmp/out" 2>"$tmp/err"
    code=$?
    if [[ $kind == query && $code == 1 ]] && grep -q "no actor matches" "$tmp/err"; then
      continue  # Russia not in yet
    fi
    if [[ $code != 0 ]]; then
      echo "FAIL: '${cmd[*]:1}' during the ingest: exit $code: $(head -c 500 "$tmp/err")" >&2
      problems=$((problems + 1))
      continue
    fi
    reads=$((reads + 1))
    if [[ $kind != query ]] && ! python3 "$check" "$kind" "$tmp/out" "$tmp/ref.counts" 2>"$tmp/check"; then
      echo "FAIL: $kind during the ingest: $(cat "$tmp/check")" >&2
      problems=$((problems + 1))
    fi
  done
done
wait "$ingest" || fail "the ingest failed: $(cat "$tmp/ingest.err")"
((reads >= 4)) || fail "only $reads reads during the ingest: make it longer (GEOKG_CONCURRENCY_ARTICLES)"
((problems == 0)) || fail "$problems of $((reads + problems)) reads during the ingest failed"
echo "ok: $reads reads during an ingest, each one snapshot"

# ---- 2. two ingests into one database at once
mkdir -p "$tmp/one" "$tmp/two"
cp "$tmp/corpus/a.jsonl" "$tmp/corpus"/t-en-* "$tmp/one/"
cp "$tmp/corpus/b.jsonl.gz" "$tmp/corpus"/t-fr-* "$tmp/two/"
cp "$tmp/corpus"/t-en-mosul* "$tmp/two/"  # one article in both
"$geokg" ingest --quiet --db "$tmp/both.db" "$tmp/one" 2>"$tmp/one.err" &
first=$!
"$geokg" ingest --quiet --db "$tmp/both.db" "$tmp/two" 2>"$tmp/two.err" &
second=$!
pids+=("$first" "$second")
wait "$first"; code1=$?
wait "$second"; code2=$?
for n in 1 2; do
  code=$((n == 1 ? code1 : code2))
  err=$tmp/$([[ $n == 1 ]] && echo one || echo two).err
  if ((code != 0)); then
    ((code == 1)) && grep -q "locked" "$err" ||
      fail "ingest $n of two at once: exit $code without a clear message: $(cat "$err")"
    echo "ingest $n of two at once stopped clearly: $(head -1 "$err"); running it again"
    "$geokg" ingest --quiet --db "$tmp/both.db" "$tmp/$([[ $n == 1 ]] && echo one || echo two)" ||
      fail "rerun of ingest $n failed"
  fi
done
[[ $(sqlite3 "$tmp/both.db" 'PRAGMA integrity_check') == ok ]] || fail "integrity_check after two ingests"

# Serialised means: the same as one of the two orders. They differ: an article in both
# inputs goes in as a near-duplicate or extracted depending on which run stores it first.
"$geokg" ingest --quiet --db "$tmp/seq12.db" "$tmp/one" || fail "sequential ingest 1"
"$geokg" ingest --quiet --db "$tmp/seq12.db" "$tmp/two" || fail "sequential ingest 2"
"$geokg" ingest --quiet --db "$tmp/seq21.db" "$tmp/two" || fail "sequential ingest 2 first"
"$geokg" ingest --quiet --db "$tmp/seq21.db" "$tmp/one" || fail "sequential ingest 1 second"
queries=(
  "SELECT content_hash, (SELECT count(*) FROM evidence e WHERE e.article_id = a.id)
   FROM articles a ORDER BY 1"
  "SELECT s.key, r.type, o.key, r.negated, r.evidence_count, r.first_date, r.last_date
   FROM relations r JOIN entities s ON s.id = r.subject_id JOIN entities o ON o.id = r.object_id
   ORDER BY 1, 2, 3, 4"
  "SELECT key, name, type, country FROM entities ORDER BY key"
  "SELECT e.key, a.alias FROM aliases a JOIN entities e ON e.id = a.entity_id ORDER BY 1, 2"
)
same_as() {  # same_as DB: every query gives the same rows on both.db and DB
  local q
  for q in "${queries[@]}"; do
    diff <(sqlite3 "$tmp/both.db" "$q") <(sqlite3 "$1" "$q") >"$tmp/diff" || return 1
  done
}
if same_as "$tmp/seq12.db"; then
  order="first then second"
elif cp "$tmp/diff" "$tmp/diff12" && same_as "$tmp/seq21.db"; then
  order="second then first"
else
  fail "two ingests at once give neither order's result:
$(head -20 "$tmp/diff12")
---
$(head -20 "$tmp/diff")"
fi
echo "ok: two ingests at once give what they give one after the other ($order)"
