// Internal to the loader: one YAML scalar stored into a Protobuf field of any scalar or enum type.
#pragma once

#include <string>
#include <string_view>

#include "core/base/result.h"

namespace google::protobuf {
class EnumDescriptor;
class FieldDescriptor;
class Message;
}  // namespace google::protobuf

namespace samsag::config {

// Converts `text` (already interpolated) to the type of `field` and sets it, or adds it when the
// field is repeated. Integers are decimal; booleans are true/false; enum values are written by
// their full name (SECTOR_SOCIAL) or by the short name after the enum's prefix (SOCIAL). On a
// mismatch returns WRONG_TYPE or UNKNOWN_ENUM_VALUE with a sentence that quotes `shown` (the
// value as the operator should see it).
Status store_scalar(google::protobuf::Message& message,
                    const google::protobuf::FieldDescriptor* field, std::string_view text,
                    std::string_view shown);

// What a field expects, for messages: "a non-negative integer", "a list of strings", ...
std::string expected_shape(const google::protobuf::FieldDescriptor* field);

// The prefix of an enum's value names: "AdapterKind" -> "ADAPTER_KIND_".
std::string enum_value_prefix(const google::protobuf::EnumDescriptor* type);

}  // namespace samsag::config
