// The end-to-end latency benchmark's two sides: an open-loop sender that posts social events to
// the HTTP adapter on a fixed schedule, and an observer that reads the case topic and notes when
// each event first appears in its citizen's snapshot.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <thread>
#include <unordered_map>
#include <vector>

#include "core/kafka/consumer.h"
#include "samsag/config/v1/config.pb.h"

namespace samsag::bench {

using LatencyClock = std::chrono::steady_clock;

// One request of the schedule (a batch of `count` social events) and what became of it.
struct ScheduledRequest {
  std::string body;
  std::size_t first_event = 0;  // its events are events[first_event, first_event + count)
  std::size_t count = 0;
  LatencyClock::time_point due;       // when the schedule says to send it
  LatencyClock::time_point sent;      // when it went out
  LatencyClock::time_point accepted;  // when the 202 arrived (unset: no 202)
  int status = 0;
};

// One event and when it first appeared in its citizen's snapshot on the case topic.
struct ObservedEvent {
  std::string event_id;                  // as the adapter derives it
  std::size_t request = 0;               // the request that carried it
  LatencyClock::time_point in_snapshot;  // unset: never seen
};

// Posts every request at its `due` time from `connections` threads, each with one keep-alive
// connection. A thread takes the next request in schedule order and sleeps until it is due, never
// waiting for an earlier reply to pace itself: when every thread is busy a request goes out late,
// and its `due` time still counts (coordinated omission).
void send_on_schedule(std::vector<ScheduledRequest>& requests, int port, const std::string& token,
                      int connections);

// Reads every partition of the case topic from the offsets it has now and, for each citizen
// snapshot, marks the events of `events` its timeline holds. Runs on its own thread.
class SnapshotObserver {
 public:
  SnapshotObserver(const config::v1::Config& config, std::vector<ObservedEvent>& events);
  ~SnapshotObserver();
  SnapshotObserver(const SnapshotObserver&) = delete;
  SnapshotObserver& operator=(const SnapshotObserver&) = delete;

  std::int64_t seen() const { return seen_.load(); }
  std::int64_t snapshots() const { return snapshots_.load(); }
  // Snapshots that could not be read as a samsag.v1.CitizenCase (expected: 0).
  std::int64_t unreadable() const { return unreadable_.load(); }
  // Stops reading and joins the thread; `events` may be read afterwards.
  void stop();

 private:
  void run();

  std::vector<ObservedEvent>& events_;
  std::unordered_map<std::string, std::size_t> index_;  // event id -> position in events_
  std::atomic<std::int64_t> seen_{0};
  std::atomic<std::int64_t> snapshots_{0};
  std::atomic<std::int64_t> unreadable_{0};
  std::atomic<bool> stop_{false};
  std::optional<kafka::Consumer> consumer_;
  std::thread thread_;
};

}  // namespace samsag::bench
