// The process's Prometheus metrics: one registry per process, scraped at the admin endpoint's
// /metrics (core/runtime/admin_server.h).
//
// Declare a metric family next to the code that counts, as a function-local static, so the family
// exists (and is scraped as 0) from the first call and costs one pointer afterwards:
//
//   prometheus::Family<prometheus::Counter>& records_ingested() {
//     static auto& family = prometheus::BuildCounter()
//                               .Name("samsag_adapter_records_ingested_total")
//                               .Help("Source records turned into events.")
//                               .Register(samsag::metrics::registry());
//     return family;
//   }
//   ...
//   records_ingested().Add({{"sector", "employment"}}).Increment();
//
// Names are samsag_<component>_<what>_<unit> (counters end in _total, durations in _seconds).
// Labels are bounded sets: sector, reason code, topic, status code. Never a citizen, a pseudonym,
// a file name or anything else a caller chooses freely.
#pragma once

#include <prometheus/registry.h>

#include <string>

namespace samsag::metrics {

// The registry of this process. Families registered twice under the same name and type are
// merged, so declaring a family in two places is harmless.
prometheus::Registry& registry();

// Every metric of registry() in the Prometheus text exposition format (version 0.0.4).
std::string serialize();

// The content type of serialize()'s output, for the /metrics response.
inline constexpr const char* kTextContentType = "text/plain; version=0.0.4; charset=utf-8";

}  // namespace samsag::metrics
