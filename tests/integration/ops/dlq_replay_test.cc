// `samsag dlq` end to end on `samsag broker` with the employment adapter: rows rejected because
// the config names the wrong municipality (a typo: 715 for Aarhus's 751) are listed and shown
// masked, fail again when replayed before the fix (and go to the DLQ again), and after the
// config is fixed are replayed onto the sector topic with the event ids the adapter would have
// given them. A second replay gives the same event ids, which the reducer applies once.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <set>
#include <sstream>
#include <thread>

#include "adapters/runtime/event_id.h"
#include "bridge/reducer/reducer.h"
#include "core/privacy/cpr.h"
#include "core/privacy/cpr_shape.h"
#include "core/privacy/pseudonymiser.h"
#include "samsag/v1/event.pb.h"
#include "tests/integration/ops/ops_command.h"
#include "tests/support/adapter_process.h"
#include "tests/support/broker_process.h"
#include "tests/support/topic_reader.h"

namespace samsag::testing {
namespace {

using namespace std::chrono_literals;
namespace fs = std::filesystem;

// MedCom's public test patient (domain.md §6), written with the dash as sources often do.
constexpr const char* kCpr = "020160-9995";
constexpr const char* kHeader =
    "cpr;haendelse;dato;registrering_id;version;kommunekode;forloeb_id;maalgruppe;delvis";

bool poll_until(const std::function<bool()>& done, std::chrono::milliseconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (!done()) {
    if (std::chrono::steady_clock::now() > deadline) return false;
    std::this_thread::sleep_for(50ms);  // between polls; the deadline decides
  }
  return true;
}

void replace_in_file(const fs::path& path, const std::string& from, const std::string& to) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  std::string content = text.str();
  const auto at = content.find(from);
  ASSERT_NE(at, std::string::npos) << from;
  content.replace(at, from.size(), to);
  std::ofstream(path) << content;
}

std::string first_column(const std::string& line) { return line.substr(0, line.find(' ')); }

TEST(DlqReplay, ARowRejectedForTheConfigIsReplayedAfterTheFixAsTheSameEvent) {
  ScratchDirectory scratch("samsag-dlq-replay");
  // The typo: Aarhus is 751; the rows say 751, so every one is WRONG_MUNICIPALITY.
  AdapterDeployment deployment(
      {.directory = scratch.path(), .slug = "replay", .municipality_code = 715});
  const auto config = deployment.write_config("");
  BrokerProcess broker({.config_path = config.string()});
  deployment.write_config(broker.bootstrap());
  TopicReader reader(broker.bootstrap());
  const std::string dlq = deployment.topic("dlq");
  const std::string employment = deployment.topic("employment");

  {
    AdapterProcess adapter(deployment, "employment");
    ASSERT_TRUE(adapter.wait_ready(30s));
    const fs::path file = scratch.path() / "export-00001.csv";
    std::ofstream(file) << kHeader << "\n"
                        << kCpr << ";MAALGRUPPE;2026-03-02;R1;1;751;;sygedagpengemodtager;\n"
                        << kCpr << ";SYGEMELDING;2026-02-09;R2;1;751;S1;;ja\n";
    drop_into_spool(file, deployment.spool_directory());
    ASSERT_TRUE(poll_until([&] { return reader.count(dlq) == 2; }, 60s)) << reader.count(dlq);
    ASSERT_TRUE(adapter.terminate(20s).has_value());
  }
  const std::string cfg = config.string();

  // list: a table with the reason and sentence, never the original.
  const auto listed = run_samsag({"dlq", "list", "-c", cfg});
  ASSERT_EQ(listed.exit_code, 0) << listed.output;
  const auto rows = lines_with(listed, "WRONG_MUNICIPALITY");
  ASSERT_EQ(rows.size(), 2U) << listed.output;
  EXPECT_NE(rows[0].find("adapter employment"), std::string::npos) << rows[0];
  EXPECT_FALSE(samsag::privacy::contains_cpr_shaped(listed.output));
  EXPECT_EQ(listed.output.find("MAALGRUPPE"), std::string::npos) << "list shows no original";

  // show: one in full, the original masked, the header kept for replay.
  const auto shown = run_samsag({"dlq", "show", "-c", cfg, first_column(rows[0])});
  ASSERT_EQ(shown.exit_code, 0) << shown.output;
  EXPECT_NE(shown.output.find("reason: WRONG_MUNICIPALITY"), std::string::npos) << shown.output;
  EXPECT_NE(shown.output.find("XXXXXX-XXXX;"), std::string::npos) << shown.output;
  EXPECT_NE(shown.output.find(kHeader), std::string::npos) << shown.output;
  EXPECT_NE(shown.output.find("citizen: k1:"), std::string::npos) << shown.output;
  EXPECT_FALSE(samsag::privacy::contains_cpr_shaped(shown.output));

  // Before the fix the rows still fail, say why, and go to the DLQ again.
  const auto unfixed = run_samsag({"dlq", "replay", "-c", cfg, "--reason", "WRONG_MUNICIPALITY"});
  EXPECT_EQ(unfixed.exit_code, 1) << unfixed.output;
  EXPECT_EQ(lines_with(unfixed, "still-failing reason=WRONG_MUNICIPALITY").size(), 2U)
      << unfixed.output;
  EXPECT_EQ(reader.count(dlq), 4);
  EXPECT_EQ(reader.count(employment), 0);

  // The fix is in the config; the replay reads it.
  replace_in_file(config, "code: 715", "code: 751");
  const auto dry = run_samsag({"dlq", "replay", "-c", cfg, "--source", "employment", "--dry-run"});
  EXPECT_EQ(dry.exit_code, 0) << dry.output;
  EXPECT_EQ(lines_with(dry, "would-replay event_id=").size(), 4U) << dry.output;
  EXPECT_EQ(reader.count(employment), 0);

  const std::string source_system = AdapterDeployment::source_system("employment");
  const std::set<std::string> expected_ids{
      samsag::adapters::derive_event_id(source_system, "R1", "1"),
      samsag::adapters::derive_event_id(source_system, "R2", "1")};
  for (int replay = 1; replay <= 2; ++replay) {
    const auto replayed =
        run_samsag({"dlq", "replay", "-c", cfg, "--reason", "WRONG_MUNICIPALITY"});
    EXPECT_EQ(replayed.exit_code, 0) << replayed.output;
    const auto lines = lines_with(replayed, " replayed event_id=");
    ASSERT_EQ(lines.size(), 4U) << replayed.output;
    for (const auto& line : lines) {
      const auto id = line.substr(line.find("event_id=") + 9, 26);
      EXPECT_TRUE(expected_ids.contains(id)) << line;
    }
  }

  // 4 dead letters replayed twice: 8 records, 2 events, all keyed by the citizen's pseudonym.
  ASSERT_TRUE(poll_until([&] { return reader.count(employment) == 8; }, 30s));
  const auto key = samsag::privacy::Pseudonymiser::from_key_file(
                       (scratch.path() / "secrets" / "pseudonym.key").string(), "k1")
                       ->pseudonym(samsag::privacy::Cpr::parse(kCpr).value());
  samsag::v1::CitizenCase citizen_case;
  citizen_case.set_citizen(key);
  std::map<std::string, int> applied;
  for (const auto& message : reader.read_all(employment)) {
    EXPECT_EQ(message.key, key);
    samsag::v1::Event event;
    ASSERT_TRUE(event.ParseFromString(message.value.value_or("")));
    EXPECT_TRUE(expected_ids.contains(event.event_id()));
    EXPECT_EQ(event.municipality_code(), 751U);
    EXPECT_EQ(event.source_system(), source_system);
    const auto outcome =
        samsag::bridge::apply(citizen_case, event, samsag::bridge::ConsentRules::project_default());
    if (outcome.changed()) ++applied[event.event_id()];
  }
  // The case has each event once, however often it was replayed.
  EXPECT_EQ(applied.size(), 2U);
  for (const auto& [id, times] : applied) EXPECT_EQ(times, 1) << id;
}

}  // namespace
}  // namespace samsag::testing
