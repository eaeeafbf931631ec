// Streaming GraphML: a reader on libxml2's xmlTextReader (one node at a time), and the two
// consumers: an in-memory KnowledgeGraph and a merge into the store.
#include <libxml/xmlreader.h>

#include <charconv>
#include <condition_variable>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <limits>
#include <mutex>
#include <thread>
#include <unordered_map>
#include <unordered_set>

#include "geokg/common/text.h"
#include "geokg/graph/import.h"
#include "geokg/ontology.h"
#include "geokg/store/interner.h"

namespace geokg {
namespace {

constexpr std::string_view kGraphmlNs = "http://graphml.graphdrawing.org/xmlns";

std::string_view View(const xmlChar* s) {
  return s == nullptr ? std::string_view() : std::string_view(reinterpret_cast<const char*>(s));
}

// The first error libxml2 reports, with its line.
struct ErrorSink {
  std::string message;
  static void Handle(void* arg, xmlErrorPtr error) {
    auto* sink = static_cast<ErrorSink*>(arg);
    if (!sink->message.empty() || error == nullptr) return;
    std::string msg = error->message != nullptr ? error->message : "XML error";
    while (!msg.empty() && (msg.back() == '\n' || msg.back() == ' ')) msg.pop_back();
    sink->message = "line " + std::to_string(error->line) + ": " + msg;
  }
};

// Elements parsed and not yet visited: their strings back to back in one arena.
struct ElementBatch {
  struct Ref {
    uint32_t off, len;
  };
  struct Element {
    bool node, directed;
    Ref id, source, target;
    uint32_t values_begin, values_end;  // into `values`
  };
  struct Value {
    int key;
    Ref text;
  };
  std::string arena;
  std::vector<Element> elements;
  std::vector<Value> values;

  Ref Put(std::string_view s) {
    Ref r{static_cast<uint32_t>(arena.size()), static_cast<uint32_t>(s.size())};
    arena.append(s);
    return r;
  }
  std::string_view Get(Ref r) const { return std::string_view(arena).substr(r.off, r.len); }
  bool Full() const { return elements.size() >= 8192 || arena.size() >= (4u << 20); }
  void Clear() {
    arena.clear();
    elements.clear();
    values.clear();
  }
};

// Hands batches to a second thread that calls the visitor (see ReadGraphml).
class VisitorThread {
 public:
  VisitorThread(GraphmlVisitor* visitor, size_t keys) : visitor_(visitor) {
    data_.values.assign(keys, std::string_view());
    data_.present.assign(keys, 0);
  }
  ~VisitorThread() { Stop(); }

  // Queues `*batch` (taking its contents; *batch comes back empty and reusable). Returns the
  // visitor's error once it has failed.
  Status Submit(std::unique_ptr<ElementBatch>* batch) {
    if (!thread_.joinable()) thread_ = std::thread([this] { Loop(); });
    std::unique_lock<std::mutex> lock(mu_);
    cv_.wait(lock, [&] { return pending_ == nullptr || !error_.ok(); });
    if (!error_.ok()) return error_;
    pending_ = std::move(*batch);
    *batch = spare_ ? std::move(spare_) : std::make_unique<ElementBatch>();
    cv_.notify_all();
    return Status::Ok();
  }

  // Waits until everything queued is visited; the visitor's error if any.
  Status Drain() {
    std::unique_lock<std::mutex> lock(mu_);
    cv_.wait(lock, [&] { return (pending_ == nullptr && !busy_) || !error_.ok(); });
    return error_;
  }

  void Stop() {
    if (!thread_.joinable()) return;
    {
      std::lock_guard<std::mutex> lock(mu_);
      closing_ = true;
    }
    cv_.notify_all();
    thread_.join();
  }

 private:
  void Loop() {
    while (true) {
      std::unique_ptr<ElementBatch> batch;
      {
        std::unique_lock<std::mutex> lock(mu_);
        cv_.wait(lock, [&] { return pending_ != nullptr || closing_; });
        if (pending_ == nullptr) return;
        batch = std::move(pending_);
        busy_ = true;
      }
      Status st = Visit(*batch);
      batch->Clear();
      std::lock_guard<std::mutex> lock(mu_);
      if (!st.ok() && error_.ok()) error_ = st;
      busy_ = false;
      if (!spare_) spare_ = std::move(batch);
      cv_.notify_all();
    }
  }

  Status Visit(const ElementBatch& b) {
    for (const ElementBatch::Element& e : b.elements) {
      for (uint32_t v = e.values_begin; v < e.values_end; ++v) {
        const ElementBatch::Value& value = b.values[v];
        data_.values[static_cast<size_t>(value.key)] = b.Get(value.text);
        data_.present[static_cast<size_t>(value.key)] = 1;
      }
      Status st = e.node ? visitor_->Node(b.Get(e.id), data_)
                         : visitor_->Edge(b.Get(e.id), b.Get(e.source), b.Get(e.target),
                                          e.directed, data_);
      for (uint32_t v = e.values_begin; v < e.values_end; ++v)
        data_.present[static_cast<size_t>(b.values[v].key)] = 0;
      if (!st.ok()) return st;
    }
    return Status::Ok();
  }

  GraphmlVisitor* visitor_;
  GraphmlData data_;
  std::mutex mu_;
  std::condition_variable cv_;
  std::unique_ptr<ElementBatch> pending_, spare_;
  bool busy_ = false, closing_ = false;
  Status error_;
  std::thread thread_;
};

class Reader {
 public:
  Reader(const std::string& path, GraphmlVisitor* visitor) : path_(path), visitor_(visitor) {}
  ~Reader() {
    if (visiting_) visiting_->Stop();
    if (reader_ != nullptr) xmlFreeTextReader(reader_);
  }

  Status Run() {
    const int opts = XML_PARSE_NONET | XML_PARSE_COMPACT | XML_PARSE_NOBLANKS | XML_PARSE_HUGE;
    if (path_ == "-") {
      reader_ = xmlReaderForFd(0, "stdin", nullptr, opts);
    } else {
      std::error_code ec;
      if (!std::filesystem::is_regular_file(path_, ec))
        return Status::IoError(path_ + ": cannot read (no such file)");
      reader_ = xmlReaderForFile(path_.c_str(), nullptr, opts);
    }
    if (reader_ == nullptr) return Status::IoError(path_ + ": cannot read");
    xmlTextReaderSetStructuredErrorHandler(reader_, &ErrorSink::Handle, &errors_);
    // Names come from the parser's dictionary: compare pointers, not strings.
    auto interned = [&](const char* s) {
      return xmlTextReaderConstString(reader_, reinterpret_cast<const xmlChar*>(s));
    };
    const xmlChar* const kNs = interned(kGraphmlNs.data());
    const xmlChar* const kGraphml = interned("graphml");
    const xmlChar* const kKey = interned("key");
    const xmlChar* const kGraph = interned("graph");
    const xmlChar* const kNode = interned("node");
    const xmlChar* const kEdge = interned("edge");
    const xmlChar* const kData = interned("data");
    const xmlChar* const kDefault = interned("default");

    int ret = 0;
    while ((ret = xmlTextReaderRead(reader_)) == 1) {
      const int type = xmlTextReaderNodeType(reader_);
      if (type != XML_READER_TYPE_ELEMENT && type != XML_READER_TYPE_END_ELEMENT) continue;
      const xmlChar* ns = xmlTextReaderConstNamespaceUri(reader_);
      if (ns != nullptr && ns != kNs && View(ns) != kGraphmlNs) continue;  // yEd's, ...
      const xmlChar* name = xmlTextReaderConstLocalName(reader_);
      if (type == XML_READER_TYPE_ELEMENT) {
        const bool empty = xmlTextReaderIsEmptyElement(reader_) == 1;
        if (depth0_ < 0) {
          if (name != kGraphml) {
            return Bad("the document is not GraphML (root <" + std::string(View(name)) + ">)");
          }
          depth0_ = xmlTextReaderDepth(reader_);
          continue;
        }
        Status st;
        if (name == kData || name == kDefault) {
          st = ReadData(name == kDefault, empty);
        } else if (name == kNode || name == kEdge) {
          st = StartElement(name == kNode, empty);
        } else if (name == kKey) {
          st = StartKey(empty);
        } else if (name == kGraph) {
          StartGraph(empty);
        }
        if (!st.ok()) return st;
      } else {
        Status st;
        if (name == kNode || name == kEdge) {
          st = EndElement();
        } else if (name == kGraph) {
          if (directed_.size() > 1) directed_.pop_back();
        }
        if (!st.ok()) return st;
      }
    }
    if (ret < 0 || !errors_.message.empty()) {
      return Bad(errors_.message.empty() ? "not well-formed XML" : errors_.message);
    }
    if (depth0_ < 0) return Bad("the document is not GraphML (no <graphml> element)");
    if (!keys_sent_) return SendKeys();
    GEOKG_RETURN_IF_ERROR(EndElement());
    if (!batch_->elements.empty()) GEOKG_RETURN_IF_ERROR(visiting_->Submit(&batch_));
    Status st = visiting_->Drain();
    visiting_->Stop();
    return st;
  }

 private:
  Status Bad(const std::string& why) const { return Status::InvalidInput(path_ + ": " + why); }

  int Line() const { return xmlTextReaderGetParserLineNumber(reader_); }

  // The value of attribute `name` of the current element ("" when absent).
  std::string_view Attr(const char* name) {
    if (xmlTextReaderMoveToAttribute(reader_, reinterpret_cast<const xmlChar*>(name)) != 1)
      return std::string_view();
    std::string_view v = View(xmlTextReaderConstValue(reader_));
    xmlTextReaderMoveToElement(reader_);
    return v;
  }

  Status StartKey(bool empty) {
    if (keys_sent_) {
      return Bad("line " + std::to_string(Line()) + ": a <key> after the first node or edge");
    }
    GraphmlKey key;
    key.id = std::string(Attr("id"));
    key.domain = std::string(Attr("for"));
    key.name = std::string(Attr("attr.name"));
    key.type = std::string(Attr("attr.type"));
    if (key.id.empty()) return Bad("line " + std::to_string(Line()) + ": a <key> without id");
    if (key.domain.empty()) key.domain = "all";
    if (key.type.empty()) key.type = "string";
    if (key.name.empty()) key.name = key.id;
    keys_.push_back(std::move(key));
    in_key_ = !empty;
    return Status::Ok();
  }

  void StartGraph(bool empty) {
    const std::string_view def = Attr("edgedefault");
    if (!empty) directed_.push_back(def != "undirected");
  }

  Status SendKeys() {
    keys_sent_ = true;
    values_.assign(keys_.size(), std::string());
    present_.assign(keys_.size(), 0);
    GEOKG_RETURN_IF_ERROR(visitor_->Keys(keys_));
    visiting_ = std::make_unique<VisitorThread>(visitor_, keys_.size());
    return Status::Ok();
  }

  Status StartElement(bool node, bool empty) {
    if (!keys_sent_) GEOKG_RETURN_IF_ERROR(SendKeys());
    in_key_ = false;
    if (in_element_) {
      // A node inside a node (a nested graph): deliver the outer one first.
      GEOKG_RETURN_IF_ERROR(EndElement());
    }
    in_element_ = true;
    is_node_ = node;
    id_.assign(Attr("id"));
    if (node) {
      if (id_.empty()) return Bad("line " + std::to_string(Line()) + ": a <node> without id");
    } else {
      source_.assign(Attr("source"));
      target_.assign(Attr("target"));
      if (source_.empty() || target_.empty())
        return Bad("line " + std::to_string(Line()) + ": an <edge> without source or target");
      const std::string_view d = Attr("directed");
      edge_directed_ = d.empty() ? (directed_.empty() || directed_.back()) : d == "true";
    }
    // Defaults first; <data> overrides them.
    for (size_t k = 0; k < keys_.size(); ++k) {
      const GraphmlKey& key = keys_[k];
      const bool applies = key.domain == (node ? "node" : "edge") || key.domain == "all";
      present_[k] = applies && key.has_default;
      if (present_[k]) values_[k] = key.default_value;
    }
    if (empty) return EndElement();
    return Status::Ok();
  }

  // Queues the element that just ended for the visitor.
  Status EndElement() {
    if (!in_element_) return Status::Ok();
    in_element_ = false;
    ElementBatch& b = *batch_;
    ElementBatch::Element e;
    e.node = is_node_;
    e.directed = edge_directed_;
    e.id = b.Put(id_);
    e.source = b.Put(is_node_ ? std::string_view() : std::string_view(source_));
    e.target = b.Put(is_node_ ? std::string_view() : std::string_view(target_));
    e.values_begin = static_cast<uint32_t>(b.values.size());
    for (size_t k = 0; k < keys_.size(); ++k)
      if (present_[k]) b.values.push_back({static_cast<int>(k), b.Put(values_[k])});
    e.values_end = static_cast<uint32_t>(b.values.size());
    b.elements.push_back(e);
    if (b.Full()) return visiting_->Submit(&batch_);
    return Status::Ok();
  }

  // Reads the text of a <data> (or a key's <default>) up to its end tag.
  Status ReadData(bool is_default, bool empty) {
    int index = -1;
    if (!is_default) {
      if (!in_element_) return Status::Ok();  // graph-level data: not used
      const std::string_view key = Attr("key");
      // Few keys: a scan beats hashing a copy of the name.
      for (size_t k = 0; k < keys_.size(); ++k) {
        if (keys_[k].id == key) {
          index = static_cast<int>(k);
          break;
        }
      }
      if (index < 0) {
        return Bad("line " + std::to_string(Line()) + ": <data> for the undeclared key '" +
                   std::string(key) + "'");
      }
    } else if (!in_key_ || keys_.empty()) {
      return Status::Ok();
    }
    text_.clear();
    if (!empty) {
      const int depth = xmlTextReaderDepth(reader_);
      int ret = 0;
      while ((ret = xmlTextReaderRead(reader_)) == 1) {
        const int type = xmlTextReaderNodeType(reader_);
        if (type == XML_READER_TYPE_END_ELEMENT && xmlTextReaderDepth(reader_) == depth) break;
        if (type == XML_READER_TYPE_TEXT || type == XML_READER_TYPE_CDATA ||
            type == XML_READER_TYPE_SIGNIFICANT_WHITESPACE || type == XML_READER_TYPE_WHITESPACE)
          text_.append(View(xmlTextReaderConstValue(reader_)));
      }
      if (ret != 1) {
        return Bad(errors_.message.empty() ? "unexpected end of the document" : errors_.message);
      }
    }
    if (is_default) {
      keys_.back().default_value = text_;
      keys_.back().has_default = true;
    } else {
      values_[static_cast<size_t>(index)].assign(text_);
      present_[static_cast<size_t>(index)] = 1;
    }
    return Status::Ok();
  }

  std::string path_;
  GraphmlVisitor* visitor_;
  xmlTextReaderPtr reader_ = nullptr;
  ErrorSink errors_;
  int depth0_ = -1;
  std::vector<GraphmlKey> keys_;
  bool keys_sent_ = false;
  bool in_key_ = false;
  std::vector<bool> directed_;
  bool in_element_ = false, is_node_ = false, edge_directed_ = true;
  std::string id_, source_, target_, text_;
  // The current element's data, per key.
  std::vector<std::string> values_;
  std::vector<uint8_t> present_;
  std::unique_ptr<ElementBatch> batch_ = std::make_unique<ElementBatch>();
  std::unique_ptr<VisitorThread> visiting_;
};

// ---------------------------------------------------------------- attribute mapping

// Key indexes for the attributes geokg reads, found by attr.name.
struct KeyMap {
  int entity_id = -1, key = -1, name = -1, label = -1, type = -1, country = -1;
  int relation = -1, edge_label = -1, negated = -1, count = -1, weight = -1, first = -1,
      last = -1, modality = -1, cameo = -1;

  void Build(const std::vector<GraphmlKey>& keys) {
    for (size_t i = 0; i < keys.size(); ++i) {
      const GraphmlKey& k = keys[i];
      const int idx = static_cast<int>(i);
      const bool node = k.domain == "node" || k.domain == "all";
      const bool edge = k.domain == "edge" || k.domain == "all";
      auto set = [&](bool domain, std::string_view name, int* slot) {
        if (domain && k.name == name && *slot < 0) *slot = idx;
      };
      set(node, "entity_id", &entity_id);
      set(node, "key", &key);
      set(node, "name", &name);
      set(node, "label", &label);
      set(node, "type", &type);
      set(node, "country", &country);
      set(edge, "relation", &relation);
      set(edge, "label", &edge_label);
      set(edge, "negated", &negated);
      set(edge, "evidence_count", &count);
      set(edge, "weight", &weight);
      set(edge, "first_date", &first);
      set(edge, "last_date", &last);
      set(edge, "modality", &modality);
      set(edge, "cameo", &cameo);
    }
  }
};

// The number in "n42" / "e42", or -1.
int64_t NumberedId(std::string_view id, char prefix) {
  if (id.size() < 2 || id[0] != prefix) return -1;
  int64_t v = 0;
  auto [end, ec] = std::from_chars(id.data() + 1, id.data() + id.size(), v);
  if (ec != std::errc() || end != id.data() + id.size() || v < 0) return -1;
  return v;
}

bool ParseBool(std::string_view s) { return s == "true" || s == "1" || s == "True"; }

// Node ids to dense indexes. Canonical numbered ids like "n42" (what geokg writes) go
// through a direct table, one memory access; any other id ("n042", "Paris") through an
// Interner. A canonical id never enters the interner, so the two never disagree.
class NodeIndex {
 public:
  // Adds `id`; false when it was added before.
  bool Add(std::string_view id, uint32_t* index) {
    const int64_t n = Canonical(id);
    if (n >= 0) {
      if (static_cast<size_t>(n) >= direct_.size()) direct_.resize(static_cast<size_t>(n) + 1, 0);
      uint32_t k = 0;
      // (The table grows with the nodes: an id may have gone to the interner earlier.)
      if (direct_[static_cast<size_t>(n)] != 0 || (interner_.size() > 0 && interner_.Find(id, &k)))
        return false;
      direct_[static_cast<size_t>(n)] = next_ + 1;
    } else {
      bool added = false;
      interner_.Intern(id, &added);
      if (!added) return false;
      interned_.push_back(next_);
    }
    *index = next_++;
    return true;
  }

  bool Find(std::string_view id, uint32_t* index) const {
    const int64_t n = Canonical(id);
    if (n >= 0 && static_cast<size_t>(n) < direct_.size() && direct_[static_cast<size_t>(n)] != 0) {
      *index = direct_[static_cast<size_t>(n)] - 1;
      return true;
    }
    uint32_t k = 0;
    if (!interner_.Find(id, &k)) return false;
    *index = interned_[k];
    return true;
  }

 private:
  // The number of "n<digits>" without a leading zero, when the table may hold it (ids are
  // usually dense: up to 8 times the nodes seen so far), else -1.
  int64_t Canonical(std::string_view id) const {
    if (id.size() < 2 || (id[1] == '0' && id.size() > 2)) return -1;
    const int64_t n = NumberedId(id, 'n');
    const uint64_t cap = std::max<uint64_t>(uint64_t{1} << 22, 8 * uint64_t{next_});
    return n >= 0 && static_cast<uint64_t>(n) < cap ? n : -1;
  }

  uint32_t next_ = 0;
  std::vector<uint32_t> direct_;  // number -> index + 1
  Interner interner_;
  std::vector<uint32_t> interned_;  // interner index -> node index
};

// What an edge's data says about its relation. False (with *why) when it cannot be one.
struct EdgeFacts {
  RelationType type = RelationType::kConsult;
  bool negated = false;
  Modality modality = Modality::kAsserted;
  int64_t count = 1;
  std::string_view cameo, first, last;
};

bool ReadEdge(const KeyMap& m, const GraphmlData& d, const GraphmlImportOptions& options,
              EdgeFacts* f, std::string* why) {
  std::string_view rel = d.Get(m.relation);
  if (rel.empty()) rel = d.Get(m.edge_label);
  if (rel.rfind("NOT ", 0) == 0) rel.remove_prefix(4);
  if (!RelationFromName(rel, &f->type)) {
    if (!options.has_default_relation) {
      *why = rel.empty() ? "no relation type (attribute 'relation')"
                         : "unknown relation type '" + std::string(rel) + "'";
      return false;
    }
    f->type = options.default_relation;
  }
  f->negated = ParseBool(d.Get(m.negated));
  const std::string_view modality = d.Get(m.modality);
  if (!modality.empty() && !ModalityFromName(modality, &f->modality)) {
    *why = "unknown modality '" + std::string(modality) + "'";
    return false;
  }
  std::string_view count = d.Get(m.count);
  if (count.empty()) count = d.Get(m.weight);
  if (!count.empty()) {
    double v = 0;
    auto [end, ec] = std::from_chars(count.data(), count.data() + count.size(), v);
    if (ec != std::errc() || end != count.data() + count.size() || v < 0 || v > 4e9) {
      *why = "bad evidence count '" + std::string(count) + "'";
      return false;
    }
    f->count = static_cast<int64_t>(v + 0.5);
  }
  f->cameo = d.Get(m.cameo);
  f->first = d.Get(m.first);
  f->last = d.Get(m.last);
  return true;
}

// ---------------------------------------------------------------- into memory

class GraphBuilderVisitor final : public GraphmlVisitor {
 public:
  GraphBuilderVisitor(const GraphmlImportOptions& options, GraphmlImportStats* stats)
      : options_(options), stats_(stats) {}

  Status Keys(const std::vector<GraphmlKey>& keys) override {
    map_.Build(keys);
    return Status::Ok();
  }

  Status Node(std::string_view id, const GraphmlData& d) override {
    uint32_t index = 0;
    if (!nodes_.Add(id, &index))
      return Status::InvalidInput("two nodes have the id '" + std::string(id) + "'");
    int64_t entity = -1;
    const std::string_view eid = d.Get(map_.entity_id);
    if (!eid.empty()) {
      auto [end, ec] = std::from_chars(eid.data(), eid.data() + eid.size(), entity);
      if (ec != std::errc() || end != eid.data() + eid.size()) entity = -1;
    }
    if (entity < 0 && (id.size() < 3 || id[1] != '0')) entity = NumberedId(id, 'n');
    // An id taken already ("n42" after "n042" said 42) gets a synthetic one.
    if (entity >= 0 && !Claim(entity, &used_actors_, &sparse_used_actors_)) entity = -1;
    if (entity < 0) entity = kSynthetic + index;
    ids_.push_back(entity);
    std::string_view name = d.Get(map_.name);
    if (name.empty()) name = d.Get(map_.label);
    if (name.empty()) name = id;
    ++stats_->nodes;
    return builder_.AddActor(entity, d.Get(map_.key), name, EntityTypeFromName(d.Get(map_.type)),
                             d.Get(map_.country));
  }

  Status Edge(std::string_view id, std::string_view source, std::string_view target, bool,
              const GraphmlData& d) override {
    EdgeFacts f;
    std::string why;
    if (!ReadEdge(map_, d, options_, &f, &why)) return Refuse(id, why);
    uint32_t s = 0, t = 0;
    // Edges may come before their nodes: those wait until the end.
    if (!nodes_.Find(source, &s) || !nodes_.Find(target, &t)) {
      later_.push_back({std::string(id), std::string(source), std::string(target), f,
                        std::string(f.cameo), std::string(f.first), std::string(f.last)});
      return Status::Ok();
    }
    return Add(id, ids_[s], ids_[t], f);
  }

  Status Finish(std::unique_ptr<KnowledgeGraph>* out) {
    for (Pending& p : later_) {
      uint32_t s = 0, t = 0;
      if (!nodes_.Find(p.source, &s) || !nodes_.Find(p.target, &t)) {
        GEOKG_RETURN_IF_ERROR(Refuse(p.id, "it points at a node that does not exist"));
        continue;
      }
      p.facts.cameo = p.cameo;
      p.facts.first = p.first;
      p.facts.last = p.last;
      GEOKG_RETURN_IF_ERROR(Add(p.id, ids_[s], ids_[t], p.facts));
    }
    return builder_.Build(out);
  }

 private:
  static constexpr int64_t kSynthetic = int64_t{1} << 40;

  struct Pending {
    std::string id, source, target;
    EdgeFacts facts;
    std::string cameo, first, last;
  };

  Status Refuse(std::string_view id, const std::string& why) {
    ++stats_->refused;
    if (options_.on_error)
      options_.on_error(Status::InvalidInput("edge '" + std::string(id) + "': " + why));
    return Status::Ok();
  }

  // Marks `id` as used; false when it was already. A bitmap while ids stay dense, else a set.
  static bool Claim(int64_t id, std::vector<bool>* dense, std::unordered_set<int64_t>* sparse) {
    if (static_cast<uint64_t>(id) < std::max<uint64_t>(uint64_t{1} << 24, 4 * dense->size())) {
      if (static_cast<size_t>(id) >= dense->size()) dense->resize(static_cast<size_t>(id) + 1, false);
      if ((*dense)[static_cast<size_t>(id)]) return false;
      (*dense)[static_cast<size_t>(id)] = true;
      return true;
    }
    return sparse->insert(id).second;
  }

  Status Add(std::string_view id, int64_t s, int64_t t, const EdgeFacts& f) {
    int64_t rid = id.size() >= 3 && id[1] == '0' ? -1 : NumberedId(id, 'e');
    if (rid < 0 || !Claim(rid, &used_, &sparse_used_)) rid = kSynthetic + next_synthetic_++;
    ++stats_->edges;
    Status st = builder_.AddRelation(rid, s, t, f.type, f.negated, f.cameo, f.count, f.first,
                                     f.last, f.modality);
    if (st.code() == Status::Code::kInvalidInput) return Refuse(id, st.message());
    return st;
  }

  const GraphmlImportOptions& options_;
  GraphmlImportStats* stats_;
  KeyMap map_;
  NodeIndex nodes_;
  std::vector<int64_t> ids_;
  KnowledgeGraph::Builder builder_;
  std::vector<bool> used_;  // relation ids taken
  std::unordered_set<int64_t> sparse_used_;
  std::vector<bool> used_actors_;  // entity ids taken
  std::unordered_set<int64_t> sparse_used_actors_;
  int64_t next_synthetic_ = 0;
  std::vector<Pending> later_;
};

// ---------------------------------------------------------------- into the store

class StoreVisitor final : public GraphmlVisitor {
 public:
  StoreVisitor(BulkWriter* writer, const GraphmlImportOptions& options, GraphmlImportStats* stats)
      : writer_(writer), options_(options), stats_(stats) {}

  Status Keys(const std::vector<GraphmlKey>& keys) override {
    map_.Build(keys);
    return Status::Ok();
  }

  Status Node(std::string_view id, const GraphmlData& d) override {
    uint32_t index = 0;
    if (!nodes_.Add(id, &index))
      return Status::InvalidInput("two nodes have the id '" + std::string(id) + "'");
    std::string_view name = d.Get(map_.name);
    if (name.empty()) name = d.Get(map_.label);
    if (name.empty()) name = id;
    // key, name and country back to back in the arena.
    NodeRec r;
    r.begin = arena_.size();
    arena_.append(d.Get(map_.key));
    r.name = arena_.size();
    arena_.append(name);
    r.country = arena_.size();
    arena_.append(d.Get(map_.country).substr(0, 3));
    r.end = arena_.size();
    r.type = EntityTypeFromName(d.Get(map_.type));
    GEOKG_ASSERT(index == recs_.size());
    recs_.push_back(r);
    ++stats_->nodes;
    Status st = writer_->AddActor(Side(index));
    if (st.code() == Status::Code::kInvalidInput) return Refuse(id, st.message(), "node");
    return st;
  }

  Status Edge(std::string_view id, std::string_view source, std::string_view target, bool,
              const GraphmlData& d) override {
    EdgeFacts f;
    std::string why;
    if (!ReadEdge(map_, d, options_, &f, &why)) return Refuse(id, why);
    uint32_t s = 0, t = 0;
    if (!nodes_.Find(source, &s) || !nodes_.Find(target, &t)) {
      later_.push_back({std::string(id), std::string(source), std::string(target), f,
                        std::string(f.cameo), std::string(f.first), std::string(f.last)});
      return Status::Ok();
    }
    return Add(id, s, t, f);
  }

  Status Finish() {
    for (Pending& p : later_) {
      uint32_t s = 0, t = 0;
      if (!nodes_.Find(p.source, &s) || !nodes_.Find(p.target, &t)) {
        GEOKG_RETURN_IF_ERROR(Refuse(p.id, "it points at a node that does not exist"));
        continue;
      }
      p.facts.cameo = p.cameo;
      p.facts.first = p.first;
      p.facts.last = p.last;
      GEOKG_RETURN_IF_ERROR(Add(p.id, s, t, p.facts));
    }
    return Status::Ok();
  }

 private:
  struct NodeRec {
    size_t begin, name, country, end;
    EntityType type;
  };
  struct Pending {
    std::string id, source, target;
    EdgeFacts facts;
    std::string cameo, first, last;
  };

  BulkSide Side(uint32_t node) const {
    const NodeRec& r = recs_[node];
    const std::string_view a(arena_);
    BulkSide side;
    side.key = a.substr(r.begin, r.name - r.begin);
    side.name = a.substr(r.name, r.country - r.name);
    side.country = a.substr(r.country, r.end - r.country);
    side.type = r.type;
    return side;
  }

  Status Refuse(std::string_view id, const std::string& why, const char* what = "edge") {
    ++stats_->refused;
    if (options_.on_error)
      options_.on_error(Status::InvalidInput(std::string(what) + " '" + std::string(id) + "': " + why));
    return Status::Ok();
  }

  Status Add(std::string_view id, uint32_t s, uint32_t t, const EdgeFacts& f) {
    BulkRelation r;
    r.subject = Side(s);
    r.object = Side(t);
    r.relation = f.type;
    r.negated = f.negated;
    r.modality = f.modality;
    r.cameo = f.cameo;
    r.evidence_count = f.count;
    r.first_date = f.first;
    r.last_date = f.last;
    ++stats_->edges;
    Status st = writer_->AddRelation(r);
    if (st.code() == Status::Code::kInvalidInput) return Refuse(id, st.message());
    return st;
  }

  BulkWriter* writer_;
  const GraphmlImportOptions& options_;
  GraphmlImportStats* stats_;
  KeyMap map_;
  NodeIndex nodes_;
  std::string arena_;
  std::vector<NodeRec> recs_;
  std::vector<Pending> later_;
};

// A digest of the file's bytes (FNV-1a, two lanes), read in blocks.
Status FileDigest(const std::string& path, std::string* out) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::IoError(path + ": cannot read");
  uint64_t h1 = 1469598103934665603ULL, h2 = 0x9e3779b97f4a7c15ULL;
  std::vector<char> buf(1 << 20);
  while (in) {
    in.read(buf.data(), static_cast<std::streamsize>(buf.size()));
    const std::streamsize got = in.gcount();
    for (std::streamsize i = 0; i < got; ++i) {
      const unsigned char c = static_cast<unsigned char>(buf[static_cast<size_t>(i)]);
      h1 = (h1 ^ c) * 1099511628211ULL;
      h2 = (h2 ^ c) * 0x100000001b3ULL + 0x7f4a7c15;
    }
  }
  if (in.bad()) return Status::IoError(path + ": read error");
  char hex[48];
  std::snprintf(hex, sizeof(hex), "graphml:%016llx%016llx", static_cast<unsigned long long>(h1),
                static_cast<unsigned long long>(h2));
  *out = hex;
  return Status::Ok();
}

}  // namespace

Status ReadGraphml(const std::string& path, GraphmlVisitor* visitor) {
  Reader reader(path, visitor);
  return reader.Run();
}

Status ReadGraphmlGraph(const std::string& path, const GraphmlImportOptions& options,
                        std::unique_ptr<KnowledgeGraph>* out, GraphmlImportStats* stats) {
  GraphmlImportStats local;
  GraphBuilderVisitor visitor(options, &local);
  Status st = ReadGraphml(path, &visitor);
  if (st.ok()) st = visitor.Finish(out).WithContext(path);
  if (stats != nullptr) *stats = local;
  return st;
}

Status ImportGraphml(const std::string& path, Store* store, const GraphmlImportOptions& options,
                     const BulkOptions& bulk, GraphmlImportStats* stats) {
  GraphmlImportStats local;
  BulkOptions b = bulk;
  if (path == "-") {
    return Status::InvalidInput("importing GraphML needs a file, not standard input");
  }
  GEOKG_RETURN_IF_ERROR(FileDigest(path, &b.import_hash));
  b.import_name = "import:" + std::filesystem::path(path).filename().string();
  if (b.origin.empty()) b.origin = path;
  std::unique_ptr<BulkWriter> writer;
  GEOKG_RETURN_IF_ERROR(NewBulkWriter(store, b, &writer));
  StoreVisitor visitor(writer.get(), options, &local);
  Status st = ReadGraphml(path, &visitor);
  if (st.ok()) st = visitor.Finish();
  Status finished = writer->Finish(&local.store);
  if (st.ok()) st = finished;
  if (stats != nullptr) *stats = local;
  return st;
}

}  // namespace geokg
