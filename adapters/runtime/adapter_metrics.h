// The metrics every adapter exports (issue 4): records read, events produced, dead letters by
// reason, produce latency, records in flight, source backlog. Labels are bounded: the adapter's
// configured name, the sector, a reason code, a FHIR resource type from a fixed list.
#pragma once

#include <prometheus/counter.h>
#include <prometheus/family.h>
#include <prometheus/gauge.h>
#include <prometheus/histogram.h>

#include <string>
#include <string_view>

namespace samsag::adapters {

class AdapterMetrics {
 public:
  AdapterMetrics(const std::string& adapter, const std::string& sector);

  prometheus::Counter& records_read() { return *records_read_; }
  prometheus::Counter& events_produced() { return *events_produced_; }
  prometheus::Counter& dead_letters(std::string_view reason);
  prometheus::Counter& unmapped_target_groups() { return *unmapped_target_groups_; }
  prometheus::Counter& dropped_resources(std::string_view resource_type);
  prometheus::Histogram& produce_latency() { return *produce_latency_; }
  prometheus::Gauge& in_flight() { return *in_flight_; }
  prometheus::Gauge& files_waiting() { return *files_waiting_; }
  prometheus::Gauge& oldest_file_age() { return *oldest_file_age_; }
  // Failed checks of the adapter's topic (for /readyz), by error code: NOT_AUTHORIZED or
  // UNKNOWN_TOPIC when the cluster's ACLs hide or deny it, BROKER_UNREACHABLE, TIMED_OUT.
  prometheus::Counter& kafka_check_failures(std::string_view error);

 private:
  std::string adapter_;
  std::string sector_;
  prometheus::Counter* records_read_;
  prometheus::Counter* events_produced_;
  prometheus::Counter* unmapped_target_groups_;
  prometheus::Histogram* produce_latency_;
  prometheus::Gauge* in_flight_;
  prometheus::Gauge* files_waiting_;
  prometheus::Gauge* oldest_file_age_;
};

}  // namespace samsag::adapters
