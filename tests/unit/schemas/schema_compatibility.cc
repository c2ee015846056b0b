#include "tests/unit/schemas/schema_compatibility.h"

#include <google/protobuf/descriptor.h>
#include <google/protobuf/descriptor.pb.h>

#include <memory>

namespace samsag::schemas {
namespace {

using google::protobuf::Descriptor;
using google::protobuf::DescriptorPool;
using google::protobuf::EnumDescriptor;
using google::protobuf::FieldDescriptor;
using google::protobuf::FileDescriptor;
using google::protobuf::FileDescriptorSet;

constexpr const char* kBreakingChange = " (a breaking change is a new package, samsag.v2)";

Result<std::unique_ptr<DescriptorPool>> build_pool(const FileDescriptorSet& set,
                                                   const std::string& which) {
  auto pool = std::make_unique<DescriptorPool>();
  for (const auto& file : set.file()) {
    if (pool->BuildFile(file) == nullptr) {
      return make_error("BAD_DESCRIPTOR_SET",
                        "the " + which + " descriptor set does not build at " + file.name());
    }
  }
  return pool;
}

std::string type_of(const FieldDescriptor* field) {
  if (field->is_map()) {
    return "map<" + type_of(field->message_type()->map_key()) + ", " +
           type_of(field->message_type()->map_value()) + ">";
  }
  if (field->message_type() != nullptr) return field->message_type()->full_name();
  if (field->enum_type() != nullptr) return field->enum_type()->full_name();
  return field->type_name();
}

std::string label_of(const FieldDescriptor* field) {
  if (field->is_repeated()) return "repeated";
  if (field->is_required()) return "required";
  return "singular";
}

std::string oneof_of(const FieldDescriptor* field) {
  const auto* oneof = field->real_containing_oneof();
  return oneof == nullptr ? "" : oneof->name();
}

bool reserved_number(const Descriptor* type, int number) { return type->IsReservedNumber(number); }

class Checker {
 public:
  explicit Checker(const DescriptorPool& current) : current_(current) {}

  void check_file(const FileDescriptor* file) {
    for (int i = 0; i < file->message_type_count(); ++i) check_message(file->message_type(i));
    for (int i = 0; i < file->enum_type_count(); ++i) check_enum(file->enum_type(i));
  }

  std::vector<Incompatibility> take() { return std::move(found_); }

 private:
  void report(const std::string& element, const std::string& problem) {
    found_.push_back(Incompatibility{element, problem});
  }

  void check_message(const Descriptor* old_type) {
    const Descriptor* new_type = current_.FindMessageTypeByName(old_type->full_name());
    if (new_type == nullptr) {
      report(old_type->full_name(),
             std::string("message was removed; published types stay") + kBreakingChange);
      return;
    }
    for (int i = 0; i < old_type->field_count(); ++i) check_field(old_type->field(i), new_type);
    for (int i = 0; i < new_type->field_count(); ++i) check_new_field(new_type->field(i), old_type);
    check_reservations_kept(old_type, new_type);
    for (int i = 0; i < old_type->nested_type_count(); ++i) check_message(old_type->nested_type(i));
    for (int i = 0; i < old_type->enum_type_count(); ++i) check_enum(old_type->enum_type(i));
  }

  void check_field(const FieldDescriptor* old_field, const Descriptor* new_type) {
    const std::string element = old_field->full_name();
    const std::string number = std::to_string(old_field->number());
    const FieldDescriptor* by_number = new_type->FindFieldByNumber(old_field->number());
    const FieldDescriptor* by_name = new_type->FindFieldByName(old_field->name());
    if (by_name != nullptr && by_name->number() != old_field->number()) {
      report(element,
             "field number changed from " + number + " to " + std::to_string(by_name->number()) +
                 ". A field keeps its number for life: data already written under " + number +
                 " would no longer be read. Keep " + number + ", or add a new field and mark " +
                 number + " `reserved`" + kBreakingChange);
    }
    if (by_number == nullptr) {
      if (by_name == nullptr && !reserved_number(new_type, old_field->number())) {
        report(element, "field " + number + " was removed without `reserved " + number + "; " +
                            "reserved \"" + old_field->name() + "\";`, so the number could be " +
                            "reused for something else");
      }
      return;
    }
    if (by_number->name() != old_field->name()) {
      report(by_number->full_name(),
             "reuses field number " + number + ", which was '" + old_field->name() +
                 "'; old data would be read as the new field. Use a new number" + kBreakingChange);
      return;
    }
    if (type_of(by_number) != type_of(old_field)) {
      report(element, "type changed from " + type_of(old_field) + " to " + type_of(by_number) +
                          "; fields are never retyped. Add a new field instead" + kBreakingChange);
    }
    if (label_of(by_number) != label_of(old_field)) {
      report(element, "changed from " + label_of(old_field) + " to " + label_of(by_number) +
                          "; add a new field instead" + kBreakingChange);
    }
    if (oneof_of(by_number) != oneof_of(old_field)) {
      report(element, "oneof changed from '" + oneof_of(old_field) + "' to '" +
                          oneof_of(by_number) + "'; setting it would now clear other fields");
    }
  }

  // A new field must not take a number or name the baseline had reserved.
  void check_new_field(const FieldDescriptor* new_field, const Descriptor* old_type) {
    if (old_type->FindFieldByNumber(new_field->number()) != nullptr) return;
    if (old_type->IsReservedNumber(new_field->number())) {
      report(new_field->full_name(), "reuses reserved field number " +
                                         std::to_string(new_field->number()) +
                                         "; old data under that number would be read as it");
    }
    if (old_type->FindFieldByName(new_field->name()) == nullptr &&
        old_type->IsReservedName(new_field->name())) {
      report(new_field->full_name(), "reuses the reserved field name '" + new_field->name() + "'");
    }
  }

  void check_reservations_kept(const Descriptor* old_type, const Descriptor* new_type) {
    for (int i = 0; i < old_type->reserved_range_count(); ++i) {
      const auto* range = old_type->reserved_range(i);
      if (!new_type->IsReservedNumber(range->start) ||
          !new_type->IsReservedNumber(range->end - 1)) {
        const std::string numbers = range->end - 1 == range->start
                                        ? "number " + std::to_string(range->start) + " is"
                                        : "numbers " + std::to_string(range->start) + " to " +
                                              std::to_string(range->end - 1) + " are";
        report(old_type->full_name(),
               "reserved " + numbers + " no longer reserved; " +
                   (range->end - 1 == range->start ? "it stays" : "they stay") +
                   " reserved for life");
      }
    }
    for (int i = 0; i < old_type->reserved_name_count(); ++i) {
      if (!new_type->IsReservedName(old_type->reserved_name(i))) {
        report(old_type->full_name(), "reserved name '" + old_type->reserved_name(i) +
                                          "' is no longer reserved; it stays reserved for life");
      }
    }
  }

  void check_enum(const EnumDescriptor* old_enum) {
    const EnumDescriptor* new_enum = current_.FindEnumTypeByName(old_enum->full_name());
    if (new_enum == nullptr) {
      report(old_enum->full_name(),
             std::string("enum was removed; published types stay") + kBreakingChange);
      return;
    }
    for (int i = 0; i < old_enum->value_count(); ++i) {
      const auto* old_value = old_enum->value(i);
      const std::string element = old_enum->full_name() + "." + old_value->name();
      const std::string number = std::to_string(old_value->number());
      const auto* by_name = new_enum->FindValueByName(old_value->name());
      if (by_name != nullptr) {
        if (by_name->number() != old_value->number()) {
          report(element, "value number changed from " + number + " to " +
                              std::to_string(by_name->number()) +
                              "; stored events and configs would change meaning" + kBreakingChange);
        }
        continue;
      }
      if (const auto* by_number = new_enum->FindValueByNumber(old_value->number())) {
        report(element, "value " + number + " was renamed to " + by_number->name() +
                            "; configs and JSON that use the old name would break");
      } else if (!new_enum->IsReservedNumber(old_value->number())) {
        report(element, "value " + number + " was removed without `reserved " + number + "`");
      }
    }
    for (int i = 0; i < new_enum->value_count(); ++i) {
      const auto* new_value = new_enum->value(i);
      if (old_enum->FindValueByNumber(new_value->number()) == nullptr &&
          old_enum->IsReservedNumber(new_value->number())) {
        report(new_enum->full_name() + "." + new_value->name(),
               "reuses reserved value number " + std::to_string(new_value->number()));
      }
    }
  }

  const DescriptorPool& current_;
  std::vector<Incompatibility> found_;
};

}  // namespace

Result<std::vector<Incompatibility>> find_incompatibilities(const FileDescriptorSet& baseline,
                                                            const FileDescriptorSet& current) {
  auto old_pool = build_pool(baseline, "baseline");
  if (!old_pool) return old_pool.error();
  auto new_pool = build_pool(current, "current");
  if (!new_pool) return new_pool.error();

  Checker checker(**new_pool);
  for (const auto& file : baseline.file()) {
    if (file.name().starts_with("google/protobuf/")) continue;
    checker.check_file((*old_pool)->FindFileByName(file.name()));
  }
  return checker.take();
}

}  // namespace samsag::schemas
