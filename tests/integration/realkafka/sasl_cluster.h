// The SASL_SSL side of a cluster started with `tools/kafka/cluster start --sasl` (issue 10,
// security): its SCRAM-SHA-512 listener, the municipality whose topics its ACLs name, and each
// samsag user's password file and client settings. The users and ACLs are deploy/'s
// (deploy/kubernetes/overlays/*/kafka-users.yaml): samsag-admin (super user),
// samsag-adapter-<sector> and samsag-bridge.
#pragma once

#include <map>
#include <string>

#include "samsag/config/v1/config.pb.h"

namespace samsag::testing {

class SaslCluster {
 public:
  // The cluster of $SAMSAG_KAFKA_CLUSTER_DIR; throws std::runtime_error when it has no SASL_SSL
  // listener (not started with --sasl).
  SaslCluster();

  const std::string& directory() const { return directory_; }
  // The SASL_SSL listeners ("bootstrap" of the directory is the PLAINTEXT one).
  const std::string& bootstrap() const { return bootstrap_; }
  const std::string& municipality() const { return municipality_; }
  // "{municipality}.{kind}.v1", e.g. topic("case").
  std::string topic(const std::string& kind) const;

  std::string password_file(const std::string& user) const;
  std::string ca_file() const;
  // kcat -F FILE: the user's settings for kcat.
  std::string kcat_config(const std::string& user) const;

  // The librdkafka properties that log `user` in over SASL_SSL (its password read from its file).
  std::map<std::string, std::string> client_properties(const std::string& user) const;
  // samsag's Kafka config for `user`: bootstrap() and client_properties(user).
  config::v1::Kafka kafka_config(const std::string& user) const;

  // Creates every topic of the municipality (one partition each) as samsag-admin over SASL_SSL;
  // topics that exist already are fine. Throws std::runtime_error on any other failure.
  void ensure_topics() const;

 private:
  std::string directory_;
  std::string bootstrap_;
  std::string municipality_;
};

}  // namespace samsag::testing
