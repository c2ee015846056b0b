// While Kafka cannot confirm, an HTTP adapter must not say "accepted": it answers 503 with
// Retry-After within the configured delivery timeout, so the source retries and nothing is lost,
// and its /readyz turns 503.
#include <gtest/gtest.h>

#include "adapter_fixture.h"
#include "tests/support/http_client.h"

namespace samsag::adapters::itest {
namespace {

using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

constexpr std::uint32_t kDeliveryTimeoutMs = 3000;

TEST(AdapterKafkaOutageTest, AnswersRetryLaterAndTurnsUnreadyWhenTheBrokerIsGone) {
  samsag::testing::ScratchDirectory scratch("samsag-adapter-outage");
  BrokerWithDeployment env(
      {.directory = scratch.path(), .delivery_timeout_ms = kDeliveryTimeoutMs});
  auto social = env.start_adapter("social");
  const int port = env.deployment().http_port("social");
  const std::string body = read_file(test_data("social/golden/single_measure_granted.json"));
  const std::string token = AdapterDeployment::token("social");

  const auto before = samsag::testing::http_post(port, "/v1/events", body, token);
  ASSERT_EQ(before.status, 202) << before.body;

  ASSERT_EQ(env.broker().process().terminate(10s), 0) << "the broker did not stop";

  const auto posted = Clock::now();
  const auto during = samsag::testing::http_post(port, "/v1/events", body, token);
  const auto waited = Clock::now() - posted;
  EXPECT_EQ(during.status, 503) << during.error << during.body;
  EXPECT_TRUE(during.header("Retry-After").has_value());
  EXPECT_NE(during.body.find("KAFKA_UNAVAILABLE"), std::string::npos) << during.body;
  // The answer comes within the delivery timeout (plus slack for a loaded machine or ASan).
  EXPECT_LT(waited, std::chrono::milliseconds(kDeliveryTimeoutMs) + 5s);

  const auto deadline = Clock::now() + 30s;
  int ready = social->readyz();
  while (ready != 503 && Clock::now() < deadline) {
    // Polled with a deadline: the adapter checks Kafka every few seconds.
    social->wait_for_log("Kafka not reachable", 1s);
    ready = social->readyz();
  }
  EXPECT_EQ(ready, 503) << "/readyz still says ready without Kafka";
  EXPECT_TRUE(social->wait_for_log("Kafka not reachable", 1s).has_value());

  EXPECT_EQ(social->terminate(30s), 0) << "no graceful stop without Kafka";
  if (HasFailure()) print_log(*social, "social");
}

}  // namespace
}  // namespace samsag::adapters::itest
