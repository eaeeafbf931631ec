// The JSON Lines that geokg writes: triples (../shared/eval/README.md section 2, with
// provenance, CAMEO code, modality and date) and entities (section 5).
#pragma once

#include <nlohmann/json.hpp>

#include "geokg/model.h"

namespace geokg {

// One triple of `doc` as a JSON object. `t` must belong to `doc`.
nlohmann::json TripleJson(const Document& doc, const Triple& t);

// The triples of `doc`, one object per distinct (subject, relation, object, negated): the
// first statement gives the fields, later ones are listed under "also" with their
// sentence, span and mentions, and "evidence_count" counts them all.
std::vector<nlohmann::json> TriplesJson(const Document& doc);

// Appends the lines of TriplesJson(doc), each dumped and ended by '\n', to `out`: the same
// bytes, written without building the JSON objects (extraction's output). Throws as dump()
// does on a string that is not UTF-8.
void AppendTriplesJsonl(const Document& doc, std::string* out);

// One line per distinct (entity, mention text) of `doc`, named mentions only; a one-word
// short form of a person listed earlier ("Bruni" after "Carla Bruni") adds no line.
std::vector<nlohmann::json> EntityJson(const Document& doc);

// One line per sentence of `doc` with its words as the analysis read them: {"doc",
// "sentence", "span", "tokens": [[text, lemma, POS], ...]}, the POS a universal tag
// (NOUN, VERB ...) followed by ":Fin", ":Inf", ":Part" or ":Ger" for verb forms.
std::vector<nlohmann::json> TokensJson(const Document& doc);

}  // namespace geokg
