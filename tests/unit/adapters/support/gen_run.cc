#include "tests/unit/adapters/support/gen_run.h"

#include <unistd.h>

#include <boost/json/parse.hpp>
#include <cstdlib>
#include <stdexcept>

#include "cli/gen/generator.h"
#include "tests/unit/adapters/support/parse_result_json.h"

namespace samsag::adapters::testing {
namespace {

std::filesystem::path make_run_directory() {
  auto directory =
      std::filesystem::temp_directory_path() / ("samsag-mappers-gen-" + std::to_string(::getpid()));
  std::filesystem::remove_all(directory);
  return directory;
}

// Outlives every static destructor: the exit handler below runs after the GenRun is gone.
const std::filesystem::path* directory_to_remove = nullptr;

void remove_run_directory() {
  std::error_code ignored;
  if (directory_to_remove != nullptr) std::filesystem::remove_all(*directory_to_remove, ignored);
}

const GenRun& run_once() {
  static const GenRun run = [] {
    GenRun out;
    out.directory = make_run_directory();
    samsag::gen::GenOptions options;
    options.out = out.directory;
    options.citizens = 40;
    options.seed = 20260302;
    options.municipality_code = 751;
    auto summary = samsag::gen::generate(options);
    if (!summary.ok()) throw std::runtime_error("samsag gen failed: " + summary.error().message);
    out.manifest = boost::json::parse(read_file(out.directory / "manifest.json"));
    directory_to_remove = new std::filesystem::path(out.directory);  // NOLINT: never freed
    std::atexit(remove_run_directory);
    return out;
  }();
  return run;
}

}  // namespace

const GenRun& shared_gen_run() { return run_once(); }

std::vector<std::string> gen_files(const GenRun& run, const std::string& sector) {
  std::vector<std::string> files;
  for (const auto& file : run.manifest.at("sectors").at(sector).at("files").as_array()) {
    files.emplace_back(file.at("path").as_string());
  }
  return files;
}

}  // namespace samsag::adapters::testing
