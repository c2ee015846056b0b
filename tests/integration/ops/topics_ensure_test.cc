// `samsag topics ensure` against `samsag broker`: librdkafka 2.0.2's mock cluster answers no
// Admin API request, so here the command can verify partitions and replicas only, and must say
// that configs were not checked. Creation and config correction are tested against a fake Admin
// API (tests/unit/cli/topics) and on real Kafka (label `kafka`).
#include <gtest/gtest.h>

#include "core/config/topics.h"
#include "tests/integration/ops/ops_command.h"
#include "tests/support/adapter_process.h"
#include "tests/support/broker_process.h"

namespace samsag::testing {
namespace {

TEST(TopicsEnsureOnEmbeddedBroker, VerifiesEveryTopicSaysConfigsAreUncheckedAndChangesNothing) {
  ScratchDirectory scratch("samsag-topics-ensure");
  AdapterDeployment deployment({.directory = scratch.path(), .slug = "ops", .partitions = 4});
  const auto config = deployment.write_config("");
  BrokerProcess broker({.config_path = config.string()});
  deployment.write_config(broker.bootstrap());

  const auto names = samsag::config::Topics::for_municipality("ops");
  for (int run = 0; run < 2; ++run) {
    const auto ensured = run_samsag({"topics", "ensure", "-c", config.string()});
    EXPECT_EQ(ensured.exit_code, 0) << ensured.output;
    for (const auto& name : names.all()) {
      const auto lines = lines_with(ensured, "topic=" + name + " ");
      ASSERT_EQ(lines.size(), 1U) << name << "\n" << ensured.output;
      const int partitions = names.partitions_of(name, 4);
      EXPECT_NE(lines[0].find("status=ok partitions=" + std::to_string(partitions) + " "),
                std::string::npos)
          << lines[0];
      EXPECT_NE(lines[0].find("configs=unchecked"), std::string::npos) << lines[0];
    }
    EXPECT_EQ(lines_with(ensured, "summary ").size(), 1U);
    EXPECT_NE(ensured.output.find("problems=0 changed=no configs=unchecked"), std::string::npos)
        << ensured.output;
    EXPECT_NE(ensured.output.find("note=\"the broker answers no DescribeConfigs"),
              std::string::npos)
        << ensured.output;
  }
}

TEST(TopicsEnsureOnEmbeddedBroker, ReportsAWrongPartitionCountAndMissingTopicsWithExitOne) {
  ScratchDirectory scratch("samsag-topics-ensure");
  AdapterDeployment deployment({.directory = scratch.path(), .slug = "ops", .partitions = 4});
  BrokerProcess broker({.topics = {{"ops.case.v1", 2}}});
  const auto config = deployment.write_config(broker.bootstrap());

  const auto ensured = run_samsag({"topics", "ensure", "-c", config.string()});
  EXPECT_EQ(ensured.exit_code, 1) << ensured.output;
  const auto case_line = lines_with(ensured, "topic=ops.case.v1 ");
  ASSERT_EQ(case_line.size(), 1U) << ensured.output;
  EXPECT_NE(case_line[0].find("status=wrong-partitions partitions=2"), std::string::npos)
      << case_line[0];
  EXPECT_NE(case_line[0].find("wanted_partitions=4"), std::string::npos) << case_line[0];
  const auto missing = lines_with(ensured, "status=missing");
  EXPECT_EQ(missing.size(), samsag::config::Topics::for_municipality("ops").all().size() - 1);

  // Nothing was changed: the case topic still has its two partitions.
  const auto again = run_samsag({"topics", "ensure", "-c", config.string(), "--dry-run"});
  EXPECT_NE(again.output.find("topic=ops.case.v1 status=wrong-partitions partitions=2"),
            std::string::npos)
      << again.output;
}

}  // namespace
}  // namespace samsag::testing
