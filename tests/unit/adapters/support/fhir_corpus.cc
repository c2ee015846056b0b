#include "tests/unit/adapters/support/fhir_corpus.h"

#include <gtest/gtest.h>

#include "tests/unit/adapters/support/parse_result_json.h"

namespace samsag::adapters::testing {

void expect_fhir_goldens(const std::filesystem::path& directory, FhirParser parse) {
  const auto inputs = corpus_inputs(directory);
  ASSERT_GE(inputs.size(), 3U) << directory;
  for (const auto& input : inputs) {
    SCOPED_TRACE(input.string());
    const std::string body = read_file(input);
    const fhir::FhirParse parsed = parse({body, "req-golden", kTestMunicipality, ""});
    EXPECT_FALSE(parsed.body_rejected);
    EXPECT_FALSE(parsed.first_error.has_value()) << parsed.first_error->message;
    expect_matches_golden(parse_result_json(parsed.parsed, parsed.skipped_other_municipality),
                          beside(input, ".expected.json"));
  }
}

void expect_fhir_bad_reasons(const std::filesystem::path& directory, FhirParser parse) {
  const auto inputs = corpus_inputs(directory);
  ASSERT_GE(inputs.size(), 2U) << directory;
  for (const auto& input : inputs) {
    SCOPED_TRACE(input.string());
    const fhir::FhirParse parsed = parse({read_file(input), "req-bad", kTestMunicipality, ""});
    EXPECT_EQ(reason_lines(parsed.parsed, parsed.body_rejected, parsed.skipped_other_municipality),
              read_reason_lines(beside(input, ".reasons")));
    for (const ParsedRecord& record : parsed.parsed.records) {
      if (const auto* rejection = std::get_if<Rejection>(&record)) {
        EXPECT_EQ(rejection->position.request_id, "req-bad");
        EXPECT_FALSE(rejection->message.empty());
        EXPECT_EQ(rejection->message.find("0201609995"), std::string::npos);
      }
    }
  }
}

}  // namespace samsag::adapters::testing
