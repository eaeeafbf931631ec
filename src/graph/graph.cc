// Building the in-memory graph (from a Store or a Builder), its records, and actor names.
#include "geokg/graph/graph.h"

#include <algorithm>
#include <limits>
#include <numeric>
#include <thread>
#include <unordered_map>

#include "geokg/common/text.h"
#include "geokg/ontology.h"
#include "geokg/store/interner.h"
#include "graph_internal.h"
#include "load_hooks.h"

namespace geokg {
namespace {

constexpr const char* kSelectEntities =
    "SELECT id, key, name, type, country FROM entities ORDER BY id";

constexpr const char* kSelectByKey = "SELECT id FROM entities WHERE key = ?1";

constexpr const char* kSelectByFold = "SELECT DISTINCT entity_id FROM aliases WHERE fold = ?1";

// ?1 is the folded query, ?2 the smallest string greater than every string starting with
// it: the range keeps the index usable. The instr() terms find a word that starts with it.
constexpr const char* kSelectByPrefix =
    "SELECT DISTINCT entity_id FROM aliases "
    "WHERE (fold >= ?1 AND fold < ?2) OR instr(fold, ' ' || ?1) > 0 "
    "   OR instr(fold, '-' || ?1) > 0 OR instr(fold, '''' || ?1) > 0";

// Suggestions for a name that matched nothing: aliases that contain it (?1), or that have a
// word starting with its first letters (?2, ?3 as for kSelectByPrefix), to catch typos.
constexpr const char* kSelectSuggestions =
    "SELECT DISTINCT entity_id FROM aliases "
    "WHERE instr(fold, ?1) > 0 OR (fold >= ?2 AND fold < ?3) OR instr(fold, ' ' || ?2) > 0 "
    "   OR instr(fold, '-' || ?2) > 0 "
    "LIMIT 200";

// Search: aliases starting with the folded prefix (an index range), then aliases with a
// word that does (a scan, only when the first query found too few).
constexpr const char* kSearchPrefix =
    "SELECT entity_id, alias, fold FROM aliases WHERE fold >= ?1 AND fold < ?2 "
    "ORDER BY fold, entity_id LIMIT ?3";
constexpr const char* kSearchWord =
    "SELECT entity_id, alias, fold FROM aliases "
    "WHERE instr(fold, ' ' || ?1) > 0 OR instr(fold, '-' || ?1) > 0 "
    "   OR instr(fold, '''' || ?1) > 0 "
    "LIMIT ?2";

constexpr size_t kMaxCandidates = 20;

// The first `n` code points of `s`, or "" when it has no more than `n`.
std::string Stem(const std::string& s, size_t n) {
  size_t i = 0, count = 0;
  while (i < s.size() && count < n) {
    DecodeUtf8(s, &i);
    ++count;
  }
  return i < s.size() ? s.substr(0, i) : std::string();
}

// Sorted by name, then id, and cut to kMaxCandidates.
std::vector<VertexProps> SortCandidates(std::vector<VertexProps> found) {
  std::sort(found.begin(), found.end(), [](const VertexProps& a, const VertexProps& b) {
    return a.name != b.name ? a.name < b.name : a.id < b.id;
  });
  if (found.size() > kMaxCandidates) found.resize(kMaxCandidates);
  return found;
}

// The smallest string greater than all strings with prefix `s` (UTF-8 bytes never reach 0xFF).
std::string PrefixEnd(std::string s) {
  while (!s.empty() && static_cast<unsigned char>(s.back()) == 0xFF) s.pop_back();
  if (!s.empty()) s.back() = static_cast<char>(static_cast<unsigned char>(s.back()) + 1);
  return s;
}

std::string Describe(const VertexProps& v) {
  std::string out = v.name + " (" + std::string(EntityTypeName(v.type));
  if (!v.key.empty()) out += ", " + v.key;
  return out + ")";
}

// True when a word of `fold` (after a space, hyphen or apostrophe) starts with `prefix`.
bool WordStartsWith(std::string_view fold, std::string_view prefix) {
  for (size_t i = 1; i + prefix.size() <= fold.size(); ++i) {
    const char c = fold[i - 1];
    if ((c == ' ' || c == '-' || c == '\'') && fold.compare(i, prefix.size(), prefix) == 0)
      return true;
  }
  return false;
}

// Non-negated relations touching `v` (a self-loop once).
int64_t Degree(const Graph& g, Vertex v) {
  int64_t n = 0;
  for (auto [e, end] = boost::out_edges(v, g); e != end; ++e)
    if (!g[*e].negated()) ++n;
  for (auto [e, end] = boost::in_edges(v, g); e != end; ++e)
    if (!g[*e].negated() && boost::source(*e, g) != v) ++n;
  return n;
}

// A map from sparse int64 ids to dense indexes: a direct table when the ids are dense
// enough (as SQLite's rowids are), else binary search over the sorted ids.
class IdIndex {
 public:
  // `ids` must be sorted and unique.
  explicit IdIndex(const std::vector<int64_t>& ids) : ids_(ids) {
    if (ids.empty()) return;
    min_ = ids.front();
    const uint64_t span = static_cast<uint64_t>(ids.back() - ids.front()) + 1;
    if (span <= 2 * ids.size() + 1024) {
      direct_.assign(span, 0);
      for (size_t i = 0; i < ids.size(); ++i)
        direct_[static_cast<size_t>(ids[i] - min_)] = static_cast<uint32_t>(i + 1);
    }
  }
  bool Find(int64_t id, uint32_t* index) const {
    if (!direct_.empty()) {
      if (id < min_ || static_cast<uint64_t>(id - min_) >= direct_.size()) return false;
      const uint32_t slot = direct_[static_cast<size_t>(id - min_)];
      if (slot == 0) return false;
      *index = slot - 1;
      return true;
    }
    auto it = std::lower_bound(ids_.begin(), ids_.end(), id);
    if (it == ids_.end() || *it != id) return false;
    *index = static_cast<uint32_t>(it - ids_.begin());
    return true;
  }

 private:
  const std::vector<int64_t>& ids_;
  int64_t min_ = 0;
  std::vector<uint32_t> direct_;
};

}  // namespace

// ---------------------------------------------------------------- builder

struct KnowledgeGraph::Builder::Impl {
  std::string pool;
  std::vector<VertexRec> vertices;
  struct PendingEdge {
    int64_t subject, object;
    EdgeRec rec;
  };
  std::vector<PendingEdge> edges;
  std::vector<std::string> cameos{std::string()};
  Interner cameo_index;  // code -> index in `cameos` - 1
  uint16_t last_cameo = 0;
  bool too_many_cameos = false;

  uint16_t Cameo(std::string_view code) {
    if (code.empty()) return 0;
    // Runs of the same code are common (rows of one type): check the last one first.
    if (last_cameo != 0 && cameos[last_cameo] == code) return last_cameo;
    bool added = false;
    const uint32_t k = cameo_index.Intern(code, &added);
    if (added) {
      if (cameos.size() >= std::numeric_limits<uint16_t>::max()) {
        too_many_cameos = true;
        return 0;
      }
      cameos.emplace_back(code);
    }
    last_cameo = static_cast<uint16_t>(k + 1);
    return last_cameo;
  }

  Status Actor(int64_t id, std::string_view key, std::string_view name, EntityType type,
               std::string_view country) {
    if (pool.size() + key.size() + name.size() > std::numeric_limits<uint32_t>::max())
      return Status::InvalidInput("too many actor names for one graph (4 GB)");
    VertexRec v;
    v.id = id;
    v.key_begin = static_cast<uint32_t>(pool.size());
    pool.append(key);
    v.name_begin = static_cast<uint32_t>(pool.size());
    pool.append(name);
    v.name_end = static_cast<uint32_t>(pool.size());
    v.type = type;
    for (size_t i = 0; i < 3 && i < country.size(); ++i) v.country[i] = country[i];
    vertices.push_back(v);
    return Status::Ok();
  }

  Status Relation(int64_t id, int64_t subject, int64_t object, RelationType type, bool negated,
                  std::string_view cameo, int64_t count, std::string_view first,
                  std::string_view last, Modality modality) {
    PendingEdge p;
    p.subject = subject;
    p.object = object;
    p.rec.id = id;
    p.rec.type = type;
    p.rec.set(negated, modality);
    if (count < 0 || count > std::numeric_limits<uint32_t>::max())
      return Status::InvalidInput("relation " + std::to_string(id) + " has an evidence count of " +
                                  std::to_string(count));
    p.rec.evidence_count = static_cast<uint32_t>(count);
    if (!ParseDate(first, &p.rec.first_date) || !ParseDate(last, &p.rec.last_date)) {
      return Status::InvalidInput("relation " + std::to_string(id) + " has a malformed date ('" +
                                  std::string(first) + "', '" + std::string(last) + "')");
    }
    p.rec.cameo = Cameo(cameo.empty() ? geokg::Relation(type).cameo : cameo);
    if (too_many_cameos) return Status::InvalidInput("more than 65535 distinct CAMEO codes");
    edges.push_back(p);
    return Status::Ok();
  }
};

KnowledgeGraph::Builder::Builder() : impl_(std::make_unique<Impl>()) {}
KnowledgeGraph::Builder::~Builder() = default;

void KnowledgeGraph::Builder::Reserve(size_t actors, size_t relations) {
  impl_->vertices.reserve(actors);
  impl_->edges.reserve(relations);
}

Status KnowledgeGraph::Builder::AddActor(int64_t id, std::string_view key, std::string_view name,
                                         EntityType type, std::string_view country) {
  return impl_->Actor(id, key, name, type, country);
}

Status KnowledgeGraph::Builder::AddRelation(int64_t id, int64_t subject, int64_t object,
                                            RelationType type, bool negated,
                                            std::string_view cameo, int64_t evidence_count,
                                            std::string_view first_date,
                                            std::string_view last_date, Modality modality) {
  return impl_->Relation(id, subject, object, type, negated, cameo, evidence_count, first_date,
                         last_date, modality);
}

Status KnowledgeGraph::Builder::Build(std::unique_ptr<KnowledgeGraph>* out) {
  Impl& b = *impl_;
  if (b.vertices.size() >= std::numeric_limits<uint32_t>::max() ||
      b.edges.size() >= std::numeric_limits<uint32_t>::max()) {
    return Status::InvalidInput("too many actors or relations for one graph (2^32)");
  }
  auto by_id = [](const auto& a, const auto& b) { return a.id < b.id; };
  if (!std::is_sorted(b.vertices.begin(), b.vertices.end(), by_id))
    std::sort(b.vertices.begin(), b.vertices.end(), by_id);
  std::unique_ptr<KnowledgeGraph> kg(new KnowledgeGraph());
  kg->vertex_ids_.resize(b.vertices.size());
  for (size_t i = 0; i < b.vertices.size(); ++i) {
    kg->vertex_ids_[i] = b.vertices[i].id;
    if (i > 0 && b.vertices[i].id == b.vertices[i - 1].id)
      return Status::InvalidInput("two actors have the id " + std::to_string(b.vertices[i].id));
  }
  auto edge_by_id = [](const Impl::PendingEdge& x, const Impl::PendingEdge& y) {
    return x.rec.id < y.rec.id;
  };
  if (!std::is_sorted(b.edges.begin(), b.edges.end(), edge_by_id))
    std::sort(b.edges.begin(), b.edges.end(), edge_by_id);

  // Endpoints as vertex indexes; edges stay in id order, which the CSR keeps within each
  // source.
  const IdIndex index(kg->vertex_ids_);
  std::vector<std::pair<uint32_t, uint32_t>> ends(b.edges.size());
  std::vector<EdgeRec> recs(b.edges.size());
  for (size_t i = 0; i < b.edges.size(); ++i) {
    const Impl::PendingEdge& p = b.edges[i];
    if (i > 0 && p.rec.id == b.edges[i - 1].rec.id)
      return Status::InvalidInput("two relations have the id " + std::to_string(p.rec.id));
    if (!index.Find(p.subject, &ends[i].first) || !index.Find(p.object, &ends[i].second)) {
      return Status::InvalidInput("relation " + std::to_string(p.rec.id) +
                                  " points at a missing actor");
    }
    recs[i] = p.rec;
  }
  std::vector<Impl::PendingEdge>().swap(b.edges);

  const uint32_t n = static_cast<uint32_t>(b.vertices.size());
  kg->graph_ = Graph(boost::edges_are_unsorted_multi_pass, ends.begin(), ends.end(), recs.begin(),
                     n);
  std::vector<std::pair<uint32_t, uint32_t>>().swap(ends);
  std::vector<EdgeRec>().swap(recs);
  for (uint32_t v = 0; v < n; ++v) kg->graph_[v] = b.vertices[v];
  std::vector<VertexRec>().swap(b.vertices);
  kg->pool_ = std::move(b.pool);
  kg->pool_.shrink_to_fit();
  kg->cameos_ = std::move(b.cameos);
  impl_ = std::make_unique<Impl>();
  *out = std::move(kg);
  return Status::Ok();
}

// ---------------------------------------------------------------- loading from a store

KnowledgeGraph::KnowledgeGraph() : cameos_{std::string()} {}
KnowledgeGraph::~KnowledgeGraph() = default;

namespace {

constexpr const char* kSelectRelationRange =
    "SELECT id, subject_id, object_id, type, negated, cameo, evidence_count, first_date, "
    "       last_date, modality "
    "FROM relations WHERE id >= ?1 AND id <= ?2 ORDER BY id";

// Big enough to map any database: pages are then read without a copy through the kernel.
constexpr const char* kMapEverything = "PRAGMA mmap_size = 68719476736";

}  // namespace

Status KnowledgeGraph::ReadRelations(sqlite3* db, int64_t lo, int64_t hi, Builder::Impl* b) {
  Statement relations;
  GEOKG_RETURN_IF_ERROR(Statement::Prepare(db, kSelectRelationRange, &relations));
  relations.BindInt(1, lo);
  relations.BindInt(2, hi);
  RelationType last_type = RelationType::kConsult;
  std::string last_type_name(Relation(last_type).name);
  return relations.ForEachRow([&]() -> Status {
    const int64_t id = relations.ColumnInt(0);
    const std::string_view type = relations.ColumnView(3);
    RelationType t = last_type;
    if (type != last_type_name) {
      if (!RelationFromName(type, &t)) {
        return Status::Corruption("relation " + std::to_string(id) + " has an unknown type '" +
                                  std::string(type) + "'");
      }
      last_type = t;
      last_type_name.assign(type);
    }
    Modality m;
    const std::string_view modality = relations.ColumnView(9);
    if (!ModalityFromName(modality, &m)) {
      return Status::Corruption("relation " + std::to_string(id) + " has an unknown modality '" +
                                std::string(modality) + "'");
    }
    Status st = b->Relation(id, relations.ColumnInt(1), relations.ColumnInt(2), t,
                            relations.ColumnInt(4) != 0, relations.ColumnView(5),
                            relations.ColumnInt(6), relations.ColumnView(7),
                            relations.ColumnView(8), m);
    if (!st.ok()) return Status::Corruption(st.message());
    return Status::Ok();
  });
}

namespace {

// A read-only connection of its own to the database file behind `db`, or null (an
// in-memory database, or a failure: then the caller reads on `db` alone).
sqlite3* SecondReader(sqlite3* db) {
  const char* file = sqlite3_db_filename(db, "main");
  if (file == nullptr || *file == '\0') return nullptr;
  sqlite3* other = nullptr;
  if (sqlite3_open_v2(file, &other, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, nullptr) !=
      SQLITE_OK) {
    sqlite3_close_v2(other);
    return nullptr;
  }
  sqlite3_busy_timeout(other, 5000);
  sqlite3_exec(other, kMapEverything, nullptr, nullptr, nullptr);
  return other;
}

// A connection to the file behind `db` that takes the write lock at once or not at all, or
// null (in-memory database, a read-only file, another writer holding the lock).
sqlite3* WriteGate(sqlite3* db) {
  const char* file = sqlite3_db_filename(db, "main");
  if (file == nullptr || *file == '\0') return nullptr;
  sqlite3* gate = nullptr;
  if (sqlite3_open_v2(file, &gate, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, nullptr) !=
          SQLITE_OK ||
      sqlite3_exec(gate, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr) != SQLITE_OK) {
    sqlite3_close_v2(gate);
    return nullptr;
  }
  return gate;
}

// Counts of the relations table outside any snapshot, to decide on a second reader.
int64_t RelationSpan(sqlite3* db) {
  Statement st;
  bool row = false;
  if (!Statement::Prepare(db, "SELECT max(rowid) - min(rowid) FROM relations", &st).ok() ||
      !st.Step(&row).ok() || !row)
    return 0;
  return st.ColumnInt(0);
}

}  // namespace

namespace internal {
GraphLoadHooks& LoadHooks() {
  static GraphLoadHooks hooks;
  return hooks;
}
}  // namespace internal

Status KnowledgeGraph::Load(Store* store, std::unique_ptr<KnowledgeGraph>* out) {
  GEOKG_ASSERT(store != nullptr);
  sqlite3* db = store->Handle();
  Builder builder;
  Builder::Impl& b = *builder.impl_;
  GEOKG_RETURN_IF_ERROR(ExecSql(db, kMapEverything));
  const internal::GraphLoadHooks& hooks = internal::LoadHooks();

  // Large graphs: the upper half of the relations is read on a second thread, through a
  // connection of its own, which must read the same snapshot as this one. SQLite cannot
  // hand a snapshot over (this build has no sqlite3_snapshot_open), so both snapshots start
  // while a third connection holds the write lock: no commit can come between them. The
  // lock is held for two statements; when it cannot be had at once (a writer holds it, the
  // file is read-only), everything is read on this connection.
  sqlite3* second = nullptr;
  sqlite3* gate = nullptr;
  if (RelationSpan(db) > hooks.two_readers_above && (gate = WriteGate(db)) != nullptr &&
      (second = SecondReader(db)) == nullptr) {
    sqlite3_close_v2(gate);
    gate = nullptr;
  }
  struct Closer {
    sqlite3** db;
    ~Closer() {
      if (*db != nullptr) sqlite3_close_v2(*db);
    }
  } close_second{&second}, close_gate{&gate};

  // One read transaction: every row read on this connection comes from one snapshot.
  ReadSnapshot snapshot(db);
  GEOKG_RETURN_IF_ERROR(snapshot.Begin());

  Statement count;
  GEOKG_RETURN_IF_ERROR(Statement::Prepare(
      db,
      "SELECT (SELECT max(rowid) FROM entities), (SELECT min(rowid) FROM relations), "
      "       (SELECT max(rowid) FROM relations)",
      &count));
  bool row = false;
  GEOKG_RETURN_IF_ERROR(count.Step(&row));
  const int64_t n_entities = std::max<int64_t>(count.ColumnInt(0), 0);
  const int64_t min_relation = count.ColumnInt(1), max_relation = count.ColumnInt(2);
  count.Reset();
  if (second != nullptr) {
    if (hooks.between_snapshots) hooks.between_snapshots();
    // The second snapshot starts with its first read, then the writers may go on.
    if (sqlite3_exec(second, "BEGIN; SELECT 1 FROM relations LIMIT 1", nullptr, nullptr, nullptr) !=
        SQLITE_OK) {
      sqlite3_close_v2(second);
      second = nullptr;
    }
    sqlite3_exec(gate, "ROLLBACK", nullptr, nullptr, nullptr);
    sqlite3_close_v2(gate);
    gate = nullptr;
  }
  // Upper bounds (ids are never reused, rarely skipped): enough to reserve.
  builder.Reserve(static_cast<size_t>(n_entities),
                  static_cast<size_t>(std::max<int64_t>(max_relation - min_relation + 1, 0)));
  b.pool.reserve(static_cast<size_t>(n_entities) * 40);

  // The second connection reads the upper half of the relations (of this snapshot, which
  // is its own).
  const int64_t mid = min_relation + (max_relation - min_relation) / 2;
  Builder upper;
  Status upper_status;
  std::thread reader;
  if (second != nullptr) {
    upper.Reserve(0, static_cast<size_t>(max_relation - mid));
    reader = std::thread([&] {
      upper_status = ReadRelations(second, mid + 1, max_relation, upper.impl_.get());
    });
  }
  Statement entities;
  Status st = Statement::Prepare(db, kSelectEntities, &entities);
  if (st.ok()) {
    st = entities.ForEachRow([&] {
      return b.Actor(entities.ColumnInt(0), entities.ColumnView(1), entities.ColumnView(2),
                     EntityTypeFromName(entities.ColumnView(3)), entities.ColumnView(4));
    });
  }
  if (st.ok()) st = ReadRelations(db, min_relation, second != nullptr ? mid : max_relation, &b);
  if (reader.joinable()) reader.join();
  const bool two_readers = second != nullptr;
  if (second != nullptr) {
    sqlite3_close_v2(second);
    second = nullptr;
  }
  GEOKG_RETURN_IF_ERROR(st);
  GEOKG_RETURN_IF_ERROR(upper_status);
  if (two_readers) {
    // The upper half after the lower one (ids stay in order), its codes re-interned.
    Builder::Impl& u = *upper.impl_;
    b.edges.reserve(b.edges.size() + u.edges.size());
    for (Builder::Impl::PendingEdge& p : u.edges) {
      p.rec.cameo = b.Cameo(u.cameos[p.rec.cameo]);
      b.edges.push_back(p);
    }
    if (b.too_many_cameos) return Status::Corruption("more than 65535 distinct CAMEO codes");
  }

  std::unique_ptr<KnowledgeGraph> kg;
  st = builder.Build(&kg);
  // Foreign keys make a dangling relation impossible in a database geokg wrote.
  if (!st.ok()) return Status::Corruption(st.message());
  kg->store_ = store;
  GEOKG_RETURN_IF_ERROR(kg->Prepare());
  *out = std::move(kg);
  return Status::Ok();
}

// ---------------------------------------------------------------- records

std::string_view KnowledgeGraph::Key(Vertex v) const {
  const VertexRec& r = graph_[v];
  return std::string_view(pool_).substr(r.key_begin, r.name_begin - r.key_begin);
}

std::string_view KnowledgeGraph::Name(Vertex v) const {
  const VertexRec& r = graph_[v];
  return std::string_view(pool_).substr(r.name_begin, r.name_end - r.name_begin);
}

std::string_view KnowledgeGraph::Country(Vertex v) const {
  const VertexRec& r = graph_[v];
  size_t n = 0;
  while (n < 3 && r.country[n] != 0) ++n;
  return std::string_view(r.country, n);
}

std::string_view KnowledgeGraph::Cameo(const EdgeRec& e) const { return cameos_[e.cameo]; }

VertexProps KnowledgeGraph::Actor(Vertex v) const {
  VertexProps p;
  p.id = graph_[v].id;
  p.key = std::string(Key(v));
  p.name = std::string(Name(v));
  p.type = graph_[v].type;
  p.country = std::string(Country(v));
  return p;
}

EdgeProps KnowledgeGraph::Props(const EdgeRec& e) const {
  EdgeProps p;
  p.id = e.id;
  p.type = e.type;
  p.negated = e.negated();
  p.cameo = std::string(Cameo(e));
  p.evidence_count = e.evidence_count;
  p.first_date = FormatDate(e.first_date);
  p.last_date = FormatDate(e.last_date);
  p.modality = e.modality();
  return p;
}

RelationFact KnowledgeGraph::Fact(Edge e, const EdgeRec& agg) const {
  RelationFact f;
  f.relation = Props(agg);
  f.subject = Actor(boost::source(e, graph_));
  f.object = Actor(boost::target(e, graph_));
  return f;
}

size_t KnowledgeGraph::MemoryBytes() const {
  auto bytes = [](const auto& v) { return v.capacity() * sizeof(v[0]); };
  size_t total = sizeof(*this) + pool_.capacity() + bytes(vertex_ids_) + bytes(edge_by_id_) +
                 bytes(edge_by_sparse_id_) + bytes(graph_.m_vertex_properties) +
                 bytes(graph_.m_forward.m_rowstart) + bytes(graph_.m_forward.m_column) +
                 bytes(graph_.m_forward.m_edge_properties) + bytes(graph_.m_backward.m_rowstart) +
                 bytes(graph_.m_backward.m_column) + bytes(graph_.m_backward.m_edge_properties);
  for (const std::string& c : cameos_) total += sizeof(c) + c.capacity();
  if (undirected_) {
    total += bytes(undirected_->m_forward.m_rowstart) + bytes(undirected_->m_forward.m_column) +
             bytes(undirected_->m_forward.m_edge_properties);
  }
  return total;
}

bool KnowledgeGraph::FindVertex(int64_t id, Vertex* v) const {
  auto it = std::lower_bound(vertex_ids_.begin(), vertex_ids_.end(), id);
  if (it == vertex_ids_.end() || *it != id) return false;
  *v = static_cast<Vertex>(it - vertex_ids_.begin());
  return true;
}

bool KnowledgeGraph::FindActor(int64_t id, VertexProps* out) const {
  Vertex v;
  if (!FindVertex(id, &v)) return false;
  *out = Actor(v);
  return true;
}

bool KnowledgeGraph::FindEdge(int64_t id, Edge* e) const {
  if (!edge_index_built_) {
    edge_index_built_ = true;
    int64_t lo = std::numeric_limits<int64_t>::max(), hi = std::numeric_limits<int64_t>::min();
    for (auto [it, end] = boost::edges(graph_); it != end; ++it) {
      lo = std::min(lo, graph_[*it].id);
      hi = std::max(hi, graph_[*it].id);
    }
    const size_t m = num_relations();
    if (m > 0 && static_cast<uint64_t>(hi - lo) + 1 <= 2 * m + 1024) {
      min_edge_id_ = lo;
      edge_by_id_.assign(static_cast<size_t>(hi - lo) + 1, 0);
      for (auto [it, end] = boost::edges(graph_); it != end; ++it)
        edge_by_id_[static_cast<size_t>(graph_[*it].id - lo)] = it->idx + 1;
    } else {
      edge_by_sparse_id_.reserve(m);
      for (auto [it, end] = boost::edges(graph_); it != end; ++it)
        edge_by_sparse_id_.emplace_back(graph_[*it].id, it->idx);
      std::sort(edge_by_sparse_id_.begin(), edge_by_sparse_id_.end());
    }
  }
  uint32_t idx = 0;
  if (!edge_by_id_.empty()) {
    if (id < min_edge_id_ || static_cast<uint64_t>(id - min_edge_id_) >= edge_by_id_.size())
      return false;
    idx = edge_by_id_[static_cast<size_t>(id - min_edge_id_)];
    if (idx == 0) return false;
    --idx;
  } else {
    auto it = std::lower_bound(edge_by_sparse_id_.begin(), edge_by_sparse_id_.end(),
                               std::make_pair(id, uint32_t{0}));
    if (it == edge_by_sparse_id_.end() || it->first != id) return false;
    idx = it->second;
  }
  // The source of edge `idx`: the row of the forward CSR that holds it.
  const auto& rowstart = graph_.m_forward.m_rowstart;
  const auto row = std::upper_bound(rowstart.begin(), rowstart.end(), idx) - rowstart.begin() - 1;
  *e = Edge(static_cast<Vertex>(row), idx);
  return true;
}

// ---------------------------------------------------------------- names

Status KnowledgeGraph::Prepare() {
  sqlite3* db = store_->Handle();
  const std::pair<Statement*, const char*> prepared[] = {
      {&key_stmt_, kSelectByKey},          {&fold_stmt_, kSelectByFold},
      {&prefix_stmt_, kSelectByPrefix},    {&suggest_stmt_, kSelectSuggestions},
      {&search_prefix_stmt_, kSearchPrefix}, {&search_word_stmt_, kSearchWord},
  };
  for (const auto& [stmt, sql] : prepared) GEOKG_RETURN_IF_ERROR(Statement::Prepare(db, sql, stmt));
  return Status::Ok();
}

Status KnowledgeGraph::AliasMatches(Statement* stmt, std::vector<int64_t>* ids) const {
  ids->clear();
  Vertex v;
  return stmt->ForEachRow([&] {
    if (FindVertex(stmt->ColumnInt(0), &v)) ids->push_back(stmt->ColumnInt(0));
    return Status::Ok();
  });
}

// Without a store: the same steps over keys and names. step 0: key, 1: whole name,
// 2: prefix or word prefix, 3: suggestions.
Status KnowledgeGraph::NameMatches(std::string_view query, int step,
                                   std::vector<int64_t>* ids) const {
  ids->clear();
  const std::string fold = FoldName(query);
  const std::string stem = Stem(fold, 3);
  for (Vertex v = 0; v < num_actors(); ++v) {
    bool match = false;
    if (step == 0) {
      match = Key(v) == query;
    } else {
      const std::string name = FoldName(Name(v));
      if (step == 1) {
        match = name == fold;
      } else if (step == 2) {
        match = name.compare(0, fold.size(), fold) == 0 || WordStartsWith(name, fold);
      } else {
        match = name.find(fold) != std::string::npos ||
                (!stem.empty() &&
                 (name.compare(0, stem.size(), stem) == 0 || WordStartsWith(name, stem)));
      }
    }
    if (match) ids->push_back(graph_[v].id);
  }
  return Status::Ok();
}

Status KnowledgeGraph::ResolveActor(std::string_view name, VertexProps* out,
                                    std::vector<VertexProps>* candidates) const {
  if (candidates != nullptr) candidates->clear();
  const std::string shown(Trim(name));
  std::vector<int64_t> ids;
  const std::string fold = FoldName(shown);

  if (store_ == nullptr) {
    GEOKG_RETURN_IF_ERROR(NameMatches(shown, 0, &ids));
    if (ids.empty() && !fold.empty()) GEOKG_RETURN_IF_ERROR(NameMatches(shown, 1, &ids));
    if (ids.empty() && !fold.empty()) GEOKG_RETURN_IF_ERROR(NameMatches(shown, 2, &ids));
  } else {
    key_stmt_.Reset();
    key_stmt_.BindText(1, shown);
    GEOKG_RETURN_IF_ERROR(AliasMatches(&key_stmt_, &ids));
    if (ids.empty() && !fold.empty()) {
      fold_stmt_.Reset();
      fold_stmt_.BindText(1, fold);
      GEOKG_RETURN_IF_ERROR(AliasMatches(&fold_stmt_, &ids));
    }
    if (ids.empty() && !fold.empty()) {
      prefix_stmt_.Reset();
      prefix_stmt_.BindText(1, fold);
      prefix_stmt_.BindText(2, PrefixEnd(fold));
      GEOKG_RETURN_IF_ERROR(AliasMatches(&prefix_stmt_, &ids));
    }
  }

  if (ids.size() == 1) {
    FindActor(ids[0], out);
    return Status::Ok();
  }
  if (ids.empty()) {
    std::string msg = "no actor matches '" + shown + "'";
    if (fold.empty()) return Status::NotFound(msg);
    if (store_ == nullptr) {
      GEOKG_RETURN_IF_ERROR(NameMatches(shown, 3, &ids));
    } else {
      const std::string stem = Stem(fold, 3);
      suggest_stmt_.Reset();
      suggest_stmt_.BindText(1, fold);
      // Without a stem (a short name), bind something no fold contains.
      suggest_stmt_.BindText(2, stem.empty() ? std::string("\x01") : stem);
      suggest_stmt_.BindText(3, stem.empty() ? std::string("\x01") : PrefixEnd(stem));
      GEOKG_RETURN_IF_ERROR(AliasMatches(&suggest_stmt_, &ids));
    }
    std::vector<VertexProps> found(ids.size());
    for (size_t i = 0; i < ids.size(); ++i) FindActor(ids[i], &found[i]);
    found = SortCandidates(std::move(found));
    for (size_t i = 0; i < found.size(); ++i)
      msg += (i ? "; " : "; did you mean ") + Describe(found[i]);
    if (!found.empty()) msg += "?";
    if (candidates != nullptr) *candidates = std::move(found);
    return Status::NotFound(msg);
  }

  std::vector<VertexProps> found(ids.size());
  for (size_t i = 0; i < ids.size(); ++i) FindActor(ids[i], &found[i]);
  const size_t total = found.size();
  found = SortCandidates(std::move(found));
  std::string msg = "'" + shown + "' is ambiguous (" + std::to_string(total) + " actors): ";
  for (size_t i = 0; i < found.size(); ++i) msg += (i ? "; " : "") + Describe(found[i]);
  if (total > found.size()) msg += "; ...";
  msg += ". Give a longer name or a key";
  if (candidates != nullptr) *candidates = std::move(found);
  return Status::NotFound(msg);
}

Status KnowledgeGraph::SearchActors(std::string_view prefix, size_t limit,
                                    std::vector<ActorMatch>* out) const {
  out->clear();
  const std::string fold = FoldName(prefix);
  if (fold.empty() || limit == 0) return Status::Ok();
  // entity id -> position in `out`.
  std::unordered_map<int64_t, size_t> seen;
  auto consider = [&](int64_t id, std::string_view alias, std::string_view alias_fold) {
    Vertex v;
    if (!FindVertex(id, &v)) return;
    const int quality = alias_fold == fold ? 0
                        : alias_fold.compare(0, fold.size(), fold) == 0 ? 1
                                                                       : 2;
    auto it = seen.find(id);
    if (it != seen.end()) {
      ActorMatch& m = (*out)[it->second];
      if (quality < m.quality) {
        m.quality = quality;
        m.alias = std::string(alias);
      }
      return;
    }
    ActorMatch m;
    m.actor = Actor(v);
    m.alias = std::string(alias);
    m.quality = quality;
    m.degree = Degree(graph_, v);
    seen.emplace(id, out->size());
    out->push_back(std::move(m));
  };

  // Enough rows to fill `limit` actors even when each has several matching aliases.
  const int64_t rows = static_cast<int64_t>(std::min<size_t>(limit, 100000)) * 8 + 64;
  if (store_ != nullptr) {
    search_prefix_stmt_.Reset();
    search_prefix_stmt_.BindText(1, fold);
    search_prefix_stmt_.BindText(2, PrefixEnd(fold));
    search_prefix_stmt_.BindInt(3, rows);
    GEOKG_RETURN_IF_ERROR(search_prefix_stmt_.ForEachRow([&] {
      consider(search_prefix_stmt_.ColumnInt(0), search_prefix_stmt_.ColumnView(1),
               search_prefix_stmt_.ColumnView(2));
      return Status::Ok();
    }));
    if (out->size() < limit) {
      search_word_stmt_.Reset();
      search_word_stmt_.BindText(1, fold);
      search_word_stmt_.BindInt(2, rows);
      GEOKG_RETURN_IF_ERROR(search_word_stmt_.ForEachRow([&] {
        consider(search_word_stmt_.ColumnInt(0), search_word_stmt_.ColumnView(1),
                 search_word_stmt_.ColumnView(2));
        return Status::Ok();
      }));
    }
  } else {
    for (Vertex v = 0; v < num_actors(); ++v) {
      const std::string name_fold = FoldName(Name(v));
      if (name_fold.compare(0, fold.size(), fold) == 0 || WordStartsWith(name_fold, fold))
        consider(graph_[v].id, Name(v), name_fold);
    }
  }
  std::sort(out->begin(), out->end(), [](const ActorMatch& a, const ActorMatch& b) {
    if (a.quality != b.quality) return a.quality < b.quality;
    if (a.degree != b.degree) return a.degree > b.degree;
    if (a.actor.name != b.actor.name) return a.actor.name < b.actor.name;
    return a.actor.id < b.actor.id;
  });
  if (out->size() > limit) out->resize(limit);
  return Status::Ok();
}

}  // namespace geokg
