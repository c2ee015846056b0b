// The bridge under SIGKILL (issue 5, "Crash test"): a stream of events for many citizens is
// produced in chunks; while the bridge works through each chunk it is killed at a random moment
// (joining, restoring, or after a random number of case records) and restarted, at least five
// times, once with its state dir deleted as well. At the end every case on the case topic (last
// snapshot per citizen) equals the reducer's offline result over all events in log order with
// consent first. Then the same with two instances, one
// of which is killed and the other takes over its partitions.
//
// Every consent decision is on the bus before the stream starts, so "consent first" has one
// answer however the bridge's batches fall; the stream re-sends some events (duplicates).
//
// Short by default (CI). The long form on demand:
//   SAMSAG_BRIDGE_SOAK=1 bridge_integration_test --gtest_filter='BridgeCrash*'
// (200,000 events for 10,000 citizens). SAMSAG_BRIDGE_CRASH_SEED=<n> replays a run's choices.
#include <gtest/gtest.h>

#include <array>
#include <cstdlib>
#include <iostream>
#include <random>

#include "bridge_fixture.h"
#include "crash_stream.h"
#include "event_builder.h"
#include "tests/support/broker_process.h"

namespace samsag::bridge::itest {
namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;
using samsag::v1::Event;
using samsag::v1::Sector;

struct Scale {
  int citizens;
  int events;
  int kills;
  // The embedded broker keeps only the newest 5 MB of a partition (librdkafka's mock cluster does
  // not compact), so the long form spreads the case topic over enough partitions to keep every
  // citizen's last snapshot.
  int partitions;
};

Scale scale() {
  const char* soak = std::getenv("SAMSAG_BRIDGE_SOAK");
  if (soak != nullptr && *soak != '\0' && *soak != '0') return {10'000, 200'000, 8, 48};
  return {200, 4'000, 5, 4};
}

std::uint64_t seed() {
  const char* text = std::getenv("SAMSAG_BRIDGE_CRASH_SEED");
  if (text != nullptr && *text != '\0') return std::strtoull(text, nullptr, 10);
  return std::random_device()();
}

class BridgeCrashTest : public ::testing::Test {
 protected:
  void SetUp() override {
    seed_ = seed();
    random_.seed(seed_);
    std::cout << "crash test seed " << seed_ << " (SAMSAG_BRIDGE_CRASH_SEED replays it)\n";
    const ConfigOptions options{.partitions = scale().partitions};
    const auto for_broker = write_config(scratch_.path(), "", options);
    broker_ = std::make_unique<samsag::testing::BrokerProcess>(
        samsag::testing::BrokerProcess::Options{.config_path = for_broker.string()});
    config_path_ = write_config(scratch_.path(), broker_->bootstrap(), options);
    config_ = load(config_path_);
    decisions_ = std::make_unique<EventLog>(config_);
    streamed_ = std::make_unique<EventLog>(config_);
  }

  std::unique_ptr<BridgeProcess> start_bridge(const std::string& instance) {
    return std::make_unique<BridgeProcess>(config_path_, scratch_.path() / instance, instance);
  }

  void expect_cases_equal_offline(BridgeProcess& bridge) {
    ASSERT_TRUE(wait_until_applied(config_, 300s, [&] { bridge.pump(); }))
        << "the bridge did not apply everything in time (seed " << seed_ << ")";
    std::vector<Produced> all = decisions_->produced();
    const auto& streamed = streamed_->produced();
    all.insert(all.end(), streamed.begin(), streamed.end());
    const auto expected = offline_cases(config_, all);
    const auto actual = read_case_topic(config_).last_snapshot;
    EXPECT_TRUE(expected == actual) << "seed " << seed_ << ": " << difference(expected, actual);
    EXPECT_GT(expected.size(), 0u);
  }

  std::uint64_t seed_ = 0;
  std::mt19937_64 random_;
  ScratchDirectory scratch_;
  std::unique_ptr<samsag::testing::BrokerProcess> broker_;
  fs::path config_path_;
  config::v1::Config config_;
  std::unique_ptr<EventLog> decisions_;
  std::unique_ptr<EventLog> streamed_;
};

TEST_F(BridgeCrashTest, RandomKillsLeaveExactlyTheOfflineCases) {
  const Scale size = scale();
  decisions_->produce_all(consent_decisions(size.citizens, random_));
  const auto events = stream(size.citizens, size.events, random_);
  const std::size_t chunk = events.size() / static_cast<std::size_t>(size.kills + 1);
  CaseTopicWatch watch(config_);
  auto bridge = start_bridge("a");
  std::size_t sent = 0;
  for (int kill = 0; kill < size.kills; ++kill) {
    const std::int64_t before = watch.end();
    streamed_->produce_all({events.begin() + static_cast<std::ptrdiff_t>(sent),
                            events.begin() + static_cast<std::ptrdiff_t>(sent + chunk)});
    sent += chunk;
    switch (random_() % 5) {
      case 0:  // while it joins the group and restores
        bridge->wait_for_log("bridge started", 30s);
        break;
      case 1:  // right after it took its partitions over
        bridge->wait_for_log("partitions assigned and restored", 30s);
        break;
      default:  // while it works through the stream: after a random number of case records
        watch.wait_for_growth(before, 1 + static_cast<std::int64_t>(random_() % (chunk / 8 + 1)),
                              *bridge, 30s);
    }
    bridge->kill();
    if (kill == 2) {
      // A lost state dir on top of a crash: rebuilt from the case topic, never a reason to stop.
      fs::remove_all(scratch_.path() / "a");
    }
    bridge = start_bridge("a");
  }
  streamed_->produce_all({events.begin() + static_cast<std::ptrdiff_t>(sent), events.end()});
  expect_cases_equal_offline(*bridge);
  // The restarts really resumed from restored state, not from nothing each time.
  EXPECT_FALSE(bridge->logged("partition restored").empty());
  EXPECT_EQ(bridge->terminate(30s), 0);
}

TEST_F(BridgeCrashTest, SecondInstanceTakesOverWhenTheFirstIsKilled) {
  Scale size = scale();
  size.events /= 2;
  decisions_->produce_all(consent_decisions(size.citizens, random_));
  const auto events = stream(size.citizens, size.events, random_);
  const auto half = events.begin() + static_cast<std::ptrdiff_t>(events.size() / 2);
  CaseTopicWatch watch(config_);
  auto first = start_bridge("a");
  auto second = start_bridge("b");
  ASSERT_TRUE(first->wait_for_log("partitions assigned and restored", 60s));
  ASSERT_TRUE(second->wait_for_log("partitions assigned and restored", 60s));
  const std::int64_t before = watch.end();
  streamed_->produce_all({events.begin(), half});
  watch.wait_for_growth(before, static_cast<std::int64_t>(events.size() / 20), *first, 30s);
  first->kill();
  streamed_->produce_all({half, events.end()});
  // The group notices within its session timeout and gives every partition to the survivor.
  std::string every_partition;
  for (int partition = 0; partition < size.partitions; ++partition) {
    every_partition += (partition == 0 ? "" : ",") + std::to_string(partition);
  }
  EXPECT_TRUE(second->wait_for_log("\"partitions\":\"" + every_partition + "\"", 120s))
      << "the second instance never took every partition over";
  expect_cases_equal_offline(*second);
  EXPECT_EQ(second->terminate(30s), 0);
}

}  // namespace
}  // namespace samsag::bridge::itest
