#include "core/config/scalar_field.h"

#include <google/protobuf/descriptor.h>
#include <google/protobuf/message.h>

#include <cctype>
#include <charconv>
#include <cstdint>

#include "core/config/nearest_name.h"

namespace samsag::config {
namespace {

using google::protobuf::EnumDescriptor;
using google::protobuf::EnumValueDescriptor;
using google::protobuf::FieldDescriptor;
using google::protobuf::Message;

// What one value of the field looks like: "an integer", or "integers" for a list's items.
std::string item_shape(const FieldDescriptor* field, bool plural) {
  switch (field->cpp_type()) {
    case FieldDescriptor::CPPTYPE_INT32:
    case FieldDescriptor::CPPTYPE_INT64:
      return plural ? "integers" : "an integer";
    case FieldDescriptor::CPPTYPE_UINT32:
    case FieldDescriptor::CPPTYPE_UINT64:
      return plural ? "non-negative integers" : "a non-negative integer";
    case FieldDescriptor::CPPTYPE_FLOAT:
    case FieldDescriptor::CPPTYPE_DOUBLE:
      return plural ? "numbers" : "a number";
    case FieldDescriptor::CPPTYPE_BOOL:
      return plural ? "true or false values" : "true or false";
    case FieldDescriptor::CPPTYPE_STRING:
      return plural ? "strings" : "a string";
    case FieldDescriptor::CPPTYPE_ENUM:
      return (plural ? "" : "a ") + field->enum_type()->name() + (plural ? " names" : " name");
    case FieldDescriptor::CPPTYPE_MESSAGE:
      return plural ? "mappings" : "a mapping";
  }
  return "a value";
}

// A list item is judged on its own: "expected an integer", not "a list of integers".
Error wrong_type(const FieldDescriptor* field, std::string_view shown) {
  return make_error("WRONG_TYPE",
                    "expected " + item_shape(field, false) + ", got " + std::string(shown));
}

template <typename Int>
bool parse_integer(std::string_view text, Int& value) {
  if (!text.empty() && text.front() == '+') text.remove_prefix(1);
  const auto* end = text.data() + text.size();
  const auto [ptr, ec] = std::from_chars(text.data(), end, value);
  return !text.empty() && ec == std::errc{} && ptr == end;
}

bool parse_double(std::string_view text, double& value) {
  const auto* end = text.data() + text.size();
  const auto [ptr, ec] = std::from_chars(text.data(), end, value);
  return !text.empty() && ec == std::errc{} && ptr == end;
}

// YAML 1.2 core schema booleans only: "yes", "on" and "y" are strings, never a surprise boolean.
bool parse_bool(std::string_view text, bool& value) {
  if (text == "true" || text == "True" || text == "TRUE") {
    value = true;
    return true;
  }
  if (text == "false" || text == "False" || text == "FALSE") {
    value = false;
    return true;
  }
  return false;
}

bool is_unspecified(const EnumValueDescriptor* value) {
  return value->number() == 0 && value->name().ends_with("_UNSPECIFIED");
}

Error unknown_enum_value(const EnumDescriptor* type, std::string_view shown,
                         std::string_view text) {
  const std::string prefix = enum_value_prefix(type);
  std::vector<std::string> allowed;
  for (int i = 0; i < type->value_count(); ++i) {
    const auto* value = type->value(i);
    if (is_unspecified(value)) continue;
    const std::string& name = value->name();
    allowed.push_back(name.starts_with(prefix) ? name.substr(prefix.size()) : name);
  }
  std::string upper(text);
  for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  if (upper.starts_with(prefix)) upper.erase(0, prefix.size());
  std::string sentence = "unknown " + type->name() + " " + std::string(shown);
  if (const auto suggestion = nearest_name(upper, allowed); !suggestion.empty()) {
    sentence += " (did you mean " + suggestion + "?)";
  }
  sentence += "; allowed:";
  for (std::size_t i = 0; i < allowed.size(); ++i) sentence += (i == 0 ? " " : ", ") + allowed[i];
  if (!allowed.empty() && !prefix.empty()) {
    sentence += " (or the full name, e.g. " + prefix + allowed.front() + ")";
  }
  return make_error("UNKNOWN_ENUM_VALUE", sentence);
}

const EnumValueDescriptor* find_enum_value(const EnumDescriptor* type, std::string_view text) {
  const std::string name(text);
  if (const auto* value = type->FindValueByName(name)) return value;
  return type->FindValueByName(enum_value_prefix(type) + name);
}

}  // namespace

std::string enum_value_prefix(const EnumDescriptor* type) {
  const std::string& name = type->name();
  std::string prefix;
  for (std::size_t i = 0; i < name.size(); ++i) {
    const auto c = static_cast<unsigned char>(name[i]);
    const bool upper = std::isupper(c) != 0;
    const bool after_lower = i > 0 && (std::islower(static_cast<unsigned char>(name[i - 1])) ||
                                       std::isdigit(static_cast<unsigned char>(name[i - 1])));
    const bool before_lower = i > 0 && i + 1 < name.size() &&
                              std::isupper(static_cast<unsigned char>(name[i - 1])) &&
                              std::islower(static_cast<unsigned char>(name[i + 1]));
    if (upper && (after_lower || before_lower)) prefix.push_back('_');
    prefix.push_back(static_cast<char>(std::toupper(c)));
  }
  return prefix + "_";
}

std::string expected_shape(const FieldDescriptor* field) {
  if (field->is_map()) return "a mapping of keys to values";
  if (field->is_repeated()) return "a list of " + item_shape(field, true);
  return item_shape(field, false);
}

Status store_scalar(Message& message, const FieldDescriptor* field, std::string_view text,
                    std::string_view shown) {
  const auto* reflection = message.GetReflection();
  const bool repeated = field->is_repeated();
  switch (field->cpp_type()) {
    case FieldDescriptor::CPPTYPE_INT32: {
      std::int32_t value = 0;
      if (!parse_integer(text, value)) return wrong_type(field, shown);
      repeated ? reflection->AddInt32(&message, field, value)
               : reflection->SetInt32(&message, field, value);
      return ok_status();
    }
    case FieldDescriptor::CPPTYPE_INT64: {
      std::int64_t value = 0;
      if (!parse_integer(text, value)) return wrong_type(field, shown);
      repeated ? reflection->AddInt64(&message, field, value)
               : reflection->SetInt64(&message, field, value);
      return ok_status();
    }
    case FieldDescriptor::CPPTYPE_UINT32: {
      std::uint32_t value = 0;
      if (!parse_integer(text, value)) return wrong_type(field, shown);
      repeated ? reflection->AddUInt32(&message, field, value)
               : reflection->SetUInt32(&message, field, value);
      return ok_status();
    }
    case FieldDescriptor::CPPTYPE_UINT64: {
      std::uint64_t value = 0;
      if (!parse_integer(text, value)) return wrong_type(field, shown);
      repeated ? reflection->AddUInt64(&message, field, value)
               : reflection->SetUInt64(&message, field, value);
      return ok_status();
    }
    case FieldDescriptor::CPPTYPE_FLOAT:
    case FieldDescriptor::CPPTYPE_DOUBLE: {
      double value = 0;
      if (!parse_double(text, value)) return wrong_type(field, shown);
      if (field->cpp_type() == FieldDescriptor::CPPTYPE_FLOAT) {
        const auto narrow = static_cast<float>(value);
        repeated ? reflection->AddFloat(&message, field, narrow)
                 : reflection->SetFloat(&message, field, narrow);
      } else {
        repeated ? reflection->AddDouble(&message, field, value)
                 : reflection->SetDouble(&message, field, value);
      }
      return ok_status();
    }
    case FieldDescriptor::CPPTYPE_BOOL: {
      bool value = false;
      if (!parse_bool(text, value)) return wrong_type(field, shown);
      repeated ? reflection->AddBool(&message, field, value)
               : reflection->SetBool(&message, field, value);
      return ok_status();
    }
    case FieldDescriptor::CPPTYPE_STRING: {
      std::string value(text);
      repeated ? reflection->AddString(&message, field, std::move(value))
               : reflection->SetString(&message, field, std::move(value));
      return ok_status();
    }
    case FieldDescriptor::CPPTYPE_ENUM: {
      const auto* value = find_enum_value(field->enum_type(), text);
      if (value == nullptr) return unknown_enum_value(field->enum_type(), shown, text);
      repeated ? reflection->AddEnum(&message, field, value)
               : reflection->SetEnum(&message, field, value);
      return ok_status();
    }
    case FieldDescriptor::CPPTYPE_MESSAGE:
      break;
  }
  return wrong_type(field, shown);
}

}  // namespace samsag::config
