// The coordinator API's reads over HTTP against fakes: every status of API.md, one audit record per
// request with the right contents, no data without an acknowledged audit record, no CPR anywhere.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <tuple>

#include "api_fakes.h"
#include "bridge/api/case_access.h"
#include "core/metrics/metrics.h"
#include "core/privacy/cpr.h"
#include "core/privacy/cpr_shape.h"
#include "core/privacy/synthetic_cpr.h"

namespace samsag::bridge::api::test {
namespace {

namespace v1 = samsag::v1;
using std::chrono::milliseconds;

std::string synthetic_cpr() {
  samsag::privacy::SyntheticCprIssuer issuer(7);
  return issuer.issue({1985, 6, 14}, samsag::privacy::SyntheticSex::kFemale, 0);
}

// samsag_api_audit_failures_total{reason=...} as /metrics shows it; 0 before the first failure.
double audit_failures(const std::string& reason) {
  const std::string text = samsag::metrics::serialize();
  const std::string series = "samsag_api_audit_failures_total{reason=\"" + reason + "\"} ";
  const auto at = text.find(series);
  return at == std::string::npos ? 0 : std::stod(text.substr(at + series.size()));
}

boost::json::object json(const samsag::testing::HttpReply& reply) {
  return boost::json::parse(reply.body).as_object();
}

TEST(ReadApiTest, LookupAnswersThePseudonymAndAuditsItWithoutTheCpr) {
  ApiHarness api;
  const std::string cpr = synthetic_cpr();
  const auto reply = api.send("POST", "/api/v1/lookup", kCoordinator,
                              R"({"cpr":")" + cpr.substr(0, 6) + "-" + cpr.substr(6) + R"("})");
  ASSERT_EQ(reply.status, 200) << reply.body;
  const auto expected = api.pseudonymiser->pseudonym(samsag::privacy::Cpr::parse(cpr).value());
  EXPECT_EQ(json(reply).at("citizen").as_string(), expected);
  EXPECT_EQ(reply.header("Cache-Control"), "no-store");

  const auto audit = api.sink.audit(kAudit);
  ASSERT_EQ(audit.size(), 1U);
  EXPECT_EQ(audit[0].user(), "tovholder-1");
  EXPECT_EQ(audit[0].role(), "coordinator");
  EXPECT_EQ(audit[0].citizen(), expected);
  EXPECT_EQ(audit[0].action(), v1::ACCESS_ACTION_LOOKUP);
  EXPECT_EQ(audit[0].outcome(), v1::ACCESS_OUTCOME_GRANTED);
  EXPECT_EQ(audit[0].purpose(), "hoi-coordination");
  EXPECT_EQ(audit[0].municipality_code(), kCode);
  EXPECT_EQ(audit[0].request_id(), reply.header("X-Request-Id"));
  EXPECT_TRUE(audit[0].has_at());
  for (const auto& record : api.sink.records()) {
    EXPECT_EQ(record.key, expected);
    EXPECT_EQ(record.value->find(cpr.substr(0, 6)), std::string::npos);
    EXPECT_FALSE(samsag::privacy::contains_cpr_shaped(*record.value));
  }
}

TEST(ReadApiTest, AnInvalidCprIsA400NamingTheFieldNotTheNumber) {
  ApiHarness api;
  const auto reply = api.send("POST", "/api/v1/lookup", kCoordinator, R"({"cpr":"3213991234"})");
  ASSERT_EQ(reply.status, 400) << reply.body;
  EXPECT_EQ(json(reply).at("error").as_string(), "INVALID_REQUEST");
  EXPECT_EQ(json(reply).at("field").as_string(), "cpr");
  EXPECT_EQ(reply.body.find("3213991234"), std::string::npos);
  const auto audit = api.sink.audit(kAudit);
  ASSERT_EQ(audit.size(), 1U);
  EXPECT_EQ(audit[0].outcome(), v1::ACCESS_OUTCOME_INVALID);
  EXPECT_EQ(audit[0].citizen(), "");
  EXPECT_EQ(api.send("POST", "/api/v1/lookup", kCoordinator, "[1]").status, 400);
  EXPECT_EQ(api.send("POST", "/api/v1/lookup", kCoordinator, R"({"cpr":"x","y":1})").status, 400);
  EXPECT_EQ(api.sink.audit(kAudit).size(), 3U);
}

TEST(ReadApiTest, NoOrABadTokenIs401AndAudited) {
  ApiHarness api;
  const std::string path = "/api/v1/cases/" + pseudonym(0);
  for (const std::string& token : {std::string(), std::string("expired")}) {
    const auto reply = api.send("GET", path, token);
    EXPECT_EQ(reply.status, 401) << reply.body;
    EXPECT_EQ(reply.header("WWW-Authenticate"), "Bearer");
    EXPECT_EQ(json(reply).at("error").as_string(), "UNAUTHENTICATED");
  }
  const auto reply =
      api.send("GET", path, "", "", {{"Authorization", "Basic dG92aG9sZGVyOnNlY3JldA=="}});
  EXPECT_EQ(reply.status, 401);
  const auto audit = api.sink.audit(kAudit);
  ASSERT_EQ(audit.size(), 3U);
  for (const auto& record : audit) {
    EXPECT_EQ(record.outcome(), v1::ACCESS_OUTCOME_UNAUTHENTICATED);
    EXPECT_EQ(record.user(), "");
    EXPECT_EQ(record.citizen(), pseudonym(0));
    EXPECT_EQ(record.action(), v1::ACCESS_ACTION_READ_CASE);
  }
}

TEST(ReadApiTest, ATokenWithoutAKnownRoleIs403) {
  ApiHarness api;
  const auto reply = api.send("GET", "/api/v1/cases?mine=true", "someone:reader");
  EXPECT_EQ(reply.status, 403) << reply.body;
  const auto audit = api.sink.audit(kAudit);
  ASSERT_EQ(audit.size(), 1U);
  EXPECT_EQ(audit[0].user(), "someone");
  EXPECT_EQ(audit[0].outcome(), v1::ACCESS_OUTCOME_FORBIDDEN);
}

TEST(ReadApiTest, ACoordinatorReadsTheirCaseWithAnETagAnd304) {
  ApiHarness api;
  api.cases.put(case_of(pseudonym(1), "tovholder-1"));
  const std::string path = "/api/v1/cases/" + pseudonym(1);
  const auto reply = api.send("GET", path, kCoordinator, "", {{"X-Samsag-Purpose", "opfølgning"}});
  ASSERT_EQ(reply.status, 200) << reply.body;
  EXPECT_EQ(json(reply).at("citizen").as_string(), pseudonym(1));
  EXPECT_EQ(json(reply).at("coordinator").at("coordinator_id").as_string(), "tovholder-1");
  EXPECT_EQ(json(reply).at("goals").as_array()[0].at("area").as_string(), "GOAL_AREA_JOB");
  const auto etag = reply.header("ETag");
  ASSERT_TRUE(etag.has_value());
  EXPECT_EQ(*etag, etag_of(case_of(pseudonym(1), "tovholder-1")));

  const auto again = api.send("GET", path, kCoordinator, "", {{"If-None-Match", *etag}});
  EXPECT_EQ(again.status, 304);
  EXPECT_EQ(again.body, "");
  auto changed = case_of(pseudonym(1), "tovholder-1");
  changed.set_target_group(v1::TARGET_GROUP_SICK);
  api.cases.put(changed);
  EXPECT_EQ(api.send("GET", path, kCoordinator, "", {{"If-None-Match", *etag}}).status, 200);

  const auto audit = api.sink.audit(kAudit);
  ASSERT_EQ(audit.size(), 3U);
  EXPECT_EQ(audit[0].purpose(), "opfølgning");
  for (const auto& record : audit) {
    EXPECT_EQ(record.action(), v1::ACCESS_ACTION_READ_CASE);
    EXPECT_EQ(record.outcome(), v1::ACCESS_OUTCOME_GRANTED);
    EXPECT_EQ(record.citizen(), pseudonym(1));
  }
}

TEST(ReadApiTest, AnotherCoordinatorsCaseIs403AndASupervisorReadsIt) {
  ApiHarness api;
  api.cases.put(case_of(pseudonym(2), "tovholder-1"));
  const std::string path = "/api/v1/cases/" + pseudonym(2);
  const auto denied = api.send("GET", path, kOtherCoordinator);
  EXPECT_EQ(denied.status, 403) << denied.body;
  EXPECT_EQ(denied.body.find("goal"), std::string::npos);
  EXPECT_EQ(api.send("GET", path, kSupervisor).status, 200);
  const auto audit = api.sink.audit(kAudit);
  ASSERT_EQ(audit.size(), 2U);
  EXPECT_EQ(audit[0].outcome(), v1::ACCESS_OUTCOME_FORBIDDEN);
  EXPECT_EQ(audit[0].user(), "tovholder-2");
  EXPECT_EQ(audit[0].citizen(), pseudonym(2));
  EXPECT_EQ(audit[1].outcome(), v1::ACCESS_OUTCOME_GRANTED);
  EXPECT_EQ(audit[1].role(), "supervisor");
}

TEST(ReadApiTest, AnUnknownCaseIs404AndAMalformedOneIs400) {
  ApiHarness api;
  EXPECT_EQ(api.send("GET", "/api/v1/cases/" + pseudonym(3), kSupervisor).status, 404);
  const auto malformed = api.send("GET", "/api/v1/cases/not-a-pseudonym", kSupervisor);
  EXPECT_EQ(malformed.status, 400);
  EXPECT_EQ(json(malformed).at("field").as_string(), "pseudonym");
  const auto too_long = std::string(201, 'x');
  EXPECT_EQ(api.send("GET", "/api/v1/cases/" + pseudonym(3), kSupervisor, "",
                     {{"X-Samsag-Purpose", too_long}})
                .status,
            400);
  const auto audit = api.sink.audit(kAudit);
  ASSERT_EQ(audit.size(), 3U);
  EXPECT_EQ(audit[0].outcome(), v1::ACCESS_OUTCOME_NOT_FOUND);
  EXPECT_EQ(audit[1].outcome(), v1::ACCESS_OUTCOME_INVALID);
  EXPECT_EQ(audit[1].citizen(), "");
  EXPECT_EQ(audit[2].purpose(), "hoi-coordination");
}

TEST(ReadApiTest, NoAcknowledgedAuditRecordMeans503AndNoData) {
  ApiHarness api(false, milliseconds(300));
  api.cases.put(case_of(pseudonym(4), "tovholder-1"));
  const std::string path = "/api/v1/cases/" + pseudonym(4);
  api.sink.script({Ack::kFail, Ack::kNever, Ack::kFail});
  const double timeouts = audit_failures("timeout");
  const double kafka_errors = audit_failures("kafka_error");
  for (int attempt = 0; attempt < 2; ++attempt) {
    const auto reply = api.send("GET", path, kCoordinator);
    EXPECT_EQ(reply.status, 503) << reply.body;
    EXPECT_EQ(reply.header("Retry-After"), "5");
    EXPECT_EQ(json(reply).at("error").as_string(), "UNAVAILABLE");
    EXPECT_EQ(reply.body.find("tovholder"), std::string::npos);
    EXPECT_FALSE(reply.header("ETag").has_value());
  }
  // A denial is not answered without its record either.
  EXPECT_EQ(api.send("GET", path, kOtherCoordinator).status, 503);
  EXPECT_EQ(api.send("GET", path, kCoordinator).status, 200);
  EXPECT_EQ(audit_failures("timeout") - timeouts, 1);
  EXPECT_EQ(audit_failures("kafka_error") - kafka_errors, 2);
}

TEST(ReadApiTest, BeforeTheCasesAreRestoredAnExistingCaseIs503NotA404) {
  ApiHarness api;
  api.cases.put(case_of(pseudonym(5), "tovholder-1"));
  api.restored = false;
  const std::string path = "/api/v1/cases/" + pseudonym(5);
  for (const auto& [method, target, body] :
       std::vector<std::tuple<std::string, std::string, std::string>>{
           {"GET", path, ""},
           {"GET", "/api/v1/cases?mine=true", ""},
           {"POST", path + "/plan/goals", R"({"area":"JOB","title":"Praktik"})"}}) {
    const auto reply = api.send(method, target, kCoordinator, body);
    EXPECT_EQ(reply.status, 503) << method << " " << target << ": " << reply.body;
    EXPECT_EQ(reply.header("Retry-After"), "5");
    EXPECT_EQ(json(reply).at("error").as_string(), "UNAVAILABLE");
  }
  // A 503 before any decision is not audited (API.md); a 401 still is.
  EXPECT_TRUE(api.sink.audit(kAudit).empty());
  EXPECT_EQ(api.send("GET", path, "").status, 401);
  EXPECT_EQ(api.sink.audit(kAudit).size(), 1U);
  api.restored = true;
  EXPECT_EQ(api.send("GET", path, kCoordinator).status, 200);
}

TEST(ReadApiTest, TheListHoldsTheCallersCasesAndPagesForASupervisor) {
  ApiHarness api;
  for (int n = 0; n < 6; ++n) {
    api.cases.put(case_of(pseudonym(n), n % 2 == 0 ? "tovholder-1" : "tovholder-2"), n % 4);
  }
  const auto mine = api.send("GET", "/api/v1/cases?mine=true", kCoordinator);
  ASSERT_EQ(mine.status, 200) << mine.body;
  const auto body = json(mine);
  const auto& listed = body.at("cases").as_array();
  ASSERT_EQ(listed.size(), 3U);
  for (const auto& entry : listed) {
    EXPECT_EQ(entry.at("coordinator_id").as_string(), "tovholder-1");
    EXPECT_FALSE(entry.at("summary").as_string().empty());
    EXPECT_TRUE(entry.as_object().contains("last_event_at"));
  }
  EXPECT_EQ(api.send("GET", "/api/v1/cases?mine=false", kCoordinator).status, 403);
  EXPECT_EQ(api.send("GET", "/api/v1/cases?mine=maybe", kCoordinator).status, 400);
  EXPECT_EQ(api.send("GET", "/api/v1/cases?limit=0", kCoordinator).status, 400);
  EXPECT_EQ(api.send("GET", "/api/v1/cases?limit=1001", kCoordinator).status, 400);

  const auto page = api.send("GET", "/api/v1/cases?mine=false&limit=4", kSupervisor);
  ASSERT_EQ(page.status, 200) << page.body;
  ASSERT_EQ(json(page).at("cases").as_array().size(), 4U);
  const std::string after(json(page).at("next_after").as_string());
  const auto rest = api.send("GET", "/api/v1/cases?mine=false&limit=4&after=" + after, kSupervisor);
  ASSERT_EQ(rest.status, 200) << rest.body;
  EXPECT_EQ(json(rest).at("cases").as_array().size(), 2U);

  const auto audit = api.sink.audit(kAudit);
  ASSERT_EQ(audit.size(), 7U);
  EXPECT_EQ(audit[0].action(), v1::ACCESS_ACTION_LIST_CASES);
  EXPECT_EQ(audit[0].citizen(), "");
  EXPECT_EQ(audit[1].outcome(), v1::ACCESS_OUTCOME_FORBIDDEN);
}

}  // namespace
}  // namespace samsag::bridge::api::test
