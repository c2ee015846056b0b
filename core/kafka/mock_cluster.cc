#include "core/kafka/mock_cluster.h"

#include <librdkafka/rdkafka.h>
#include <librdkafka/rdkafka_mock.h>

#include <algorithm>
#include <array>

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

// The host handle's own log lines (the mock cluster announcing itself) go to the process log too.
void log_line(const rd_kafka_t*, int level, const char* facility, const char* line) {
  log::log(level <= 3   ? log::Level::kError
           : level == 4 ? log::Level::kWarn
                        : log::Level::kInfo,
           "kafka client log",
           {{"client", "mock cluster"}, {"facility", facility}, {"reason", line}});
}

Status status_of(rd_kafka_resp_err_t code, const std::string& what) {
  if (code == RD_KAFKA_RESP_ERR_NO_ERROR) return ok_status();
  return make_error(std::string(errc::kKafkaError),
                    what + " failed in the mock cluster: " + rd_kafka_err2str(code));
}

}  // namespace

struct MockCluster::Impl {
  // The mock cluster lives inside a client handle and ends with it.
  rd_kafka_t* host = nullptr;
  rd_kafka_mock_cluster_t* cluster = nullptr;
  std::string bootstrap;
  int brokers = 0;

  ~Impl() {
    if (host != nullptr) rd_kafka_destroy(host);
  }
};

Result<MockCluster> MockCluster::start(int brokers) {
  std::array<char, 512> reason{};
  rd_kafka_conf_t* conf = rd_kafka_conf_new();
  const std::string count = std::to_string(brokers);
  if (rd_kafka_conf_set(conf, "test.mock.num.brokers", count.c_str(), reason.data(),
                        reason.size()) != RD_KAFKA_CONF_OK) {
    rd_kafka_conf_destroy(conf);
    return make_error(std::string(errc::kKafkaError),
                      std::string("mock cluster: ") + reason.data());
  }
  rd_kafka_conf_set_log_cb(conf, log_line);
  auto impl = std::make_unique<Impl>();
  impl->host = rd_kafka_new(RD_KAFKA_PRODUCER, conf, reason.data(), reason.size());
  if (impl->host == nullptr) {
    rd_kafka_conf_destroy(conf);
    return make_error(std::string(errc::kKafkaError),
                      std::string("the mock cluster could not start: ") + reason.data());
  }
  impl->cluster = rd_kafka_handle_mock_cluster(impl->host);
  impl->bootstrap = rd_kafka_mock_cluster_bootstraps(impl->cluster);
  impl->brokers = brokers;
  return MockCluster(std::move(impl));
}

MockCluster::MockCluster(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
MockCluster::MockCluster(MockCluster&&) noexcept = default;
MockCluster& MockCluster::operator=(MockCluster&&) noexcept = default;
MockCluster::~MockCluster() = default;

const std::string& MockCluster::bootstrap() const { return impl_->bootstrap; }

Status MockCluster::create_topic(const std::string& name, int partitions) {
  return status_of(rd_kafka_mock_topic_create(impl_->cluster, name.c_str(), partitions,
                                              std::min(3, impl_->brokers)),
                   "creating topic " + name);
}

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

Status MockCluster::set_transaction_coordinator(const std::string& transactional_id,
                                                std::int32_t broker_id) {
  return status_of(rd_kafka_mock_coordinator_set(impl_->cluster, "transaction",
                                                 transactional_id.c_str(), broker_id),
                   "setting the transaction coordinator");
}

}  // namespace samsag::kafka
