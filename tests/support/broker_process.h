// `samsag broker` as a child process on a free loopback port, for integration tests.
#pragma once

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "tests/support/child_process.h"

namespace samsag::testing {

class BrokerProcess {
 public:
  // Every member has a default, so tests can name only what they need:
  // BrokerProcess broker({.topics = {{"t", 3}}});
  struct Options {
    std::string config_path{};                          // optional: create that config's topics
    std::vector<std::pair<std::string, int>> topics{};  // extra topics: name, partitions
    int brokers = 3;
    // Not 0: fault injection on 127.0.0.1:control_port (core/broker/fault_control.h).
    int control_port = 0;
  };
  // Starts `samsag broker --listen 127.0.0.1:0` and waits up to 20 s for its ready line. Throws
  // std::runtime_error when the broker does not start (its stderr shows why).
  explicit BrokerProcess(const Options& options);
  ~BrokerProcess();  // SIGTERM and wait (SIGKILL after 10 s)
  BrokerProcess(const BrokerProcess&) = delete;
  BrokerProcess& operator=(const BrokerProcess&) = delete;

  // "127.0.0.1:PORT" of the bootstrap listener.
  const std::string& bootstrap() const { return bootstrap_; }
  ChildProcess& process() { return *process_; }

 private:
  std::string bootstrap_;
  std::unique_ptr<ChildProcess> process_;
};

}  // namespace samsag::testing
