#!/usr/bin/env bash
# Installs everything geokg needs to build, run and test, from Debian 12's packages.
# wordnet-base (English lemmas) and festlex-poslex (English parts of speech) are data read at
# run time; festlex-poslex pulls in festival, of which geokg uses nothing else.
# clang, libclang-rt-14-dev (libFuzzer, sanitizer runtimes) and llvm (llvm-symbolizer, for
# readable sanitizer reports) are for the sanitizer build and the fuzz targets.
set -euo pipefail
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends \
  build-essential cmake pkg-config git ca-certificates \
  libsqlite3-dev sqlite3 libboost-graph-dev nlohmann-json3-dev \
  libicu-dev libxml2-dev libxml2-utils zlib1g-dev libzstd-dev zstd \
  libhunspell-dev hunspell-fr-classical hunspell-en-us wordnet-base festlex-poslex \
  libgtest-dev googletest \
  python3 python3-networkx python3-igraph \
  clang libclang-rt-14-dev llvm >/dev/null
echo "geokg: dependencies installed"
