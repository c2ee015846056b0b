// The code lists of FORMAT.md §4: a column's code is the name of a samsag.v1 enum value without
// the enum's prefix (`ydelse=SYGEDAGPENGE` → BENEFIT_SYGEDAGPENGE). The lists are read from the
// schema's descriptors, so they cannot drift from the enums.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace google::protobuf {
class EnumDescriptor;
}

namespace samsag::adapters::employment {

class CodeList {
 public:
  // Every value of `type` except `<prefix>UNSPECIFIED` and the names in `excluded` (without the
  // prefix).
  CodeList(const google::protobuf::EnumDescriptor* type, std::string_view prefix,
           std::vector<std::string_view> excluded = {});

  // The enum number of `code`, matched case-insensitively after trimming; nullopt when `code` is
  // not on the list.
  std::optional<int> find(std::string_view code) const;

  // The codes on the list, upper case.
  std::vector<std::string> codes() const;

 private:
  std::vector<std::pair<std::string, int>> entries_;  // code (upper case), enum number
};

// The lists of the employment format, built once.
struct EmploymentCodeLists {
  CodeList readiness;       // parathed
  CodeList benefit;         // ydelse (without OTHER: any other value is BENEFIT_OTHER)
  CodeList benefit_status;  // ydelse_status
  CodeList effort_type;     // indsats
  CodeList provider_kind;   // leverandoer
  CodeList end_reason;      // slutaarsag
  CodeList meeting_kind;    // moedetype
  CodeList meeting_mode;    // moedeform
  CodeList engagement;      // beskaeftigelse
  CodeList contact_role;    // rolle

  static const EmploymentCodeLists& get();
};

}  // namespace samsag::adapters::employment
