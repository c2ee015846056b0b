#include "core/config/yaml_mapping.h"

#include <google/protobuf/descriptor.h>
#include <google/protobuf/message.h>
#include <yaml-cpp/yaml.h>

#include <map>
#include <optional>

#include "core/config/interpolation.h"
#include "core/config/nearest_name.h"
#include "core/config/scalar_field.h"

namespace samsag::config {
namespace {

using google::protobuf::Descriptor;
using google::protobuf::FieldDescriptor;
using google::protobuf::Message;

int line_of(const YAML::Node& node) { return node.Mark().line + 1; }

std::string kind_of(const YAML::Node& node) {
  switch (node.Type()) {
    case YAML::NodeType::Map:
      return "a mapping";
    case YAML::NodeType::Sequence:
      return "a list";
    case YAML::NodeType::Scalar:
      return "'" + node.Scalar() + "'";
    default:
      return "nothing";
  }
}

// How a scalar is quoted in a message. A value that came from ${...} is not shown, because it may
// be a secret; the reference is.
std::string shown_value(const std::string& written) {
  constexpr std::size_t kLongest = 60;
  std::string shown = written.size() > kLongest ? written.substr(0, kLongest) + "..." : written;
  shown = "'" + shown + "'";
  if (written.find("${") != std::string::npos) shown += " (after interpolation)";
  return shown;
}

std::string where(const std::string& path) {
  return path.empty() ? "at the top level" : "in " + path;
}

std::string child(const std::string& path, const std::string& name) {
  return path.empty() ? name : path + "." + name;
}

class Mapper {
 public:
  explicit Mapper(const MappingContext& context) : context_(context) {}

  void map_message(const YAML::Node& node, Message& message, const std::string& path, int line) {
    if (node.IsNull()) return;
    if (!node.IsMap()) {
      problem(line, path,
              "expected a mapping of " + message.GetDescriptor()->name() + " settings, got " +
                  kind_of(node));
      return;
    }
    const Descriptor* type = message.GetDescriptor();
    std::map<std::string, int> seen;                           // key -> line, for duplicates
    std::map<int, std::pair<std::string, int>> oneof_members;  // oneof index -> (key, line)
    for (const auto& entry : node) {
      const YAML::Node& key = entry.first;
      const int key_line = line_of(key);
      if (!key.IsScalar()) {
        problem(key_line, path, "a key must be a plain name, got " + kind_of(key), "");
        continue;
      }
      const std::string& name = key.Scalar();
      if (const auto [first, inserted] = seen.emplace(name, key_line); !inserted) {
        context_.problems.add(key_line, "duplicate key '" + name + "' " + where(path) +
                                            " (first at line " + std::to_string(first->second) +
                                            ")");
        continue;
      }
      const FieldDescriptor* field = type->FindFieldByName(name);
      if (field == nullptr) {
        unknown_key(key_line, path, name, type);
        continue;
      }
      if (const auto* oneof = field->real_containing_oneof()) {
        const auto [other, inserted] =
            oneof_members.emplace(oneof->index(), std::make_pair(name, key_line));
        if (!inserted) {
          problem(key_line, path,
                  "'" + name + "' and '" + other->second.first + "' (line " +
                      std::to_string(other->second.second) + ") are alternatives (oneof " +
                      oneof->name() + "); set only one",
                  child(path, name));
          continue;
        }
      }
      const std::string field_path = child(path, name);
      context_.source_map.record(field_path, key_line);
      map_field(entry.second, message, field, field_path, key_line);
    }
  }

 private:
  void map_field(const YAML::Node& value, Message& message, const FieldDescriptor* field,
                 const std::string& path, int key_line) {
    if (value.IsNull()) return;  // `key:` with nothing after it leaves the field unset
    if (field->is_map()) {
      map_entries(value, message, field, path, key_line);
    } else if (field->is_repeated()) {
      map_list(value, message, field, path, key_line);
    } else if (field->cpp_type() == FieldDescriptor::CPPTYPE_MESSAGE) {
      Message* nested = message.GetReflection()->MutableMessage(&message, field);
      map_message(value, *nested, path, key_line);
    } else {
      map_scalar(value, message, field, path);
    }
  }

  void map_list(const YAML::Node& value, Message& message, const FieldDescriptor* field,
                const std::string& path, int key_line) {
    if (!value.IsSequence()) {
      problem(key_line, path, "expected " + expected_shape(field) + ", got " + kind_of(value));
      return;
    }
    for (std::size_t i = 0; i < value.size(); ++i) {
      const YAML::Node& item = value[i];
      const std::string item_path = path + "[" + std::to_string(i) + "]";
      context_.source_map.record(item_path, line_of(item));
      if (field->cpp_type() == FieldDescriptor::CPPTYPE_MESSAGE) {
        Message* added = message.GetReflection()->AddMessage(&message, field);
        map_message(item, *added, item_path, line_of(item));
      } else {
        map_scalar(item, message, field, item_path);
      }
    }
  }

  // map<K, V> fields: a YAML mapping whose keys are converted to K and values to V.
  void map_entries(const YAML::Node& value, Message& message, const FieldDescriptor* field,
                   const std::string& path, int key_line) {
    if (!value.IsMap()) {
      problem(key_line, path, "expected " + expected_shape(field) + ", got " + kind_of(value));
      return;
    }
    const FieldDescriptor* key_field = field->message_type()->map_key();
    const FieldDescriptor* value_field = field->message_type()->map_value();
    std::map<std::string, int> seen;
    for (const auto& pair : value) {
      const YAML::Node& key = pair.first;
      const int line = line_of(key);
      if (!key.IsScalar()) {
        problem(line, path, "a key must be a plain value, got " + kind_of(key), "");
        continue;
      }
      const std::string entry_path = path + "[" + key.Scalar() + "]";
      if (const auto [first, inserted] = seen.emplace(key.Scalar(), line); !inserted) {
        context_.problems.add(line, "duplicate key '" + key.Scalar() + "' in " + path +
                                        " (first at line " + std::to_string(first->second) + ")");
        continue;
      }
      context_.source_map.record(entry_path, line);
      Message* entry = message.GetReflection()->AddMessage(&message, field);
      map_scalar(key, *entry, key_field, entry_path);
      if (pair.second.IsNull()) continue;
      if (value_field->cpp_type() == FieldDescriptor::CPPTYPE_MESSAGE) {
        Message* nested = entry->GetReflection()->MutableMessage(entry, value_field);
        map_message(pair.second, *nested, entry_path, line);
      } else {
        map_scalar(pair.second, *entry, value_field, entry_path);
      }
    }
  }

  void map_scalar(const YAML::Node& value, Message& message, const FieldDescriptor* field,
                  const std::string& path) {
    const int line = line_of(value);
    if (value.IsNull()) return;
    if (!value.IsScalar()) {
      const std::string expected = field->is_repeated() && !field->is_map()
                                       ? "each item to be a scalar"
                                       : expected_shape(field);
      problem(line, path, "expected " + expected + ", got " + kind_of(value));
      return;
    }
    auto text = interpolate(value.Scalar(), context_.base_dir);
    if (!text) {
      problem(line, path, text.error().message);
      return;
    }
    if (auto stored = store_scalar(message, field, *text, shown_value(value.Scalar())); !stored) {
      problem(line, path, stored.error().message);
    }
  }

  void unknown_key(int line, const std::string& path, const std::string& name,
                   const Descriptor* type) {
    std::vector<std::string> known;
    known.reserve(type->field_count());
    for (int i = 0; i < type->field_count(); ++i) known.push_back(type->field(i)->name());
    std::string sentence = "unknown key '" + name + "' " + where(path);
    const auto suggestion = nearest_name(name, known);
    if (!suggestion.empty()) {
      sentence += "; did you mean '" + suggestion + "'?";
      // The misspelt key is the problem; "partitions is required" would only repeat it.
      context_.problems.add(line, sentence, child(path, suggestion));
      return;
    }
    sentence += "; known keys:";
    for (std::size_t i = 0; i < known.size(); ++i) sentence += (i == 0 ? " " : ", ") + known[i];
    context_.problems.add(line, sentence);
  }

  // `marks` is the field the problem is about (by default `path`), so later checks of it and of
  // what it contains are not reported again.
  void problem(int line, const std::string& path, const std::string& sentence,
               const std::optional<std::string>& marks = std::nullopt) {
    context_.problems.add(line, path.empty() ? sentence : path + ": " + sentence,
                          marks.value_or(path));
  }

  const MappingContext& context_;
};

}  // namespace

void map_yaml(const YAML::Node& root, Message& message, const MappingContext& context) {
  Mapper(context).map_message(root, message, "", root.IsNull() ? 0 : line_of(root));
}

}  // namespace samsag::config
