// The HTTP adapters under `wrk` at the highest rate it can drive (issue 8, "Load"): every request
// is a new event, and the adapter may answer only 202 (on Kafka) or 503 (not confirmed in time,
// retry). At the end the topic must hold exactly one event per 202, and nothing may be
// dead-lettered. The script is wrk_post_events.lua. Short in CI; `tools/load-adapters --seconds
// 60` is the long form (SAMSAG_LOAD_SECONDS, SAMSAG_LOAD_CONNECTIONS).
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <iostream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "adapter_fixture.h"
#include "core/privacy/synthetic_cpr.h"
#include "tests/support/child_process.h"
#include "tests/support/topic_reader.h"

namespace samsag::adapters::itest {
namespace {

using namespace std::chrono_literals;

// The last seconds of a run send only GETs that cannot become events, so no POST is in flight
// when wrk cuts its connections off; longer than the deployment's delivery timeout, so every
// POST of the load phase is answered (202 or 503) before the end.
constexpr int kDrainSeconds = 6;
constexpr std::uint32_t kDeliveryTimeoutMs = 3'000;

struct WrkResult {
  std::map<int, std::int64_t> statuses;  // answers by HTTP status
  std::int64_t sent = 0;                 // POSTs of the load phase
  std::int64_t socket_errors = 0;
  std::string summary;  // wrk's whole output, for the log
  std::int64_t answered(int status) const {
    auto found = statuses.find(status);
    return found == statuses.end() ? 0 : found->second;
  }
};

WrkResult parse_wrk(const std::string& output) {
  WrkResult result;
  result.summary = output;
  std::istringstream lines(output);
  std::string word;
  while (lines >> word) {
    if (word == "status") {
      int status = 0;
      std::int64_t count = 0;
      lines >> status >> count;
      result.statuses[status] += count;
    } else if (word == "sent") {
      lines >> result.sent;
    } else if (word == "errors") {
      std::string name;
      std::int64_t count = 0;
      for (int i = 0; i < 4 && lines >> name >> count; ++i) result.socket_errors += count;
    }
  }
  return result;
}

std::vector<std::string> synthetic_cprs(int count) {
  privacy::SyntheticCprIssuer issuer(20261123);
  std::vector<std::string> cprs;
  for (int i = 0; i < count; ++i) {
    cprs.push_back(issuer.issue({1970 + i, 3 + i % 9, 2 + i}, privacy::SyntheticSex::kFemale, i));
  }
  return cprs;
}

WrkResult run_wrk(const std::string& kind, int port, const std::string& token, int load_seconds,
                  int connections) {
  std::vector<std::string> argv{
      "wrk",
      "--threads",
      "2",
      "--connections",
      std::to_string(connections),
      "--duration",
      std::to_string(load_seconds + kDrainSeconds) + "s",
      "--timeout",
      "30s",
      "--script",
      "tests/integration/adapters/wrk_post_events.lua",  // the tests run in the source tree
      "http://127.0.0.1:" + std::to_string(port),
      "--",
      kind,
      token,
      std::to_string(load_seconds)};
  for (auto& cpr : synthetic_cprs(10)) argv.push_back(std::move(cpr));
  samsag::testing::ChildProcess wrk(std::move(argv));
  const auto output = wrk.read_all(std::chrono::seconds(load_seconds + kDrainSeconds + 60));
  if (!output) throw std::runtime_error("wrk did not finish in time");
  if (auto code = wrk.wait_for_exit(10s); code != 0) {
    throw std::runtime_error("wrk failed (is it installed? tools/setup): " + *output);
  }
  return parse_wrk(*output);
}

class AdapterLoadTest : public ::testing::TestWithParam<const char*> {};

TEST_P(AdapterLoadTest, WrkGetsOnly202Or503AndTheTopicHoldsOneEventPer202) {
  const std::string adapter = GetParam();
  const int load_seconds = static_cast<int>(env_int("SAMSAG_LOAD_SECONDS", 4));
  const int connections = static_cast<int>(env_int("SAMSAG_LOAD_CONNECTIONS", 16));
  samsag::testing::ScratchDirectory scratch("samsag-adapter-load");
  AdapterDeploymentOptions options;
  options.directory = scratch.path();
  options.delivery_timeout_ms = kDeliveryTimeoutMs;
  BrokerWithDeployment setup(std::move(options));
  auto process = setup.start_adapter(adapter);

  const auto wrk =
      run_wrk(adapter == "social" ? "social" : "fhir", setup.deployment().http_port(adapter),
              AdapterDeployment::token(adapter), load_seconds, connections);
  std::cerr << wrk.summary;

  EXPECT_EQ(wrk.socket_errors, 0);
  const auto accepted = wrk.answered(202);
  const auto retry = wrk.answered(503);
  EXPECT_GT(accepted, 0);
  // Every POST was answered, and only with 202 or 503; the other answers are the drain's GETs.
  EXPECT_EQ(accepted + retry, wrk.sent) << "a POST got another answer, or none";

  samsag::testing::TopicReader topics(setup.bootstrap());
  const auto topic = setup.deployment().topic(adapter);
  // A 202 means Kafka confirmed, so the count is final at once; a 503's record could still land
  // late, which is what the wait would show.
  std::int64_t on_topic = -1;
  poll_until([&] { return (on_topic = topics.appended(topic)) >= accepted; }, 10s, 100ms);
  EXPECT_EQ(on_topic, accepted) << "events on " << topic << " vs 202 answers";
  EXPECT_EQ(topics.appended(setup.deployment().topic("dlq")), 0);
  std::cerr << adapter << ": " << accepted << " x 202, " << retry << " x 503, " << on_topic
            << " events on " << topic << " in " << load_seconds << " s with " << connections
            << " connections (" << accepted / std::max(load_seconds, 1) << " events/s)\n";
  EXPECT_EQ(process->terminate(30s), 0);
}

INSTANTIATE_TEST_SUITE_P(HttpAdapters, AdapterLoadTest, ::testing::Values("social", "health"));

}  // namespace
}  // namespace samsag::adapters::itest
