#include "core/broker/embedded_broker.h"

#include <algorithm>

#include "core/broker/bootstrap_forwarder.h"
#include "core/kafka/mock_cluster.h"

namespace samsag::broker {

Result<std::vector<TopicSpec>> distinct_topics(const std::vector<TopicSpec>& requested) {
  std::vector<TopicSpec> topics;
  for (const auto& topic : requested) {
    const auto same_name = std::find_if(topics.begin(), topics.end(), [&topic](const TopicSpec& t) {
      return t.name == topic.name;
    });
    if (same_name == topics.end()) {
      topics.push_back(topic);
    } else if (same_name->partitions != topic.partitions) {
      return make_error("TOPIC_CONFLICT", "topic \"" + topic.name + "\" is asked for with " +
                                              std::to_string(same_name->partitions) + " and " +
                                              std::to_string(topic.partitions) + " partitions");
    }
  }
  return topics;
}

Result<std::unique_ptr<EmbeddedBroker>> EmbeddedBroker::start(
    const EmbeddedBrokerOptions& options) {
  if (options.brokers < 1 || options.brokers > kMaxBrokers) {
    return make_error("INVALID_OPTIONS", "the embedded broker runs 1 to " +
                                             std::to_string(kMaxBrokers) + " brokers, not " +
                                             std::to_string(options.brokers));
  }
  auto topics = distinct_topics(options.topics);
  if (!topics) {
    return topics.error();
  }
  for (const auto& topic : *topics) {
    if (auto name_ok = check_topic_name(topic.name); !name_ok) {
      return name_ok.error();
    }
    if (topic.partitions < 1 || topic.partitions > kMaxPartitions) {
      return make_error("INVALID_OPTIONS", "topic \"" + topic.name + "\" needs 1 to " +
                                               std::to_string(kMaxPartitions) + " partitions");
    }
  }

  // stdout belongs to the ready line of `samsag broker`, so the mock's own warnings go to stderr.
  auto started = kafka::MockCluster::start(options.brokers, kafka::MockClusterLog::kStandardError);
  if (!started) {
    return started.error();
  }
  auto cluster = std::make_unique<kafka::MockCluster>(std::move(started).value());
  for (const auto& topic : *topics) {
    if (auto created = cluster->create_topic(topic.name, topic.partitions); !created) {
      return created.error();
    }
  }
  auto listener = BootstrapForwarder::start(options.listen, cluster->brokers());
  if (!listener) {
    return listener.error();
  }
  return std::unique_ptr<EmbeddedBroker>(new EmbeddedBroker(
      std::move(cluster), std::move(listener).value(), std::move(topics).value()));
}

EmbeddedBroker::EmbeddedBroker(std::unique_ptr<kafka::MockCluster> cluster,
                               std::unique_ptr<BootstrapForwarder> listener,
                               std::vector<TopicSpec> topics)
    : cluster_(std::move(cluster)), listener_(std::move(listener)), topics_(std::move(topics)) {}

EmbeddedBroker::~EmbeddedBroker() = default;

const config::HostPort& EmbeddedBroker::bootstrap() const { return listener_->listening_on(); }

const std::vector<config::HostPort>& EmbeddedBroker::brokers() const { return cluster_->brokers(); }

}  // namespace samsag::broker
