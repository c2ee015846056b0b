// Issue 8, "Faults": a steady source -> social adapter -> broker -> bridge flow while the broker
// (librdkafka 2.0.2's mock behind `samsag broker --control`) misbehaves, ending with exact counts:
// every event of a request answered 202 is in its citizen's case once, and nothing else is. The
// mock has no failover, no transaction markers and stores no transactional offsets; nothing here
// asserts them.
#include <gtest/gtest.h>

#include <thread>

#include "core/config/topics.h"
#include "tests/integration/faults/fault_flow.h"

namespace samsag::faults {
namespace {

using namespace std::chrono_literals;

// Flows of 40 requests of 5 events: about 200 events, accepted within seconds when nothing fails.
constexpr std::size_t kAllEvents = 200;

// Reads the bridge's log for `duration` (the length of a fault, not a wait for an outcome).
void hold_for(FaultFlow& flow, std::chrono::milliseconds duration) {
  const auto until = std::chrono::steady_clock::now() + duration;
  while (std::chrono::steady_clock::now() < until) {
    flow.bridge().pump();
    std::this_thread::sleep_for(50ms);
  }
}

void expect_exact_counts(FaultFlow& flow) {
  ASSERT_TRUE(flow.wait_for_source(120s)) << "the source did not get every request accepted";
  const auto end = flow.end_counts(120s);
  EXPECT_EQ(flow.accepted_event_ids().size(), kAllEvents);
  EXPECT_EQ(flow.count_problems(end), "");
  const auto counts = flow.source_counts();
  std::string statuses;
  for (const auto& [status, attempts] : counts.other_statuses) {
    statuses += " " + std::to_string(status) + "x" + std::to_string(attempts);
  }
  // For the report: how much the fault showed through to the source.
  std::cerr << "faults: " << counts.accepted_requests << " requests accepted, "
            << counts.retried_attempts << " retried (" << statuses << " ), " << end.cases
            << " cases\n";
  EXPECT_TRUE(flow.bridge().wait_until_ready(60s)) << "the bridge is not ready at the end";
}

TEST(BrokerFaults, ABrokerDownForTenSecondsDelaysButLosesAndDoublesNothing) {
  FaultFlow flow;
  flow.start_source();
  ASSERT_TRUE(flow.wait_for_accepted(50, 60s));
  ASSERT_EQ(flow.inject("/faults/brokers/1/down"), 204);
  hold_for(flow, 10s);
  ASSERT_EQ(flow.inject("/faults/brokers/1/up"), 204);
  expect_exact_counts(flow);
}

TEST(BrokerFaults, PartitionLeadersMovingDuringTheFlowLoseAndDoubleNothing) {
  FaultFlow flow;
  flow.start_source();
  const auto topics = config::Topics::for_municipality(flow.config().municipality().slug());
  const int partitions = static_cast<int>(flow.config().kafka().partitions());
  for (int round = 0; round < 3; ++round) {
    ASSERT_TRUE(flow.wait_for_accepted(40 + 40 * static_cast<std::size_t>(round), 60s));
    for (const auto& topic : {topics.social, topics.case_}) {
      for (int partition = 0; partition < partitions; ++partition) {
        const int broker = (partition + round) % 3 + 1;
        ASSERT_EQ(flow.inject("/faults/leader?topic=" + topic + "&partition=" +
                              std::to_string(partition) + "&broker=" + std::to_string(broker)),
                  204);
      }
    }
  }
  expect_exact_counts(flow);
}

TEST(BrokerFaults, ProduceRequestsFailingWithRetriableErrorsLoseAndDoubleNothing) {
  FaultFlow flow;
  flow.start_source();
  ASSERT_TRUE(flow.wait_for_accepted(50, 60s));
  // NOT_ENOUGH_REPLICAS, then REQUEST_TIMED_OUT: both retriable; the idempotent producers retry.
  ASSERT_EQ(flow.inject("/faults/requests?api=0&error=19&count=20"), 204);
  ASSERT_TRUE(flow.wait_for_accepted(100, 60s));
  ASSERT_EQ(flow.inject("/faults/requests?api=0&error=7&count=20"), 204);
  expect_exact_counts(flow);
}

// The mock accepts transactions without enforcing them: an aborted transaction's records stay
// readable. What holds there: the bridge recovers without a crash loop, and the last case of each
// citizen counts every accepted event once.
TEST(BrokerFaults, TheBridgesTransactionCommitFailingIsRecoveredFrom) {
  FaultFlow flow({.transactions = true});
  flow.start_source();
  ASSERT_TRUE(flow.wait_for_accepted(50, 60s));
  // CONCURRENT_TRANSACTIONS: librdkafka retries the EndTxn itself.
  ASSERT_EQ(flow.inject("/faults/requests?api=26&error=51&count=3"), 204);
  ASSERT_TRUE(flow.wait_for_accepted(100, 60s));
  // NOT_ENOUGH_REPLICAS on EndTxn: librdkafka makes it an abortable error of the commit.
  ASSERT_EQ(flow.inject("/faults/requests?api=26&error=19&count=2"), 204);
  expect_exact_counts(flow);
  EXPECT_TRUE(flow.bridge().running()) << "the bridge exited";
}

TEST(BrokerFaults, TheGroupCoordinatorMovingLosesAndDoublesNothing) {
  FaultFlow flow;
  flow.start_source();
  const std::string group = "samsag-bridge." + flow.config().municipality().slug();
  for (int broker = 1; broker <= 3; ++broker) {
    ASSERT_TRUE(flow.wait_for_accepted(40 * static_cast<std::size_t>(broker), 60s));
    ASSERT_EQ(flow.inject("/faults/coordinator?type=group&key=" + group +
                          "&broker=" + std::to_string(broker % 3 + 1)),
              204);
  }
  expect_exact_counts(flow);
}

}  // namespace
}  // namespace samsag::faults
