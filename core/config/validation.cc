#include "core/config/validation.h"

#include <map>
#include <set>

#include "core/config/host_port.h"

namespace samsag::config {
namespace {

// domain.md §11: audit records answer "who looked at my data"; the old security order required
// six months, so `config check` refuses anything shorter (0 means the five-year default).
constexpr unsigned kMinimumAuditDays = 183;
constexpr unsigned kLowestMunicipalityCode = 101;
constexpr unsigned kHighestMunicipalityCode = 860;

bool only(std::string_view text, bool (*allowed)(char)) {
  for (char c : text) {
    if (!allowed(c)) return false;
  }
  return true;
}
bool is_slug_char(char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'; }
bool is_name_char(char c) { return is_slug_char(c) || c == '_'; }
bool is_key_version_char(char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); }
bool is_lower_hex(char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); }

// Operators write the short names (SOCIAL), so messages use them too.
std::string short_name(samsag::v1::Sector sector) {
  return samsag::v1::Sector_Name(sector).substr(std::string_view("SECTOR_").size());
}
std::string short_name(v1::AdapterKind kind) {
  return v1::AdapterKind_Name(kind).substr(std::string_view("ADAPTER_KIND_").size());
}

std::string indexed(const std::string& path, int index) {
  return path + "[" + std::to_string(index) + "]";
}

class Checker {
 public:
  Checker(const SourceMap& source_map, ProblemList& problems)
      : source_map_(source_map), problems_(problems) {}

  void run(const v1::Config& config) {
    check_municipality(config);
    check_kafka(config);
    check_pseudonymisation(config);
    check_consent(config);
    check_adapters(config);
    check_bridge(config);
    check_logging(config.logging());
    check_embedded_broker(config);
  }

 private:
  void at(const std::string& path, const std::string& sentence) {
    if (problems_.reported(path)) return;
    problems_.add(source_map_.line_of(path), path + ": " + sentence);
  }

  bool require_section(bool present, const std::string& path, const std::string& what) {
    if (!present) problems_.add(0, path + " is missing: " + what);
    return present;
  }

  // A required value that is not there is reported at its section's line when the key is absent.
  void missing(const std::string& path, const std::string& hint = "") {
    if (problems_.reported(path)) return;
    problems_.add(source_map_.line_of(path),
                  path + " is required" + (hint.empty() ? "" : " (" + hint + ")"));
  }

  void require_text(const std::string& value, const std::string& path) {
    if (value.empty()) missing(path);
  }

  // A listen address must parse and must not be shared with another listener of this config.
  void check_listen(const std::string& value, const std::string& path, bool required = true) {
    if (value.empty()) {
      if (required) missing(path, "host:port");
      return;
    }
    auto address = parse_host_port(value);
    if (!address) {
      at(path, address.error().message);
      return;
    }
    const std::string key = address->host + ":" + std::to_string(address->port);
    if (const auto [other, inserted] = listeners_.emplace(key, path); !inserted) {
      at(path, value + " is already used by " + other->second);
    }
  }

  void check_municipality(const v1::Config& config) {
    if (!require_section(config.has_municipality(), "municipality", "slug, code and name")) return;
    const auto& municipality = config.municipality();
    if (municipality.slug().empty()) {
      missing("municipality.slug", "lowercase letters, digits and '-', e.g. aarhus");
    } else if (!only(municipality.slug(), is_slug_char)) {
      at("municipality.slug", "'" + municipality.slug() +
                                  "' must be lowercase letters, digits and '-' (it prefixes "
                                  "every topic name)");
    }
    if (municipality.code() < kLowestMunicipalityCode ||
        municipality.code() > kHighestMunicipalityCode) {
      at("municipality.code", "must be the official municipality code, 101-860 (e.g. 751), got " +
                                  std::to_string(municipality.code()));
    }
    if (municipality.name().empty()) missing("municipality.name", "e.g. Aarhus Kommune");
  }

  void check_kafka(const v1::Config& config) {
    if (!require_section(config.has_kafka(), "kafka", "bootstrap and partitions")) return;
    const auto& kafka = config.kafka();
    if (kafka.bootstrap().empty()) {
      missing("kafka.bootstrap", "host:port[,host:port...]");
    } else if (auto list = parse_host_port_list(kafka.bootstrap()); !list) {
      at("kafka.bootstrap", list.error().message);
    }
    if (kafka.partitions() < 1) {
      at("kafka.partitions", "must be at least 1 (every input topic and the case topic get it)");
    }
    if (kafka.replication_factor() != 0 &&
        kafka.min_insync_replicas() > kafka.replication_factor()) {
      at("kafka.min_insync_replicas", "must not exceed kafka.replication_factor (" +
                                          std::to_string(kafka.replication_factor()) +
                                          "), or no write could ever succeed");
    }
    if (kafka.properties().contains("bootstrap.servers")) {
      at("kafka.properties[bootstrap.servers]", "set kafka.bootstrap instead");
    }
    const unsigned audit_days = kafka.retention().audit_days();
    if (audit_days != 0 && audit_days < kMinimumAuditDays) {
      at("kafka.retention.audit_days",
         "must be 0 (the default, 5 years) or at least 183 (6 months, domain.md §11), got " +
             std::to_string(audit_days));
    }
  }

  void check_pseudonymisation(const v1::Config& config) {
    if (!require_section(config.has_pseudonymisation(), "pseudonymisation",
                         "key_file and key_version")) {
      return;
    }
    const auto& pseudonymisation = config.pseudonymisation();
    // The key file itself is read by the processes at start, not here: production paths such as
    // /run/credentials/... do not exist where configs are checked.
    require_text(pseudonymisation.key_file(), "pseudonymisation.key_file");
    const auto& version = pseudonymisation.key_version();
    if (version.empty()) {
      missing("pseudonymisation.key_version", "e.g. k1");
    } else if (version.size() > 8 || !only(version, is_key_version_char)) {
      at("pseudonymisation.key_version",
         "'" + version + "' must be 1-8 lowercase letters or digits (e.g. k1)");
    }
  }

  void check_consent(const v1::Config& config) {
    // HOI: without this section every sector would enter the case without consent, so an empty
    // policy has to be written down (`consent: {}`), never implied by a forgotten section.
    if (!require_section(config.has_consent(), "consent",
                         "sectors_requiring_consent (typically SOCIAL, HEALTH, REGION)")) {
      return;
    }
    std::set<int> seen;
    const auto& sectors = config.consent().sectors_requiring_consent();
    for (int i = 0; i < sectors.size(); ++i) {
      const auto sector = static_cast<samsag::v1::Sector>(sectors[i]);
      const std::string path = indexed("consent.sectors_requiring_consent", i);
      switch (sector) {
        case samsag::v1::SECTOR_EMPLOYMENT:
        case samsag::v1::SECTOR_SOCIAL:
        case samsag::v1::SECTOR_HEALTH:
        case samsag::v1::SECTOR_REGION:
          break;
        default:
          at(path,
             "only EMPLOYMENT, SOCIAL, HEALTH and REGION carry citizen data that consent "
             "can cover, got " +
                 short_name(sector));
          continue;
      }
      if (!seen.insert(sector).second) at(path, short_name(sector) + " is listed twice");
    }
  }

  void check_adapters(const v1::Config& config) {
    std::map<std::string, std::string> names;  // name -> path of its first use
    for (int i = 0; i < config.adapters_size(); ++i) {
      const auto& adapter = config.adapters(i);
      const std::string path = indexed("adapters", i);
      if (adapter.name().empty()) {
        missing(path + ".name", "the NAME in `samsag adapter NAME`");
      } else if (!only(adapter.name(), is_name_char)) {
        at(path + ".name",
           "'" + adapter.name() + "' must be lowercase letters, digits, '-' or '_'");
      } else if (const auto [first, inserted] = names.emplace(adapter.name(), path); !inserted) {
        at(path + ".name", "'" + adapter.name() + "' is already the name of " + first->second);
      }
      check_adapter(adapter, path);
    }
  }

  void check_adapter(const v1::Adapter& adapter, const std::string& path) {
    if (adapter.kind() == v1::ADAPTER_KIND_UNSPECIFIED) {
      missing(path + ".kind", "EMPLOYMENT, SOCIAL, HEALTH or REGION");
    }
    require_text(adapter.source_system(), path + ".source_system");
    check_listen(adapter.admin_listen(), path + ".admin_listen");
    // Employment systems export files; the others post records as they happen.
    const bool wants_spool = adapter.kind() == v1::ADAPTER_KIND_EMPLOYMENT;
    switch (adapter.source_case()) {
      case v1::Adapter::SOURCE_NOT_SET:
        // A misspelt `htp:` has been reported already; "needs a source" would only repeat it.
        if (problems_.reported(path + ".spool") || problems_.reported(path + ".http")) break;
        if (adapter.kind() == v1::ADAPTER_KIND_UNSPECIFIED) {
          at(path, "needs a source: spool or http");
        } else {
          at(path,
             std::string("needs a source: ") +
                 (wants_spool ? "spool (EMPLOYMENT reads exported files)"
                              : "http (" + short_name(adapter.kind()) + " records are posted)"));
        }
        break;
      case v1::Adapter::kSpool:
        if (!wants_spool && adapter.kind() != v1::ADAPTER_KIND_UNSPECIFIED) {
          at(path + ".spool", short_name(adapter.kind()) + " adapters use http, not spool");
        }
        require_text(adapter.spool().directory(), path + ".spool.directory");
        break;
      case v1::Adapter::kHttp:
        if (wants_spool) at(path + ".http", "EMPLOYMENT adapters use spool, not http");
        check_http(adapter.http(), path + ".http");
        break;
    }
  }

  void check_http(const v1::HttpSource& http, const std::string& path) {
    check_listen(http.listen(), path + ".listen");
    if (http.token_sha256().empty()) {
      at(path + ".token_sha256", "needs at least one token hash, or no source could post");
    }
    for (int i = 0; i < http.token_sha256_size(); ++i) {
      const auto& hash = http.token_sha256(i);
      // Never echo the value: an operator may have pasted the token itself here by mistake.
      if (hash.size() != 64 || !only(hash, is_lower_hex)) {
        at(indexed(path + ".token_sha256", i),
           "must be the token's SHA-256 as 64 lowercase hex characters (printf %s TOKEN | "
           "sha256sum); this value has " +
               std::to_string(hash.size()) + " characters" +
               (hash.size() == 64 ? ", not all lowercase hex" : ""));
      }
    }
    if (http.has_tls()) {
      require_text(http.tls().certificate_file(), path + ".tls.certificate_file");
      require_text(http.tls().private_key_file(), path + ".tls.private_key_file");
    }
  }

  void check_bridge(const v1::Config& config) {
    if (!config.has_bridge()) return;
    const auto& bridge = config.bridge();
    require_text(bridge.state_dir(), "bridge.state_dir");
    check_listen(bridge.api_listen(), "bridge.api_listen");
    check_listen(bridge.admin_listen(), "bridge.admin_listen");
    if (!bridge.advertised_api().empty()) {
      if (auto address = parse_host_port(bridge.advertised_api()); !address) {
        at("bridge.advertised_api", address.error().message);
      }
    }
    // DESIGN.md: the coordinator API authenticates every request.
    if (!bridge.has_auth()) {
      at("bridge", "auth is missing: jwks_file, issuer, audience and coordinator_role");
      return;
    }
    require_text(bridge.auth().jwks_file(), "bridge.auth.jwks_file");
    require_text(bridge.auth().issuer(), "bridge.auth.issuer");
    require_text(bridge.auth().audience(), "bridge.auth.audience");
    require_text(bridge.auth().coordinator_role(), "bridge.auth.coordinator_role");
  }

  void check_logging(const v1::Logging& logging) {
    static const std::set<std::string> kLevels = {"trace", "debug", "info", "warn", "error"};
    if (!logging.level().empty() && !kLevels.contains(logging.level())) {
      at("logging.level",
         "'" + logging.level() + "' is not one of trace, debug, info, warn, error");
    }
  }

  void check_embedded_broker(const v1::Config& config) {
    if (!config.has_embedded_broker()) return;
    check_listen(config.embedded_broker().listen(), "embedded_broker.listen", false);
  }

  const SourceMap& source_map_;
  ProblemList& problems_;
  std::map<std::string, std::string> listeners_;  // "host:port" -> path of its first use
};

}  // namespace

void validate(const v1::Config& config, const SourceMap& source_map, ProblemList& problems) {
  Checker(source_map, problems).run(config);
}

}  // namespace samsag::config
