#!/usr/bin/env python3
"""Checks the outputs of one `geokg` reader that ran during an ingest (test_concurrency_*.sh).

usage: concurrency_check.py KIND OUTPUT REFERENCE_COUNTS
  KIND is stats, jsonl or graphml; OUTPUT the file the reader wrote; REFERENCE_COUNTS a file
  of "doc count" lines: the triples of each article in an uninterrupted ingest.

Exits 1 with a message when the output is not one consistent snapshot: stats whose
breakdowns do not add up, a triples export holding part of an article, a GraphML edge whose
end is not a node.
"""
import json
import sys
import xml.etree.ElementTree as ET


def main():
    kind, path, ref_path = sys.argv[1:4]
    ref = {}
    with open(ref_path, encoding="utf-8") as f:
        for line in f:
            doc, n = line.rsplit(" ", 1)
            ref[doc] = int(n)
    if kind == "stats":
        with open(path, encoding="utf-8") as f:
            s = json.load(f)
        problems = []
        if sum(s["articles_by_lang"].values()) != s["articles"]:
            problems.append("articles_by_lang does not add up to articles")
        if sum(s["entities_by_type"].values()) != s["entities"]:
            problems.append("entities_by_type does not add up to entities")
        if sum(s["relations_by_type"].values()) != s["relations"]:
            problems.append("relations_by_type does not add up to relations")
        if s["relations"] > 0 and s["evidence"] < s["relations"]:
            problems.append("fewer evidence rows than relations")
        if problems:
            sys.exit("stats not from one snapshot: %s: %s" % ("; ".join(problems), json.dumps(s)))
    elif kind == "jsonl":
        counts = {}
        with open(path, encoding="utf-8") as f:
            for line in f:
                t = json.loads(line)
                counts[t["doc"]] = counts.get(t["doc"], 0) + 1
        for doc, n in counts.items():
            if doc not in ref:
                sys.exit("triples export: unknown doc %r" % doc)
            if n != ref[doc]:
                sys.exit("triples export holds %d of the %d triples of %r" % (n, ref[doc], doc))
    elif kind == "graphml":
        ns = "{http://graphml.graphdrawing.org/xmlns}"
        root = ET.parse(path).getroot()
        nodes = {n.get("id") for n in root.iter(ns + "node")}
        for e in root.iter(ns + "edge"):
            if e.get("source") not in nodes or e.get("target") not in nodes:
                sys.exit("GraphML edge %s links a node that is not there" % e.get("id"))
    else:
        sys.exit("unknown kind " + kind)


if __name__ == "__main__":
    main()
