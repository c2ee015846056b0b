// What the golden-file and bad-input tests of the social and FHIR parsers compare: a ParseResult
// as JSON (golden files) or as reason lines (the bad-input corpus's sidecar files). A record's
// citizen appears as "citizen-N" (N counting the distinct valid CPR numbers of one input in order
// of appearance), never as a CPR number, so no expected file holds one.
#pragma once

#include <boost/json/value.hpp>
#include <filesystem>
#include <string>
#include <vector>

#include "adapters/runtime/source_record.h"

namespace samsag::adapters::testing {

// {"records": [...], "dropped": {...}, "skipped_other_municipality": N}. An accepted record is
// {"index", "record_id", "record_version", "source_system"?, "occurred_at", "citizen", "event"}
// ("citizen": "invalid CPR" if the runtime would refuse the number)
// with "event" the protobuf JSON of the payload; a rejected one {"index", "rejected", "field"}.
boost::json::value parse_result_json(const ParseResult& result, int skipped_other_municipality);

// Compares `actual` with the JSON in `expected_file`; with SAMSAG_UPDATE_GOLDEN=1 in the
// environment it writes the file instead (review the diff before committing it).
void expect_matches_golden(const boost::json::value& actual,
                           const std::filesystem::path& expected_file);

// The result as the lines of a `.reasons` sidecar file:
//   body REASON                     the body as a whole was rejected
//   accepted N                      N records became SourceRecords
//   rejected INDEX REASON FIELD     one line per Rejection, in order
//   dropped TYPE N                  per dropped resource type, sorted by type
//   skipped N                       entries of another municipality (when N > 0)
std::vector<std::string> reason_lines(const ParseResult& result, bool body_rejected,
                                      int skipped_other_municipality);

// The non-empty, non-comment ('#') lines of a sidecar file.
std::vector<std::string> read_reason_lines(const std::filesystem::path& file);

std::string read_file(const std::filesystem::path& path);

// The input files of a corpus directory: *.json without *.expected.json, sorted by name.
std::vector<std::filesystem::path> corpus_inputs(const std::filesystem::path& directory);

// `file` with its ".json" replaced by `suffix` (".expected.json", ".reasons").
std::filesystem::path beside(const std::filesystem::path& file, const std::string& suffix);

}  // namespace samsag::adapters::testing
