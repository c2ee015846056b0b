// The generator's output keeps the contracts in adapters/*/FORMAT.md, and manifest.json counts
// exactly what the files hold. The FHIR classification below is written from FORMAT.md's tables,
// independently of the generator, so a disagreement between the two shows up here.
#include <gtest/gtest.h>

#include <array>
#include <boost/json.hpp>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "cli/gen/generator.h"
#include "core/privacy/cpr.h"
#include "tests/unit/cli/gen_test_support.h"

namespace samsag::gen {
namespace {

namespace json = boost::json;
using testing::lines_of;
using testing::read_file;
using testing::ScratchDirectory;

using Counts = std::map<std::string, std::uint64_t>;

class GenContract : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new ScratchDirectory();
    GenOptions options = testing::options_for(dir_->path(), 150, 4);
    options.employment_rows_per_file = 1000;  // several files, both CSV dialects
    ASSERT_TRUE(generate(options).ok());
    manifest_ = json::parse(read_file(dir_->path() / "manifest.json")).as_object();
  }
  static void TearDownTestSuite() {
    delete dir_;
    dir_ = nullptr;
  }
  static const json::object& sector(const char* name) {
    return manifest_.at("sectors").as_object().at(name).as_object();
  }
  static Counts manifest_events(const char* name) {
    Counts out;
    for (const auto& [event, count] : sector(name).at("events").as_object()) {
      out[std::string(event)] = count.to_number<std::uint64_t>();
    }
    return out;
  }
  static std::uint64_t number(const json::object& o, const char* key) {
    return o.at(key).to_number<std::uint64_t>();
  }

  static inline ScratchDirectory* dir_ = nullptr;
  static inline json::object manifest_;
};

// Splits one CSV line by ';' honouring "quoted; fields" with "" escapes.
std::vector<std::string> split_csv(const std::string& line) {
  std::vector<std::string> fields(1);
  bool quoted = false;
  for (std::size_t i = 0; i < line.size(); ++i) {
    const char c = line[i];
    if (quoted) {
      if (c == '"' && i + 1 < line.size() && line[i + 1] == '"') {
        fields.back().push_back('"');
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        fields.back().push_back(c);
      }
    } else if (c == '"') {
      quoted = true;
    } else if (c == ';') {
      fields.emplace_back();
    } else {
      fields.back().push_back(c);
    }
  }
  return fields;
}

struct EmploymentType {
  const char* name;
  std::vector<const char*> required;
};

// FORMAT.md §5: haendelse -> event, and the columns each type must fill.
const std::map<std::string, EmploymentType>& employment_types() {
  static const std::map<std::string, EmploymentType> types = {
      {"MAALGRUPPE", {"TargetGroupAssigned", {"maalgruppe"}}},
      {"PARATHED", {"ReadinessAssessed", {"parathed"}}},
      {"YDELSE_START", {"BenefitStarted", {"forloeb_id", "ydelse"}}},
      {"YDELSE_AENDRING", {"BenefitChanged", {"forloeb_id", "ydelse", "ydelse_status"}}},
      {"YDELSE_SLUT", {"BenefitEnded", {"forloeb_id", "ydelse"}}},
      {"INDSATS_START", {"EffortStarted", {"forloeb_id", "indsats"}}},
      {"INDSATS_SLUT", {"EffortEnded", {"forloeb_id", "indsats"}}},
      {"MOEDE_PLANLAGT", {"MeetingScheduled", {"forloeb_id", "moedetype", "moedetidspunkt"}}},
      {"MOEDE_AFHOLDT", {"MeetingHeld", {"forloeb_id", "moedetype", "moedetidspunkt"}}},
      {"MOEDE_AFLYST", {"MeetingCancelled", {"forloeb_id", "moedetype", "moedetidspunkt"}}},
      {"JOB_UDDANNELSE_START", {"JobOrEducationStarted", {"forloeb_id", "beskaeftigelse"}}},
      {"JOB_UDDANNELSE_SLUT", {"JobOrEducationEnded", {"forloeb_id", "beskaeftigelse"}}},
      {"SYGEMELDING", {"SicknessReported", {"forloeb_id"}}},
      {"RASKMELDING", {"SicknessEnded", {"forloeb_id"}}},
      {"SAGSBEHANDLER", {"CaseworkerAssigned", {"rolle", "enhed"}}},
  };
  return types;
}

bool is_date(const std::string& text) {
  if (Date::parse_iso(text)) return true;
  // DD-MM-YYYY
  return text.size() == 10 &&
         Date::parse_iso(text.substr(6, 4) + "-" + text.substr(3, 2) + "-" + text.substr(0, 2))
             .has_value();
}

TEST_F(GenContract, EmploymentRowsFollowTheCsvContractAndTheManifest) {
  Counts events;
  std::set<std::pair<std::string, std::string>> ids;
  std::uint64_t total = 0;
  const json::array& files = sector("employment").at("files").as_array();
  ASSERT_GE(files.size(), 3u);
  for (std::size_t f = 0; f < files.size(); ++f) {
    const json::object& file = files[f].as_object();
    std::string content = read_file(dir_->path() / std::string(file.at("path").as_string()));
    const bool windows = f % 2 == 1;
    EXPECT_EQ(content.rfind("\xEF\xBB\xBF", 0) == 0, windows);
    EXPECT_EQ(content.find("\r\n") != std::string::npos, windows);
    if (windows) content.erase(0, 3);
    const std::vector<std::string> lines = lines_of(content);
    const std::vector<std::string> header = split_csv(lines.at(0));
    std::map<std::string, std::size_t> column;
    for (std::size_t i = 0; i < header.size(); ++i) column[header[i]] = i;
    for (const char* mandatory : {"cpr", "haendelse", "dato", "registrering_id", "version"}) {
      ASSERT_TRUE(column.count(mandatory)) << mandatory;
    }
    EXPECT_EQ(lines.size() - 1, number(file, "records"));
    for (std::size_t l = 1; l < lines.size(); ++l) {
      const std::vector<std::string> row = split_csv(lines[l]);
      ASSERT_EQ(row.size(), header.size()) << "line " << l;
      auto at = [&](const char* name) { return row[column.at(name)]; };
      EXPECT_TRUE(privacy::Cpr::parse(at("cpr")).ok());
      EXPECT_TRUE(is_date(at("dato")));
      EXPECT_EQ(at("kildesystem"), "samsag-gen");
      EXPECT_EQ(at("kommunekode"), windows ? "0751" : "751");
      const auto type = employment_types().find(at("haendelse"));
      ASSERT_NE(type, employment_types().end()) << at("haendelse");
      for (const char* required : type->second.required) {
        EXPECT_FALSE(at(required).empty()) << at("haendelse") << " without " << required;
      }
      EXPECT_TRUE(ids.emplace(at("registrering_id"), at("version")).second)
          << "two rows would be the same event";
      ++events[type->second.name];
      ++total;
    }
  }
  EXPECT_EQ(total, number(sector("employment"), "records"));
  EXPECT_EQ(events, manifest_events("employment"));
}

TEST_F(GenContract, SocialRequestsFollowTheJsonContractAndTheManifest) {
  static const std::set<std::string> kTypes = {"MEASURE_GRANTED",     "MEASURE_ENDED",
                                               "CASEWORKER_ASSIGNED", "MEETING_SCHEDULED",
                                               "MEETING_HELD",        "MEETING_CANCELLED"};
  static const std::set<std::string> kLegalBases = {"SEL-82B", "SEL-85",  "SEL-99",  "SEL-101",
                                                    "SUL-141", "SEL-103", "SEL-104", "SEL-107",
                                                    "SEL-108", "SEL-110", "SEL-97"};
  static const std::map<std::string, std::string> kNames = {
      {"MEASURE_GRANTED", "MeasureGranted"},
      {"MEASURE_ENDED", "MeasureEnded"},
      {"CASEWORKER_ASSIGNED", "CaseworkerAssigned"},
      {"MEETING_SCHEDULED", "MeetingScheduled"},
      {"MEETING_HELD", "MeetingHeld"},
      {"MEETING_CANCELLED", "MeetingCancelled"}};
  Counts events;
  std::set<std::pair<std::string, std::int64_t>> ids;
  const json::array& files = sector("social").at("files").as_array();
  ASSERT_GE(files.size(), 2u);
  for (std::size_t f = 0; f < files.size(); ++f) {
    const json::object& file = files[f].as_object();
    const json::value body =
        json::parse(read_file(dir_->path() / std::string(file.at("path").as_string())));
    std::vector<json::object> objects;
    if (f == 0) {
      objects.push_back(body.as_object());  // the first request is a single event object
    } else {
      const json::array& batch = body.as_object().at("events").as_array();
      EXPECT_LE(batch.size(), 250u);
      for (const json::value& v : batch) objects.push_back(v.as_object());
    }
    EXPECT_EQ(objects.size(), number(file, "records"));
    for (const json::object& e : objects) {
      const std::string type(e.at("type").as_string());
      ASSERT_TRUE(kTypes.count(type)) << type;
      EXPECT_TRUE(privacy::Cpr::parse(std::string(e.at("cpr").as_string())).ok());
      EXPECT_EQ(e.at("source_system").as_string(), "samsag-gen");
      EXPECT_TRUE(e.contains("occurred_at"));
      EXPECT_TRUE(
          ids.emplace(std::string(e.at("record_id").as_string()), e.at("version").as_int64())
              .second);
      if (type.rfind("MEASURE_", 0) == 0) {
        EXPECT_TRUE(kLegalBases.count(std::string(e.at("legal_basis").as_string())));
        EXPECT_TRUE(e.contains("measure_id"));
        EXPECT_TRUE(e.contains(type == "MEASURE_GRANTED" ? "start" : "end"));
      } else if (type == "CASEWORKER_ASSIGNED") {
        EXPECT_FALSE(e.at("contact").as_object().at("unit_name").as_string().empty());
      } else {
        const std::string at(e.at("scheduled_at").as_string());
        EXPECT_EQ(at.size(), 25u) << "RFC 3339 with seconds and offset: " << at;
        EXPECT_TRUE(e.contains("meeting_id") && e.contains("kind"));
      }
      ++events[kNames.at(type)];
    }
  }
  EXPECT_EQ(events, manifest_events("social"));
}

std::string coding_code(const json::value* element, std::string_view system) {
  if (element == nullptr) return {};
  auto from_concept = [&](const json::object& concept_) -> std::string {
    if (!concept_.contains("coding")) return {};
    for (const json::value& c : concept_.at("coding").as_array()) {
      if (c.as_object().at("system").as_string() == system) {
        return std::string(c.as_object().at("code").as_string());
      }
    }
    return {};
  };
  if (element->is_object()) return from_concept(element->as_object());
  for (const json::value& concept_ : element->as_array()) {
    std::string code = from_concept(concept_.as_object());
    if (!code.empty()) return code;
  }
  return {};
}

constexpr std::string_view kSamsag = "http://samsag.dk/fhir/CodeSystem/";

// FORMAT.md §5 (health) and §6.2 (region): the event a resource version gives, or "" for dropped.
std::string classify(const json::object& r, bool health) {
  const std::string type(r.at("resourceType").as_string());
  const std::string status = r.contains("status") ? std::string(r.at("status").as_string()) : "";
  auto code_in = [&](const char* element, const char* system) {
    return coding_code(r.if_contains(element), std::string(kSamsag) + system);
  };
  auto course = [&](const std::string& stem, const std::set<std::string>& start_statuses,
                    const std::set<std::string>& end_statuses) -> std::string {
    if (start_statuses.count(status)) return stem + "Started";
    if (end_statuses.count(status)) return stem + "Ended";
    return "";
  };
  if (type == "Appointment") {
    return status == "booked"      ? "AppointmentScheduled"
           : status == "cancelled" ? "AppointmentCancelled"
                                   : "";
  }
  if (health) {
    if (type == "EpisodeOfCare") {
      const std::string kind = code_in("type", "episode-kind");
      const std::string stem = kind.rfind("health-course-", 0) == 0 ? "HealthCourse" : "HomeCare";
      EXPECT_TRUE(kind.rfind("home-", 0) == 0 || kind.rfind("health-course-", 0) == 0) << kind;
      return course(stem, {"active"}, {"finished", "cancelled"});
    }
    if (type == "CarePlan") {
      const std::string kind = code_in("category", "care-plan-kind");
      EXPECT_TRUE(kind == "rehabilitation-sul-140" || kind == "rehabilitation-sel-86") << kind;
      return course("Rehabilitation", {"active"}, {"completed", "revoked"});
    }
    if (type == "CareTeam") return status == "active" ? "CaseworkerAssigned" : "";
    return "";
  }
  if (type == "Encounter") {
    const std::string cls(r.at("class").as_object().at("code").as_string());
    const std::string setting = code_in("type", "care-setting");
    EXPECT_TRUE(setting == "somatic" || setting == "psychiatric") << setting;
    if (cls == "IMP" || cls == "ACUTE" || cls == "NONAC") {
      if (status == "in-progress" || status == "onleave") return "HospitalAdmitted";
      return status == "finished" ? "HospitalDischarged" : "";
    }
    if (cls == "AMB") {
      return course(setting == "psychiatric" ? "PsychiatricCourse" : "OutpatientCourse",
                    {"in-progress", "arrived"}, {"finished"});
    }
    return "";
  }
  if (type == "EpisodeOfCare") {
    const std::string kind = code_in("type", "episode-kind");
    EXPECT_TRUE(kind == "outpatient-somatic" || kind.rfind("psychiatric", 0) == 0) << kind;
    return course(kind == "outpatient-somatic" ? "OutpatientCourse" : "PsychiatricCourse",
                  {"active"}, {"finished", "cancelled"});
  }
  if (type == "CarePlan") {
    EXPECT_EQ(code_in("category", "care-plan-kind").rfind("rehabilitation-plan", 0), 0u);
    EXPECT_TRUE(r.contains("created"));
    return status == "active" || status == "completed" ? "RehabilitationPlanIssued" : "";
  }
  return "";
}

void check_bundles(const ScratchDirectory& dir, const json::object& tally, bool health,
                   const Counts& expected_events) {
  Counts events;
  std::uint64_t records = 0, dropped = 0, skipped = 0;
  std::set<std::pair<std::string, std::string>> versions;
  for (const json::value& file_value : tally.at("files").as_array()) {
    const json::object& file = file_value.as_object();
    const json::object bundle =
        json::parse(read_file(dir.path() / std::string(file.at("path").as_string()))).as_object();
    EXPECT_EQ(bundle.at("resourceType").as_string(), "Bundle");
    EXPECT_EQ(bundle.at("type").as_string(), "collection");
    std::map<std::string, std::string> municipality_by_reference;
    const json::array& entries = bundle.at("entry").as_array();
    for (const json::value& entry : entries) {
      const json::object& r = entry.as_object().at("resource").as_object();
      if (r.at("resourceType").as_string() != "Patient") continue;
      const json::object& identifier = r.at("identifier").as_array().at(0).as_object();
      EXPECT_EQ(identifier.at("system").as_string(), "urn:oid:1.2.208.176.1.2");
      EXPECT_TRUE(privacy::Cpr::parse(std::string(identifier.at("value").as_string())).ok());
      const std::string code =
          coding_code(&r.at("address")
                           .as_array()
                           .at(0)
                           .as_object()
                           .at("extension")
                           .as_array()
                           .at(0)
                           .as_object()
                           .at("valueCodeableConcept"),
                      "http://hl7.dk/fhir/core/CodeSystem/dk-core-municipality-codes");
      const std::string id(r.at("id").as_string());
      municipality_by_reference["Patient/" + id] = code;
      municipality_by_reference[std::string(entry.as_object().at("fullUrl").as_string())] = code;
    }
    std::uint64_t file_records = 0, file_dropped = 0, file_skipped = 0;
    for (const json::value& entry : entries) {
      const json::object& r = entry.as_object().at("resource").as_object();
      const std::string type(r.at("resourceType").as_string());
      if (type == "Patient") continue;
      const json::object& meta = r.at("meta").as_object();
      EXPECT_TRUE(meta.contains("lastUpdated"));
      EXPECT_EQ(meta.at("source").as_string(), "samsag-gen");
      EXPECT_TRUE(versions
                      .emplace(type + "/" + std::string(r.at("id").as_string()),
                               std::string(meta.at("versionId").as_string()))
                      .second)
          << "two entries would be the same event";
      const json::value* subject = r.if_contains("subject");
      if (subject == nullptr) subject = r.if_contains("patient");
      const std::string reference(subject != nullptr
                                      ? subject->as_object().at("reference").as_string()
                                      : r.at("participant")
                                            .as_array()
                                            .at(0)
                                            .as_object()
                                            .at("actor")
                                            .as_object()
                                            .at("reference")
                                            .as_string());
      ASSERT_TRUE(municipality_by_reference.count(reference)) << reference;
      EXPECT_EQ(reference.rfind(health ? "https://" : "Patient/", 0), 0u) << reference;
      if (!health && municipality_by_reference.at(reference) != "0751") {
        ++file_skipped;
        continue;
      }
      const std::string event = classify(r, health);
      if (event.empty()) {
        ++file_dropped;
      } else {
        ++file_records;
        ++events[event];
      }
    }
    EXPECT_EQ(file_records, file.at("records").to_number<std::uint64_t>());
    EXPECT_EQ(file_dropped, file.at("dropped_resources").to_number<std::uint64_t>());
    EXPECT_EQ(file_skipped, file.at("skipped_other_municipality").to_number<std::uint64_t>());
    records += file_records;
    dropped += file_dropped;
    skipped += file_skipped;
  }
  EXPECT_EQ(records, tally.at("records").to_number<std::uint64_t>());
  EXPECT_EQ(dropped, tally.at("dropped_resources").to_number<std::uint64_t>());
  EXPECT_EQ(skipped, tally.at("skipped_other_municipality").to_number<std::uint64_t>());
  EXPECT_GT(dropped, 0u);
  EXPECT_EQ(events, expected_events);
}

TEST_F(GenContract, HealthBundlesFollowTheFhirContractAndTheManifest) {
  check_bundles(*dir_, sector("health"), true, manifest_events("health"));
}

TEST_F(GenContract, RegionBundlesFollowTheFhirContractAndTheManifest) {
  check_bundles(*dir_, sector("region"), false, manifest_events("region"));
  EXPECT_GT(number(sector("region"), "skipped_other_municipality"), 0u)
      << "150 citizens should include a neighbour in the region's export";
}

TEST_F(GenContract, ConsentDecisionsMatchTheManifestAndWithdrawKnownConsents) {
  const std::vector<std::string> lines =
      lines_of(read_file(dir_->path() / "consent/decisions.jsonl"));
  EXPECT_EQ(lines.size(), number(sector("consent"), "records"));
  Counts events;
  std::set<std::string> granted;
  for (const std::string& line : lines) {
    const json::object d = json::parse(line).as_object();
    EXPECT_TRUE(privacy::Cpr::parse(std::string(d.at("cpr").as_string())).ok());
    const std::string id(d.at("consent_id").as_string());
    if (d.at("granted").as_bool()) {
      EXPECT_EQ(d.at("purpose").as_string(), "HOI_COORDINATION");
      granted.insert(id);
      ++events["ConsentGranted"];
    } else {
      EXPECT_TRUE(granted.count(id)) << "withdrawal before its grant";
      ++events["ConsentWithdrawn"];
    }
  }
  EXPECT_EQ(events, manifest_events("consent"));
  EXPECT_GT(events["ConsentWithdrawn"], 0u);
}

TEST_F(GenContract, CitizenListMatchesTheManifest) {
  const std::vector<std::string> lines = lines_of(read_file(dir_->path() / "citizens.csv"));
  ASSERT_EQ(lines.size(), 151u);
  std::array<std::uint64_t, 4> sums{};
  std::set<std::string> consent_kinds;
  for (std::size_t i = 1; i < lines.size(); ++i) {
    std::vector<std::string> fields;
    std::size_t start = 0;
    for (std::size_t comma; (comma = lines[i].find(',', start)) != std::string::npos;
         start = comma + 1) {
      fields.push_back(lines[i].substr(start, comma - start));
    }
    fields.push_back(lines[i].substr(start));
    ASSERT_EQ(fields.size(), 8u);
    EXPECT_EQ(fields[0], std::to_string(i - 1));
    consent_kinds.insert(fields[3]);
    for (std::size_t s = 0; s < sums.size(); ++s) sums[s] += std::stoull(fields[4 + s]);
  }
  EXPECT_EQ(sums[0], number(sector("employment"), "records"));
  EXPECT_EQ(sums[1], number(sector("social"), "records"));
  EXPECT_EQ(sums[2], number(sector("health"), "records"));
  EXPECT_EQ(sums[3], number(sector("region"), "records"));
  EXPECT_EQ(consent_kinds,
            (std::set<std::string>{"ALL", "PARTIAL", "NONE", "WITHDRAWN", "EXPIRED"}));
}

TEST(GenEmploymentRows, GivesExactlyTheRequestedNumberOfRows) {
  for (std::uint64_t rows : {20u, 1234u}) {
    ScratchDirectory dir;
    GenOptions options = testing::options_for(dir.path(), 7, 3);
    options.employment_rows = rows;
    const auto summary = generate(options);
    ASSERT_TRUE(summary.ok());
    EXPECT_EQ(summary->employment, rows);
    std::uint64_t data_rows = 0;
    for (const auto& [path, content] : testing::read_tree(dir.path() / "employment")) {
      data_rows += lines_of(content).size() - 1;
    }
    EXPECT_EQ(data_rows, rows);
  }
}

}  // namespace
}  // namespace samsag::gen
