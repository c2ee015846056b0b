// samsag adapter NAME -c CONFIG: one source adapter process (DESIGN.md "Components"). This file
// is the only place that knows every adapter kind: it picks the source for the configured kind
// and hands it to the shared adapter runtime.
#include <CLI/CLI.hpp>
#include <iostream>
#include <memory>

#include "adapters/employment/spool_source.h"
#include "adapters/fhir/operation_outcome.h"
#include "adapters/health/health_parser.h"
#include "adapters/region/region_parser.h"
#include "adapters/runtime/adapter_process.h"
#include "adapters/runtime/http_source.h"
#include "adapters/social/social_parser.h"
#include "cli/command.h"
#include "core/config/config.h"
#include "core/log/log.h"
#include "core/runtime/shutdown.h"

namespace samsag::cli {
namespace {

using adapters::HttpRoute;
using adapters::IntakeError;
using samsag::config::v1::Adapter;
using samsag::config::v1::Config;

// FHIR sources hear about errors as an OperationOutcome (HL7 FHIR R4).
http::Response fhir_error(const IntakeError& error) {
  adapters::fhir::OutcomeIssue issue;
  issue.diagnostics = error.message;
  if (error.status == 401) {
    issue.code = "login";
  } else if (error.status == 503) {
    issue.code = "transient";
  } else {
    samsag::v1::DeadLetterReason reason = samsag::v1::DEAD_LETTER_REASON_UNSPECIFIED;
    samsag::v1::DeadLetterReason_Parse("DEAD_LETTER_REASON_" + error.code, &reason);
    issue.code = std::string(adapters::fhir::issue_type_for(reason));
  }
  if (!error.field.empty()) issue.expression.push_back(error.field);
  return http::Response{error.status,
                        "application/fhir+json",
                        {{"X-Request-Id", error.request_id}},
                        adapters::fhir::operation_outcome_json({issue})};
}

template <typename Parse>
std::vector<HttpRoute> fhir_routes(std::uint32_t municipality_code, Parse parse) {
  auto route = [municipality_code, parse](const http::Request& request) {
    return parse(adapters::fhir::FhirRequest{request.body, request.request_id, municipality_code,
                                             std::string(request.param("resource_type"))})
        .parsed;
  };
  return {{"POST", "/fhir", route}, {"POST", "/fhir/{resource_type}", route}};
}

std::unique_ptr<adapters::AdapterSource> make_source(const Config& config, const Adapter& adapter) {
  const std::uint32_t code = config.municipality().code();
  switch (adapter.kind()) {
    case samsag::config::v1::ADAPTER_KIND_EMPLOYMENT:
      return std::make_unique<adapters::employment::SpoolSource>();
    case samsag::config::v1::ADAPTER_KIND_SOCIAL:
      return std::make_unique<adapters::HttpSource>(
          std::vector<HttpRoute>{{"POST", "/v1/events",
                                  [code](const http::Request& request) {
                                    return adapters::social::parse_social_request(
                                               {request.body, request.request_id, code})
                                        .parsed;
                                  }}},
          adapters::json_error);
    case samsag::config::v1::ADAPTER_KIND_HEALTH:
      return std::make_unique<adapters::HttpSource>(
          fhir_routes(code, adapters::health::parse_health_request), fhir_error);
    case samsag::config::v1::ADAPTER_KIND_REGION:
      return std::make_unique<adapters::HttpSource>(
          fhir_routes(code, adapters::region::parse_region_request), fhir_error);
    default:
      return nullptr;  // config check rejects an unset kind
  }
}

struct AdapterOptions {
  std::string name;
  std::string config_path;
};

int run(const AdapterOptions& options) {
  // Before any thread exists, so SIGTERM reaches only the shutdown wait.
  runtime::block_shutdown_signals();
  const auto loaded = samsag::config::load_config(options.config_path);
  if (!loaded.ok()) {
    for (const auto& problem : loaded.problems) std::cerr << problem.to_string() << "\n";
    return 2;
  }
  const Adapter* adapter = nullptr;
  for (const auto& candidate : loaded.config.adapters()) {
    if (candidate.name() == options.name) adapter = &candidate;
  }
  if (adapter == nullptr) {
    std::cerr << "samsag adapter: no adapter named '" << options.name << "' in "
              << options.config_path << "; configured:";
    for (const auto& candidate : loaded.config.adapters()) std::cerr << " " << candidate.name();
    std::cerr << "\n";
    return 2;
  }
  if (auto logging =
          samsag::log::init("adapter." + adapter->name(), loaded.config.logging().level());
      !logging.ok()) {
    std::cerr << "samsag adapter: " << logging.error().message << "\n";
    return 2;
  }
  return adapters::run_adapter(loaded.config, *adapter, make_source);
}

}  // namespace

void add_adapter_command(CLI::App& app, CommandRunner& selected) {
  auto options = std::make_shared<AdapterOptions>();
  auto* command = app.add_subcommand(
      "adapter",
      "Run one source adapter of the config: reads its source (spool directory or HTTP), turns "
      "records into events keyed by pseudonym, and acknowledges a record only after Kafka "
      "confirmed it. Bad records go to the dead letter topic.");
  command->add_option("name", options->name, "The adapter's name in the config")->required();
  command->add_option("-c,--config", options->config_path, "The municipality's samsag.yaml")
      ->required();
  command->callback([options, &selected] { selected = [options] { return run(*options); }; });
}

}  // namespace samsag::cli
