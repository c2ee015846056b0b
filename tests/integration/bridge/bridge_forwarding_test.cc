// Two `samsag bridge` instances in one consumer group against `samsag broker`: each publishes its
// partitions and API address on {m}.members.v1, and a case read at the instance that does not own
// the case's partition is forwarded to the owner, which answers and audits it. After one instance
// stops, the other answers every case itself (bridge/api/README.md, "How the instances publish
// their addresses").
#include <gtest/gtest.h>

#include <chrono>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "bridge_fixture.h"
#include "core/config/topics.h"
#include "core/events/event_id.h"
#include "core/privacy/cpr.h"
#include "core/privacy/pseudonymiser.h"
#include "core/privacy/synthetic_cpr.h"
#include "samsag/v1/audit.pb.h"
#include "samsag/v1/members.pb.h"
#include "tests/support/broker_process.h"
#include "tests/support/http_client.h"
#include "tests/support/topic_reader.h"

namespace samsag::bridge::itest {
namespace {

namespace v1 = samsag::v1;
using namespace std::chrono_literals;
using samsag::testing::HttpReply;

constexpr int kCitizens = 12;
constexpr auto kSettle = 120s;

v1::Event assigned(const std::string& citizen) {
  v1::Event event;
  event.set_event_id(samsag::events::derive_event_id("itest", citizen, "tovholder-1"));
  event.set_municipality_code(kMunicipalityCode);
  event.set_sector(v1::SECTOR_PLAN);
  event.set_source_system("itest");
  event.mutable_coordinator_assigned()->set_coordinator_id("tovholder-1");
  event.mutable_coordinator_assigned()->set_unit_name("Jobcenter Nord");
  return retimed(event, citizen, 0);
}

class BridgeForwardingTest : public ::testing::Test {
 protected:
  BridgeForwardingTest()
      : broker_({.config_path = write_config(scratch_.path(), "").string()}),
        config_path_(write_config(scratch_.path(), broker_.bootstrap())),
        config_(load(config_path_)),
        topics_(config::Topics::for_municipality(kSlug)) {
    auto pseudonymiser =
        samsag::privacy::Pseudonymiser::from_key_file(config_.pseudonymisation().key_file(), "k1")
            .value();
    samsag::privacy::SyntheticCprIssuer issuer(23);
    for (int i = 0; i < kCitizens; ++i) {
      const auto cpr = issuer.issue({1970 + i, 5, 17}, samsag::privacy::SyntheticSex::kFemale, 0);
      citizens_.push_back(pseudonymiser.pseudonym(samsag::privacy::Cpr::parse(cpr).value()));
    }
    token_ = mint_token(scratch_.path(), "tovholder-1", {"coordinator"});
  }

  HttpReply read_case(BridgeProcess& bridge, const std::string& citizen) {
    samsag::testing::HttpRequest request{"GET", "/api/v1/cases/" + citizen, {}, {}};
    request.headers.emplace_back("Authorization", "Bearer " + token_);
    return samsag::testing::http_send(bridge.api_port(), request, 30s);
  }

  // Reads every case at `bridge` until all answer 200 and, when `forwarded_at_least` > 0, that
  // many of them came from the other instance. The answers of the last round, by citizen.
  std::map<std::string, HttpReply> read_all_until(BridgeProcess& bridge, int forwarded_at_least,
                                                  const std::vector<BridgeProcess*>& pumped) {
    std::map<std::string, HttpReply> answers;
    const auto deadline = std::chrono::steady_clock::now() + kSettle;
    while (std::chrono::steady_clock::now() < deadline) {
      for (auto* process : pumped) process->pump();
      answers.clear();
      int ok = 0;
      int forwarded = 0;
      for (const auto& citizen : citizens_) {
        auto reply = read_case(bridge, citizen);
        ok += reply.status == 200 ? 1 : 0;
        forwarded += reply.header("X-Samsag-Owner-Request-Id").has_value() ? 1 : 0;
        answers.emplace(citizen, std::move(reply));
      }
      const bool enough_forwarded =
          forwarded_at_least > 0 ? forwarded >= forwarded_at_least : forwarded == 0;
      if (ok == kCitizens && enough_forwarded) return answers;
    }
    return answers;
  }

  ScratchDirectory scratch_;
  samsag::testing::BrokerProcess broker_;
  std::filesystem::path config_path_;
  config::v1::Config config_;
  config::Topics topics_;
  std::vector<std::string> citizens_;
  std::string token_;
};

TEST_F(BridgeForwardingTest, ACaseOwnedByTheOtherInstanceIsAnsweredThroughIt) {
  EventLog events(config_);
  for (const auto& citizen : citizens_) events.produce(assigned(citizen));
  BridgeProcess a(config_path_, scratch_.path() / "state-a", "a");
  BridgeProcess b(config_path_, scratch_.path() / "state-b", "b");
  ASSERT_TRUE(a.wait_until_ready(60s)) << "instance a did not become ready";
  ASSERT_TRUE(b.wait_until_ready(60s)) << "instance b did not become ready";
  ASSERT_TRUE(wait_until_applied(config_, 90s, [&] {
    a.pump();
    b.pump();
  }));
  ASSERT_NE(a.api_port(), 0);
  ASSERT_NE(b.api_port(), 0);

  // Both instances own partitions, so each forwards what the other owns.
  const auto at_a = read_all_until(a, 1, {&a, &b});
  const auto at_b = read_all_until(b, 1, {&a, &b});
  std::set<std::string> forwarded_ids;
  int forwarded_by_a = 0;
  int forwarded_by_b = 0;
  for (const auto& citizen : citizens_) {
    for (const auto* answers : {&at_a, &at_b}) {
      const auto& reply = answers->at(citizen);
      ASSERT_EQ(reply.status, 200) << citizen << ": " << reply.body;
      EXPECT_NE(reply.body.find("tovholder-1"), std::string::npos) << reply.body;
      if (auto owner = reply.header("X-Samsag-Owner-Request-Id")) {
        forwarded_ids.insert(*owner);
        ++(answers == &at_a ? forwarded_by_a : forwarded_by_b);
      }
    }
    // Exactly one of the two answered it itself.
    EXPECT_NE(at_a.at(citizen).header("X-Samsag-Owner-Request-Id").has_value(),
              at_b.at(citizen).header("X-Samsag-Owner-Request-Id").has_value())
        << citizen;
  }
  EXPECT_GT(forwarded_by_a, 0);
  EXPECT_GT(forwarded_by_b, 0);
  EXPECT_EQ(forwarded_by_a + forwarded_by_b, kCitizens);

  // The owner audits a forwarded read under its own request id; the forwarding instance does not.
  std::set<std::string> audited;
  for (const auto& message :
       samsag::testing::TopicReader(broker_.bootstrap()).read_all(topics_.audit)) {
    v1::AccessRecord record;
    ASSERT_TRUE(record.ParseFromString(message.value.value_or("")));
    audited.insert(record.request_id());
  }
  for (const auto& id : forwarded_ids) EXPECT_TRUE(audited.contains(id)) << id;
  for (const auto* answers : {&at_a, &at_b}) {
    for (const auto& [citizen, reply] : *answers) {
      if (!reply.header("X-Samsag-Owner-Request-Id")) continue;
      EXPECT_FALSE(audited.contains(reply.header("X-Request-Id").value_or("")))
          << "the forwarding instance audited a read it did not answer";
    }
  }

  // Each instance published its address and partitions: disjoint, together every partition.
  std::map<std::string, v1::BridgeMember> members;
  for (const auto& message :
       samsag::testing::TopicReader(broker_.bootstrap()).read_all(topics_.members)) {
    v1::BridgeMember member;
    ASSERT_TRUE(member.ParseFromString(message.value.value_or("")));
    EXPECT_EQ(member.instance_id(), message.key.value_or(""));
    members[member.instance_id()] = member;
  }
  ASSERT_TRUE(members.contains("a") && members.contains("b"));
  EXPECT_EQ(members["a"].api_address(), "http://127.0.0.1:" + std::to_string(a.api_port()));
  EXPECT_EQ(members["b"].api_address(), "http://127.0.0.1:" + std::to_string(b.api_port()));

  // b leaves gracefully: it releases its partitions, a takes them over and answers every case.
  EXPECT_EQ(b.terminate(30s), 0);
  const auto after = read_all_until(a, 0, {&a});
  for (const auto& citizen : citizens_) {
    EXPECT_EQ(after.at(citizen).status, 200) << citizen << ": " << after.at(citizen).body;
    EXPECT_FALSE(after.at(citizen).header("X-Samsag-Owner-Request-Id").has_value()) << citizen;
  }
  v1::BridgeMember last_of_b;
  for (const auto& message :
       samsag::testing::TopicReader(broker_.bootstrap()).read_all(topics_.members)) {
    if (message.key == "b") {
      ASSERT_TRUE(last_of_b.ParseFromString(message.value.value_or("")));
    }
  }
  EXPECT_EQ(last_of_b.partitions_size(), 0) << "b did not release its partitions when it stopped";
  EXPECT_EQ(a.terminate(30s), 0);
}

}  // namespace
}  // namespace samsag::bridge::itest
