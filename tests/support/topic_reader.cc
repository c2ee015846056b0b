#include "tests/support/topic_reader.h"

#include <algorithm>
#include <map>
#include <stdexcept>
#include <utility>

#include "core/kafka/admin.h"
#include "core/kafka/consumer.h"
#include "samsag/config/v1/config.pb.h"

namespace samsag::testing {
namespace {

using namespace std::chrono_literals;

config::v1::Kafka kafka_config(const std::string& bootstrap) {
  config::v1::Kafka kafka;
  kafka.set_bootstrap(bootstrap);
  return kafka;
}

template <typename T>
T or_throw(Result<T> result, const std::string& what) {
  if (!result.ok()) {
    throw std::runtime_error(what + ": " + result.error().code + ": " + result.error().message);
  }
  return std::move(result).value();
}

kafka::Admin make_admin(const std::string& bootstrap) {
  auto settings = or_throw(kafka::KafkaSettings::for_admin(kafka_config(bootstrap)), "settings");
  return or_throw(kafka::Admin::create(settings), "admin client");
}

kafka::Consumer make_consumer(const std::string& bootstrap) {
  // Manual assignment only: the group id is never joined, it only satisfies the settings.
  auto settings = or_throw(
      kafka::KafkaSettings::for_consumer(kafka_config(bootstrap), "samsag-test-topic-reader"),
      "settings");
  return or_throw(kafka::Consumer::create(settings), "consumer");
}

int partitions_of(const std::string& bootstrap, const std::string& topic,
                  std::chrono::milliseconds timeout) {
  auto admin = make_admin(bootstrap);
  auto counts = admin.partition_counts({topic}, kafka::deadline_in(timeout));
  if (!counts.ok()) return -1;
  const auto found = counts->found.find(topic);
  return found == counts->found.end() ? -1 : found->second;
}

}  // namespace

TopicReader::TopicReader(std::string bootstrap) : bootstrap_(std::move(bootstrap)) {}

std::vector<std::string> TopicReader::topics() const {
  auto admin = make_admin(bootstrap_);
  auto listed = or_throw(admin.list_topics(kafka::deadline_in(10s)), "listing topics");
  std::vector<std::string> names;
  names.reserve(listed.size());
  for (const auto& topic : listed) names.push_back(topic.name);
  return names;
}

namespace {

// Sums `part` of every partition's watermarks; -1 when the topic is missing or Kafka is silent.
std::int64_t sum_watermarks(const std::string& bootstrap, const std::string& topic,
                            std::chrono::milliseconds timeout,
                            std::int64_t (*part)(const kafka::Watermarks&)) {
  const auto deadline = kafka::deadline_in(timeout);
  const int partitions = partitions_of(bootstrap, topic, timeout);
  if (partitions < 0) return -1;
  auto consumer = make_consumer(bootstrap);
  std::int64_t total = 0;
  for (int partition = 0; partition < partitions; ++partition) {
    auto marks = consumer.watermarks({topic, partition}, deadline);
    if (!marks.ok()) return -1;
    total += part(*marks);
  }
  return total;
}

// The consumer's position in each partition of `end` that it has not read to the end yet.
std::map<std::int32_t, std::int64_t> position_of(kafka::Consumer& consumer,
                                                 const std::string& topic,
                                                 const std::map<std::int32_t, std::int64_t>& end) {
  std::vector<kafka::TopicPartition> partitions;
  for (const auto& [partition, offset] : end) partitions.push_back({topic, partition});
  std::map<std::int32_t, std::int64_t> positions;
  auto found = consumer.position(partitions);
  if (!found.ok()) return positions;
  for (const auto& position : *found) {
    if (position.offset && *position.offset >= 0) positions[position.partition] = *position.offset;
  }
  return positions;
}

}  // namespace

std::int64_t TopicReader::count(const std::string& topic, std::chrono::milliseconds timeout) const {
  return sum_watermarks(bootstrap_, topic, timeout,
                        [](const kafka::Watermarks& marks) { return marks.high - marks.low; });
}

std::int64_t TopicReader::appended(const std::string& topic,
                                   std::chrono::milliseconds timeout) const {
  return sum_watermarks(bootstrap_, topic, timeout,
                        [](const kafka::Watermarks& marks) { return marks.high; });
}

std::vector<kafka::Message> TopicReader::read_all(const std::string& topic,
                                                  std::chrono::milliseconds timeout) const {
  const auto deadline = kafka::deadline_in(timeout);
  const int partitions = partitions_of(bootstrap_, topic, timeout);
  if (partitions < 0) throw std::runtime_error("topic " + topic + " does not exist");
  auto consumer = make_consumer(bootstrap_);
  std::map<std::int32_t, std::int64_t> end;
  std::vector<kafka::PartitionOffset> assignment;
  for (int partition = 0; partition < partitions; ++partition) {
    auto marks =
        or_throw(consumer.watermarks({topic, partition}, deadline), "watermarks of " + topic);
    if (marks.high > marks.low) {
      end[partition] = marks.high;
      assignment.push_back({topic, partition, kafka::kOffsetBeginning});
    }
  }
  std::map<std::int32_t, std::vector<kafka::Message>> by_partition;
  if (!assignment.empty()) {
    if (auto assigned = consumer.assign(assignment); !assigned.ok()) {
      throw std::runtime_error("assigning " + topic + ": " + assigned.error().message);
    }
    std::map<std::int32_t, std::int64_t> next;
    auto done = [&] {
      return std::all_of(end.begin(), end.end(),
                         [&](const auto& entry) { return next[entry.first] >= entry.second; });
    };
    while (!done()) {
      if (kafka::Clock::now() > deadline) {
        throw std::runtime_error("reading " + topic + " to its end timed out");
      }
      auto polled = consumer.poll(100ms);
      if (!polled.ok() || !polled->has_value()) {
        // On a transactional topic the last offsets can be commit or abort markers, which are
        // never handed out: a partition is read when the position has passed its end.
        for (const auto& [partition, offset] : position_of(consumer, topic, end)) {
          next[partition] = std::max(next[partition], offset);
        }
        continue;
      }
      kafka::Message& message = **polled;
      if (message.offset >= end[message.partition] || message.offset < next[message.partition]) {
        continue;
      }
      next[message.partition] = message.offset + 1;
      by_partition[message.partition].push_back(std::move(message));
    }
  }
  (void)consumer.close(kafka::deadline_in(5s));
  std::vector<kafka::Message> all;
  for (auto& [partition, messages] : by_partition) {
    std::move(messages.begin(), messages.end(), std::back_inserter(all));
  }
  return all;
}

struct TopicCounter::Impl {
  std::string topic;
  int partitions = 0;
  kafka::Consumer consumer;
};

TopicCounter::TopicCounter(const std::string& bootstrap, std::string topic) {
  const int partitions = partitions_of(bootstrap, topic, 10s);
  if (partitions < 0) throw std::runtime_error("topic " + topic + " does not exist");
  impl_ = std::make_unique<Impl>(Impl{std::move(topic), partitions, make_consumer(bootstrap)});
}

TopicCounter::~TopicCounter() = default;

std::int64_t TopicCounter::count(std::chrono::milliseconds timeout) {
  const auto deadline = kafka::deadline_in(timeout);
  std::int64_t total = 0;
  for (int partition = 0; partition < impl_->partitions; ++partition) {
    auto marks = impl_->consumer.watermarks({impl_->topic, partition}, deadline);
    if (!marks.ok()) return -1;
    total += marks->high - marks->low;
  }
  return total;
}

}  // namespace samsag::testing
