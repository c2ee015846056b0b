// `samsag gen` output through all four adapters' real inputs into `samsag broker`: employment
// files renamed into the spool directory, social and FHIR bodies posted with the bearer token.
// Then every topic is read back: the counts equal the manifest's, nothing is dead-lettered, every
// event is keyed by its pseudonym and carries its headers, and neither a generated CPR number
// (with or without its dash) nor gen's FORBIDDEN-TEXT marker is on any topic or in any log line.
// SAMSAG_ADAPTER_CITIZENS sets the number of citizens (default 1000, issue 4's criterion).
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <iostream>
#include <set>

#include "adapter_fixture.h"
#include "tests/support/http_client.h"
#include "tests/support/topic_reader.h"

namespace samsag::adapters::itest {
namespace {

namespace fs = std::filesystem;
namespace json = boost::json;
using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

constexpr const char* kForbiddenText = "FORBIDDEN-TEXT";
const std::vector<std::string> kSectors{"employment", "social", "health", "region"};

double seconds_since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

// Posts every file of `sector` to `path` on one keep-alive connection; each must be answered
// 202 with exactly the file's records accepted.
void post_files(const GenOutput& gen, const AdapterDeployment& deployment,
                const std::string& sector, const std::string& path) {
  samsag::testing::HttpConnection connection(deployment.http_port(sector));
  for (const auto& [file, records] : gen.files(sector)) {
    samsag::testing::HttpRequest request{.method = "POST", .path = path, .body = read_file(file)};
    request.headers = {
        {"Content-Type", sector == "social" ? "application/json" : "application/fhir+json"},
        {"Authorization", "Bearer " + AdapterDeployment::token(sector)}};
    const auto reply = connection.send(request);
    ASSERT_EQ(reply.status, 202) << file.filename() << ": " << reply.error << reply.body;
    EXPECT_EQ(json::parse(reply.body).at("accepted").to_number<std::int64_t>(), records)
        << file.filename();
  }
}

// Every known CPR number and the FORBIDDEN-TEXT marker in one record's key, value and headers.
void expect_clean(const kafka::Message& message, const CprFinder& cprs) {
  std::vector<std::pair<std::string, std::string_view>> parts;
  if (message.key) parts.emplace_back("key", *message.key);
  if (message.value) parts.emplace_back("value", *message.value);
  for (const auto& header : message.headers) {
    parts.emplace_back("header name", header.key);
    parts.emplace_back("header " + header.key, header.value);
  }
  const std::string where = message.topic + "/" + std::to_string(message.partition) + "@" +
                            std::to_string(message.offset);
  for (const auto& [part, bytes] : parts) {
    if (auto at = cprs.find(bytes)) {
      ADD_FAILURE() << "a generated CPR number is in the " << part << " of " << where << " at byte "
                    << *at;
    }
    EXPECT_EQ(bytes.find(kForbiddenText), std::string_view::npos)
        << kForbiddenText << " is in the " << part << " of " << where;
  }
}

TEST(AdapterFlowTest, GenOutputReachesEachSectorTopicExactlyOnceWithoutCprOrForbiddenText) {
  const int citizens = static_cast<int>(env_int("SAMSAG_ADAPTER_CITIZENS", 1000));
  samsag::testing::ScratchDirectory scratch("samsag-adapter-flow");
  const auto started = Clock::now();
  const GenOutput gen = run_gen(scratch.path() / "gen", {.citizens = citizens});
  const double gen_seconds = seconds_since(started);
  const CprFinder cprs(gen.cprs);
  // The finder and the marker check would pass vacuously if they could not see what they look
  // for: gen's own files hold both CPR forms and the marker.
  const std::string& cpr = gen.cprs.front();
  ASSERT_TRUE(cprs.find("a" + cpr + "b").has_value());
  ASSERT_TRUE(cprs.find(";" + cpr.substr(0, 6) + "-" + cpr.substr(6) + ";").has_value());
  ASSERT_TRUE(cprs.find(read_file(gen.files("employment").front().first)).has_value());
  ASSERT_NE(read_file(gen.files("health").front().first).find(kForbiddenText), std::string::npos);

  fs::create_directories(scratch.path() / "deployment");
  // Debug level: the more the adapters say, the more a leak would have to hide in.
  BrokerWithDeployment env({.directory = scratch.path() / "deployment", .log_level = "debug"});
  std::map<std::string, std::unique_ptr<AdapterProcess>> adapters;
  for (const auto& sector : kSectors) adapters[sector] = env.start_adapter(sector);
  const auto ingest_started = Clock::now();

  const auto employment_files = gen.files("employment");
  for (const auto& [file, records] : employment_files) {
    samsag::testing::drop_into_spool(file, env.deployment().spool_directory());
  }
  post_files(gen, env.deployment(), "social", "/v1/events");
  post_files(gen, env.deployment(), "health", "/fhir/Bundle");
  post_files(gen, env.deployment(), "region", "/fhir/Bundle");
  ASSERT_TRUE(
      adapters["employment"]->wait_for_logs("spool file processed", employment_files.size(), 120s))
      << "the employment adapter did not process every spool file within 120 s";
  const double ingest_seconds = seconds_since(ingest_started);

  // Every adapter stops gracefully, so its log is complete before it is searched.
  for (auto& [sector, adapter] : adapters) {
    EXPECT_EQ(adapter->terminate(20s), 0) << sector << " did not stop with exit code 0";
    EXPECT_TRUE(adapter->wait_for_log_end(10s)) << sector;
  }

  samsag::testing::TopicReader reader(env.bootstrap());
  for (const auto& sector : kSectors) {
    SCOPED_TRACE(sector);
    ASSERT_EQ(reader.count(env.deployment().topic(sector)),
              reader.appended(env.deployment().topic(sector)))
        << "the broker dropped old records (5 MiB per partition); use fewer citizens";
    const auto messages = read_topic(env.bootstrap(), env.deployment().topic(sector));
    EXPECT_EQ(static_cast<std::int64_t>(messages.size()), gen.records(sector))
        << "events on " << env.deployment().topic(sector) << " vs the manifest's records";
    std::set<std::string> event_ids;
    for (const auto& message : messages) {
      samsag::v1::Event event;
      ASSERT_TRUE(message.value && event.ParseFromString(*message.value));
      EXPECT_TRUE(event.citizen().starts_with("k1:")) << "a citizen that is no pseudonym";
      EXPECT_EQ(message.key, event.citizen()) << "the key is not the event's citizen";
      EXPECT_EQ(kafka::find_header(message.headers, "event-id"), event.event_id());
      EXPECT_EQ(kafka::find_header(message.headers, "schema"), "samsag.v1.Event");
      EXPECT_EQ(event.municipality_code(), 751U);
      event_ids.insert(event.event_id());
    }
    EXPECT_EQ(event_ids.size(), messages.size()) << "every generated record has its own event id";
  }
  EXPECT_EQ(reader.count(env.deployment().topic("dlq")), 0) << "gen's data must not be refused";

  std::size_t records_scanned = 0;
  for (const auto& topic : reader.topics()) {
    if (topic.starts_with("__")) continue;  // the broker's own bookkeeping
    for (const auto& message : read_topic(env.bootstrap(), topic)) {
      expect_clean(message, cprs);
      ++records_scanned;
    }
  }
  std::size_t lines_scanned = 0;
  for (const auto& [sector, adapter] : adapters) {
    for (const auto& line : adapter->log_lines()) {
      if (auto at = cprs.find(line)) {
        ADD_FAILURE() << "a generated CPR number is in a log line of " << sector << " at " << *at;
      }
      EXPECT_EQ(line.find(kForbiddenText), std::string::npos) << sector << " logged it";
      ++lines_scanned;
    }
  }
  EXPECT_GT(lines_scanned, 0U);

  std::cout << "[ flow     ] " << citizens << " citizens; records employment "
            << gen.records("employment") << ", social " << gen.records("social") << ", health "
            << gen.records("health") << ", region " << gen.records("region") << "; gen "
            << gen_seconds << " s, ingest " << ingest_seconds << " s, total "
            << seconds_since(started) << " s; scanned " << records_scanned << " records and "
            << lines_scanned << " log lines\n";
  if (::testing::Test::HasFailure()) {
    for (const auto& [sector, adapter] : adapters) print_log(*adapter, sector);
  }
}

}  // namespace
}  // namespace samsag::adapters::itest
