#include "core/broker/mock_cluster.h"

#include <arpa/inet.h>
#include <librdkafka/rdkafka.h>
#include <librdkafka/rdkafka_mock.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <future>

namespace samsag::broker {
namespace {

Error failed(const std::string& why) {
  return make_error("MOCK_CLUSTER_FAILED", "the embedded broker could not start: " + why);
}

// Wakes the mock cluster's thread by connecting to one of its listeners and hanging up at once.
void wake(const Endpoint& broker) {
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
// Any socket event makes the thread serve its queue, so while the request waits, we make one.
template <typename Request>
auto served_promptly(const Endpoint& broker, Request request) {
  constexpr auto kPatience = std::chrono::milliseconds(20);
  auto result = std::async(std::launch::async, std::move(request));
  while (result.wait_for(kPatience) != std::future_status::ready) {
    wake(broker);
  }
  return result.get();
}

}  // namespace

// rd_kafka_mock_cluster_new() needs an rd_kafka_t for its bookkeeping; the handle is otherwise
// idle (no bootstrap.servers) and must outlive the cluster.
struct MockCluster::Handles {
  rd_kafka_t* client = nullptr;
  rd_kafka_mock_cluster_t* cluster = nullptr;
  int broker_count = 0;
  Endpoint first_broker;  // where wake() pokes

  Handles() = default;
  Handles(const Handles&) = delete;
  Handles& operator=(const Handles&) = delete;
  // Destroying the cluster can still take up to a second: librdkafka then joins an internal
  // broker thread that notices its stop request only when its own one-second wait ends. Nothing
  // outside librdkafka can wake that thread, and the data is in memory, so that second is accepted.
  ~Handles() {
    if (cluster != nullptr) {
      served_promptly(first_broker, [mock = cluster] { rd_kafka_mock_cluster_destroy(mock); });
    }
    if (client != nullptr) {
      rd_kafka_destroy(client);
    }
  }
};

Result<std::unique_ptr<MockCluster>> MockCluster::start(int broker_count) {
  if (broker_count < 1) {
    return failed("it needs at least one broker");
  }
  auto handles = std::make_unique<Handles>();
  handles->broker_count = broker_count;

  std::array<char, 512> errstr{};
  rd_kafka_conf_t* conf = rd_kafka_conf_new();
  // Warnings and errors only: the idle handle would otherwise note its missing bootstrap.servers.
  const std::array<std::pair<const char*, const char*>, 2> settings{
      {{"client.id", "samsag-broker"}, {"log_level", "4"}}};
  for (const auto& [name, value] : settings) {
    if (rd_kafka_conf_set(conf, name, value, errstr.data(), errstr.size()) != RD_KAFKA_CONF_OK) {
      rd_kafka_conf_destroy(conf);
      return failed(errstr.data());
    }
  }
  handles->client = rd_kafka_new(RD_KAFKA_PRODUCER, conf, errstr.data(), errstr.size());
  if (handles->client == nullptr) {
    rd_kafka_conf_destroy(conf);  // rd_kafka_new() takes conf only on success
    return failed(errstr.data());
  }

  handles->cluster = rd_kafka_mock_cluster_new(handles->client, broker_count);
  if (handles->cluster == nullptr) {
    return failed("librdkafka could not create the mock cluster (no free loopback port?)");
  }

  auto brokers = parse_endpoint_list(rd_kafka_mock_cluster_bootstraps(handles->cluster));
  if (!brokers) {
    return failed("the mock cluster reported brokers samsag cannot read: " +
                  brokers.error().message);
  }
  handles->first_broker = brokers->front();
  return std::unique_ptr<MockCluster>(
      new MockCluster(std::move(handles), std::move(brokers).value()));
}

MockCluster::MockCluster(std::unique_ptr<Handles> handles, std::vector<Endpoint> brokers)
    : handles_(std::move(handles)), brokers_(std::move(brokers)) {}

MockCluster::~MockCluster() = default;

Status MockCluster::create_topic(const std::string& name, int partitions) {
  const int replication_factor = std::min(3, handles_->broker_count);
  const rd_kafka_resp_err_t err =
      served_promptly(handles_->first_broker, [this, &name, partitions, replication_factor] {
        return rd_kafka_mock_topic_create(handles_->cluster, name.c_str(), partitions,
                                          replication_factor);
      });
  if (err == RD_KAFKA_RESP_ERR_TOPIC_ALREADY_EXISTS) {
    return make_error("TOPIC_EXISTS", "topic \"" + name + "\" already exists");
  }
  if (err != RD_KAFKA_RESP_ERR_NO_ERROR) {
    return make_error("TOPIC_CREATE_FAILED",
                      "topic \"" + name + "\" could not be created: " + rd_kafka_err2str(err));
  }
  return ok_status();
}

}  // namespace samsag::broker
