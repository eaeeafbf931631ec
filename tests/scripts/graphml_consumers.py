"""Loads a geokg GraphML export in networkx and igraph and checks it against its database.

usage: graphml_consumers.py FILE.graphml FILE.db
Exit status: 0 when both libraries read the same graph as the database holds, 1 otherwise,
77 when networkx or igraph is not installed.
"""

import re
import sqlite3
import sys

try:
    import igraph
    import networkx as nx
except ImportError as e:  # the test is skipped, not failed, without them
    print(f"skip: {e}")
    sys.exit(77)

# What XmlEscape drops: characters XML 1.0 cannot carry.
NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def main(graphml, db):
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    actors = {i: (NOT_XML.sub("", name), type_) for i, name, type_ in
              con.execute("SELECT id, name, type FROM entities")}
    relations = {i: (s, o, t, bool(n), c) for i, s, o, t, n, c in
                 con.execute("SELECT id, subject_id, object_id, type, negated, evidence_count "
                             "FROM relations")}
    failures = []

    def check(what, got, want):
        if got != want:
            failures.append(f"{what}: got {got!r}, want {want!r}")

    g = nx.read_graphml(graphml)
    check("networkx directed", g.is_directed(), True)
    check("networkx nodes", g.number_of_nodes(), len(actors))
    check("networkx edges", g.number_of_edges(), len(relations))
    for node, data in g.nodes(data=True):
        entity_id = data.get("entity_id")
        check(f"networkx {node} entity_id type", type(entity_id), int)
        check(f"networkx {node} id", node, f"n{entity_id}")
        check(f"networkx {node} name/type", (data.get("name"), data.get("type")),
              actors.get(entity_id))
    # networkx keeps the GraphML edge id as the key of a multigraph (which it builds when two
    # edges join the same nodes), else as the "id" attribute.
    if g.is_multigraph():
        edges = [(s, o, key, data) for s, o, key, data in g.edges(keys=True, data=True)]
    else:
        edges = [(s, o, data.get("id"), data) for s, o, data in g.edges(data=True)]
    check("networkx edge ids", sorted(str(key) for _, _, key, _ in edges),
          sorted(f"e{i}" for i in relations))
    for s, o, key, data in edges:
        if not (isinstance(key, str) and key.startswith("e") and int(key[1:]) in relations):
            failures.append(f"networkx edge {s}->{o}: unexpected id {key!r}")
            continue
        rel_id = int(key[1:])
        subj, obj, rel, negated, count = relations[rel_id]
        check(f"networkx e{rel_id} ends", (s, o), (f"n{subj}", f"n{obj}"))
        check(f"networkx e{rel_id} relation", data.get("relation"), rel)
        check(f"networkx e{rel_id} negated", data.get("negated"), negated)
        check(f"networkx e{rel_id} evidence_count", data.get("evidence_count"), count)

    h = igraph.Graph.Read_GraphML(graphml)
    check("igraph directed", h.is_directed(), True)
    check("igraph nodes", h.vcount(), len(actors))
    check("igraph edges", h.ecount(), len(relations))
    check("igraph names", sorted(h.vs["name"]), sorted(name for name, _ in actors.values()))
    check("igraph negated edges", sum(1 for v in h.es["negated"] if v),
          sum(1 for r in relations.values() if r[3]))
    check("igraph edge ids", sorted(h.es["id"]), sorted(f"e{i}" for i in relations))

    for f in failures:
        print(f)
    print(f"networkx and igraph: {len(actors)} nodes, {len(relations)} edges"
          + (f", {len(failures)} failures" if failures else ", as in the database"))
    return 1 if failures else 0


if __name__ == "__main__":
    if len(sys.argv) != 3:
        print(__doc__)
        sys.exit(2)
    sys.exit(main(sys.argv[1], sys.argv[2]))
