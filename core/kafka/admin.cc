#include "core/kafka/admin.h"

#include <librdkafka/rdkafkacpp.h>

#include <stdexcept>

#include "core/kafka/detail/admin_requests.h"
#include "core/kafka/detail/client_conf.h"
#include "core/kafka/detail/event_logger.h"
#include "core/kafka/detail/metadata.h"
#include "core/kafka/error_codes.h"

namespace samsag::kafka {

struct Admin::Impl {
  detail::EventLogger logger{"admin"};  // before `handle`: used until the handle is gone
  // A producer handle that never produces: librdkafka's metadata and Admin API run on any handle.
  std::unique_ptr<RdKafka::Producer> handle;

  // Nobody else serves this handle's queue, so its error reports are served before each call.
  void serve_reports() { handle->poll(0); }
};

Result<Admin> Admin::create(const KafkaSettings& settings) {
  if (settings.role() != ClientRole::kAdmin) {
    throw std::invalid_argument("Admin needs KafkaSettings::for_admin settings");
  }
  auto conf = detail::make_conf(settings.properties());
  if (!conf) return conf.error();
  auto impl = std::make_unique<Impl>();
  std::string reason;
  (*conf)->set("event_cb", static_cast<RdKafka::EventCb*>(&impl->logger), reason);
  impl->handle.reset(RdKafka::Producer::create(conf->get(), reason));
  if (!impl->handle) {
    return make_error(std::string(errc::kInvalidSettings),
                      "the Kafka admin client could not be created: " + reason);
  }
  return Admin(std::move(impl));
}

Admin::Admin(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Admin::Admin(Admin&&) noexcept = default;
Admin& Admin::operator=(Admin&&) noexcept = default;
Admin::~Admin() = default;

Result<std::vector<TopicDescription>> Admin::list_topics(Deadline deadline) {
  impl_->serve_reports();
  return detail::list_topics(*impl_->handle, deadline);
}

Result<PartitionCounts> Admin::partition_counts(const std::vector<std::string>& topics,
                                                Deadline deadline) {
  auto listed = list_topics(deadline);
  if (!listed) return listed.error();
  return detail::partition_counts(*listed, topics);
}

Result<std::map<std::string, TopicPlacement>> Admin::placements(
    const std::vector<std::string>& topics, Deadline deadline) {
  impl_->serve_reports();
  return detail::topic_placements(*impl_->handle, topics, deadline);
}

Result<std::map<std::string, Status>> Admin::create_topics(const std::vector<NewTopic>& topics,
                                                           Deadline deadline) {
  impl_->serve_reports();
  return detail::create_topics(*impl_->handle, topics, deadline);
}

Result<std::map<std::string, TopicConfigs>> Admin::describe_configs(
    const std::vector<std::string>& topics, Deadline deadline) {
  impl_->serve_reports();
  return detail::describe_topic_configs(*impl_->handle, topics, deadline);
}

Status Admin::alter_configs(const std::string& topic,
                            const std::map<std::string, std::string>& configs, Deadline deadline) {
  impl_->serve_reports();
  return detail::alter_topic_configs(*impl_->handle, topic, configs, deadline);
}

}  // namespace samsag::kafka
