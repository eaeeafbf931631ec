// geokg_make_fixture DB: writes the test corpus of fixture_db.h into a new database, for the
// script tests (which cannot count on `geokg ingest`). Prints "<entities> <relations>".

#include <filesystem>
#include <iostream>

#include "fixture_db.h"

int main(int argc, char** argv) {
  if (argc != 2) {
    std::cerr << "usage: geokg_make_fixture DB\n";
    return 2;
  }
  if (std::filesystem::exists(argv[1])) {
    std::cerr << "geokg_make_fixture: " << argv[1] << " already exists\n";
    return 1;
  }
  geokg::Status st = geokg::testing::WriteFixtureDb(argv[1]);
  if (!st.ok()) {
    std::cerr << "geokg_make_fixture: " << st.message() << "\n";
    return 1;
  }
  std::cout << geokg::testing::kFixtureEntities << " " << geokg::testing::kFixtureRelations << "\n";
  return 0;
}
