#include "tests/integration/realkafka/sasl_cluster.h"

#include <cstdlib>
#include <fstream>
#include <stdexcept>

#include "core/config/topics.h"
#include "core/kafka/admin.h"
#include "core/kafka/error_codes.h"
#include "core/kafka/settings.h"

namespace samsag::testing {
namespace {

using namespace std::chrono_literals;

std::string first_line_of(const std::string& path) {
  std::ifstream file(path);
  std::string line;
  std::getline(file, line);
  return line;
}

}  // namespace

SaslCluster::SaslCluster() {
  const char* directory = std::getenv("SAMSAG_KAFKA_CLUSTER_DIR");
  if (directory == nullptr || *directory == '\0') {
    throw std::runtime_error(
        "no SASL cluster for this test: run it through ctest (fixture apache_kafka_sasl), or start "
        "one with tools/kafka/cluster start --sasl --dir DIR and set SAMSAG_KAFKA_CLUSTER_DIR=DIR");
  }
  directory_ = directory;
  bootstrap_ = first_line_of(directory_ + "/sasl-bootstrap");
  municipality_ = first_line_of(directory_ + "/sasl/municipality");
  if (bootstrap_.empty() || municipality_.empty()) {
    throw std::runtime_error("the cluster in " + directory_ +
                             " has no SASL_SSL listener: was it started with --sasl?");
  }
}

std::string SaslCluster::topic(const std::string& kind) const {
  return municipality_ + "." + kind + ".v1";
}

std::string SaslCluster::password_file(const std::string& user) const {
  return directory_ + "/sasl/" + user + ".password";
}

std::string SaslCluster::ca_file() const { return directory_ + "/sasl/ca.pem"; }

std::string SaslCluster::kcat_config(const std::string& user) const {
  return directory_ + "/sasl/" + user + ".kcat.conf";
}

std::map<std::string, std::string> SaslCluster::client_properties(const std::string& user) const {
  const auto password = first_line_of(password_file(user));
  if (password.empty()) throw std::runtime_error("no password in " + password_file(user));
  return {{"security.protocol", "SASL_SSL"},
          {"sasl.mechanism", "SCRAM-SHA-512"},
          {"sasl.username", user},
          {"sasl.password", password},
          {"ssl.ca.location", ca_file()}};
}

config::v1::Kafka SaslCluster::kafka_config(const std::string& user) const {
  config::v1::Kafka kafka;
  kafka.set_bootstrap(bootstrap_);
  for (const auto& [name, value] : client_properties(user)) {
    (*kafka.mutable_properties())[name] = value;
  }
  return kafka;
}

void SaslCluster::ensure_topics() const {
  const auto topics = config::Topics::for_municipality(municipality_);
  std::vector<kafka::NewTopic> wanted;
  for (const auto& name : topics.all()) wanted.push_back({.name = name, .partitions = 1});
  auto settings = kafka::KafkaSettings::for_admin(kafka_config("samsag-admin"));
  if (!settings) throw std::runtime_error(settings.error().message);
  auto admin = kafka::Admin::create(*settings);
  if (!admin) throw std::runtime_error(admin.error().message);
  auto created = admin->create_topics(wanted, kafka::deadline_in(60s));
  if (!created) throw std::runtime_error("creating the topics failed: " + created.error().message);
  for (const auto& [name, status] : *created) {
    if (!status.ok() && status.error().code != kafka::errc::kTopicExists) {
      throw std::runtime_error("creating " + name + " failed: " + status.error().message);
    }
  }
}

}  // namespace samsag::testing
