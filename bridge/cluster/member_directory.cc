#include "bridge/cluster/member_directory.h"

#include <google/protobuf/util/time_util.h>

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <mutex>
#include <thread>

#include "bridge/cluster/member_table.h"
#include "core/config/host_port.h"
#include "core/kafka/consumer.h"
#include "core/kafka/partitioner.h"
#include "core/kafka/producer.h"
#include "core/log/log.h"
#include "samsag/v1/members.pb.h"

namespace samsag::bridge {
namespace {

using namespace std::chrono_literals;
using google::protobuf::util::TimeUtil;
using SystemClock = std::chrono::system_clock;

constexpr auto kPollTimeout = 100ms;
constexpr auto kTopicRetry = 5s;
constexpr auto kErrorLogInterval = 60s;
constexpr auto kLastRecordTimeout = 5s;

google::protobuf::Timestamp timestamp_of(SystemClock::time_point time) {
  return TimeUtil::NanosecondsToTimestamp(
      std::chrono::duration_cast<std::chrono::nanoseconds>(time.time_since_epoch()).count());
}

bool is_wildcard(std::string_view host) {
  return host.empty() || host == "0.0.0.0" || host == "::";
}

}  // namespace

class MemberDirectory::Impl {
 public:
  Impl(MemberDirectoryOptions options, kafka::Producer producer, kafka::Consumer consumer)
      : options_(std::move(options)),
        producer_(std::move(producer)),
        consumer_(std::move(consumer)),
        thread_([this] { run(); }) {}

  ~Impl() { stop(); }

  void advertise(std::string api_url) {
    std::lock_guard lock(mutex_);
    api_url_ = std::move(api_url);
    changed_ = true;
  }

  void set_owned(const std::vector<std::int32_t>& owned) {
    std::vector<std::int32_t> sorted = owned;
    std::sort(sorted.begin(), sorted.end());
    std::lock_guard lock(mutex_);
    if (sorted == owned_) return;
    owned_ = std::move(sorted);
    assigned_at_ = options_.wall_clock();
    changed_ = true;
  }

  void stop() {
    {
      std::lock_guard lock(mutex_);
      if (stopping_) return;
      stopping_ = true;
    }
    wake_.notify_all();
    if (thread_.joinable()) thread_.join();
    // Peers stop forwarding here at once instead of after the claim went stale.
    set_owned({});
    if (topic_found_ && publish_if_due()) {
      auto delivered = last_delivery_->wait(kafka::deadline_in(kLastRecordTimeout));
      if (!delivered) {
        log::warn(
            "the bridge could not tell the members topic it left; peers forward to it "
            "until its claim goes stale",
            {{"topic", options_.topic}, {"error", delivered.error().message}});
      }
    }
    producer_.close(kafka::deadline_in(kLastRecordTimeout));
    (void)consumer_.close(kafka::deadline_in(kLastRecordTimeout));
  }

  bool owns(std::int32_t partition) const {
    std::lock_guard lock(mutex_);
    return std::binary_search(owned_.begin(), owned_.end(), partition);
  }

  std::optional<std::string> owner_address(std::int32_t partition) const {
    std::lock_guard lock(mutex_);
    return table_.owner_address(partition, options_.wall_clock());
  }

  std::int32_t partitions() const { return options_.partitions; }

 private:
  void run() {
    while (!stopping()) {
      if (!topic_found_ && !find_topic()) {
        std::unique_lock lock(mutex_);
        wake_.wait_for(lock, kTopicRetry, [this] { return stopping_; });
        continue;
      }
      report_failed_delivery();
      (void)publish_if_due();
      auto polled = consumer_.poll(kPollTimeout);
      if (polled && *polled) {
        take(**polled);
      } else if (!polled) {
        log_rarely("reading the members topic failed", polled.error());
      }
    }
  }

  bool stopping() const {
    std::lock_guard lock(mutex_);
    return stopping_;
  }

  // Tails every partition of the topic (it should have one) from its beginning.
  bool find_topic() {
    auto count = producer_.partition_count(options_.topic, kafka::deadline_in(10s));
    if (!count) {
      log_rarely(
          "the members topic is missing or unreachable: requests for cases owned by "
          "other bridge instances are not forwarded until it is there (samsag topics "
          "ensure creates it)",
          count.error());
      return false;
    }
    std::vector<kafka::PartitionOffset> partitions;
    partitions.reserve(static_cast<std::size_t>(*count));
    for (std::int32_t partition = 0; partition < *count; ++partition) {
      partitions.push_back({options_.topic, partition, kafka::kOffsetBeginning});
    }
    if (auto assigned = consumer_.assign(partitions); !assigned) {
      log_rarely("the members topic cannot be read", assigned.error());
      return false;
    }
    topic_found_ = true;
    return true;
  }

  // Writes this instance's record when its assignment or address changed, or a heartbeat is
  // due. True when a record was produced.
  bool publish_if_due() {
    samsag::v1::BridgeMember member;
    {
      std::lock_guard lock(mutex_);
      const auto now = kafka::Clock::now();
      if (api_url_.empty() || (!changed_ && now < next_heartbeat_)) return false;
      changed_ = false;
      next_heartbeat_ = now + options_.heartbeat_interval;
      member.set_instance_id(options_.instance_id);
      member.set_api_address(api_url_);
      for (auto partition : owned_) member.add_partitions(partition);
      *member.mutable_assigned_at() = timestamp_of(assigned_at_);
    }
    const auto now = options_.wall_clock();
    *member.mutable_updated_at() = timestamp_of(now);
    *member.mutable_expires_at() =
        timestamp_of(now + options_.heartbeats_until_stale * options_.heartbeat_interval);
    last_delivery_ = producer_.produce({.topic = options_.topic,
                                        .key = options_.instance_id,
                                        .value = member.SerializeAsString()});
    log::debug("membership published",
               {{"partitions", member.partitions_size()}, {"address", member.api_address()}});
    return true;
  }

  void report_failed_delivery() {
    if (!last_delivery_ || !last_delivery_->ready()) return;
    auto delivered = last_delivery_->wait(kafka::Clock::now());
    last_delivery_.reset();
    if (delivered) return;
    log_rarely("this instance's membership record was not written; it is tried again",
               delivered.error());
    std::lock_guard lock(mutex_);
    changed_ = true;
  }

  void take(const kafka::Message& message) {
    if (!message.key || message.key->empty()) return;
    std::lock_guard lock(mutex_);
    if (!message.value) {
      table_.remove(*message.key);
      return;
    }
    samsag::v1::BridgeMember member;
    if (!member.ParseFromString(*message.value) || member.instance_id() != *message.key) {
      log::warn("a record on the members topic is not a BridgeMember of its key; ignored",
                {{"topic", message.topic}, {"offset", message.offset}});
      return;
    }
    if (auto updated = table_.update(member); !updated) {
      log::warn("a membership record was ignored",
                {{"offset", message.offset}, {"error", updated.error().message}});
    }
  }

  void log_rarely(const char* what, const Error& error) {
    const auto now = kafka::Clock::now();
    if (now - last_error_log_ < kErrorLogInterval) return;
    last_error_log_ = now;
    log::error(what, {{"topic", options_.topic}, {"code", error.code}, {"error", error.message}});
  }

  const MemberDirectoryOptions options_;
  kafka::Producer producer_;
  kafka::Consumer consumer_;  // only the directory's thread polls it
  mutable std::mutex mutex_;
  std::condition_variable wake_;
  // Guarded by mutex_:
  MemberTable table_;
  std::vector<std::int32_t> owned_;  // sorted
  SystemClock::time_point assigned_at_ = options_.wall_clock();
  std::string api_url_;
  bool changed_ = false;
  bool stopping_ = false;
  kafka::Clock::time_point next_heartbeat_{};
  // The directory's thread only (and stop() after joining it):
  bool topic_found_ = false;
  std::optional<kafka::Delivery> last_delivery_;
  kafka::Clock::time_point last_error_log_{};
  std::thread thread_;  // last: starts once everything above exists
};

Result<std::unique_ptr<MemberDirectory>> MemberDirectory::start(MemberDirectoryOptions options) {
  const std::string client = "samsag-bridge-members-" + options.instance_id;
  auto producer_settings = kafka::KafkaSettings::for_producer(options.kafka);
  if (!producer_settings) return producer_settings.error();
  (void)producer_settings->set("client.id", client);
  auto producer = kafka::Producer::create(*producer_settings);
  if (!producer) return producer.error();
  // Never joins the group: it reads every partition by hand (assign), from the beginning.
  auto consumer_settings = kafka::KafkaSettings::for_consumer(options.kafka, client);
  if (!consumer_settings) return consumer_settings.error();
  (void)consumer_settings->set("client.id", client);
  auto consumer = kafka::Consumer::create(*consumer_settings);
  if (!consumer) return consumer.error();
  auto impl =
      std::make_unique<Impl>(std::move(options), std::move(*producer), std::move(*consumer));
  return std::unique_ptr<MemberDirectory>(new MemberDirectory(std::move(impl)));
}

MemberDirectory::MemberDirectory(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
MemberDirectory::~MemberDirectory() = default;

void MemberDirectory::advertise(std::string api_url) { impl_->advertise(std::move(api_url)); }
void MemberDirectory::set_owned(const std::vector<std::int32_t>& owned) { impl_->set_owned(owned); }
void MemberDirectory::stop() { impl_->stop(); }

std::int32_t MemberDirectory::partition_of(const std::string& pseudonym) const {
  return kafka::murmur2_partition(pseudonym, impl_->partitions());
}
bool MemberDirectory::owns(std::int32_t partition) const { return impl_->owns(partition); }
std::optional<std::string> MemberDirectory::owner_address(std::int32_t partition) const {
  return impl_->owner_address(partition);
}

Result<std::string> advertised_api_url(std::string_view advertised, std::string_view listen_host,
                                       std::uint16_t bound_port, std::string_view host_name) {
  config::HostPort address{std::string(listen_host), bound_port};
  if (!advertised.empty()) {
    auto parsed = config::parse_host_port(advertised, config::PortZero::kAnyFreePort);
    if (!parsed) return parsed.error();
    address = *parsed;
    if (address.port == 0) address.port = bound_port;
  }
  if (is_wildcard(address.host)) address.host = std::string(host_name);
  return "http://" + address.to_string();
}

}  // namespace samsag::bridge
