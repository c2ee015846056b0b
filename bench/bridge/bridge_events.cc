#include "bench/bridge/bridge_events.h"

#include <algorithm>
#include <array>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <stdexcept>

#include "core/auth/jwt.h"
#include "core/config/topics.h"
#include "core/kafka/consumer.h"
#include "core/kafka/producer.h"
#include "event_builder.h"

namespace samsag::bench {
namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;
using samsag::v1::Event;
using samsag::v1::Sector;

template <typename T>
T value_or_throw(Result<T> result) {
  if (!result) throw std::runtime_error(result.error().code + ": " + result.error().message);
  return std::move(*result);
}

// Events dated close to now, so no consent has expired when the bridge sweeps.
const std::int64_t kBaseSeconds = [] {
  constexpr std::int64_t kDay = std::int64_t{24} * 3600;
  const auto now = std::chrono::duration_cast<std::chrono::seconds>(
                       std::chrono::system_clock::now().time_since_epoch())
                       .count();
  return now / kDay * kDay - 30 * kDay;
}();

Event retimed(Event event, const std::string& citizen, std::int64_t hour) {
  event.set_citizen(citizen);
  event.set_municipality_code(751);
  event.mutable_occurred_at()->set_seconds(kBaseSeconds + hour * 3600);
  event.mutable_recorded_at()->set_seconds(kBaseSeconds + hour * 3600);
  return event;
}

Event sector_event(Event::PayloadCase payload, const std::string& who, const std::string& id,
                   std::int64_t hour, Sector sector = samsag::v1::SECTOR_UNSPECIFIED) {
  const std::string event_id = who + "/" + std::to_string(payload) + "/" + id;
  return retimed(bridge::testing::sector_event(payload, event_id, id, hour, sector), who, hour);
}

// A pseudonym-shaped key (the bridge does not check the HMAC).
std::string citizen(int index) {
  std::array<char, 32> text{};
  std::snprintf(text.data(), text.size(), "k1:be%08xcd", index);
  return text.data();
}

std::vector<Event> events_of(const std::string& who) {
  return {
      retimed(bridge::testing::consent_granted(
                  who + "/G-1", 1,
                  {samsag::v1::SECTOR_SOCIAL, samsag::v1::SECTOR_HEALTH, samsag::v1::SECTOR_REGION},
                  "G-1"),
              who, 1),
      sector_event(Event::kBenefitStarted, who, "B-1", 10),
      sector_event(Event::kMeasureGranted, who, "M-1", 11),
      sector_event(Event::kRehabilitationStarted, who, "R-1", 12),
      sector_event(Event::kHospitalAdmitted, who, "H-1", 13),
      sector_event(Event::kMeetingScheduled, who, "MT-1", 14, samsag::v1::SECTOR_SOCIAL),
      sector_event(Event::kCoordinatorAssigned, who, "C-1", 15),
      sector_event(Event::kBenefitEnded, who, "B-1", 20)};
}

std::int64_t dropped_of(const config::v1::Config& config, const std::vector<std::string>& topics) {
  auto consumer = value_or_throw(kafka::Consumer::create(
      value_or_throw(kafka::KafkaSettings::for_consumer(config.kafka(), "bench-watermarks"))));
  std::int64_t dropped = 0;
  for (const auto& topic : topics) {
    for (int partition = 0; partition < static_cast<int>(config.kafka().partitions());
         ++partition) {
      dropped +=
          value_or_throw(consumer.watermarks({topic, partition}, kafka::deadline_in(10s))).low;
    }
  }
  (void)consumer.close(kafka::deadline_in(5s));
  return dropped;
}

}  // namespace

config::v1::Kafka producer_kafka(const config::v1::Config& config) {
  config::v1::Kafka kafka = config.kafka();
  kafka.mutable_properties()->erase("session.timeout.ms");
  kafka.mutable_properties()->erase("heartbeat.interval.ms");
  return kafka;
}

fs::path write_bench_config(const fs::path& directory, const std::string& bootstrap, int partitions,
                            const std::string& slug) {
  if (!fs::exists(directory / "pseudonym.key")) {
    std::ofstream(directory / "pseudonym.key")
        << "bench-pseudonymisation-key-of-at-least-32-bytes\n";
    auto key = value_or_throw(auth::SigningKey::generate(auth::Algorithm::kEs256, "bench-1"));
    std::ofstream(directory / "jwks.json") << auth::jwks_json({&key});
  }
  fs::path path = directory / "bench.yaml";
  std::ofstream out(path);
  out << "municipality:\n  slug: " << slug << "\n  code: 751\n  name: Bench Kommune\n"
      << "kafka:\n  bootstrap: \"" << (bootstrap.empty() ? "127.0.0.1:9" : bootstrap) << "\"\n"
      << "  partitions: " << partitions << "\n  transactions: true\n"
      << "  delivery_timeout_ms: 60000\n"
      // Short group timeouts, as in the integration tests: the restoring instance joins the
      // group as soon as the first one left, not after a default 45 s session.
      << "  properties:\n    session.timeout.ms: \"3000\"\n    heartbeat.interval.ms: \"300\"\n"
      << "pseudonymisation:\n  key_file: pseudonym.key\n  key_version: k1\n"
      << "consent:\n  sectors_requiring_consent: [SOCIAL, HEALTH, REGION]\n"
      << "bridge:\n  state_dir: state\n  api_listen: 127.0.0.1:1\n  admin_listen: 127.0.0.1:2\n"
      << "  auth:\n    jwks_file: jwks.json\n    issuer: https://login.bench.invalid\n"
      << "    audience: samsag-bench\n    coordinator_role: coordinator\n"
      << "    supervisor_role: supervisor\n"
      << "logging:\n  level: warn\n";
  return path;
}

ProducedEvents produce_events(const config::v1::Config& config, int citizens, int per_citizen) {
  const auto topics = config::Topics::for_municipality(config.municipality().slug());
  auto producer = value_or_throw(kafka::Producer::create(
      value_or_throw(kafka::KafkaSettings::for_producer(producer_kafka(config)))));
  ProducedEvents produced;
  produced.inputs = topics.bridge_inputs();
  std::vector<kafka::Delivery> deliveries;
  auto confirm = [&] {
    for (auto& delivery : deliveries) {
      auto delivered = delivery.wait(kafka::deadline_in(120s));
      if (!delivered) throw std::runtime_error("producing an event: " + delivered.error().message);
      ++produced.events;
    }
    deliveries.clear();
  };
  for (int i = 0; i < citizens; ++i) {
    auto events = events_of(citizen(i));
    events.resize(std::min(events.size(), static_cast<std::size_t>(per_citizen)));
    for (const auto& event : events) {
      deliveries.push_back(producer.produce(
          {.topic = topics.for_sector(event.sector()),
           .key = event.citizen(),
           .value = event.SerializeAsString(),
           .headers = {{"event-id", event.event_id()}, {"schema", "samsag.v1.Event"}}}));
    }
    if (deliveries.size() >= 50'000) confirm();  // bounds the producer's queue
  }
  confirm();
  produced.dropped = dropped_of(config, produced.inputs);
  return produced;
}

std::int64_t case_topic_dropped(const config::v1::Config& config) {
  return dropped_of(config, {config::Topics::for_municipality(config.municipality().slug()).case_});
}

}  // namespace samsag::bench
