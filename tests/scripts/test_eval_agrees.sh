#!/usr/bin/env bash
# `geokg eval` agrees with ../shared/eval/score.py: every count and ratio of their --json
# output, per class too, on our hand-made edge cases (tests/data/eval) and on the dev sets,
# coarse and --fine, relations and entities; and its in-process extraction scores what
# 'geokg extract' + score.py score. Skips (77) without ../shared/eval or python3.
set -euo pipefail
bin=$1
src=$2
ev="$src/../shared/eval"
command -v python3 >/dev/null || { echo "no python3: skipped"; exit 77; }
[ -f "$ev/score.py" ] || { echo "no ../shared/eval: skipped"; exit 77; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cat >"$tmp/same.py" <<'PY'
import json, sys
a, b = (json.load(open(p)) for p in sys.argv[1:3])
for d in (a, b):
    d.pop("gold", None); d.pop("pred", None)
def same(x, y, at):
    if isinstance(x, dict) and isinstance(y, dict):
        if set(x) != set(y):
            sys.exit("%s: keys differ: %s" % (at, sorted(set(x) ^ set(y))))
        for k in x:
            same(x[k], y[k], at + "/" + k)
    elif isinstance(x, float) or isinstance(y, float):
        if abs(x - y) > 1e-12:
            sys.exit("%s: score.py %r, geokg %r" % (at, x, y))
    elif x != y:
        sys.exit("%s: score.py %r, geokg %r" % (at, x, y))
same(a, b, sys.argv[3])
PY
n=0
check() {  # check LABEL SCORE_ARGS... : both scorers with the same arguments
  local label=$1; shift
  python3 "$ev/score.py" --json "$@" >"$tmp/a.json"
  "$bin" eval --json "$@" >"$tmp/b.json"
  python3 "$tmp/same.py" "$tmp/a.json" "$tmp/b.json" "$label"
  python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print("%-28s agree: TP %d FP %d FN %d F1 %.4f" % (sys.argv[2], d["tp"], d["fp"], d["fn"], d["f1"]))' "$tmp/a.json" "$label"
  n=$((n + 1))
}
d="$src/tests/data/eval"
check "edge cases coarse" --gold "$d/relations.gold.jsonl" --pred "$d/relations.pred.jsonl"
check "edge cases --fine" --fine --gold "$d/relations.gold.jsonl" --pred "$d/relations.pred.jsonl"
check "edge cases entities" --entities --gold "$d/entities.gold.jsonl" --pred "$d/entities.pred.jsonl"
# The text output too, line for line.
diff <(python3 "$ev/score.py" --fine --gold "$d/relations.gold.jsonl" --pred "$d/relations.pred.jsonl") \
     <("$bin" eval --fine --gold "$d/relations.gold.jsonl" --pred "$d/relations.pred.jsonl")
diff <(python3 "$ev/score.py" --entities --gold "$d/entities.gold.jsonl" --pred "$d/entities.pred.jsonl") \
     <("$bin" eval --gold "$d/entities.gold.jsonl" --pred "$d/entities.pred.jsonl")
for set in seed popcorn-train re3d-dev; do
  [ -f "$ev/dev/$set.gold.jsonl" ] || continue
  "$bin" extract -q "$ev/dev/$set.articles.jsonl" >"$tmp/$set.out"
  check "$set coarse" --gold "$ev/dev/$set.gold.jsonl" --pred "$tmp/$set.out"
  check "$set --fine" --fine --gold "$ev/dev/$set.gold.jsonl" --pred "$tmp/$set.out"
done
if [ -f "$ev/dev/winer-dev.entities.jsonl" ]; then
  "$bin" extract -q --entities "$ev/dev/winer-dev.articles.jsonl" >"$tmp/winer.out"
  check "winer-dev entities" --entities --gold "$ev/dev/winer-dev.entities.jsonl" --pred "$tmp/winer.out"
  # Default mode: geokg extracts the articles next to the gold itself.
  "$bin" eval --json --gold "$ev/dev/winer-dev.entities.jsonl" --save-pred "$tmp/saved.out" >"$tmp/b.json"
  python3 "$ev/score.py" --json --entities --gold "$ev/dev/winer-dev.entities.jsonl" --pred "$tmp/winer.out" >"$tmp/a.json"
  python3 "$tmp/same.py" "$tmp/a.json" "$tmp/b.json" "winer-dev in process"
  cmp "$tmp/saved.out" "$tmp/winer.out"
fi
if [ -f "$ev/dev/re3d-dev.gold.jsonl" ]; then
  "$bin" eval --json --gold "$ev/dev/re3d-dev.gold.jsonl" >"$tmp/b.json"
  python3 "$ev/score.py" --json --gold "$ev/dev/re3d-dev.gold.jsonl" --pred "$tmp/re3d-dev.out" >"$tmp/a.json"
  python3 "$tmp/same.py" "$tmp/a.json" "$tmp/b.json" "re3d-dev in process"
fi
# Exit codes: a bad gold line is named with its line (1), usage errors are 2.
printf '{"doc": "d1", "subject": ["A"], "relation": "HUGS", "object": ["B"]}\n' >"$tmp/bad.gold.jsonl"
set +e
"$bin" eval --gold "$tmp/bad.gold.jsonl" --pred "$d/relations.pred.jsonl" 2>"$tmp/err"; rc=$?
set -e
[ "$rc" = 1 ] && grep -q "bad.gold.jsonl:1:" "$tmp/err" || { echo "bad gold: rc $rc, $(cat "$tmp/err")"; exit 1; }
set +e
"$bin" eval --pred x.jsonl 2>/dev/null; rc=$?
set -e
[ "$rc" = 2 ] || { echo "no --gold: rc $rc"; exit 1; }
echo "$n comparisons agree"
