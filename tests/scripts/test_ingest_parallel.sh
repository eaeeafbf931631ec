#!/usr/bin/env bash
# geokg ingest at scale, from the outside: --jobs gives the same graph as one job; an ingest
# interrupted (Ctrl-C, or killed outright) and run again gives the same graph as one that was
# not; near-duplicates are counted as more sources of one story; the summary names failures
# by reason; the progress bar shows on a terminal only.
#
# usage: test_ingest_parallel.sh GEOKG_BINARY SOURCE_DIR
set -uo pipefail

geokg=${1:?usage: $0 GEOKG_BINARY SOURCE_DIR}
src=${2:?usage: $0 GEOKG_BINARY SOURCE_DIR}
python=/usr/bin/python3
command -v sqlite3 >/dev/null || { echo "SKIP: no sqlite3" >&2; exit 77; }
# shellcheck source=ingest_lib.sh
source "$src/tests/scripts/ingest_lib.sh"

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
failures=0
fail() { echo "FAIL: $*" >&2; failures=$((failures + 1)); }

# About 300 articles, French and English, 5% of them republished wire stories; plus the
# example articles and a feed.
$python "$src/bench/ingest/make_corpus.py" --size 0.8 --duplicates 0.05 --seed 3 \
  --out "$tmp/corpus.jsonl" 2>/dev/null || { fail "make_corpus.py"; exit 1; }
dups=$($python - "$tmp/corpus.jsonl" <<'EOF'
import json, sys
print(sum(1 for l in open(sys.argv[1]) if json.loads(l)["title"].startswith("Update: ")))
EOF
)
mkdir -p "$tmp/in/feeds"
cp "$tmp/corpus.jsonl" "$tmp/in/a-corpus.jsonl"
cp "$src"/examples/*.txt "$tmp/in/"
cat >"$tmp/in/feeds/wire.rss" <<'EOF'
<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Wire</title><language>en</language>
<item><title>Talks</title><guid>wire-1</guid><pubDate>Mon, 24 Mar 2014 10:00:00 GMT</pubDate>
<description>&lt;p&gt;Russian Foreign Minister Sergei Lavrov met his Ukrainian counterpart Andriy Deshchytsia in The Hague on Monday.&lt;/p&gt;</description></item>
</channel></rss>
EOF
inputs=("$tmp/in")

# One job, then three: the same graph, article for article.
"$geokg" ingest --db "$tmp/one.db" --jobs 1 "${inputs[@]}" 2>"$tmp/one.err"
rc=$?
[[ $rc == 0 ]] || fail "ingest --jobs 1: exit $rc: $(cat "$tmp/one.err")"
"$geokg" ingest --db "$tmp/three.db" --jobs 3 "${inputs[@]}" 2>"$tmp/three.err"
rc=$?
[[ $rc == 0 ]] || fail "ingest --jobs 3: exit $rc: $(cat "$tmp/three.err")"
dump_all "$tmp/one.db" >"$tmp/one.dump"
dump_all "$tmp/three.db" >"$tmp/three.dump"
same_graph "--jobs 1 and --jobs 3" "$tmp/one.dump" "$tmp/three.dump"
[[ $(grep -c '^R' "$tmp/one.dump") -gt 100 ]] || fail "few relations: $(grep -c '^R' "$tmp/one.dump")"
grep -q '^D|wire-1|.*|Wire|.*wire.rss:3$' "$tmp/one.dump" || fail "the feed item is not in: $(grep wire "$tmp/one.dump")"

# The summary: near-duplicates as more sources of their stories, nothing failed, no bar.
summary=$(cat "$tmp/one.err")
ndup=$(sqlite3 "$tmp/one.db" "SELECT count(*) FROM articles WHERE origin LIKE '%(near-duplicate of %)'")
nsame=$(sqlite3 "$tmp/one.db" "SELECT count(*) FROM articles") # every article row
[[ $summary == *"near-duplicates (more sources of"* ]] || fail "no near-duplicates in: $summary"
# A republication of a republication can be the same text: then it is "already in".
[[ $summary =~ ([0-9,]+)\ near-duplicates.*,\ ([0-9,]+)\ already\ in ]] || fail "summary: $summary"
exact=${BASH_REMATCH[2]//,/}
found=$(( ${BASH_REMATCH[1]//,/} + exact ))
[[ $found == "$dups" ]] || fail "near-duplicates found: $found, made: $dups ($summary)"
[[ $ndup == "${BASH_REMATCH[1]//,/}" ]] || fail "near-duplicate rows: $ndup ($summary)"
[[ $nsame -gt $ndup ]] || fail "article rows: $nsame"
[[ $summary == *" 0 failed;"* ]] || fail "failures in: $summary"
[[ $summary != *$'\r'* ]] || fail "a progress bar when stderr is not a terminal"
# Near-duplicates are not extracted: no evidence points at them.
orphans=$(sqlite3 "$tmp/one.db" "SELECT count(*) FROM evidence e JOIN articles a ON a.id = e.article_id WHERE a.origin LIKE '%(near-duplicate of %)'")
[[ $orphans == 0 ]] || fail "evidence from near-duplicates: $orphans"

# --keep-duplicates extracts them all.
"$geokg" ingest -q --db "$tmp/keep.db" --keep-duplicates "${inputs[@]}" 2>"$tmp/keep.err" ||
  fail "ingest --keep-duplicates: $(cat "$tmp/keep.err")"
[[ ! -s $tmp/keep.err ]] || fail "--quiet wrote: $(cat "$tmp/keep.err")"
kept=$(sqlite3 "$tmp/keep.db" "SELECT count(DISTINCT article_id) FROM evidence")
deduped=$(sqlite3 "$tmp/one.db" "SELECT count(DISTINCT article_id) FROM evidence")
[[ $kept -gt $deduped ]] || fail "--keep-duplicates: $kept articles with evidence, $deduped without it"

# Run again: everything is in already.
"$geokg" ingest --db "$tmp/one.db" "${inputs[@]}" 2>"$tmp/again.err" || fail "rerun: $(cat "$tmp/again.err")"
[[ $(cat "$tmp/again.err") == "geokg ingest: 0 articles added, "*" already in, 0 failed; 0 relations found"* ]] ||
  fail "rerun summary: $(cat "$tmp/again.err")"
dump_all "$tmp/one.db" >"$tmp/again.dump"
same_graph "a second run changes nothing" "$tmp/one.dump" "$tmp/again.dump"

# interrupt SIGNAL DB: starts an ingest with one job, stops it with SIGNAL once some
# articles are in, then runs the same command to the end; the graph must be the same.
interrupt() {
  local sig=$1 db=$2
  "$geokg" ingest --db "$db" --jobs 1 "${inputs[@]}" 2>"$tmp/int.err" &
  local pid=$! n=0
  for _ in $(seq 1 600); do
    n=$(sqlite3 "$db" "SELECT count(*) FROM articles" 2>/dev/null || echo 0)
    [[ ${n:-0} -ge 40 ]] && break
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.02
  done
  kill "-$sig" "$pid" 2>/dev/null
  wait "$pid" 2>/dev/null
  local rc=$?
  [[ -n ${VERBOSE:-} ]] && echo "SIG$sig: exit $rc, $(sqlite3 "$db" "SELECT count(*) FROM articles") articles in" >&2
  local partial
  partial=$(sqlite3 "$db" "SELECT count(*) FROM articles")
  if [[ $rc == 0 ]]; then
    echo "note: the ingest ended before SIG$sig; the resume path was not exercised" >&2
  elif [[ $sig == INT ]]; then
    [[ $rc == 130 ]] || fail "SIGINT: exit $rc, want 130: $(cat "$tmp/int.err")"
    grep -q "run the same command again to go on" "$tmp/int.err" || fail "SIGINT message: $(cat "$tmp/int.err")"
  fi
  "$geokg" ingest --db "$db" --jobs 2 "${inputs[@]}" 2>"$tmp/resume.err" ||
    fail "resume after SIG$sig: $(cat "$tmp/resume.err")"
  local skipped
  skipped=$(sed -n 's/.*, \([0-9,]*\) already in,.*/\1/p' "$tmp/resume.err" | tr -d ,)
  # Each stored row once, and every exact repeat of a text (skipped in the first run too).
  [[ $skipped == $((partial + exact)) ]] ||
    fail "resume after SIG$sig: $skipped already in, $partial stored + $exact repeats: $(cat "$tmp/resume.err")"
  # Whole articles only: the resumed graph is the uninterrupted one, evidence included.
  dump_all "$db" >"$tmp/resumed.dump"
  same_graph "interrupted by SIG$sig at $partial articles, then resumed" "$tmp/one.dump" "$tmp/resumed.dump"
}
interrupt INT "$tmp/int.db"
interrupt KILL "$tmp/kill.db"

# Failures are named one by one, then counted by reason; the rest goes in.
printf '%s\n' '{"id": "ok", "text": "Russia and China held talks in Beijing on Monday."}' \
  '{"id": "bad", "text": ' '{"id": "empty", "text": "  "}' '{"id": "bad2" "text": "x"}' >"$tmp/bad.jsonl"
"$geokg" ingest --db "$tmp/bad.db" "$tmp/bad.jsonl" "$tmp/missing.txt" 2>"$tmp/bad.err"
rc=$?
[[ $rc == 1 ]] || fail "failures: exit $rc, want 1"
grep -q "^geokg: $tmp/bad.jsonl:2: malformed JSON" "$tmp/bad.err" || fail "line 2 not named: $(cat "$tmp/bad.err")"
grep -q "^geokg ingest: 1 article added, 0 already in, 4 failed;" "$tmp/bad.err" || fail "summary: $(cat "$tmp/bad.err")"
grep -q "^geokg ingest: failed: 2 malformed JSON, 1 empty article, 1 no such file or directory$" "$tmp/bad.err" ||
  fail "failure reasons: $(cat "$tmp/bad.err")"

# Usage errors.
"$geokg" ingest --db "$tmp/x.db" --jobs 0 "$tmp/bad.jsonl" 2>/dev/null
[[ $? == 2 ]] || fail "--jobs 0 is not a usage error"
"$geokg" ingest --db "$tmp/x.db" --jobs 2>/dev/null
[[ $? == 2 ]] || fail "--jobs without a value is not a usage error"

# On a terminal (script(1) gives one), the progress bar shows; --quiet silences it.
if command -v script >/dev/null && script -qfc true /dev/null >/dev/null 2>&1; then
  COLUMNS=120 script -qfc "'$geokg' ingest --db '$tmp/tty.db' --jobs 2 '$tmp/corpus.jsonl'" /dev/null >"$tmp/tty.out" 2>&1
  out=$(tr '\r' '\n' <"$tmp/tty.out")
  [[ $out == *"ingest "*"articles"*"relations"* && $out == *"MB/s"* ]] || fail "no progress bar on a terminal: $out"
  [[ $out == *"geokg ingest: "*" articles added"* ]] || fail "no summary on a terminal: $out"
  script -qfc "'$geokg' ingest -q --db '$tmp/tty2.db' '$tmp/corpus.jsonl'" /dev/null >"$tmp/tty2.out" 2>&1
  [[ ! -s $tmp/tty2.out ]] || fail "--quiet on a terminal wrote: $(head -c 300 "$tmp/tty2.out")"
else
  echo "note: no script(1): the terminal checks were skipped" >&2
fi

if [[ $failures -gt 0 ]]; then
  echo "$failures failure(s)" >&2
  exit 1
fi
echo "ok"
