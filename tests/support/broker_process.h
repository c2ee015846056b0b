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
  struct Options {
    std::string config_path;                             // optional: create that config's topics
    std::vector<std::pair<std::string, int>> topics;     // extra topics: name, partitions
    int brokers = 3;
  };
  // Starts the broker and waits (with a deadline) for its ready line. Throws on failure.
  explicit BrokerProcess(const Options& options);
  ~BrokerProcess();  // SIGTERM and wait

  // "127.0.0.1:PORT" of the bootstrap listener.
  const std::string& bootstrap() const { return bootstrap_; }
  ChildProcess& process() { return *process_; }

 private:
  std::string bootstrap_;
  std::unique_ptr<ChildProcess> process_;
};

}  // namespace samsag::testing
