// The employment adapter killed (SIGKILL) at random moments while it ingests a generated export,
// restarted each time: at the end the employment topic holds every row's event id at least once
// and nothing else (FORMAT.md §7: ids come from source system + registrering_id + version, so a
// row read again is the same event). The short form runs in CI; SAMSAG_SOAK=1 runs the long form
// of issue 4 (100,000 rows, more kills). SAMSAG_CRASH_ROWS, SAMSAG_CRASH_KILLS and
// SAMSAG_CRASH_SEED override the defaults; the seed is printed so a failure can be replayed.
#include <gtest/gtest.h>

#include <fstream>
#include <iostream>
#include <random>
#include <set>
#include <thread>

#include "adapter_fixture.h"
#include "adapters/runtime/event_id.h"
#include "tests/support/topic_reader.h"

namespace samsag::adapters::itest {
namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

// Splits one CSV line on ';' (RFC 4180 quotes; gen writes no line breaks inside fields).
std::vector<std::string> fields_of(const std::string& line) {
  std::vector<std::string> fields(1);
  bool quoted = false;
  for (std::size_t i = 0; i < line.size(); ++i) {
    const char c = line[i];
    if (quoted) {
      if (c == '"' && i + 1 < line.size() && line[i + 1] == '"') {
        fields.back().push_back('"');
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        fields.back().push_back(c);
      }
    } else if (c == '"') {
      quoted = true;
    } else if (c == ';') {
      fields.emplace_back();
    } else {
      fields.back().push_back(c);
    }
  }
  return fields;
}

// Every row's event id, computed from the file as FORMAT.md §7 says.
std::set<std::string> expected_event_ids(const std::vector<fs::path>& files) {
  std::set<std::string> ids;
  for (const auto& file : files) {
    std::ifstream in(file, std::ios::binary);
    std::string line;
    std::getline(in, line);
    if (line.starts_with("\xEF\xBB\xBF")) line.erase(0, 3);
    if (!line.empty() && line.back() == '\r') line.pop_back();
    const auto header = fields_of(line);
    auto column = [&](const std::string& name) {
      const auto found = std::find(header.begin(), header.end(), name);
      if (found == header.end()) throw std::runtime_error("no column " + name);
      return static_cast<std::size_t>(found - header.begin());
    };
    const auto id = column("registrering_id");
    const auto version = column("version");
    const auto system = column("kildesystem");
    while (std::getline(in, line)) {
      if (!line.empty() && line.back() == '\r') line.pop_back();
      if (line.empty()) continue;
      const auto fields = fields_of(line);
      const std::string source = fields.at(system).empty()
                                     ? AdapterDeployment::source_system("employment")
                                     : fields.at(system);
      ids.insert(derive_event_id(source, fields.at(id), fields.at(version)));
    }
  }
  return ids;
}

bool spool_has_waiting_files(const fs::path& spool) {
  for (const auto& entry : fs::directory_iterator(spool)) {
    const std::string name = entry.path().filename().string();
    if (entry.is_regular_file() && name.ends_with(".csv") && !name.starts_with(".")) return true;
  }
  return false;
}

TEST(EmploymentCrashTest, KilledAtRandomMomentsEveryRowEndsUpOnTheTopicAndNothingElse) {
  const bool soak = env_int("SAMSAG_SOAK", 0) == 1;
  const std::int64_t rows = env_int("SAMSAG_CRASH_ROWS", soak ? 100'000 : 50'000);
  const int kills = static_cast<int>(env_int("SAMSAG_CRASH_KILLS", soak ? 10 : 5));
  const auto seed =
      static_cast<std::uint64_t>(env_int("SAMSAG_CRASH_SEED", std::random_device{}()));
  std::cout << "[ crash    ] rows=" << rows << " kills=" << kills << " seed=" << seed
            << " (replay: SAMSAG_CRASH_SEED=" << seed << ")\n";
  std::mt19937_64 random(seed);

  samsag::testing::ScratchDirectory scratch("samsag-employment-crash");
  const auto started = Clock::now();
  const GenOutput gen =
      run_gen(scratch.path() / "gen", {.citizens = soak ? 1000 : 200, .employment_rows = rows});
  ASSERT_EQ(gen.records("employment"), rows);
  std::vector<fs::path> files;
  for (const auto& [file, records] : gen.files("employment")) files.push_back(file);
  const std::set<std::string> expected = expected_event_ids(files);
  ASSERT_EQ(static_cast<std::int64_t>(expected.size()), rows) << "gen promises distinct ids";

  fs::create_directories(scratch.path() / "deployment");
  // `samsag broker` keeps only the newest 5 MiB of each partition (librdkafka's mock cluster), so
  // the partitions are many enough to hold every row and its repeats: a run killed before its
  // first checkpoint (one every 250 ms) repeats all it wrote, up to every row, so the topic may
  // get rows x (kills + 1) records. 10,000 of them (about 2.5 MiB) per partition leave room for
  // the keys' uneven spread.
  const std::int64_t most_records = rows * (kills + 1);
  BrokerWithDeployment env(
      {.directory = scratch.path() / "deployment",
       .partitions = static_cast<int>(std::max<std::int64_t>(4, most_records / 10'000))});
  const auto& spool = env.deployment().spool_directory();
  for (const auto& file : files) samsag::testing::drop_into_spool(file, spool);
  samsag::testing::TopicCounter counter(env.bootstrap(), env.deployment().topic("employment"));

  // Kill k lands a random 0-30 ms after the adapter answered ready, so kills fall before, during
  // and after batches and checkpoints. Time, not the topic's count, picks the moment: the adapter
  // keeps several batches in flight and can ingest a slice of the rows faster than the count can
  // be read, so a count-based kill could arrive only after everything was done.
  int killed = 0;
  std::vector<std::string> earlier_logs;  // of the killed runs, shown when the test fails
  for (int k = 0; k < kills; ++k) {
    AdapterProcess adapter(env.deployment(), "employment");
    const auto delay = std::chrono::milliseconds(std::uniform_int_distribution<int>(0, 30)(random));
    ASSERT_TRUE(adapter.wait_ready(60s)) << "run " << k + 1 << " did not become ready";
    // The random moment itself: a deliberate delay, not a wait for something to happen.
    std::this_thread::sleep_for(delay);
    if (!spool_has_waiting_files(spool)) break;  // everything ingested before this kill
    adapter.kill();
    ++killed;
    adapter.wait_for_log_end(10s);
    for (const auto& line : adapter.log_lines()) {
      earlier_logs.push_back("run " + std::to_string(killed) + "| " + line);
    }
    std::cout << "[ crash    ] kill " << killed << " at " << counter.count() << " records on "
              << "the topic (+" << delay.count() << " ms after ready)\n";
  }
  // A fast adapter may finish before the last kills; three landing mid-ingest keep it a crash test.
  EXPECT_GE(killed, std::min(kills, 3)) << "the adapter finished before the kills were done";

  // The last run ingests what is left and stops gracefully.
  AdapterProcess last(env.deployment(), "employment");
  ASSERT_TRUE(last.wait_ready(30s));
  ASSERT_TRUE(poll_until([&] { return !spool_has_waiting_files(spool); }, soak ? 300s : 60s, 50ms))
      << "the spool was not emptied in time";
  EXPECT_EQ(last.terminate(20s), 0);

  samsag::testing::TopicReader reader(env.bootstrap());
  ASSERT_EQ(reader.count(env.deployment().topic("employment")),
            reader.appended(env.deployment().topic("employment")))
      << "the broker dropped old records (5 MiB per partition): the test cannot see them all";
  std::set<std::string> found;
  std::int64_t records = 0;
  std::int64_t foreign = 0;
  for (const auto& message : read_topic(env.bootstrap(), env.deployment().topic("employment"))) {
    ++records;
    samsag::v1::Event event;
    ASSERT_TRUE(message.value && event.ParseFromString(*message.value));
    EXPECT_EQ(kafka::find_header(message.headers, "event-id"), event.event_id());
    if (!expected.contains(event.event_id())) ++foreign;
    found.insert(event.event_id());
  }
  EXPECT_EQ(foreign, 0) << "records whose event id belongs to no row";
  EXPECT_EQ(found.size(), expected.size()) << "rows missing from the topic";
  EXPECT_EQ(found, expected);
  EXPECT_EQ(reader.count(env.deployment().topic("dlq")), 0);
  for (const auto& file : files) {
    EXPECT_TRUE(fs::exists(spool / "processed" / file.filename())) << file.filename();
  }
  std::cout << "[ crash    ] " << killed << " kills; " << records << " records for " << rows
            << " rows (" << records - rows << " repeats); "
            << std::chrono::duration<double>(Clock::now() - started).count() << " s\n";
  if (HasFailure()) {
    for (const auto& line : earlier_logs) std::cerr << line << "\n";
    print_log(last, "last run");
  }
}

}  // namespace
}  // namespace samsag::adapters::itest
