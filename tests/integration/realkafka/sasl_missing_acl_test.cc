// A process whose Kafka user lacks an ACL it needs (issue 10, security): the employment adapter
// runs as samsag-adapter-health, whose ACLs do not name the employment topic. It must say which
// topic and operation in its log, count the failed checks in a metric, answer /readyz 503 and
// keep checking without exiting (no crash loop under systemd or Kubernetes), and become ready
// once the missing ACL is granted.
#include <gtest/gtest.h>

#include <regex>
#include <thread>

#include "tests/integration/realkafka/apache_kafka.h"
#include "tests/integration/realkafka/sasl_cluster.h"
#include "tests/support/adapter_process.h"
#include "tests/support/http_client.h"

namespace samsag::adapters {
namespace {

using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;
using samsag::testing::AdapterDeployment;
using samsag::testing::AdapterProcess;
using samsag::testing::ApacheKafka;
using samsag::testing::SaslCluster;

constexpr const char* kWrongUser = "samsag-adapter-health";

// The value of samsag_adapter_kafka_check_failures_total for `error` on the admin port; 0 when
// absent.
double failed_checks(int admin_port, const std::string& error) {
  const auto metrics = samsag::testing::http_get(admin_port, "/metrics");
  const std::regex line("samsag_adapter_kafka_check_failures_total\\{[^}]*error=\"" + error +
                        "\"[^}]*\\} ([0-9.e+]+)");
  std::smatch match;
  if (!std::regex_search(metrics.body, match, line)) return 0;
  return std::stod(match[1].str());
}

// kafka-acls as the PLAINTEXT listener's super user: `action` is --add or --remove.
void change_acl(const ApacheKafka& admin, const std::string& action, const std::string& topic) {
  std::vector<std::string> args{"--bootstrap-server",
                                admin.bootstrap(),
                                action,
                                "--allow-principal",
                                std::string("User:") + kWrongUser,
                                "--operation",
                                "Write",
                                "--operation",
                                "Describe",
                                "--topic",
                                topic};
  if (action == "--remove") args.push_back("--force");
  const auto run = admin.run_tool("kafka.admin.AclCommand", args);
  if (run.exit_code != 0) throw std::runtime_error("kafka-acls " + action + ": " + run.output);
}

// The missing ACL, granted for the scope: the other tests rely on deploy/'s ACLs alone.
class Grant {
 public:
  Grant(const ApacheKafka& admin, std::string topic) : admin_(admin), topic_(std::move(topic)) {
    change_acl(admin_, "--add", topic_);
  }
  ~Grant() {
    try {
      change_acl(admin_, "--remove", topic_);
    } catch (const std::exception& error) {
      ADD_FAILURE() << error.what();
    }
  }
  Grant(const Grant&) = delete;
  Grant& operator=(const Grant&) = delete;

 private:
  const ApacheKafka& admin_;
  std::string topic_;
};

TEST(SaslMissingAcl, AdapterSaysWhichTopicStaysUnreadyAndUpAndRecoversOnceGranted) {
  const SaslCluster cluster;
  cluster.ensure_topics();
  const ApacheKafka admin;  // the same cluster's PLAINTEXT listener
  const auto topic = cluster.topic("employment");

  samsag::testing::ScratchDirectory scratch("samsag-sasl-missing-acl");
  AdapterDeployment deployment({.directory = scratch.path(),
                                .slug = cluster.municipality(),
                                .partitions = 1,
                                .kafka_properties = cluster.client_properties(kWrongUser)});
  deployment.write_config(cluster.bootstrap());
  AdapterProcess adapter(deployment, "employment");
  const int admin_port = deployment.admin_port("employment");

  const auto reported = adapter.wait_for_log("lacks an ACL", 60s);
  ASSERT_TRUE(reported.has_value()) << "no log line about the missing ACL";
  EXPECT_NE(reported->find(topic), std::string::npos) << *reported;
  EXPECT_NE(reported->find("Describe,Write"), std::string::npos) << *reported;

  // The check repeats (every second while failing): the counter passes 2 with the process up.
  const auto deadline = Clock::now() + 60s;
  while (failed_checks(admin_port, "UNKNOWN_TOPIC") < 2 && Clock::now() < deadline) {
    std::this_thread::sleep_for(200ms);  // polling /metrics, bounded by the deadline
  }
  EXPECT_GE(failed_checks(admin_port, "UNKNOWN_TOPIC"), 2);
  EXPECT_EQ(adapter.readyz(), 503);
  EXPECT_FALSE(adapter.wait_for_exit(0ms).has_value()) << "the adapter exited";

  {
    const Grant grant(admin, topic);
    EXPECT_TRUE(adapter.wait_ready(60s)) << "not ready after the ACL was granted";
    EXPECT_TRUE(adapter.wait_for_log("Kafka reachable", 10s).has_value());
  }
  EXPECT_EQ(adapter.terminate(30s), 0);
}

}  // namespace
}  // namespace samsag::adapters
