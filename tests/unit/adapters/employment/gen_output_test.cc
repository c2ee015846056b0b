// `samsag gen` writes the employment format (FORMAT.md says its output is the reference example):
// its files go through the spool source, the parser and the envelope with no rejection at all,
// giving exactly the manifest's employment records and event types.
#include <gtest/gtest.h>
#include <unistd.h>

#include <boost/json.hpp>
#include <filesystem>
#include <map>
#include <string>

#include "adapters/employment/spool_directory.h"
#include "adapters/runtime/envelope.h"
#include "cli/gen/generator.h"
#include "tests/unit/adapters/employment/employment_test_support.h"

namespace samsag::adapters::employment {
namespace {

namespace fs = std::filesystem;
using Counts = std::map<std::string, std::uint64_t>;

// The samsag.v1 message name of the event's payload, as the manifest counts it.
std::string payload_name(const samsag::v1::Event& event) {
  const auto* oneof = samsag::v1::Event::descriptor()->FindOneofByName("payload");
  const auto* field = event.GetReflection()->GetOneofFieldDescriptor(event, oneof);
  return field == nullptr ? "none" : field->message_type()->name();
}

TEST(GenOutputTest, GeneratedExportParsesWithoutRejectionsIntoTheManifestsCounts) {
  const fs::path out =
      fs::temp_directory_path() / ("samsag-employment-gen-" + std::to_string(::getpid()));
  fs::remove_all(out);
  samsag::gen::GenOptions options;
  options.citizens = 60;
  options.seed = 3;
  options.out = out;
  options.employment_rows_per_file = 300;  // several files, both dialects
  ASSERT_TRUE(samsag::gen::generate(options).ok());
  const auto manifest = boost::json::parse(testing::read_file(out / "manifest.json")).as_object();
  const auto& employment = manifest.at("sectors").as_object().at("employment").as_object();
  Counts expected;
  for (const auto& [name, count] : employment.at("events").as_object()) {
    expected[std::string(name)] = count.to_number<std::uint64_t>();
  }
  ASSERT_GE(employment.at("files").as_array().size(), 2U);

  const auto pseudonymiser =
      samsag::privacy::Pseudonymiser::from_key(std::string(32, 'g'), "test").value();
  EnvelopeContext context{751, samsag::v1::SECTOR_EMPLOYMENT, "samsag-gen", &pseudonymiser};
  auto spool =
      SpoolDirectory::open({out / "employment", 500}, RowMapper(testing::default_settings()))
          .value();
  Counts actual;
  std::uint64_t records = 0;
  std::uint64_t unmapped = 0;
  std::uint64_t rejections = 0;
  for (;;) {
    auto mark = spool->next_batch([&](ExportRow&& row) {
      ++records;
      if (row.target_group_unmapped) ++unmapped;
      if (const auto* rejection = std::get_if<Rejection>(&row.record)) {
        ++rejections;
        ADD_FAILURE() << rejection->position.file->name << ":" << rejection->position.line << " "
                      << rejection->field << ": " << rejection->message;
        return;
      }
      auto event = make_event(std::move(std::get<SourceRecord>(row.record)), context, {});
      if (const auto* rejection = std::get_if<Rejection>(&event)) {
        ++rejections;
        ADD_FAILURE() << rejection->position.line << ": " << rejection->message;
        return;
      }
      const auto& accepted = std::get<samsag::v1::Event>(event);
      EXPECT_EQ(accepted.source_system(), "samsag-gen");
      ++actual[payload_name(accepted)];
    });
    ASSERT_TRUE(mark.ok());
    if (!*mark) break;
    ASSERT_TRUE(spool->commit(**mark).ok());
  }
  EXPECT_EQ(rejections, 0U);
  EXPECT_EQ(records, employment.at("records").to_number<std::uint64_t>());
  EXPECT_EQ(actual, expected);
  // The generator writes a code outside the default mapping for about 2% of citizens.
  EXPECT_LE(unmapped, expected["TargetGroupAssigned"]);
  EXPECT_TRUE(list_spool_files(out / "employment").empty());
  fs::remove_all(out);
}

}  // namespace
}  // namespace samsag::adapters::employment
