// A transactional producer against `samsag broker` over TCP. The embedded broker accepts the
// transactional protocol but does not enforce it (no commit or abort markers, aborted records
// reach read_committed readers, offsets sent with a transaction are not stored), so this test
// proves only that the calls succeed; isolation and fencing are tested on real Kafka.
#include <gtest/gtest.h>

#include "core/kafka/consumer.h"
#include "core/kafka/error_codes.h"
#include "core/kafka/transactional_producer.h"
#include "samsag/config/v1/config.pb.h"
#include "tests/support/broker_process.h"

namespace samsag::kafka {
namespace {

using namespace std::chrono_literals;

constexpr const char* kCase = "itest.case.v1";
constexpr const char* kInput = "itest.social.v1";

template <typename T>
T value_or_throw(Result<T> result) {
  if (!result) throw std::runtime_error(result.error().code + ": " + result.error().message);
  return std::move(*result);
}

TEST(TransactionsAgainstBroker, ProducerInitialisesCommitsAndAborts) {
  testing::BrokerProcess broker({.topics = {{kCase, 4}, {kInput, 4}}});
  config::v1::Kafka kafka;
  kafka.set_bootstrap(broker.bootstrap());

  auto producer = value_or_throw(TransactionalProducer::create(
      value_or_throw(KafkaSettings::for_transactional_producer(kafka, "itest-bridge-0"))));
  auto consumer = value_or_throw(
      Consumer::create(value_or_throw(KafkaSettings::for_consumer(kafka, "itest-bridge"))));

  auto initialised = producer.init(deadline_in(10s));
  ASSERT_TRUE(initialised.ok()) << initialised.error().message;

  ASSERT_TRUE(producer.begin().ok());
  auto snapshot = producer.produce({.topic = kCase, .key = "k1:citizen", .value = "snapshot"});
  auto offsets =
      producer.send_offsets(consumer.group_metadata(), {{kInput, 0, 1}}, deadline_in(10s));
  ASSERT_TRUE(offsets.ok()) << offsets.error().message;
  auto committed = producer.commit(deadline_in(10s));
  ASSERT_TRUE(committed.ok()) << committed.error().message;
  auto delivered = snapshot.wait(Clock::now());
  ASSERT_TRUE(delivered.ok()) << delivered.error().message;
  EXPECT_EQ(delivered->topic, kCase);

  ASSERT_TRUE(producer.begin().ok());
  auto dropped = producer.produce({.topic = kCase, .key = "k1:citizen", .value = "half batch"});
  auto aborted = producer.abort(deadline_in(10s));
  ASSERT_TRUE(aborted.ok()) << aborted.error().message;
  EXPECT_FALSE(producer.in_transaction());
  // The aborted record's Delivery is answered (written or dropped), never left hanging.
  auto answer = dropped.wait(deadline_in(10s));
  EXPECT_TRUE(answer.ok() || answer.error().code != errc::kTimedOut) << answer.error().message;

  // The producer is still usable after the abort.
  ASSERT_TRUE(producer.begin().ok());
  auto again = producer.produce({.topic = kCase, .key = "k1:citizen", .value = "redone"});
  ASSERT_TRUE(producer.commit(deadline_in(10s)).ok());
  EXPECT_TRUE(again.wait(Clock::now()).ok());
}

}  // namespace
}  // namespace samsag::kafka
