// Exports of the knowledge graph, all streaming (written as they go, in large blocks; no
// document is built in memory):
//
//   GraphML      graph tools (Gephi, Cytoscape, yEd, networkx, igraph)
//   GEXF 1.3     Gephi, with each relation's [first, last] dates as its time interval
//   node-link    JSON for d3 (and networkx's node_link_graph)
//   Cytoscape    JSON elements for Cytoscape.js (and networkx's cytoscape_graph)
//   neo4j CSV    the two files `neo4j-admin database import` reads
//   triples      JSON Lines, one evidence a line (../shared/eval/README.md section 2 plus
//                the fields `geokg extract` adds), which `geokg load` reads back
//
// Each writes a Subgraph (KnowledgeGraph::Select, EgoNetwork, or {whole = true}). Actors are
// "n<entities.id>" and relations "e<relations.id>" in every format, so files of one database
// agree with each other. Text is escaped for its format (XML: XmlEscape rules; CSV: quoted,
// line breaks as spaces; JSON: invalid UTF-8 replaced), so the output is well-formed
// whatever names hold. Each returns kIoError when the stream fails; then what was written
// is incomplete.
#pragma once

#include <ostream>

#include "geokg/common/status.h"
#include "geokg/graph/graph.h"
#include "geokg/store/store.h"

namespace geokg {

// GraphML 1.0, directed; validates against the graphdrawing.org schema. Declared keys:
//   nodes: entity_id (long), key, name, type, country (strings; empty ones are omitted),
//          hops (int, ego networks only: the distance from the centre);
//   edges: relation, coarse, cameo, first_date, last_date, modality (strings), negated
//          (boolean), evidence_count (int).
Status WriteGraphml(const KnowledgeGraph& kg, const Subgraph& sg, std::ostream& os);
// The whole graph.
Status WriteGraphml(const KnowledgeGraph& kg, std::ostream& os);

// GEXF 1.3, directed, mode="dynamic" with timeformat="date": each relation spans
// [first_date, last_date] (partial dates widened: "2015-10" runs from the 1st to the 31st)
// and each actor the span of its relations, so Gephi's timeline plays the news. Edges carry
// weight = evidence count, label = relation type and the GraphML attributes as attvalues.
// Validates against the GEXF 1.3 schema.
Status WriteGexf(const KnowledgeGraph& kg, const Subgraph& sg, std::ostream& os);

// {"directed": true, "multigraph": true, "graph": {...}, "nodes": [{"id": "n1", ...}],
//  "links": [{"source": "n1", "target": "n2", "key": "e7", ...}]}: d3's force layouts and
// networkx.node_link_graph read it.
Status WriteNodeLinkJson(const KnowledgeGraph& kg, const Subgraph& sg, std::ostream& os);

// {"data": {...}, "directed": true, "multigraph": true, "elements": {"nodes": [{"data":
//  {"id": "n1", "value": "n1", ...}}], "edges": [{"data": {"id": "e7", "source": "n1",
//  "target": "n2", "key": "e7", ...}}]}}: cy.add(json.elements) in Cytoscape.js;
// networkx.cytoscape_graph reads it too.
Status WriteCytoscapeJson(const KnowledgeGraph& kg, const Subgraph& sg, std::ostream& os);

// neo4j-admin's CSV layout, header line included:
//   actors:    actorId:ID(Actor),entity_id:long,key,name,type,country,:LABEL
//              (labels "Actor;<TYPE>")
//   relations: :START_ID(Actor),:END_ID(Actor),:TYPE,relation_id:long,coarse,cameo,
//              negated:boolean,evidence_count:long,first_date:date,last_date:date,modality
// Import with: neo4j-admin database import full --nodes=actors.csv
//              --relationships=relations.csv DATABASE
Status WriteNeo4jCsv(const KnowledgeGraph& kg, const Subgraph& sg, std::ostream& actors,
                     std::ostream& relations);

// Which evidence WriteTriplesJsonl writes.
struct TripleSelection {
  const KnowledgeGraph* graph = nullptr;  // with `subgraph`: only its relations
  const Subgraph* subgraph = nullptr;     // null or whole: every relation
  DateRange dates;                        // bounded: only evidence dated inside
};

// Writes the evidence of `store` (not owned), one triple a line, in evidence order:
//   {"doc", "subject": {"name", "mention", "type", "key", "country"}, "relation",
//    "object": {...}, "negated", "coarse", "cameo", "modality", "mode", "role", "date",
//    "article_date", "lang", "sentence", "span": [begin, end], "evidence", "trigger",
//    "confidence"}
// (fields without a value are left out; "mention" falls back on the name). Returns the
// store's error, or kIoError when `os` fails.
Status WriteTriplesJsonl(Store* store, const TripleSelection& selection, std::ostream& os);
// Every evidence row.
Status WriteTriplesJsonl(Store* store, std::ostream& os);

}  // namespace geokg
