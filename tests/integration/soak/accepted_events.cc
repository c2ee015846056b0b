#include "tests/integration/soak/accepted_events.h"

#include <sstream>
#include <stdexcept>
#include <variant>

#include "adapters/employment/export_reader.h"
#include "adapters/fhir/fhir_request.h"
#include "adapters/health/health_parser.h"
#include "adapters/region/region_parser.h"
#include "adapters/runtime/adapter_process.h"
#include "adapters/runtime/envelope.h"
#include "adapters/social/social_parser.h"

namespace samsag::soak {
namespace {

samsag::privacy::Pseudonymiser pseudonymiser_of(const samsag::config::v1::Config& config) {
  auto made = samsag::privacy::Pseudonymiser::from_key_file(
      config.pseudonymisation().key_file(), config.pseudonymisation().key_version());
  if (!made) throw std::runtime_error("pseudonymisation key: " + made.error().message);
  return std::move(*made);
}

}  // namespace

AcceptedEvents::AcceptedEvents(const samsag::config::v1::Config& config)
    : config_(config), pseudonymiser_(pseudonymiser_of(config)) {}

const samsag::config::v1::Adapter& AcceptedEvents::adapter_config(const std::string& name) const {
  for (const auto& adapter : config_.adapters()) {
    if (adapter.name() == name) return adapter;
  }
  throw std::runtime_error("no adapter " + name + " in the soak config");
}

ExpectedRecords AcceptedEvents::of(const std::string& adapter, std::string_view bytes) const {
  const auto& settings = adapter_config(adapter);
  const std::uint32_t code = config_.municipality().code();
  std::vector<adapters::ParsedRecord> records;
  if (adapter == "employment") {
    const adapters::employment::RowMapper mapper(
        adapters::employment::MappingSettings::from_config(settings, code));
    std::istringstream in{std::string(bytes)};
    adapters::employment::ExportReader reader(in, "soak.csv", mapper);
    adapters::employment::ExportRow row;
    while (reader.next(row)) records.push_back(std::move(row.record));
  } else if (adapter == "social") {
    auto parsed = adapters::social::parse_social_request({bytes, "soak", code});
    records = std::move(parsed.parsed.records);
  } else {
    const adapters::fhir::FhirRequest request{bytes, "soak", code, "Bundle"};
    auto parsed = adapter == "health" ? adapters::health::parse_health_request(request)
                                      : adapters::region::parse_region_request(request);
    records = std::move(parsed.parsed.records);
  }
  const adapters::EnvelopeContext context{.municipality_code = code,
                                          .sector = adapters::sector_of(settings.kind()),
                                          .source_system = settings.source_system(),
                                          .pseudonymiser = &pseudonymiser_};
  ExpectedRecords expected;
  for (auto& record : records) {
    auto* accepted = std::get_if<adapters::SourceRecord>(&record);
    if (accepted == nullptr) {
      ++expected.rejected;
      continue;
    }
    auto made = adapters::make_event(std::move(*accepted), context, {});
    if (const auto* event = std::get_if<samsag::v1::Event>(&made)) {
      expected.events.push_back({event->event_id(), event->citizen()});
    } else {
      ++expected.rejected;
    }
  }
  return expected;
}

}  // namespace samsag::soak
