"""Turns one size's results (DIR/geokg.jsonl, DIR/igraph.jsonl, DIR/machine.txt) into the
markdown table of docs/BENCHMARKS.md.

usage: summarize.py DIR

Operations timed several times (one run per round, geokg and igraph taking turns) are reduced
to the median of their runs, wall time and CPU time (user + system of the process) apart;
"peak MB" is the largest seen. Ratio = igraph's time / geokg's: above 1 geokg is faster. On a
shared machine the CPU ratio is the steadier one: wall times also count the waits for a core.
"""

import json
import statistics
import sys
from collections import defaultdict


def read(path):
    runs = defaultdict(list)
    with open(path) as f:
        for line in f:
            if line.strip():
                d = json.loads(line)
                runs[d["op"]].append(d)
    return runs


def median(runs, op, field="seconds"):
    if op not in runs:
        return None
    values = [v for d in runs[op] if field in d
              for v in (d[field] if isinstance(d[field], list) else [d[field]])]
    return statistics.median(values) if values else None


def peak(runs, op):
    return max((d.get("peak_mb", 0) for d in runs.get(op, [])), default=None)


def fmt(s):
    if s is None:
        return "—"
    if s >= 100:
        return f"{s:.0f} s"
    if s >= 1:
        return f"{s:.2f} s"
    return f"{s * 1000:.1f} ms"


def main(d):
    ours = read(f"{d}/geokg.jsonl")
    theirs = read(f"{d}/igraph.jsonl")
    out = []
    out.append("```")
    out.append(open(f"{d}/machine.txt").read().strip())
    out.append("```")
    mem = ours.get("graph_memory", [{}])[0]
    out.append(f"\n{mem.get('actors', '?'):,} actors, {mem.get('relations', '?'):,} relations "
               "(skewed degrees); medians of the runs.\n")
    runs = max(len(ours.get("load_sqlite", [])), 1)
    out[-1] = out[-1].replace("medians of the runs", f"medians of {runs} round{'s' if runs != 1 else ''}")
    out.append("| operation | geokg wall | igraph wall | ratio | geokg CPU | igraph CPU | CPU ratio "
               "| notes |")
    out.append("|---|---:|---:|---:|---:|---:|---:|---|")

    def ratio(a, b):
        return f"{b / a:.1f}×" if a and b else "—"

    def row(label, our_op, their_op, note=""):
        a = median(ours, our_op) if our_op else None
        b = median(theirs, their_op) if their_op else None
        ca = median(ours, our_op, "cpu") if our_op else None
        cb = median(theirs, their_op, "cpu") if their_op else None
        out.append(f"| {label} | {fmt(a)} | {fmt(b)} | {ratio(a, b)} | {fmt(ca)} | {fmt(cb)} | "
                   f"{ratio(ca, cb)} | {note} |")

    row("load from SQLite into the graph (all attributes)", "load_sqlite", "load_sqlite",
        "igraph: python3 sqlite3 rows into Graph()")
    row("… igraph from an edge list file (structure only)", None, "load_edgelist",
        "Read_Edgelist, for reference")
    row("undirected simple graph for paths (one-off)", "undirected_index", "undirected_index",
        "igraph: subgraph_edges + as_undirected + simplify")
    row("neighbours of 10,000 actors", "neighbors_10k", "neighbors_10k",
        "igraph: 10,000 neighbors() calls from Python")
    row("… igraph in one call (neighborhood, order 1)", "neighbors_10k", "neighborhood_10k",
        "one C call for all 10,000; unique neighbours")
    row("… through the query API (facts with names)", "neighbors_api_10k", None,
        "KnowledgeGraph::Neighbors, no evidence read")
    row("… filtered (class, date window, min evidence), 1,000 actors", "neighbors_filtered_1k", None,
        "evidence read from SQLite for the window")
    row("BFS from 5 sources (whole graph)", "bfs_5_sources", "bfs_5_sources", "")
    row("shortest path, 100 pairs", "path_100_pairs", "path_100_pairs", "stops at the target")
    row("weighted shortest path, 20 pairs", "path_weighted_20_pairs", "path_weighted_20_pairs",
        "cost 1/evidence; far ends: most of the graph is explored")
    row("Dijkstra from 5 sources (whole graph)", "dijkstra_5_sources", "dijkstra_5_sources", "")
    row("… Boost's dijkstra_shortest_paths", "dijkstra_boost_5_sources", "dijkstra_5_sources", "")
    iters = ours.get("pagerank", [{}])[0].get("iterations", "?")
    row("PageRank to convergence", "pagerank", "pagerank",
        f"geokg: power iteration, {iters} iterations to 1e-10; igraph: PRPACK")
    row("… on 2 threads", "pagerank_2_threads", "pagerank", "CPU: both threads")
    row("… Boost's page_rank, 20 iterations", "pagerank_boost_20_iterations", "pagerank", "")
    row("… ours, 20 iterations", "pagerank_20_iterations", "pagerank", "")
    row("betweenness, estimated from 100 sources", "betweenness_100_sources", None,
        "igraph has no sampled betweenness")
    row("GraphML write (all attributes)", "graphml_write", "graphml_write", "")
    row("GraphML read", "graphml_read", "graphml_read",
        f"peak memory: geokg {peak(ours, 'graphml_read')} MB, igraph {peak(theirs, 'graphml_read')} MB")
    g = ours.get("graph_memory", [{}])[0]
    gu = ours.get("graph_memory_with_undirected", [{}])[0]
    i = theirs.get("graph_memory", [{}])[0]
    out.append(f"| graph in memory | {g.get('graph_mb', '?')} MB ({gu.get('graph_mb', '?')} MB with "
               f"the undirected index) | {i.get('rss_delta_mb', '?')} MB | | | | | geokg: "
               "KnowledgeGraph::MemoryBytes; igraph: resident memory growth |")

    store = ours.get("store_triples", [])
    if store:
        rate = statistics.median(d["per_second"] for d in store)
        cpu = statistics.median(d["per_write_cpu_second"] for d in store)
        cpu_all = statistics.median(d["per_cpu_second_with_indexes"] for d in store)
        out.append(f"| triples into SQLite, store layer | {rate:,.0f} /s | | | | | | "
                   f"{cpu:,.0f} per CPU second of writing, {cpu_all:,.0f} with the index builds |")
    load = ours.get("load_triples", [])
    if load:
        rate = statistics.median(d["per_second"] for d in load)
        wall = statistics.median(d["median"] for d in load)
        read_cpu = statistics.median(d["read_cpu_s"] for d in load)
        write_cpu = statistics.median(d["write_cpu_s"] for d in load)
        index_cpu = statistics.median(d["index_cpu_s"] for d in load)
        cpu_rate = statistics.median(d["triples"] / d["cpu_s"] for d in load)
        out.append(f"| `geokg load` of the triples file, end to end | {rate:,.0f} /s | | | "
                   f"{cpu_rate:,.0f} /CPU s | | | "
                   f"{fmt(wall)}; CPU {read_cpu:.1f} s reading + {write_cpu:.1f} s writing + "
                   f"{index_cpu:.1f} s indexing; peak {max(d['peak_mb'] for d in load)} MB |")
    print("\n".join(out))


if __name__ == "__main__":
    if len(sys.argv) != 2:
        print(__doc__)
        sys.exit(2)
    main(sys.argv[1])
