#!/usr/bin/env bash
# Regenerates the generated gazetteer files (states.tsv, orgs.tsv, places.tsv) and validates
# every file in data/gazetteer/. See docs/GAZETTEER.md.
#
# Needs (Debian 12): iso-codes, libgeonames0 + libgeonames-common, python3, npm.
#   sudo apt-get install iso-codes libgeonames0 libgeonames-common
# The npm package world-countries (ODbL-1.0) is installed under $WC_DIR (default
# /tmp/geokg-world-countries), never into the repository.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
WC_VERSION="${WC_VERSION:-5.1.0}"
WC_DIR="${WC_DIR:-/tmp/geokg-world-countries}"
wc_json="$WC_DIR/node_modules/world-countries/countries.json"
if [ ! -f "$wc_json" ]; then
  mkdir -p "$WC_DIR"
  (cd "$WC_DIR" && npm install --no-save --silent "world-countries@$WC_VERSION")
fi
python3 "$here/make_states.py" --world-countries "$wc_json"
python3 "$here/make_orgs.py"
# places last: it drops place names that the other files use
python3 "$here/make_places.py" --world-countries "$wc_json"
python3 "$here/check.py" --quiet
