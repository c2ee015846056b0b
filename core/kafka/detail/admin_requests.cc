#include "core/kafka/detail/admin_requests.h"

#include <librdkafka/rdkafka.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <memory>
#include <optional>

#include "core/kafka/detail/errors.h"
#include "core/kafka/detail/timeouts.h"
#include "core/kafka/error_codes.h"

namespace samsag::kafka::detail {
namespace {

// The admin request carries the caller's deadline as its timeout; the result event (success or
// librdkafka's own timeout) then arrives shortly after, so the queue is polled a little longer.
constexpr int kResultGraceMs = 2000;

struct QueueDeleter {
  void operator()(rd_kafka_queue_t* queue) const { rd_kafka_queue_destroy(queue); }
};
struct OptionsDeleter {
  void operator()(rd_kafka_AdminOptions_t* options) const {
    rd_kafka_AdminOptions_destroy(options);
  }
};
struct EventDeleter {
  void operator()(rd_kafka_event_t* event) const { rd_kafka_event_destroy(event); }
};
using Event = std::unique_ptr<rd_kafka_event_t, EventDeleter>;

Error admin_error(rd_kafka_resp_err_t code, const char* detail, const std::string& what) {
  auto error = error_from(static_cast<RdKafka::ErrorCode>(code), what);
  if (detail != nullptr && *detail != '\0') error.message += " (" + std::string(detail) + ")";
  return error;
}

// The id of a broker the cluster's metadata names.
Result<std::int32_t> any_broker(RdKafka::Handle& handle, Deadline deadline) {
  const std::string what = "finding a broker for an admin request";
  const int timeout = remaining_ms(deadline);
  if (timeout == 0) return error_from(RdKafka::ERR__TIMED_OUT, what);
  RdKafka::Metadata* raw = nullptr;
  const auto code = handle.metadata(/*all_topics=*/false, nullptr, &raw, timeout);
  std::unique_ptr<RdKafka::Metadata> metadata(raw);
  if (code != RdKafka::ERR_NO_ERROR) return error_from(code, what);
  if (metadata->brokers()->empty()) return error_from(RdKafka::ERR__TRANSPORT, what);
  return metadata->brokers()->front()->id();
}

// One admin call: `send` starts it with the options and the private queue; the result event
// comes back here, or TIMED_OUT. `broker`: where to send it; nullopt lets librdkafka pick (the
// controller, for CreateTopics).
template <typename Send>
Result<Event> call(RdKafka::Handle& handle, rd_kafka_admin_op_t op,
                   std::optional<std::int32_t> broker, Deadline deadline, const std::string& what,
                   Send send) {
  rd_kafka_t* rk = handle.c_ptr();
  const int timeout = remaining_ms(deadline);
  if (timeout == 0) return error_from(RdKafka::ERR__TIMED_OUT, what);
  std::unique_ptr<rd_kafka_queue_t, QueueDeleter> queue(rd_kafka_queue_new(rk));
  std::unique_ptr<rd_kafka_AdminOptions_t, OptionsDeleter> options(
      rd_kafka_AdminOptions_new(rk, op));
  std::array<char, 512> reason{};
  if (rd_kafka_AdminOptions_set_request_timeout(options.get(), timeout, reason.data(),
                                                reason.size()) != RD_KAFKA_RESP_ERR_NO_ERROR) {
    return make_error(std::string(errc::kInvalidState), what + ": " + reason.data());
  }
  if (broker && rd_kafka_AdminOptions_set_broker(options.get(), *broker, reason.data(),
                                                 reason.size()) != RD_KAFKA_RESP_ERR_NO_ERROR) {
    return make_error(std::string(errc::kInvalidState), what + ": " + reason.data());
  }
  if (op == RD_KAFKA_ADMIN_OP_CREATETOPICS || op == RD_KAFKA_ADMIN_OP_ALTERCONFIGS) {
    // Wait until the controller has applied the change, not only accepted it.
    (void)rd_kafka_AdminOptions_set_operation_timeout(options.get(), timeout, reason.data(),
                                                      reason.size());
  }
  send(rk, options.get(), queue.get());
  Event event(rd_kafka_queue_poll(queue.get(), timeout + kResultGraceMs));
  if (!event) return error_from(RdKafka::ERR__TIMED_OUT, what);
  if (const auto code = rd_kafka_event_error(event.get()); code != RD_KAFKA_RESP_ERR_NO_ERROR) {
    return admin_error(code, rd_kafka_event_error_string(event.get()), what);
  }
  return event;
}

ConfigSource source_of(rd_kafka_ConfigSource_t source) {
  switch (source) {
    case RD_KAFKA_CONFIG_SOURCE_DYNAMIC_TOPIC_CONFIG:
      return ConfigSource::kTopic;
    case RD_KAFKA_CONFIG_SOURCE_DYNAMIC_BROKER_CONFIG:
    case RD_KAFKA_CONFIG_SOURCE_DYNAMIC_DEFAULT_BROKER_CONFIG:
    case RD_KAFKA_CONFIG_SOURCE_STATIC_BROKER_CONFIG:
      return ConfigSource::kBroker;
    case RD_KAFKA_CONFIG_SOURCE_DEFAULT_CONFIG:
      return ConfigSource::kDefault;
    default:
      return ConfigSource::kUnknown;
  }
}

struct ResourceDeleter {
  void operator()(rd_kafka_ConfigResource_t* resource) const {
    rd_kafka_ConfigResource_destroy(resource);
  }
};
using Resource = std::unique_ptr<rd_kafka_ConfigResource_t, ResourceDeleter>;

}  // namespace

Result<std::map<std::string, Status>> create_topics(RdKafka::Handle& handle,
                                                    const std::vector<NewTopic>& topics,
                                                    Deadline deadline) {
  const std::string what = "creating topics";
  std::vector<rd_kafka_NewTopic_t*> requests;
  auto destroy = [&requests] { rd_kafka_NewTopic_destroy_array(requests.data(), requests.size()); };
  std::array<char, 512> reason{};
  for (const auto& topic : topics) {
    // -1: the cluster's default.replication.factor (KIP-464).
    const int replication = topic.replication_factor > 0 ? topic.replication_factor : -1;
    auto* request = rd_kafka_NewTopic_new(topic.name.c_str(), topic.partitions, replication,
                                          reason.data(), reason.size());
    if (request == nullptr) {
      destroy();
      return make_error(std::string(errc::kInvalidState),
                        "topic " + topic.name + " cannot be requested: " + reason.data());
    }
    requests.push_back(request);
    for (const auto& [name, value] : topic.configs) {
      (void)rd_kafka_NewTopic_set_config(request, name.c_str(), value.c_str());
    }
  }
  auto event = call(handle, RD_KAFKA_ADMIN_OP_CREATETOPICS, std::nullopt, deadline, what,
                    [&](rd_kafka_t* rk, rd_kafka_AdminOptions_t* options, rd_kafka_queue_t* queue) {
                      rd_kafka_CreateTopics(rk, requests.data(), requests.size(), options, queue);
                    });
  destroy();
  if (!event) return event.error();

  std::map<std::string, Status> outcome;
  const auto* result = rd_kafka_event_CreateTopics_result(event->get());
  std::size_t count = 0;
  const auto** results = rd_kafka_CreateTopics_result_topics(result, &count);
  for (std::size_t i = 0; i < count; ++i) {
    const std::string name = rd_kafka_topic_result_name(results[i]);
    const auto code = rd_kafka_topic_result_error(results[i]);
    outcome[name] = code == RD_KAFKA_RESP_ERR_NO_ERROR
                        ? ok_status()
                        : Status(admin_error(code, rd_kafka_topic_result_error_string(results[i]),
                                             "creating topic " + name));
  }
  return outcome;
}

Result<std::map<std::string, TopicConfigs>> describe_topic_configs(
    RdKafka::Handle& handle, const std::vector<std::string>& topics, Deadline deadline) {
  std::vector<Resource> resources;
  std::vector<rd_kafka_ConfigResource_t*> raw;
  for (const auto& topic : topics) {
    resources.emplace_back(rd_kafka_ConfigResource_new(RD_KAFKA_RESOURCE_TOPIC, topic.c_str()));
    raw.push_back(resources.back().get());
  }
  // Topic configs may be asked of any broker (the Java AdminClient does the same); librdkafka
  // would wait for a controller, which the embedded broker never names.
  auto broker = any_broker(handle, deadline);
  if (!broker) return broker.error();
  auto event =
      call(handle, RD_KAFKA_ADMIN_OP_DESCRIBECONFIGS, *broker, deadline, "describing topic configs",
           [&](rd_kafka_t* rk, rd_kafka_AdminOptions_t* options, rd_kafka_queue_t* queue) {
             rd_kafka_DescribeConfigs(rk, raw.data(), raw.size(), options, queue);
           });
  if (!event) return event.error();

  std::map<std::string, TopicConfigs> described;
  const auto* result = rd_kafka_event_DescribeConfigs_result(event->get());
  std::size_t count = 0;
  const auto** answered = rd_kafka_DescribeConfigs_result_resources(result, &count);
  for (std::size_t i = 0; i < count; ++i) {
    const std::string name = rd_kafka_ConfigResource_name(answered[i]);
    TopicConfigs& configs = described[name];
    if (const auto code = rd_kafka_ConfigResource_error(answered[i]);
        code != RD_KAFKA_RESP_ERR_NO_ERROR) {
      configs.error = admin_error(code, rd_kafka_ConfigResource_error_string(answered[i]),
                                  "describing the configs of topic " + name);
      continue;
    }
    std::size_t entries = 0;
    const auto** entry = rd_kafka_ConfigResource_configs(answered[i], &entries);
    for (std::size_t j = 0; j < entries; ++j) {
      ConfigValue value;
      if (const char* text = rd_kafka_ConfigEntry_value(entry[j]); text != nullptr) {
        value.value = text;
      }
      value.source = source_of(rd_kafka_ConfigEntry_source(entry[j]));
      value.read_only = rd_kafka_ConfigEntry_is_read_only(entry[j]) != 0;
      value.sensitive = rd_kafka_ConfigEntry_is_sensitive(entry[j]) != 0;
      configs.entries[rd_kafka_ConfigEntry_name(entry[j])] = std::move(value);
    }
  }
  return described;
}

Status alter_topic_configs(RdKafka::Handle& handle, const std::string& topic,
                           const std::map<std::string, std::string>& configs, Deadline deadline) {
  const std::string what = "changing the configs of topic " + topic;
  Resource resource(rd_kafka_ConfigResource_new(RD_KAFKA_RESOURCE_TOPIC, topic.c_str()));
  for (const auto& [name, value] : configs) {
    if (const auto code =
            rd_kafka_ConfigResource_set_config(resource.get(), name.c_str(), value.c_str());
        code != RD_KAFKA_RESP_ERR_NO_ERROR) {
      return admin_error(code, name.c_str(), what);
    }
  }
  rd_kafka_ConfigResource_t* raw = resource.get();
  auto broker = any_broker(handle, deadline);  // as for describing: any broker serves topics
  if (!broker) return broker.error();
  auto event = call(handle, RD_KAFKA_ADMIN_OP_ALTERCONFIGS, *broker, deadline, what,
                    [&](rd_kafka_t* rk, rd_kafka_AdminOptions_t* options, rd_kafka_queue_t* queue) {
                      rd_kafka_AlterConfigs(rk, &raw, 1, options, queue);
                    });
  if (!event) return event.error();
  const auto* result = rd_kafka_event_AlterConfigs_result(event->get());
  std::size_t count = 0;
  const auto** answered = rd_kafka_AlterConfigs_result_resources(result, &count);
  for (std::size_t i = 0; i < count; ++i) {
    if (const auto code = rd_kafka_ConfigResource_error(answered[i]);
        code != RD_KAFKA_RESP_ERR_NO_ERROR) {
      return admin_error(code, rd_kafka_ConfigResource_error_string(answered[i]), what);
    }
  }
  return ok_status();
}

Result<std::map<std::string, TopicPlacement>> topic_placements(
    RdKafka::Handle& handle, const std::vector<std::string>& wanted, Deadline deadline) {
  const std::string what = "reading the topics of the cluster";
  const int timeout = remaining_ms(deadline);
  if (timeout == 0) return error_from(RdKafka::ERR__TIMED_OUT, what);
  RdKafka::Metadata* raw = nullptr;
  // All topics, never named ones: naming a topic can make a broker auto-create it.
  const auto code = handle.metadata(/*all_topics=*/true, nullptr, &raw, timeout);
  std::unique_ptr<RdKafka::Metadata> metadata(raw);
  if (code != RdKafka::ERR_NO_ERROR) return error_from(code, what);
  std::map<std::string, TopicPlacement> placements;
  for (const auto* topic : *metadata->topics()) {
    const auto* partitions = topic->partitions();
    if (partitions->empty()) continue;  // being created or deleted
    if (std::find(wanted.begin(), wanted.end(), topic->topic()) == wanted.end()) continue;
    const auto* first =
        *std::min_element(partitions->begin(), partitions->end(),
                          [](const auto* a, const auto* b) { return a->id() < b->id(); });
    placements[topic->topic()] = TopicPlacement{static_cast<int>(partitions->size()),
                                                static_cast<int>(first->replicas()->size())};
  }
  return placements;
}

}  // namespace samsag::kafka::detail
