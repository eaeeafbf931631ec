"""Reads geokg's exports with their real consumers and checks them against the database.

usage: export_consumers.py DIR DB
DIR holds all.graphml, all.gexf, all.json, all.cytoscape, csv/{actors,relations}.csv and
scores.json ({"pagerank": {entity_id: score}, "betweenness": {...}} from geokg query top);
they are exports of the whole database DB.

- GraphML: networkx and igraph, node and edge counts and attributes;
- GEXF 1.3: networkx (its reader knows GEXF 1.1 and 1.2; 1.3 differs only by its
  namespace for what geokg writes, so the namespace is registered first); igraph has no
  GEXF reader;
- node-link JSON: networkx.node_link_graph; Cytoscape.js JSON: networkx.cytoscape_graph;
- CSV: Python's csv module, with the header neo4j-admin expects;
- PageRank and betweenness: igraph's on the same graph.

Exit status: 0 when every consumer agrees with the database, 1 otherwise, 77 when networkx
or igraph is missing.
"""

import csv
import json
import re
import sqlite3
import sys

try:
    import igraph
    import networkx as nx
    from networkx.readwrite import gexf as nx_gexf
except ImportError as e:  # the test is skipped, not failed, without them
    print(f"skip: {e}")
    sys.exit(77)

NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
failures = []


def check(what, got, want):
    if got != want:
        failures.append(f"{what}: got {got!r}, want {want!r}")


def close(what, got, want, tol):
    if abs(got - want) > tol:
        failures.append(f"{what}: got {got!r}, want {want!r} (tolerance {tol})")


def main(d, db):
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    actors = {i: (name, type_, key) for i, name, type_, key in
              con.execute("SELECT id, name, type, key FROM entities")}
    relations = {i: (s, o, t, bool(n), c, f, l) for i, s, o, t, n, c, f, l in con.execute(
        "SELECT id, subject_id, object_id, type, negated, evidence_count, first_date, last_date "
        "FROM relations")}
    n_negated = sum(1 for r in relations.values() if r[3])

    def check_multigraph(tag, g, name_attr="name", start_end=False):
        check(f"{tag} directed", g.is_directed(), True)
        check(f"{tag} nodes", g.number_of_nodes(), len(actors))
        check(f"{tag} edges", g.number_of_edges(), len(relations))
        for node, data in g.nodes(data=True):
            eid = data.get("entity_id")
            check(f"{tag} {node} id", node, f"n{eid}")
            if eid not in actors:
                failures.append(f"{tag} {node}: no entity {eid}")
                continue
            name, type_, key = actors[eid]
            check(f"{tag} {node} name", data.get(name_attr), NOT_XML.sub("", name) if tag != "json" and tag != "cytoscape" else name)
            check(f"{tag} {node} type/key", (data.get("type"), data.get("key")), (type_, key))
        for s, o, k, data in g.edges(keys=True, data=True):
            rid = int(str(k)[1:])
            if rid not in relations:
                failures.append(f"{tag} edge {k}: no relation {rid}")
                continue
            subj, obj, rel, negated, count, first, last = relations[rid]
            check(f"{tag} {k} ends", (s, o), (f"n{subj}", f"n{obj}"))
            check(f"{tag} {k} relation", data.get("relation"), rel)
            check(f"{tag} {k} negated", data.get("negated"), negated)
            check(f"{tag} {k} evidence_count", data.get("evidence_count"), count)
            check(f"{tag} {k} dates", (data.get("first_date"), data.get("last_date")), (first, last))
            if start_end and first:
                check(f"{tag} {k} interval", (data.get("start"), data.get("end")), (first, last))

    # GraphML: networkx (a multigraph keyed by edge id) and igraph.
    g = nx.read_graphml(f"{d}/all.graphml", force_multigraph=True)
    check_multigraph("graphml", g)
    h = igraph.Graph.Read_GraphML(f"{d}/all.graphml")
    check("igraph directed", h.is_directed(), True)
    check("igraph nodes", h.vcount(), len(actors))
    check("igraph edges", h.ecount(), len(relations))
    check("igraph names", sorted(h.vs["name"]), sorted(NOT_XML.sub("", a[0]) for a in actors.values()))
    check("igraph keys", sorted(h.vs["key"]), sorted(a[2] for a in actors.values()))
    check("igraph negated edges", sum(1 for v in h.es["negated"] if v), n_negated)
    check("igraph edge ids", sorted(h.es["id"]), sorted(f"e{i}" for i in relations))
    check("igraph evidence", sum(h.es["evidence_count"]),
          sum(r[4] for r in relations.values()))

    # GEXF 1.3 through networkx's GEXF reader, the 1.3 namespace registered.
    nx_gexf.GEXF.versions["1.3"] = {
        "NS_GEXF": "http://gexf.net/1.3",
        "NS_VIZ": "http://gexf.net/1.3/viz",
        "NS_XSI": "http://www.w3.org/2001/XMLSchema-instance",
        "SCHEMALOCATION": "http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd",
        "VERSION": "1.3",
    }
    x = nx.read_gexf(f"{d}/all.gexf", version="1.3")
    check_multigraph("gexf", x, name_attr="label", start_end=True)
    check("gexf mode", x.graph.get("mode"), "dynamic")
    for s, o, k, data in x.edges(keys=True, data=True):
        check(f"gexf {k} weight", data.get("weight"), float(data.get("evidence_count", -1)))

    # JSON node-link (d3) and Cytoscape.js.
    check_multigraph("json", nx.node_link_graph(json.load(open(f"{d}/all.json"))))
    check_multigraph("cytoscape", nx.cytoscape_graph(json.load(open(f"{d}/all.cytoscape"))))

    # neo4j-admin CSV.
    with open(f"{d}/csv/actors.csv", newline="") as f:
        rows = list(csv.reader(f))
    check("csv actors header", rows[0],
          ["actorId:ID(Actor)", "entity_id:long", "key", "name", "type", "country", ":LABEL"])
    check("csv actors", len(rows) - 1, len(actors))
    for r in rows[1:]:
        eid = int(r[1])
        check(f"csv actor {eid}", (r[0], r[3].strip(), r[4], r[6]),
              (f"n{eid}", re.sub("[\x00-\x1f]", " ", actors[eid][0]).strip(), actors[eid][1],
               f"Actor;{actors[eid][1]}"))
    with open(f"{d}/csv/relations.csv", newline="") as f:
        rows = list(csv.reader(f))
    check("csv relations header", rows[0][:4],
          [":START_ID(Actor)", ":END_ID(Actor)", ":TYPE", "relation_id:long"])
    check("csv relations", len(rows) - 1, len(relations))
    for r in rows[1:]:
        rid = int(r[3])
        subj, obj, rel, negated, count, first, last = relations[rid]
        check(f"csv relation {rid}", (r[0], r[1], r[2], r[6], int(r[7]), r[8] or None, r[9] or None),
              (f"n{subj}", f"n{obj}", rel, "true" if negated else "false", count, first, last))

    # PageRank and betweenness against igraph's, on the relations that are not negated.
    scores = json.load(open(f"{d}/scores.json"))
    ids = {v.index: int(v["entity_id"]) for v in h.vs}
    kept = h.copy()
    kept.delete_edges([e.index for e in kept.es if e["negated"]])
    pr = kept.pagerank(directed=True, damping=0.85)
    for v, score in enumerate(pr):
        close(f"pagerank n{ids[v]}", scores["pagerank"][str(ids[v])], score, 1e-6)
    simple = kept.copy()
    simple.to_undirected(mode="collapse")
    simple.simplify()
    bc = simple.betweenness(directed=False)
    for v, score in enumerate(bc):
        close(f"betweenness n{ids[v]}", scores["betweenness"][str(ids[v])], score, 1e-6)

    for f in failures[:50]:
        print(f)
    print(f"consumers: {len(actors)} actors, {len(relations)} relations"
          + (f", {len(failures)} failures" if failures else "; GraphML, GEXF, JSON, Cytoscape, "
             "CSV, PageRank and betweenness agree with the database"))
    return 1 if failures else 0


if __name__ == "__main__":
    if len(sys.argv) != 3:
        print(__doc__)
        sys.exit(2)
    sys.exit(main(sys.argv[1], sys.argv[2]))
