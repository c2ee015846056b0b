#include "bridge_fixture.h"

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <fstream>
#include <iostream>
#include <random>
#include <stdexcept>

#include "bridge/loop/input_offsets.h"
#include "bridge/reducer/consent_rules.h"
#include "bridge/reducer/reducer.h"
#include "core/auth/jwt.h"
#include "core/config/config.h"
#include "core/kafka/consumer.h"
#include "core/kafka/error_codes.h"
#include "tests/support/scratch_name.h"

namespace samsag::bridge::itest {
namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;

template <typename T>
T value_or_throw(Result<T> result) {
  if (!result) throw std::runtime_error(result.error().code + ": " + result.error().message);
  return std::move(*result);
}

// Reads every partition of a topic from its beginning, and on each catch_up() further up to the
// end offsets it has at that moment. Offsets a broker no longer holds (the embedded broker keeps
// the newest 5 MB of a partition) are skipped, not waited for.
class TopicReader {
 public:
  TopicReader(const config::v1::Config& config, std::string topic)
      : topic_(std::move(topic)),
        partitions_(static_cast<int>(config.kafka().partitions())),
        consumer_(value_or_throw(kafka::Consumer::create(
            value_or_throw(kafka::KafkaSettings::for_consumer(config.kafka(), "itest-reader"))))) {
    std::vector<kafka::PartitionOffset> assignment;
    for (int partition = 0; partition < partitions_; ++partition) {
      assignment.push_back({topic_, partition, kafka::kOffsetBeginning});
    }
    if (auto assigned = consumer_.assign(assignment); !assigned) {
      throw std::runtime_error(assigned.error().message);
    }
  }
  ~TopicReader() { (void)consumer_.close(kafka::deadline_in(5s)); }

  void catch_up(const std::function<void(const kafka::Message&)>& visit) {
    std::map<std::int32_t, std::int64_t> end;
    for (int partition = 0; partition < partitions_; ++partition) {
      auto marks = consumer_.watermarks({topic_, partition}, kafka::deadline_in(10s));
      if (!marks)
        throw std::runtime_error("watermarks of " + topic_ + ": " + marks.error().message);
      end[partition] = marks->high;
      next_[partition] = std::max(next_[partition], marks->low);
    }
    const auto deadline = kafka::Clock::now() + 120s;
    auto done = [&] {
      return std::all_of(end.begin(), end.end(),
                         [&](const auto& entry) { return next_[entry.first] >= entry.second; });
    };
    while (!done()) {
      if (kafka::Clock::now() > deadline)
        throw std::runtime_error("reading " + topic_ + " timed out");
      auto polled = consumer_.poll(100ms);
      if (!polled || !*polled) {
        // The broker may have dropped what was not read yet: start from what it still holds.
        for (auto& [partition, next] : next_) {
          auto marks = consumer_.watermarks({topic_, partition}, kafka::deadline_in(10s));
          if (marks && next < marks->low) next = marks->low;
        }
        // On a real cluster with transactions, commit and abort markers take offsets but are
        // never delivered: the consumer's position moves past them.
        if (auto positions = consumer_.position(partitions())) {
          for (const auto& position : *positions) {
            auto& next = next_[position.partition];
            next = std::max(next, position.offset.value_or(0));
          }
        }
        continue;
      }
      const auto& message = **polled;
      auto& next = next_[message.partition];
      if (message.offset < next) continue;
      next = message.offset + 1;
      visit(message);
    }
  }

 private:
  std::vector<kafka::TopicPartition> partitions() const {
    std::vector<kafka::TopicPartition> all;
    for (int partition = 0; partition < partitions_; ++partition)
      all.push_back({topic_, partition});
    return all;
  }

  std::string topic_;
  int partitions_;
  kafka::Consumer consumer_;
  std::map<std::int32_t, std::int64_t> next_;
};

void read_topic(const config::v1::Config& config, const std::string& topic,
                const std::function<void(const kafka::Message&)>& visit) {
  TopicReader(config, topic).catch_up(visit);
}

void add_to(CaseTopicContents& contents, const kafka::Message& message) {
  const std::string key = message.key.value_or("");
  if (auto partition = checkpoint_partition(key)) {
    samsag::v1::Checkpoint checkpoint;
    if (message.value && checkpoint.ParseFromString(*message.value)) {
      contents.last_checkpoint[*partition] = checkpoint;
    }
    return;
  }
  ++contents.snapshots;
  if (message.value) {
    contents.last_snapshot[key] = *message.value;
  } else {
    contents.last_snapshot.erase(key);
  }
}

const std::int64_t kBaseSeconds = [] {
  constexpr std::int64_t kDay = std::int64_t{24} * 3600;
  const auto now = std::chrono::duration_cast<std::chrono::seconds>(
                       std::chrono::system_clock::now().time_since_epoch())
                       .count();
  return now / kDay * kDay - 30 * kDay;
}();

}  // namespace

ScratchDirectory::ScratchDirectory() {
  path_ = fs::temp_directory_path() / samsag::testing::scratch_name("samsag-bridge-itest-");
  fs::create_directories(path_);
}

ScratchDirectory::~ScratchDirectory() {
  std::error_code ignored;
  fs::remove_all(path_, ignored);
}

namespace {

// The bridge's secrets beside the config: the pseudonymisation key and the identity provider's
// JWKS, whose private half (signing.pem) mints the tests' tokens. Written once per directory.
void write_secrets(const fs::path& directory) {
  if (!fs::exists(directory / "pseudonym.key")) {
    std::ofstream(directory / "pseudonym.key")
        << "itest-pseudonymisation-key-of-at-least-32-bytes\n";
  }
  if (fs::exists(directory / "jwks.json")) return;
  auto key = value_or_throw(auth::SigningKey::generate(auth::Algorithm::kEs256, "itest-1"));
  std::ofstream(directory / "signing.pem") << key.private_pem();
  std::ofstream(directory / "jwks.json") << auth::jwks_json({&key});
}

}  // namespace

std::string mint_token(const fs::path& directory, const std::string& user,
                       const std::vector<std::string>& roles) {
  auto key = value_or_throw(
      auth::SigningKey::load_pem_file((directory / "signing.pem").string(), "itest-1"));
  return key.sign(auth::standard_claims({kIssuer, kAudience, 60s}, user, roles,
                                        std::chrono::system_clock::now(), std::chrono::hours(1)));
}

fs::path write_config(const fs::path& directory, const std::string& bootstrap,
                      const ConfigOptions& options) {
  write_secrets(directory);
  fs::path path = directory / "itest.yaml";
  std::ofstream out(path);
  out << "municipality:\n  slug: " << options.slug << "\n  code: " << kMunicipalityCode
      << "\n  name: Itest Kommune\n"
      << "kafka:\n  bootstrap: \"" << (bootstrap.empty() ? "127.0.0.1:9" : bootstrap) << "\"\n"
      << "  partitions: " << options.partitions << "\n"
      << "  transactions: " << (options.transactions ? "true" : "false") << "\n"
      << "  delivery_timeout_ms: 30000\n";
  if (options.replication_factor > 0) {
    out << "  replication_factor: " << options.replication_factor << "\n";
  }
  if (options.min_insync_replicas > 0) {
    out << "  min_insync_replicas: " << options.min_insync_replicas << "\n";
  }
  out << "  properties:\n"
      << "    session.timeout.ms: \"3000\"\n"
      << "    heartbeat.interval.ms: \"300\"\n"
      << "pseudonymisation:\n  key_file: pseudonym.key\n  key_version: k1\n"
      << (options.consent_required
              ? "consent:\n  sectors_requiring_consent: [SOCIAL, HEALTH, REGION]\n"
              : "consent: {}\n")
      << "bridge:\n  state_dir: state\n  api_listen: 127.0.0.1:1\n  admin_listen: 127.0.0.1:2\n"
      << "  auth:\n    jwks_file: jwks.json\n    issuer: " << kIssuer << "\n"
      << "    audience: " << kAudience << "\n    coordinator_role: coordinator\n"
      << "    supervisor_role: supervisor\n"
      << "logging:\n  level: "
      << (std::getenv("SAMSAG_TEST_BRIDGE_LOG_LEVEL") != nullptr
              ? std::getenv("SAMSAG_TEST_BRIDGE_LOG_LEVEL")
              : "info")
      << "\n";
  return path;
}

config::v1::Config load(const fs::path& config_path) {
  auto loaded = config::load_config(config_path.string());
  if (!loaded.ok()) {
    std::string problems;
    for (const auto& problem : loaded.problems) problems += problem.to_string() + "\n";
    throw std::runtime_error("test config is invalid:\n" + problems);
  }
  return loaded.config;
}

// --- BridgeProcess -----------------------------------------------------------------------------

namespace {

std::vector<std::string> bridge_argv(const fs::path& config_path, const fs::path& state_dir,
                                     const std::string& instance_id,
                                     const std::vector<std::string>& extra_args) {
  std::vector<std::string> argv{samsag::testing::samsag_binary(),
                                "bridge",
                                "-c",
                                config_path.string(),
                                "--state-dir",
                                state_dir.string(),
                                "--admin-listen",
                                "127.0.0.1:0",
                                "--api-listen",
                                "127.0.0.1:0",
                                "--instance-id",
                                instance_id};
  argv.insert(argv.end(), extra_args.begin(), extra_args.end());
  return argv;
}

}  // namespace

BridgeProcess::BridgeProcess(const fs::path& config_path, const fs::path& state_dir,
                             const std::string& instance_id,
                             const std::vector<std::string>& extra_args)
    : process_(std::make_unique<samsag::testing::ChildProcess>(
          bridge_argv(config_path, state_dir, instance_id, extra_args))) {}

BridgeProcess::~BridgeProcess() {
  if (process_ && !exited_) process_->kill();
  // A failing test shows what the bridge said (JSON log lines; no CPR numbers, pseudonyms only).
  if (::testing::Test::HasFailure() || std::getenv("SAMSAG_TEST_SHOW_BRIDGE_LOG") != nullptr) {
    for (const auto& line : lines_) std::cerr << "bridge| " << line << "\n";
  }
}

void BridgeProcess::pump() {
  if (exited_) return;
  while (auto line = process_->read_line(0ms)) take(std::move(*line));
}

void BridgeProcess::take(std::string line) {
  if (admin_port_ == 0 && line.find("admin endpoint listening") != std::string::npos) {
    const auto at = line.find("\"port\":");
    if (at != std::string::npos) admin_port_ = std::atoi(line.c_str() + at + 7);
  }
  if (api_port_ == 0 && line.find("coordinator API listening") != std::string::npos) {
    const auto at = line.find("\"port\":");
    if (at != std::string::npos) api_port_ = std::atoi(line.c_str() + at + 7);
  }
  lines_.push_back(std::move(line));
}

std::optional<std::string> BridgeProcess::wait_for_log(const std::string& text,
                                                       std::chrono::milliseconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  std::size_t seen = 0;
  while (true) {
    pump();
    for (; seen < lines_.size(); ++seen) {
      if (lines_[seen].find(text) != std::string::npos) return lines_[seen];
    }
    if (std::chrono::steady_clock::now() >= deadline || !running()) return std::nullopt;
    if (auto line = process_->read_line(100ms)) take(std::move(*line));
  }
}

std::vector<std::string> BridgeProcess::logged(const std::string& text) const {
  std::vector<std::string> found;
  for (const auto& line : lines_) {
    if (line.find(text) != std::string::npos) found.push_back(line);
  }
  return found;
}

std::pair<int, std::string> BridgeProcess::get(const std::string& path) {
  pump();
  if (admin_port_ == 0) return {0, ""};
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) return {0, ""};
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(static_cast<std::uint16_t>(admin_port_));
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  std::string response;
  if (::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof(address)) == 0) {
    const std::string request =
        "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n";
    if (::write(fd, request.data(), request.size()) == static_cast<ssize_t>(request.size())) {
      std::array<char, 4096> chunk{};
      ssize_t got = 0;
      while ((got = ::read(fd, chunk.data(), chunk.size())) > 0) {
        response.append(chunk.data(), static_cast<std::size_t>(got));
      }
    }
  }
  ::close(fd);
  if (response.size() < 12) return {0, ""};
  const auto body = response.find("\r\n\r\n");
  return {std::atoi(response.c_str() + 9),  // "HTTP/1.1 200 ..."
          body == std::string::npos ? std::string() : response.substr(body + 4)};
}

bool BridgeProcess::wait_until_ready(std::chrono::milliseconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (std::chrono::steady_clock::now() < deadline && running()) {
    if (readyz() == 200) return true;
    if (auto line = process_->read_line(100ms)) take(std::move(*line));
  }
  return false;
}

std::optional<int> BridgeProcess::terminate(std::chrono::milliseconds timeout) {
  pump();
  auto code = process_->terminate(timeout);
  exited_ = true;
  return code;
}

void BridgeProcess::kill() {
  process_->kill();
  exited_ = true;
}

std::optional<int> BridgeProcess::wait_for_exit(std::chrono::milliseconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (true) {
    pump();
    if (auto code = process_->wait_for_exit(50ms)) {
      if (auto rest = process_->read_all(1s)) lines_.push_back(*rest);
      exited_ = true;
      return code;
    }
    if (std::chrono::steady_clock::now() >= deadline) return std::nullopt;
  }
}

bool BridgeProcess::running() {
  if (exited_) return false;
  if (process_->wait_for_exit(0ms)) exited_ = true;
  return !exited_;
}

// --- EventLog ----------------------------------------------------------------------------------

namespace {

// The config's Kafka section without its consumer-group timeouts, which a producer only warns
// about.
config::v1::Kafka producer_kafka(const config::v1::Config& config) {
  config::v1::Kafka kafka = config.kafka();
  kafka.mutable_properties()->erase("session.timeout.ms");
  kafka.mutable_properties()->erase("heartbeat.interval.ms");
  return kafka;
}

}  // namespace

EventLog::EventLog(const config::v1::Config& config)
    : topics_(config::Topics::for_municipality(config.municipality().slug())),
      producer_(value_or_throw(kafka::Producer::create(
          value_or_throw(kafka::KafkaSettings::for_producer(producer_kafka(config)))))) {}

void EventLog::produce(const samsag::v1::Event& event, bool valid) {
  auto delivered =
      producer_
          .produce({.topic = topics_.for_sector(event.sector()),
                    .key = event.citizen(),
                    .value = event.SerializeAsString(),
                    .headers = {{"event-id", event.event_id()}, {"schema", "samsag.v1.Event"}}})
          .wait(kafka::deadline_in(30s));
  if (!delivered) throw std::runtime_error("producing an event: " + delivered.error().message);
  produced_.push_back({delivered->topic, delivered->partition, delivered->offset, event.citizen(),
                       valid ? std::optional<samsag::v1::Event>(event) : std::nullopt});
}

void EventLog::produce_all(const std::vector<samsag::v1::Event>& events) {
  std::vector<kafka::Delivery> deliveries;
  deliveries.reserve(events.size());
  for (const auto& event : events) {
    deliveries.push_back(producer_.produce(
        {.topic = topics_.for_sector(event.sector()),
         .key = event.citizen(),
         .value = event.SerializeAsString(),
         .headers = {{"event-id", event.event_id()}, {"schema", "samsag.v1.Event"}}}));
  }
  for (std::size_t i = 0; i < events.size(); ++i) {
    auto delivered = deliveries[i].wait(kafka::deadline_in(60s));
    if (!delivered) throw std::runtime_error("producing an event: " + delivered.error().message);
    produced_.push_back({delivered->topic, delivered->partition, delivered->offset,
                         events[i].citizen(), events[i]});
  }
}

void EventLog::produce_raw(const std::string& topic, const std::string& key,
                           const std::string& value) {
  auto delivered =
      producer_.produce({.topic = topic, .key = key, .value = value}).wait(kafka::deadline_in(30s));
  if (!delivered) throw std::runtime_error("producing a record: " + delivered.error().message);
  produced_.push_back(
      {delivered->topic, delivered->partition, delivered->offset, key, std::nullopt});
}

// --- Reading back ------------------------------------------------------------------------------

CaseTopicContents read_case_topic(const config::v1::Config& config) {
  const auto topics = config::Topics::for_municipality(config.municipality().slug());
  CaseTopicContents contents;
  read_topic(config, topics.case_,
             [&contents](const kafka::Message& message) { add_to(contents, message); });
  return contents;
}

struct CaseTopicWatch::Impl {
  std::string topic;
  int partitions = 0;
  kafka::Consumer consumer;
};

CaseTopicWatch::CaseTopicWatch(const config::v1::Config& config)
    : impl_(new Impl{config::Topics::for_municipality(config.municipality().slug()).case_,
                     static_cast<int>(config.kafka().partitions()),
                     value_or_throw(kafka::Consumer::create(value_or_throw(
                         kafka::KafkaSettings::for_consumer(config.kafka(), "itest-watch"))))}) {}

CaseTopicWatch::~CaseTopicWatch() = default;

std::int64_t CaseTopicWatch::end() {
  std::int64_t total = 0;
  for (int partition = 0; partition < impl_->partitions; ++partition) {
    auto marks = impl_->consumer.watermarks({impl_->topic, partition}, kafka::deadline_in(10s));
    if (marks) total += marks->high;
  }
  return total;
}

bool CaseTopicWatch::wait_for_growth(std::int64_t from, std::int64_t records, BridgeProcess& bridge,
                                     std::chrono::milliseconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (std::chrono::steady_clock::now() < deadline) {
    if (end() >= from + records) return true;
    bridge.wait_for_log("no line says this", 10ms);
  }
  return false;
}

std::vector<samsag::v1::DeadLetter> read_dead_letters(const config::v1::Config& config) {
  const auto topics = config::Topics::for_municipality(config.municipality().slug());
  std::vector<samsag::v1::DeadLetter> letters;
  read_topic(config, topics.dlq, [&letters](const kafka::Message& message) {
    samsag::v1::DeadLetter letter;
    if (message.value && letter.ParseFromString(*message.value)) letters.push_back(letter);
  });
  return letters;
}

bool wait_until_applied(const config::v1::Config& config, std::chrono::milliseconds timeout,
                        const std::function<void()>& pump) {
  const auto topics = config::Topics::for_municipality(config.municipality().slug());
  auto consumer = value_or_throw(kafka::Consumer::create(
      value_or_throw(kafka::KafkaSettings::for_consumer(config.kafka(), "itest-watcher"))));
  TopicReader follower(config, topics.case_);
  CaseTopicContents contents;
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (std::chrono::steady_clock::now() < deadline) {
    pump();
    std::map<std::pair<std::string, std::int32_t>, std::int64_t> ends;
    bool known = true;
    for (const auto& topic : topics.bridge_inputs()) {
      for (int partition = 0; partition < static_cast<int>(config.kafka().partitions());
           ++partition) {
        auto marks = consumer.watermarks({topic, partition}, kafka::deadline_in(10s));
        if (!marks) {
          known = false;
          break;
        }
        ends[{topic, partition}] = marks->high;
      }
    }
    if (known) {
      follower.catch_up([&contents](const kafka::Message& message) { add_to(contents, message); });
      bool applied = true;
      for (const auto& [where, end] : ends) {
        if (end == 0) continue;
        auto checkpoint = contents.last_checkpoint.find(where.second);
        if (checkpoint == contents.last_checkpoint.end()) {
          applied = false;
          break;
        }
        const auto next = InputOffsets::from_checkpoint(checkpoint->second).next(where.first);
        if (next.value_or(0) < end) {
          applied = false;
          break;
        }
      }
      if (applied) return true;
    }
    pump();
    // Polled, not slept on: the next check asks the broker again.
    auto polled = consumer.poll(200ms);
    (void)polled;
  }
  return false;
}

std::map<std::string, std::string> offline_cases(const config::v1::Config& config,
                                                 const std::vector<Produced>& produced) {
  const auto rules = ConsentRules::from_policy(config.consent());
  std::map<std::string, std::vector<const Produced*>> consent;
  std::map<std::string, std::vector<const Produced*>> others;
  for (const auto& record : produced) {
    if (!record.event) continue;
    auto& list = record.event->sector() == samsag::v1::SECTOR_CONSENT ? consent[record.citizen]
                                                                      : others[record.citizen];
    list.push_back(&record);
  }
  std::map<std::string, std::string> cases;
  auto citizens = consent;
  for (const auto& [citizen, list] : others) citizens[citizen];
  for (const auto& [citizen, unused] : citizens) {
    auto decisions = consent[citizen];
    std::sort(decisions.begin(), decisions.end(),
              [](const Produced* a, const Produced* b) { return a->offset < b->offset; });
    samsag::v1::CitizenCase citizen_case;
    citizen_case.set_citizen(citizen);
    bool changed = false;
    for (const auto* record : decisions)
      changed |= apply(citizen_case, *record->event, rules).changed();
    for (const auto* record : others[citizen]) {
      changed |= apply(citizen_case, *record->event, rules).changed();
    }
    if (changed) cases[citizen] = serialize_case(citizen_case);
  }
  return cases;
}

google::protobuf::Timestamp test_time(std::int64_t hour) {
  google::protobuf::Timestamp at;
  at.set_seconds(kBaseSeconds + hour * 3600);
  return at;
}

samsag::v1::Event retimed(samsag::v1::Event event, const std::string& citizen, std::int64_t hour) {
  event.set_citizen(citizen);
  event.set_municipality_code(kMunicipalityCode);
  *event.mutable_occurred_at() = test_time(hour);
  *event.mutable_recorded_at() = test_time(hour);
  return event;
}

std::string difference(const std::map<std::string, std::string>& expected,
                       const std::map<std::string, std::string>& actual) {
  std::string text = std::to_string(expected.size()) + " cases expected, " +
                     std::to_string(actual.size()) + " on the case topic";
  int shown = 0;
  for (const auto& [citizen, bytes] : expected) {
    auto it = actual.find(citizen);
    if (it != actual.end() && it->second == bytes) continue;
    samsag::v1::CitizenCase want;
    want.ParseFromString(bytes);
    text += "\n" + citizen + " expected: " + want.ShortDebugString().substr(0, 600);
    if (it == actual.end()) {
      text += "\n  but the topic has no case";
    } else {
      samsag::v1::CitizenCase got;
      got.ParseFromString(it->second);
      text += "\n  topic has: " + got.ShortDebugString().substr(0, 600);
    }
    if (++shown == 3) break;
  }
  for (const auto& [citizen, bytes] : actual) {
    if (!expected.contains(citizen) && shown++ < 3) text += "\nunexpected case for " + citizen;
  }
  return text;
}

}  // namespace samsag::bridge::itest
