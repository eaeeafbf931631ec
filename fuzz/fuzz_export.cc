// Fuzzes the writers of `geokg export` (geokg::RunExport): GraphML, GEXF, node-link and
// Cytoscape JSON, and triples JSON Lines. The input describes a database (actors with any
// bytes in their keys, names and countries, relations of any type, negated or not, with any
// modality, evidence text and dates), written through the Store API, and a selection
// (--no-negated, a date window, an ego network).
//
// Checks: every export succeeds; libxml2 parses the XML formats (well-formed whatever the
// names hold: XML-special characters, control characters, invalid UTF-8) and they validate
// against the GraphML and GEXF 1.3 schemas when ../shared/eval/schemas/ is there; the JSON
// formats parse; the whole-graph GraphML has one edge per relation.
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlschemas.h>

#include <cstdint>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "cli_util.h"
#include "commands.h"
#include "fuzz_util.h"
#include "geokg/model.h"
#include "geokg/store/store.h"

namespace {

xmlSchemaPtr g_graphml_schema = nullptr;
xmlSchemaPtr g_gexf_schema = nullptr;
int g_run = 0;

void IgnoreXmlError(void*, const char*, ...) {}

// Collects the schema validator's messages.
void CollectError(void* ctx, xmlErrorPtr error) {
  auto* out = static_cast<std::string*>(ctx);
  if (error != nullptr && error->message != nullptr && out->size() < 2000) {
    *out += "line " + std::to_string(error->line) + ": " + error->message;
  }
}

// Dates as geokg writes them, and one that is no calendar day (databases written before
// datelines were checked hold such dates): the GEXF writer must still write xs:dates.
const char* const kDates[] = {"", "2015-09-30", "2015-10-01", "2014-03", "2016", "1999-12-31",
                              "2015-09-31"};
size_t DateCount() { return std::size(kDates); }

// Counts the elements called `name` anywhere below `node`, without recursion.
size_t CountElements(xmlNodePtr root, const char* name) {
  size_t n = 0;
  std::vector<xmlNodePtr> stack = {root};
  while (!stack.empty()) {
    xmlNodePtr node = stack.back();
    stack.pop_back();
    for (xmlNodePtr c = node->children; c != nullptr; c = c->next) {
      if (c->type != XML_ELEMENT_NODE) continue;
      if (xmlStrcmp(c->name, reinterpret_cast<const xmlChar*>(name)) == 0) ++n;
      stack.push_back(c);
    }
  }
  return n;
}

// Builds one document from the input: up to 8 entities and 12 triples.
geokg::Document MakeDocument(geokg::fuzz::Bytes& in, int index) {
  geokg::Document doc;
  doc.article.id = "a" + std::to_string(index);
  doc.article.origin = "fuzz";
  doc.article.text = in.Until('\0');
  if (doc.article.text.empty()) doc.article.text = "text";
  doc.lang = in.Bool() ? "fr" : "en";
  doc.date = kDates[in.Below(DateCount())];
  const size_t entities = 1 + in.Below(8);
  for (size_t i = 0; i < entities; ++i) {
    geokg::Entity e;
    e.key = in.Until('\0');
    if (e.key.empty()) e.key = "k" + std::to_string(i);
    e.name = in.Until('\0');
    e.type = static_cast<geokg::EntityType>(in.Below(8));
    if (in.Bool()) e.country = in.Until('\0');
    if (in.Bool()) e.aliases.push_back(in.Until('\0'));
    doc.entities.push_back(std::move(e));
  }
  const size_t triples = in.Below(13);
  for (size_t i = 0; i < triples; ++i) {
    geokg::Triple t;
    t.subject = static_cast<int>(in.Below(entities));
    t.object = static_cast<int>(in.Below(entities));
    t.relation = static_cast<geokg::RelationType>(
        in.Below(static_cast<size_t>(geokg::RelationType::kCount)));
    t.negated = in.Bool();
    t.modality = static_cast<geokg::Modality>(in.Below(5));
    t.date = kDates[in.Below(DateCount())];
    if (in.Bool()) t.cameo = in.Until('\0');
    t.sentence = 0;
    t.begin = 0;
    t.end = static_cast<uint32_t>(in.Below(doc.article.text.size() + 1));
    t.subject_mention = in.Until('\0');
    t.object_mention = in.Until('\0');
    t.trigger = in.Until('\0');
    doc.triples.push_back(std::move(t));
  }
  return doc;
}

xmlSchemaPtr LoadSchema(const std::string& relative) {
  const std::string xsd = std::string(GEOKG_SHARED_DIR) + "/eval/schemas/" + relative;
  std::error_code ec;
  if (!std::filesystem::exists(xsd, ec)) {
    std::fprintf(stderr, "no schema at %s: checking well-formedness only\n", xsd.c_str());
    return nullptr;
  }
  xmlSchemaParserCtxtPtr ctx = xmlSchemaNewParserCtxt(xsd.c_str());
  xmlSchemaPtr schema = xmlSchemaParse(ctx);
  xmlSchemaFreeParserCtxt(ctx);
  if (schema == nullptr) geokg::fuzz::Fail("cannot load " + xsd);
  return schema;
}

// Parses `xml` (the output of --format `format`) and validates it against `schema` (when
// there is one). Returns the number of <edge> elements.
size_t CheckXml(const std::string& format, const std::string& xml, xmlSchemaPtr schema) {
  xmlDocPtr doc = xmlReadMemory(xml.data(), static_cast<int>(xml.size()), "out.xml", nullptr,
                                XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
  FUZZ_CHECK(doc != nullptr, format + " is not well-formed XML:\n" + xml);
  if (schema != nullptr) {
    std::string errors;
    xmlSchemaValidCtxtPtr vctx = xmlSchemaNewValidCtxt(schema);
    xmlSchemaSetValidStructuredErrors(vctx, CollectError, &errors);
    const int valid = xmlSchemaValidateDoc(vctx, doc);
    xmlSchemaFreeValidCtxt(vctx);
    if (valid != 0) {
      xmlFreeDoc(doc);
      geokg::fuzz::Fail(format + " does not validate against its schema: " + errors + "\n" + xml);
    }
  }
  const size_t edges = CountElements(xmlDocGetRootElement(doc), "edge");
  xmlFreeDoc(doc);
  return edges;
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  xmlInitParser();
  xmlSetGenericErrorFunc(nullptr, IgnoreXmlError);
  g_graphml_schema = LoadSchema("graphml/graphml.xsd");
  g_gexf_schema = LoadSchema("gexf/1.3/gexf.xsd");
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size > 8192) return 0;
  geokg::fuzz::Bytes in(data, size);
  const uint8_t selection = in.Byte();
  const std::string db = geokg::fuzz::ScratchDir() + "/export" + std::to_string(g_run++ % 2) + ".db";
  std::filesystem::remove(db);
  std::filesystem::remove(db + "-wal");
  std::filesystem::remove(db + "-shm");

  size_t relations_expected = 0;
  bool odd_dates = false;
  {
    std::unique_ptr<geokg::Store> store;
    geokg::Status st = geokg::Store::Open(db, geokg::StoreOptions{}, &store);
    FUZZ_CHECK(st.ok(), st.message());
    const size_t documents = 1 + in.Below(3);
    for (size_t d = 0; d < documents && !in.empty(); ++d) {
      geokg::Document doc = MakeDocument(in, static_cast<int>(d));
      for (const geokg::Triple& t : doc.triples) {
        const std::string& date = t.date.empty() ? doc.date : t.date;
        if (date == "2015-09-31") odd_dates = true;
      }
      geokg::AddStats stats;
      st = store->AddDocument(doc, "hash" + std::to_string(d), &stats);
      FUZZ_CHECK(st.ok(), st.message());
      relations_expected += static_cast<size_t>(stats.relations_added);
    }
  }

  // The selection: bit 0 --no-negated, bit 1 a date window, bit 2 an ego network.
  std::vector<std::string> select;
  if (selection & 1) select.push_back("--no-negated");
  if (selection & 2) select.insert(select.end(), {"--from", "2015-09", "--to", "2015-12-31"});
  if (selection & 4) select.insert(select.end(), {"--ego", "k0", "--hops", "2"});
  const bool whole = (selection & 7) == 0;

  for (const std::string format : {"graphml", "gexf", "json", "cytoscape", "jsonl"}) {
    std::vector<std::string> args = {"export", "--db", db, "--format", format};
    args.insert(args.end(), select.begin(), select.end());
    const geokg::fuzz::CliResult r = geokg::fuzz::RunCli(geokg::RunExport, args);
    if (r.code == 1 && (odd_dates || (selection & 4))) {
      // A date that is no calendar day (geokg never stores one), or an ego actor "k0" that
      // is not there: refusing is fine, with a one-line message.
      FUZZ_CHECK(r.err.rfind("geokg: ", 0) == 0, r.err);
      continue;
    }
    FUZZ_CHECK(r.code == 0, format + " export failed: " + r.err);
    if (format == "graphml") {
      const size_t edges = CheckXml(format, r.out, g_graphml_schema);
      if (whole) {
        FUZZ_CHECK(edges == relations_expected, std::to_string(edges) + " edges for " +
                                                    std::to_string(relations_expected) +
                                                    " relations");
      }
    } else if (format == "gexf") {
      CheckXml(format, r.out, g_gexf_schema);
    } else if (format == "jsonl") {
      size_t start = 0;
      while (start < r.out.size()) {
        size_t end = r.out.find('\n', start);
        if (end == std::string::npos) end = r.out.size();
        FUZZ_CHECK(nlohmann::json::accept(r.out.substr(start, end - start)), "jsonl line");
        start = end + 1;
      }
    } else {
      FUZZ_CHECK(nlohmann::json::accept(r.out), format + " is not JSON:\n" + r.out);
    }
  }
  return 0;
}
