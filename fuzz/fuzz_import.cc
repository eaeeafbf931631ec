// Fuzzes the GraphML reader (`geokg import`): ReadGraphmlGraph into an in-memory graph and
// ImportGraphml into a database, on any bytes given as a .graphml file.
//
// Checks: a file is refused with a one-line message or read; a graph that was read exports
// (through WriteGraphml) to GraphML that is well-formed, and reads back with the same
// number of actors and relations; an import leaves a database that passes
// PRAGMA integrity_check and loads as a graph.
#include <libxml/parser.h>
#include <sqlite3.h>

#include <cstdint>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>

#include "cli_util.h"
#include "fuzz_util.h"
#include "geokg/graph/export.h"
#include "geokg/graph/graph.h"
#include "geokg/graph/import.h"
#include "geokg/store/store.h"

namespace {

void IgnoreXmlError(void*, const char*, ...) {}

void WriteFile(const std::string& path, const std::string& bytes) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << bytes;
  if (!out) geokg::fuzz::Fail("cannot write " + path);
}

// libxml2's messages may span lines ("Input is not proper UTF-8, indicate encoding !\nBytes:
// 0xFF ..."); ReadGraphml passes them on and the CLI flattens them, so only their presence is
// checked here.
void CheckError(const geokg::Status& st) {
  FUZZ_CHECK(!st.ok(), "an error");
  FUZZ_CHECK(!st.message().empty(), "an error says what is wrong");
}

std::string Integrity(sqlite3* db) {
  sqlite3_stmt* st = nullptr;
  sqlite3_prepare_v2(db, "PRAGMA integrity_check", -1, &st, nullptr);
  std::string out;
  while (sqlite3_step(st) == SQLITE_ROW) out += reinterpret_cast<const char*>(sqlite3_column_text(st, 0));
  sqlite3_finalize(st);
  return out;
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  xmlInitParser();
  xmlSetGenericErrorFunc(nullptr, IgnoreXmlError);
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size > 16384) return 0;
  const std::string path = geokg::fuzz::ScratchDir() + "/in.graphml";
  WriteFile(path, std::string(reinterpret_cast<const char*>(data), size));

  // With and without a default relation type for edges that name none.
  geokg::GraphmlImportOptions options;
  options.has_default_relation = size % 2 == 0;
  options.on_error = [](const geokg::Status& st) { CheckError(st); };

  std::unique_ptr<geokg::KnowledgeGraph> kg;
  geokg::GraphmlImportStats stats;
  geokg::Status st = geokg::ReadGraphmlGraph(path, options, &kg, &stats);
  if (!st.ok()) {
    CheckError(st);
  } else {
    FUZZ_CHECK(kg != nullptr, "a graph");
    std::ostringstream os;
    st = geokg::WriteGraphml(*kg, os);
    FUZZ_CHECK(st.ok(), st.message());
    const std::string xml = os.str();
    xmlDocPtr doc = xmlReadMemory(xml.data(), static_cast<int>(xml.size()), "out.graphml", nullptr,
                                  XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
    FUZZ_CHECK(doc != nullptr, "the export of an imported graph is not well-formed:\n" + xml);
    xmlFreeDoc(doc);
    // Our own export reads back whole.
    const std::string again = geokg::fuzz::ScratchDir() + "/again.graphml";
    WriteFile(again, xml);
    std::unique_ptr<geokg::KnowledgeGraph> kg2;
    geokg::GraphmlImportStats stats2;
    geokg::GraphmlImportOptions strict;
    st = geokg::ReadGraphmlGraph(again, strict, &kg2, &stats2);
    FUZZ_CHECK(st.ok(), "our export does not read back: " + st.message() + "\n" + xml);
    FUZZ_CHECK(stats2.refused == 0, "our export has refused elements:\n" + xml);
    FUZZ_CHECK(kg2->num_actors() == kg->num_actors() && kg2->num_relations() == kg->num_relations(),
               "round trip changed the graph:\n" + xml);
  }

  std::unique_ptr<geokg::Store> store;
  st = geokg::Store::Open(":memory:", geokg::StoreOptions{}, &store);
  FUZZ_CHECK(st.ok(), st.message());
  geokg::GraphmlImportStats import_stats;
  geokg::BulkOptions bulk;
  bulk.background = false;
  st = geokg::ImportGraphml(path, store.get(), options, bulk, &import_stats);
  if (!st.ok()) CheckError(st);
  FUZZ_CHECK(Integrity(store->Handle()) == "ok", "integrity_check after an import");
  std::unique_ptr<geokg::KnowledgeGraph> loaded;
  st = geokg::KnowledgeGraph::Load(store.get(), &loaded);
  FUZZ_CHECK(st.ok(), "the imported database does not load: " + st.message());
  return 0;
}
