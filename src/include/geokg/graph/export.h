// Exports of the knowledge graph: GraphML for graph tools, JSON Lines triples for scoring.
#pragma once

#include <ostream>

#include "geokg/common/status.h"
#include "geokg/graph/graph.h"
#include "geokg/store/store.h"

namespace geokg {

// Writes `kg` to `os` as one directed GraphML 1.0 document, streaming (no document is built
// in memory). Every actor is a node "n<entities.id>" and every relation, negated ones
// included, an edge "e<relations.id>". Declared keys:
//   nodes: entity_id (long), key, name, type, country (strings; empty ones are omitted);
//   edges: relation, coarse, cameo, first_date, last_date, modality (strings), negated
//          (boolean), evidence_count (int).
// Text goes through XmlEscape, so the output is well-formed whatever the names hold.
// The output validates against the graphdrawing.org GraphML schema. Returns kIoError when
// `os` fails; then what was written is incomplete.
Status WriteGraphml(const KnowledgeGraph& kg, std::ostream& os);

// Writes every evidence row of `store` (not owned) as one triple a line, in the format of
// ../shared/eval/README.md section 2 ({"doc", "subject": {"name", "mention", "type"},
// "relation", "object": {...}, "negated"} plus "date", "modality", "cameo", "confidence"),
// in article then evidence order. Returns the store's error, or kIoError when `os` fails.
Status WriteTriplesJsonl(Store* store, std::ostream& os);

}  // namespace geokg
