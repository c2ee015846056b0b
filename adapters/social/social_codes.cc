#include "adapters/social/social_codes.h"

#include <array>
#include <utility>

#include "adapters/json_source/enum_code.h"

namespace samsag::adapters::social {
namespace {

using json_source::CodeSpelling;
using json_source::ObjectReader;
using json_source::Presence;

// Longer than any code; also the limit for a LEGAL_BASIS_OTHER source code (FORMAT.md).
constexpr std::size_t kMaxCodeLength = 64;

template <typename Enum>
std::optional<Enum> read_code(ObjectReader& object, std::string_view key, Presence presence,
                              std::string_view prefix) {
  const auto text = object.text(key, presence, kMaxCodeLength);
  if (!text) return std::nullopt;
  auto value = json_source::enum_from_code<Enum>(prefix, *text, CodeSpelling::kUpperSnakeAnyCase);
  if (!value) object.invalid(key, "is not one of the codes listed in adapters/social/FORMAT.md");
  return value;
}

// Serviceloven's adult provisions and SUL §141 (domain.md §9).
constexpr std::array<std::pair<std::string_view, samsag::v1::LegalBasis>, 10> kLegalBases{{
    {"SEL-82B", samsag::v1::LEGAL_BASIS_SEL_82B},
    {"SEL-85", samsag::v1::LEGAL_BASIS_SEL_85},
    {"SEL-99", samsag::v1::LEGAL_BASIS_SEL_99},
    {"SEL-101", samsag::v1::LEGAL_BASIS_SEL_101},
    {"SUL-141", samsag::v1::LEGAL_BASIS_SUL_141},
    {"SEL-103", samsag::v1::LEGAL_BASIS_SEL_103},
    {"SEL-104", samsag::v1::LEGAL_BASIS_SEL_104},
    {"SEL-107", samsag::v1::LEGAL_BASIS_SEL_107},
    {"SEL-108", samsag::v1::LEGAL_BASIS_SEL_108},
    {"SEL-110", samsag::v1::LEGAL_BASIS_SEL_110},
}};

}  // namespace

std::optional<LegalBasisCode> read_legal_basis(ObjectReader& object, std::string_view key) {
  // The source code travels to Kafka as a string when it is not one of ours.
  const auto text = object.forwarded_text(key, Presence::kMandatory, kMaxCodeLength);
  if (!text) return std::nullopt;
  for (const auto& [code, basis] : kLegalBases) {
    if (json_source::equals_ignoring_ascii_case(*text, code)) return LegalBasisCode{basis, {}};
  }
  return LegalBasisCode{samsag::v1::LEGAL_BASIS_OTHER, *text};
}

std::optional<samsag::v1::ProviderKind> read_provider_kind(ObjectReader& object,
                                                           std::string_view key,
                                                           Presence presence) {
  return read_code<samsag::v1::ProviderKind>(object, key, presence, "PROVIDER_KIND_");
}

std::optional<samsag::v1::EndReason> read_end_reason(ObjectReader& object, std::string_view key,
                                                     Presence presence) {
  return read_code<samsag::v1::EndReason>(object, key, presence, "END_REASON_");
}

std::optional<samsag::v1::ContactRole> read_contact_role(ObjectReader& object, std::string_view key,
                                                         Presence presence) {
  return read_code<samsag::v1::ContactRole>(object, key, presence, "CONTACT_ROLE_");
}

std::optional<samsag::v1::MeetingKind> read_meeting_kind(ObjectReader& object, std::string_view key,
                                                         Presence presence) {
  return read_code<samsag::v1::MeetingKind>(object, key, presence, "MEETING_KIND_");
}

std::optional<samsag::v1::MeetingMode> read_meeting_mode(ObjectReader& object, std::string_view key,
                                                         Presence presence) {
  return read_code<samsag::v1::MeetingMode>(object, key, presence, "MEETING_MODE_");
}

}  // namespace samsag::adapters::social
