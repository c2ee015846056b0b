#include "adapters/runtime/adapter_metrics.h"

#include <prometheus/registry.h>

#include "core/metrics/metrics.h"

namespace samsag::adapters {
namespace {

prometheus::Family<prometheus::Counter>& records_read_family() {
  static auto& family = prometheus::BuildCounter()
                            .Name("samsag_adapter_records_read_total")
                            .Help("Source records read (accepted or dead-lettered).")
                            .Register(samsag::metrics::registry());
  return family;
}

prometheus::Family<prometheus::Counter>& events_produced_family() {
  static auto& family = prometheus::BuildCounter()
                            .Name("samsag_adapter_events_produced_total")
                            .Help("Events Kafka confirmed on the sector topic.")
                            .Register(samsag::metrics::registry());
  return family;
}

prometheus::Family<prometheus::Counter>& dead_letters_family() {
  static auto& family = prometheus::BuildCounter()
                            .Name("samsag_adapter_dead_letters_total")
                            .Help("Records sent to the dead letter topic, by reason.")
                            .Register(samsag::metrics::registry());
  return family;
}

prometheus::Family<prometheus::Counter>& unmapped_family() {
  static auto& family =
      prometheus::BuildCounter()
          .Name("samsag_adapter_unmapped_target_groups_total")
          .Help("Target-group source codes without a mapping (become UNKNOWN; domain.md §2).")
          .Register(samsag::metrics::registry());
  return family;
}

prometheus::Family<prometheus::Counter>& dropped_family() {
  static auto& family =
      prometheus::BuildCounter()
          .Name("samsag_adapter_dropped_resources_total")
          .Help("FHIR resources dropped unread because they carry nothing a coordinator may see.")
          .Register(samsag::metrics::registry());
  return family;
}

prometheus::Family<prometheus::Counter>& kafka_check_failures_family() {
  static auto& family =
      prometheus::BuildCounter()
          .Name("samsag_adapter_kafka_check_failures_total")
          .Help("Checks of the adapter's topic that failed (it stays unready), by error code.")
          .Register(samsag::metrics::registry());
  return family;
}

prometheus::Family<prometheus::Histogram>& latency_family() {
  static auto& family = prometheus::BuildHistogram()
                            .Name("samsag_adapter_produce_latency_seconds")
                            .Help("Time from producing a record to Kafka's confirmation.")
                            .Register(samsag::metrics::registry());
  return family;
}

prometheus::Family<prometheus::Gauge>& gauge_family(const char* name, const char* help) {
  return prometheus::BuildGauge().Name(name).Help(help).Register(samsag::metrics::registry());
}

prometheus::Histogram::BucketBoundaries latency_buckets() {
  return {0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10};
}

// FHIR resource types become label values only from this list, so a hostile body cannot grow the
// label set.
std::string_view bounded_resource_type(std::string_view type) {
  static constexpr std::string_view kKnown[] = {
      "Observation",         "Condition",        "MedicationRequest",
      "MedicationStatement", "DiagnosticReport", "Procedure",
      "AllergyIntolerance",  "Immunization",     "Practitioner",
      "Organization",        "Patient",          "Composition",
      "DocumentReference",   "ServiceRequest",   "Communication",
      "MessageHeader"};
  for (auto known : kKnown) {
    if (known == type) return known;
  }
  return "other";
}

}  // namespace

AdapterMetrics::AdapterMetrics(const std::string& adapter, const std::string& sector)
    : adapter_(adapter),
      sector_(sector),
      records_read_(&records_read_family().Add({{"adapter", adapter}, {"sector", sector}})),
      events_produced_(&events_produced_family().Add({{"adapter", adapter}, {"sector", sector}})),
      unmapped_target_groups_(&unmapped_family().Add({{"adapter", adapter}})),
      produce_latency_(&latency_family().Add({{"adapter", adapter}}, latency_buckets())),
      in_flight_(&gauge_family("samsag_adapter_in_flight_records",
                               "Records produced and not yet confirmed by Kafka.")
                      .Add({{"adapter", adapter}})),
      files_waiting_(&gauge_family("samsag_adapter_spool_files_waiting",
                                   "Complete files in the spool directory not yet ingested.")
                          .Add({{"adapter", adapter}})),
      oldest_file_age_(&gauge_family("samsag_adapter_spool_oldest_file_age_seconds",
                                     "Age of the oldest file waiting in the spool directory.")
                            .Add({{"adapter", adapter}})) {}

prometheus::Counter& AdapterMetrics::dead_letters(std::string_view reason) {
  return dead_letters_family().Add({{"adapter", adapter_}, {"reason", std::string(reason)}});
}

prometheus::Counter& AdapterMetrics::dropped_resources(std::string_view resource_type) {
  return dropped_family().Add(
      {{"adapter", adapter_}, {"resource", std::string(bounded_resource_type(resource_type))}});
}

prometheus::Counter& AdapterMetrics::kafka_check_failures(std::string_view error) {
  // The codes come from core/kafka's fixed list (error_codes.h), so the label set stays bounded.
  return kafka_check_failures_family().Add({{"adapter", adapter_}, {"error", std::string(error)}});
}

}  // namespace samsag::adapters
