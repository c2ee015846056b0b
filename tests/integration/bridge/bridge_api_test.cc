// The coordinator API of a running `samsag bridge` against `samsag broker`: real tokens (ES256,
// the config's JWKS), cases the bridge built from the plan topic, one AccessRecord on
// {m}.audit.v1 per read and per denial, a plan goal written through the API showing up in the
// case, and 503 with no data while Kafka refuses the audit record (the mock cluster's error
// injection through `samsag broker --control`).
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <map>

#include "bridge_fixture.h"
#include "core/config/topics.h"
#include "core/events/event_id.h"
#include "core/kafka/mock_cluster.h"
#include "core/privacy/cpr.h"
#include "core/privacy/cpr_shape.h"
#include "core/privacy/pseudonymiser.h"
#include "core/privacy/synthetic_cpr.h"
#include "samsag/v1/audit.pb.h"
#include "tests/support/broker_process.h"
#include "tests/support/http_client.h"
#include "tests/support/topic_reader.h"

namespace samsag::bridge::itest {
namespace {

namespace fs = std::filesystem;
namespace v1 = samsag::v1;
using namespace std::chrono_literals;
using samsag::testing::HttpReply;

v1::Event assigned(const std::string& citizen, const std::string& coordinator) {
  v1::Event event;
  event.set_event_id(samsag::events::derive_event_id("itest", citizen, coordinator));
  event.set_municipality_code(kMunicipalityCode);
  event.set_sector(v1::SECTOR_PLAN);
  event.set_source_system("itest");
  event.mutable_coordinator_assigned()->set_coordinator_id(coordinator);
  event.mutable_coordinator_assigned()->set_unit_name("Jobcenter Syd");
  return retimed(event, citizen, 0);
}

class BridgeApiTest : public ::testing::Test {
 protected:
  BridgeApiTest()
      : control_port_(samsag::testing::free_loopback_port()),
        broker_({.config_path = write_config(scratch_.path(), "").string(),
                 .control_port = control_port_}),
        config_path_(write_config(scratch_.path(), broker_.bootstrap())),
        config_(load(config_path_)),
        topics_(config::Topics::for_municipality(kSlug)) {
    auto pseudonymiser =
        samsag::privacy::Pseudonymiser::from_key_file(config_.pseudonymisation().key_file(), "k1")
            .value();
    samsag::privacy::SyntheticCprIssuer issuer(11);
    for (int i = 0; i < 2; ++i) {
      cprs_.push_back(issuer.issue({1980 + i, 3, 9}, samsag::privacy::SyntheticSex::kMale, 0));
      citizens_.push_back(
          pseudonymiser.pseudonym(samsag::privacy::Cpr::parse(cprs_.back()).value()));
    }
    coordinator_ = mint_token(scratch_.path(), "tovholder-1", {"coordinator"});
    supervisor_ = mint_token(scratch_.path(), "leder-1", {"supervisor"});
  }

  // Starts the bridge over the two assigned citizens and waits until it applied them.
  void start_bridge() {
    EventLog events(config_);
    events.produce(assigned(citizens_[0], "tovholder-1"));
    events.produce(assigned(citizens_[1], "tovholder-2"));
    bridge_ = std::make_unique<BridgeProcess>(config_path_, scratch_.path() / "state", "api-1");
    ASSERT_TRUE(bridge_->wait_until_ready(60s)) << "the bridge did not become ready";
    ASSERT_TRUE(wait_until_applied(config_, 90s, [this] { bridge_->pump(); }));
    ASSERT_NE(bridge_->api_port(), 0) << "the bridge did not say where its API listens";
  }

  HttpReply send(const std::string& method, const std::string& path, const std::string& token,
                 const std::string& body = "") {
    samsag::testing::HttpRequest request{method, path, {}, body};
    if (!token.empty()) request.headers.emplace_back("Authorization", "Bearer " + token);
    if (!body.empty()) request.headers.emplace_back("Content-Type", "application/json");
    return samsag::testing::http_send(bridge_->api_port(), request, 30s);
  }

  // Every AccessRecord on the audit topic, by request id.
  std::map<std::string, v1::AccessRecord> audit() {
    std::map<std::string, v1::AccessRecord> records;
    for (const auto& message :
         samsag::testing::TopicReader(broker_.bootstrap()).read_all(topics_.audit)) {
      EXPECT_FALSE(samsag::privacy::contains_cpr_shaped(message.value.value_or("")));
      v1::AccessRecord record;
      EXPECT_TRUE(record.ParseFromString(message.value.value_or("")));
      EXPECT_EQ(message.key.value_or(""), record.citizen());
      EXPECT_TRUE(records.emplace(record.request_id(), record).second)
          << "two audit records for one request";
    }
    return records;
  }

  ScratchDirectory scratch_;
  int control_port_;
  samsag::testing::BrokerProcess broker_;
  fs::path config_path_;
  config::v1::Config config_;
  config::Topics topics_;
  std::vector<std::string> cprs_;
  std::vector<std::string> citizens_;
  std::string coordinator_;
  std::string supervisor_;
  std::unique_ptr<BridgeProcess> bridge_;
};

TEST_F(BridgeApiTest, EveryReadAndEveryDenialIsAuditedOnceAndAGoalShowsUpInTheCase) {
  ASSERT_NO_FATAL_FAILURE(start_bridge());
  const auto lookup =
      send("POST", "/api/v1/lookup", coordinator_, R"({"cpr":")" + cprs_[0] + "\"}");
  ASSERT_EQ(lookup.status, 200) << lookup.body;
  EXPECT_NE(lookup.body.find(citizens_[0]), std::string::npos);

  const auto own = send("GET", "/api/v1/cases/" + citizens_[0], coordinator_);
  ASSERT_EQ(own.status, 200) << own.body;
  EXPECT_NE(own.body.find("tovholder-1"), std::string::npos);
  const auto other = send("GET", "/api/v1/cases/" + citizens_[1], coordinator_);
  EXPECT_EQ(other.status, 403) << other.body;
  EXPECT_EQ(other.body.find("tovholder-2"), std::string::npos);
  const auto supervised = send("GET", "/api/v1/cases/" + citizens_[1], supervisor_);
  EXPECT_EQ(supervised.status, 200) << supervised.body;
  const auto anonymous = send("GET", "/api/v1/cases/" + citizens_[1], "");
  EXPECT_EQ(anonymous.status, 401);
  const auto forged = send("GET", "/api/v1/cases/" + citizens_[1], coordinator_ + "x");
  EXPECT_EQ(forged.status, 401);

  const auto records = audit();
  EXPECT_EQ(records.size(), 6U);
  const std::vector<std::pair<const HttpReply*, v1::AccessOutcome>> expected{
      {&lookup, v1::ACCESS_OUTCOME_GRANTED},
      {&own, v1::ACCESS_OUTCOME_GRANTED},
      {&other, v1::ACCESS_OUTCOME_FORBIDDEN},
      {&supervised, v1::ACCESS_OUTCOME_GRANTED},
      {&anonymous, v1::ACCESS_OUTCOME_UNAUTHENTICATED},
      {&forged, v1::ACCESS_OUTCOME_UNAUTHENTICATED}};
  for (const auto& [reply, outcome] : expected) {
    const auto found = records.find(reply->header("X-Request-Id").value_or("?"));
    ASSERT_NE(found, records.end()) << "no audit record for a " << reply->status;
    EXPECT_EQ(found->second.outcome(), outcome);
    EXPECT_EQ(found->second.municipality_code(), kMunicipalityCode);
  }
  EXPECT_EQ(records.at(*other.header("X-Request-Id")).user(), "tovholder-1");
  EXPECT_EQ(records.at(*other.header("X-Request-Id")).citizen(), citizens_[1]);
  EXPECT_EQ(records.at(*supervised.header("X-Request-Id")).role(), "supervisor");

  const auto goal = send("POST", "/api/v1/cases/" + citizens_[0] + "/plan/goals", coordinator_,
                         R"({"area":"GOAL_AREA_EDUCATION","title":"Start på HF"})");
  ASSERT_EQ(goal.status, 202) << goal.body;
  const std::string goal_id(boost::json::parse(goal.body).at("goal_id").as_string());
  const auto deadline = std::chrono::steady_clock::now() + 60s;
  bool shown = false;
  while (!shown && std::chrono::steady_clock::now() < deadline) {
    bridge_->wait_for_log("never logged", 200ms);  // reads the log while the bridge works
    const auto read = send("GET", "/api/v1/cases/" + citizens_[0], coordinator_);
    shown = read.status == 200 && read.body.find(goal_id) != std::string::npos &&
            read.body.find("Start på HF") != std::string::npos;
  }
  EXPECT_TRUE(shown) << "the goal written through the API never showed in the case";
}

TEST_F(BridgeApiTest, NoAuditRecordNoData) {
  ASSERT_NO_FATAL_FAILURE(start_bridge());
  ASSERT_EQ(send("GET", "/api/v1/cases/" + citizens_[0], coordinator_).status, 200);
  const auto before = audit().size();

  // The next produce request fails as if the audit topic were not writable.
  const auto injected = samsag::testing::http_post(
      control_port_,
      "/faults/requests?api=" + std::to_string(kafka::kafka_protocol::kProduceRequest) +
          "&error=" + std::to_string(kafka::kafka_protocol::kTopicAuthorizationFailed) + "&count=1",
      "", "");
  ASSERT_EQ(injected.status, 204) << injected.body << injected.error;
  const auto refused = send("GET", "/api/v1/cases/" + citizens_[0], coordinator_);
  EXPECT_EQ(refused.status, 503) << refused.body;
  EXPECT_TRUE(refused.header("Retry-After").has_value());
  EXPECT_FALSE(refused.header("ETag").has_value());
  EXPECT_EQ(refused.body.find("tovholder"), std::string::npos) << "data without an audit record";
  EXPECT_EQ(refused.body.find(citizens_[0]), std::string::npos);

  EXPECT_TRUE(bridge_->wait_for_log("audit record not acknowledged", 10s).has_value());

  // Kafka takes records again: so does the API, once its producer has asked Kafka about the
  // refused topic again (bridge/api/bridge_api.cc: within 5 s).
  HttpReply again;
  const auto deadline = std::chrono::steady_clock::now() + 60s;
  while (again.status != 200 && std::chrono::steady_clock::now() < deadline) {
    bridge_->wait_for_log("never logged", 500ms);  // paces the attempts and reads the log
    again = send("GET", "/api/v1/cases/" + citizens_[0], coordinator_);
    EXPECT_TRUE(again.status == 200 || again.status == 503) << again.status;
    if (again.status == 503) {
      EXPECT_EQ(again.body.find("tovholder"), std::string::npos) << "data without an audit record";
    }
  }
  EXPECT_EQ(again.status, 200) << again.body;
  const auto records = audit();
  // The granted read after the fault, and none of the refused ones.
  EXPECT_EQ(records.size(), before + 1);
  EXPECT_EQ(records.count(refused.header("X-Request-Id").value_or("?")), 0U);
  EXPECT_EQ(records.count(again.header("X-Request-Id").value_or("?")), 1U);
}

}  // namespace
}  // namespace samsag::bridge::itest
