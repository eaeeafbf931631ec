#include "geokg/common/paths.h"

#include <unistd.h>

#include <cstdlib>
#include <filesystem>

namespace geokg {
namespace {

bool HoldsSchema(const std::filesystem::path& dir) {
  std::error_code ec;
  return std::filesystem::is_directory(dir / "schema", ec) &&
         std::filesystem::is_directory(dir / "data", ec);
}

}  // namespace

std::string DataRoot() {
  if (const char* env = std::getenv("GEOKG_DATA"); env != nullptr && *env != '\0') {
    if (HoldsSchema(env)) return env;
  }
  char buf[4096];
  ssize_t n = readlink("/proc/self/exe", buf, sizeof(buf) - 1);
  if (n > 0) {
    buf[n] = '\0';
    std::filesystem::path exe_dir = std::filesystem::path(buf).parent_path();
    std::filesystem::path installed = exe_dir / ".." / "share" / "geokg";
    if (HoldsSchema(installed)) return std::filesystem::weakly_canonical(installed).string();
  }
#ifdef GEOKG_SOURCE_DIR
  if (HoldsSchema(GEOKG_SOURCE_DIR)) return GEOKG_SOURCE_DIR;
#endif
  return "";
}

}  // namespace geokg
