#!/usr/bin/env bash
# The seed article (../shared/eval/dev): fine-type F1 >= 0.8 and no triple from the page
# chrome. Skips (77) when ../shared is absent.
set -euo pipefail
bin=$1
src=$2
ev="$src/../shared/eval"
[ -f "$ev/score.py" ] && [ -f "$ev/dev/seed.articles.jsonl" ] || { echo "no ../shared/eval: skipped"; exit 77; }
out=$(mktemp)
trap 'rm -f "$out"' EXIT
"$bin" extract "$ev/dev/seed.articles.jsonl" >"$out"
line=$(python3 "$ev/score.py" --fine --gold "$ev/dev/seed.gold.jsonl" --pred "$out" | tail -n 1)
echo "seed: $line"
f1=$(echo "$line" | awk '{print $2}')
python3 -c "import sys; sys.exit(0 if float('$f1') >= 0.8 else 1)" || { echo "seed F1 $f1 < 0.8"; exit 1; }
# Page chrome: the navigation and other stories' headlines after the article body.
if python3 - "$out" <<'PY'
import json, sys
bad = ("Hezbollah", "Hamas", "Les plus comment", "Dernières Infos", "appli libanaise")
for line in open(sys.argv[1]):
    j = json.loads(line)
    texts = [j["evidence"]] + [j["subject"]["mention"], j["object"]["mention"]]
    if any(b in t for t in texts for b in bad):
        print("triple from page chrome:", line.strip())
        sys.exit(0)
sys.exit(1)
PY
then exit 1; fi
echo "no triple from the page chrome"
