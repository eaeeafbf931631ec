// Extraction: one article in, its entities and relations out.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "geokg/common/status.h"
#include "geokg/model.h"

namespace geokg {

struct ExtractorOptions {
  std::string data_root;                       // holds data/ and schema/; "" = DataRoot()
  // User gazetteer files, loaded after ours: geokg TSV files, or CAMEO actor dictionaries
  // (PETRARCH's Phoenix.*.actors.txt, detected by their first line), converted on load and
  // merged against the entries already loaded (geokg/ingest/cameo.h).
  std::vector<std::string> extra_gazetteers;
  std::vector<std::string> extra_lexicons;     // user lexicon files (their header names the language)
  // Receives one line per bad line of a CAMEO dictionary ("FILE:LINE: why") and a summary
  // per dictionary; nullptr: they are not reported (the rest is loaded either way).
  std::function<void(const std::string&)> on_warning;
};

class Extractor {
 public:
  // Loads the gazetteers and lexicons. Fails with the file and line of the first bad entry,
  // kSchemaMismatch for a data file of another version, kNotFound when no data root is found.
  static Status Create(const ExtractorOptions& options, std::unique_ptr<Extractor>* out);
  ~Extractor();

  // Runs the pipeline on one article and fills *doc (which it overwrites). Returns
  // kInvalidInput when nothing of the article is left to read (empty, or all page chrome).
  // With `whole_text`, page chrome is read too (titles and headlines hold names worth
  // listing as entities). Not thread-safe: use one Extractor per thread.
  Status Process(const Article& article, Document* doc, bool whole_text = false);

  // True when the French morphological dictionary (Hunspell fr) was found.
  bool has_french_morphology() const;
  // True when WordNet (wordnet-base) and the English part-of-speech model (festlex-poslex)
  // were found.
  bool has_english_morphology() const;

 private:
  Extractor();
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace geokg
