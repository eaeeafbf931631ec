#!/usr/bin/env bash
# Builds geokg with its tests and runs the whole suite under ctest.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/build.sh -DGEOKG_BUILD_TESTS=ON
cd build
ctest --output-on-failure -j"$(nproc)"
