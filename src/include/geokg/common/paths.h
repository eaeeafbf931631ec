// Where geokg finds its data files (lexicons, gazetteers, schema migrations).
#pragma once

#include <string>

namespace geokg {

// Returns the data root: a folder holding data/ and schema/. In order: $GEOKG_DATA when it
// is set; <dir of the executable>/../share/geokg (after `cmake --install`); the source tree
// the binary was built from. Returns "" when none of them holds schema/.
std::string DataRoot();

}  // namespace geokg
