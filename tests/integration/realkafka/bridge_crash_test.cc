// The bridge's crash test (tests/integration/bridge/bridge_crash_test.cc) on Apache Kafka 3.9 with
// `kafka.transactions: true`: the bridge is SIGKILLed at random moments and restarted, once with
// its state dir deleted too. Here, unlike on the embedded broker, each round is a real
// transaction: a killed bridge's open transaction is aborted when its successor registers the
// same transactional.id, and read_committed readers never see it.
//
// Asserted: the last snapshot per citizen on {m}.case.v1, read with read_committed, equals the
// reducer's offline result; on every partition the committed records end with a checkpoint (no
// half round is visible); the topics were made before the bridge started (kafka-topics, the
// case topic compacted) since this cluster creates no topic on its own.
//
// SAMSAG_BRIDGE_CRASH_SEED=<n> replays a run's choices.
#include <gtest/gtest.h>

#include <cstdlib>
#include <iostream>
#include <random>
#include <sstream>

#include "bridge/loop/input_offsets.h"
#include "bridge_fixture.h"
#include "crash_stream.h"
#include "tests/integration/realkafka/apache_kafka.h"
#include "tests/support/child_process.h"

namespace samsag::bridge::itest {
namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;
using samsag::testing::ApacheKafka;

constexpr int kCitizens = 200;
constexpr int kEvents = 4'000;
constexpr int kKills = 5;
constexpr int kPartitions = 4;

std::uint64_t seed() {
  const char* text = std::getenv("SAMSAG_BRIDGE_CRASH_SEED");
  if (text != nullptr && *text != '\0') return std::strtoull(text, nullptr, 10);
  return std::random_device()();
}

// The case topic as kcat sees it with read_uncommitted or read_committed: per partition, whether
// each record was a checkpoint, in offset order. kcat is a client independent of samsag's.
std::map<int, std::vector<bool>> case_topic_layout(const std::string& bootstrap,
                                                   const std::string& topic,
                                                   const std::string& isolation) {
  samsag::testing::ChildProcess kcat({"kcat", "-C", "-b", bootstrap, "-t", topic, "-o", "beginning",
                                      "-e", "-q", "-X", "isolation.level=" + isolation, "-f",
                                      "%p %k\\n"});
  auto output = kcat.read_all(120s);
  if (!output) throw std::runtime_error("kcat did not finish reading " + topic);
  std::map<int, std::vector<bool>> layout;
  std::istringstream in(*output);
  for (std::string line; std::getline(in, line);) {
    std::istringstream fields(line);
    int partition = 0;
    std::string key;
    if (fields >> partition >> key) {
      layout[partition].push_back(checkpoint_partition(key).has_value());
    }
  }
  return layout;
}

// The sum of the case topic's high watermarks as kcat sees them: every offset taken, including
// records of open or aborted transactions and the commit and abort markers.
std::int64_t high_watermarks(const std::string& bootstrap, const std::string& topic) {
  std::vector<std::string> argv{"kcat", "-Q", "-b", bootstrap};
  for (int partition = 0; partition < kPartitions; ++partition) {
    argv.push_back("-t");
    argv.push_back(topic + ":" + std::to_string(partition) + ":-1");
  }
  samsag::testing::ChildProcess kcat(argv);
  auto output = kcat.read_all(30s);
  if (!output) throw std::runtime_error("kcat -Q did not answer");
  std::int64_t total = 0;
  std::istringstream in(*output);
  for (std::string line; std::getline(in, line);) {
    const auto at = line.rfind("offset ");
    if (at != std::string::npos) total += std::stoll(line.substr(at + 7));
  }
  return total;
}

class BridgeCrashOnKafka : public ::testing::Test {
 protected:
  void SetUp() override {
    seed_ = seed();
    random_.seed(seed_);
    std::cout << "crash test seed " << seed_ << " (SAMSAG_BRIDGE_CRASH_SEED replays it)\n";
    const ConfigOptions options{.partitions = kPartitions, .transactions = true};
    config_path_ = write_config(scratch_.path(), cluster_.bootstrap(), options);
    config_ = load(config_path_);
    make_topics();
    decisions_ = std::make_unique<EventLog>(config_);
    streamed_ = std::make_unique<EventLog>(config_);
  }

  // Every topic of the municipality, made fresh (the suite shares one cluster, and a replayed seed
  // must meet empty topics) with kafka-topics, as ops would before the first start.
  void make_topics() {
    const auto topics = config::Topics::for_municipality(kSlug);
    cluster_.delete_topics(topics.all());
    for (const auto& topic : topics.all()) {
      std::map<std::string, std::string> configs;
      if (topic == topics.case_ || topic == topics.members) configs["cleanup.policy"] = "compact";
      cluster_.create_topic(topic, topics.partitions_of(topic, kPartitions), configs);
    }
  }

  std::unique_ptr<BridgeProcess> start_bridge(const std::string& instance) {
    return std::make_unique<BridgeProcess>(config_path_, scratch_.path() / instance, instance);
  }

  std::uint64_t seed_ = 0;
  std::mt19937_64 random_;
  ApacheKafka cluster_;
  ScratchDirectory scratch_;
  fs::path config_path_;
  config::v1::Config config_;
  std::unique_ptr<EventLog> decisions_;
  std::unique_ptr<EventLog> streamed_;
};

TEST_F(BridgeCrashOnKafka, RandomKillsLeaveExactlyTheOfflineCasesAndNoHalfRound) {
  decisions_->produce_all(consent_decisions(kCitizens, random_));
  const auto events = stream(kCitizens, kEvents, random_);
  const std::size_t chunk = events.size() / static_cast<std::size_t>(kKills + 1);
  const auto topic = config::Topics::for_municipality(kSlug).case_;
  int early_round_kills = 0;
  CaseTopicWatch watch(config_);
  auto bridge = start_bridge("a");
  std::size_t sent = 0;
  for (int kill = 0; kill < kKills; ++kill) {
    const std::int64_t before = watch.end();
    streamed_->produce_all({events.begin() + static_cast<std::ptrdiff_t>(sent),
                            events.begin() + static_cast<std::ptrdiff_t>(sent + chunk)});
    sent += chunk;
    switch (random_() % 5) {
      case 0:  // while it joins the group and restores
        bridge->wait_for_log("bridge started", 60s);
        break;
      case 1:  // right after it took its partitions over
        bridge->wait_for_log("partitions assigned and restored", 60s);
        break;
      case 2: {  // as soon as a round starts writing: its transaction is likely still open
        const auto before_round = high_watermarks(cluster_.bootstrap(), topic);
        const auto deadline = std::chrono::steady_clock::now() + 60s;
        while (std::chrono::steady_clock::now() < deadline &&
               high_watermarks(cluster_.bootstrap(), topic) == before_round) {
          bridge->pump();
        }
        ++early_round_kills;
        break;
      }
      default:  // inside the stream: after a random number of committed case records
        watch.wait_for_growth(before, 1 + static_cast<std::int64_t>(random_() % (chunk / 8 + 1)),
                              *bridge, 60s);
    }
    bridge->kill();
    if (kill == 2) fs::remove_all(scratch_.path() / "a");  // a lost state dir on top of a crash
    bridge = start_bridge("a");
  }
  streamed_->produce_all({events.begin() + static_cast<std::ptrdiff_t>(sent), events.end()});

  ASSERT_TRUE(wait_until_applied(config_, 300s, [&] { bridge->pump(); }))
      << "the bridge did not apply everything in time (seed " << seed_ << ")";
  std::vector<Produced> all = decisions_->produced();
  all.insert(all.end(), streamed_->produced().begin(), streamed_->produced().end());
  const auto expected = offline_cases(config_, all);
  const auto actual = read_case_topic(config_).last_snapshot;
  EXPECT_GT(expected.size(), 0u);
  EXPECT_TRUE(expected == actual) << "seed " << seed_ << ": " << difference(expected, actual);
  EXPECT_FALSE(bridge->logged("partition restored").empty());
  EXPECT_EQ(bridge->terminate(30s), 0);

  // What a read_committed reader sees of each partition ends with a checkpoint: the snapshots of
  // a round killed before its commit never show, however the kills fell.
  const auto committed = case_topic_layout(cluster_.bootstrap(), topic, "read_committed");
  const auto everything = case_topic_layout(cluster_.bootstrap(), topic, "read_uncommitted");
  std::size_t committed_records = 0;
  std::size_t all_records = 0;
  for (int partition = 0; partition < kPartitions; ++partition) {
    const auto found = committed.find(partition);
    if (found == committed.end()) continue;
    ASSERT_FALSE(found->second.empty());
    EXPECT_TRUE(found->second.back())
        << "partition " << partition << ": read_committed sees snapshots after the last checkpoint";
    committed_records += found->second.size();
    if (auto all_of = everything.find(partition); all_of != everything.end()) {
      all_records += all_of->second.size();
    }
  }
  EXPECT_LE(committed_records, all_records);
  // Offsets that hold no record anyone can read are transaction markers: the rounds really were
  // Kafka transactions (without them every offset holds a record).
  const auto offsets = high_watermarks(cluster_.bootstrap(), topic);
  EXPECT_GT(offsets, static_cast<std::int64_t>(all_records)) << "no transaction markers";
  std::cout << "case topic: " << committed_records << " committed records, "
            << all_records - committed_records << " in aborted transactions, "
            << offsets - static_cast<std::int64_t>(all_records) << " markers; " << early_round_kills
            << " kills as a round began writing (seed " << seed_ << ")\n";
}

}  // namespace
}  // namespace samsag::bridge::itest
