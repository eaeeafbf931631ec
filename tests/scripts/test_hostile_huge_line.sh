#!/usr/bin/env bash
# Hostile input: a 200 MB single line, as plain text, HTML and JSON Lines (broken JSON, and
# valid JSON whose "text" is 200 MB). Each must end within the time limit with bounded
# memory: refused with a one-line message naming the file (exit 1), while the small article
# next to it goes in, and the database stays sound.
#
# usage: test_hostile_huge_line.sh GEOKG_BINARY SOURCE_DIR
# Environment: GEOKG_HUGE_MB (default 200), GEOKG_HUGE_SECONDS (time limit per case, default
# 120).
set -uo pipefail

geokg=${1:?usage: $0 GEOKG_BINARY SOURCE_DIR}
src=${2:?usage: $0 GEOKG_BINARY SOURCE_DIR}
mb=${GEOKG_HUGE_MB:-200}
limit=${GEOKG_HUGE_SECONDS:-120}
command -v sqlite3 >/dev/null || { echo "skip: no sqlite3"; exit 77; }

# Memory is only measured without AddressSanitizer (its shadow memory and quarantine).
max_rss_mb=2048
if grep -q -a -m1 __asan_init "$geokg"; then max_rss_mb=0; fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
failures=0
fail() { echo "FAIL: $*" >&2; failures=$((failures + 1)); }

# A line of `mb` MB of article-like text: words and sentences, no newline.
sentence='Russia met France in Paris on Monday and the United States criticised Iran. '
make_text() {  # make_text FILE PREFIX SUFFIX
  { printf '%s' "$2"; yes "$sentence" | tr -d '\n' | head -c $((mb * 1000 * 1000)); printf '%s' "$3"; } >"$1"
}

# run_case NAME FILE EXPECTED_MESSAGE: ingests FILE and a small article in one run.
run_case() {
  local name=$1 file=$2 want=$3 db=$tmp/$1.db
  cp "$src/examples/en-mosul-victory-2017.txt" "$tmp/small.txt"
  local start=$SECONDS
  python3 - "$limit" "$tmp/$name.rss" "$geokg" ingest --quiet --db "$db" "$file" "$tmp/small.txt" \
    >"$tmp/$name.out" 2>"$tmp/$name.err" <<'PY'
import resource, subprocess, sys
limit, rss_file, cmd = int(sys.argv[1]), sys.argv[2], sys.argv[3:]
try:
    code = subprocess.run(cmd, timeout=limit).returncode
except subprocess.TimeoutExpired:
    code = 124
open(rss_file, "w").write(str(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss // 1024))
sys.exit(code)
PY
  local code=$? secs=$((SECONDS - start)) rss
  rss=$(cat "$tmp/$name.rss" 2>/dev/null || echo 0)
  echo "$name: exit $code in ${secs}s, peak ${rss} MB: $(head -c 300 "$tmp/$name.err")"
  if ((code == 124)); then fail "$name: not done after ${limit}s"; return; fi
  ((code == 1)) || fail "$name: exit $code, not 1 (refused)"
  grep -q "$want" "$tmp/$name.err" || fail "$name: no '$want' in: $(head -c 500 "$tmp/$name.err")"
  [[ $(grep -c . "$tmp/$name.err") -le 3 ]] || fail "$name: more than a line or two on stderr"
  ((max_rss_mb == 0 || rss <= max_rss_mb)) || fail "$name: peak memory ${rss} MB > ${max_rss_mb} MB"
  [[ $(sqlite3 "$db" 'PRAGMA integrity_check') == ok ]] || fail "$name: integrity_check"
  [[ $(sqlite3 "$db" "SELECT count(*) FROM articles WHERE ext_id = 'small'") == 1 ]] ||
    fail "$name: the small article did not go in"
  rm -f "$file" "$db" "$db-wal" "$db-shm"
}

# Broken JSON: refused as malformed, the line's memory freed.
make_text "$tmp/broken.jsonl" '{"id": "huge", "text": "' ''
run_case broken-json "$tmp/broken.jsonl" "huge\|broken.jsonl:1"

# HTML: larger than the HTML reader takes.
make_text "$tmp/page.html" '<html><body><p>' '</p></body></html>'
run_case html "$tmp/page.html" "page.html"

# Plain text and a valid JSON line with 200 MB of text: larger than an article may be
# (32 MiB), refused before extraction; the JSON line is longer than a line may be (64 MiB).
make_text "$tmp/huge.txt" '' ''
run_case text "$tmp/huge.txt" "huge.txt: larger than"
make_text "$tmp/valid.jsonl" '{"id": "huge", "text": "' '"}'
run_case valid-json "$tmp/valid.jsonl" "valid.jsonl:1: line longer than"
# A JSON line within the line limit whose text is past the article limit: parsed, refused.
mb_saved=$mb
mb=40
make_text "$tmp/big.jsonl" '{"id": "big", "text": "' '"}'
run_case json-40mb "$tmp/big.jsonl" "big.jsonl:1: article text larger than"
mb=$mb_saved

((failures == 0)) || exit 1
echo "ok"
