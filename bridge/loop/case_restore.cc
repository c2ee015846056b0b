#include "bridge/loop/case_restore.h"

#include <chrono>
#include <map>
#include <optional>
#include <set>

#include "bridge/loop/input_offsets.h"
#include "core/kafka/error_codes.h"
#include "core/log/log.h"

namespace samsag::bridge {
namespace {

using namespace std::chrono_literals;

// Records written to the store in one atomic step; progress survives a crash in between.
constexpr std::size_t kChunkRecords = 2000;
constexpr auto kPollTimeout = 100ms;
// When no record came for this long, what is left below the end offset can only be control
// records of transactions (which a consumer never hands out) or a broker that stopped answering.
// Stopping there is safe either way: the store then holds a prefix of the topic, whose latest
// checkpoint vouches for all of it, and the inputs are read again from that checkpoint.
constexpr auto kIdleLimit = 5s;

// Case bytes (nullopt: a tombstone) collected for one atomic write, latest per citizen.
class RestoreChunk {
 public:
  explicit RestoreChunk(std::int32_t partition) : partition_(partition) {}

  void put(std::string pseudonym, std::optional<std::string> bytes) {
    if (!seen_.insert(pseudonym).second) overwrote_ = true;
    cases_[std::move(pseudonym)] = std::move(bytes);
    ++records_;
  }
  void checkpoint(samsag::v1::Checkpoint checkpoint) {
    checkpoint_ = std::move(checkpoint);
    ++records_;
  }
  void applied(std::int64_t offset) { next_ = offset + 1; }
  std::size_t records() const { return records_; }
  // True when a citizen's case was written more than once: an older version may linger on disk.
  bool overwrote() const { return overwrote_; }

  Status flush(StateStore& store, PartitionProgress& progress) {
    if (!next_) return ok_status();
    PartitionWrite change{.partition = partition_, .next_case_offset = next_};
    for (auto& [pseudonym, bytes] : cases_) {
      if (bytes) {
        change.cases.emplace_back(pseudonym, std::move(*bytes));
      } else {
        change.removed.push_back(pseudonym);
      }
    }
    change.checkpoint = checkpoint_;
    if (auto written = store.write(change); !written) return written;
    progress.next_case_offset = next_;
    if (checkpoint_) progress.checkpoint = std::move(checkpoint_);
    cases_.clear();
    checkpoint_.reset();
    next_.reset();
    records_ = 0;
    return ok_status();
  }

 private:
  std::int32_t partition_;
  std::map<std::string, std::optional<std::string>> cases_;
  std::optional<samsag::v1::Checkpoint> checkpoint_;
  std::optional<std::int64_t> next_;
  std::size_t records_ = 0;
  std::set<std::string> seen_;
  bool overwrote_ = false;
};

// Where reading starts: right after what the store applied, if that is still a position on the
// topic; otherwise the store's copy of the partition is dropped and the topic read from its start.
Result<std::int64_t> starting_offset(StateStore& store, PartitionProgress& progress,
                                     const kafka::Watermarks& marks, std::int32_t partition,
                                     bool& from_scratch) {
  const auto next = progress.next_case_offset;
  if (next && *next >= marks.low && *next <= marks.high) return *next;
  from_scratch = true;
  if (next) {
    log::info("state store's copy of a partition does not match the case topic; rebuilding it",
              {{"partition", partition},
               {"store_next_offset", *next},
               {"topic_low", marks.low},
               {"topic_high", marks.high}});
  }
  if (auto forgotten = store.forget_partition(partition); !forgotten) return forgotten.error();
  progress = PartitionProgress{};
  return marks.low;
}

}  // namespace

Result<RestoreReport> restore_partition(StateStore& store, kafka::Consumer& reader,
                                        const std::string& case_topic, std::int32_t partition,
                                        kafka::Deadline deadline, const RestoreHooks& hooks) {
  RestoreReport report;
  auto progress = store.progress(partition);
  if (!progress) return progress.error();
  report.progress = std::move(*progress);
  const kafka::TopicPartition source{case_topic, partition};
  auto marks = reader.watermarks(source, deadline);
  if (!marks) return marks.error();
  auto start = starting_offset(store, report.progress, *marks, partition, report.from_scratch);
  if (!start) return start.error();
  if (*start >= marks->high) return report;

  if (auto assigned = reader.assign({{case_topic, partition, *start}}); !assigned) {
    return assigned.error();
  }
  RestoreChunk chunk(partition);
  std::int64_t next = *start;
  auto idle_since = kafka::Clock::now();
  Status outcome = ok_status();
  while (next < marks->high) {
    if (hooks.stop_requested()) {
      outcome = make_error(kRestoreInterrupted, "the restore was stopped before it finished");
      break;
    }
    auto polled = reader.poll(kPollTimeout);
    if (!polled) {
      if (polled.error().code == kafka::errc::kFatal) {
        outcome = polled.error();
        break;
      }
      continue;  // the consumer recovers from the rest by itself
    }
    if (!*polled) {
      auto position = reader.position({source});
      if (position && !position->empty() && position->front().offset.value_or(0) >= marks->high) {
        next = marks->high;
      } else if (kafka::Clock::now() - idle_since >= kIdleLimit) {
        log::info("case topic partition read as far as it answers",
                  {{"partition", partition}, {"next_offset", next}, {"end_offset", marks->high}});
        break;
      }
      continue;
    }
    idle_since = kafka::Clock::now();
    auto& record = **polled;
    if (record.partition != partition || record.offset < next || record.offset >= marks->high) {
      continue;
    }
    next = record.offset + 1;
    ++report.records_read;
    const std::string key = record.key.value_or("");
    if (auto checkpoint_of = checkpoint_partition(key)) {
      samsag::v1::Checkpoint checkpoint;
      if (*checkpoint_of == partition && record.value &&
          checkpoint.ParseFromString(*record.value)) {
        chunk.checkpoint(std::move(checkpoint));
      } else {
        log::warn("case topic holds a checkpoint record that is not this partition's; ignored",
                  {{"partition", partition}, {"offset", record.offset}});
      }
    } else if (!key.empty()) {
      chunk.put(key, std::move(record.value));
    }
    chunk.applied(record.offset);
    if (chunk.records() >= kChunkRecords) {
      if (auto flushed = chunk.flush(store, report.progress); !flushed) {
        outcome = flushed;
        break;
      }
      hooks.on_progress(marks->high - next);
    }
  }
  if (outcome) {
    chunk.applied(next - 1);
    outcome = chunk.flush(store, report.progress);
  } else if (outcome.error().code == kRestoreInterrupted) {
    (void)chunk.flush(store, report.progress);  // keep what was read; the next restore goes on
  }
  (void)reader.unassign();
  hooks.on_progress(0);
  if (!outcome) return outcome.error();
  // Older versions of a case overwritten by the restore may hold data a withdrawal deleted.
  if (report.records_read > 0 && (chunk.overwrote() || !report.from_scratch)) {
    if (auto purged = store.purge_history(); !purged) return purged.error();
  }
  return report;
}

}  // namespace samsag::bridge
