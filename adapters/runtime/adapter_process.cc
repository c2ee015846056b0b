#include "adapters/runtime/adapter_process.h"

#include <atomic>
#include <condition_variable>
#include <mutex>
#include <thread>

#include "core/config/host_port.h"
#include "core/config/topics.h"
#include "core/kafka/error_codes.h"
#include "core/kafka/producer.h"
#include "core/kafka/settings.h"
#include "core/log/log.h"
#include "core/privacy/pseudonymiser.h"
#include "core/runtime/admin_server.h"
#include "core/runtime/shutdown.h"

namespace samsag::adapters {
namespace {

using samsag::config::v1::AdapterKind;

// Watches whether Kafka answers metadata for the adapter's topic, for /readyz: a source must
// not be told to send while nothing can confirm its records.
class KafkaWatch {
 public:
  KafkaWatch(kafka::Producer& producer, std::string topic, runtime::Readiness& readiness,
             AdapterMetrics& metrics)
      : producer_(producer), topic_(std::move(topic)), readiness_(readiness), metrics_(metrics) {
    thread_ = std::thread([this] { run(); });
  }
  ~KafkaWatch() {
    {
      std::lock_guard lock(mutex_);
      stopping_ = true;
    }
    wake_.notify_all();
    thread_.join();
  }

 private:
  void run() {
    std::unique_lock lock(mutex_);
    while (!stopping_) {
      lock.unlock();
      auto partitions =
          producer_.partition_count(topic_, kafka::deadline_in(std::chrono::seconds(5)));
      const bool reachable = partitions.ok();
      if (!reachable) metrics_.kafka_check_failures(partitions.error().code).Increment();
      if (reachable != last_) {
        if (reachable) {
          samsag::log::info("Kafka reachable", {{"topic", topic_}});
        } else {
          report(partitions.error());
        }
        last_ = reachable;
      }
      readiness_.set("kafka", reachable);
      lock.lock();
      wake_.wait_for(lock, std::chrono::seconds(reachable ? 5 : 1), [this] { return stopping_; });
    }
  }

  // Kafka lists only the topics a user may Describe: a missing topic may be a missing ACL.
  void report(const Error& error) const {
    if (error.code == kafka::errc::kNotAuthorized || error.code == kafka::errc::kUnknownTopic) {
      samsag::log::error(
          "Kafka does not let this adapter use its topic: the topic is missing or the adapter's "
          "Kafka user lacks an ACL for it; retrying",
          {{"topic", topic_},
           {"operation", "Describe,Write"},
           {"error", error.code},
           {"reason", error.message}});
      return;
    }
    samsag::log::warn("Kafka not reachable", {{"topic", topic_}, {"error", error.code}});
  }

  kafka::Producer& producer_;
  std::string topic_;
  runtime::Readiness& readiness_;
  AdapterMetrics& metrics_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  bool last_ = true;
  std::thread thread_;
};

}  // namespace

std::string sector_label(samsag::v1::Sector sector) {
  switch (sector) {
    case samsag::v1::SECTOR_EMPLOYMENT:
      return "employment";
    case samsag::v1::SECTOR_SOCIAL:
      return "social";
    case samsag::v1::SECTOR_HEALTH:
      return "health";
    case samsag::v1::SECTOR_REGION:
      return "region";
    default:
      return "unknown";
  }
}

Publisher::Target publisher_target(const samsag::config::v1::Config& config,
                                   const samsag::config::v1::Adapter& adapter,
                                   const samsag::privacy::Pseudonymiser& pseudonymiser) {
  const auto sector = sector_of(adapter.kind());
  const auto topics = samsag::config::Topics::for_municipality(config.municipality().slug());
  return Publisher::Target{
      .envelope = {.municipality_code = config.municipality().code(),
                   .sector = sector,
                   .source_system = adapter.source_system(),
                   .pseudonymiser = &pseudonymiser},
      .event_topic = topics.for_sector(sector),
      .dlq_topic = topics.dlq,
      .component = "adapter " + adapter.name(),
  };
}

samsag::v1::Sector sector_of(AdapterKind kind) {
  switch (kind) {
    case samsag::config::v1::ADAPTER_KIND_EMPLOYMENT:
      return samsag::v1::SECTOR_EMPLOYMENT;
    case samsag::config::v1::ADAPTER_KIND_SOCIAL:
      return samsag::v1::SECTOR_SOCIAL;
    case samsag::config::v1::ADAPTER_KIND_HEALTH:
      return samsag::v1::SECTOR_HEALTH;
    case samsag::config::v1::ADAPTER_KIND_REGION:
      return samsag::v1::SECTOR_REGION;
    default:
      return samsag::v1::SECTOR_UNSPECIFIED;
  }
}

int run_adapter(const samsag::config::v1::Config& config,
                const samsag::config::v1::Adapter& adapter, const SourceFactory& make_source) {
  const auto sector = sector_of(adapter.kind());
  auto fail = [&](std::string_view what, const Error& error) {
    samsag::log::error(
        what, {{"adapter", adapter.name()}, {"code", error.code}, {"reason", error.message}});
    return 1;
  };

  auto pseudonymiser = samsag::privacy::Pseudonymiser::from_key_file(
      config.pseudonymisation().key_file(), config.pseudonymisation().key_version());
  if (!pseudonymiser.ok())
    return fail("cannot load the pseudonymisation key", pseudonymiser.error());

  // An HTTP source's client waits for Kafka's confirmation of each request; the spool source
  // waits per batch of rows, where lingering fills larger message sets.
  const auto use = adapter.kind() == samsag::config::v1::ADAPTER_KIND_EMPLOYMENT
                       ? kafka::ProducerUse::kBatches
                       : kafka::ProducerUse::kEachRequest;
  auto settings = kafka::KafkaSettings::for_producer(config.kafka(), use);
  if (!settings.ok()) return fail("invalid Kafka settings", settings.error());
  if (auto set = settings->set("client.id", "samsag-adapter-" + adapter.name()); !set.ok()) {
    return fail("invalid Kafka settings", set.error());
  }
  for (const auto& name : settings->overridden()) {
    samsag::log::warn("Kafka property ignored: samsag requires its own value",
                      {{"property", name}});
  }
  auto producer = kafka::Producer::create(*settings);
  if (!producer.ok()) return fail("cannot create the Kafka producer", producer.error());

  runtime::Readiness readiness{"kafka", "source"};
  auto admin_address = samsag::config::parse_host_port(adapter.admin_listen());
  if (!admin_address.ok()) return fail("invalid admin address", admin_address.error());
  auto admin = runtime::AdminServer::start(admin_address->host, admin_address->port, readiness);
  if (!admin.ok()) return fail("cannot start the admin endpoint", admin.error());

  const auto topics = samsag::config::Topics::for_municipality(config.municipality().slug());
  AdapterMetrics metrics(adapter.name(), sector_label(sector));
  Publisher publisher(*producer, publisher_target(config, adapter, pseudonymiser.value()), metrics);
  KafkaWatch kafka_watch(*producer, topics.for_sector(sector), readiness, metrics);

  std::unique_ptr<AdapterSource> source = make_source(config, adapter);
  SourceEnvironment environment{
      config, adapter, publisher, metrics,
      [&readiness, &adapter](bool ready, const std::string& why) {
        if (!ready) {
          samsag::log::warn("source not ready", {{"adapter", adapter.name()}, {"why", why}});
        }
        readiness.set("source", ready);
      }};
  if (auto started = source->start(environment); !started.ok()) {
    return fail("cannot start the source", started.error());
  }
  samsag::log::info("adapter started", {{"adapter", adapter.name()},
                                        {"source", source->describe()},
                                        {"topic", topics.for_sector(sector)},
                                        {"admin", adapter.admin_listen()}});

  const int signal = runtime::wait_for_shutdown();
  samsag::log::info("shutting down", {{"adapter", adapter.name()}, {"signal", signal}});
  (*admin)->begin_shutdown();
  source->stop();
  if (auto flushed = producer->flush(kafka::deadline_in(std::chrono::seconds(10))); !flushed.ok()) {
    samsag::log::warn(
        "Kafka did not confirm everything before the stop deadline; the source will "
        "send those records again",
        {{"error", flushed.error().code}});
  }
  (*admin)->stop();
  samsag::log::info("adapter stopped", {{"adapter", adapter.name()}});
  return 0;
}

}  // namespace samsag::adapters
