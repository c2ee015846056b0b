// Source codes onto samsag.v1 enums by the enum's own value names, so a code list in a FORMAT.md
// and the .proto cannot drift apart: "IN_PERSON" (social) or "in-person" (FHIR) ->
// MEETING_MODE_IN_PERSON. The UNSPECIFIED value is never a valid code.
#pragma once

#include <google/protobuf/generated_enum_reflection.h>

#include <optional>
#include <string>
#include <string_view>

namespace samsag::adapters::json_source {

enum class CodeSpelling {
  kUpperSnakeAnyCase,  // "IN_PERSON", matched case-insensitively (social JSON)
  kLowerKebabExact,    // "in-person", case-sensitive (samsag's FHIR code systems)
};

// True when `a` and `b` differ at most in the case of ASCII letters.
inline bool equals_ignoring_ascii_case(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; };
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (lower(a[i]) != lower(b[i])) return false;
  }
  return true;
}

// The enum value named `prefix` + the code in UPPER_SNAKE, or nullopt.
template <typename Enum>
std::optional<Enum> enum_from_code(std::string_view prefix, std::string_view code,
                                   CodeSpelling spelling) {
  if (code.empty()) return std::nullopt;
  std::string name(prefix);
  for (char c : code) {
    if (spelling == CodeSpelling::kLowerKebabExact) {
      if (c == '-') {
        c = '_';
      } else if (c >= 'a' && c <= 'z') {
        c = static_cast<char>(c - 'a' + 'A');
      } else if (!(c >= '0' && c <= '9')) {
        return std::nullopt;
      }
    } else {
      if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
      if (!((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_')) return std::nullopt;
    }
    name.push_back(c);
  }
  if (name.ends_with("_UNSPECIFIED")) return std::nullopt;
  const auto* descriptor = google::protobuf::GetEnumDescriptor<Enum>();
  const auto* value = descriptor->FindValueByName(name);
  if (value == nullptr) return std::nullopt;
  return static_cast<Enum>(value->number());
}

}  // namespace samsag::adapters::json_source
