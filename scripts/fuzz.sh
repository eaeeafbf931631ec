#!/usr/bin/env bash
# Runs a libFuzzer target of fuzz/ for a given time (docs/RELIABILITY.md).
#
# usage: scripts/fuzz.sh TARGET SECONDS     TARGET: html jsonl text extract query export import,
#                                           or all
#
# Builds the targets with clang in ./build-fuzz (GEOKG_FUZZ=ON: libFuzzer, AddressSanitizer,
# UndefinedBehaviorSanitizer) unless $GEOKG_FUZZ_BUILD names another build folder. New
# inputs go to <build>/fuzz-corpus/TARGET (kept between runs); the seeds in
# fuzz/corpus/TARGET are read, never written. A crash leaves its input in
# <build>/fuzz-artifacts/TARGET/ and makes the script fail: copy that file into
# fuzz/corpus/TARGET/ (ctest then replays it in every build) and write a regression test.
#
# Environment: GEOKG_FUZZ_BUILD (build folder), GEOKG_FUZZ_JOBS (parallel fuzzing processes
# per target, default 1), GEOKG_FUZZ_NO_BUILD=1 (use the binaries as they are).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD

all=(html jsonl text extract query export import)
target=${1:-}
seconds=${2:-}
if [[ -z $target || -z $seconds || ! $seconds =~ ^[0-9]+$ ]]; then
  echo "usage: scripts/fuzz.sh TARGET SECONDS   (TARGET: ${all[*]} or all)" >&2
  exit 2
fi
if [[ $target == all ]]; then
  targets=("${all[@]}")
else
  [[ " ${all[*]} " == *" $target "* ]] || { echo "fuzz.sh: unknown target '$target' (${all[*]})" >&2; exit 2; }
  targets=("$target")
fi

build=${GEOKG_FUZZ_BUILD:-$root/build-fuzz}
if [[ ${GEOKG_FUZZ_NO_BUILD:-0} != 1 ]]; then
  command -v clang++ >/dev/null || { echo "fuzz.sh: clang++ not found (bash scripts/install-deps.sh)" >&2; exit 1; }
  if [[ ! -f $build/CMakeCache.txt ]]; then
    CC=clang CXX=clang++ cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo \
      -DGEOKG_FUZZ=ON >/dev/null
  fi
  cmake --build "$build" -j"$(nproc)" --target "${targets[@]/#/fuzz_}"
fi

jobs=${GEOKG_FUZZ_JOBS:-1}
failed=()
for t in "${targets[@]}"; do
  bin=$build/fuzz/fuzz_$t
  [[ -x $bin ]] || { echo "fuzz.sh: no $bin" >&2; exit 1; }
  work=$build/fuzz-corpus/$t
  artifacts=$build/fuzz-artifacts/$t
  mkdir -p "$work" "$artifacts"
  args=(-max_total_time="$seconds" -timeout=30 -rss_limit_mb=2560 -print_final_stats=1
        -artifact_prefix="$artifacts/")
  [[ -f fuzz/dict/$t.dict ]] && args+=(-dict="fuzz/dict/$t.dict")
  [[ -f fuzz/options/$t.options ]] && mapfile -t -O "${#args[@]}" args < <(grep -v '^#' "fuzz/options/$t.options")
  if ((jobs > 1)); then args+=(-fork="$jobs" -ignore_crashes=0); fi
  echo "== fuzz_$t for ${seconds}s (corpus $work, seeds fuzz/corpus/$t)"
  log=$artifacts/last-run.log
  if "$bin" "${args[@]}" "$work" "fuzz/corpus/$t" >"$log" 2>&1; then
    grep -E '^(#[0-9]+[[:space:]]+DONE|stat::number_of_executed_units)' "$log" || true
  else
    echo "fuzz_$t FAILED; the end of $log:" >&2
    tail -n 40 "$log" >&2
    echo "inputs that crashed: $(ls "$artifacts" | grep -v last-run.log | tr '\n' ' ')" >&2
    failed+=("$t")
  fi
done
if ((${#failed[@]})); then
  echo "fuzz.sh: crashes in: ${failed[*]} (inputs in $build/fuzz-artifacts/)" >&2
  exit 1
fi
echo "fuzz.sh: no crash in ${targets[*]}"
