// Sends librdkafka's log lines and client errors to the process's log (core/log: JSON lines on
// stdout) instead of librdkafka's own stderr printing. librdkafka never logs record keys or
// values, so no personal data passes here. Private to core/kafka.
#pragma once

#include <librdkafka/rdkafkacpp.h>

#include <string>

namespace samsag::kafka::detail {

class EventLogger : public RdKafka::EventCb {
 public:
  // `client` names the client in every line ("producer", "consumer group-x", ...).
  explicit EventLogger(std::string client) : client_(std::move(client)) {}
  void event_cb(RdKafka::Event& event) override;

 private:
  std::string client_;
};

}  // namespace samsag::kafka::detail
