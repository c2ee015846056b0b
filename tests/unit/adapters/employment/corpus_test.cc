// The employment adapter's golden files and bad-input corpus (tests/data/employment/):
// golden/NAME.csv → the events in golden/NAME.expected.jsonl; bad/NAME.csv → the outcome of every
// row in bad/NAME.expected, after the parser and the adapter runtime's envelope (which is where
// CPR numbers are validated). SAMSAG_UPDATE_GOLDEN=1 rewrites the golden expectations.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "adapters/runtime/envelope.h"
#include "core/events/dead_letters.h"
#include "core/privacy/cpr_shape.h"
#include "tests/unit/adapters/employment/employment_test_support.h"

namespace samsag::adapters::employment {
namespace {

namespace fs = std::filesystem;
using testing::data_directory;
using testing::default_settings;
using testing::read_export;
using testing::read_file;

std::vector<fs::path> files_in(const fs::path& directory, const std::string& extension) {
  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(directory)) {
    if (entry.path().extension() == extension) files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  return files;
}

std::string rejection_line(std::uint64_t line, const Rejection& rejection) {
  std::string text =
      std::to_string(line) + " " + std::string(samsag::events::reason_name(rejection.reason));
  if (!rejection.field.empty()) text += " " + rejection.field;
  return text;
}

// The non-comment lines of a sidecar file.
std::string expectations(const fs::path& path) {
  std::istringstream in(read_file(path));
  std::string out;
  for (std::string line; std::getline(in, line);) {
    if (!line.empty() && line[0] != '#') out += line + "\n";
  }
  return out;
}

TEST(EmploymentGoldenTest, GoldenFilesGiveTheirExpectedEvents) {
  const auto inputs = files_in(data_directory() / "golden", ".csv");
  ASSERT_GE(inputs.size(), 3U);
  const bool update = std::getenv("SAMSAG_UPDATE_GOLDEN") != nullptr;
  for (const fs::path& input : inputs) {
    SCOPED_TRACE(input.string());
    std::string actual;
    for (const ExportRow& row :
         read_export(read_file(input), default_settings(), input.filename().string())) {
      if (const auto* rejection = std::get_if<Rejection>(&row.record)) {
        ADD_FAILURE() << "line " << rejection->position.line << ": " << rejection->message;
        continue;
      }
      actual += testing::record_json(row) + "\n";
    }
    fs::path expected_path = input;
    expected_path.replace_extension(".expected.jsonl");
    if (update) std::ofstream(expected_path, std::ios::binary) << actual;
    const std::string expected = read_file(expected_path);
    EXPECT_EQ(actual, expected);
    // Expected files are committed: a CPR number must never be in one, masked or not.
    EXPECT_FALSE(samsag::privacy::contains_cpr_shaped(expected));
  }
}

TEST(EmploymentGoldenTest, GoldenFilesCoverEveryEventType) {
  std::string all;
  for (const fs::path& input : files_in(data_directory() / "golden", ".csv")) {
    fs::path expected = input;
    all += read_file(expected.replace_extension(".expected.jsonl"));
  }
  for (const char* payload :
       {"target_group_assigned", "readiness_assessed", "benefit_started", "benefit_changed",
        "benefit_ended", "effort_started", "effort_ended", "meeting_scheduled", "meeting_held",
        "meeting_cancelled", "job_or_education_started", "job_or_education_ended",
        "sickness_reported", "sickness_ended", "caseworker_assigned"}) {
    EXPECT_NE(all.find(std::string("\"") + payload + "\""), std::string::npos) << payload;
  }
}

class EmploymentBadInputTest : public ::testing::Test {
 protected:
  EmploymentBadInputTest()
      : pseudonymiser_(
            samsag::privacy::Pseudonymiser::from_key(std::string(32, 'k'), "test").value()) {
    context_.municipality_code = 751;
    context_.sector = samsag::v1::SECTOR_EMPLOYMENT;
    context_.source_system = "test";
    context_.pseudonymiser = &pseudonymiser_;
  }

  // "LINE OUTCOME [field]" for every row, as the adapter would end up with it.
  std::string outcomes(const fs::path& input) const {
    std::string out;
    for (ExportRow& row :
         read_export(read_file(input), default_settings(), input.filename().string())) {
      if (auto* rejection = std::get_if<Rejection>(&row.record)) {
        EXPECT_EQ(rejection->position.file ? rejection->position.file->name : "",
                  input.filename().string());
        EXPECT_FALSE(rejection->original.empty());
        EXPECT_FALSE(rejection->message.empty());
        out += rejection_line(rejection->position.line, *rejection) + "\n";
        continue;
      }
      auto& record = std::get<SourceRecord>(row.record);
      const std::uint64_t line = record.position.line;
      auto event = make_event(std::move(record), context_, {});
      if (const auto* rejection = std::get_if<Rejection>(&event)) {
        out += rejection_line(line, *rejection) + "\n";
      } else {
        out += std::to_string(line) + " OK\n";
      }
    }
    return out;
  }

  samsag::privacy::Pseudonymiser pseudonymiser_;
  EnvelopeContext context_;
};

TEST_F(EmploymentBadInputTest, EveryBadRowGetsItsExpectedReason) {
  const auto inputs = files_in(data_directory() / "bad", ".csv");
  ASSERT_GE(inputs.size(), 10U);
  for (const fs::path& input : inputs) {
    SCOPED_TRACE(input.string());
    fs::path expected = input;
    EXPECT_EQ(outcomes(input), expectations(expected.replace_extension(".expected")));
  }
}

TEST_F(EmploymentBadInputTest, CorpusCoversEveryReasonOfTheFormat) {
  std::string all;
  for (const fs::path& input : files_in(data_directory() / "bad", ".expected")) {
    all += expectations(input);
  }
  for (const char* reason :
       {"UNPARSEABLE", "BAD_ENCODING", "MISSING_CPR", "INVALID_CPR", "UNKNOWN_EVENT_TYPE",
        "MISSING_FIELD", "INVALID_VALUE", "INVALID_DATE", "WRONG_MUNICIPALITY", "TOO_LARGE"}) {
    EXPECT_NE(all.find(std::string(" ") + reason), std::string::npos) << reason;
  }
}

}  // namespace
}  // namespace samsag::adapters::employment
