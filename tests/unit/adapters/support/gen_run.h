// One small `samsag gen` run per test binary (cli/gen, in-process), shared by the tests that
// parse its output: the generator is the reference writer of the social and FHIR formats.
#pragma once

#include <boost/json/value.hpp>
#include <filesystem>
#include <string>
#include <vector>

namespace samsag::adapters::testing {

struct GenRun {
  std::filesystem::path directory;
  boost::json::value manifest;  // manifest.json
};

// Generates 40 citizens (seed 20260302, municipality 751) into a temporary directory on first
// use; removed at exit.
const GenRun& shared_gen_run();

// The manifest's files of `sector` ("social", "health", "region"): path relative to the run.
std::vector<std::string> gen_files(const GenRun& run, const std::string& sector);

}  // namespace samsag::adapters::testing
