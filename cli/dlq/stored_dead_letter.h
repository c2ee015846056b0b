// Dead letters as they sit on {m}.dlq.v1, and reading all of them: a consumer without a group
// (nothing committed, nobody else disturbed) assigned every partition from its beginning to the
// end offset it had when reading started.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/base/result.h"
#include "core/kafka/deadline.h"
#include "samsag/config/v1/config.pb.h"
#include "samsag/v1/dead_letter.pb.h"

namespace samsag::cli::dlq {

struct StoredDeadLetter {
  std::int32_t partition = 0;
  std::int64_t offset = 0;
  samsag::v1::DeadLetter letter;
  // Set when the record is not a DeadLetter (it is listed, never replayed).
  std::optional<std::string> unreadable;
};

// "PARTITION:OFFSET", e.g. "2:1041".
std::string position_of(const StoredDeadLetter& stored);

// Every record of `topic`, partition by partition in offset order. Errors: UNKNOWN_TOPIC,
// TIMED_OUT (the end was not reached by `deadline`), and core/kafka's.
Result<std::vector<StoredDeadLetter>> read_dead_letters(const samsag::config::v1::Kafka& kafka,
                                                        const std::string& topic,
                                                        kafka::Deadline deadline);

}  // namespace samsag::cli::dlq
