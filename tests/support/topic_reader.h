// Reading what landed on Kafka, for integration tests and benchmarks: every record of a topic
// from its beginning up to the end it had when reading started, with core/kafka's Consumer in
// manual-assignment mode (no consumer group, so readers never disturb each other).
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "core/kafka/record.h"

namespace samsag::testing {

class TopicReader {
 public:
  explicit TopicReader(std::string bootstrap);

  // Every topic the cluster has (sorted by name), including ones a client auto-created.
  std::vector<std::string> topics() const;

  // The number of records on `topic` now: the sum over partitions of high - low watermark.
  // -1 when the topic does not exist or Kafka does not answer within `timeout`.
  std::int64_t count(const std::string& topic,
                     std::chrono::milliseconds timeout = std::chrono::seconds(10)) const;

  // The number of records ever appended to `topic`: the sum of high watermarks. More than
  // count() when the broker dropped old records: `samsag broker` (librdkafka's mock cluster)
  // keeps only the newest 5 MiB / 100,000 message sets of each partition.
  std::int64_t appended(const std::string& topic,
                        std::chrono::milliseconds timeout = std::chrono::seconds(10)) const;

  // Every record of `topic`, partition by partition in offset order. Throws std::runtime_error
  // when the topic cannot be read to its end within `timeout`.
  std::vector<kafka::Message> read_all(
      const std::string& topic, std::chrono::milliseconds timeout = std::chrono::seconds(60)) const;

 private:
  std::string bootstrap_;
};

// Counts the records of one topic again and again over one open connection (watermarks only),
// for tests that watch a topic fill up.
class TopicCounter {
 public:
  // Throws std::runtime_error when the topic does not exist.
  TopicCounter(const std::string& bootstrap, std::string topic);
  ~TopicCounter();
  TopicCounter(const TopicCounter&) = delete;
  TopicCounter& operator=(const TopicCounter&) = delete;

  // The sum over partitions of high - low watermark; -1 when Kafka does not answer in time.
  std::int64_t count(std::chrono::milliseconds timeout = std::chrono::seconds(5));

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace samsag::testing
