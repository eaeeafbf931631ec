// Scoring extraction against gold: the rules of ../shared/eval/score.py (its README, the
// "evaluation contract"), in the library so that `geokg eval` and other programs score the
// same way the project is measured.
//
// Inputs are the texts of JSON Lines files (gold and predictions), already read; `name`
// arguments only label messages and the result. Every rule follows score.py, including its
// quirks: lines are split as Python's str.splitlines() splits them, names are folded as its
// fold() does (lower case, accents dropped, one leading article le/la/les/l'/the dropped,
// surrounding punctuation dropped, white space squeezed, ’ as '), duplicates count once, and
// matching is the same one-to-one maximum matching (required gold first, then optional gold),
// explored in the same order, so per-class figures agree too. Known differences: a document
// id written as an integer beyond 64 bits, and strings with lone surrogate escapes (\ud800),
// which score.py accepts and this reader counts as malformed lines.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "geokg/common/status.h"

namespace geokg::eval {

// score.py's fold(): the key names are compared on. "" for a name that folds to nothing
// (which then matches nothing). Invalid UTF-8 bytes are dropped.
std::string FoldGoldName(std::string_view name);

// score.py's fold_type(): entity types fold to PER, ORG or LOC; any other type is kept in
// upper case and matches only itself; "" for none.
std::string FoldEntityType(std::string_view type);

// The coarse class of a relation type (a fine type or a class name, upper case), or "" when
// the type is not in the contract's table.
std::string CoarseClass(std::string_view relation);

// TP, FP, FN and the ratios (0 where the denominator is 0).
struct Counts {
  int64_t tp = 0, fp = 0, fn = 0;
  double precision = 0, recall = 0, f1 = 0;
  void Finish();  // computes the ratios from the counts
};

// What happened to the prediction lines (blank lines are not counted).
struct PredStats {
  int64_t lines = 0;
  int64_t malformed = 0;          // not JSON, or no doc, relation or named sides
  int64_t negated = 0;            // "negated": true (relations only)
  int64_t outside_gold_docs = 0;  // a document the gold file does not list
  int64_t out_of_scope = 0;       // a class outside the gold's "classes" line (relations only)
  int64_t duplicates = 0;         // equal to an earlier line after folding
};

struct RelationScore {
  bool fine = false;  // scored on fine types (--fine)
  std::string gold_name, pred_name;
  int64_t docs = 0;            // documents the gold lists
  int64_t gold_relations = 0;  // required gold triples (after de-duplication)
  int64_t gold_optional = 0;
  int64_t optional_matched = 0;
  std::optional<std::vector<std::string>> scope;  // the gold's "classes" line, sorted
  Counts total;
  std::map<std::string, Counts> per_label;  // class (or fine type), "(unknown type)"
  PredStats stats;
};

struct EntityScore {
  std::string gold_name, pred_name;
  int64_t docs = 0;
  int64_t gold_entities = 0;
  Counts untyped, typed;                   // the headline figures are `typed`
  std::map<std::string, Counts> per_type;  // PER, ORG, LOC, other types, "" (none)
  PredStats stats;
};

// Which kind of gold a file holds, from its first line with a document that is not a
// "none" line: entity gold has "names" and no "subject". kUnknown when nothing tells.
enum class GoldKind { kUnknown, kRelations, kEntities };
GoldKind DetectGoldKind(std::string_view gold_text);

// Scores triples. Fails (kInvalidInput, "NAME:LINE: why") on a bad gold line, as score.py
// exits 2; bad prediction lines are only counted (stats.malformed).
Status ScoreRelations(std::string_view gold_text, const std::string& gold_name,
                      std::string_view pred_text, const std::string& pred_name, bool fine,
                      RelationScore* out);

// Scores entities (contract section 5), with and without type.
Status ScoreEntities(std::string_view gold_text, const std::string& gold_name,
                     std::string_view pred_text, const std::string& pred_name, EntityScore* out);

// Reads a whole file that must be UTF-8 (as score.py reads it). kIoError when it cannot be
// read, kInvalidInput naming the offset of the first bad byte.
Status ReadUtf8File(const std::string& path, std::string* out);

// The result as score.py --json prints it (same keys and values).
nlohmann::json ToJson(const RelationScore& s);
nlohmann::json ToJson(const EntityScore& s);

// The result as score.py prints it: a header, one row per class or type, the ALL row, and
// last the line "F1 0.xxx P 0.xxx R 0.xxx".
std::string FormatTable(const RelationScore& s);
std::string FormatTable(const EntityScore& s);

}  // namespace geokg::eval
