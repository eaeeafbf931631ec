#include "cli_util.h"

#include <algorithm>
#include <charconv>
#include <filesystem>
#include <iostream>

#include "geokg/common/text.h"

namespace geokg::cli {

Status ParseArgs(int argc, char** argv, const std::vector<OptionSpec>& specs, ParsedArgs* out) {
  bool options_done = false;
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    if (options_done || arg.size() < 2 || arg[0] != '-') {
      out->positional.push_back(arg);
      continue;
    }
    if (arg == "--") {
      options_done = true;
      continue;
    }
    std::string name = arg, value;
    bool inline_value = false;
    if (size_t eq = arg.find('='); arg.rfind("--", 0) == 0 && eq != std::string::npos) {
      name = arg.substr(0, eq);
      value = arg.substr(eq + 1);
      inline_value = true;
    }
    auto spec = std::find_if(specs.begin(), specs.end(),
                             [&](const OptionSpec& s) { return s.name == name; });
    if (spec == specs.end()) return Status::Usage("unknown option '" + name + "'");
    if (spec->takes_value && !inline_value) {
      if (i + 1 >= argc) return Status::Usage("option " + name + " needs a value");
      value = argv[++i];
    } else if (!spec->takes_value && inline_value) {
      return Status::Usage("option " + name + " takes no value");
    }
    out->options[std::string(spec->canonical)].push_back(value);
  }
  return Status::Ok();
}

std::vector<OptionSpec> Options(std::initializer_list<std::string_view> values,
                                std::initializer_list<std::string_view> flags,
                                std::initializer_list<OptionSpec> aliases) {
  std::vector<OptionSpec> specs;
  for (std::string_view name : values) specs.push_back({name, true, name});
  for (std::string_view name : flags) specs.push_back({name, false, name});
  specs.insert(specs.end(), aliases);
  specs.push_back({"--help", false, "--help"});
  specs.push_back({"-h", false, "--help"});
  return specs;
}

int ParseCommandLine(std::string_view command, std::string_view help, int argc, char** argv,
                     const std::vector<OptionSpec>& specs, ParsedArgs* args) {
  Status st = ParseArgs(argc, argv, specs, args);
  if (!st.ok()) return UsageError(command, st.message());
  if (args->Has("--help")) {
    std::cout << help;
    return FinishOutput();
  }
  return -1;
}

int UsageError(std::string_view command, std::string_view message) {
  std::cerr << "geokg " << command << ": " << Clip(message, 2000) << "\n"
            << "Try 'geokg " << command << " --help'.\n";
  return kExitUsage;
}

int Failure(const Status& st) {
  std::cerr << "geokg: " << Clip(st.message(), 2000) << "\n";
  return kExitFailure;
}

int FinishOutput() {
  std::cout.flush();
  if (!std::cout) return Failure(Status::IoError("cannot write to standard output"));
  return kExitOk;
}

size_t Width(std::string_view s) {
  size_t width = 0;
  for (size_t i = 0; i < s.size();) {
    char32_t cp = DecodeUtf8(s, &i);
    if (!(cp >= 0x300 && cp <= 0x36F)) ++width;
  }
  return width;
}

namespace {
bool IsControl(char32_t cp) { return cp < 0x20 || (cp >= 0x7F && cp <= 0x9F); }
}  // namespace

std::string Clip(std::string_view s, size_t max) {
  std::string flat;
  bool space = false;
  for (size_t i = 0; i < s.size();) {
    const size_t start = i;
    const char32_t cp = DecodeUtf8(s, &i);
    if (cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r') {
      space = !flat.empty();
      continue;
    }
    if (IsControl(cp)) continue;
    if (space) flat.push_back(' ');
    space = false;
    flat.append(s, start, i - start);
  }
  if (Width(flat) <= max) return flat;
  std::string out;
  size_t n = 0;
  for (size_t i = 0; i < flat.size() && n + 1 < max;) {
    size_t start = i;
    char32_t cp = DecodeUtf8(flat, &i);
    if (!(cp >= 0x300 && cp <= 0x36F)) ++n;
    out.append(flat, start, i - start);
  }
  return out + "…";
}

std::string Pad(const std::string& s, size_t width) {
  size_t w = Width(s);
  return w >= width ? s : s + std::string(width - w, ' ');
}

std::string PadLeft(const std::string& s, size_t width) {
  size_t w = Width(s);
  return w >= width ? s : std::string(width - w, ' ') + s;
}

bool ParseInt(const std::string& s, int64_t lo, int64_t hi, int64_t* out) {
  int64_t v = 0;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || end != s.data() + s.size() || v < lo || v > hi) return false;
  *out = v;
  return true;
}

Status OpenDatabase(const std::string& path, std::unique_ptr<Store>* store) {
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) return Status::NotFound(path + ": no such database");
  StoreOptions options;
  options.read_only = true;
  return Store::Open(path, options, store);
}

}  // namespace geokg::cli
