#include "core/kafka/detail/client_conf.h"

#include <array>
#include <string_view>

#include "core/kafka/error_codes.h"

namespace samsag::kafka::detail {
namespace {

// sasl.password, ssl.key.password, ssl.keystore.password, sasl.oauthbearer.client.secret,
// ssl.key.pem, sasl.jaas.config ...: a wrong value may still be most of a secret.
bool may_hold_secret(std::string_view name) {
  constexpr std::array<std::string_view, 6> kMarkers = {
      "password", "secret", ".pem", "jaas", "oauthbearer.config", "key"};
  for (auto marker : kMarkers) {
    if (name.find(marker) != std::string_view::npos) return true;
  }
  return false;
}

}  // namespace

Status apply_property(RdKafka::Conf& conf, const std::string& name, const std::string& value) {
  std::string reason;
  if (conf.set(name, value, reason) == RdKafka::Conf::CONF_OK) return ok_status();
  if (may_hold_secret(name)) reason = "the value is not valid (not shown, it may be a secret)";
  return make_error(std::string(errc::kInvalidSettings),
                    "Kafka property \"" + name + "\" is rejected: " + reason);
}

Result<std::unique_ptr<RdKafka::Conf>> make_conf(const std::vector<Property>& properties) {
  std::unique_ptr<RdKafka::Conf> conf(RdKafka::Conf::create(RdKafka::Conf::CONF_GLOBAL));
  for (const auto& [name, value] : properties) {
    if (auto status = apply_property(*conf, name, value); !status) return status.error();
  }
  return conf;
}

std::optional<std::string> read_property(const RdKafka::Conf& conf, const std::string& name) {
  std::string value;
  if (conf.get(name, value) != RdKafka::Conf::CONF_OK) return std::nullopt;
  return value;
}

}  // namespace samsag::kafka::detail
