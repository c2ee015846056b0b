// The one place where the defaults documented in config.proto are applied: code that reads the
// config never sees a "0 means default" field whose default has a value here.
#pragma once

#include "samsag/config/v1/config.pb.h"

namespace samsag::config {

// Documented defaults (config.proto and domain.md §11).
inline constexpr unsigned kDefaultSectorRetentionDays = 30;
inline constexpr unsigned kDefaultDecisionRetentionDays = 730;
inline constexpr unsigned kDefaultAuditRetentionDays = 1825;
inline constexpr unsigned kDefaultDlqRetentionDays = 14;
inline constexpr unsigned kDefaultConsentValidityDays = 365;
inline constexpr unsigned kDefaultSpoolPollIntervalMs = 1000;
inline constexpr unsigned kDefaultHttpMaxBodyBytes = 1024 * 1024;
inline constexpr unsigned kDefaultHttpReadTimeoutMs = 10000;
inline constexpr unsigned kDefaultAuthLeewaySeconds = 60;
inline constexpr const char* kDefaultLogLevel = "info";
inline constexpr const char* kDefaultEmbeddedBrokerListen = "127.0.0.1:9092";
inline constexpr unsigned kDefaultEmbeddedBrokers = 3;

// `config` with every unset field that has a documented default filled in. Fields without one
// (replication_factor, min_insync_replicas, delivery_timeout_ms) stay 0, meaning "the broker's or
// librdkafka's own default". Optional sections that are absent (bridge, an adapter's tls) stay
// absent; retention, consent validity, logging and embedded_broker are always filled.
v1::Config with_defaults(v1::Config config);

}  // namespace samsag::config
