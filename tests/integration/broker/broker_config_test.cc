// `samsag broker -c CONFIG`: the municipality's ten topics with the config's partition count,
// and the embedded_broker section as defaults for the flags.
#include <gtest/gtest.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <string>

#include "tests/integration/broker/kcat.h"
#include "tests/support/broker_process.h"
#include "tests/support/child_process.h"

namespace samsag::testing {
namespace {

using std::chrono::seconds;

constexpr seconds kReadyTimeout{20};
constexpr seconds kStopTimeout{10};

// A config file in a fresh temporary directory, removed with it.
class TemporaryConfig {
 public:
  explicit TemporaryConfig(const std::string& yaml)
      : directory_(std::filesystem::temp_directory_path() /
                   ("samsag-broker-config-" + std::to_string(::getpid()) + "-" +
                    std::to_string(counter_++))) {
    std::filesystem::create_directories(directory_);
    std::ofstream(path()) << yaml;
  }
  ~TemporaryConfig() { std::filesystem::remove_all(directory_); }
  TemporaryConfig(const TemporaryConfig&) = delete;
  TemporaryConfig& operator=(const TemporaryConfig&) = delete;

  std::string path() const { return (directory_ / "samsag.yaml").string(); }

 private:
  static inline int counter_ = 0;
  std::filesystem::path directory_;
};

// The least a valid config holds, for municipality `slug`, plus `extra` YAML at the end.
std::string small_config(const std::string& slug, int partitions, const std::string& extra = "") {
  std::string yaml = R"(municipality:
  slug: SLUG
  code: 751
  name: Testkommune
kafka:
  bootstrap: 127.0.0.1:9092
  partitions: PARTITIONS
pseudonymisation:
  key_file: pseudonym.key
  key_version: k1
consent:
  sectors_requiring_consent: [SOCIAL, HEALTH, REGION]
)";
  yaml.replace(yaml.find("SLUG"), 4, slug);
  yaml.replace(yaml.find("PARTITIONS"), 10, std::to_string(partitions));
  return yaml + extra;
}

TEST(BrokerWithConfig, CreatesTheTenTopicsOfTheMunicipality) {
  if (!kcat_installed()) {
    GTEST_SKIP() << kKcatPath << " is missing (apt-get install kcat)";
  }
  const TemporaryConfig config(small_config("testby", 3));
  BrokerProcess broker({.config_path = config.path()});

  const auto metadata = kcat_metadata(broker.bootstrap());
  ASSERT_TRUE(metadata.has_value());
  const std::map<std::string, int> expected{
      {"testby.employment.v1", 3}, {"testby.social.v1", 3},  {"testby.health.v1", 3},
      {"testby.region.v1", 3},     {"testby.consent.v1", 3}, {"testby.plan.v1", 3},
      {"testby.case.v1", 3},       {"testby.audit.v1", 3},   {"testby.dlq.v1", 3},
      {"testby.members.v1", 1}};  // membership of the bridge instances: one partition
  EXPECT_EQ(metadata->partitions_by_topic, expected);
}

TEST(BrokerWithConfig, AddsTopicsFromFlagsToTheConfigsTopics) {
  const TemporaryConfig config(small_config("testby", 2));
  ChildProcess broker({samsag_binary(), "broker", "-c", config.path(), "--listen", "127.0.0.1:0",
                       "--topic", "extra.v1:1"});
  const auto ready = broker.wait_for_line_starting_with("ready ", kReadyTimeout);
  ASSERT_TRUE(ready.has_value());
  EXPECT_NE(ready->find(" topics=11"), std::string::npos) << *ready;
}

TEST(BrokerWithConfig, TakesListenAndBrokersFromTheConfigWhenNoFlagIsGiven) {
  const std::string listen = "127.0.0.1:" + std::to_string(free_loopback_port());
  const TemporaryConfig config(
      small_config("testby", 1, "embedded_broker:\n  listen: " + listen + "\n  brokers: 2\n"));
  ChildProcess broker({samsag_binary(), "broker", "-c", config.path()});
  const auto ready = broker.wait_for_line_starting_with("ready ", kReadyTimeout);
  ASSERT_TRUE(ready.has_value());
  EXPECT_EQ(*ready, "ready bootstrap=" + listen + " brokers=2 topics=10");
  EXPECT_EQ(broker.terminate(kStopTimeout), 0);
}

TEST(BrokerWithConfig, FlagsOverrideTheConfigsEmbeddedBrokerSection) {
  const TemporaryConfig config(
      small_config("testby", 1, "embedded_broker:\n  listen: 127.0.0.1:1\n  brokers: 2\n"));
  ChildProcess broker({samsag_binary(), "broker", "-c", config.path(), "--listen", "127.0.0.1:0",
                       "--brokers", "1"});
  const auto ready = broker.wait_for_line_starting_with("ready ", kReadyTimeout);
  ASSERT_TRUE(ready.has_value());
  EXPECT_EQ(ready->find("bootstrap=127.0.0.1:1 "), std::string::npos) << *ready;
  EXPECT_NE(ready->find(" brokers=1 "), std::string::npos) << *ready;
}

TEST(BrokerWithConfig, RefusesAnInvalidConfigWithExitCodeTwo) {
  const TemporaryConfig config(small_config("Not A Slug", 0));
  ChildProcess broker({samsag_binary(), "broker", "-c", config.path(), "--listen", "127.0.0.1:0"});
  EXPECT_EQ(broker.wait_for_exit(kStopTimeout), 2);
  EXPECT_FALSE(broker.read_line(seconds(1)).has_value()) << "printed a ready line";
}

TEST(BrokerWithConfig, RefusesAMissingConfigWithExitCodeTwo) {
  ChildProcess broker(
      {samsag_binary(), "broker", "-c", "/nonexistent/samsag.yaml", "--listen", "127.0.0.1:0"});
  EXPECT_EQ(broker.wait_for_exit(kStopTimeout), 2);
}

}  // namespace
}  // namespace samsag::testing
