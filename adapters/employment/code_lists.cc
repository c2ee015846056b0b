#include "adapters/employment/code_lists.h"

#include <google/protobuf/descriptor.h>

#include <algorithm>
#include <cctype>

#include "adapters/employment/field_values.h"
#include "samsag/v1/common.pb.h"
#include "samsag/v1/employment.pb.h"

namespace samsag::adapters::employment {

CodeList::CodeList(const google::protobuf::EnumDescriptor* type, std::string_view prefix,
                   std::vector<std::string_view> excluded) {
  excluded.emplace_back("UNSPECIFIED");
  for (int i = 0; i < type->value_count(); ++i) {
    const google::protobuf::EnumValueDescriptor* value = type->value(i);
    std::string_view name = value->name();
    if (name.substr(0, prefix.size()) != prefix) continue;
    name.remove_prefix(prefix.size());
    if (std::find(excluded.begin(), excluded.end(), name) != excluded.end()) continue;
    entries_.emplace_back(std::string(name), value->number());
  }
}

std::optional<int> CodeList::find(std::string_view code) const {
  code = trim(code);
  for (const auto& [name, number] : entries_) {
    if (name.size() != code.size()) continue;
    const bool same = std::equal(name.begin(), name.end(), code.begin(), [](char a, char b) {
      return a == std::toupper(static_cast<unsigned char>(b));
    });
    if (same) return number;
  }
  return std::nullopt;
}

std::vector<std::string> CodeList::codes() const {
  std::vector<std::string> out;
  out.reserve(entries_.size());
  for (const auto& entry : entries_) out.push_back(entry.first);
  return out;
}

const EmploymentCodeLists& EmploymentCodeLists::get() {
  static const EmploymentCodeLists lists{
      CodeList(samsag::v1::Readiness_descriptor(), "READINESS_"),
      CodeList(samsag::v1::Benefit_descriptor(), "BENEFIT_", {"OTHER"}),
      CodeList(samsag::v1::BenefitStatus_descriptor(), "BENEFIT_STATUS_"),
      CodeList(samsag::v1::EffortType_descriptor(), "EFFORT_TYPE_"),
      CodeList(samsag::v1::ProviderKind_descriptor(), "PROVIDER_KIND_"),
      CodeList(samsag::v1::EndReason_descriptor(), "END_REASON_"),
      CodeList(samsag::v1::MeetingKind_descriptor(), "MEETING_KIND_"),
      CodeList(samsag::v1::MeetingMode_descriptor(), "MEETING_MODE_"),
      CodeList(samsag::v1::EngagementKind_descriptor(), "ENGAGEMENT_KIND_"),
      CodeList(samsag::v1::ContactRole_descriptor(), "CONTACT_ROLE_"),
  };
  return lists;
}

}  // namespace samsag::adapters::employment
