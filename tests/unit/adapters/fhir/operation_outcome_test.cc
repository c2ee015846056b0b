#include "adapters/fhir/operation_outcome.h"

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>

#include "adapters/health/health_parser.h"

namespace samsag::adapters::fhir {
namespace {

TEST(OperationOutcomeTest, OneIssuePerRejectedEntryWithFhirPathExpression) {
  const std::string body = R"({"resourceType": "Bundle", "type": "collection", "entry": [
    {"resource": {"resourceType": "CarePlan", "id": "c1", "meta": {"versionId": "1"},
     "status": "active", "category": [{"coding": [{"system":
     "http://samsag.dk/fhir/CodeSystem/care-plan-kind", "code": "rehabilitation-sel-86"}]}],
     "subject": {"reference": "Patient/none"}}}]})";
  const FhirParse parsed = health::parse_health_request({body, "r", 751, ""});
  const auto outcome = boost::json::parse(operation_outcome_json(issues_for(parsed)));
  EXPECT_EQ(outcome.at("resourceType"), "OperationOutcome");
  const auto& issues = outcome.at("issue").as_array();
  ASSERT_EQ(issues.size(), 1U);
  EXPECT_EQ(issues[0].at("severity"), "error");
  EXPECT_EQ(issues[0].at("code"), "required");
  EXPECT_EQ(issues[0].at("expression").at(0), "Bundle.entry[0].resource.subject");
  EXPECT_FALSE(issues[0].at("diagnostics").as_string().empty());
}

TEST(OperationOutcomeTest, SingleResourceExpressionsStartAtItsType) {
  const std::string body = R"({"resourceType": "Appointment", "id": "a1",
    "meta": {"versionId": "1", "lastUpdated": "2026-03-01T10:00:00Z"}, "status": "booked",
    "start": "2026-03-01T10:00:00+01:00", "contained": [{"resourceType": "Patient", "id": "p",
    "identifier": [{"system": "urn:oid:1.2.208.176.1.2", "value": "0201609995"}]}],
    "participant": [{"actor": {"reference": "#p"}}], "appointmentType": {"coding": [{"system":
    "http://samsag.dk/fhir/CodeSystem/meeting-mode", "code": "smoke-signals"}]}})";
  const FhirParse parsed = health::parse_health_request({body, "r", 751, "Appointment"});
  const auto issues = issues_for(parsed);
  ASSERT_EQ(issues.size(), 1U);
  EXPECT_EQ(issues[0].code, "value");
  EXPECT_EQ(issues[0].expression, std::vector<std::string>{"Appointment.appointmentType"});
}

TEST(OperationOutcomeTest, WholeBodyProblemHasNoExpressionAndStructureCode) {
  const FhirParse parsed = health::parse_health_request({"{", "r", 751, ""});
  const auto issues = issues_for(parsed);
  ASSERT_EQ(issues.size(), 1U);
  EXPECT_EQ(issues[0].code, "structure");
  EXPECT_TRUE(issues[0].expression.empty());
}

TEST(OperationOutcomeTest, EmptyIssueListStillHasOneInformationalIssue) {
  const auto outcome = boost::json::parse(operation_outcome_json({}));
  EXPECT_EQ(outcome.at("issue").at(0).at("severity"), "information");
  EXPECT_EQ(outcome.at("issue").at(0).at("code"), "informational");
}

TEST(OperationOutcomeTest, IssueTypesFollowTheDeadLetterReason) {
  EXPECT_EQ(issue_type_for(samsag::v1::DEAD_LETTER_REASON_MISSING_FIELD), "required");
  EXPECT_EQ(issue_type_for(samsag::v1::DEAD_LETTER_REASON_INVALID_CPR), "value");
  EXPECT_EQ(issue_type_for(samsag::v1::DEAD_LETTER_REASON_TOO_LARGE), "too-long");
  EXPECT_EQ(issue_type_for(samsag::v1::DEAD_LETTER_REASON_BAD_ENCODING), "structure");
}

}  // namespace
}  // namespace samsag::adapters::fhir
