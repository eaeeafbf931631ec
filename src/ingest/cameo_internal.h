// CAMEO actor dictionaries converted against a loaded gazetteer (geokg/ingest/cameo.h).
#pragma once

#include <string>
#include <vector>

#include "geokg/ingest/cameo.h"
#include "nlp_internal.h"

namespace geokg::internal {

// Reads `files` and converts their actors against `base` (see ImportCameoActors). `names`
// (data/lexicon/names.tsv: first names, titles, organisation words) tells people from
// organisations among actors without dated codes; nullptr: only dated codes tell.
Status ConvertCameoActors(const std::vector<std::string>& files, const Gazetteer& base,
                          const Lexicon* names, CameoImport* out);

}  // namespace geokg::internal
