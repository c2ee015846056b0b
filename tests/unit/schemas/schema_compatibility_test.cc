// The compatibility checker itself, on small in-memory schemas: each rule fails when broken and
// additions pass.
#include "tests/unit/schemas/schema_compatibility.h"

#include <google/protobuf/descriptor.pb.h>
#include <google/protobuf/text_format.h>
#include <gtest/gtest.h>

namespace samsag::schemas {
namespace {

using google::protobuf::FileDescriptorSet;

// A one-file schema in package "t": the file's body in FileDescriptorProto text format.
FileDescriptorSet schema(const std::string& body) {
  FileDescriptorSet set;
  const std::string text = R"(file { name: "t.proto" package: "t" syntax: "proto3" )" + body + " }";
  if (!google::protobuf::TextFormat::ParseFromString(text, &set)) ADD_FAILURE() << text;
  return set;
}

// The baseline of most tests: message Event { string event_id = 1; Sector sector = 2;
// repeated string tags = 3; } and enum Sector { SECTOR_UNSPECIFIED = 0; SECTOR_SOCIAL = 2; }.
std::string event(const std::string& fields, const std::string& extra = "") {
  return R"(message_type { name: "Event" )" + fields + extra + " }" +
         R"( enum_type { name: "Sector" value { name: "SECTOR_UNSPECIFIED" number: 0 }
                         value { name: "SECTOR_SOCIAL" number: 2 } })";
}
const std::string kEventId =
    R"(field { name: "event_id" number: 1 type: TYPE_STRING label: LABEL_OPTIONAL })";
const std::string kSector =
    R"(field { name: "sector" number: 2 type: TYPE_ENUM type_name: ".t.Sector" label: LABEL_OPTIONAL })";
const std::string kTags =
    R"(field { name: "tags" number: 3 type: TYPE_STRING label: LABEL_REPEATED })";
const FileDescriptorSet kBaseline = schema(event(kEventId + kSector + kTags));

std::vector<std::string> problems(const FileDescriptorSet& current) {
  auto found = find_incompatibilities(kBaseline, current);
  EXPECT_TRUE(found.ok()) << (found.ok() ? "" : found.error().message);
  std::vector<std::string> lines;
  if (found.ok()) {
    for (const auto& incompatibility : *found) lines.push_back(incompatibility.to_string());
  }
  return lines;
}

TEST(SchemaCompatibility, PassesAnUnchangedSchema) { EXPECT_TRUE(problems(kBaseline).empty()); }

TEST(SchemaCompatibility, PassesAnAddedFieldMessageAndEnumValue) {
  const std::string added_field =
      R"(field { name: "source_system" number: 4 type: TYPE_STRING label: LABEL_OPTIONAL })";
  auto current = schema(event(kEventId + kSector + kTags + added_field) +
                        R"( message_type { name: "DeadLetter" })");
  current.mutable_file(0)->mutable_enum_type(0)->add_value()->set_name("SECTOR_HEALTH");
  current.mutable_file(0)->mutable_enum_type(0)->mutable_value(2)->set_number(3);
  EXPECT_TRUE(problems(current).empty());
}

TEST(SchemaCompatibility, FailsARenumberedField) {
  const std::string renumbered =
      R"(field { name: "event_id" number: 17 type: TYPE_STRING label: LABEL_OPTIONAL })";
  const auto found = problems(schema(event(renumbered + kSector + kTags)));
  ASSERT_EQ(found.size(), 1U);
  EXPECT_TRUE(found[0].starts_with("t.Event.event_id: field number changed from 1 to 17."))
      << found[0];
}

TEST(SchemaCompatibility, FailsARetypedField) {
  const std::string retyped =
      R"(field { name: "event_id" number: 1 type: TYPE_BYTES label: LABEL_OPTIONAL })";
  const auto found = problems(schema(event(retyped + kSector + kTags)));
  ASSERT_EQ(found.size(), 1U);
  EXPECT_TRUE(found[0].starts_with("t.Event.event_id: type changed from string to bytes"))
      << found[0];
}

TEST(SchemaCompatibility, FailsAFieldWhoseMessageOrEnumTypeChanged) {
  const std::string other_enum =
      R"(field { name: "sector" number: 2 type: TYPE_ENUM type_name: ".t.Kind" label: LABEL_OPTIONAL })";
  auto current =
      schema(event(kEventId + other_enum + kTags) +
             R"( enum_type { name: "Kind" value { name: "KIND_UNSPECIFIED" number: 0 } })");
  const auto found = problems(current);
  ASSERT_EQ(found.size(), 1U);
  EXPECT_TRUE(found[0].starts_with("t.Event.sector: type changed from t.Sector to t.Kind"))
      << found[0];
}

TEST(SchemaCompatibility, FailsAChangedLabel) {
  const std::string singular =
      R"(field { name: "tags" number: 3 type: TYPE_STRING label: LABEL_OPTIONAL })";
  const auto found = problems(schema(event(kEventId + kSector + singular)));
  ASSERT_EQ(found.size(), 1U);
  EXPECT_TRUE(found[0].starts_with("t.Event.tags: changed from repeated to singular")) << found[0];
}

TEST(SchemaCompatibility, FailsAReusedFieldNumber) {
  const std::string reused =
      R"(field { name: "trace_id" number: 3 type: TYPE_STRING label: LABEL_REPEATED })";
  const auto found = problems(schema(event(kEventId + kSector + reused)));
  ASSERT_EQ(found.size(), 1U);
  EXPECT_TRUE(found[0].starts_with("t.Event.trace_id: reuses field number 3, which was 'tags'"))
      << found[0];
}

TEST(SchemaCompatibility, FailsARemovedFieldUnlessItsNumberIsReserved) {
  const auto found = problems(schema(event(kEventId + kSector)));
  ASSERT_EQ(found.size(), 1U);
  EXPECT_TRUE(found[0].starts_with("t.Event.tags: field 3 was removed without `reserved 3;"))
      << found[0];

  const std::string reserved = R"(reserved_range { start: 3 end: 4 } reserved_name: "tags")";
  EXPECT_TRUE(problems(schema(event(kEventId + kSector, reserved))).empty());
}

TEST(SchemaCompatibility, FailsANewFieldOnANumberTheBaselineReserved) {
  // protoc itself refuses a field on a number reserved in the same file, so the reservation has
  // to be dropped to reuse it; both are reported.
  const auto baseline =
      schema(event(kEventId + kSector + kTags, R"(reserved_range { start: 9 end: 10 })"));
  const std::string on_reserved =
      R"(field { name: "late" number: 9 type: TYPE_STRING label: LABEL_OPTIONAL })";
  const auto found =
      find_incompatibilities(baseline, schema(event(kEventId + kSector + kTags + on_reserved)));
  ASSERT_TRUE(found.ok());
  ASSERT_EQ(found->size(), 2U);
  EXPECT_EQ((*found)[0].to_string(),
            "t.Event.late: reuses reserved field number 9; old data under that number would be "
            "read as it");
  EXPECT_EQ((*found)[1].to_string(),
            "t.Event: reserved number 9 is no longer reserved; it stays "
            "reserved for life");
}

TEST(SchemaCompatibility, FailsARemovedMessage) {
  const auto found = problems(schema(
      R"(enum_type { name: "Sector" value { name: "SECTOR_UNSPECIFIED" number: 0 }
                     value { name: "SECTOR_SOCIAL" number: 2 } })"));
  ASSERT_EQ(found.size(), 1U);
  EXPECT_TRUE(found[0].starts_with("t.Event: message was removed")) << found[0];
}

TEST(SchemaCompatibility, FailsARenumberedOrRemovedEnumValue) {
  auto renumbered = kBaseline;
  renumbered.mutable_file(0)->mutable_enum_type(0)->mutable_value(1)->set_number(5);
  auto found = problems(renumbered);
  ASSERT_EQ(found.size(), 1U);
  EXPECT_TRUE(found[0].starts_with("t.Sector.SECTOR_SOCIAL: value number changed from 2 to 5"))
      << found[0];

  auto removed = kBaseline;
  removed.mutable_file(0)->mutable_enum_type(0)->mutable_value()->RemoveLast();
  found = problems(removed);
  ASSERT_EQ(found.size(), 1U);
  EXPECT_TRUE(found[0].starts_with("t.Sector.SECTOR_SOCIAL: value 2 was removed")) << found[0];
}

TEST(SchemaCompatibility, FailsARenamedEnumValue) {
  auto renamed = kBaseline;
  renamed.mutable_file(0)->mutable_enum_type(0)->mutable_value(1)->set_name("SECTOR_SOCIAL_CARE");
  const auto found = problems(renamed);
  ASSERT_EQ(found.size(), 1U);
  EXPECT_TRUE(
      found[0].starts_with("t.Sector.SECTOR_SOCIAL: value 2 was renamed to SECTOR_SOCIAL_CARE"))
      << found[0];
}

}  // namespace
}  // namespace samsag::schemas
