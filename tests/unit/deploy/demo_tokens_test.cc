// The demo's HTTP sources share one published token, "samsag-demo-adapter": the compose setup must
// accept exactly what deploy/municipalities/demo/samsag.yaml accepts, and no file under deploy/
// may tell an evaluator to send one of the retired per-adapter tokens (they would get 401).
#include <gtest/gtest.h>
#include <yaml-cpp/yaml.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <string>

namespace samsag::deploy_test {
namespace {
namespace fs = std::filesystem;

const fs::path kSource = SAMSAG_SOURCE_DIR;

// Every token hash any adapter of `config` accepts.
std::set<std::string> accepted_token_hashes(const fs::path& config) {
  std::set<std::string> hashes;
  for (const auto& adapter : YAML::LoadFile(config.string())["adapters"]) {
    if (!adapter["http"]) continue;
    for (const auto& hash : adapter["http"]["token_sha256"]) hashes.insert(hash.as<std::string>());
  }
  return hashes;
}

TEST(DemoTokens, ComposeAcceptsTheDemosSharedToken) {
  const auto demo = accepted_token_hashes(kSource / "deploy/municipalities/demo/samsag.yaml");
  ASSERT_EQ(demo.size(), 1U);
  EXPECT_EQ(accepted_token_hashes(kSource / "deploy/compose/samsag.yaml"), demo);
}

TEST(DemoTokens, NoFileUnderDeployNamesARetiredToken) {
  for (const auto& entry : fs::recursive_directory_iterator(kSource / "deploy")) {
    if (!entry.is_regular_file()) continue;
    std::ifstream in(entry.path(), std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    for (const char* retired : {"samsag-demo-social", "samsag-demo-health", "samsag-demo-region"}) {
      EXPECT_EQ(text.str().find(retired), std::string::npos)
          << entry.path() << " names " << retired;
    }
  }
}

}  // namespace
}  // namespace samsag::deploy_test
