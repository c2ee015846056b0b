// librdkafka's in-process mock cluster (rdkafka_mock.h) as an owned object: N brokers on random
// loopback ports, each speaking the Kafka wire protocol, data held in memory. See
// embedded_broker.h for what the mock cluster does and does not implement.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "core/base/result.h"
#include "core/broker/endpoint.h"

namespace samsag::broker {

class MockCluster {
 public:
  // Starts `broker_count` brokers (ids 1..broker_count). Errors: MOCK_CLUSTER_FAILED.
  static Result<std::unique_ptr<MockCluster>> start(int broker_count);
  ~MockCluster();  // closes every broker connection and frees the data
  MockCluster(const MockCluster&) = delete;
  MockCluster& operator=(const MockCluster&) = delete;

  // Where each broker listens, in broker id order (what Metadata responses advertise).
  const std::vector<Endpoint>& brokers() const { return brokers_; }

  // Creates a topic with replication factor min(3, brokers): the mock answers no CreateTopics
  // request, so topics are made here, in-process. Errors: TOPIC_EXISTS, TOPIC_CREATE_FAILED.
  Status create_topic(const std::string& name, int partitions);

 private:
  struct Handles;  // the rd_kafka_t and the rd_kafka_mock_cluster_t; keeps librdkafka out of here
  MockCluster(std::unique_ptr<Handles> handles, std::vector<Endpoint> brokers);

  std::unique_ptr<Handles> handles_;
  std::vector<Endpoint> brokers_;
};

}  // namespace samsag::broker
