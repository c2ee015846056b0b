#include "bridge/loop/bridge_loop.h"

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <mutex>

#include "bridge/loop/bridge_metrics.h"
#include "bridge/loop/bridge_session.h"
#include "bridge/loop/case_batch.h"
#include "bridge/loop/co_partitioning.h"
#include "bridge/reducer/consent_rules.h"
#include "bridge/store/state_store.h"
#include "core/config/topics.h"
#include "core/kafka/admin.h"
#include "core/log/log.h"

namespace samsag::bridge {
namespace {

using namespace std::chrono_literals;

constexpr auto kFirstBackoff = 1s;
constexpr auto kLongestBackoff = 30s;
// A session that lasted this long was healthy: the next failure starts the backoff afresh.
constexpr auto kHealthySession = 60s;

// The common partition count of the inputs and the case topic, or why the bridge cannot start.
Result<std::int32_t> co_partitioned_count(const BridgeOptions& options,
                                          const config::Topics& topics) {
  auto settings = kafka::KafkaSettings::for_admin(options.config.kafka());
  if (!settings) return settings.error();
  auto admin = kafka::Admin::create(*settings);
  if (!admin) return admin.error();
  auto wanted = topics.bridge_inputs();
  wanted.push_back(topics.case_);
  auto counts = admin->partition_counts(wanted, kafka::deadline_in(options.kafka_timeout));
  if (!counts) return counts.error();
  return check_co_partitioned(*counts, topics.bridge_inputs(), topics.case_);
}

}  // namespace

class BridgeLoop::Impl {
 public:
  Impl(BridgeOptions bridge_options, config::Topics municipality_topics, std::int32_t count,
       std::unique_ptr<StateStore> state_store)
      : options(std::move(bridge_options)),
        topics(std::move(municipality_topics)),
        rules(ConsentRules::from_policy(options.config.consent()), topics,
              options.config.municipality().code()),
        partitions(count),
        store(std::move(state_store)),
        readiness(options.process_readiness) {}

  BridgeContext context() {
    const std::string group = "samsag-bridge." + options.config.municipality().slug();
    return BridgeContext{.options = options,
                         .topics = topics,
                         .rules = rules,
                         .store = *store,
                         .metrics = metrics,
                         .readiness = readiness,
                         .stopping = stopping,
                         .group_id = group,
                         .transactional_id = group + "." + options.instance_id};
  }

  // Waits `backoff` unless stop() comes first.
  void pause(std::chrono::milliseconds backoff) {
    std::unique_lock lock(mutex);
    stopped.wait_for(lock, backoff, [this] { return stopping.load(); });
  }

  BridgeOptions options;
  config::Topics topics;
  BatchRules rules;
  std::int32_t partitions;
  std::unique_ptr<StateStore> store;
  BridgeMetrics metrics;
  ReadinessState readiness;
  std::atomic<bool> stopping{false};
  std::mutex mutex;
  std::condition_variable stopped;
};

Result<std::unique_ptr<BridgeLoop>> BridgeLoop::create(BridgeOptions options) {
  auto topics = config::Topics::for_municipality(options.config.municipality().slug());
  auto partitions = co_partitioned_count(options, topics);
  if (!partitions) return partitions.error();
  if (static_cast<std::uint32_t>(*partitions) != options.config.kafka().partitions()) {
    log::warn(
        "the topics' partition count differs from kafka.partitions in the config; the "
        "topics' count is used",
        {{"topics", *partitions}, {"config", options.config.kafka().partitions()}});
  }
  auto store = StateStore::open(options.state_dir, *partitions);
  if (!store) return store.error();
  auto impl =
      std::make_unique<Impl>(std::move(options), std::move(topics), *partitions, std::move(*store));
  return std::unique_ptr<BridgeLoop>(new BridgeLoop(std::move(impl)));
}

BridgeLoop::BridgeLoop(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
BridgeLoop::~BridgeLoop() = default;

Status BridgeLoop::run() {
  const BridgeContext context = impl_->context();
  std::chrono::milliseconds backoff = kFirstBackoff;
  while (!impl_->stopping.load()) {
    const auto started = std::chrono::steady_clock::now();
    auto session = BridgeSession::start(context);
    Status ended = session ? (*session)->run() : Status(session.error());
    if (session) (*session)->close();
    // Only a stop ends a session without an error; an error while stopping (an interrupted
    // restore) is no reason to rejoin.
    if (ended || impl_->stopping.load()) continue;

    const Error& error = ended.error();
    if (error.code == kNotCoPartitioned) return error;
    impl_->metrics.session_restarted(error.code);
    if (std::chrono::steady_clock::now() - started >= kHealthySession) backoff = kFirstBackoff;
    log::warn("the bridge drops its Kafka clients and rejoins its consumer group",
              {{"code", error.code}, {"error", error.message}, {"after_ms", backoff.count()}});
    impl_->pause(backoff);
    backoff = std::min<std::chrono::milliseconds>(backoff * 2, kLongestBackoff);
    // A failed write leaves RocksDB refusing every later one until it is resumed; the next
    // session starts on the store as it is, and fails again (and retries) while it cannot be.
    if (error.code == store_errc::kFailed && !impl_->stopping.load()) {
      if (auto recovered = impl_->store->recover(); recovered) {
        log::info("the state store is writable again",
                  {{"directory", impl_->store->directory().string()}});
      } else {
        log::warn("the state store is still not writable",
                  {{"code", recovered.error().code}, {"error", recovered.error().message}});
      }
    }
  }
  return ok_status();
}

void BridgeLoop::stop() {
  {
    std::lock_guard lock(impl_->mutex);
    impl_->stopping = true;
  }
  impl_->stopped.notify_all();
}

BridgeReadiness BridgeLoop::readiness() const { return impl_->readiness.get(); }

std::int32_t BridgeLoop::partitions() const { return impl_->partitions; }

const CaseStore& BridgeLoop::cases() const { return *impl_->store; }

}  // namespace samsag::bridge
