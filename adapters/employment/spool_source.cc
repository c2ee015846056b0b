#include "adapters/employment/spool_source.h"

#include <chrono>
#include <optional>

#include "core/log/log.h"

namespace samsag::adapters::employment {
namespace {

using Clock = std::chrono::steady_clock;

constexpr std::chrono::milliseconds kDefaultPoll{1000};
constexpr std::chrono::milliseconds kDefaultConfirm{30'000};
// Rows per batch, and batches published but not yet confirmed. Kafka confirms the oldest while
// the next are read; 8 x 2,000 rows stays far below librdkafka's queue (100,000 messages) and
// bounds what a crash repeats beyond the last checkpoint.
constexpr std::size_t kBatchRows = 2000;
constexpr std::size_t kMaxBatchesInFlight = 8;
// A confirmed mark inside a file is checkpointed (one fsync, ~7 ms on the development disk) at
// most this often while rows flow; a file's end and an idle spool are committed at once.
constexpr std::chrono::milliseconds kCheckpointInterval{250};
// The backlog metrics list the directory: once a second is plenty for a gauge.
constexpr std::chrono::seconds kBacklogInterval{1};

std::unique_ptr<SpoolDirectory> open_spool(SourceEnvironment& environment,
                                           const std::string& directory) {
  auto spool =
      SpoolDirectory::open(SpoolOptions{.directory = directory, .batch_rows = kBatchRows},
                           RowMapper(MappingSettings::from_config(
                               environment.adapter, environment.config.municipality().code())));
  if (!spool.ok()) {
    environment.set_source_ready(false, spool.error().message);
    return nullptr;
  }
  environment.set_source_ready(true, "");
  return std::move(spool).value();
}

void update_backlog(SourceEnvironment& environment, const SpoolDirectory& spool) {
  const auto backlog = spool.backlog(std::chrono::system_clock::now());
  environment.metrics.files_waiting().Set(static_cast<double>(backlog.files_waiting));
  environment.metrics.oldest_file_age().Set(static_cast<double>(backlog.oldest_file_age.count()));
}

}  // namespace

SpoolSource::~SpoolSource() { stop(); }

Status SpoolSource::start(SourceEnvironment& environment) {
  directory_ = environment.adapter.spool().directory();
  // Opened once here so that a missing directory fails the start with a clear message.
  auto probe =
      SpoolDirectory::open(SpoolOptions{.directory = directory_},
                           RowMapper(MappingSettings::from_config(
                               environment.adapter, environment.config.municipality().code())));
  if (!probe.ok()) return probe.error();
  probe.value().reset();
  if (environment.config.kafka().delivery_timeout_ms() > 0) {
    confirm_timeout_ = std::chrono::milliseconds(environment.config.kafka().delivery_timeout_ms());
  } else {
    confirm_timeout_ = kDefaultConfirm;
  }
  thread_ = std::thread([this, &environment] { run(environment); });
  return ok_status();
}

void SpoolSource::stop() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

bool SpoolSource::stopping() {
  std::lock_guard lock(mutex_);
  return stopping_;
}

bool SpoolSource::pause(std::chrono::milliseconds timeout) {
  std::unique_lock lock(mutex_);
  wake_.wait_for(lock, timeout, [this] { return stopping_; });
  return !stopping_;
}

bool SpoolSource::commit_due(SpoolDirectory& spool, CheckpointSchedule& schedule, bool idle) {
  const auto now = Clock::now();
  const std::optional<SpoolMark> mark = schedule.due(now, idle);
  if (!mark) return true;
  schedule.committed(now);
  if (auto committed = spool.commit(*mark); !committed.ok()) {
    samsag::log::error("cannot write the spool checkpoint; re-reading from the last one",
                       {{"error", committed.error().code}, {"reason", committed.error().message}});
    return false;
  }
  if (mark->end_of_file) {
    samsag::log::info("file ingested", {{"file", mark->file}, {"lines", mark->line - 1}});
  }
  return true;
}

SpoolSource::Settled SpoolSource::settle(SpoolDirectory& spool, std::deque<InFlight>& in_flight,
                                         CheckpointSchedule& schedule, bool block, bool dry) {
  bool wait_for_oldest = block;
  while (!in_flight.empty()) {
    InFlight& oldest = in_flight.front();
    auto confirmed = oldest.pending.wait(wait_for_oldest ? kafka::deadline_in(confirm_timeout_)
                                                         : kafka::Clock::now());
    if (!confirmed.ok() && confirmed.error().code == "TIMED_OUT") {
      if (!wait_for_oldest) break;
      // Kafka is slow or away: keep waiting for these records (librdkafka keeps retrying them)
      // unless we are stopping, in which case the checkpoint stays where it is.
      samsag::log::warn("Kafka has not confirmed the batch yet; waiting",
                        {{"file", oldest.mark.file}, {"line", oldest.mark.line}});
      if (stopping()) return Settled::kStopping;
      continue;
    }
    if (!confirmed.ok()) {
      // Not confirmed: read again from the checkpoint; repeats carry the same event ids. What
      // was confirmed before this batch is checkpointed first, so it is not repeated.
      samsag::log::warn("Kafka did not take the batch; re-reading from the checkpoint",
                        {{"file", oldest.mark.file}, {"error", confirmed.error().code}});
      commit_due(spool, schedule, /*idle=*/true);
      return Settled::kReread;
    }
    schedule.confirmed(oldest.mark);
    in_flight.pop_front();
    wait_for_oldest = false;
    // Checked after every batch, so each file's end is committed (and the file moved) at once.
    if (!commit_due(spool, schedule, dry && in_flight.empty())) return Settled::kReread;
  }
  if (!commit_due(spool, schedule, dry && in_flight.empty())) return Settled::kReread;
  return Settled::kOk;
}

void SpoolSource::run(SourceEnvironment& environment) {
  const auto poll = environment.adapter.spool().poll_interval_ms() > 0
                        ? std::chrono::milliseconds(environment.adapter.spool().poll_interval_ms())
                        : kDefaultPoll;
  std::unique_ptr<SpoolDirectory> spool;
  // Published batches, oldest first; each waits for Kafka's confirmation of all its records.
  std::deque<InFlight> in_flight;
  CheckpointSchedule schedule(kCheckpointInterval, Clock::now());
  Clock::time_point backlog_updated;
  while (!stopping()) {
    if (!spool) {
      spool = open_spool(environment, directory_);
      if (!spool) {
        if (!pause(poll)) break;
        continue;
      }
      schedule = CheckpointSchedule(kCheckpointInterval, Clock::now());
      backlog_updated = {};
    }
    if (Clock::now() - backlog_updated >= kBacklogInterval) {
      update_backlog(environment, *spool);
      backlog_updated = Clock::now();
    }

    bool dry = false;  // nothing more to read right now
    if (in_flight.size() < kMaxBatchesInFlight) {
      ParseResult batch;
      batch.records.reserve(kBatchRows);
      auto mark = spool->next_batch([&batch](ExportRow&& row) {
        if (row.target_group_unmapped) ++batch.unmapped_target_groups;
        batch.records.push_back(std::move(row.record));
      });
      if (!mark.ok()) {
        samsag::log::warn("cannot read the spool; retrying",
                          {{"error", mark.error().code}, {"reason", mark.error().message}});
        dry = true;
      } else if (!mark->has_value()) {
        dry = true;
      } else {
        in_flight.push_back(InFlight{environment.publisher.publish(std::move(batch)), **mark});
      }
    }

    const bool block = in_flight.size() >= kMaxBatchesInFlight || (dry && !in_flight.empty());
    switch (settle(*spool, in_flight, schedule, block, dry)) {
      case Settled::kOk:
        break;
      case Settled::kStopping:
        return;
      case Settled::kReread:
        in_flight.clear();
        spool.reset();
        if (!pause(poll)) return;
        continue;
    }
    if (dry && in_flight.empty()) {
      update_backlog(environment, *spool);
      backlog_updated = Clock::now();
      if (!pause(poll)) break;
    }
  }
  // A graceful stop checkpoints what Kafka already confirmed, so the next start repeats less;
  // batches still unconfirmed are given up (the next start reads them again).
  if (spool && settle(*spool, in_flight, schedule, /*block=*/false, /*dry=*/true) == Settled::kOk) {
    commit_due(*spool, schedule, /*idle=*/true);
  }
}

}  // namespace samsag::adapters::employment
