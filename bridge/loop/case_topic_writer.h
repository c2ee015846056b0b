// Writes a round of batches to Kafka: per partition i the changed case snapshots (key =
// pseudonym) to partition i of {m}.case.v1, the dead letters to {m}.dlq.v1, and only when all of
// those are confirmed, the checkpoint record of partition i, last, to the same partition. A
// checkpoint on the topic therefore vouches for every snapshot before it (DESIGN.md "Delivery
// and state"). With kafka.transactions the round is also one Kafka transaction that carries the
// consumer group's offsets; the sequence of calls is the same either way.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "core/base/result.h"
#include "core/config/topics.h"
#include "core/kafka/consumer_group_metadata.h"
#include "core/kafka/deadline.h"
#include "core/kafka/partition.h"
#include "core/kafka/settings.h"
#include "samsag/v1/case.pb.h"
#include "samsag/v1/dead_letter.pb.h"

namespace samsag::bridge {

// What one partition contributes to a round.
struct PartitionRound {
  std::int32_t partition = 0;
  std::vector<std::pair<std::string, std::string>> snapshots{};  // pseudonym, case bytes
  std::vector<samsag::v1::DeadLetter> dead_letters{};
  samsag::v1::Checkpoint checkpoint{};
};

class CaseTopicWriter {
 public:
  // `settings` from KafkaSettings::for_producer, or for_transactional_producer when
  // `transactional`; a transactional writer registers its transactional.id here (which fences an
  // older producer with the same id). Errors: INVALID_KAFKA_SETTINGS, FENCED, TIMED_OUT, ...
  static Result<std::unique_ptr<CaseTopicWriter>> create(const kafka::KafkaSettings& settings,
                                                         bool transactional,
                                                         const config::Topics& topics,
                                                         kafka::Deadline deadline);
  ~CaseTopicWriter();
  CaseTopicWriter(const CaseTopicWriter&) = delete;
  CaseTopicWriter& operator=(const CaseTopicWriter&) = delete;

  // Writes `rounds` and returns the case-topic offset of each partition's checkpoint record.
  // `group` and `offsets` (the next input offsets of every partition in the round) are sent with
  // the transaction; a plain writer ignores them. On error nothing of the round may be trusted:
  // the caller reads the round's inputs again from the last checkpoint. FENCED means this
  // instance must stop producing and rejoin with a new writer.
  Result<std::map<std::int32_t, std::int64_t>> write(
      const std::vector<PartitionRound>& rounds, const kafka::ConsumerGroupMetadata& group,
      const std::vector<kafka::PartitionOffset>& offsets, kafka::Deadline deadline);

  bool transactional() const;

  // Flushes and closes the producer (an open transaction is aborted).
  void close(kafka::Deadline deadline);

  struct Impl;

 private:
  explicit CaseTopicWriter(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace samsag::bridge
