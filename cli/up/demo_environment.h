// The environment that places the demo deployment: deploy/municipalities/demo/samsag.yaml takes
// its scratch directory, Kafka bootstrap and every listen address from these variables (with the
// usual addresses as defaults), so `samsag up --dir --port-base --bootstrap` moves it without
// editing YAML. up sets them in its own environment; its children inherit them.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace samsag::cli::up {

using Environment = std::vector<std::pair<std::string, std::string>>;

// The highest --port-base: the deployment takes kPortsUsed ports from it.
inline constexpr int kPortsUsed = 10;
inline constexpr int kHighestPortBase = 65535 - kPortsUsed + 1;

// P: broker bootstrap, P+1: bridge API and page, P+2: bridge admin, P+3..P+5: the social,
// health and region HTTP intake, P+6..P+9: the adapters' admin endpoints (employment, social,
// health, region). The embedded broker's own three brokers take free ports of the kernel's
// choosing (librdkafka's mock cluster cannot be told otherwise); clients find them through P.
Environment port_environment(int port_base, bool with_embedded_broker);

// SAMSAG_DEMO_DIR, plus SAMSAG_BOOTSTRAP when an existing cluster is used.
Environment place_environment(const std::filesystem::path& dir,
                              const std::optional<std::string>& bootstrap);

// setenv() every pair, overwriting: the config loader and every child read them.
void apply(const Environment& environment);

}  // namespace samsag::cli::up
