#include <filesystem>

#include "geokg/common/paths.h"
#include "geokg/common/text.h"
#include "geokg/ingest/extractor.h"
#include "cameo_internal.h"
#include "nlp_internal.h"

namespace geokg {

struct Extractor::Impl {
  internal::Resources res;
  std::unique_ptr<internal::Morphology> morph;
};

Extractor::Extractor() : impl_(std::make_unique<Impl>()) {}
Extractor::~Extractor() = default;

Status Extractor::Create(const ExtractorOptions& options, std::unique_ptr<Extractor>* out) {
  std::string root = options.data_root.empty() ? DataRoot() : options.data_root;
  if (root.empty()) return Status::NotFound("cannot find geokg's data files (set GEOKG_DATA)");
  std::unique_ptr<Extractor> ex(new Extractor());
  internal::Resources& res = ex->impl_->res;
  GEOKG_RETURN_IF_ERROR(res.gazetteer.LoadDir(root + "/data/gazetteer"));
  for (const std::string& f : options.extra_gazetteers) {
    if (!IsCameoActorFile(f)) {
      GEOKG_RETURN_IF_ERROR(res.gazetteer.LoadFile(f));
      continue;
    }
    internal::Lexicon names;
    GEOKG_RETURN_IF_ERROR(names.LoadFile(root + "/data/lexicon/names.tsv"));
    CameoImport cameo;
    GEOKG_RETURN_IF_ERROR(internal::ConvertCameoActors({f}, res.gazetteer, &names, &cameo));
    GEOKG_RETURN_IF_ERROR(res.gazetteer.LoadText(cameo.tsv, f + " (converted)"));
    if (options.on_warning) {
      for (const std::string& p : cameo.problems) options.on_warning(p);
      options.on_warning(f + ": CAMEO actor dictionary: " + std::to_string(cameo.actors) +
                         " actors, " + std::to_string(cameo.added) + " new, " +
                         std::to_string(cameo.merged) + " merged with known ones, " +
                         std::to_string(cameo.problems.size()) + " bad lines skipped, " +
                         std::to_string(cameo.conflicts.size()) +
                         " names already taken (listed by geokg gazetteer import)");
    }
  }
  for (const char* lang : {"fr", "en"}) {
    internal::Lexicon& lex = res.lexicons[lang];
    lex.lang = lang;
    GEOKG_RETURN_IF_ERROR(lex.LoadFile(root + "/data/lexicon/" + lang + ".tsv"));
    GEOKG_RETURN_IF_ERROR(lex.LoadFile(root + "/data/lexicon/names.tsv"));
  }
  for (const std::string& f : options.extra_lexicons) {
    internal::Lexicon probe;
    GEOKG_RETURN_IF_ERROR(probe.LoadFile(f));
    for (auto& [lang, lex] : res.lexicons)
      if (probe.lang.empty() || probe.lang == lang) GEOKG_RETURN_IF_ERROR(lex.LoadFile(f));
  }
  std::unordered_set<std::string> vocab;
  for (const auto& [lang, lex] : res.lexicons) lex.CollectVocabulary(&vocab);
  ex->impl_->morph = std::make_unique<internal::Morphology>(std::move(vocab));
  *out = std::move(ex);
  return Status::Ok();
}

bool Extractor::has_french_morphology() const { return impl_->morph->has_french_dictionary(); }

bool Extractor::has_english_morphology() const { return impl_->morph->has_english_model(); }

Status Extractor::Process(const Article& article, Document* doc, bool whole_text) {
  *doc = Document();
  doc->article = article;
  const std::string& text = doc->article.text;

  std::vector<internal::Span> body = internal::BodyParagraphs(text, whole_text);
  if (body.empty()) return Status::InvalidInput(article.origin + ": no article text");

  doc->lang = (article.lang == "fr" || article.lang == "en")
                  ? article.lang
                  : internal::DetectLanguage(text, "en");
  doc->date = !article.date.empty() ? article.date.substr(0, 10) : internal::FindDateline(text);

  internal::Segment(text, body, doc->lang, &doc->sentences);
  impl_->morph->Analyse(doc->lang, &doc->sentences);

  const internal::Lexicon& lex = impl_->res.lexicons.at(doc->lang);
  lex.MarkClasses(&doc->sentences);
  internal::FindMentions(impl_->res, lex, impl_->morph.get(), doc);
  internal::ExtractRelations(impl_->res, lex, doc);
  return Status::Ok();
}

}  // namespace geokg
