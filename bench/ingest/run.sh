#!/usr/bin/env bash
# The ingest throughput benchmark (docs/BENCHMARKS.md, section "Ingest").
#
#   bench/ingest/run.sh [GEOKG_BINARY]        (default: build/geokg)
#
# 1. Generates the corpus (make_corpus.py: >= 50 MB of French and English news text
#    recombined from examples/, names varied) into bench/ingest/work/, once.
# 2. Installs the npm peers (package.json: wink-nlp, wink-eng-lite-web-model, compromise)
#    into bench/ingest/node/, once. Both folders are ignored by git.
# 3. Measures, each RUNS times, and prints the medians as a Markdown table (also written to
#    work/results.md):
#      geokg extract, one core (taskset -c 0, --jobs 1) and all cores (--jobs N), on the
#        whole corpus: MB/s of article text and sentences/s;
#      geokg ingest into a new SQLite database, one core and all cores: MB/s, and its ratio
#        to extraction;
#      on the English articles only (the same text for all): geokg extract, wink-nlp with
#        the full gazetteer and with 96 names, compromise, one core each, and the ratios.
#
# Environment: SIZE (MB of text, default 50), RUNS (default 3), JOBS (default nproc),
# PEERS=0 to leave the npm peers out, PROFILE=1 to add a perf profile of one-core
# extraction on the first 3 MB (work/perf.txt), ONLY="x1 i1" to time some cases only (x1,
# xN: extraction on one core and on all; i1, iN: ingest; en1: English extraction; the
# peers follow PEERS). On one core, extraction and ingest take turns run by run, so that
# both see the same load of a shared machine.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
geokg=$(realpath "${1:-$root/build/geokg}")
SIZE=${SIZE:-50}
RUNS=${RUNS:-3}
JOBS=${JOBS:-$(nproc)}
PEERS=${PEERS:-1}
work=$here/work
mkdir -p "$work"
[[ -x $geokg ]] || { echo "no geokg binary at $geokg (build first, or pass its path)" >&2; exit 2; }

corpus=$work/corpus-$SIZE.jsonl
corpus_en=$work/corpus-$SIZE-en.jsonl
if [[ ! -s $corpus || ! -s $corpus_en ]]; then
  python3 "$here/make_corpus.py" --size "$SIZE" --out "$corpus" --en-out "$corpus_en"
fi
if [[ $PEERS == 1 && ! -d $here/node/node_modules/wink-nlp ]]; then
  mkdir -p "$here/node"
  cp "$here/package.json" "$here/node/package.json"
  (cd "$here/node" && npm install --no-audit --no-fund --loglevel=error)
fi

median() { sort -g | awk '{v[NR] = $1} END {print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2}'; }
now() { date +%s.%N; }

# extract_run CORE_PREFIX JOBS FILE: runs geokg extract --stats; prints "secs sentences cpu",
# cpu being the process's user + system seconds.
extract_run() {
  local prefix=$1 jobs=$2 file=$3 line
  line=$(/usr/bin/time -f 'cpu %U %S' $prefix "$geokg" extract --jobs "$jobs" --stats "$file" 2>&1 >/dev/null |
    grep -E '^(geokg extract:|cpu )')
  # "geokg extract: A articles, S sentences, X MB of text, T triples in 12.3 s with ..."
  local secs sentences cpu
  secs=$(grep '^geokg' <<<"$line" | sed -E 's/.* triples in ([0-9.]+) s .*/\1/')
  sentences=$(grep '^geokg' <<<"$line" | sed -E 's/.*articles, ([0-9,]+) sentences.*/\1/' | tr -d ,)
  cpu=$(grep '^cpu' <<<"$line" | awk '{print $2 + $3}')
  echo "$secs $sentences $cpu"
}

text_bytes() {  # the bytes of article text in a JSON Lines file
  python3 -c 'import json,sys; print(sum(len(json.loads(l)["text"].encode()) for l in open(sys.argv[1]) if l.strip()))' "$1"
}

declare -A result
wanted() { [[ -z ${ONLY:-} || " $ONLY " == *" $1 "* ]]; }

declare -A runs_secs runs_cpu
# extract_once NAME PREFIX JOBS FILE: one run, added to NAME's list.
extract_once() {
  local r
  r=($(extract_run "$2" "$3" "$4"))
  runs_secs[$1]+=" ${r[0]}"
  runs_cpu[$1]+=" ${r[2]}"
  result[$1.sentences]=${r[1]}
}
# done_case NAME: medians of NAME's runs.
done_case() {
  result[$1.secs]=$(printf '%s\n' ${runs_secs[$1]} | median)
  result[$1.cpu]=$(printf '%s\n' ${runs_cpu[$1]} | median)
  echo "  $1:${runs_secs[$1]} s (CPU${runs_cpu[$1]} s)" >&2
}
measure_extract() {  # NAME PREFIX JOBS FILE
  wanted "$1" || return 0
  for _ in $(seq "$RUNS"); do extract_once "$@"; done
  done_case "$1"
}

# ingest_once NAME PREFIX JOBS FILE: one run into a new database, added to NAME's list.
ingest_once() {
  local t0
  rm -f "$work/bench.db" "$work/bench.db-wal" "$work/bench.db-shm"
  t0=$(now)
  /usr/bin/time -f '%M %U %S' -o "$work/rss" $2 "$geokg" ingest -q --jobs "$3" --db "$work/bench.db" "$4"
  runs_secs[$1]+=" $(echo "$(now) - $t0" | bc -l)"
  runs_cpu[$1]+=" $(awk '{print $2 + $3}' "$work/rss")"
  result[$1.rss]=$(awk '{print $1}' "$work/rss")
}
measure_ingest() {  # NAME PREFIX JOBS FILE
  wanted "$1" || return 0
  for _ in $(seq "$RUNS"); do ingest_once "$@"; done
  done_case "$1"
  echo "  $1: peak RSS ${result[$1.rss]} kB" >&2
}

measure_peer() {  # NAME ARGS...
  local name=$1 secs=() out
  shift
  for _ in $(seq "$RUNS"); do
    out=$(cd "$here" && NODE_PATH="$here/node/node_modules" taskset -c 0 node "$here/peers.js" "$@")
    secs+=("$(python3 -c 'import json,sys; print(json.loads(sys.argv[1])["seconds"])' "$out")")
    result[$name.sentences]=$(python3 -c 'import json,sys; print(json.loads(sys.argv[1])["sentences"])' "$out")
    result[$name.patterns]=$(python3 -c 'import json,sys; print(json.loads(sys.argv[1])["patterns"])' "$out")
  done
  result[$name.secs]=$(printf '%s\n' "${secs[@]}" | median)
  echo "  $name: ${secs[*]} s" >&2
}

bytes=$(text_bytes "$corpus")
bytes_en=$(text_bytes "$corpus_en")
articles=$(wc -l <"$corpus")
echo "corpus: $articles articles, $bytes bytes of text ($(wc -l <"$corpus_en") English, $bytes_en bytes)" >&2

load_before=$(cut -d' ' -f1-3 /proc/loadavg)
echo "measuring ($RUNS runs each) ..." >&2
# One core: extraction and ingest alternate, run by run.
if wanted x1 && wanted i1; then
  for _ in $(seq "$RUNS"); do
    extract_once x1 "taskset -c 0" 1 "$corpus"
    ingest_once i1 "taskset -c 0" 1 "$corpus"
  done
  done_case x1
  done_case i1
else
  measure_extract x1 "taskset -c 0" 1 "$corpus"
  measure_ingest i1 "taskset -c 0" 1 "$corpus"
fi
measure_extract xN "" "$JOBS" "$corpus"
measure_ingest iN "" "$JOBS" "$corpus"
measure_extract en1 "taskset -c 0" 1 "$corpus_en"
if [[ $PEERS == 1 ]]; then
  measure_peer wink wink "$corpus_en" "$root/data/gazetteer"
  measure_peer wink96 wink "$corpus_en" "$root/data/gazetteer" 96
  measure_peer compromise compromise "$corpus_en"
fi

load_after=$(cut -d' ' -f1-3 /proc/loadavg)

mbs() { echo "scale=3; $1 / 1000000 / $2" | bc -l; }
fmt() { printf '%.2f' "$1"; }
fmt0() { printf '%.0f' "$1"; }
ratio() { printf '%.2f' "$(echo "$1 / $2" | bc -l)"; }

rate() { if [[ -n ${result[$2.secs]:-} ]]; then mbs "$1" "${result[$2.secs]}"; fi; }
x1=$(rate "$bytes" x1)
xN=$(rate "$bytes" xN)
i1=$(rate "$bytes" i1)
iN=$(rate "$bytes" iN)
en1=$(rate "$bytes_en" en1)
{
  echo "Machine: $(nproc) cores, $(lscpu | sed -n 's/^Model name: *//p'), $(free -g | awk '/Mem:/ {print $2}') GB;" \
    "$(uname -sr); $(date -u +%Y-%m-%d); load average $load_before before, $load_after after" \
    "(other work shares the machine)."
  echo "Corpus: $articles articles, $(fmt "$(echo "$bytes / 1000000" | bc -l)") MB of text" \
    "($(fmt "$(echo "$bytes_en / 1000000" | bc -l)") MB English). Medians of $RUNS runs."
  echo
  echo "| run | cores | wall (s) | MB/s | sentences/s | vs extraction (wall) | CPU (s) | MB per CPU-second | vs extraction (CPU) |"
  echo "|---|---|---|---|---|---|---|---|---|"
  row() {  # LABEL CORES CASE SENTENCES_CASE MBS VS VS_CPU
    [[ -n ${result[$3.secs]:-} ]] || return 0
    echo "| $1 | $2 | $(fmt "${result[$3.secs]}") | $(fmt "$5") |" \
      "$(fmt0 "$(echo "${result[$4.sentences]} / ${result[$3.secs]}" | bc -l)") | $6 |" \
      "$(fmt "${result[$3.cpu]}") | $(fmt "$(mbs "$bytes" "${result[$3.cpu]}")") | $7 |"
  }
  # vs: the ratio of the rates, when both cases ran.
  vs() { if [[ -n ${result[$1.secs]:-} && -n ${result[$2.secs]:-} ]]; then ratio "${result[$2.$3]}" "${result[$1.$3]}"; fi; }
  row "geokg extract, fr + en" 1 x1 x1 "$x1" "" ""
  row "geokg extract, fr + en" "$JOBS" xN xN "$xN" "" ""
  row "geokg ingest into SQLite" 1 i1 x1 "$i1" "$(vs i1 x1 secs)" "$(vs i1 x1 cpu)"
  row "geokg ingest into SQLite" "$JOBS" iN x1 "$iN" "$(vs iN xN secs)" "$(vs iN xN cpu)"
  echo
  if [[ -n ${result[iN.rss]:-} ]]; then
    echo "Peak memory of the $JOBS-core ingest: $(( ${result[iN.rss]} / 1024 )) MB."
    echo
  fi
  [[ -n ${result[en1.secs]:-} ]] || exit 0  # (the subshell of this table)
  echo "English articles only, one core each:"
  echo
  echo "| tool | MB/s | sentences/s | geokg is |"
  echo "|---|---|---|---|"
  echo "| geokg extract (morphology, entities, relations) | $(fmt "$en1") | $(fmt0 "$(echo "${result[en1.sentences]} / ${result[en1.secs]}" | bc -l)") | |"
  if [[ $PEERS == 1 ]]; then
    for p in wink wink96 compromise; do
      case $p in
        wink) label="wink-nlp 2.4 + wink-eng-lite-web-model 1.8 (tokens, POS, entities, a ${result[wink.patterns]}-name gazetteer)" ;;
        wink96) label="wink-nlp, the same with a ${result[wink96.patterns]}-name gazetteer" ;;
        compromise) label="compromise 14.17 (people, places, organisations)" ;;
      esac
      m=$(mbs "$bytes_en" "${result[$p.secs]}")
      echo "| $label | $(fmt "$m") | $(fmt0 "$(echo "${result[$p.sentences]} / ${result[$p.secs]}" | bc -l)") | $(ratio "$en1" "$m") x |"
    done
  fi
} | tee "$work/results.md"

if [[ ${PROFILE:-0} == 1 ]]; then
  # Where one core's extraction time goes: inclusive shares (children included) of the
  # functions of geokg, from DWARF call graphs, on the first 3 MB of the corpus.
  head -c 3000000 "$corpus" | head -n -1 >"$work/profile.jsonl"
  perf record --call-graph dwarf,16384 -F 299 -o "$work/perf.data" \
    "$geokg" extract --jobs 1 "$work/profile.jsonl" >/dev/null 2>&1
  perf report -i "$work/perf.data" --children --sort symbol --stdio 2>/dev/null |
    grep -E '^ +[0-9]' | grep -vE 'std::function|__invoke|_M_invoke|operator\(\)|inlined\)$' |
    cut -c1-160 | head -60 >"$work/perf.txt"
  echo "profile: $work/perf.txt" >&2
fi
