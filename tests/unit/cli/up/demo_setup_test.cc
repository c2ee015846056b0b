// The pieces `samsag up` prepares before it starts anything: environment, secrets, population.
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <fstream>
#include <set>
#include <sstream>

#include "cli/up/demo_environment.h"
#include "cli/up/demo_population.h"
#include "cli/up/demo_secrets.h"
#include "core/auth/jwt.h"
#include "core/config/config.h"
#include "tests/support/scratch_name.h"

namespace samsag::cli::up {
namespace {

class Scratch {
 public:
  Scratch() : path_(std::filesystem::temp_directory_path() / testing::scratch_name("samsag-up-")) {
    std::filesystem::create_directories(path_);
  }
  ~Scratch() { std::filesystem::remove_all(path_); }
  Scratch(const Scratch&) = delete;
  Scratch& operator=(const Scratch&) = delete;
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

std::string read(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

unsigned mode(const std::filesystem::path& path) {
  struct stat info {};
  ::stat(path.c_str(), &info);
  return info.st_mode & 0777;
}

TEST(PortEnvironment, GivesEveryListenerItsOwnPortFromTheBase) {
  const auto environment = port_environment(20000, true);
  std::set<std::string> addresses;
  for (const auto& [name, value] : environment) {
    if (name != "SAMSAG_BOOTSTRAP") addresses.insert(value);
  }
  EXPECT_EQ(addresses.size(), static_cast<std::size_t>(kPortsUsed));
  EXPECT_TRUE(addresses.contains("127.0.0.1:20000"));
  EXPECT_TRUE(addresses.contains("127.0.0.1:20009"));
  EXPECT_FALSE(addresses.contains("127.0.0.1:20010"));
  for (const auto& [name, value] : port_environment(20000, false)) {
    EXPECT_NE(name, "SAMSAG_BOOTSTRAP");
    EXPECT_NE(name, "SAMSAG_BROKER_LISTEN");
  }
}

TEST(DemoConfig, TakesItsPlaceFromTheEnvironment) {
  Scratch scratch;
  apply(place_environment(scratch.path(), std::nullopt));
  apply(port_environment(21000, true));
  const auto loaded = config::load_config("deploy/municipalities/demo/samsag.yaml");
  ASSERT_TRUE(loaded.ok()) << (loaded.problems.empty() ? "" : loaded.problems[0].to_string());
  const auto& config = loaded.config;
  EXPECT_EQ(config.kafka().bootstrap(), "127.0.0.1:21000");
  EXPECT_EQ(config.embedded_broker().listen(), "127.0.0.1:21000");
  EXPECT_EQ(config.bridge().api_listen(), "127.0.0.1:21001");
  EXPECT_EQ(config.bridge().admin_listen(), "127.0.0.1:21002");
  std::set<std::string> ports{config.bridge().api_listen(), config.bridge().admin_listen()};
  for (const auto& adapter : config.adapters()) {
    ports.insert(adapter.admin_listen());
    if (adapter.has_http()) ports.insert(adapter.http().listen());
  }
  EXPECT_EQ(ports.size(), 9U);  // the broker is the tenth
  for (const auto& port : ports) EXPECT_TRUE(port.starts_with("127.0.0.1:2100")) << port;
  EXPECT_EQ(config.bridge().auth().jwks_file(), (scratch.path() / "secrets/jwks.json").string());
  for (const char* name :
       {"SAMSAG_DEMO_DIR", "SAMSAG_BOOTSTRAP", "SAMSAG_BROKER_LISTEN", "SAMSAG_BRIDGE_API_LISTEN",
        "SAMSAG_BRIDGE_ADMIN_LISTEN", "SAMSAG_SOCIAL_LISTEN", "SAMSAG_HEALTH_LISTEN",
        "SAMSAG_REGION_LISTEN", "SAMSAG_EMPLOYMENT_ADMIN_LISTEN", "SAMSAG_SOCIAL_ADMIN_LISTEN",
        "SAMSAG_HEALTH_ADMIN_LISTEN", "SAMSAG_REGION_ADMIN_LISTEN"}) {
    ::unsetenv(name);
  }
}

TEST(PseudonymKey, IsThirtyTwoPrivateBytesAndKeptAcrossRuns) {
  Scratch scratch;
  const auto key_file = scratch.path() / "secrets" / "pseudonym.key";
  ASSERT_TRUE(ensure_pseudonym_key(key_file).ok());
  const auto first = read(key_file);
  EXPECT_EQ(first.size(), 32U);
  EXPECT_NE(first.back(), '\n');
  EXPECT_EQ(mode(key_file), 0600U);
  ASSERT_TRUE(ensure_pseudonym_key(key_file).ok());
  EXPECT_EQ(read(key_file), first);
}

TEST(DemoIdentityProvider, SignsLoginsTheBridgeVerifiesWithTheWrittenJwks) {
  Scratch scratch;
  config::v1::Config config;
  auto* auth = config.mutable_bridge()->mutable_auth();
  auth->set_jwks_file((scratch.path() / "secrets" / "jwks.json").string());
  auth->set_issuer("https://login.demo.samsag.invalid");
  auth->set_audience("samsag-demo");
  auth->set_coordinator_role("coordinator");
  auth->set_supervisor_role("supervisor");
  auto provider = DemoIdentityProvider::create(config, scratch.path() / "secrets" / "key.pem");
  ASSERT_TRUE(provider.ok()) << provider.error().message;
  EXPECT_EQ(mode(auth->jwks_file()), 0600U);
  EXPECT_EQ(mode(scratch.path() / "secrets" / "key.pem"), 0600U);

  auto keys = auth::Jwks::load_file(auth->jwks_file());
  ASSERT_TRUE(keys.ok()) << keys.error().message;
  const auth::TokenVerifier verifier(std::move(keys).value(),
                                     {.issuer = auth->issuer(), .audience = auth->audience()});
  const auto now = std::chrono::system_clock::now();
  const auto coordinator = verifier.verify(provider->coordinator_token(), now);
  ASSERT_TRUE(coordinator.ok()) << coordinator.error().message;
  EXPECT_EQ(coordinator->user, kDemoCoordinator);
  EXPECT_EQ(coordinator->roles, std::vector<std::string>{"coordinator"});
  EXPECT_GE(coordinator->expires_at, now + std::chrono::hours(12) - std::chrono::minutes(1));
  EXPECT_FALSE(verifier.verify(provider->coordinator_token(), now + std::chrono::hours(13)).ok());
  const auto supervisor = verifier.verify(provider->supervisor_token(), now);
  ASSERT_TRUE(supervisor.ok());
  EXPECT_EQ(supervisor->user, kDemoSupervisor);
  EXPECT_EQ(supervisor->roles, std::vector<std::string>{"supervisor"});
}

TEST(DemoPopulation, FindsTheFilesCountsAndACitizenWithAllFourSectors) {
  Scratch scratch;
  auto population =
      generate_population(scratch.path() / "gen", 20, 751, gen::Date::from_ymd(2026, 11, 22));
  ASSERT_TRUE(population.ok()) << population.error().message;
  EXPECT_EQ(population->cprs.size(), 20U);
  EXPECT_FALSE(population->demo_citizen.empty());
  EXPECT_NE(std::find(population->cprs.begin(), population->cprs.end(), population->demo_citizen),
            population->cprs.end());
  for (const char* sector : {"employment", "social", "health", "region", "consent"}) {
    const auto& files = population->sector(sector);
    EXPECT_GT(files.records, 0U) << sector;
    ASSERT_FALSE(files.files.empty()) << sector;
    for (const auto& file : files.files) EXPECT_TRUE(std::filesystem::exists(file)) << file;
  }
  // The same seed gives the same citizens: the demo citizen is stable.
  auto again =
      generate_population(scratch.path() / "gen", 20, 751, gen::Date::from_ymd(2026, 11, 22));
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->demo_citizen, population->demo_citizen);
}

TEST(DemoPopulation, ReportsWhatIsWrongWithAnIncompleteOutput) {
  Scratch scratch;
  const auto read = read_population(scratch.path());
  ASSERT_FALSE(read.ok());
  EXPECT_EQ(read.error().code, "GEN_OUTPUT_UNREADABLE");
}

}  // namespace
}  // namespace samsag::cli::up
