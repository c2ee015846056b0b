#include "adapters/employment/spool_source.h"

#include <chrono>
#include <optional>

#include "adapters/employment/spool_directory.h"
#include "core/log/log.h"

namespace samsag::adapters::employment {
namespace {

constexpr std::chrono::milliseconds kDefaultPoll{1000};
constexpr std::chrono::milliseconds kDefaultConfirm{30'000};

std::unique_ptr<SpoolDirectory> open_spool(SourceEnvironment& environment,
                                           const std::string& directory) {
  auto spool =
      SpoolDirectory::open(SpoolOptions{.directory = directory, .batch_rows = 2000},
                           RowMapper(MappingSettings::from_config(
                               environment.adapter, environment.config.municipality().code())));
  if (!spool.ok()) {
    environment.set_source_ready(false, spool.error().message);
    return nullptr;
  }
  environment.set_source_ready(true, "");
  return std::move(spool).value();
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

bool SpoolSource::pause(std::chrono::milliseconds timeout) {
  std::unique_lock lock(mutex_);
  wake_.wait_for(lock, timeout, [this] { return stopping_; });
  return !stopping_;
}

void SpoolSource::run(SourceEnvironment& environment) {
  const auto poll = environment.adapter.spool().poll_interval_ms() > 0
                        ? std::chrono::milliseconds(environment.adapter.spool().poll_interval_ms())
                        : kDefaultPoll;
  const auto confirm =
      environment.config.kafka().delivery_timeout_ms() > 0
          ? std::chrono::milliseconds(environment.config.kafka().delivery_timeout_ms())
          : kDefaultConfirm;
  std::unique_ptr<SpoolDirectory> spool;
  for (;;) {
    {
      std::lock_guard lock(mutex_);
      if (stopping_) return;
    }
    if (!spool) {
      spool = open_spool(environment, directory_);
      if (!spool) {
        if (!pause(poll)) return;
        continue;
      }
    }
    const auto backlog = spool->backlog(std::chrono::system_clock::now());
    environment.metrics.files_waiting().Set(static_cast<double>(backlog.files_waiting));
    environment.metrics.oldest_file_age().Set(static_cast<double>(backlog.oldest_file_age.count()));

    ParseResult batch;
    auto mark = spool->next_batch([&batch](ExportRow&& row) {
      if (row.target_group_unmapped) ++batch.unmapped_target_groups;
      batch.records.push_back(std::move(row.record));
    });
    if (!mark.ok()) {
      samsag::log::warn("cannot read the spool; retrying",
                        {{"error", mark.error().code}, {"reason", mark.error().message}});
      if (!pause(poll)) return;
      continue;
    }
    if (!mark->has_value()) {
      if (!pause(poll)) return;
      continue;
    }

    PendingBatch pending = environment.publisher.publish(std::move(batch));
    auto confirmed = pending.wait(kafka::deadline_in(confirm));
    while (!confirmed.ok() && confirmed.error().code == "TIMED_OUT") {
      // Kafka is slow or away: keep waiting for these records (librdkafka keeps retrying them)
      // unless we are stopping, in which case the checkpoint stays where it is.
      samsag::log::warn("Kafka has not confirmed the batch yet; waiting",
                        {{"file", (*mark)->file}, {"line", (*mark)->line}});
      if (!pause(std::chrono::milliseconds(0))) return;
      confirmed = pending.wait(kafka::deadline_in(confirm));
    }
    if (!confirmed.ok()) {
      // Not confirmed: read again from the checkpoint; repeats carry the same event ids.
      samsag::log::warn("Kafka did not take the batch; re-reading from the checkpoint",
                        {{"file", (*mark)->file}, {"error", confirmed.error().code}});
      spool.reset();
      if (!pause(poll)) return;
      continue;
    }
    if (auto committed = spool->commit(**mark); !committed.ok()) {
      samsag::log::error(
          "cannot write the spool checkpoint; re-reading from the last one",
          {{"error", committed.error().code}, {"reason", committed.error().message}});
      spool.reset();
      if (!pause(poll)) return;
      continue;
    }
    if ((*mark)->end_of_file) {
      samsag::log::info("file ingested", {{"file", (*mark)->file}, {"lines", (*mark)->line - 1}});
    }
  }
}

}  // namespace samsag::adapters::employment
