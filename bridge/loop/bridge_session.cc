#include "bridge/loop/bridge_session.h"

#include <google/protobuf/util/time_util.h>

#include <chrono>
#include <map>
#include <optional>
#include <set>
#include <utility>
#include <vector>

#include "bridge/loop/case_restore.h"
#include "bridge/loop/case_topic_writer.h"
#include "bridge/loop/co_partitioning.h"
#include "bridge/loop/input_offsets.h"
#include "bridge/loop/partition_intake.h"
#include "bridge/reducer/reducer.h"
#include "core/kafka/consumer.h"
#include "core/kafka/error_codes.h"
#include "core/log/log.h"

namespace samsag::bridge {
namespace {

using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

constexpr auto kPollWhenIdle = 100ms;
constexpr auto kPollWhenHolding = 10ms;
constexpr auto kReadinessInterval = 250ms;
constexpr auto kProblemLogInterval = 30s;
constexpr auto kCloseTimeout = 10s;
// Cases looked at per partition and loop turn while sweeping for expired consents, so a sweep
// over many cases never holds up the batches for long.
constexpr std::size_t kExpirySlice = 1000;

google::protobuf::Timestamp timestamp_now() {
  return google::protobuf::util::TimeUtil::GetCurrentTime();
}

// What the bridge holds of one partition it owns.
struct OwnedPartition {
  OwnedPartition(std::int32_t partition, InputOffsets applied, const std::string& consent_topic,
                 PartitionIntake::Limits limits)
      : number(partition), offsets(std::move(applied)), intake(consent_topic, offsets, limits) {}

  std::int32_t number;
  InputOffsets offsets;  // applied, as in the last checkpoint written
  PartitionIntake intake;
  std::size_t cases_held = 0;
  // The inputs' watermarks when the partition was restored; reaching them is "caught up".
  std::map<std::string, kafka::Watermarks> catch_up_targets;
  bool caught_up = false;
  std::optional<std::string> expiry_cursor;  // set while a sweep goes through the partition
};

std::string partition_list(const std::set<std::int32_t>& partitions) {
  std::string text;
  for (auto partition : partitions) text += (text.empty() ? "" : ",") + std::to_string(partition);
  return text;
}

}  // namespace

class BridgeSession::Impl {
 public:
  Impl(const BridgeContext& context, kafka::Consumer consumer, kafka::Consumer reader,
       std::unique_ptr<CaseTopicWriter> writer)
      : ctx_(context),
        consumer_(std::move(consumer)),
        reader_(std::move(reader)),
        writer_(std::move(writer)) {}

  Status subscribe();
  Status run();
  void close();

 private:
  void on_assigned(std::vector<kafka::PartitionOffset>& assigned);
  void on_revoked(const std::vector<kafka::TopicPartition>& revoked);
  Status restore(std::int32_t partition);

  void poll_records();
  void apply_due_batches(bool allow_new_barriers);
  void sweep_expired_consents();
  void commit(std::vector<std::pair<std::int32_t, BatchResult>> results);
  void rewind(OwnedPartition& partition);
  void seek_rewinds(OwnedPartition& partition);
  void maintain();
  void check_caught_up();
  void refresh_gauges();
  void publish_readiness();
  // Tells options.on_assignment what this instance owns now.
  void announce_assignment();
  void store_failed(const Error& error);
  void fail(Error error) {
    if (!error_) error_ = std::move(error);
  }

  const BridgeContext& ctx_;
  kafka::Consumer consumer_;
  // Reads the case topic during restores, and asks for watermarks: on its own connections, so a
  // question is never queued behind the group consumer's long-polling fetch (a broker answers
  // one connection's requests in order).
  kafka::Consumer reader_;
  std::unique_ptr<CaseTopicWriter> writer_;
  std::map<std::int32_t, OwnedPartition> owned_;
  std::optional<Error> error_;
  bool joined_ = false;
  bool revoking_ = false;
  bool closed_ = false;
  Clock::time_point next_expiry_sweep_{};
  Clock::time_point next_gauges_{};
  Clock::time_point next_readiness_{};
  Clock::time_point last_poll_error_log_{};
  Clock::time_point last_barrier_error_log_{};
};

Status BridgeSession::Impl::subscribe() {
  kafka::RebalanceCallbacks callbacks{
      .on_assigned =
          [this](std::vector<kafka::PartitionOffset>& assigned) { on_assigned(assigned); },
      .on_revoked =
          [this](const std::vector<kafka::TopicPartition>& revoked) { on_revoked(revoked); }};
  return consumer_.subscribe(ctx_.topics.bridge_inputs(), std::move(callbacks));
}

// --- Partitions coming and going ---------------------------------------------------------------

void BridgeSession::Impl::on_assigned(std::vector<kafka::PartitionOffset>& assigned) {
  if (error_) return;
  std::map<std::int32_t, std::set<std::string>> topics_of;
  for (const auto& entry : assigned) topics_of[entry.partition].insert(entry.topic);
  const auto inputs = ctx_.topics.bridge_inputs();
  for (const auto& [partition, topics] : topics_of) {
    if (topics.size() != inputs.size()) {
      fail(make_error(kNotCoPartitioned, "the consumer group gave this instance partition " +
                                             std::to_string(partition) + " of only " +
                                             std::to_string(topics.size()) + " of the " +
                                             std::to_string(inputs.size()) +
                                             " input topics: they are no longer co-partitioned"));
      return;
    }
  }
  joined_ = true;
  ctx_.readiness.set({.joined = true, .restored = false, .caught_up = false});
  ctx_.metrics.partitions_restoring().Set(static_cast<double>(topics_of.size()));
  std::set<std::int32_t> numbers;
  for (const auto& [partition, topics] : topics_of) {
    if (auto restored = restore(partition); !restored) {
      if (restored.error().code == store_errc::kCorrupt) {
        store_failed(restored.error());
      } else {
        fail(restored.error());
      }
      return;
    }
    numbers.insert(partition);
  }
  // Resume right after the checkpoint, not at the group's committed offsets: those are not
  // stored by a broker that does not enforce transactions, and the checkpoint is what the case
  // topic vouches for.
  for (auto& entry : assigned) {
    entry.offset =
        owned_.at(entry.partition).offsets.next(entry.topic).value_or(kafka::kOffsetBeginning);
  }
  log::info("partitions assigned and restored", {{"partitions", partition_list(numbers)}});
  announce_assignment();
  next_readiness_ = Clock::now();
  next_gauges_ = Clock::now();
  publish_readiness();
}

Status BridgeSession::Impl::restore(std::int32_t partition) {
  RestoreHooks hooks{.stop_requested = [this] { return ctx_.stopping.load(); },
                     .on_progress =
                         [this, partition](std::int64_t remaining) {
                           ctx_.metrics.restore_remaining(partition, remaining);
                         }};
  auto report = restore_partition(ctx_.store, reader_, ctx_.topics.case_, partition,
                                  kafka::deadline_in(ctx_.options.kafka_timeout), hooks);
  if (!report) return report.error();
  ctx_.metrics.restored(report->records_read, report->from_scratch);
  InputOffsets offsets;
  if (report->progress.checkpoint) {
    offsets = InputOffsets::from_checkpoint(*report->progress.checkpoint);
  }
  OwnedPartition owned(partition, std::move(offsets), ctx_.topics.consent, ctx_.options.intake);
  auto cases = ctx_.store.count_cases(partition);
  if (!cases) return cases.error();
  owned.cases_held = *cases;
  log::info("partition restored from the case topic", {{"partition", partition},
                                                       {"records_read", report->records_read},
                                                       {"from_scratch", report->from_scratch},
                                                       {"cases", owned.cases_held}});
  owned_.insert_or_assign(partition, std::move(owned));
  return ok_status();
}

void BridgeSession::Impl::on_revoked(const std::vector<kafka::TopicPartition>& revoked) {
  std::set<std::int32_t> numbers;
  for (const auto& entry : revoked) numbers.insert(entry.partition);
  // What is already due goes out before the partitions go; the rest is read again by the next
  // owner from the checkpoint.
  revoking_ = true;
  if (!error_) apply_due_batches(/*allow_new_barriers=*/false);
  revoking_ = false;
  for (auto partition : numbers) {
    owned_.erase(partition);
    for (const auto& topic : ctx_.topics.bridge_inputs()) {
      ctx_.metrics.forget_partition(topic, partition);
    }
  }
  if (!numbers.empty()) log::info("partitions revoked", {{"partitions", partition_list(numbers)}});
  announce_assignment();
  joined_ = false;
  publish_readiness();
}

// --- The loop ----------------------------------------------------------------------------------

Status BridgeSession::Impl::run() {
  const auto now = Clock::now();
  next_expiry_sweep_ = now + ctx_.options.expire_interval;
  next_gauges_ = now;
  while (!ctx_.stopping.load() && !error_) {
    poll_records();
    if (!error_) apply_due_batches(/*allow_new_barriers=*/true);
    if (!error_) sweep_expired_consents();
    if (!error_) maintain();
  }
  if (error_) return *error_;
  return ok_status();
}

void BridgeSession::Impl::poll_records() {
  bool holding = false;
  for (const auto& [number, owned] : owned_) holding |= owned.intake.held() > 0;
  std::size_t taken = 0;
  while (taken < ctx_.options.max_poll_records && !error_ && !ctx_.stopping.load()) {
    auto polled = consumer_.poll(taken > 0 ? 0ms : holding ? kPollWhenHolding : kPollWhenIdle);
    if (!polled) {
      if (polled.error().code == kafka::errc::kFatal) {
        fail(polled.error());
      } else if (Clock::now() - last_poll_error_log_ >= kProblemLogInterval) {
        last_poll_error_log_ = Clock::now();
        log::warn("reading the input topics reported a problem; the consumer retries",
                  {{"code", polled.error().code}, {"error", polled.error().message}});
      }
      return;
    }
    if (!*polled) return;
    ++taken;
    auto owned = owned_.find((*polled)->partition);
    // Records of a partition not (or no longer) owned are the next owner's to read.
    if (owned != owned_.end()) owned->second.intake.add(std::move(**polled));
  }
}

void BridgeSession::Impl::apply_due_batches(bool allow_new_barriers) {
  const auto now = Clock::now();
  std::vector<std::pair<std::int32_t, std::vector<kafka::Message>>> due_batches;
  for (auto& [number, owned] : owned_) {
    const kafka::TopicPartition consent{ctx_.topics.consent, number};
    if (allow_new_barriers && owned.intake.needs_barrier()) {
      // Consent first: the consent partition's end offset, read now that the waiting records
      // are consumed, is the barrier they wait behind.
      auto marks = reader_.watermarks(consent, kafka::deadline_in(ctx_.options.kafka_timeout));
      if (!marks) {
        // While a leader is missing this fails on every pass: one line per interval is enough.
        if (now - last_barrier_error_log_ >= kProblemLogInterval) {
          last_barrier_error_log_ = now;
          log::warn("the consent partition's end offset could not be read; the batch waits",
                    {{"partition", number}, {"error", marks.error().message}});
        }
        continue;
      }
      owned.intake.set_barrier(*marks, now);
      log::debug("consent barrier set", {{"partition", number}, {"consent_end", marks->high}});
    }
    auto due = owned.intake.due(std::nullopt, now);
    if (due == PartitionIntake::Due::kNothing && owned.intake.has_barrier()) {
      // The consumer's position also moves past control records, which are never handed out.
      if (auto position = consumer_.position({consent}); position && !position->empty()) {
        due = owned.intake.due(position->front().offset, now);
      }
    }
    if (due == PartitionIntake::Due::kNothing) continue;
    if (due == PartitionIntake::Due::kFullAfterWaitLimit) {
      ctx_.metrics.consent_wait_expired();
      log::warn("the consent partition did not reach its end offset in time; applying the batch",
                {{"partition", number}});
    }
    due_batches.emplace_back(number, owned.intake.take(due));
  }
  if (due_batches.empty()) return;

  const auto now_ts = timestamp_now();
  const CaseLoader load = [this](const std::string& pseudonym) {
    return ctx_.store.get(pseudonym);
  };
  std::vector<std::pair<std::int32_t, BatchResult>> results;
  for (auto& [number, records] : due_batches) {
    auto result = apply_batch(records, owned_.at(number).offsets, load, ctx_.rules, now_ts);
    if (!result) {
      store_failed(result.error());
      return;
    }
    results.emplace_back(number, std::move(*result));
  }
  commit(std::move(results));
}

void BridgeSession::Impl::sweep_expired_consents() {
  const auto now = Clock::now();
  if (now >= next_expiry_sweep_) {
    for (auto& [number, owned] : owned_) owned.expiry_cursor = std::string();
    next_expiry_sweep_ = now + ctx_.options.expire_interval;
  }
  const auto now_ts = timestamp_now();
  std::vector<std::pair<std::int32_t, BatchResult>> results;
  for (auto& [number, owned] : owned_) {
    if (!owned.expiry_cursor) continue;
    auto slice = ctx_.store.cases_after(number, *owned.expiry_cursor, kExpirySlice);
    if (!slice) {
      store_failed(slice.error());
      return;
    }
    if (slice->size() < kExpirySlice) {
      owned.expiry_cursor.reset();
    } else {
      owned.expiry_cursor = slice->back().first;
    }
    auto result = expire_cases(*slice, owned.offsets, now_ts);
    if (!result) {
      store_failed(result.error());
      return;
    }
    if (!result->changed.empty()) results.emplace_back(number, std::move(*result));
  }
  if (!results.empty()) commit(std::move(results));
}

// Writes a round: snapshots and dead letters, then checkpoints (CaseTopicWriter); then the
// store. A round Kafka did not take is read again from the last checkpoint.
void BridgeSession::Impl::commit(std::vector<std::pair<std::int32_t, BatchResult>> results) {
  const auto now_ts = timestamp_now();
  std::vector<PartitionRound> rounds;
  std::vector<kafka::PartitionOffset> offsets;
  for (auto& [number, result] : results) {
    PartitionRound round{.partition = number};
    for (const auto& [pseudonym, citizen_case] : result.changed) {
      round.snapshots.emplace_back(pseudonym, serialize_case(citizen_case));
    }
    round.dead_letters = std::move(result.dead_letters);
    round.checkpoint = result.offsets.to_checkpoint(number, now_ts);
    for (const auto& [topic, next] : result.offsets.by_topic()) {
      offsets.push_back({topic, number, next});
    }
    rounds.push_back(std::move(round));
  }
  const auto started = Clock::now();
  auto written = writer_->write(rounds, consumer_.group_metadata(), offsets,
                                kafka::deadline_in(ctx_.options.kafka_timeout));
  ctx_.metrics.round_finished(written.ok(), Clock::now() - started);
  log::debug(
      "round written",
      {{"partitions", rounds.size()},
       {"ms",
        std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - started).count()}});
  if (!written) {
    const auto& code = written.error().code;
    if (code == kafka::errc::kFenced || code == kafka::errc::kFatal) {
      fail(written.error());
      return;
    }
    log::warn(
        "a round was not confirmed by Kafka; its partitions are read again from their "
        "checkpoints",
        {{"code", code}, {"error", written.error().message}});
    for (const auto& [number, result] : results) rewind(owned_.at(number));
    return;
  }

  const auto confirmed_at = timestamp_now();
  bool purge = false;
  for (std::size_t i = 0; i < results.size(); ++i) {
    auto& [number, result] = results[i];
    auto& owned = owned_.at(number);
    PartitionWrite change{.partition = number,
                          .cases = std::move(rounds[i].snapshots),
                          .next_case_offset = written->at(number) + 1,
                          .checkpoint = std::move(rounds[i].checkpoint)};
    if (auto stored = ctx_.store.write(change); !stored) {
      store_failed(stored.error());
      return;
    }
    owned.offsets = std::move(result.offsets);
    owned.cases_held += result.new_cases;
    purge |= result.deleted_data;
    for (const auto& verdict : result.verdicts) ctx_.metrics.count(verdict);
    for (const auto& recorded_at : result.applied_recorded_at) {
      if (recorded_at.seconds() <= 0) continue;
      const auto latency = confirmed_at - recorded_at;
      ctx_.metrics.end_to_end(
          static_cast<double>(google::protobuf::util::TimeUtil::DurationToMilliseconds(latency)) /
          1000.0);
    }
    if (!rounds[i].dead_letters.empty()) {
      log::info("input records sent to the dead letter topic",
                {{"partition", number}, {"count", rounds[i].dead_letters.size()}});
    }
    log::debug("batch written", {{"partition", number},
                                 {"snapshots", change.cases.size()},
                                 {"checkpoint_offset", written->at(number)}});
    if (!revoking_) seek_rewinds(owned);
  }
  std::size_t cases = 0;
  for (const auto& [number, owned] : owned_) cases += owned.cases_held;
  ctx_.metrics.cases_held().Set(static_cast<double>(cases));
  if (purge) {
    if (auto purged = ctx_.store.purge_history(); !purged) store_failed(purged.error());
  }
}

// Back to the last checkpoint: what was consumed after it is read again.
void BridgeSession::Impl::rewind(OwnedPartition& owned) {
  owned.intake = PartitionIntake(ctx_.topics.consent, owned.offsets, ctx_.options.intake);
  for (const auto& topic : ctx_.topics.bridge_inputs()) {
    auto sought = consumer_.seek({topic, owned.number},
                                 owned.offsets.next(topic).value_or(kafka::kOffsetBeginning),
                                 kafka::deadline_in(ctx_.options.kafka_timeout));
    if (!sought) {
      fail(sought.error());
      return;
    }
  }
}

void BridgeSession::Impl::seek_rewinds(OwnedPartition& owned) {
  for (const auto& [topic, offset] : owned.intake.take_rewinds()) {
    auto sought = consumer_.seek({topic, owned.number}, offset,
                                 kafka::deadline_in(ctx_.options.kafka_timeout));
    if (!sought) {
      fail(sought.error());
      return;
    }
  }
}

void BridgeSession::Impl::store_failed(const Error& error) {
  if (error.code == store_errc::kCorrupt) {
    log::error(
        "the state store is corrupt; it is reset and every partition restored from the "
        "case topic",
        {{"error", error.message}});
    if (auto reset = ctx_.store.reset(); !reset) {
      fail(reset.error());
      return;
    }
  }
  fail(error);
}

// --- Readiness and gauges ----------------------------------------------------------------------

void BridgeSession::Impl::maintain() {
  const auto now = Clock::now();
  if (now >= next_readiness_) {
    next_readiness_ = now + kReadinessInterval;
    check_caught_up();
    publish_readiness();
  }
  if (now >= next_gauges_) {
    next_gauges_ = now + ctx_.options.gauge_interval;
    refresh_gauges();
  }
}

void BridgeSession::Impl::check_caught_up() {
  for (auto& [number, owned] : owned_) {
    if (owned.caught_up) continue;
    if (owned.catch_up_targets.empty()) {
      for (const auto& topic : ctx_.topics.bridge_inputs()) {
        auto marks =
            reader_.watermarks({topic, number}, kafka::deadline_in(ctx_.options.kafka_timeout));
        if (!marks) {
          owned.catch_up_targets.clear();
          break;
        }
        owned.catch_up_targets[topic] = *marks;
      }
      if (owned.catch_up_targets.empty()) continue;
    }
    bool reached = true;
    for (const auto& [topic, marks] : owned.catch_up_targets) {
      if (marks.high <= marks.low || owned.offsets.next(topic).value_or(0) >= marks.high) continue;
      // The consumer's position also moves past control records, which are never applied.
      if (!owned.intake.holds_records_of(topic)) {
        auto position = consumer_.position({{topic, number}});
        if (position && !position->empty() && position->front().offset.value_or(0) >= marks.high) {
          continue;
        }
      }
      reached = false;
      break;
    }
    if (reached) {
      owned.caught_up = true;
      log::info("partition caught up with its inputs", {{"partition", number}});
    }
  }
}

void BridgeSession::Impl::publish_readiness() {
  bool caught_up = true;
  for (const auto& [number, owned] : owned_) caught_up &= owned.caught_up;
  std::size_t restoring = 0;
  for (const auto& [number, owned] : owned_) restoring += owned.caught_up ? 0 : 1;
  ctx_.metrics.partitions_restoring().Set(static_cast<double>(restoring));
  ctx_.metrics.partitions_assigned().Set(static_cast<double>(owned_.size()));
  ctx_.readiness.set({.joined = joined_, .restored = joined_, .caught_up = joined_ && caught_up});
}

void BridgeSession::Impl::refresh_gauges() {
  std::size_t cases = 0;
  for (const auto& [number, owned] : owned_) {
    cases += owned.cases_held;
    // From the last fetch responses: asking the leaders, partitions x topics round trips, held
    // up every batch for a moment each time the gauges were refreshed. The leader is asked only
    // before the first fetch response of a partition.
    for (const auto& topic : ctx_.topics.bridge_inputs()) {
      auto marks = consumer_.fetched_watermarks({topic, number});
      if (!marks) {
        marks = reader_.watermarks({topic, number}, kafka::deadline_in(ctx_.options.kafka_timeout));
      }
      if (!marks) continue;
      const auto next = owned.offsets.next(topic).value_or(marks->low);
      ctx_.metrics.consumer_lag(topic, number, std::max<std::int64_t>(0, marks->high - next));
    }
  }
  ctx_.metrics.cases_held().Set(static_cast<double>(cases));
  ctx_.metrics.state_size().Set(static_cast<double>(ctx_.store.size_on_disk()));
}

void BridgeSession::Impl::close() {
  if (closed_) return;
  closed_ = true;
  // on_revoked runs inside: batches already due are written before the group hears we left.
  if (auto left = consumer_.close(kafka::deadline_in(kCloseTimeout)); !left) {
    log::warn("leaving the consumer group did not finish", {{"error", left.error().message}});
  }
  (void)reader_.close(kafka::deadline_in(kCloseTimeout));
  writer_->close(kafka::deadline_in(kCloseTimeout));
  owned_.clear();
  announce_assignment();
  ctx_.readiness.set({});
}

void BridgeSession::Impl::announce_assignment() {
  if (!ctx_.options.on_assignment) return;
  std::vector<std::int32_t> owned;
  owned.reserve(owned_.size());
  for (const auto& [number, partition] : owned_) owned.push_back(number);
  ctx_.options.on_assignment(owned);
}

// --- BridgeSession -----------------------------------------------------------------------------

Result<std::unique_ptr<BridgeSession>> BridgeSession::start(const BridgeContext& context) {
  const auto& kafka_config = context.options.config.kafka();
  auto consumer_settings = kafka::KafkaSettings::for_consumer(kafka_config, context.group_id);
  if (!consumer_settings) return consumer_settings.error();
  (void)consumer_settings->set("client.id", "samsag-bridge-" + context.options.instance_id);
  auto consumer = kafka::Consumer::create(*consumer_settings);
  if (!consumer) return consumer.error();

  // The reader only ever reads the case topic by hand (assign), never joins the group.
  auto reader_settings =
      kafka::KafkaSettings::for_consumer(kafka_config, context.group_id + ".restore");
  if (!reader_settings) return reader_settings.error();
  (void)reader_settings->set("client.id", "samsag-bridge-restore-" + context.options.instance_id);
  auto reader = kafka::Consumer::create(*reader_settings);
  if (!reader) return reader.error();

  const bool transactional = kafka_config.transactions();
  auto producer_settings = transactional ? kafka::KafkaSettings::for_transactional_producer(
                                               kafka_config, context.transactional_id)
                                         : kafka::KafkaSettings::for_producer(kafka_config);
  if (!producer_settings) return producer_settings.error();
  (void)producer_settings->set("client.id", "samsag-bridge-" + context.options.instance_id);
  auto writer = CaseTopicWriter::create(*producer_settings, transactional, context.topics,
                                        kafka::deadline_in(context.options.kafka_timeout));
  if (!writer) return writer.error();

  auto impl =
      std::make_unique<Impl>(context, std::move(*consumer), std::move(*reader), std::move(*writer));
  if (auto subscribed = impl->subscribe(); !subscribed) return subscribed.error();
  return std::unique_ptr<BridgeSession>(new BridgeSession(std::move(impl)));
}

BridgeSession::BridgeSession(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
BridgeSession::~BridgeSession() {
  if (impl_) impl_->close();
}

Status BridgeSession::run() { return impl_->run(); }
void BridgeSession::close() { impl_->close(); }

}  // namespace samsag::bridge
