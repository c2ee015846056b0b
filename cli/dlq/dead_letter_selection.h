// Which dead letters an ops command means: by reason, by source, by time, by position, and how
// many. Pure: parsed from the command line once, then applied to what was read.
#pragma once

#include <google/protobuf/timestamp.pb.h>

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "cli/dlq/stored_dead_letter.h"
#include "core/base/result.h"

namespace samsag::cli::dlq {

struct DeadLetterSelection {
  std::optional<samsag::v1::DeadLetterReason> reason{};
  // An adapter's name ("employment"), a component ("adapter employment", "bridge") or a source
  // system ("momentum").
  std::optional<std::string> source{};
  std::optional<google::protobuf::Timestamp> since{};              // rejected at or after
  std::vector<std::pair<std::int32_t, std::int64_t>> positions{};  // empty: any
  std::optional<std::size_t> limit{};                              // the first N that match

  bool empty() const { return !reason && !source && !since && positions.empty() && !limit; }
  bool matches(const StoredDeadLetter& stored) const;
  // The matching dead letters in topic order, at most `limit`.
  std::vector<StoredDeadLetter> apply(std::vector<StoredDeadLetter> letters) const;
};

// "WRONG_MUNICIPALITY" or "DEAD_LETTER_REASON_WRONG_MUNICIPALITY", any case. Error: INVALID_REASON.
Result<samsag::v1::DeadLetterReason> parse_reason(const std::string& text);

// An RFC 3339 time ("2026-03-02T10:00:00Z", "2026-03-02T11:00:00+01:00"), a date
// ("2026-03-02": 00:00 UTC), or a span back from `now` ("90m", "36h", "7d").
// Error: INVALID_TIME.
Result<google::protobuf::Timestamp> parse_since(const std::string& text,
                                                const google::protobuf::Timestamp& now);

// "PARTITION:OFFSET". Error: INVALID_POSITION.
Result<std::pair<std::int32_t, std::int64_t>> parse_position(const std::string& text);

}  // namespace samsag::cli::dlq
