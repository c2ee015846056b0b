#include "core/kafka/mock_cluster.h"

#include <arpa/inet.h>
#include <librdkafka/rdkafka.h>
#include <librdkafka/rdkafka_mock.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <charconv>
#include <filesystem>
#include <future>
#include <map>
#include <mutex>
#include <utility>

#include "core/kafka/error_codes.h"
#include "core/log/log.h"

namespace samsag::kafka {
namespace {

// librdkafka numbers its broker errors as the Kafka protocol does; the constants rely on it.
static_assert(kafka_protocol::kProducerFenced == RD_KAFKA_RESP_ERR_PRODUCER_FENCED);
static_assert(kafka_protocol::kInvalidProducerEpoch == RD_KAFKA_RESP_ERR_INVALID_PRODUCER_EPOCH);
static_assert(kafka_protocol::kTopicAuthorizationFailed ==
              RD_KAFKA_RESP_ERR_TOPIC_AUTHORIZATION_FAILED);
static_assert(kafka_protocol::kNotEnoughReplicas == RD_KAFKA_RESP_ERR_NOT_ENOUGH_REPLICAS);

Error start_failed(const std::string& why) {
  return make_error("MOCK_CLUSTER_FAILED", "the mock Kafka cluster could not start: " + why);
}

Status status_of(rd_kafka_resp_err_t code, const std::string& what) {
  if (code == RD_KAFKA_RESP_ERR_NO_ERROR) return ok_status();
  return make_error(std::string(errc::kKafkaError),
                    what + " failed in the mock cluster: " + rd_kafka_err2str(code));
}

// The host handle's own log lines go to the process log, like those of every samsag client.
void log_line(const rd_kafka_t*, int level, const char* facility, const char* line) {
  log::log(level <= 3   ? log::Level::kError
           : level == 4 ? log::Level::kWarn
                        : log::Level::kInfo,
           "kafka client log",
           {{"client", "mock cluster"}, {"facility", facility}, {"reason", line}});
}

// Wakes the mock cluster's thread by connecting to a broker's listener and hanging up at once.
void wake(const config::HostPort& broker) {
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(broker.port);
  if (inet_pton(AF_INET, broker.host.c_str(), &address.sin_addr) != 1) {
    return;  // the mock listens on IPv4 loopback only; nothing known to poke
  }
  const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) {
    return;
  }
  [[maybe_unused]] const int connected =
      ::connect(fd, reinterpret_cast<const sockaddr*>(&address), sizeof address);
  ::close(fd);
}

// Makes `request`, a call that waits for the mock cluster's thread to serve it, without the
// occasional one-second stall: librdkafka 2.0.2 sometimes loses the wake-up of that thread for a
// request made right after the previous one was answered (topic after topic, or the destroy after
// the last topic), and the thread then serves it only when its poll times out a second later.
// Any socket event makes the thread serve its queue, so while the request waits, we make one at
// every broker (one that is down may refuse the connection).
template <typename Request>
auto served_promptly(const std::vector<config::HostPort>& brokers, Request request) {
  constexpr auto kPatience = std::chrono::milliseconds(20);
  auto result = std::async(std::launch::async, std::move(request));
  while (result.wait_for(kPatience) != std::future_status::ready) {
    for (const auto& broker : brokers) {
      wake(broker);
    }
  }
  return result.get();
}

// The mock brokers answer with Nagle's algorithm on: a response written while the client has not
// yet acknowledged the previous one waits for that ACK, which Linux delays by up to 40 ms. Every
// round trip to the embedded broker (a transaction's produce, a 202's confirmation) then takes
// about 40 ms more. librdkafka 2.0.2 offers no option for the mock's sockets, but on Linux an
// accepted socket inherits TCP_NODELAY from its listener, and the listeners are this process's
// sockets bound to the brokers' ports. Returns how many listeners were found and set.
int disable_nagle_on_listeners(const std::vector<config::HostPort>& brokers) {
  std::error_code error;
  int set = 0;
  for (const auto& entry : std::filesystem::directory_iterator("/proc/self/fd", error)) {
    int fd = -1;
    const std::string name = entry.path().filename().string();
    if (std::from_chars(name.data(), name.data() + name.size(), fd).ec != std::errc()) continue;
    int listening = 0;
    socklen_t length = sizeof listening;
    if (::getsockopt(fd, SOL_SOCKET, SO_ACCEPTCONN, &listening, &length) != 0 || !listening) {
      continue;  // not a socket (ENOTSOCK), or not a listener
    }
    sockaddr_in address{};
    length = sizeof address;
    if (::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length) != 0 ||
        address.sin_family != AF_INET) {
      continue;
    }
    const auto port = ntohs(address.sin_port);
    const bool a_broker = std::ranges::any_of(
        brokers, [port](const config::HostPort& broker) { return broker.port == port; });
    const int on = 1;
    if (a_broker && ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &on, sizeof on) == 0) ++set;
  }
  return set;
}

}  // namespace

// The mock cluster lives inside a client handle (test.mock.num.brokers) and ends with it. The
// handle is otherwise idle: it produces nothing.
struct MockCluster::Impl {
  rd_kafka_t* host = nullptr;
  rd_kafka_mock_cluster_t* cluster = nullptr;  // owned by `host`
  int broker_count = 0;
  std::string bootstrap;
  std::vector<config::HostPort> brokers;  // also where served() pokes
  std::mutex topics_mutex;
  std::map<std::string, int> topics;  // made by create_topic(): name -> partitions

  Impl() = default;
  Impl(const Impl&) = delete;
  Impl& operator=(const Impl&) = delete;

  // Runs a call that waits for the mock cluster's thread (see served_promptly).
  template <typename Request>
  auto served(Request request) const {
    return served_promptly(brokers, std::move(request));
  }

  // Destroying the handle destroys the cluster, which waits for the mock thread too. (A cluster
  // made apart from its handle, with rd_kafka_mock_cluster_new(), takes a second more to destroy:
  // an internal broker thread then notices its stop request only when its one-second wait ends.)
  ~Impl() {
    if (host != nullptr) {
      served([handle = host] { rd_kafka_destroy(handle); });
    }
  }
};

Result<MockCluster> MockCluster::start(int brokers, MockClusterLog log) {
  if (brokers < 1) {
    return start_failed("it needs at least one broker, not " + std::to_string(brokers));
  }
  auto impl = std::make_unique<Impl>();
  impl->broker_count = brokers;

  std::array<char, 512> reason{};
  rd_kafka_conf_t* conf = rd_kafka_conf_new();
  const std::string count = std::to_string(brokers);
  // Warnings and errors only: the handle would otherwise announce, as a notice, that the mock
  // cluster replaced its bootstrap.servers.
  const std::array<std::pair<const char*, const char*>, 3> settings{
      {{"test.mock.num.brokers", count.c_str()},
       {"client.id", "samsag-mock-cluster"},
       {"log_level", "4"}}};
  for (const auto& [name, value] : settings) {
    if (rd_kafka_conf_set(conf, name, value, reason.data(), reason.size()) != RD_KAFKA_CONF_OK) {
      rd_kafka_conf_destroy(conf);
      return start_failed(reason.data());
    }
  }
  if (log == MockClusterLog::kProcessLog) {
    rd_kafka_conf_set_log_cb(conf, log_line);
  }  // else librdkafka's own logger, which writes to stderr
  impl->host = rd_kafka_new(RD_KAFKA_PRODUCER, conf, reason.data(), reason.size());
  if (impl->host == nullptr) {
    rd_kafka_conf_destroy(conf);  // rd_kafka_new() takes conf only on success
    return start_failed(reason.data());
  }
  impl->cluster = rd_kafka_handle_mock_cluster(impl->host);
  if (impl->cluster == nullptr) {
    return start_failed("librdkafka made no mock cluster (no free loopback port?)");
  }
  impl->bootstrap = rd_kafka_mock_cluster_bootstraps(impl->cluster);
  auto addresses = config::parse_host_port_list(impl->bootstrap);
  if (!addresses) {
    return start_failed("it reported brokers samsag cannot read: " + addresses.error().message);
  }
  impl->brokers = std::move(addresses).value();
  if (const int set = disable_nagle_on_listeners(impl->brokers);
      set != static_cast<int>(impl->brokers.size())) {
    log::warn("Nagle's algorithm stays on for some mock brokers; their answers may lag 40 ms",
              {{"brokers", impl->brokers.size()}, {"listeners_set", set}});
  }
  return MockCluster(std::move(impl));
}

MockCluster::MockCluster(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
MockCluster::MockCluster(MockCluster&&) noexcept = default;
MockCluster& MockCluster::operator=(MockCluster&&) noexcept = default;
MockCluster::~MockCluster() = default;

const std::string& MockCluster::bootstrap() const { return impl_->bootstrap; }

const std::vector<config::HostPort>& MockCluster::brokers() const { return impl_->brokers; }

Status MockCluster::create_topic(const std::string& name, int partitions) {
  const int replication_factor = std::min(3, impl_->broker_count);
  const rd_kafka_resp_err_t err =
      impl_->served([cluster = impl_->cluster, &name, partitions, replication_factor] {
        return rd_kafka_mock_topic_create(cluster, name.c_str(), partitions, replication_factor);
      });
  if (err == RD_KAFKA_RESP_ERR_TOPIC_ALREADY_EXISTS) {
    return make_error("TOPIC_EXISTS", "topic \"" + name + "\" already exists");
  }
  if (err != RD_KAFKA_RESP_ERR_NO_ERROR) {
    return make_error("TOPIC_CREATE_FAILED",
                      "topic \"" + name + "\" could not be created: " + rd_kafka_err2str(err));
  }
  std::lock_guard lock(impl_->topics_mutex);
  impl_->topics.emplace(name, partitions);
  return ok_status();
}

// The error stacks are guarded by a mutex, not served by the mock's thread: no wake-up needed.
void MockCluster::fail_next_requests(std::int16_t api_key,
                                     const std::vector<std::int16_t>& error_codes) {
  std::vector<rd_kafka_resp_err_t> codes;
  codes.reserve(error_codes.size());
  for (auto code : error_codes) codes.push_back(static_cast<rd_kafka_resp_err_t>(code));
  rd_kafka_mock_push_request_errors_array(impl_->cluster, api_key, codes.size(), codes.data());
}

Status MockCluster::delay_next_requests(std::int32_t broker_id, std::int16_t api_key, int count,
                                        std::chrono::milliseconds delay) {
  for (int i = 0; i < count; ++i) {
    auto code = rd_kafka_mock_broker_push_request_error_rtts(impl_->cluster, broker_id, api_key, 1,
                                                             RD_KAFKA_RESP_ERR_NO_ERROR,
                                                             static_cast<int>(delay.count()));
    if (auto status = status_of(code, "delaying requests"); !status) return status;
  }
  return ok_status();
}

namespace {

// librdkafka 2.0.2 accepts any coordinator id and then hands clients a broker it cannot find.
Status known_broker(std::int32_t broker_id, int broker_count, const std::string& what) {
  if (broker_id >= 1 && broker_id <= broker_count) return ok_status();
  return make_error(std::string(errc::kKafkaError),
                    what + " failed: the mock cluster has brokers 1.." +
                        std::to_string(broker_count) + ", not " + std::to_string(broker_id));
}

}  // namespace

Status MockCluster::set_transaction_coordinator(const std::string& transactional_id,
                                                std::int32_t broker_id) {
  const std::string what = "setting the transaction coordinator";
  if (auto known = known_broker(broker_id, impl_->broker_count, what); !known) return known;
  return status_of(impl_->served([cluster = impl_->cluster, &transactional_id, broker_id] {
    return rd_kafka_mock_coordinator_set(cluster, "transaction", transactional_id.c_str(),
                                         broker_id);
  }),
                   what);
}

Status MockCluster::set_group_coordinator(const std::string& group, std::int32_t broker_id) {
  const std::string what = "setting the group coordinator";
  if (auto known = known_broker(broker_id, impl_->broker_count, what); !known) return known;
  return status_of(impl_->served([cluster = impl_->cluster, &group, broker_id] {
    return rd_kafka_mock_coordinator_set(cluster, "group", group.c_str(), broker_id);
  }),
                   what);
}

Status MockCluster::set_partition_leader(const std::string& topic, std::int32_t partition,
                                         std::int32_t broker_id) {
  {
    std::lock_guard lock(impl_->topics_mutex);
    const auto found = impl_->topics.find(topic);
    if (found == impl_->topics.end()) {
      return make_error("UNKNOWN_TOPIC", "topic \"" + topic + "\" was not created in the cluster");
    }
    if (partition < 0 || partition >= found->second) {
      return make_error("UNKNOWN_PARTITION", "topic \"" + topic + "\" has partitions 0.." +
                                                 std::to_string(found->second - 1) + ", not " +
                                                 std::to_string(partition));
    }
  }
  const std::string what = "moving the leader of " + topic + " [" + std::to_string(partition) + "]";
  if (auto known = known_broker(broker_id, impl_->broker_count, what); !known) return known;
  return status_of(impl_->served([cluster = impl_->cluster, &topic, partition, broker_id] {
    return rd_kafka_mock_partition_set_leader(cluster, topic.c_str(), partition, broker_id);
  }),
                   what);
}

Status MockCluster::set_broker_down(std::int32_t broker_id) {
  return status_of(impl_->served([cluster = impl_->cluster, broker_id] {
    return rd_kafka_mock_broker_set_down(cluster, broker_id);
  }),
                   "taking broker " + std::to_string(broker_id) + " down");
}

Status MockCluster::set_broker_up(std::int32_t broker_id) {
  return status_of(impl_->served([cluster = impl_->cluster, broker_id] {
    return rd_kafka_mock_broker_set_up(cluster, broker_id);
  }),
                   "bringing broker " + std::to_string(broker_id) + " up");
}

}  // namespace samsag::kafka
