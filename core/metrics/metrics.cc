#include "core/metrics/metrics.h"

#include <prometheus/gauge.h>
#include <prometheus/text_serializer.h>

#include <chrono>
#include <memory>

namespace samsag::metrics {
namespace {

// What every process exposes from its start: which build runs (the value is always 1; the version
// is in the label, the Prometheus convention for build info) and when the process started, under
// the standard name dashboards and `time() - process_start_time_seconds` alerts expect.
void register_process_metrics(prometheus::Registry& registry) {
  prometheus::BuildGauge()
      .Name("samsag_build_info")
      .Help("The samsag build this process runs; always 1.")
      .Register(registry)
      .Add({{"version", SAMSAG_VERSION}})
      .Set(1);
  const auto started = std::chrono::system_clock::now().time_since_epoch();
  prometheus::BuildGauge()
      .Name("process_start_time_seconds")
      .Help("Start time of the process since the Unix epoch, in seconds.")
      .Register(registry)
      .Add({})
      .Set(std::chrono::duration<double>(started).count());
}

}  // namespace

prometheus::Registry& registry() {
  static prometheus::Registry& instance = []() -> prometheus::Registry& {
    // Never destroyed: metrics are counted from threads that may outlive main()'s statics.
    auto* created = new prometheus::Registry();
    register_process_metrics(*created);
    return *created;
  }();
  return instance;
}

std::string serialize() { return prometheus::TextSerializer().Serialize(registry().Collect()); }

}  // namespace samsag::metrics
