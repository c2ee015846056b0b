#include "tests/unit/deploy/municipality_config.h"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <stdexcept>
#include <string_view>

namespace samsag::deploy_test {

int port_of(const std::string& listen) {
  const auto colon = listen.rfind(':');
  if (colon == std::string::npos) return 0;
  int port = 0;
  const char* begin = listen.data() + colon + 1;
  const char* end = listen.data() + listen.size();
  const auto [ptr, ec] = std::from_chars(begin, end, port);
  return ec == std::errc() && ptr == end ? port : 0;
}

namespace {

// "EMPLOYMENT" or "ADAPTER_KIND_EMPLOYMENT" -> "employment".
std::string sector_of(std::string kind) {
  constexpr std::string_view kPrefix = "ADAPTER_KIND_";
  if (kind.starts_with(kPrefix)) kind.erase(0, kPrefix.size());
  std::transform(kind.begin(), kind.end(), kind.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return kind;
}

int days_or(const YAML::Node& retention, const char* key, int fallback) {
  if (!retention || !retention[key]) return fallback;
  const int days = retention[key].as<int>();
  return days == 0 ? fallback : days;
}

// Where a process finds a file the config names: relative paths resolve beside the config,
// which every deployment mounts at /etc/samsag; "" for a path elsewhere.
std::string beside_config(const std::string& path) {
  constexpr std::string_view kConfigDir = "/etc/samsag/";
  if (path.starts_with(kConfigDir)) return path.substr(kConfigDir.size());
  if (path.empty() || path.front() == '/' || path.starts_with("${")) return "";
  return path;
}

// NAME of each ${file:NAME} in `value`.
std::vector<std::string> file_references(const std::string& value) {
  std::vector<std::string> names;
  constexpr std::string_view kOpen = "${file:";
  for (auto start = value.find(kOpen); start != std::string::npos;
       start = value.find(kOpen, start + 1)) {
    const auto close = value.find('}', start);
    if (close == std::string::npos) break;
    names.push_back(value.substr(start + kOpen.size(), close - start - kOpen.size()));
  }
  return names;
}

void add_if_beside(std::vector<std::string>& files, const std::string& path) {
  if (auto name = beside_config(path); !name.empty()) files.push_back(name);
}

}  // namespace

MunicipalitySettings read_municipality(const std::filesystem::path& config_file) {
  const YAML::Node root = YAML::LoadFile(config_file.string());
  MunicipalitySettings settings;
  settings.slug = root["municipality"]["slug"].as<std::string>();
  const auto kafka = root["kafka"];
  settings.partitions = kafka["partitions"].as<int>();
  settings.replication_factor =
      kafka["replication_factor"] ? kafka["replication_factor"].as<int>() : 0;
  settings.min_insync_replicas =
      kafka["min_insync_replicas"] ? kafka["min_insync_replicas"].as<int>() : 0;
  const auto retention = kafka["retention"];
  settings.sector_days = days_or(retention, "sector_days", settings.sector_days);
  settings.decision_days = days_or(retention, "decision_days", settings.decision_days);
  settings.audit_days = days_or(retention, "audit_days", settings.audit_days);
  settings.dlq_days = days_or(retention, "dlq_days", settings.dlq_days);
  add_if_beside(settings.shared_files, root["pseudonymisation"]["key_file"].as<std::string>());
  for (const auto& property : kafka["properties"]) {
    const auto value = property.second.as<std::string>();
    for (const auto& name : file_references(value)) add_if_beside(settings.shared_files, name);
    if (value.starts_with("/etc/samsag/")) add_if_beside(settings.shared_files, value);
  }
  for (const auto& node : root["adapters"]) {
    AdapterSettings adapter;
    adapter.name = node["name"].as<std::string>();
    adapter.sector = sector_of(node["kind"].as<std::string>());
    adapter.admin_port = port_of(node["admin_listen"].as<std::string>());
    if (node["http"]) {
      adapter.intake_port = port_of(node["http"]["listen"].as<std::string>());
      for (const auto& tls_file : node["http"]["tls"]) {
        add_if_beside(adapter.files, tls_file.second.as<std::string>());
      }
    }
    if (node["spool"]) adapter.spool_directory = node["spool"]["directory"].as<std::string>();
    settings.adapters.push_back(adapter);
  }
  if (!root["bridge"]) throw std::runtime_error(config_file.string() + " has no bridge");
  settings.bridge_api_port = port_of(root["bridge"]["api_listen"].as<std::string>());
  settings.bridge_admin_port = port_of(root["bridge"]["admin_listen"].as<std::string>());
  add_if_beside(settings.bridge_files, root["bridge"]["auth"]["jwks_file"].as<std::string>());
  return settings;
}

}  // namespace samsag::deploy_test
