// The employment adapter's AdapterSource: drives the SpoolDirectory on its own thread, publishes
// each batch, and commits the batch's mark only once Kafka confirmed every event and dead letter
// in it. A batch Kafka failed to confirm is read again from the last checkpoint (same event ids),
// so a broker outage delays rows and never loses them.
#pragma once

#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "adapters/runtime/adapter_source.h"

namespace samsag::adapters::employment {

class SpoolSource : public AdapterSource {
 public:
  SpoolSource() = default;
  ~SpoolSource() override;

  Status start(SourceEnvironment& environment) override;
  void stop() override;
  std::string describe() const override { return directory_; }

 private:
  void run(SourceEnvironment& environment);
  // Waits up to `timeout` unless stop() is called; false once stopping.
  bool pause(std::chrono::milliseconds timeout);

  std::string directory_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace samsag::adapters::employment
