// Data minimisation (domain.md §4): nothing of a clinical resource, a diagnosis, a reason, a
// note, a narrative or a name may reach anything a FHIR parser produces — not an event payload,
// not a record's original, not a dead letter's original, field or message. Every string of the
// test inputs that sits in such a place is collected and searched for in all the outputs.
#include <gtest/gtest.h>

#include <boost/json/parse.hpp>
#include <set>
#include <string_view>

#include "adapters/health/health_parser.h"
#include "adapters/json_source/json_body.h"
#include "adapters/region/region_parser.h"
#include "tests/unit/adapters/support/parse_result_json.h"

namespace samsag::adapters::fhir {
namespace {

namespace fs = std::filesystem;

const std::set<std::string_view> kMappedTypes = {
    "Patient", "Bundle", "EpisodeOfCare", "CarePlan", "CareTeam", "Encounter", "Appointment"};
// Elements whose content must never pass, in any resource.
const std::set<std::string_view> kForbidden = {"reasonCode",
                                               "reasonReference",
                                               "diagnosis",
                                               "note",
                                               "comment",
                                               "description",
                                               "text",
                                               "div",
                                               "patientInstruction",
                                               "serviceType",
                                               "specialty",
                                               "activity",
                                               "addresses",
                                               "hospitalization",
                                               "name",
                                               "family",
                                               "given",
                                               "line",
                                               "city",
                                               "member",
                                               "conclusion",
                                               "valueString",
                                               "valueQuantity",
                                               "contained"};
// Structural strings of any resource (references, systems, statuses, times) that may pass.
const std::set<std::string_view> kStructural = {
    "reference", "system",      "resourceType",      "fullUrl", "status",  "id",     "url",   "use",
    "versionId", "lastUpdated", "effectiveDateTime", "issued",  "profile", "intent", "method"};

bool has_letter(std::string_view text) {
  for (char c : text) {
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) return true;
  }
  return false;
}

void collect(const boost::json::value& value, bool secret, std::string_view key,
             std::set<std::string>& secrets) {
  if (value.is_string()) {
    const std::string_view text(value.get_string());
    if (secret && !kStructural.contains(key) && text.size() >= 4 && has_letter(text)) {
      secrets.emplace(text);
    }
  } else if (value.is_array()) {
    for (const auto& element : value.get_array()) collect(element, secret, key, secrets);
  } else if (value.is_object()) {
    const auto& object = value.get_object();
    bool clinical = secret;
    if (const auto* type = object.if_contains("resourceType"); type && type->is_string()) {
      clinical = clinical || !kMappedTypes.contains(std::string_view(type->get_string()));
    }
    for (const auto& member : object) {
      collect(member.value(), clinical || kForbidden.contains(member.key()), member.key(), secrets);
    }
  }
}

std::vector<std::string> outputs_of(const FhirParse& parsed) {
  std::vector<std::string> outputs;
  for (const ParsedRecord& record : parsed.parsed.records) {
    if (const auto* source = std::get_if<SourceRecord>(&record)) {
      outputs.push_back(source->payload.SerializeAsString());
      outputs.push_back(source->payload.Utf8DebugString());
      outputs.push_back(source->original);
      outputs.push_back(source->record_id + " " + source->source_system);
    } else {
      const auto& rejection = std::get<Rejection>(record);
      outputs.push_back(rejection.original + " " + rejection.message + " " + rejection.field);
    }
  }
  for (const auto& [type, count] : parsed.parsed.dropped) outputs.push_back(type);
  return outputs;
}

std::vector<fs::path> fhir_inputs() {
  std::vector<fs::path> inputs;
  for (const char* directory :
       {"tests/data/fhir/golden/health", "tests/data/fhir/golden/region",
        "tests/data/fhir/bad/health", "tests/data/fhir/bad/region", "tests/data/fhir/dk-core"}) {
    for (const auto& input : testing::corpus_inputs(directory)) inputs.push_back(input);
  }
  return inputs;
}

TEST(DataMinimisationTest, NoClinicalOrFreeTextStringReachesAnyParserOutput) {
  std::size_t inputs_with_secrets = 0;
  for (const fs::path& input : fhir_inputs()) {
    SCOPED_TRACE(input.string());
    const std::string body = testing::read_file(input);
    std::set<std::string> secrets;
    if (auto json = json_source::parse_json_body(body); json.ok()) {
      collect(json.value(), false, "", secrets);
    }
    if (!secrets.empty()) ++inputs_with_secrets;
    for (auto parse : {health::parse_health_request, region::parse_region_request}) {
      const FhirParse parsed = parse({body, "r", 751, ""});
      if (parsed.body_rejected && !json_source::parse_json_body(body).ok()) continue;
      for (const std::string& output : outputs_of(parsed)) {
        for (const std::string& secret : secrets) {
          EXPECT_EQ(output.find(secret), std::string::npos) << "leaked: " << secret;
        }
      }
    }
  }
  // The scan must have had something to look for: the corpus is full of clinical content.
  EXPECT_GE(inputs_with_secrets, 10U);
}

TEST(DataMinimisationTest, LabBundleValuesAreCollectedAsSecrets) {
  // The scanner itself: it must see the lab values it is meant to keep out.
  std::set<std::string> secrets;
  collect(boost::json::parse(testing::read_file("tests/data/fhir/dk-core/dk-core-lab-bundle.json")),
          false, "", secrets);
  EXPECT_TRUE(secrets.contains("Beta hCG"));
  EXPECT_TRUE(secrets.contains("Confirms pregnancy"));
  EXPECT_TRUE(secrets.contains("Nielsen"));
  EXPECT_FALSE(secrets.contains("Patient/astrid-larsen-nielsen"));
}

}  // namespace
}  // namespace samsag::adapters::fhir
