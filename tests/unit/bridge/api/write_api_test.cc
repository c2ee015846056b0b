// The coordinator API's writes against fakes: each becomes one event on the plan or consent topic,
// keyed by the pseudonym, after its audit record; invalid bodies are 400 with no event.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "api_fakes.h"
#include "core/time/source_time.h"

namespace samsag::bridge::api::test {
namespace {

namespace v1 = samsag::v1;

boost::json::object json(const samsag::testing::HttpReply& reply) {
  return boost::json::parse(reply.body).as_object();
}

class WriteApiTest : public ::testing::Test {
 protected:
  WriteApiTest() { api.cases.put(case_of(pseudonym(1), "tovholder-1")); }
  std::string path(const std::string& rest) { return "/api/v1/cases/" + pseudonym(1) + rest; }
  ApiHarness api;
};

TEST_F(WriteApiTest, AGoalBecomesPlanGoalSetAfterItsAuditRecord) {
  const auto reply = api.send(
      "POST", path("/plan/goals"), kCoordinator,
      R"({"area":"GOAL_AREA_EDUCATION","title":"Start på HF","target_date":"2027-03-01"})");
  ASSERT_EQ(reply.status, 202) << reply.body;
  const std::string goal_id(json(reply).at("goal_id").as_string());
  const auto records = api.sink.records();
  ASSERT_EQ(records.size(), 2U);
  EXPECT_EQ(records[0].topic, kAudit);
  EXPECT_EQ(records[1].topic, kPlan);
  EXPECT_EQ(records[1].key, pseudonym(1));
  const auto events = api.sink.events(kPlan);
  ASSERT_EQ(events.size(), 1U);
  const auto& event = events[0];
  EXPECT_EQ(event.event_id(), json(reply).at("event_id").as_string());
  EXPECT_EQ(event.sector(), v1::SECTOR_PLAN);
  EXPECT_EQ(event.citizen(), pseudonym(1));
  EXPECT_EQ(event.municipality_code(), kCode);
  EXPECT_EQ(event.source_system(), "samsag-api");
  EXPECT_EQ(event.plan_goal_set().goal_id(), goal_id);
  EXPECT_EQ(event.plan_goal_set().area(), v1::GOAL_AREA_EDUCATION);
  EXPECT_EQ(event.plan_goal_set().title(), "Start på HF");
  // 2027-03-01 00:00 in Copenhagen (CET) is 23:00 UTC the day before.
  EXPECT_EQ(event.plan_goal_set().target_date().seconds(), 1'803'855'600);
  const auto audit = api.sink.audit(kAudit);
  EXPECT_EQ(audit[0].action(), v1::ACCESS_ACTION_WRITE_PLAN);
  EXPECT_EQ(audit[0].outcome(), v1::ACCESS_OUTCOME_GRANTED);
  // The short enum name is accepted too.
  EXPECT_EQ(
      api.send("POST", path("/plan/goals"), kCoordinator, R"({"area":"JOB","title":"Job"})").status,
      202);
}

TEST_F(WriteApiTest, InvalidGoalsAre400WithoutAnEvent) {
  for (const std::string& body : std::vector<std::string>{
           R"({"title":"x"})", R"({"area":"GOAL_AREA_MOON","title":"x"})", R"({"area":"JOB"})",
           R"({"area":"JOB","title":"ring på 010203-1234"})",
           R"({"area":"JOB","title":")" + std::string(201, 'a') + R"("})",
           R"({"area":"JOB","title":"x","target_date":"2027-02-30"})",
           R"({"area":"JOB","title":"x","extra":1})", "not json"}) {
    const auto reply = api.send("POST", path("/plan/goals"), kCoordinator, body);
    EXPECT_EQ(reply.status, 400) << body << " -> " << reply.body;
    EXPECT_EQ(reply.body.find("010203"), std::string::npos);
  }
  EXPECT_TRUE(api.sink.events(kPlan).empty());
  for (const auto& record : api.sink.audit(kAudit)) {
    EXPECT_EQ(record.outcome(), v1::ACCESS_OUTCOME_INVALID);
  }
}

TEST_F(WriteApiTest, APatchKeepsWhatItDoesNotChangeAndAnOutcomeClosesTheGoal) {
  ASSERT_EQ(api.send("PATCH", path("/plan/goals/goal-one"), kCoordinator,
                     R"({"title":"Et job på fuld tid"})")
                .status,
            202);
  ASSERT_EQ(api.send("PATCH", path("/plan/goals/goal-one"), kCoordinator,
                     R"({"outcome":"GOAL_OUTCOME_ACHIEVED"})")
                .status,
            202);
  EXPECT_EQ(
      api.send("PATCH", path("/plan/goals/goal-none"), kCoordinator, R"({"title":"x"})").status,
      404);
  EXPECT_EQ(api.send("PATCH", path("/plan/goals/goal-one"), kCoordinator,
                     R"({"outcome":"ACHIEVED","title":"x"})")
                .status,
            400);
  EXPECT_EQ(api.send("PATCH", path("/plan/goals/goal-one"), kCoordinator, "{}").status, 400);
  const auto events = api.sink.events(kPlan);
  ASSERT_EQ(events.size(), 2U);
  EXPECT_EQ(events[0].plan_goal_updated().goal_id(), "goal-one");
  EXPECT_EQ(events[0].plan_goal_updated().area(), v1::GOAL_AREA_JOB);
  EXPECT_EQ(events[0].plan_goal_updated().title(), "Et job på fuld tid");
  EXPECT_EQ(events[1].plan_goal_closed().outcome(), v1::GOAL_OUTCOME_ACHIEVED);
}

TEST_F(WriteApiTest, ConsentGrantsAndWithdrawalsAreRecordedByTheCaller) {
  ASSERT_EQ(api.send("POST", path("/consent"), kCoordinator,
                     R"({"granted":true,"consent_id":"c-1","scopes":["SOCIAL","SECTOR_HEALTH"],
                         "form":"WRITTEN","valid_until":"2027-11-01","case_file_ref":"27.12-A"})")
                .status,
            202);
  ASSERT_EQ(api.send("POST", path("/consent"), kCoordinator,
                     R"({"granted":false,"consent_id":"c-1","scopes":["HEALTH"]})")
                .status,
            202);
  const auto events = api.sink.events(kConsent);
  ASSERT_EQ(events.size(), 2U);
  EXPECT_EQ(events[0].sector(), v1::SECTOR_CONSENT);
  const auto& grant = events[0].consent_granted();
  EXPECT_EQ(grant.scopes_size(), 2);
  EXPECT_EQ(grant.form(), v1::CONSENT_FORM_WRITTEN);
  EXPECT_EQ(grant.purpose(), v1::CONSENT_PURPOSE_HOI_COORDINATION);
  EXPECT_EQ(grant.recorded_by(), "tovholder-1");
  EXPECT_EQ(grant.recorded_by_role(), "coordinator");
  EXPECT_EQ(grant.case_file_ref(), "27.12-A");
  EXPECT_EQ(events[1].consent_withdrawn().scopes(0), v1::SECTOR_HEALTH);
  EXPECT_EQ(api.sink.audit(kAudit)[0].action(), v1::ACCESS_ACTION_WRITE_CONSENT);

  for (const std::string& body : std::vector<std::string>{
           R"({"granted":true,"consent_id":"c-2","scopes":[],"form":"WRITTEN"})",
           R"({"granted":true,"consent_id":"c-2","scopes":["SOCIAL"]})",
           R"({"granted":true,"consent_id":"c-2","scopes":["PLAN"],"form":"ORAL"})",
           R"({"granted":false,"consent_id":"c-2","form":"ORAL"})",
           R"({"granted":false,"consent_id":"c 2"})",
           R"({"granted":false,"consent_id":"c-2","occurred_at":"2099-01-01T00:00:00Z"})"}) {
    EXPECT_EQ(api.send("POST", path("/consent"), kCoordinator, body).status, 400) << body;
  }
  EXPECT_EQ(api.sink.events(kConsent).size(), 2U);
}

TEST_F(WriteApiTest, ConsentValidUntilIsADateOrAnRfc3339DateTime) {
  for (const std::string valid_until :
       {"\"2027-11-01\"", "\"2027-11-01T12:30:00Z\"", "\"2027-11-01T12:30:00+01:00\""}) {
    const std::string body =
        R"({"granted":true,"consent_id":"c-9","scopes":["SOCIAL"],"form":"WRITTEN","valid_until":)" +
        valid_until + "}";
    const auto reply = api.send("POST", path("/consent"), kCoordinator, body);
    EXPECT_EQ(reply.status, 202) << body << " -> " << reply.body;
  }
  const auto events = api.sink.events(kConsent);
  ASSERT_EQ(events.size(), 3U);
  EXPECT_EQ(events[0].consent_granted().valid_until().seconds(),
            samsag::times::parse_date("2027-11-01").value().seconds());
  EXPECT_EQ(events[1].consent_granted().valid_until().seconds(),
            samsag::times::parse_date_time("2027-11-01T12:30:00Z").value().seconds());
  EXPECT_EQ(events[2].consent_granted().valid_until().seconds(),
            events[1].consent_granted().valid_until().seconds() - 3600);
  for (const std::string valid_until :
       {"\"2027-11-01T12:30:00\"", "\"2027-13-01\"", "\"1. november\"", "20271101"}) {
    const std::string body =
        R"({"granted":true,"consent_id":"c-9","scopes":["SOCIAL"],"form":"WRITTEN","valid_until":)" +
        valid_until + "}";
    EXPECT_EQ(api.send("POST", path("/consent"), kCoordinator, body).status, 400) << body;
  }
}

TEST_F(WriteApiTest, OnlyASupervisorAssignsACoordinatorAndMayCreateTheCase) {
  const std::string body = R"({"coordinator_id":"tovholder-9","unit_name":"Jobcenter Nord"})";
  EXPECT_EQ(api.send("PUT", path("/coordinator"), kCoordinator, body).status, 403);
  EXPECT_EQ(api.send("PUT", path("/coordinator"), kSupervisor, body).status, 202);
  EXPECT_EQ(
      api.send("PUT", "/api/v1/cases/" + pseudonym(7) + "/coordinator", kSupervisor, body).status,
      202);
  const auto events = api.sink.events(kPlan);
  ASSERT_EQ(events.size(), 2U);
  EXPECT_EQ(events[0].coordinator_assigned().coordinator_id(), "tovholder-9");
  EXPECT_EQ(events[1].citizen(), pseudonym(7));
}

TEST_F(WriteApiTest, AnotherCoordinatorsCaseIsNotWritable) {
  EXPECT_EQ(
      api.send("POST", path("/plan/goals"), kOtherCoordinator, R"({"area":"JOB","title":"x"})")
          .status,
      403);
  EXPECT_EQ(api.send("POST", "/api/v1/cases/" + pseudonym(8) + "/consent", kCoordinator,
                     R"({"granted":false,"consent_id":"c-1"})")
                .status,
            404);
  EXPECT_TRUE(api.sink.events(kPlan).empty());
  EXPECT_TRUE(api.sink.events(kConsent).empty());
}

TEST_F(WriteApiTest, AnEventKafkaDoesNotAcknowledgeIs503) {
  api.sink.script({Ack::kAcknowledge, Ack::kFail});
  const auto reply =
      api.send("POST", path("/plan/goals"), kCoordinator, R"({"area":"JOB","title":"x"})");
  EXPECT_EQ(reply.status, 503) << reply.body;
  EXPECT_EQ(reply.header("Retry-After"), "5");
}

}  // namespace
}  // namespace samsag::bridge::api::test
