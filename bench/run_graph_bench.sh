#!/usr/bin/env bash
# The graph benchmarks, geokg and igraph side by side on the same synthetic graphs.
#
# usage: bench/run_graph_bench.sh [--build DIR] [--work DIR] [--reps N] [--load-reps N]
#                                 [--large] [--reuse] [--sizes "ACTORS:RELATIONS ..."]
#   --build DIR   a geokg build (default: build-graph, else build, in the source tree); the
#                 benchmark program is DIR/bench/geokg_graph_bench
#   --work DIR    where the generated files, databases and results go (default
#                 /tmp/geokg-graph-bench); reused between runs (generated triples are kept)
#   --reps N      rounds: each operation is timed once per round, geokg then igraph (default
#                 3; medians over the rounds are reported)
#   --load-reps N runs of `geokg load` and of the store layer (default: as --reps)
#   --sizes       graph sizes (default "100000:500000"); --large adds "1000000:5000000"
#   --reuse       keep the database of an earlier run of the same size and the load timings
#                 recorded with it, if any (re-times the graph operations only)
#
# For each size: generates triples with skewed degrees (geokg_graph_bench gen), loads them
# with `geokg load` (end to end), times the store layer alone (geokg_graph_bench store), the
# graph operations on the loaded database (geokg_graph_bench ops) and GraphML reading (one
# process per run, for its peak memory), each followed by igraph (bench/igraph_bench.py,
# Debian's python3-igraph) doing the same on the same database and GraphML file. Results:
# WORK/SIZE/{geokg,igraph}.jsonl and WORK/SIZE/summary.md (bench/summarize.py), printed at the
# end. Not part of ctest: the large size takes tens of minutes and several GB.
set -euo pipefail

src=$(cd "$(dirname "$0")/.." && pwd)
build=""
work=/tmp/geokg-graph-bench
reps=3
load_reps=""
reuse=0
sizes="100000:500000"
while (($#)); do
  case $1 in
    --build) build=$2; shift 2 ;;
    --work) work=$2; shift 2 ;;
    --reps) reps=$2; shift 2 ;;
    --load-reps) load_reps=$2; shift 2 ;;
    --sizes) sizes=$2; shift 2 ;;
    --large) sizes="$sizes 1000000:5000000"; shift ;;
    --reuse) reuse=1; shift ;;
    -h|--help) sed -n '2,24p' "$0"; exit 0 ;;
    *) echo "unknown argument $1" >&2; exit 2 ;;
  esac
done
load_reps=${load_reps:-$reps}
if [[ -z $build ]]; then
  for b in "$src/build-graph" "$src/build"; do [[ -x $b/geokg ]] && { build=$b; break; }; done
fi
geokg=$build/geokg
bench=$build/bench/geokg_graph_bench
py=/usr/bin/python3
[[ -x $geokg && -x $bench ]] || { echo "no geokg or geokg_graph_bench in '$build': build first" >&2; exit 1; }
$py -c 'import igraph' || { echo "python3-igraph is missing" >&2; exit 1; }
mkdir -p "$work"

machine() {
  echo "date: $(date -u +%Y-%m-%dT%H:%MZ)"
  echo "nproc: $(nproc)"
  echo "cpu: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
  echo "memory: $(free -g | awk '/Mem:/ {print $2}') GB"
  echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "geokg: $($geokg --version) ($(git -C "$src" rev-parse --short HEAD 2>/dev/null || echo '?'))"
  echo "igraph: $($py -c 'import igraph; print(igraph.__version__)'), sqlite3 $(sqlite3 --version 2>/dev/null | cut -d' ' -f1)"
}

for size in $sizes; do
  actors=${size%%:*}
  relations=${size##*:}
  triples=$((relations * 6 / 5))
  dir=$work/$actors-$relations
  mkdir -p "$dir"
  ours=$dir/geokg.jsonl
  theirs=$dir/igraph.jsonl
  again=0
  if ((reuse)) && [[ -s $dir/kg.db ]]; then
    again=1
    touch "$ours"
    grep -E '"op": "(load_triples|store_triples)"' "$ours" >"$ours.kept" || true
    mv "$ours.kept" "$ours"
  else
    : >"$ours"
  fi
  : >"$theirs"
  machine >"$dir/machine.txt"
  echo "== $actors actors, $relations relations, $triples triples -> $dir"

  if [[ ! -s $dir/triples.jsonl ]]; then
    "$bench" gen --actors "$actors" --relations "$relations" --triples "$triples" -o "$dir/triples.jsonl"
  fi

  # geokg load, end to end: JSON parsing, actor resolution, SQLite, index builds.
  for r in $(seq "$load_reps"); do
    ((again)) && break
    rm -f "$dir"/kg.db*
    /usr/bin/time -f '%e %U %S %M' -o "$dir/time.txt" \
      "$geokg" load --db "$dir/kg.db" "$dir/triples.jsonl" 2>"$dir/load.err"
    $py - "$dir/time.txt" "$dir/load.err" "$triples" >>"$ours" <<'PY'
import json, re, sys
wall, user, sys_, kb = open(sys.argv[1]).read().split()[-4:]
err = open(sys.argv[2]).read()
m = re.search(r"CPU ([\d.]+) s reading, ([\d.]+) s writing, ([\d.]+) s indexing", err)
t = int(sys.argv[3])
print(json.dumps({"op": "load_triples", "seconds": [float(wall)], "median": float(wall),
                  "cpu_s": round(float(user) + float(sys_), 2), "peak_mb": round(int(kb) / 1024),
                  "triples": t, "per_second": round(t / float(wall)),
                  "read_cpu_s": float(m[1]), "write_cpu_s": float(m[2]), "index_cpu_s": float(m[3])}))
PY
  done

  # The store layer alone (triples already in memory).
  for r in $(seq "$load_reps"); do
    ((again)) && break
    rm -f "$dir"/store.db*
    "$bench" store --actors "$actors" --relations "$relations" --triples "$triples" \
      --db "$dir/store.db" 2>/dev/null >>"$ours"
  done
  rm -f "$dir"/store.db*

  # Graph operations on the loaded database and reading geokg's GraphML file, geokg and igraph
  # taking turns, one run each per round, so that both see the same load on a shared machine
  # (summarize.py takes the medians over the rounds). Each process loads the graph afresh;
  # GraphML reading is a process of its own, for its peak memory. Betweenness (long, and with
  # no sampled counterpart in igraph) is timed in the first round only.
  for r in $(seq "$reps"); do
    echo "   round $r/$reps: graph operations"
    "$bench" ops --db "$dir/kg.db" --reps 1 --graphml "$dir/geokg.graphml" \
      --betweenness $((r == 1)) >>"$ours"
    $py "$src/bench/igraph_bench.py" ops "$dir/kg.db" "$dir/igraph.graphml" 1 >>"$theirs" 2>>"$dir/igraph.err"
    rm -f "$dir/igraph.graphml"
    echo "   round $r/$reps: GraphML read"
    "$bench" read-graphml "$dir/geokg.graphml" >>"$ours"
    $py "$src/bench/igraph_bench.py" read-graphml "$dir/geokg.graphml" >>"$theirs" 2>>"$dir/igraph.err"
  done

  machine | sed -n 's/^load average/load average after/p' >>"$dir/machine.txt"
  $py "$src/bench/summarize.py" "$dir" | tee "$dir/summary.md"
done
