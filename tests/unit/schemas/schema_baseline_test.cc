// The real schemas against the committed baseline (schemas/baseline/samsag.v1.descriptor.pb,
// written by tools/update-schema-baseline): every field, message and enum value published there
// must still read the same way in the schemas of this build.
#include <google/protobuf/descriptor.pb.h>
#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>

#include "tests/unit/schemas/schema_compatibility.h"

namespace samsag::schemas {
namespace {

google::protobuf::FileDescriptorSet read_descriptor_set(const std::string& path) {
  google::protobuf::FileDescriptorSet set;
  std::ifstream in(path, std::ios::binary);
  EXPECT_TRUE(in.good()) << "cannot open " << path;
  EXPECT_TRUE(set.ParseFromIstream(&in)) << path << " is not a FileDescriptorSet";
  return set;
}

// The build's descriptor set, or another one named by the environment (to try a schema change
// from a scratch copy without touching the tree).
std::string current_descriptor_set() {
  const char* path = std::getenv("SAMSAG_DESCRIPTOR_SET");
  return path != nullptr && *path != '\0' ? path : SAMSAG_DESCRIPTOR_SET;
}

bool has_file(const google::protobuf::FileDescriptorSet& set, const std::string& name) {
  for (const auto& file : set.file()) {
    if (file.name() == name) return true;
  }
  return false;
}

TEST(SchemaBaseline, HoldsThePublishedSchemas) {
  const auto baseline = read_descriptor_set(SAMSAG_SCHEMA_BASELINE);
  EXPECT_TRUE(has_file(baseline, "samsag/v1/event.proto"));
  EXPECT_TRUE(has_file(baseline, "samsag/config/v1/config.proto"));
}

TEST(SchemaBaseline, CurrentSchemasAreBackwardCompatibleWithTheBaseline) {
  const auto baseline = read_descriptor_set(SAMSAG_SCHEMA_BASELINE);
  const auto current = read_descriptor_set(current_descriptor_set());
  const auto found = find_incompatibilities(baseline, current);
  ASSERT_TRUE(found.ok()) << found.error().message;

  std::string report;
  for (const auto& incompatibility : *found) report += "  " + incompatibility.to_string() + "\n";
  EXPECT_TRUE(found->empty())
      << "The schemas under schemas/samsag/ break compatibility with the published baseline "
      << SAMSAG_SCHEMA_BASELINE << ":\n"
      << report
      << "Schemas evolve only by adding: fields are never renumbered, retyped or renamed, and a "
         "removed field's number is `reserved` (DESIGN.md \"Events and keys\"). Updating the "
         "baseline does not make such a change safe for data already on Kafka.";
}

}  // namespace
}  // namespace samsag::schemas
