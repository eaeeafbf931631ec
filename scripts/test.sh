#!/usr/bin/env bash
# Builds geokg with its tests and runs the whole suite under ctest.
#
# usage: scripts/test.sh               ./build, RelWithDebInfo (what users get)
#        scripts/test.sh --sanitize    ./build-sanitize: AddressSanitizer and
#                                      UndefinedBehaviorSanitizer. With clang, the fuzz
#                                      targets are libFuzzer binaries (GEOKG_FUZZ) and
#                                      scripts/fuzz.sh can reuse the build
#                                      (GEOKG_FUZZ_BUILD=build-sanitize); with GCC only the
#                                      sanitizers. Any failure, leak or undefined behaviour
#                                      fails the run.
set -euo pipefail
cd "$(dirname "$0")/.."

if [[ ${1:-} != --sanitize ]]; then
  bash scripts/build.sh -DGEOKG_BUILD_TESTS=ON
  cd build
  ctest --output-on-failure -j"$(nproc)"
  exit
fi

dir=build-sanitize
# ccache, when installed, makes rebuilds cheap (as in scripts/build.sh).
launcher=()
command -v ccache >/dev/null && launcher=(-DCMAKE_C_COMPILER_LAUNCHER=ccache -DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
if command -v clang++ >/dev/null && [[ -n $(clang++ -print-file-name=libclang_rt.fuzzer-x86_64.a 2>/dev/null | grep /) ]]; then
  [[ -f $dir/CMakeCache.txt ]] || CC=clang CXX=clang++ cmake -S . -B "$dir" \
    -DCMAKE_BUILD_TYPE=RelWithDebInfo -DGEOKG_BUILD_TESTS=ON -DGEOKG_FUZZ=ON "${launcher[@]}" >/dev/null
else
  echo "test.sh: no clang with libFuzzer: sanitizers only (GCC)"
  [[ -f $dir/CMakeCache.txt ]] || cmake -S . -B "$dir" \
    -DCMAKE_BUILD_TYPE=RelWithDebInfo -DGEOKG_BUILD_TESTS=ON -DGEOKG_SANITIZE=ON "${launcher[@]}" >/dev/null
fi
cmake --build "$dir" -j"$(nproc)"
cd "$dir"
# halt_on_error: the first report fails the test; detect_leaks: LeakSanitizer at exit.
export ASAN_OPTIONS=${ASAN_OPTIONS:-halt_on_error=1:detect_leaks=1:abort_on_error=0}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-halt_on_error=1:print_stacktrace=1}
ctest --output-on-failure -j"$(nproc)"
