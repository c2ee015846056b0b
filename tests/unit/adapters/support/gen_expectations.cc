#include "tests/unit/adapters/support/gen_expectations.h"

#include <gtest/gtest.h>

#include <map>

#include "adapters/runtime/envelope.h"
#include "core/privacy/pseudonymiser.h"
#include "tests/unit/adapters/support/gen_run.h"
#include "tests/unit/adapters/support/parse_result_json.h"

namespace samsag::adapters::testing {
namespace {

// The message name of the event's payload, as the manifest counts it ("HospitalAdmitted").
std::string event_name(const samsag::v1::Event& event) {
  const auto* oneof = samsag::v1::Event::descriptor()->FindOneofByName("payload");
  const auto* field = event.GetReflection()->GetOneofFieldDescriptor(event, oneof);
  return field == nullptr ? std::string() : field->message_type()->name();
}

std::uint64_t count_of(const boost::json::value& object, const char* key) {
  const auto* value = object.as_object().if_contains(key);
  return value == nullptr ? 0 : value->to_number<std::uint64_t>();
}

}  // namespace

void expect_gen_output_parses(const std::string& sector, samsag::v1::Sector event_sector,
                              const std::function<GenFileParse(const std::string& body)>& parse) {
  const GenRun& run = shared_gen_run();
  const auto& tally = run.manifest.at("sectors").at(sector);
  const auto pseudonymiser =
      samsag::privacy::Pseudonymiser::from_key(std::string(32, 'g'), "gen").value();
  const EnvelopeContext context{751, event_sector, "samsag-gen", &pseudonymiser};

  std::map<std::string, std::uint64_t> events;
  std::uint64_t records = 0;
  const auto& files = tally.at("files").as_array();
  ASSERT_FALSE(files.empty()) << "gen wrote no " << sector << " files";
  for (const auto& file : files) {
    const std::string path(file.at("path").as_string());
    SCOPED_TRACE(path);
    const GenFileParse result = parse(read_file(run.directory / path));
    std::uint64_t accepted = 0;
    for (const ParsedRecord& parsed : result.parsed.records) {
      if (const auto* rejection = std::get_if<Rejection>(&parsed)) {
        ADD_FAILURE() << "rejected entry " << rejection->position.index << ": " << rejection->field
                      << ": " << rejection->message;
        continue;
      }
      const auto& record = std::get<SourceRecord>(parsed);
      ++accepted;
      ++events[event_name(record.payload)];
      EXPECT_EQ(record.source_system, "samsag-gen");
      EXPECT_EQ(record.payload.DebugString().find("FORBIDDEN-TEXT"), std::string::npos);
      EXPECT_EQ(record.original.find("FORBIDDEN-TEXT"), std::string::npos);
      auto event = make_event(record, context, {});
      EXPECT_TRUE(std::holds_alternative<samsag::v1::Event>(event))
          << "the runtime refused record " << record.record_id << ": "
          << std::get<Rejection>(event).message;
    }
    std::uint64_t dropped = 0;
    for (const auto& [type, count] : result.parsed.dropped) {
      dropped += static_cast<std::uint64_t>(count);
    }
    EXPECT_EQ(accepted, count_of(file, "records"));
    EXPECT_EQ(dropped, count_of(file, "dropped_resources"));
    EXPECT_EQ(static_cast<std::uint64_t>(result.skipped_other_municipality),
              count_of(file, "skipped_other_municipality"));
    records += accepted;
  }
  EXPECT_GT(records, 0U);
  EXPECT_EQ(records, count_of(tally, "records"));
  std::map<std::string, std::uint64_t> expected_events;
  for (const auto& [name, count] : tally.at("events").as_object()) {
    expected_events[std::string(name)] = count.to_number<std::uint64_t>();
  }
  EXPECT_EQ(events, expected_events);
}

}  // namespace samsag::adapters::testing
