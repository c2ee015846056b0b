#include "core/config/defaults.h"

namespace samsag::config {

v1::Config with_defaults(v1::Config config) {
  auto& retention = *config.mutable_kafka()->mutable_retention();
  if (retention.sector_days() == 0) retention.set_sector_days(kDefaultSectorRetentionDays);
  if (retention.decision_days() == 0) retention.set_decision_days(kDefaultDecisionRetentionDays);
  if (retention.audit_days() == 0) retention.set_audit_days(kDefaultAuditRetentionDays);
  if (retention.dlq_days() == 0) retention.set_dlq_days(kDefaultDlqRetentionDays);

  auto& consent = *config.mutable_consent();
  if (consent.default_validity_days() == 0) {
    consent.set_default_validity_days(kDefaultConsentValidityDays);
  }

  for (auto& adapter : *config.mutable_adapters()) {
    if (adapter.has_spool() && adapter.spool().poll_interval_ms() == 0) {
      adapter.mutable_spool()->set_poll_interval_ms(kDefaultSpoolPollIntervalMs);
    }
    if (adapter.has_http()) {
      auto& http = *adapter.mutable_http();
      if (http.max_body_bytes() == 0) http.set_max_body_bytes(kDefaultHttpMaxBodyBytes);
      if (http.read_timeout_ms() == 0) http.set_read_timeout_ms(kDefaultHttpReadTimeoutMs);
    }
  }

  if (config.has_bridge()) {
    auto& bridge = *config.mutable_bridge();
    if (bridge.advertised_api().empty()) bridge.set_advertised_api(bridge.api_listen());
    if (bridge.has_auth() && bridge.auth().leeway_seconds() == 0) {
      bridge.mutable_auth()->set_leeway_seconds(kDefaultAuthLeewaySeconds);
    }
  }

  if (config.logging().level().empty()) config.mutable_logging()->set_level(kDefaultLogLevel);

  auto& broker = *config.mutable_embedded_broker();
  if (broker.listen().empty()) broker.set_listen(kDefaultEmbeddedBrokerListen);
  if (broker.brokers() == 0) broker.set_brokers(kDefaultEmbeddedBrokers);
  return config;
}

}  // namespace samsag::config
