#include "cli/dlq/stored_dead_letter.h"

#include <map>

#include "core/kafka/admin.h"
#include "core/kafka/consumer.h"
#include "core/kafka/error_codes.h"

namespace samsag::cli::dlq {
namespace {

using namespace std::chrono_literals;

StoredDeadLetter decode(const kafka::Message& message) {
  StoredDeadLetter stored{message.partition, message.offset, {}, std::nullopt};
  if (!message.value || !stored.letter.ParseFromString(*message.value)) {
    stored.unreadable = "the record is not a samsag.v1.DeadLetter";
  }
  return stored;
}

}  // namespace

std::string position_of(const StoredDeadLetter& stored) {
  return std::to_string(stored.partition) + ":" + std::to_string(stored.offset);
}

Result<std::vector<StoredDeadLetter>> read_dead_letters(const samsag::config::v1::Kafka& kafka,
                                                        const std::string& topic,
                                                        kafka::Deadline deadline) {
  auto admin_settings = kafka::KafkaSettings::for_admin(kafka);
  if (!admin_settings) return admin_settings.error();
  auto admin = kafka::Admin::create(*admin_settings);
  if (!admin) return admin.error();
  auto counts = admin->partition_counts({topic}, deadline);
  if (!counts) return counts.error();
  if (counts->found.empty()) {
    return make_error(std::string(kafka::errc::kUnknownTopic),
                      "topic " + topic + " does not exist");
  }
  const int partitions = counts->found.begin()->second;

  // Manual assignment only: the group id is never joined or committed to; the settings need one.
  auto settings = kafka::KafkaSettings::for_consumer(kafka, "samsag-dlq-reader");
  if (!settings) return settings.error();
  (void)settings->set("client.id", "samsag-dlq");
  auto consumer = kafka::Consumer::create(*settings);
  if (!consumer) return consumer.error();

  std::map<std::int32_t, std::int64_t> end;
  std::vector<kafka::PartitionOffset> assignment;
  for (std::int32_t partition = 0; partition < partitions; ++partition) {
    auto marks = consumer->watermarks({topic, partition}, deadline);
    if (!marks) return marks.error();
    if (marks->high > marks->low) {
      end[partition] = marks->high;
      assignment.push_back({topic, partition, kafka::kOffsetBeginning});
    }
  }
  std::map<std::int32_t, std::vector<StoredDeadLetter>> by_partition;
  if (!assignment.empty()) {
    if (auto assigned = consumer->assign(assignment); !assigned) return assigned.error();
    std::vector<kafka::TopicPartition> reading;
    for (const auto& [partition, high] : end) reading.push_back({topic, partition});
    // Positions, not the offsets of records seen: on a real cluster the last offsets of a
    // partition can be transaction markers, which are never handed out.
    auto caught_up = [&] {
      auto positions = consumer->position(reading);
      if (!positions) return false;
      for (const auto& position : *positions) {
        if (!position.offset || *position.offset < end[position.partition]) return false;
      }
      return true;
    };
    while (!caught_up()) {
      if (kafka::Clock::now() > deadline) {
        return make_error(std::string(kafka::errc::kTimedOut),
                          "reading " + topic + " to its end did not finish in time");
      }
      auto polled = consumer->poll(100ms);
      if (!polled || !polled->has_value()) continue;
      const kafka::Message& message = **polled;
      if (message.offset >= end[message.partition]) continue;
      by_partition[message.partition].push_back(decode(message));
    }
  }
  (void)consumer->close(kafka::deadline_in(5s));
  std::vector<StoredDeadLetter> letters;
  for (auto& [partition, stored] : by_partition) {
    for (auto& letter : stored) letters.push_back(std::move(letter));
  }
  return letters;
}

}  // namespace samsag::cli::dlq
