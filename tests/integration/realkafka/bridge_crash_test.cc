// The bridge's crash test (tests/integration/bridge/bridge_crash_test.cc) on Apache Kafka 3.9 with
// `kafka.transactions: true`: the bridge is SIGKILLed at random moments and restarted, once with
// its state dir deleted too. Here, unlike on the embedded broker, each round is a real
// transaction: a killed bridge's open transaction is aborted when its successor registers the
// same transactional.id, and read_committed readers never see it. The two-instance variant kills
// the instances in turn, each while the group rebalances because the other was just restarted.
//
// Asserted: the last snapshot per citizen on {m}.case.v1, read with read_committed, equals the
// reducer's offline result; on every partition the committed records end with a checkpoint (no
// half round is visible); what read_committed sees never goes back: each partition's checkpoints
// cover ever more input, and no citizen's case returns to a state it had already left (a zombie
// instance's round, had it not been fenced, would do both). The topics are made before the bridge
// starts (kafka-topics, the case topic compacted) since this cluster creates no topic on its own;
// each test has a municipality of its own on the shared cluster.
//
// SAMSAG_BRIDGE_CRASH_SEED=<n> replays a run's choices.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <iostream>
#include <random>
#include <set>
#include <sstream>

#include "bridge/loop/input_offsets.h"
#include "bridge_fixture.h"
#include "crash_stream.h"
#include "tests/integration/realkafka/apache_kafka.h"
#include "tests/support/child_process.h"
#include "tests/support/topic_reader.h"

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

// What a read_committed reader saw go backwards on the case topic, read in offset order: a
// checkpoint covering less input than an earlier one of its partition, or a citizen's case equal
// to a state it had already left. Empty when nothing did.
std::vector<std::string> regressions(const std::vector<kafka::Message>& records) {
  std::vector<std::string> found;
  std::map<int, std::map<std::string, std::int64_t>> covered;  // partition -> input -> offset
  std::map<std::string, std::set<std::string>> left;           // citizen -> states it left
  std::map<std::string, std::string> current;
  for (const auto& record : records) {
    if (!record.key || !record.value) continue;
    if (const auto partition = checkpoint_partition(*record.key)) {
      samsag::v1::Checkpoint checkpoint;
      if (!checkpoint.ParseFromString(*record.value)) continue;
      for (const auto& offset : checkpoint.offsets()) {
        auto& before = covered[*partition][offset.topic()];
        if (offset.next_offset() < before) {
          found.push_back("partition " + std::to_string(*partition) + ": a checkpoint at offset " +
                          std::to_string(record.offset) + " covers " + offset.topic() + " up to " +
                          std::to_string(offset.next_offset()) + ", an earlier one up to " +
                          std::to_string(before));
        }
        before = std::max(before, offset.next_offset());
      }
      continue;
    }
    auto& now = current[*record.key];
    if (now == *record.value) continue;
    if (left[*record.key].count(*record.value) > 0) {
      found.push_back("citizen " + *record.key + ": the case at offset " +
                      std::to_string(record.offset) + " is a state it had left");
    }
    if (!now.empty()) left[*record.key].insert(now);
    now = *record.value;
  }
  return found;
}

class BridgeCrashOnKafka : public ::testing::Test {
 protected:
  void SetUp() override {
    seed_ = seed();
    random_.seed(seed_);
    std::cout << "crash test seed " << seed_ << " (SAMSAG_BRIDGE_CRASH_SEED replays it)\n";
    const ConfigOptions options{.partitions = kPartitions,
                                .transactions = true,
                                .slug = samsag::testing::unique_name("randers-")};
    config_path_ = write_config(scratch_.path(), cluster_.bootstrap(), options);
    config_ = load(config_path_);
    topics_ = config::Topics::for_municipality(options.slug);
    make_topics();
    decisions_ = std::make_unique<EventLog>(config_);
    streamed_ = std::make_unique<EventLog>(config_);
  }

  // Every topic of the municipality with kafka-topics, as ops would before the first start.
  void make_topics() {
    for (const auto& topic : topics_.all()) {
      std::map<std::string, std::string> configs;
      if (topic == topics_.case_ || topic == topics_.members) configs["cleanup.policy"] = "compact";
      cluster_.create_topic(topic, topics_.partitions_of(topic, kPartitions), configs);
    }
  }

  std::unique_ptr<BridgeProcess> start_bridge(const std::string& instance) {
    return std::make_unique<BridgeProcess>(config_path_, scratch_.path() / instance, instance);
  }

  // The crash loop both tests share: `events` produced in chunks while `instances` bridges run;
  // after each chunk one instance (in turn) is SIGKILLed at a random moment and started again,
  // once with its state dir deleted too. With two, each kill meets the group rebalancing because
  // of the previous restart. Returns the instances still running.
  std::vector<std::unique_ptr<BridgeProcess>> crash_loop(
      const std::vector<samsag::v1::Event>& events, int instances, int kills) {
    const std::size_t chunk = events.size() / static_cast<std::size_t>(kills + 1);
    CaseTopicWatch watch(config_);
    std::vector<std::unique_ptr<BridgeProcess>> bridges;
    for (int i = 0; i < instances; ++i) bridges.push_back(start_bridge(instance_name(i)));
    std::size_t sent = 0;
    for (int kill = 0; kill < kills; ++kill) {
      const std::int64_t before = watch.end();
      streamed_->produce_all({events.begin() + static_cast<std::ptrdiff_t>(sent),
                              events.begin() + static_cast<std::ptrdiff_t>(sent + chunk)});
      sent += chunk;
      const int victim = kill % instances;
      kill_at_random_moment(*bridges[static_cast<std::size_t>(victim)], watch, before, chunk);
      bridges[static_cast<std::size_t>(victim)]->kill();
      if (kill == 2) fs::remove_all(scratch_.path() / instance_name(victim));
      bridges[static_cast<std::size_t>(victim)] = start_bridge(instance_name(victim));
    }
    streamed_->produce_all({events.begin() + static_cast<std::ptrdiff_t>(sent), events.end()});
    return bridges;
  }

  static std::string instance_name(int index) {
    return std::string(1, static_cast<char>('a' + index));
  }

  void kill_at_random_moment(BridgeProcess& bridge, CaseTopicWatch& watch, std::int64_t before,
                             std::size_t chunk) {
    switch (random_() % 5) {
      case 0:  // while it joins the group and restores
        bridge.wait_for_log("bridge started", 60s);
        break;
      case 1:  // right after it took its partitions over
        bridge.wait_for_log("partitions assigned and restored", 60s);
        break;
      case 2: {  // as soon as a round starts writing: its transaction is likely still open
        const auto before_round = high_watermarks(cluster_.bootstrap(), topics_.case_);
        const auto deadline = std::chrono::steady_clock::now() + 60s;
        while (std::chrono::steady_clock::now() < deadline &&
               high_watermarks(cluster_.bootstrap(), topics_.case_) == before_round) {
          bridge.pump();
        }
        ++early_round_kills_;
        break;
      }
      default:  // inside the stream: after a random number of committed case records
        watch.wait_for_growth(before, 1 + static_cast<std::int64_t>(random_() % (chunk / 8 + 1)),
                              bridge, 60s);
    }
  }

  // Everything applied; the last snapshots equal the offline reduction; read_committed sees whole
  // rounds only and nothing going back.
  void expect_exact_cases(std::vector<std::unique_ptr<BridgeProcess>>& bridges) {
    ASSERT_TRUE(wait_until_applied(config_, 300s,
                                   [&] {
                                     for (auto& bridge : bridges) bridge->pump();
                                   }))
        << "the bridges did not apply everything in time (seed " << seed_ << ")";
    std::vector<Produced> all = decisions_->produced();
    all.insert(all.end(), streamed_->produced().begin(), streamed_->produced().end());
    const auto expected = offline_cases(config_, all);
    const auto actual = read_case_topic(config_).last_snapshot;
    EXPECT_GT(expected.size(), 0u);
    EXPECT_TRUE(expected == actual) << "seed " << seed_ << ": " << difference(expected, actual);
    for (auto& bridge : bridges) EXPECT_EQ(bridge->terminate(30s), 0);

    const auto went_back = regressions(
        samsag::testing::TopicReader(cluster_.bootstrap()).read_all(topics_.case_, 120s));
    EXPECT_TRUE(went_back.empty())
        << "seed " << seed_ << ": " << went_back.size()
        << " regressions, first: " << (went_back.empty() ? "" : went_back.front());
    expect_whole_rounds_only();
  }

  void expect_whole_rounds_only() {
    // What a read_committed reader sees of each partition ends with a checkpoint: the snapshots
    // of a round killed before its commit never show, however the kills fell.
    const auto committed = case_topic_layout(cluster_.bootstrap(), topics_.case_, "read_committed");
    const auto everything =
        case_topic_layout(cluster_.bootstrap(), topics_.case_, "read_uncommitted");
    std::size_t committed_records = 0;
    std::size_t all_records = 0;
    for (int partition = 0; partition < kPartitions; ++partition) {
      const auto found = committed.find(partition);
      if (found == committed.end()) continue;
      ASSERT_FALSE(found->second.empty());
      EXPECT_TRUE(found->second.back())
          << "partition " << partition
          << ": read_committed sees snapshots after the last checkpoint";
      committed_records += found->second.size();
      if (auto all_of = everything.find(partition); all_of != everything.end()) {
        all_records += all_of->second.size();
      }
    }
    EXPECT_LE(committed_records, all_records);
    // Offsets that hold no record anyone can read are transaction markers: the rounds really were
    // Kafka transactions (without them every offset holds a record).
    const auto offsets = high_watermarks(cluster_.bootstrap(), topics_.case_);
    EXPECT_GT(offsets, static_cast<std::int64_t>(all_records)) << "no transaction markers";
    std::cout << "case topic: " << committed_records << " committed records, "
              << all_records - committed_records << " in aborted transactions, "
              << offsets - static_cast<std::int64_t>(all_records) << " markers; "
              << early_round_kills_ << " kills as a round began writing (seed " << seed_ << ")\n";
  }

  std::uint64_t seed_ = 0;
  std::mt19937_64 random_;
  ApacheKafka cluster_;
  ScratchDirectory scratch_;
  fs::path config_path_;
  config::v1::Config config_;
  config::Topics topics_;
  std::unique_ptr<EventLog> decisions_;
  std::unique_ptr<EventLog> streamed_;
  int early_round_kills_ = 0;
};

TEST_F(BridgeCrashOnKafka, RandomKillsLeaveExactlyTheOfflineCasesAndNoHalfRound) {
  decisions_->produce_all(consent_decisions(kCitizens, random_));
  auto bridges = crash_loop(stream(kCitizens, kEvents, random_), 1, kKills);
  expect_exact_cases(bridges);
  EXPECT_FALSE(bridges.front()->logged("partition restored").empty());
}

TEST_F(BridgeCrashOnKafka, TwoInstancesKilledInTurnDuringRebalancesAreFencedAndExact) {
  decisions_->produce_all(consent_decisions(kCitizens, random_));
  auto bridges = crash_loop(stream(kCitizens, kEvents / 2, random_), 2, 4);
  expect_exact_cases(bridges);
}

}  // namespace
}  // namespace samsag::bridge::itest
