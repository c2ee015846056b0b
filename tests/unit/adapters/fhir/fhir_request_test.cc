#include "adapters/fhir/fhir_request.h"

#include <gtest/gtest.h>

#include <variant>

#include "adapters/health/health_parser.h"
#include "adapters/region/region_parser.h"
#include "tests/unit/adapters/support/parse_result_json.h"

namespace samsag::adapters::fhir {
namespace {

using samsag::adapters::testing::read_file;

constexpr std::uint32_t kAarhus = 751;

const std::string kPatient = R"({"fullUrl": "urn:uuid:p", "resource": {"resourceType": "Patient",
    "id": "p1", "identifier": [{"system": "urn:oid:1.2.208.176.1.2", "value": "0201609995"}]}})";

std::string episode(const std::string& id, const std::string& start,
                    const std::string& extra = "") {
  return R"({"resourceType": "EpisodeOfCare", "id": ")" + id +
         R"(", "meta": {"versionId": "1", "lastUpdated": "2026-03-01T10:00:00Z"},
      "status": "active", "type": [{"coding": [{"system":
      "http://samsag.dk/fhir/CodeSystem/episode-kind", "code": "home-nursing"}]}],
      "patient": {"reference": "urn:uuid:p"}, "period": {"start": ")" +
         start + "\"}" + extra + "}";
}

std::string bundle(const std::vector<std::string>& resources, const std::string& type = "batch") {
  std::string body =
      R"({"resourceType": "Bundle", "type": ")" + type + R"(", "entry": [)" + kPatient;
  for (const std::string& resource : resources) body += R"(, {"resource": )" + resource + "}";
  return body + "]}";
}

std::size_t accepted(const FhirParse& parsed) {
  std::size_t count = 0;
  for (const auto& record : parsed.parsed.records) {
    count += std::holds_alternative<SourceRecord>(record) ? 1 : 0;
  }
  return count;
}

TEST(FhirRequestTest, SharedLabBundleGivesNoEventOnlyEightDroppedObservations) {
  const std::string body = read_file("tests/data/fhir/dk-core/dk-core-lab-bundle.json");
  for (auto parse : {health::parse_health_request, region::parse_region_request}) {
    const FhirParse parsed = parse({body, "lab", kAarhus, ""});
    EXPECT_FALSE(parsed.body_rejected);
    EXPECT_TRUE(parsed.parsed.records.empty());
    ASSERT_EQ(parsed.parsed.dropped.size(), 1U);
    EXPECT_EQ(parsed.parsed.dropped[0].first, "Observation");
    EXPECT_EQ(parsed.parsed.dropped[0].second, 8);
    EXPECT_EQ(parsed.skipped_other_municipality, 0);
    EXPECT_FALSE(parsed.first_error.has_value());
  }
}

TEST(FhirRequestTest, DkCorePatientExampleAloneGivesNothingAtAll) {
  const std::string body = read_file("tests/data/fhir/dk-core/dk-core-Patient-example.json");
  for (const std::string url_type : {"", "Patient"}) {
    const FhirParse parsed = health::parse_health_request({body, "p", kAarhus, url_type});
    EXPECT_FALSE(parsed.body_rejected);
    EXPECT_TRUE(parsed.parsed.records.empty());
    EXPECT_TRUE(parsed.parsed.dropped.empty());
    EXPECT_EQ(parsed.body_resource_type, "Patient");
  }
}

TEST(FhirRequestTest, BodyMustHaveTheResourceTypeOfTheUrl) {
  const FhirParse parsed =
      health::parse_health_request({episode("e1", "2026-03-01"), "r", kAarhus, "CarePlan"});
  EXPECT_TRUE(parsed.body_rejected);
  ASSERT_TRUE(parsed.first_error.has_value());
  EXPECT_EQ(parsed.first_error->code, "UNPARSEABLE");
  EXPECT_EQ(parsed.first_error->field, "resourceType");
}

TEST(FhirRequestTest, SingleResourceNamesItsCitizenOnlyThroughAContainedPatient) {
  const FhirParse parsed =
      health::parse_health_request({episode("e1", "2026-03-01"), "r", kAarhus, "EpisodeOfCare"});
  EXPECT_FALSE(parsed.body_rejected);
  ASSERT_TRUE(parsed.first_error.has_value());
  EXPECT_EQ(parsed.first_error->code, "MISSING_CPR");
  EXPECT_EQ(parsed.first_error->field, "patient");
  EXPECT_EQ(parsed.body_resource_type, "EpisodeOfCare");
}

TEST(FhirRequestTest, RegionSkipsOtherMunicipalitiesOnlyWhenItKnowsItsOwn) {
  const std::string body =
      read_file("tests/data/fhir/golden/region/other_municipality_skipped.json");
  const FhirParse aarhus = region::parse_region_request({body, "r", kAarhus, ""});
  EXPECT_EQ(aarhus.skipped_other_municipality, 2);
  EXPECT_EQ(accepted(aarhus), 2U);
  const FhirParse randers = region::parse_region_request({body, "r", 730, ""});
  EXPECT_EQ(randers.skipped_other_municipality, 0);  // the unmarked Patient is trusted
  EXPECT_EQ(accepted(randers), 3U);
  const FhirParse unset = region::parse_region_request({body, "r", 0, ""});
  EXPECT_EQ(unset.skipped_other_municipality, 0);
  EXPECT_EQ(accepted(unset), 3U);
}

TEST(FhirRequestTest, EmptyBundleSaysNothing) {
  const FhirParse parsed = health::parse_health_request(
      {R"({"resourceType": "Bundle", "type": "transaction"})", "r", kAarhus, ""});
  EXPECT_FALSE(parsed.body_rejected);
  EXPECT_TRUE(parsed.parsed.records.empty());
  EXPECT_TRUE(parsed.parsed.dropped.empty());
}

TEST(FhirRequestTest, RecordsCarryTheirEntryIndexRequestAndVersion) {
  const FhirParse parsed = health::parse_health_request(
      {bundle({episode("e1", "2026-03-01"), episode("e2", "2026-03-02")}), "req-9", kAarhus, ""});
  ASSERT_EQ(accepted(parsed), 2U);
  const auto& second = std::get<SourceRecord>(parsed.parsed.records[1]);
  EXPECT_EQ(second.position.index, 2);  // entry 0 is the Patient
  EXPECT_EQ(second.position.request_id, "req-9");
  EXPECT_EQ(second.record_id, "EpisodeOfCare/e2");
  EXPECT_EQ(second.record_version, "1");
  EXPECT_EQ(second.cpr_text, "0201609995");
  EXPECT_EQ(second.payload.home_care_started().care_id(), "EpisodeOfCare/e2");
}

TEST(FhirRequestTest, RejectedResourceOriginalKeepsOnlyWhatTheMapperReads) {
  const std::string clinical =
      R"(, "reasonCode": [{"text": "Hjertesvigt"}], "diagnosis": [{"condition": {"display":
      "I50.9"}}], "note": [{"text": "Ryger"}], "text": {"div": "<div>Narrativ</div>"},
      "contained": [{"resourceType": "Observation", "valueString": "EF 30%"}])";
  const FhirParse parsed = health::parse_health_request(
      {bundle({episode("e1", "2026-02-30", clinical)}), "r", kAarhus, ""});
  ASSERT_EQ(parsed.parsed.records.size(), 1U);
  const auto& rejection = std::get<Rejection>(parsed.parsed.records[0]);
  EXPECT_EQ(rejection.reason, samsag::v1::DEAD_LETTER_REASON_INVALID_DATE);
  for (const char* secret : {"Hjertesvigt", "I50.9", "Ryger", "Narrativ", "EF 30%", "0201609995"}) {
    EXPECT_EQ(rejection.original.find(secret), std::string::npos) << secret;
  }
  for (const char* kept : {R"("id":"e1")", R"("versionId":"1")", "2026-02-30", "home-nursing"}) {
    EXPECT_NE(rejection.original.find(kept), std::string::npos)
        << kept << " in " << rejection.original;
  }
}

TEST(FhirRequestTest, WholeBodyRejectionOriginalKeepsNoClinicalResource) {
  const std::string body = R"({"resourceType": "Bundle", "type": "searchset", "entry": [)" +
                           kPatient +
                           R"(, {"resource": {"resourceType": "Observation", "id": "o1",
      "valueString": "HbA1c 58 mmol/mol"}}]})";
  const FhirParse parsed = region::parse_region_request({body, "r", kAarhus, ""});
  ASSERT_TRUE(parsed.body_rejected);
  const std::string& original = std::get<Rejection>(parsed.parsed.records[0]).original;
  EXPECT_EQ(original.find("HbA1c"), std::string::npos);
  EXPECT_NE(original.find("\"searchset\""), std::string::npos);
  EXPECT_NE(original.find("\"Observation\""), std::string::npos);
}

TEST(FhirRequestTest, NotJsonIsOneUnparseableRejectionOfTheWholeBody) {
  const FhirParse parsed = region::parse_region_request({"<Bundle/>", "r", kAarhus, ""});
  ASSERT_TRUE(parsed.body_rejected);
  ASSERT_EQ(parsed.parsed.records.size(), 1U);
  EXPECT_EQ(std::get<Rejection>(parsed.parsed.records[0]).reason,
            samsag::v1::DEAD_LETTER_REASON_UNPARSEABLE);
  EXPECT_EQ(parsed.body_resource_type, "");
}

TEST(FhirRequestTest, FirstErrorIsTheFirstRejectedEntry) {
  const FhirParse parsed = health::parse_health_request(
      {bundle({episode("e1", "2026-03-01"), episode("e2", "2026-13-01"), episode("e3", "x")}), "r",
       kAarhus, ""});
  ASSERT_TRUE(parsed.first_error.has_value());
  EXPECT_EQ(parsed.first_error->index, 2);
  EXPECT_EQ(parsed.first_error->field, "entry[2].resource.period.start");
  EXPECT_EQ(parsed.first_error->code, "INVALID_DATE");
}

}  // namespace
}  // namespace samsag::adapters::fhir
