#include "bridge/api/bridge_api.h"

#include <algorithm>
#include <optional>
#include <utility>

#include "core/auth/jwt.h"
#include "core/config/topics.h"
#include "core/kafka/producer.h"
#include "core/kafka/settings.h"
#include "core/privacy/pseudonymiser.h"

namespace samsag::bridge::api {

namespace {
constexpr std::chrono::milliseconds kLongestAckWait{5'000};
}  // namespace

std::chrono::milliseconds ack_timeout(const samsag::config::v1::Config& config) {
  const auto configured = std::chrono::milliseconds(config.kafka().delivery_timeout_ms());
  return configured.count() > 0 ? std::min(configured, kLongestAckWait) : kLongestAckWait;
}

// Declared in the order they must be built; destroyed the other way round, the server first.
struct BridgeApi::Parts {
  std::optional<samsag::privacy::Pseudonymiser> pseudonymiser;
  std::unique_ptr<JwtTokenCheck> tokens;
  std::optional<kafka::Producer> producer;
  std::unique_ptr<ProducerSink> sink;
  std::unique_ptr<ApiServer> server;
};

Result<std::unique_ptr<BridgeApi>> BridgeApi::start(const samsag::config::v1::Config& config,
                                                    const BridgeApiOptions& options) {
  auto parts = std::make_unique<Parts>();
  const auto& auth = config.bridge().auth();
  auto keys = auth::Jwks::load_file(auth.jwks_file());
  if (!keys) return keys.error();
  parts->tokens = std::make_unique<JwtTokenCheck>(auth::TokenVerifier(
      std::move(*keys), auth::VerifierOptions{auth.issuer(), auth.audience(),
                                              std::chrono::seconds(auth.leeway_seconds())}));

  auto pseudonymiser = samsag::privacy::Pseudonymiser::from_key_file(
      config.pseudonymisation().key_file(), config.pseudonymisation().key_version());
  if (!pseudonymiser) return pseudonymiser.error();
  parts->pseudonymiser.emplace(std::move(*pseudonymiser));

  const auto wait = ack_timeout(config);
  auto settings = kafka::KafkaSettings::for_producer(config.kafka());
  if (!settings) return settings.error();
  // A record Kafka has not taken when the person was told 503 is dropped, not written later. A
  // topic Kafka refused (e.g. its ACL was missing) is asked about again within seconds, not after
  // librdkafka's default five minutes, so reads resume soon after the cause is fixed.
  for (const auto& [name, value] : {std::pair<std::string, std::string>{
                                        "client.id", "samsag-bridge-api-" + options.instance_id},
                                    {"delivery.timeout.ms", std::to_string(wait.count())},
                                    {"linger.ms", "1"},
                                    {"topic.metadata.refresh.interval.ms", "5000"}}) {
    if (auto set = settings->set(name, value); !set) return set.error();
  }
  auto producer = kafka::Producer::create(*settings);
  if (!producer) return producer.error();
  parts->producer.emplace(std::move(*producer));
  parts->sink = std::make_unique<ProducerSink>(*parts->producer);

  const auto topics = config::Topics::for_municipality(config.municipality().slug());
  ApiOptions api;
  api.municipality_code = config.municipality().code();
  api.audit_topic = topics.audit;
  api.plan_topic = topics.plan;
  api.consent_topic = topics.consent;
  api.roles = RoleNames{auth.coordinator_role(), auth.supervisor_role()};
  api.ack_timeout = wait;
  api.partitions = options.partitions;

  ApiDependencies dependencies;
  dependencies.tokens = parts->tokens.get();
  dependencies.pseudonymiser = &*parts->pseudonymiser;
  dependencies.cases = options.cases;
  dependencies.sink = parts->sink.get();
  dependencies.ownership = options.ownership;
  dependencies.forwarder = options.forwarder;
  dependencies.cases_restored = options.cases_restored;

  ApiServerOptions server;
  server.host = options.host;
  server.port = options.port;
  auto started = ApiServer::start(server, std::move(api), dependencies);
  if (!started) return started.error();
  parts->server = std::move(*started);
  return std::unique_ptr<BridgeApi>(new BridgeApi(std::move(parts)));
}

BridgeApi::BridgeApi(std::unique_ptr<Parts> parts) : parts_(std::move(parts)) {}

BridgeApi::~BridgeApi() { stop(); }

std::uint16_t BridgeApi::port() const { return parts_->server->port(); }

void BridgeApi::stop() {
  if (!parts_->server) return;
  parts_->server->stop();
  parts_->server.reset();
  parts_->producer->close(kafka::deadline_in(std::chrono::seconds(5)));
}

}  // namespace samsag::bridge::api
