#!/usr/bin/env bash
# Concurrency on one database (WAL):
#  1. stats, exports and queries run while `geokg ingest` writes, and each sees one
#     consistent snapshot (tests/scripts/concurrency_check.py): whole articles only, stats
#     that add up, GraphML edges between nodes that are there;
#  2. two ingests into one database at once serialise batch by batch (or one fails
#     clearly, exit 1 with a "locked" message): every article whole and once, each as one
#     of the two serial orders stores it, aggregates that follow from the evidence
#     (tests/scripts/serialised_check.py); not one serial order as a whole, since articles
#     both runs read may be near-duplicates in one run and extracted in the other.
#
# usage: test_concurrency_ingest.sh GEOKG_BINARY SOURCE_DIR
# Environment: GEOKG_CONCURRENCY_ARTICLES (default 2400, 400 in sanitizer builds).
set -uo pipefail

geokg=${1:?usage: $0 GEOKG_BINARY SOURCE_DIR}
src=${2:?usage: $0 GEOKG_BINARY SOURCE_DIR}
# Sanitizer builds are slower: fewer articles still leave time for many reads.
if grep -q -a -m1 __asan_init "$geokg"; then default_articles=400; else default_articles=2400; fi
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
# Each batch of articles is one transaction (BEGIN IMMEDIATE, a 5 s busy timeout), so the
# two runs take turns batch by batch, each in its own order; a run that cannot get the lock in
# time stops with exit 1 and a "locked" message (then it is run again). The inputs overlap:
# the English example articles are in both, and the second run also reads a wire copy of
# one of them first, so that article is a near-duplicate in that run and extracted in the
# other: which of the two it ends up as depends on the run that commits it first.
mkdir -p "$tmp/one" "$tmp/two"
cp "$tmp/corpus/a.jsonl" "$tmp/corpus"/t-en-* "$tmp/one/"
cp "$tmp/corpus/b.jsonl.gz" "$tmp/corpus"/t-fr-* "$tmp/corpus"/t-en-* "$tmp/two/"
mosul=$(ls "$tmp/corpus"/t-en-mosul*)
{ cat "$mosul"; printf '\nThis report was distributed by a news agency.\n'; } >"$tmp/two/a-wire-copy.txt"
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

# The two serial orders, and what must hold for any interleaving of them
# (tests/scripts/serialised_check.py): whole articles, each as one order stored it,
# aggregates that follow from the evidence, actors between the two orders'.
"$geokg" ingest --quiet --db "$tmp/seq12.db" "$tmp/one" || fail "sequential ingest 1"
"$geokg" ingest --quiet --db "$tmp/seq12.db" "$tmp/two" || fail "sequential ingest 2"
"$geokg" ingest --quiet --db "$tmp/seq21.db" "$tmp/two" || fail "sequential ingest 2 first"
"$geokg" ingest --quiet --db "$tmp/seq21.db" "$tmp/one" || fail "sequential ingest 1 second"
python3 "$src/tests/scripts/serialised_check.py" "$tmp/both.db" "$tmp/seq12.db" "$tmp/seq21.db" \
  >"$tmp/serialised" 2>&1 || fail "two ingests at once: $(cat "$tmp/serialised")"
echo "ok: two ingests at once: $(cat "$tmp/serialised")"

# Deterministic: the article both runs read and the second run holds a wire copy of is
# extracted when the first run stores it, and a near-duplicate record without evidence when
# the second does.
q="SELECT origin LIKE '%near-duplicate of%',
          (SELECT count(*) FROM evidence e WHERE e.article_id = a.id) > 0
   FROM articles a WHERE origin LIKE '%/t-en-mosul%'"
[[ $(sqlite3 "$tmp/seq12.db" "$q") == "0|1" ]] ||
  fail "first then second: the shared article is not extracted: $(sqlite3 "$tmp/seq12.db" "$q")"
[[ $(sqlite3 "$tmp/seq21.db" "$q") == "1|0" ]] ||
  fail "second then first: the shared article is not a near-duplicate record: $(sqlite3 "$tmp/seq21.db" "$q")"
echo "ok: an article both runs read is extracted or a near-duplicate, as the run that stores it decides"
