// Reading graphs and triples back: a streaming GraphML reader (libxml2's xmlTextReader: one
// element at a time, memory bounded by the number of nodes, never by the file), GraphML into
// an in-memory KnowledgeGraph or into the database, and triples JSON Lines into the
// database.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "geokg/common/status.h"
#include "geokg/graph/graph.h"
#include "geokg/store/bulk.h"
#include "geokg/store/store.h"

namespace geokg {

// ---------------------------------------------------------------- GraphML, streaming

// A <key> declaration.
struct GraphmlKey {
  std::string id;      // what <data key="..."> refers to
  std::string domain;  // "node", "edge", "graph", "all" ...
  std::string name;    // attr.name ("" when absent: then the id stands for it)
  std::string type;    // attr.type ("string" when absent)
  std::string default_value;
  bool has_default = false;
};

// The data of one element: per declared key (by index), its value or the key's default.
// The views are valid during the visitor's call only.
struct GraphmlData {
  std::vector<std::string_view> values;
  std::vector<uint8_t> present;  // 1 when the element or the key's default gave a value
  std::string_view Get(int key) const {
    return key >= 0 && present[static_cast<size_t>(key)] ? values[static_cast<size_t>(key)]
                                                          : std::string_view();
  }
  bool Has(int key) const { return key >= 0 && present[static_cast<size_t>(key)]; }
};

class GraphmlVisitor {
 public:
  virtual ~GraphmlVisitor() = default;
  // Called when the first node or edge starts, with every key declared before it. Return an
  // error to stop.
  virtual Status Keys(const std::vector<GraphmlKey>& keys) = 0;
  // One <node>. `id` and `data` are valid during the call only.
  virtual Status Node(std::string_view id, const GraphmlData& data) = 0;
  // One <edge> (directed unless its graph or itself says edgedefault/directed="false").
  virtual Status Edge(std::string_view id, std::string_view source, std::string_view target,
                      bool directed, const GraphmlData& data) = 0;
};

// Reads the GraphML file `path` ("-" for standard input), calling `visitor` for each node and
// edge in document order. Hyperedges and ports are ignored; nested graphs' nodes and edges
// are visited like the others. Fails with kIoError when the file cannot be read,
// kInvalidInput (naming the line) when it is not well-formed XML or not GraphML, or with
// the visitor's error.
//
// Two threads: the calling thread parses (xmlTextReader) and copies each element into a
// batch; a second thread calls the visitor, batch by batch, so that parsing and the
// visitor's work overlap. visitor->Keys runs on the calling thread first; Node and Edge all
// run on the second thread, one at a time; everything is done when ReadGraphml returns.
Status ReadGraphml(const std::string& path, GraphmlVisitor* visitor);

// How GraphML attributes map onto actors and relations. Nodes: entity_id (else the number
// in an id like "n42"), key, name (else label, else the node id), type, country. Edges:
// relation (else label) naming a relation type, negated, evidence_count (else weight),
// first_date, last_date, modality, cameo; the number in an id like "e42" is the relation id.
struct GraphmlImportOptions {
  // The type given to an edge without a known relation type; without one such edges are
  // refused (counted, and reported through on_error).
  bool has_default_relation = false;
  RelationType default_relation = RelationType::kConsult;
  // Called for each refused element (an edge without a type, a bad date ...); the import
  // goes on without it.
  std::function<void(const Status&)> on_error;
};

struct GraphmlImportStats {
  int64_t nodes = 0;
  int64_t edges = 0;
  int64_t refused = 0;  // elements left out (see on_error)
  BulkStats store;      // ImportGraphml only
};

// Reads a GraphML file into an in-memory graph without a store (see KnowledgeGraph::Builder).
Status ReadGraphmlGraph(const std::string& path, const GraphmlImportOptions& options,
                        std::unique_ptr<KnowledgeGraph>* out, GraphmlImportStats* stats);

// Merges a GraphML file into `store` (open for writing; not used by the caller meanwhile):
// actors by key (by name when the file has no key), relations by (subject, type, object,
// negated) with the file's evidence counts and dates added to the stored ones. The file is
// recorded as one article (ext_id "import:<file name>", content hash of the file's bytes),
// so importing the same file again adds nothing (stats->store.articles_skipped is 1).
Status ImportGraphml(const std::string& path, Store* store, const GraphmlImportOptions& options,
                     const BulkOptions& bulk, GraphmlImportStats* stats);

// ---------------------------------------------------------------- triples JSON Lines

struct TriplesLoadOptions {
  BulkOptions bulk;
  // Called for each line refused (not JSON, no doc, an unknown relation type ...) with a
  // status whose message starts with "FILE:LINE: "; the load goes on without it.
  std::function<void(const Status&)> on_error;
};

struct TriplesLoadStats {
  int64_t lines = 0;      // non-blank lines read
  int64_t refused = 0;    // lines refused (see on_error)
  double read_cpu_seconds = 0;  // CPU time of reading, parsing and queueing (caller's thread)
  BulkStats store;
};

// Merges triples JSON Lines files (`geokg extract` output, `geokg export --format jsonl`, or
// the bare format of ../shared/eval/README.md section 2) into `store`. Each line is one
// triple; "also" entries (more statements of it in the same document) become evidence too.
// Fields: doc, subject/object {name, mention, type, key, country}, relation (a fine type),
// negated, modality, cameo, mode, role, date, article_date, lang, sentence (index), span,
// evidence (the sentence), trigger, confidence; others are ignored. A document already
// loaded is skipped, so loading a file twice adds nothing. Fails with kIoError when a file
// cannot be read, or with the store's error (the batches before it are committed).
Status LoadTriplesJsonl(const std::vector<std::string>& paths, Store* store,
                        const TriplesLoadOptions& options, TriplesLoadStats* stats);

}  // namespace geokg
