#include "bridge/loop/bridge_metrics.h"

#include <prometheus/registry.h>

#include <cctype>

#include "core/metrics/metrics.h"

namespace samsag::bridge {
namespace {

using prometheus::Counter;
using prometheus::Family;
using prometheus::Gauge;
using prometheus::Histogram;

Family<Counter>& counter(const char* name, const char* help) {
  return prometheus::BuildCounter().Name(name).Help(help).Register(metrics::registry());
}
Family<Gauge>& gauge(const char* name, const char* help) {
  return prometheus::BuildGauge().Name(name).Help(help).Register(metrics::registry());
}
Family<Histogram>& histogram(const char* name, const char* help) {
  return prometheus::BuildHistogram().Name(name).Help(help).Register(metrics::registry());
}

Family<Counter>& events_family() {
  static auto& family = counter("samsag_bridge_events_total",
                                "Input records by sector and what became of them: applied (the "
                                "case changed), unchanged (a duplicate or older), not_consented, "
                                "invalid (dead-lettered).");
  return family;
}
Family<Counter>& applied_family() {
  static auto& family =
      counter("samsag_bridge_events_applied_total", "Events that changed a case, by sector.");
  return family;
}
Family<Counter>& not_consented_family() {
  static auto& family = counter("samsag_bridge_events_not_consented_total",
                                "Events not stored because no consent covered them (HOI), by "
                                "sector and reason; never dead-lettered.");
  return family;
}
Family<Counter>& dead_letters_family() {
  static auto& family =
      counter("samsag_bridge_dead_letters_total",
              "Input records the bridge sent to the dead letter topic, by reason.");
  return family;
}
Family<Counter>& transactions_family() {
  static auto& family = counter(
      "samsag_bridge_transactions_total",
      "Rounds of batches written to the case topic, by outcome (committed, aborted); a Kafka "
      "transaction with kafka.transactions, otherwise snapshots then checkpoint.");
  return family;
}
Family<Histogram>& transaction_duration_family() {
  static auto& family = histogram("samsag_bridge_transaction_duration_seconds",
                                  "Time to write one round of batches to the case topic.");
  return family;
}
Family<Gauge>& lag_family() {
  static auto& family = gauge("samsag_bridge_consumer_lag_records",
                              "Records on an input partition not yet applied (high watermark "
                              "minus the next offset to apply).");
  return family;
}
Family<Gauge>& restore_remaining_family() {
  static auto& family = gauge("samsag_bridge_restore_remaining_records",
                              "Case-topic records still to read while a partition is restored.");
  return family;
}
Family<Counter>& restored_family() {
  static auto& family = counter("samsag_bridge_restored_records_total",
                                "Case-topic records read into the state store by restores.");
  return family;
}
Family<Counter>& restores_family() {
  static auto& family = counter("samsag_bridge_restores_total",
                                "Partition restores, by kind (incremental, from_scratch).");
  return family;
}
Family<Counter>& consent_wait_family() {
  static auto& family = counter("samsag_bridge_consent_wait_expired_total",
                                "Batches applied although the consent partition had not reached "
                                "its end offset in time (an open transaction on the consent "
                                "topic).");
  return family;
}
Family<Counter>& session_restarts_family() {
  static auto& family = counter("samsag_bridge_session_restarts_total",
                                "Times the bridge dropped its Kafka clients and rejoined, by "
                                "error code (FENCED, FATAL, ...).");
  return family;
}

Histogram::BucketBoundaries latency_buckets() {
  return {0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 900, 3600};
}

std::string sector_label(samsag::v1::Sector sector) {
  if (sector == samsag::v1::SECTOR_UNSPECIFIED) return "unknown";
  std::string name = samsag::v1::Sector_Name(sector).substr(sizeof("SECTOR_") - 1);
  for (auto& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return name;
}

const char* outcome_label(Outcome outcome) {
  switch (outcome) {
    case Outcome::kApplied:
      return "applied";
    case Outcome::kUnchanged:
      return "unchanged";
    case Outcome::kNotConsented:
      return "not_consented";
    case Outcome::kInvalid:
      return "invalid";
  }
  return "unknown";
}

}  // namespace

BridgeMetrics::BridgeMetrics()
    : cases_held_(&gauge("samsag_bridge_cases_held",
                         "Cases in the state store of the partitions "
                         "this instance owns.")
                       .Add({})),
      state_size_(
          &gauge("samsag_bridge_state_size_bytes", "Bytes the state store (RocksDB) takes on disk.")
               .Add({})),
      partitions_assigned_(&gauge("samsag_bridge_partitions_assigned",
                                  "Partitions (of every input topic) this instance owns.")
                                .Add({})),
      partitions_restoring_(&gauge("samsag_bridge_partitions_restoring",
                                   "Owned partitions not yet restored and caught up.")
                                 .Add({})),
      end_to_end_(&histogram("samsag_bridge_end_to_end_latency_seconds",
                             "From an event's recorded_at to Kafka confirming the case snapshot "
                             "and checkpoint that include it.")
                       .Add({}, latency_buckets())) {}

void BridgeMetrics::count(const RecordVerdict& verdict) {
  const std::string sector = sector_label(verdict.sector);
  events_family()
      .Add({{"sector", sector}, {"outcome", outcome_label(verdict.outcome)}})
      .Increment();
  switch (verdict.outcome) {
    case Outcome::kApplied:
      applied_family().Add({{"sector", sector}}).Increment();
      break;
    case Outcome::kNotConsented:
      not_consented_family().Add({{"sector", sector}, {"reason", verdict.reason}}).Increment();
      break;
    case Outcome::kInvalid:
      dead_letters_family().Add({{"reason", verdict.reason}}).Increment();
      break;
    case Outcome::kUnchanged:
      break;
  }
}

void BridgeMetrics::round_finished(bool committed, std::chrono::steady_clock::duration took) {
  transactions_family().Add({{"outcome", committed ? "committed" : "aborted"}}).Increment();
  transaction_duration_family()
      .Add({}, Histogram::BucketBoundaries{0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5,
                                           1, 2.5, 5, 10})
      .Observe(std::chrono::duration<double>(took).count());
}

void BridgeMetrics::end_to_end(double seconds) { end_to_end_->Observe(seconds); }

void BridgeMetrics::consumer_lag(const std::string& topic, std::int32_t partition,
                                 std::int64_t records) {
  lag_family()
      .Add({{"topic", topic}, {"partition", std::to_string(partition)}})
      .Set(static_cast<double>(records));
}

void BridgeMetrics::forget_partition(const std::string& topic, std::int32_t partition) {
  auto& family = lag_family();
  family.Remove(&family.Add({{"topic", topic}, {"partition", std::to_string(partition)}}));
}

void BridgeMetrics::restore_remaining(std::int32_t partition, std::int64_t records) {
  restore_remaining_family()
      .Add({{"partition", std::to_string(partition)}})
      .Set(static_cast<double>(records));
}

void BridgeMetrics::restored(std::int64_t records, bool from_scratch) {
  restored_family().Add({}).Increment(static_cast<double>(records));
  restores_family().Add({{"kind", from_scratch ? "from_scratch" : "incremental"}}).Increment();
}

void BridgeMetrics::consent_wait_expired() { consent_wait_family().Add({}).Increment(); }

void BridgeMetrics::session_restarted(const std::string& reason_code) {
  session_restarts_family().Add({{"reason", reason_code}}).Increment();
}

}  // namespace samsag::bridge
