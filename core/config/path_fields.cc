#include "core/config/path_fields.h"

#include <google/protobuf/descriptor.h>
#include <google/protobuf/message.h>

namespace samsag::config {
namespace {

using google::protobuf::FieldDescriptor;
using google::protobuf::Message;

std::string resolved(const std::string& value, const std::filesystem::path& base_dir) {
  const std::filesystem::path path(value);
  if (value.empty() || path.is_absolute()) return value;
  return (base_dir / path).lexically_normal().string();
}

}  // namespace

bool is_path_field_name(const std::string& name) {
  return name == "directory" || name.ends_with("_file") || name.ends_with("_dir");
}

void resolve_path_fields(Message& message, const std::filesystem::path& base_dir) {
  const auto* reflection = message.GetReflection();
  std::vector<const FieldDescriptor*> fields;
  reflection->ListFields(message, &fields);
  for (const FieldDescriptor* field : fields) {
    if (field->cpp_type() == FieldDescriptor::CPPTYPE_MESSAGE) {
      if (field->is_map()) continue;  // map values are names and properties, not paths
      if (field->is_repeated()) {
        for (int i = 0; i < reflection->FieldSize(message, field); ++i) {
          resolve_path_fields(*reflection->MutableRepeatedMessage(&message, field, i), base_dir);
        }
      } else {
        resolve_path_fields(*reflection->MutableMessage(&message, field), base_dir);
      }
      continue;
    }
    if (field->cpp_type() != FieldDescriptor::CPPTYPE_STRING ||
        !is_path_field_name(field->name())) {
      continue;
    }
    if (field->is_repeated()) {
      for (int i = 0; i < reflection->FieldSize(message, field); ++i) {
        reflection->SetRepeatedString(
            &message, field, i,
            resolved(reflection->GetRepeatedString(message, field, i), base_dir));
      }
    } else {
      reflection->SetString(&message, field,
                            resolved(reflection->GetString(message, field), base_dir));
    }
  }
}

}  // namespace samsag::config
