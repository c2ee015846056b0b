// Every committed seed (corpus/<target>/) and every input a fuzzer ever crashed on
// (regressions/<target>/) through the fuzz targets' own functions, in the ordinary builds: a
// crash found once stays found. An entry aborts on a broken invariant, failing the test binary.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <functional>
#include <sstream>

#include "tests/fuzz/fuzz_inputs.h"

namespace samsag::fuzz {
namespace {

namespace fs = std::filesystem;

// The inputs under tests/fuzz/<kind>/<target>/, sorted so a failure names the same file first.
std::vector<fs::path> inputs(const std::string& kind, const std::string& target) {
  const fs::path dir = fs::path(SAMSAG_FUZZ_DIR) / kind / target;
  std::vector<fs::path> files;
  if (!fs::exists(dir)) return files;
  for (const auto& entry : fs::directory_iterator(dir)) {
    if (entry.is_regular_file() && entry.path().filename() != "README.md") {
      files.push_back(entry.path());
    }
  }
  std::sort(files.begin(), files.end());
  return files;
}

std::string contents(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

std::size_t replay(const std::string& target, const std::function<void(std::string_view)>& entry) {
  std::size_t count = 0;
  for (const char* kind : {"corpus", "regressions"}) {
    for (const auto& file : inputs(kind, target)) {
      SCOPED_TRACE(file.string());
      entry(contents(file));
      ++count;
    }
  }
  return count;
}

TEST(FuzzReplay, EmploymentCsvSeedsAndRegressions) {
  EXPECT_GE(replay("employment_csv", employment_csv), 3u);
}

TEST(FuzzReplay, SocialJsonSeedsAndRegressions) {
  EXPECT_GE(replay("social_json", social_json), 3u);
}

TEST(FuzzReplay, FhirJsonSeedsAndRegressions) { EXPECT_GE(replay("fhir_json", fhir_json), 3u); }

TEST(FuzzReplay, ConfigYamlSeedsAndRegressions) {
  EXPECT_GE(replay("config_yaml", config_yaml), 3u);
}

TEST(FuzzReplay, JwtSeedsAndRegressions) { EXPECT_GE(replay("jwt", jwt), 3u); }

}  // namespace
}  // namespace samsag::fuzz
