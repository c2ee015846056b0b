// Broker failover on a three-node Apache Kafka 3.9 (issue 10): topics with replication factor 3
// and min.insync.replicas 2 (made by `samsag topics ensure`), adapters producing with acks=all,
// the bridge with `kafka.transactions: true`. While sources post to the social adapter (each
// record retried until it is answered 202), the node leading the most partitions is SIGKILLed and
// later restarted, then the same with the active KRaft controller.
//
// Asserted, with exact counts: every record the adapter acknowledged (202) is in the cases (its
// event id on a citizen's timeline), none twice, and nothing the sources never got a 202 for; the
// flow went on while a node was down (acknowledgements came in between each kill and its
// restart); the bridge survived. What the sources saw besides 202 (503 back-pressure, connection
// errors) is printed: whether a kill costs a 503 depends on how quickly the cluster elects.
#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <future>
#include <iostream>
#include <mutex>
#include <set>
#include <thread>

#include "bridge_fixture.h"
#include "core/events/event_id.h"
#include "core/privacy/synthetic_cpr.h"
#include "tests/integration/realkafka/apache_kafka.h"
#include "tests/support/adapter_process.h"
#include "tests/support/http_client.h"

namespace samsag::bridge::itest {
namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;
using samsag::testing::AdapterDeployment;
using samsag::testing::AdapterProcess;
using samsag::testing::ApacheKafka;
using Clock = std::chrono::steady_clock;

constexpr int kPartitions = 4;
constexpr int kCitizens = 60;
constexpr int kSources = 2;
// Each source posts at most one record per pause: a steady flow, not a load test.
constexpr auto kSourcePace = 40ms;
constexpr const char* kSourceSystem = "failover";

// What the sources were told.
struct SourceTally {
  std::mutex mutex;
  std::condition_variable changed;
  std::vector<std::string> acknowledged;  // event ids answered 202
  int unavailable = 0;                    // 503 (back-pressure: Kafka did not confirm in time)
  int failed = 0;                         // no answer, or any other status
  int given_up = 0;                       // records never acknowledged within their deadline
  std::atomic<bool> stop{false};

  std::size_t acknowledged_count() {
    std::lock_guard lock(mutex);
    return acknowledged.size();
  }
  // Waits until `more` further records were acknowledged after `from`; false at the deadline.
  bool wait_for(std::size_t from, std::size_t more, std::chrono::seconds timeout) {
    std::unique_lock lock(mutex);
    return changed.wait_for(lock, timeout, [&] { return acknowledged.size() >= from + more; });
  }
};

std::string measure_record(int index, const std::string& cpr) {
  const std::string id = std::to_string(index);
  return R"({"type": "MEASURE_GRANTED", "record_id": "fo-)" + id +
         R"(", "version": 1, "source_system": ")" + kSourceSystem +
         R"(", "municipality_code": 751, "cpr": ")" + cpr +
         R"(", "occurred_at": "2026-03-02", "measure_id": "fo-m-)" + id +
         R"(", "legal_basis": "SEL-85", "start": "2026-03-09", "planned_end": "2027-03-08",)"
         R"( "provider_kind": "MUNICIPAL"})";
}

// One source system: posts records `first`, `first + step`, ... until told to stop, each one
// again until it is answered 202 (as FORMAT.md asks a source to do on 503 or no answer).
void run_source(int port, int first, int step, const std::vector<std::string>& cprs,
                SourceTally& tally) {
  const std::string token = AdapterDeployment::token("social");
  for (int index = first; !tally.stop.load(); index += step) {
    const auto body = measure_record(index, cprs[static_cast<std::size_t>(index) % cprs.size()]);
    const auto deadline = Clock::now() + 120s;
    bool acknowledged = false;
    while (!acknowledged && Clock::now() < deadline) {
      const auto reply =
          samsag::testing::http_post(port, "/v1/events", body, token, "application/json", 60s);
      {
        std::lock_guard lock(tally.mutex);
        if (reply.status == 202) {
          tally.acknowledged.push_back(
              samsag::events::derive_event_id(kSourceSystem, "fo-" + std::to_string(index), "1"));
          acknowledged = true;
          tally.changed.notify_all();
        } else if (reply.status == 503) {
          ++tally.unavailable;
        } else {
          ++tally.failed;
        }
      }
      // A source's back-off before it asks again (503s come after the delivery timeout already).
      if (!acknowledged) std::this_thread::sleep_for(200ms);
    }
    if (!acknowledged) {
      std::lock_guard lock(tally.mutex);
      ++tally.given_up;
    }
    std::this_thread::sleep_for(kSourcePace);  // pacing, not synchronisation
  }
}

class BrokerFailover : public ::testing::Test {
 protected:
  void SetUp() override {
    slug_ = samsag::testing::unique_name("aalborg-");
    const ConfigOptions options{.partitions = kPartitions,
                                .transactions = true,
                                .slug = slug_,
                                .replication_factor = 3,
                                .min_insync_replicas = 2,
                                .consent_required = false};
    config_path_ = write_config(scratch_.path(), cluster_.bootstrap(), options);
    config_ = load(config_path_);
    fs::create_directories(scratch_.path() / "adapters");
    adapters_ = std::make_unique<AdapterDeployment>(
        samsag::testing::AdapterDeploymentOptions{.directory = scratch_.path() / "adapters",
                                                  .slug = slug_,
                                                  .partitions = kPartitions,
                                                  .delivery_timeout_ms = 10'000});
    adapters_->write_config(cluster_.bootstrap());
    samsag::privacy::SyntheticCprIssuer issuer(20261123);
    for (int i = 0; i < kCitizens; ++i) {
      cprs_.push_back(issuer.issue({1970, 3, 1 + i % 28}, samsag::privacy::SyntheticSex::kFemale,
                                   static_cast<std::uint64_t>(i)));
    }
  }

  // Runs `action` (a cluster script or a Kafka tool: seconds) while the bridge's log is read, so
  // its stdout pipe never fills meanwhile.
  template <typename Action>
  auto while_pumping(Action action) {
    auto done = std::async(std::launch::async, action);
    while (done.wait_for(100ms) != std::future_status::ready) bridge_->pump();
    return done.get();
  }

  // Kills `node`, waits for acknowledgements while it is down, restarts it.
  void kill_and_restart(int node, const std::string& role) {
    std::cout << "killing node " << node << " (" << role << ")\n";
    while_pumping([&] { cluster_.kill_node(node); });
    const auto before = tally_.acknowledged_count();
    EXPECT_TRUE(wait_for_acknowledged(before, 40))
        << "no acknowledgement while node " << node << " (" << role << ") was down";
    while_pumping([&] { cluster_.restart_node(node); });
    EXPECT_TRUE(wait_for_acknowledged(tally_.acknowledged_count(), 40))
        << "no acknowledgement after node " << node << " (" << role << ") came back";
  }

  bool wait_for_acknowledged(std::size_t from, std::size_t more) {
    const auto deadline = Clock::now() + 120s;
    while (Clock::now() < deadline) {
      if (tally_.wait_for(from, more, 1s)) return true;
      bridge_->pump();
    }
    return false;
  }

  ApacheKafka cluster_;
  ScratchDirectory scratch_;
  std::string slug_;
  fs::path config_path_;
  config::v1::Config config_;
  std::unique_ptr<AdapterDeployment> adapters_;
  std::unique_ptr<BridgeProcess> bridge_;
  std::vector<std::string> cprs_;
  SourceTally tally_;
};

TEST_F(BrokerFailover, EveryAcknowledgedEventIsInTheCasesOnceAfterLeaderAndControllerKills) {
  samsag::testing::ChildProcess ensure(
      {samsag::testing::samsag_binary(), "topics", "ensure", "-c", config_path_.string()});
  const auto ensured = ensure.read_all(120s);
  ASSERT_EQ(ensured ? ensure.wait_for_exit(10s) : std::nullopt, 0) << ensured.value_or("");
  // The brokers learn of new topics from the controller a little later; the bridge refuses to
  // start on a missing one, so wait until Kafka's own tool lists them all.
  const auto listed_deadline = Clock::now() + 60s;
  auto all_listed = [&] {
    const auto listed = cluster_.list_topics();
    return std::count_if(listed.begin(), listed.end(), [&](const std::string& topic) {
             return topic.rfind(slug_ + ".", 0) == 0;
           }) >= 10;
  };
  while (!all_listed() && Clock::now() < listed_deadline) {
    // each look is a run of kafka-topics, a JVM start: paced by itself
  }
  ASSERT_TRUE(all_listed()) << "the cluster does not list the ensured topics";

  AdapterProcess social(*adapters_, "social");
  ASSERT_TRUE(social.wait_ready(60s)) << "the social adapter did not become ready";
  bridge_ = std::make_unique<BridgeProcess>(config_path_, scratch_.path() / "state", "a");
  ASSERT_TRUE(bridge_->wait_for_log("partitions assigned and restored", 120s));

  std::vector<std::thread> sources;
  // Stops and joins the sources however the test ends (a failed assertion, a tool that threw).
  struct StopSources {
    SourceTally& tally;
    std::vector<std::thread>& threads;
    ~StopSources() {
      tally.stop = true;
      for (auto& thread : threads) {
        if (thread.joinable()) thread.join();
      }
    }
  } stop_sources{tally_, sources};
  for (int source = 0; source < kSources; ++source) {
    sources.emplace_back(run_source, adapters_->http_port("social"), source, kSources,
                         std::cref(cprs_), std::ref(tally_));
  }
  const auto began = Clock::now();
  EXPECT_TRUE(wait_for_acknowledged(0, 100)) << "the flow never got going";

  const auto leaders = while_pumping([&] { return cluster_.leader_counts(slug_ + "\\..*"); });
  ASSERT_FALSE(leaders.empty());
  const auto busiest = std::max_element(leaders.begin(), leaders.end(), [](auto& a, auto& b) {
                         return a.second < b.second;
                       })->first;
  kill_and_restart(busiest, "leads " + std::to_string(leaders.at(busiest)) + " partitions");
  const int controller = while_pumping([&] { return cluster_.active_controller(); });
  kill_and_restart(controller, "active controller");

  tally_.stop = true;
  for (auto& source : sources) source.join();  // each finishes the record it is posting
  const auto flowed = std::chrono::duration_cast<std::chrono::seconds>(Clock::now() - began);

  ASSERT_TRUE(wait_until_applied(config_, 180s, [&] { bridge_->pump(); }))
      << "the bridge did not apply everything in time";
  EXPECT_TRUE(bridge_->running()) << "the bridge stopped during the failovers";

  // Every acknowledged event on exactly one timeline entry; nothing else on the timelines.
  std::map<std::string, int> on_timelines;
  for (const auto& [pseudonym, bytes] : read_case_topic(config_).last_snapshot) {
    samsag::v1::CitizenCase citizen_case;
    ASSERT_TRUE(citizen_case.ParseFromString(bytes)) << pseudonym;
    for (const auto& entry : citizen_case.timeline()) ++on_timelines[entry.event_id()];
  }
  const std::set<std::string> acknowledged(tally_.acknowledged.begin(), tally_.acknowledged.end());
  EXPECT_EQ(acknowledged.size(), tally_.acknowledged.size()) << "an event was acknowledged twice";
  EXPECT_EQ(tally_.given_up, 0) << "records the adapter never acknowledged within 120 s";
  std::size_t missing = 0;
  for (const auto& event_id : acknowledged) {
    const auto found = on_timelines.find(event_id);
    if (found == on_timelines.end()) {
      ++missing;
    } else {
      EXPECT_EQ(found->second, 1) << event_id << " is on the timeline " << found->second
                                  << " times";
    }
  }
  EXPECT_EQ(missing, 0u) << "acknowledged (202) but not in any case";
  EXPECT_EQ(on_timelines.size(), acknowledged.size())
      << "the cases hold events no source was told were accepted";
  std::cout << "failover: " << acknowledged.size() << " records acknowledged in " << flowed.count()
            << " s, " << tally_.unavailable << " answered 503, " << tally_.failed
            << " without an answer or with another status; the cases hold " << on_timelines.size()
            << " events\n";
  EXPECT_EQ(bridge_->terminate(60s), 0);
  EXPECT_EQ(social.terminate(30s), 0);
}

}  // namespace
}  // namespace samsag::bridge::itest
