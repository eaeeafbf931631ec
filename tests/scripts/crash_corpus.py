#!/usr/bin/env python3
"""Writes the corpus for the crash-safety and concurrency tests.

usage: crash_corpus.py EXAMPLES_DIR OUT_DIR N

OUT_DIR gets N articles as JSON Lines (a.jsonl, b.jsonl.gz: half each, the second
compressed) plus plain-text copies of the example articles, all built deterministically from
the paragraphs of our example articles (examples/*.txt): each article is three paragraphs
and a unique closing line. Every tenth article is a near-duplicate of an earlier one (same
text, another headline), so that the near-duplicate index is part of what must survive.
"""
import gzip
import json
import os
import random
import shutil
import sys


def main():
    examples, out, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
    os.makedirs(out, exist_ok=True)
    paragraphs = []
    for name in sorted(os.listdir(examples)):
        if name.endswith(".txt"):
            with open(os.path.join(examples, name), encoding="utf-8") as f:
                text = f.read()
            shutil.copy(os.path.join(examples, name), os.path.join(out, "t-" + name))
            paragraphs += [p.strip() for p in text.split("\n\n") if len(p.strip()) > 80]
    rng = random.Random(20240601)
    articles = []
    for i in range(n):
        if i % 10 == 9 and articles:
            base = articles[rng.randrange(len(articles))]
            text = "Republished: " + base["text"]
        else:
            text = "\n\n".join(rng.sample(paragraphs, 3)) + "\n\nReport number %d." % i
        articles.append({"id": "gen-%04d" % i, "text": text, "date": "2020-01-%02d" % (1 + i % 28)})
    half = len(articles) // 2
    with open(os.path.join(out, "a.jsonl"), "w", encoding="utf-8") as f:
        for a in articles[:half]:
            f.write(json.dumps(a, ensure_ascii=False) + "\n")
    with gzip.open(os.path.join(out, "b.jsonl.gz"), "wt", encoding="utf-8") as f:
        for a in articles[half:]:
            f.write(json.dumps(a, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
