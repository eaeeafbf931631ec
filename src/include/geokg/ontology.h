// The relation ontology: fine types, their coarse classes, direction and default CAMEO code.
// schema/001_init.sql loads the same table into SQLite (relation_types); a test keeps them equal.
#pragma once

#include <string_view>

#include "geokg/model.h"

namespace geokg {

struct RelationInfo {
  RelationType type;
  std::string_view name;    // "CONSULT"
  std::string_view coarse;  // "COMMUNICATE"
  bool symmetric;           // true when the class reads either way round
  std::string_view cameo;   // default CAMEO code ("" for structural types)
  std::string_view label;   // a short English description
};

// The info for `t`. `t` must be a real type (not kCount).
const RelationInfo& Relation(RelationType t);

// Looks up a fine type by its upper-case name. Returns false on a miss.
bool RelationFromName(std::string_view name, RelationType* out);

// True when `name` is a coarse class name (COMMUNICATE, COOPERATE, ...).
bool IsCoarseClass(std::string_view name);

}  // namespace geokg
