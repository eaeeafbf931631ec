#!/usr/bin/env bash
# Configures and builds geokg in ./build (Release with debug info).
set -euo pipefail
cd "$(dirname "$0")/.."
# ccache, when installed, makes rebuilds in fresh clones cheap (CCACHE_BASEDIR=/parent/dir
# lets clones share its cache); builds are the same without it.
launcher=()
command -v ccache >/dev/null && launcher=(-DCMAKE_C_COMPILER_LAUNCHER=ccache -DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo "${launcher[@]}" "$@" >/dev/null
cmake --build build -j"$(nproc)"
