#include "bridge/api/case_access.h"

#include <google/protobuf/util/json_util.h>

#include <algorithm>

#include "bridge/reducer/reducer.h"
#include "core/digest/base32.h"
#include "core/privacy/pseudonymiser.h"

namespace samsag::bridge::api {

bool is_pseudonym(std::string_view text) {
  static constexpr std::size_t kDigestLength = 52;
  const auto colon = text.find(':');
  if (colon == std::string_view::npos) return false;
  const std::string_view digest = text.substr(colon + 1);
  return samsag::privacy::Pseudonymiser::is_valid_key_version(text.substr(0, colon)) &&
         digest.size() == kDigestLength && std::all_of(digest.begin(), digest.end(), [](char c) {
           return (c >= 'a' && c <= 'z') || (c >= '2' && c <= '7');
         });
}

bool may_access(const Caller& caller, const samsag::v1::CitizenCase& citizen_case) {
  switch (caller.role) {
    case Role::kSupervisor:
      return true;
    case Role::kCoordinator:
      return !caller.user.empty() && citizen_case.coordinator().coordinator_id() == caller.user;
    case Role::kNone:
      return false;
  }
  return false;
}

std::string etag_of(const samsag::v1::CitizenCase& citizen_case) {
  return "\"" + samsag::digest::sha256_base32(serialize_case(citizen_case), 16) + "\"";
}

std::string case_json(const samsag::v1::CitizenCase& citizen_case) {
  google::protobuf::util::JsonPrintOptions options;
  options.preserve_proto_field_names = true;
  std::string json;
  // Printing a message that parsed cannot fail; an empty object is the safe fallback regardless.
  if (!google::protobuf::util::MessageToJsonString(citizen_case, &json, options).ok()) return "{}";
  return json;
}

}  // namespace samsag::bridge::api
