// The loader on valid configs: values land in the right fields, relative paths are resolved,
// documented defaults are applied, and the demo deployment's config passes.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>

#include "core/config/config.h"
#include "core/config/defaults.h"

namespace samsag::config {
namespace {

const std::filesystem::path kSourceDir(SAMSAG_SOURCE_DIR);
const std::filesystem::path kGoodDir = kSourceDir / "tests/data/config/good";

std::string problems_of(const LoadResult& loaded) {
  std::string text;
  for (const auto& problem : loaded.problems) text += problem.to_string() + "\n";
  return text;
}

constexpr const char* kMinimal = R"(
municipality: {slug: testby, code: 101, name: Testby Kommune}
kafka: {bootstrap: "127.0.0.1:9092", partitions: 2}
pseudonymisation: {key_file: /run/credentials/samsag/pseudonym.key, key_version: k1}
consent: {sectors_requiring_consent: [SOCIAL]}
)";

TEST(ConfigLoader, MapsEveryKindOfSettingOfAFullConfig) {
  const auto loaded = load_config((kGoodDir / "full.yaml").string());
  ASSERT_TRUE(loaded.ok()) << problems_of(loaded);
  const auto& config = loaded.config;

  EXPECT_EQ(config.municipality().slug(), "testby");
  EXPECT_EQ(config.municipality().code(), 101U);
  EXPECT_EQ(config.kafka().bootstrap(),
            "kafka-1.example.invalid:9093, kafka-2.example.invalid:9093");
  EXPECT_EQ(config.kafka().partitions(), 12U);
  EXPECT_TRUE(config.kafka().transactions());
  EXPECT_EQ(config.kafka().delivery_timeout_ms(), 120000U);
  EXPECT_EQ(config.kafka().retention().audit_days(), 183U);
  EXPECT_EQ(config.kafka().retention().dlq_days(), 7U);
  EXPECT_EQ(config.kafka().properties().at("security.protocol"), "SASL_SSL");
  // ${file:...} relative to the config file, trailing newline trimmed.
  EXPECT_EQ(config.kafka().properties().at("sasl.password"), "not-a-real-password");

  ASSERT_EQ(config.consent().sectors_requiring_consent_size(), 3);
  EXPECT_EQ(config.consent().sectors_requiring_consent(0), samsag::v1::SECTOR_SOCIAL);
  EXPECT_EQ(config.consent().sectors_requiring_consent(1), samsag::v1::SECTOR_HEALTH);
  EXPECT_EQ(config.consent().sectors_requiring_consent(2), samsag::v1::SECTOR_REGION);

  ASSERT_EQ(config.adapters_size(), 2);
  const auto& employment = config.adapters(0);
  EXPECT_EQ(employment.kind(), v1::ADAPTER_KIND_EMPLOYMENT);
  ASSERT_TRUE(employment.has_spool());
  EXPECT_EQ(employment.target_groups().at("dagpengemodtager"),
            samsag::v1::TARGET_GROUP_INSURED_UNEMPLOYED);
  EXPECT_EQ(employment.target_groups().at("sygedagpengemodtager"), samsag::v1::TARGET_GROUP_SICK);

  const auto& region = config.adapters(1);
  EXPECT_EQ(region.kind(), v1::ADAPTER_KIND_REGION);
  EXPECT_EQ(region.admin_listen(), "[::1]:9102");
  ASSERT_TRUE(region.has_http());
  EXPECT_EQ(region.http().token_sha256_size(), 2);
  EXPECT_EQ(region.http().max_body_bytes(), 4194304U);

  EXPECT_EQ(config.bridge().auth().coordinator_role(), "tovholder");
  EXPECT_EQ(config.bridge().auth().leeway_seconds(), 30U);
  EXPECT_EQ(config.logging().level(), "warn");
}

TEST(ConfigLoader, ResolvesRelativePathFieldsAgainstTheConfigDirectory) {
  const auto loaded = load_config((kGoodDir / "full.yaml").string());
  ASSERT_TRUE(loaded.ok()) << problems_of(loaded);
  const auto& config = loaded.config;
  const std::string dir = kGoodDir.lexically_normal().string();

  EXPECT_EQ(config.pseudonymisation().key_file(), dir + "/secrets/pseudonym.key");
  EXPECT_EQ(config.adapters(0).spool().directory(), dir + "/spool/employment");
  EXPECT_EQ(config.adapters(1).http().tls().private_key_file(), dir + "/tls/region.key");
  EXPECT_EQ(config.adapters(1).http().tls().client_ca_file(), dir + "/tls/region-ca.pem");
  EXPECT_EQ(config.bridge().state_dir(), dir + "/state");
  // Absolute paths stay as written.
  EXPECT_EQ(config.adapters(1).http().tls().certificate_file(), "/etc/samsag/tls/region.crt");
  EXPECT_EQ(config.bridge().auth().jwks_file(), "/run/credentials/samsag-bridge/jwks.json");
}

TEST(ConfigLoader, DoesNotReadTheFilesThatPathFieldsName) {
  // /run/credentials/... does not exist on a CI machine; config check must still pass.
  const auto loaded = load_config((kGoodDir / "full.yaml").string());
  ASSERT_TRUE(loaded.ok()) << problems_of(loaded);
  EXPECT_FALSE(std::filesystem::exists(loaded.config.bridge().auth().jwks_file()));
  EXPECT_FALSE(std::filesystem::exists(loaded.config.pseudonymisation().key_file()));
}

TEST(ConfigLoader, AppliesDocumentedDefaultsToUnsetFields) {
  const auto loaded = load_config((kGoodDir / "full.yaml").string());
  ASSERT_TRUE(loaded.ok()) << problems_of(loaded);
  const auto& config = loaded.config;

  EXPECT_EQ(config.kafka().retention().sector_days(), kDefaultSectorRetentionDays);
  EXPECT_EQ(config.kafka().retention().decision_days(), kDefaultDecisionRetentionDays);
  EXPECT_EQ(config.consent().default_validity_days(), kDefaultConsentValidityDays);
  EXPECT_EQ(config.adapters(0).spool().poll_interval_ms(), kDefaultSpoolPollIntervalMs);
  EXPECT_EQ(config.adapters(1).http().read_timeout_ms(), kDefaultHttpReadTimeoutMs);
  EXPECT_EQ(config.embedded_broker().listen(), "127.0.0.1:9092");
  EXPECT_EQ(config.embedded_broker().brokers(), 3U);
  // Written values win over defaults.
  EXPECT_EQ(config.kafka().retention().dlq_days(), 7U);
  EXPECT_EQ(config.adapters(1).http().max_body_bytes(), 4194304U);
}

TEST(ConfigLoader, DefaultsAdvertisedApiToApiListen) {
  const std::string yaml = std::string(kMinimal) + R"(
bridge:
  state_dir: /var/lib/samsag/bridge
  api_listen: 0.0.0.0:8080
  admin_listen: 0.0.0.0:9180
  auth: {jwks_file: /etc/samsag/jwks.json, issuer: https://idp.invalid, audience: samsag,
         coordinator_role: tovholder}
)";
  const auto loaded = load_config_text(yaml, "/etc/samsag/samsag.yaml");
  ASSERT_TRUE(loaded.ok()) << problems_of(loaded);
  EXPECT_EQ(loaded.config.bridge().advertised_api(), "0.0.0.0:8080");
  EXPECT_EQ(loaded.config.bridge().auth().leeway_seconds(), kDefaultAuthLeewaySeconds);
  EXPECT_EQ(loaded.config.logging().level(), "info");
  EXPECT_EQ(loaded.config.kafka().retention().audit_days(), kDefaultAuditRetentionDays);
}

TEST(ConfigLoader, AcceptsAMinimalConfigWithoutAdaptersOrBridge) {
  const auto loaded = load_config_text(kMinimal, "/etc/samsag/samsag.yaml");
  ASSERT_TRUE(loaded.ok()) << problems_of(loaded);
  EXPECT_FALSE(loaded.config.has_bridge());
  EXPECT_EQ(describe(loaded.config),
            "municipality testby (101, Testby Kommune), 2 partitions, 0 adapters, no bridge");
}

TEST(ConfigLoader, AcceptsAnExplicitlyEmptyConsentPolicy) {
  std::string yaml = kMinimal;
  yaml.replace(yaml.find("consent: {sectors_requiring_consent: [SOCIAL]}"),
               std::string("consent: {sectors_requiring_consent: [SOCIAL]}").size(), "consent: {}");
  const auto loaded = load_config_text(yaml, "/etc/samsag/samsag.yaml");
  ASSERT_TRUE(loaded.ok()) << problems_of(loaded);
  EXPECT_EQ(loaded.config.consent().sectors_requiring_consent_size(), 0);
}

TEST(ConfigLoader, InterpolatesEnvironmentVariablesIntoNumbersToo) {
  setenv("SAMSAG_TEST_PARTITIONS", "6", 1);
  std::string yaml = kMinimal;
  // Quoted: inside a YAML flow mapping ({...}) the braces of ${...} would end the mapping.
  yaml.replace(yaml.find("partitions: 2"), 13, "partitions: '${env:SAMSAG_TEST_PARTITIONS}'");
  const auto loaded = load_config_text(yaml, "/etc/samsag/samsag.yaml");
  unsetenv("SAMSAG_TEST_PARTITIONS");
  ASSERT_TRUE(loaded.ok()) << problems_of(loaded);
  EXPECT_EQ(loaded.config.kafka().partitions(), 6U);
}

TEST(ConfigLoader, ReportsAnUnreadableConfigFileAsAWholeFileProblem) {
  const auto loaded = load_config("/nonexistent/samsag.yaml");
  ASSERT_EQ(loaded.problems.size(), 1U);
  EXPECT_EQ(loaded.problems[0].to_string(),
            "/nonexistent/samsag.yaml: cannot read the config file: No such file or directory");
}

TEST(DemoConfig, PassesWithTheDefaultsOfItsEnvironmentVariables) {
  unsetenv("SAMSAG_BOOTSTRAP");
  unsetenv("SAMSAG_DEMO_DIR");
  const auto loaded = load_config((kSourceDir / "deploy/municipalities/demo/samsag.yaml").string());
  ASSERT_TRUE(loaded.ok()) << problems_of(loaded);
  const auto& config = loaded.config;
  EXPECT_EQ(config.municipality().slug(), "demo");
  EXPECT_EQ(config.municipality().code(), 751U);
  EXPECT_EQ(config.kafka().bootstrap(), "127.0.0.1:9092");
  EXPECT_EQ(config.kafka().partitions(), 4U);
  EXPECT_FALSE(config.kafka().transactions());
  EXPECT_EQ(config.pseudonymisation().key_file(), "/tmp/samsag-demo/secrets/pseudonym.key");
  ASSERT_EQ(config.adapters_size(), 4);
  EXPECT_EQ(config.adapters(0).spool().directory(), "/tmp/samsag-demo/spool/employment");
  EXPECT_EQ(config.bridge().auth().issuer(), "https://login.demo.samsag.invalid");
  EXPECT_EQ(describe(config),
            "municipality demo (751, Demo Kommune (syntetiske data)), 4 partitions, 4 adapters "
            "(employment, social, health, region), bridge on 127.0.0.1:8080");
}

TEST(DemoConfig, FollowsSamsagDemoDirAndSamsagBootstrap) {
  setenv("SAMSAG_DEMO_DIR", "/srv/demo", 1);
  setenv("SAMSAG_BOOTSTRAP", "10.0.0.1:9092,10.0.0.2:9092", 1);
  const auto loaded = load_config((kSourceDir / "deploy/municipalities/demo/samsag.yaml").string());
  unsetenv("SAMSAG_DEMO_DIR");
  unsetenv("SAMSAG_BOOTSTRAP");
  ASSERT_TRUE(loaded.ok()) << problems_of(loaded);
  EXPECT_EQ(loaded.config.kafka().bootstrap(), "10.0.0.1:9092,10.0.0.2:9092");
  EXPECT_EQ(loaded.config.bridge().state_dir(), "/srv/demo/bridge-state");
  EXPECT_EQ(loaded.config.bridge().auth().jwks_file(), "/srv/demo/secrets/jwks.json");
}

}  // namespace
}  // namespace samsag::config
