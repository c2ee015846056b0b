// The employment adapter's AdapterSource: drives the SpoolDirectory on its own thread and keeps
// several batches in Kafka at once, so reading and parsing overlap with Kafka's confirmations.
// A mark is committed only once Kafka confirmed every event and dead letter up to it
// (CheckpointSchedule says how often). A batch Kafka failed to confirm is read again from the
// last checkpoint (same event ids), so a broker outage delays rows and never loses them.
#pragma once

#include <condition_variable>
#include <deque>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "adapters/employment/checkpoint_schedule.h"
#include "adapters/employment/spool_directory.h"
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
  struct InFlight {
    PendingBatch pending;
    SpoolMark mark;
  };
  enum class Settled { kOk, kStopping, kReread };

  void run(SourceEnvironment& environment);
  // Pops the batches Kafka confirmed, oldest first, committing marks as the schedule says.
  // With `block`, waits for the oldest batch first (the window is full or the spool is dry).
  Settled settle(SpoolDirectory& spool, std::deque<InFlight>& in_flight,
                 CheckpointSchedule& schedule, bool block, bool idle);
  // Commits the schedule's due mark, if any; false when the checkpoint cannot be written.
  bool commit_due(SpoolDirectory& spool, CheckpointSchedule& schedule, bool idle);
  bool stopping();
  // Waits up to `timeout` unless stop() is called; false once stopping.
  bool pause(std::chrono::milliseconds timeout);

  std::string directory_;
  std::chrono::milliseconds confirm_timeout_{30'000};
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace samsag::adapters::employment
