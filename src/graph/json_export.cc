// JSON node-link (d3, networkx) and Cytoscape.js exports, and neo4j-admin CSV: streaming.
#include <string_view>

#include "geokg/common/text.h"
#include "geokg/graph/export.h"
#include "geokg/ontology.h"
#include "graph_internal.h"

namespace geokg {
namespace {

using internal::AppendInt;

// `,"name":"value"` (nothing when `value` is empty).
void Field(std::string* out, std::string_view name, std::string_view value) {
  if (value.empty()) return;
  out->append(",\"").append(name).append("\":");
  AppendJsonString(out, value);
}

// The attributes every JSON format gives an actor, after its id.
void ActorFields(const KnowledgeGraph& kg, Vertex v, int hops, std::string* out) {
  const VertexRec& p = kg.graph()[v];
  out->append(",\"entity_id\":");
  AppendInt(out, p.id);
  Field(out, "key", kg.Key(v));
  out->append(",\"name\":");
  AppendJsonString(out, kg.Name(v));
  Field(out, "type", EntityTypeName(p.type));
  Field(out, "country", kg.Country(v));
  if (hops >= 0) {
    out->append(",\"hops\":");
    AppendInt(out, hops);
  }
}

// The attributes of a relation, after its id, source and target.
void RelationFields(const KnowledgeGraph& kg, const EdgeRec& p, std::string* out) {
  const RelationInfo& info = Relation(p.type);
  out->append(",\"relation_id\":");
  AppendInt(out, p.id);
  Field(out, "relation", info.name);
  Field(out, "coarse", info.coarse);
  Field(out, "cameo", kg.Cameo(p));
  out->append(p.negated() ? ",\"negated\":true" : ",\"negated\":false");
  out->append(",\"evidence_count\":");
  AppendInt(out, p.evidence_count);
  if (p.first_date != 0) {
    out->append(",\"first_date\":\"");
    internal::AppendDate(out, p.first_date);
    out->push_back('"');
  }
  if (p.last_date != 0) {
    out->append(",\"last_date\":\"");
    internal::AppendDate(out, p.last_date);
    out->push_back('"');
  }
  Field(out, "modality", ModalityName(p.modality()));
}

void NodeId(std::string* out, int64_t id) {
  out->append("\"n");
  AppendInt(out, id);
  out->push_back('"');
}

void EdgeId(std::string* out, int64_t id) {
  out->append("\"e");
  AppendInt(out, id);
  out->push_back('"');
}

// CSV: every text field quoted, quotes doubled, line breaks and other control characters
// turned into spaces (neo4j-admin then needs no --multiline-fields).
void Csv(std::string* out, std::string_view s) {
  out->push_back('"');
  for (char c : s) {
    const unsigned char u = static_cast<unsigned char>(c);
    if (c == '"') {
      out->append("\"\"");
    } else if (u < 0x20 || u == 0x7F) {
      out->push_back(' ');
    } else {
      out->push_back(c);
    }
  }
  out->push_back('"');
}

// An empty value is an empty field (null for neo4j), not "".
void CsvOpt(std::string* out, std::string_view s) {
  if (!s.empty()) Csv(out, s);
}

}  // namespace

Status WriteNodeLinkJson(const KnowledgeGraph& kg, const Subgraph& sg, std::ostream& os) {
  const Graph& g = kg.graph();
  internal::OutBuffer buf(os);
  std::string& out = buf.str();
  out.append(
      "{\"directed\":true,\"multigraph\":true,\"graph\":{\"name\":\"geokg\","
      "\"description\":\"actors and the relations found between them\"},\n\"nodes\":[");
  bool first = true;
  bool ok = internal::ForEachActor(kg, sg, [&](Vertex v, int hops) {
    out.append(first ? "\n{\"id\":" : ",\n{\"id\":");
    first = false;
    NodeId(&out, g[v].id);
    ActorFields(kg, v, hops, &out);
    out.push_back('}');
    return buf.MaybeFlush();
  });
  out.append("],\n\"links\":[");
  first = true;
  ok = ok && internal::ForEachRelation(kg, sg, [&](Edge e, const EdgeRec& p) {
    out.append(first ? "\n{\"source\":" : ",\n{\"source\":");
    first = false;
    NodeId(&out, g[boost::source(e, g)].id);
    out.append(",\"target\":");
    NodeId(&out, g[boost::target(e, g)].id);
    out.append(",\"key\":");
    EdgeId(&out, p.id);
    out.append(",\"id\":");
    EdgeId(&out, p.id);
    RelationFields(kg, p, &out);
    out.push_back('}');
    return buf.MaybeFlush();
  });
  out.append("]}\n");
  ok = ok && buf.Flush();
  os.flush();
  if (!ok || !os) return Status::IoError("writing JSON failed");
  return Status::Ok();
}

Status WriteCytoscapeJson(const KnowledgeGraph& kg, const Subgraph& sg, std::ostream& os) {
  const Graph& g = kg.graph();
  internal::OutBuffer buf(os);
  std::string& out = buf.str();
  out.append(
      "{\"data\":{\"name\":\"geokg\",\"description\":\"actors and the relations found between "
      "them\"},\"directed\":true,\"multigraph\":true,\n\"elements\":{\"nodes\":[");
  bool first = true;
  bool ok = internal::ForEachActor(kg, sg, [&](Vertex v, int hops) {
    out.append(first ? "\n{\"data\":{\"id\":" : ",\n{\"data\":{\"id\":");
    first = false;
    NodeId(&out, g[v].id);
    out.append(",\"value\":");
    NodeId(&out, g[v].id);
    ActorFields(kg, v, hops, &out);
    out.append("}}");
    return buf.MaybeFlush();
  });
  out.append("],\n\"edges\":[");
  first = true;
  ok = ok && internal::ForEachRelation(kg, sg, [&](Edge e, const EdgeRec& p) {
    out.append(first ? "\n{\"data\":{\"id\":" : ",\n{\"data\":{\"id\":");
    first = false;
    EdgeId(&out, p.id);
    out.append(",\"source\":");
    NodeId(&out, g[boost::source(e, g)].id);
    out.append(",\"target\":");
    NodeId(&out, g[boost::target(e, g)].id);
    out.append(",\"key\":");
    EdgeId(&out, p.id);
    RelationFields(kg, p, &out);
    out.append("}}");
    return buf.MaybeFlush();
  });
  out.append("]}}\n");
  ok = ok && buf.Flush();
  os.flush();
  if (!ok || !os) return Status::IoError("writing JSON failed");
  return Status::Ok();
}

Status WriteNeo4jCsv(const KnowledgeGraph& kg, const Subgraph& sg, std::ostream& actors,
                     std::ostream& relations) {
  const Graph& g = kg.graph();
  {
    internal::OutBuffer buf(actors);
    std::string& out = buf.str();
    out.append("actorId:ID(Actor),entity_id:long,key,name,type,country,:LABEL\n");
    bool ok = internal::ForEachActor(kg, sg, [&](Vertex v, int) {
      const VertexRec& p = g[v];
      out.push_back('n');
      AppendInt(&out, p.id);
      out.push_back(',');
      AppendInt(&out, p.id);
      out.push_back(',');
      Csv(&out, kg.Key(v));
      out.push_back(',');
      Csv(&out, kg.Name(v));
      out.push_back(',');
      out.append(EntityTypeName(p.type));
      out.push_back(',');
      CsvOpt(&out, kg.Country(v));
      out.append(",Actor;");
      out.append(EntityTypeName(p.type));
      out.push_back('\n');
      return buf.MaybeFlush();
    });
    ok = ok && buf.Flush();
    actors.flush();
    if (!ok || !actors) return Status::IoError("writing the actors CSV failed");
  }
  internal::OutBuffer buf(relations);
  std::string& out = buf.str();
  out.append(
      ":START_ID(Actor),:END_ID(Actor),:TYPE,relation_id:long,coarse,cameo,negated:boolean,"
      "evidence_count:long,first_date:date,last_date:date,modality\n");
  bool ok = internal::ForEachRelation(kg, sg, [&](Edge e, const EdgeRec& p) {
    const RelationInfo& info = Relation(p.type);
    out.push_back('n');
    AppendInt(&out, g[boost::source(e, g)].id);
    out.append(",n");
    AppendInt(&out, g[boost::target(e, g)].id);
    out.push_back(',');
    out.append(info.name);
    out.push_back(',');
    AppendInt(&out, p.id);
    out.push_back(',');
    out.append(info.coarse);
    out.push_back(',');
    CsvOpt(&out, kg.Cameo(p));
    out.append(p.negated() ? ",true," : ",false,");
    AppendInt(&out, p.evidence_count);
    out.push_back(',');
    internal::AppendDate(&out, p.first_date);
    out.push_back(',');
    internal::AppendDate(&out, p.last_date);
    out.push_back(',');
    out.append(ModalityName(p.modality()));
    out.push_back('\n');
    return buf.MaybeFlush();
  });
  ok = ok && buf.Flush();
  relations.flush();
  if (!ok || !relations) return Status::IoError("writing the relations CSV failed");
  return Status::Ok();
}

}  // namespace geokg
