#include "bridge/loop/partition_intake.h"

#include <algorithm>
#include <iterator>

namespace samsag::bridge {

PartitionIntake::PartitionIntake(std::string consent_topic, const InputOffsets& start,
                                 Limits limits)
    : consent_topic_(std::move(consent_topic)),
      limits_(limits),
      consent_next_(start.next(consent_topic_)),
      expected_(start.by_topic()) {}

void PartitionIntake::add(kafka::Message message) {
  if (rewinds_.contains(message.topic)) return;  // everything after a dropped record waits too
  auto expected = expected_.find(message.topic);
  if (expected != expected_.end() && message.offset < expected->second) return;

  const bool consent = message.topic == consent_topic_;
  if (!consent && covered_.size() + waiting_.size() >= limits_.max_held) {
    rewinds_.emplace(message.topic, message.offset);
    return;
  }
  expected_[message.topic] = message.offset + 1;
  if (consent) {
    consent_next_ = std::max(consent_next_.value_or(0), message.offset + 1);
    consent_.push_back(std::move(message));
  } else {
    waiting_.push_back(std::move(message));
  }
}

bool PartitionIntake::needs_barrier() const { return !barrier_ && !waiting_.empty(); }

void PartitionIntake::set_barrier(const kafka::Watermarks& consent, Clock::time_point now) {
  barrier_ = consent.high;
  barrier_since_ = now;
  // Nothing below the low watermark exists any more: reading starts at it at the latest.
  consent_next_ = std::max(consent_next_.value_or(consent.low), consent.low);
  covered_.insert(covered_.end(), std::make_move_iterator(waiting_.begin()),
                  std::make_move_iterator(waiting_.end()));
  waiting_.clear();
}

PartitionIntake::Due PartitionIntake::due(std::optional<std::int64_t> consent_position,
                                          Clock::time_point now) const {
  if (!barrier_) return consent_.empty() ? Due::kNothing : Due::kConsentOnly;
  const bool reached = consent_next_.value_or(0) >= *barrier_ ||
                       (consent_position && *consent_position >= *barrier_);
  if (reached) return Due::kFull;
  if (now - barrier_since_ >= limits_.consent_wait) return Due::kFullAfterWaitLimit;
  // A long consent backlog is applied as it comes, so it never piles up in memory.
  if (consent_.size() >= limits_.max_held) return Due::kConsentOnly;
  return Due::kNothing;
}

std::vector<kafka::Message> PartitionIntake::take(Due due) {
  std::vector<kafka::Message> batch = std::move(consent_);
  consent_.clear();
  if (due == Due::kFull || due == Due::kFullAfterWaitLimit) {
    batch.insert(batch.end(), std::make_move_iterator(covered_.begin()),
                 std::make_move_iterator(covered_.end()));
    covered_.clear();
    barrier_.reset();
  }
  return batch;
}

std::map<std::string, std::int64_t> PartitionIntake::take_rewinds() {
  return std::exchange(rewinds_, {});
}

bool PartitionIntake::holds_records_of(const std::string& topic) const {
  auto of_topic = [&topic](const kafka::Message& m) { return m.topic == topic; };
  return rewinds_.contains(topic) || std::any_of(consent_.begin(), consent_.end(), of_topic) ||
         std::any_of(covered_.begin(), covered_.end(), of_topic) ||
         std::any_of(waiting_.begin(), waiting_.end(), of_topic);
}

}  // namespace samsag::bridge
