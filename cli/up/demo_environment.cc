#include "cli/up/demo_environment.h"

#include <cstdlib>

namespace samsag::cli::up {
namespace {

std::string loopback(int port) { return "127.0.0.1:" + std::to_string(port); }

}  // namespace

Environment port_environment(int port_base, bool with_embedded_broker) {
  Environment environment{
      {"SAMSAG_BRIDGE_API_LISTEN", loopback(port_base + 1)},
      {"SAMSAG_BRIDGE_ADMIN_LISTEN", loopback(port_base + 2)},
      {"SAMSAG_SOCIAL_LISTEN", loopback(port_base + 3)},
      {"SAMSAG_HEALTH_LISTEN", loopback(port_base + 4)},
      {"SAMSAG_REGION_LISTEN", loopback(port_base + 5)},
      {"SAMSAG_EMPLOYMENT_ADMIN_LISTEN", loopback(port_base + 6)},
      {"SAMSAG_SOCIAL_ADMIN_LISTEN", loopback(port_base + 7)},
      {"SAMSAG_HEALTH_ADMIN_LISTEN", loopback(port_base + 8)},
      {"SAMSAG_REGION_ADMIN_LISTEN", loopback(port_base + 9)},
  };
  if (with_embedded_broker) {
    environment.emplace_back("SAMSAG_BROKER_LISTEN", loopback(port_base));
    environment.emplace_back("SAMSAG_BOOTSTRAP", loopback(port_base));
  }
  return environment;
}

Environment place_environment(const std::filesystem::path& dir,
                              const std::optional<std::string>& bootstrap) {
  Environment environment{{"SAMSAG_DEMO_DIR", dir.string()}};
  if (bootstrap) environment.emplace_back("SAMSAG_BOOTSTRAP", *bootstrap);
  return environment;
}

void apply(const Environment& environment) {
  for (const auto& [name, value] : environment) ::setenv(name.c_str(), value.c_str(), 1);
}

}  // namespace samsag::cli::up
