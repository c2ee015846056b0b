// What the deployment manifests must agree with in a municipality's samsag.yaml, read with
// yaml-cpp as written (before ${env:}/${file:} interpolation, which needs the secrets): names,
// ports, partitions, replication and retention.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace samsag::deploy_test {

struct AdapterSettings {
  std::string name;
  std::string sector;  // employment, social, health, region (from kind)
  int admin_port = 0;
  std::optional<int> intake_port;              // HTTP adapters
  std::optional<std::string> spool_directory;  // spool adapters
  std::vector<std::string> files;              // files it reads beside its config (TLS)
};

struct MunicipalitySettings {
  std::string slug;
  int partitions = 0;
  int replication_factor = 0;
  int min_insync_replicas = 0;
  int sector_days = 30;  // domain.md §11 defaults when the config leaves them out
  int decision_days = 730;
  int audit_days = 1825;
  int dlq_days = 14;
  std::vector<AdapterSettings> adapters;
  int bridge_api_port = 0;
  int bridge_admin_port = 0;
  // Files every process reads beside its config (relative key_file, ${file:NAME} in kafka
  // properties) or at a fixed /etc/samsag/ path (kafka properties such as ssl.ca.location),
  // as names relative to /etc/samsag.
  std::vector<std::string> shared_files;
  std::vector<std::string> bridge_files;  // jwks_file
};

// The port of "host:port", where host may be "${env:NAME:-0.0.0.0}"; 0 when there is none.
int port_of(const std::string& listen);

// Throws YAML::Exception or std::runtime_error on a file that is not a config.
MunicipalitySettings read_municipality(const std::filesystem::path& config_file);

}  // namespace samsag::deploy_test
