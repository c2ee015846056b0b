#include "core/kafka/settings.h"

#include <algorithm>

#include "core/kafka/detail/client_conf.h"
#include "core/kafka/error_codes.h"
#include "samsag/config/v1/config.pb.h"

namespace samsag::kafka {
namespace {

Error invalid(std::string sentence) {
  return make_error(std::string(errc::kInvalidSettings), std::move(sentence));
}

bool is_producer(ClientRole role) {
  return role == ClientRole::kProducer || role == ClientRole::kTransactionalProducer;
}

// Adapters acknowledge a source record only after Kafka confirmed it, and the bridge relies on
// one ordered, duplicate-free stream per partition: idempotence with acks=all gives both.
// murmur2_random is the Java client's partitioner, so a pseudonym maps to the same partition
// number on every co-partitioned topic, whichever client produced it.
std::vector<Property> producer_required() {
  return {{"enable.idempotence", "true"}, {"acks", "all"}, {"partitioner", "murmur2_random"}};
}

// Defaults, not requirements: an operator may tune them in kafka.properties. Nagle's algorithm
// would hold a produce request's last segment until the broker's delayed ACK (40 ms on Linux)
// whenever an earlier request is still unacknowledged; every produce round trip is on some
// caller's path, so none should wait for it.
std::vector<Property> producer_defaults(ProducerUse use) {
  std::vector<Property> defaults{{"socket.nagle.disable", "true"}};
  if (use == ProducerUse::kEachRequest) defaults.emplace_back("linger.ms", "1");
  return defaults;
}

// Defaults, not requirements. A real broker answers a fetch as soon as a record arrives, however
// long fetch.wait.max.ms allows; the embedded broker (librdkafka 2.0.2's mock cluster) answers a
// fetch that found nothing only when that time is up, so with the default 500 ms a record that
// arrives meanwhile waits for it. 20 ms keeps that wait short and costs an idle consumer about 50
// small requests a second per broker.
std::vector<Property> consumer_defaults() {
  return {{"auto.offset.reset", "earliest"}, {"fetch.wait.max.ms", "20"}};
}

// read_committed hides records of aborted bridge transactions on a real cluster; range puts
// partition i of every input topic on the same instance (co-partitioning); offsets move only
// when samsag commits them, after the work they stand for is done.
std::vector<Property> consumer_required(const std::string& group_id) {
  return {{"group.id", group_id},
          {"isolation.level", "read_committed"},
          {"partition.assignment.strategy", "range"},
          {"enable.auto.commit", "false"},
          {"enable.auto.offset.store", "false"}};
}

std::vector<Property> concat(std::vector<Property> first, const std::vector<Property>& second) {
  first.insert(first.end(), second.begin(), second.end());
  return first;
}

}  // namespace

Result<KafkaSettings> KafkaSettings::build(ClientRole role, const config::v1::Kafka& kafka,
                                           std::vector<Property> defaults,
                                           std::vector<Property> required) {
  std::vector<Property> configured = std::move(defaults);
  // A protobuf map has no order; sorting makes the applied order (and any error) repeatable.
  std::vector<Property> passthrough(kafka.properties().begin(), kafka.properties().end());
  std::sort(passthrough.begin(), passthrough.end());
  configured.insert(configured.end(), passthrough.begin(), passthrough.end());
  if (is_producer(role) && kafka.delivery_timeout_ms() > 0) {
    configured.emplace_back("delivery.timeout.ms", std::to_string(kafka.delivery_timeout_ms()));
  }

  if (!kafka.bootstrap().empty()) {
    required.insert(required.begin(), {"bootstrap.servers", kafka.bootstrap()});
  } else if (!kafka.properties().contains("test.mock.num.brokers")) {
    return invalid("kafka.bootstrap is empty: name at least one broker as host:port");
  }

  auto conf = detail::make_conf(concat(configured, required));
  if (!conf) return conf.error();
  return KafkaSettings(role, std::move(configured), std::move(required));
}

Result<KafkaSettings> KafkaSettings::for_producer(const config::v1::Kafka& kafka, ProducerUse use) {
  return build(ClientRole::kProducer, kafka, producer_defaults(use), producer_required());
}

Result<KafkaSettings> KafkaSettings::for_transactional_producer(
    const config::v1::Kafka& kafka, const std::string& transactional_id) {
  if (transactional_id.empty()) return invalid("a transactional producer needs a transactional.id");
  auto required = producer_required();
  required.emplace_back("transactional.id", transactional_id);
  return build(ClientRole::kTransactionalProducer, kafka, producer_defaults(ProducerUse::kBatches),
               std::move(required));
}

Result<KafkaSettings> KafkaSettings::for_consumer(const config::v1::Kafka& kafka,
                                                  const std::string& group_id) {
  if (group_id.empty()) return invalid("a consumer needs a consumer group id");
  return build(ClientRole::kConsumer, kafka, consumer_defaults(), consumer_required(group_id));
}

Result<KafkaSettings> KafkaSettings::for_admin(const config::v1::Kafka& kafka) {
  return build(ClientRole::kAdmin, kafka, {}, {});
}

Status KafkaSettings::set(const std::string& name, const std::string& value) {
  auto conf = detail::make_conf({{name, value}});
  if (!conf) return conf.error();
  auto same_name = [&name](const Property& property) { return property.first == name; };
  configured_.erase(std::remove_if(configured_.begin(), configured_.end(), same_name),
                    configured_.end());
  configured_.emplace_back(name, value);
  return ok_status();
}

std::vector<Property> KafkaSettings::properties() const { return concat(configured_, required_); }

std::optional<std::string> KafkaSettings::effective(const std::string& name) const {
  auto conf = detail::make_conf(properties());
  if (!conf) return std::nullopt;  // cannot happen: every property was validated when added
  return detail::read_property(**conf, name);
}

std::vector<std::string> KafkaSettings::overridden() const {
  // Applying the configured properties on top of the required ones shows which of them the
  // configuration sets differently, directly or through an alias, even to librdkafka's default.
  auto configured_last = detail::make_conf(concat(required_, configured_));
  auto applied = detail::make_conf(properties());
  std::vector<std::string> names;
  if (!configured_last || !applied) return names;
  for (const auto& [name, value] : required_) {
    if (detail::read_property(**configured_last, name) != detail::read_property(**applied, name)) {
      names.push_back(name);
    }
  }
  return names;
}

}  // namespace samsag::kafka
