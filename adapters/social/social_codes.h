// The code lists of the social format (adapters/social/FORMAT.md §3 "Code lists"), read from a
// field: a code outside its list is INVALID_VALUE, except `legal_basis`, where any other code is
// kept as LEGAL_BASIS_OTHER with the source's code.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "adapters/json_source/object_reader.h"
#include "samsag/v1/common.pb.h"
#include "samsag/v1/social.pb.h"

namespace samsag::adapters::social {

struct LegalBasisCode {
  samsag::v1::LegalBasis basis = samsag::v1::LEGAL_BASIS_UNSPECIFIED;
  std::string source_code;  // set for LEGAL_BASIS_OTHER only
};

std::optional<LegalBasisCode> read_legal_basis(json_source::ObjectReader& object,
                                               std::string_view key);

std::optional<samsag::v1::ProviderKind> read_provider_kind(json_source::ObjectReader& object,
                                                           std::string_view key,
                                                           json_source::Presence presence);
std::optional<samsag::v1::EndReason> read_end_reason(json_source::ObjectReader& object,
                                                     std::string_view key,
                                                     json_source::Presence presence);
std::optional<samsag::v1::ContactRole> read_contact_role(json_source::ObjectReader& object,
                                                         std::string_view key,
                                                         json_source::Presence presence);
std::optional<samsag::v1::MeetingKind> read_meeting_kind(json_source::ObjectReader& object,
                                                         std::string_view key,
                                                         json_source::Presence presence);
std::optional<samsag::v1::MeetingMode> read_meeting_mode(json_source::ObjectReader& object,
                                                         std::string_view key,
                                                         json_source::Presence presence);

}  // namespace samsag::adapters::social
