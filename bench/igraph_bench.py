"""igraph's side of bench/run_graph_bench.sh: the same operations on the same graph.

usage: igraph_bench.py ops DB GRAPHML_OUT [REPS]
       igraph_bench.py read-graphml FILE

`ops` loads the relations of a geokg database into igraph (python3-igraph, Debian's) with the
same attributes geokg keeps, then times what geokg_graph_bench times, on the same vertices
(vertex i is the i-th actor by entities.id in both). Prints one JSON line per operation:
{"op", "seconds": [...], "median", "rss_mb", "peak_mb", ...}.
"""

import json
import os
import resource
import sqlite3
import sys
import tempfile
import time

import igraph


def rss_mb():
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * 4096 / 2**20


def peak_mb():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def cpu():
    u = resource.getrusage(resource.RUSAGE_SELF)
    return u.ru_utime + u.ru_stime


def report(op, secs, cpu_secs=None, **extra):
    secs = list(secs)
    line = {"op": op, "seconds": [round(s, 4) for s in secs],
            "median": round(sorted(secs)[len(secs) // 2], 4)}
    if cpu_secs is not None:
        line["cpu"] = [round(s, 4) for s in cpu_secs]
    line.update({"rss_mb": round(rss_mb()), "peak_mb": round(peak_mb())})
    line.update(extra)
    print(json.dumps(line), flush=True)


def timed(op, reps, fn, **extra):
    secs, cpus = [], []
    result = None
    for _ in range(reps):
        t = time.perf_counter()
        c = cpu()
        result = fn()
        secs.append(time.perf_counter() - t)
        cpus.append(cpu() - c)
    report(op, secs, cpus, **extra)
    return result


def load(db):
    """The graph as geokg loads it: every actor and relation with their attributes."""
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    ids, keys, names, types, countries = [], [], [], [], []
    for i, k, n, t, c in con.execute(
            "SELECT id, key, name, type, coalesce(country, '') FROM entities ORDER BY id"):
        ids.append(i)
        keys.append(k)
        names.append(n)
        types.append(t)
        countries.append(c)
    index = {i: v for v, i in enumerate(ids)}
    edges, rid, rel, neg, cameo, count, first, last, mod = [], [], [], [], [], [], [], [], []
    for r, s, o, t, n, c, e, f, l, m in con.execute(
            "SELECT id, subject_id, object_id, type, negated, coalesce(cameo, ''), "
            "evidence_count, coalesce(first_date, ''), coalesce(last_date, ''), modality "
            "FROM relations ORDER BY id"):
        edges.append((index[s], index[o]))
        rid.append(r)
        rel.append(t)
        neg.append(bool(n))
        cameo.append(c)
        count.append(e)
        first.append(f)
        last.append(l)
        mod.append(m)
    g = igraph.Graph(n=len(ids), edges=edges, directed=True)
    g.vs["entity_id"] = ids
    g.vs["key"] = keys
    g.vs["name"] = names
    g.vs["type"] = types
    g.vs["country"] = countries
    g.es["relation_id"] = rid
    g.es["relation"] = rel
    g.es["negated"] = neg
    g.es["cameo"] = cameo
    g.es["evidence_count"] = count
    g.es["first_date"] = first
    g.es["last_date"] = last
    g.es["modality"] = mod
    return g


def ops(db, graphml_out, reps):
    base = rss_mb()
    g = None

    def do_load():
        nonlocal g
        g = None
        g = load(db)
    timed("load_sqlite", reps, do_load)
    n = g.vcount()
    report("graph_memory", [0], actors=n, relations=g.ecount(), rss_delta_mb=round(rss_mb() - base))

    # Structure only, from an edge list file (igraph's fastest reader), for reference.
    with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False) as f:
        for s, o in g.get_edgelist():
            f.write(f"{s} {o}\n")
        edgelist = f.name
    timed("load_edgelist", reps, lambda: igraph.Graph.Read_Edgelist(edgelist, directed=True))
    os.unlink(edgelist)

    # What geokg's paths and analytics walk: relations not negated; for distances the simple
    # undirected graph, a pair's cost 1 / (its evidence).
    t = time.perf_counter()
    c = cpu()
    kept = g.subgraph_edges([e.index for e in g.es if not e["negated"]], delete_vertices=False)
    und = kept.as_undirected(mode="collapse", combine_edges={"evidence_count": "sum"})
    und.simplify(multiple=True, loops=True, combine_edges={"evidence_count": "sum"})
    und.es["w"] = [1.0 / max(c, 1) for c in und.es["evidence_count"]]
    report("undirected_index", [time.perf_counter() - t], [cpu() - c])

    sample = [(i * 7919) % n for i in range(10000)]
    timed("neighbors_10k", reps, lambda: [kept.neighbors(v, mode="all") for v in sample])
    timed("neighborhood_10k", reps, lambda: kept.neighborhood(vertices=sample, order=1, mode="all"))
    sources = [(i * 7919) % n for i in range(5)]
    timed("bfs_5_sources", reps, lambda: und.distances(source=sources, mode="all"))
    pairs = [((i * 7919) % n, (i * 104729 + 17) % n) for i in range(100)]
    timed("path_100_pairs", reps,
          lambda: [und.get_shortest_paths(s, to=t, mode="all", output="vpath") for s, t in pairs])
    timed("path_weighted_20_pairs", reps,
          lambda: [und.get_shortest_paths(s, to=t, weights="w", mode="all", output="vpath")
                   for s, t in pairs[:20]])
    timed("dijkstra_5_sources", reps,
          lambda: und.distances(source=sources, weights="w", mode="all"))
    timed("pagerank", reps, lambda: kept.pagerank(directed=True, damping=0.85))
    timed("graphml_write", reps, lambda: g.write_graphml(graphml_out))


def read_graphml(path):
    t = time.perf_counter()
    c = cpu()
    g = igraph.Graph.Read_GraphML(path)
    report("graphml_read", [time.perf_counter() - t], [cpu() - c], cpu_s=round(cpu() - c, 2),
           nodes=g.vcount(), edges=g.ecount())


if __name__ == "__main__":
    if len(sys.argv) >= 4 and sys.argv[1] == "ops":
        ops(sys.argv[2], sys.argv[3], int(sys.argv[4]) if len(sys.argv) > 4 else 3)
    elif len(sys.argv) == 3 and sys.argv[1] == "read-graphml":
        read_graphml(sys.argv[2])
    else:
        print(__doc__)
        sys.exit(2)
