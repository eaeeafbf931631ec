#include "geokg/model.h"

#include <array>
#include <utility>

#include "geokg/common/status.h"
#include "geokg/ontology.h"

namespace geokg {
namespace {

constexpr std::array<std::pair<EntityType, std::string_view>, 8> kEntityNames{{
    {EntityType::kUnknown, "UNKNOWN"},
    {EntityType::kPerson, "PERSON"},
    {EntityType::kState, "STATE"},
    {EntityType::kPlace, "PLACE"},
    {EntityType::kOrg, "ORG"},
    {EntityType::kIgo, "IGO"},
    {EntityType::kArmedGroup, "ARMED_GROUP"},
    {EntityType::kGroup, "GROUP"},
}};

constexpr std::array<std::string_view, static_cast<size_t>(Pos::kCount)> kPosNames{
    "X",    "ADJ",  "ADP",   "ADV",   "AUX",   "CCONJ", "DET", "INTJ", "NOUN",
    "NUM",  "PART", "PRON",  "PROPN", "PUNCT", "SCONJ", "SYM", "VERB"};

constexpr std::array<std::string_view, 5> kModalityNames{
    "asserted", "reported", "intended", "possible", "conditional"};

// Keep in step with schema/001_init.sql (relation_types); StoreTest.RelationTypesTableMatchesTheOntology checks.
constexpr std::array<RelationInfo, static_cast<size_t>(RelationType::kCount)> kRelations{{
    {RelationType::kConsult, "CONSULT", "COMMUNICATE", true, "040", "consult, meet, talk"},
    {RelationType::kRequest, "REQUEST", "COMMUNICATE", true, "020", "make an appeal or request"},
    {RelationType::kAgree, "AGREE", "COOPERATE", true, "057", "agree, sign an agreement"},
    {RelationType::kSupport, "SUPPORT", "COOPERATE", true, "051", "praise, endorse, back"},
    {RelationType::kCooperate, "COOPERATE", "COOPERATE", true, "060", "cooperate"},
    {RelationType::kAid, "AID", "COOPERATE", true, "070", "provide aid"},
    {RelationType::kConcede, "CONCEDE", "COOPERATE", true, "080", "yield, concede"},
    {RelationType::kRetreat, "RETREAT", "COOPERATE", true, "087", "withdraw, de-escalate"},
    {RelationType::kAllyOf, "ALLY_OF", "COOPERATE", true, "", "alliance (structural)"},
    {RelationType::kAccuse, "ACCUSE", "CONFLICT", true, "112", "accuse, criticise"},
    {RelationType::kReject, "REJECT", "CONFLICT", true, "120", "reject, refuse"},
    {RelationType::kThreaten, "THREATEN", "CONFLICT", true, "130", "threaten"},
    {RelationType::kProtest, "PROTEST", "CONFLICT", true, "140", "protest, demonstrate"},
    {RelationType::kSanction, "SANCTION", "CONFLICT", true, "160", "sanction, reduce relations"},
    {RelationType::kCoerce, "COERCE", "CONFLICT", true, "170", "coerce, arrest, seize"},
    {RelationType::kAssault, "ASSAULT", "CONFLICT", true, "190", "attack, fight, strike"},
    {RelationType::kOpposes, "OPPOSES", "CONFLICT", true, "", "opposition (structural)"},
    {RelationType::kLeads, "LEADS", "CONTROL", false, "", "leads, heads"},
    {RelationType::kControls, "CONTROLS", "CONTROL", false, "", "controls, holds"},
    {RelationType::kHoldsRole, "HOLDS_ROLE", "MEMBERSHIP", false, "", "holds a role in"},
    {RelationType::kMemberOf, "MEMBER_OF", "MEMBERSHIP", false, "", "is a member of"},
    {RelationType::kPartOf, "PART_OF", "MEMBERSHIP", false, "", "is part of"},
    {RelationType::kLocatedIn, "LOCATED_IN", "LOCATION", false, "", "is located in"},
    {RelationType::kMobilize, "MOBILIZE", "LOCATION", false, "150",
     "deploys forces or assets to"},
}};

constexpr std::array<std::string_view, 6> kCoarse{"COMMUNICATE", "COOPERATE", "CONFLICT",
                                                  "CONTROL",     "MEMBERSHIP", "LOCATION"};

}  // namespace

std::string_view EntityTypeName(EntityType t) {
  for (const auto& [type, name] : kEntityNames)
    if (type == t) return name;
  return "UNKNOWN";
}

EntityType EntityTypeFromName(std::string_view name) {
  for (const auto& [type, n] : kEntityNames)
    if (n == name) return type;
  return EntityType::kUnknown;
}

std::string_view PosName(Pos p) {
  size_t i = static_cast<size_t>(p);
  return i < kPosNames.size() ? kPosNames[i] : kPosNames[0];
}

bool PosFromName(std::string_view name, Pos* out) {
  for (size_t i = 0; i < kPosNames.size(); ++i) {
    if (kPosNames[i] == name) {
      *out = static_cast<Pos>(i);
      return true;
    }
  }
  return false;
}

std::string_view ModalityName(Modality m) { return kModalityNames[static_cast<size_t>(m)]; }

bool ModalityFromName(std::string_view name, Modality* out) {
  for (size_t i = 0; i < kModalityNames.size(); ++i) {
    if (kModalityNames[i] == name) {
      *out = static_cast<Modality>(i);
      return true;
    }
  }
  return false;
}

const RelationInfo& Relation(RelationType t) {
  size_t i = static_cast<size_t>(t);
  if (i >= kRelations.size()) throw InternalError("Relation: not a relation type");
  return kRelations[i];
}

bool RelationFromName(std::string_view name, RelationType* out) {
  for (const RelationInfo& r : kRelations) {
    if (r.name == name) {
      *out = r.type;
      return true;
    }
  }
  return false;
}

bool IsCoarseClass(std::string_view name) {
  for (std::string_view c : kCoarse)
    if (c == name) return true;
  return false;
}

}  // namespace geokg
