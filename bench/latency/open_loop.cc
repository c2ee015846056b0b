#include "bench/latency/open_loop.h"

#include <iostream>
#include <mutex>
#include <stdexcept>

#include "core/config/topics.h"
#include "samsag/v1/case.pb.h"
#include "tests/support/http_client.h"

namespace samsag::bench {
namespace {

using namespace std::chrono_literals;

template <typename T>
T value_or_throw(Result<T> result) {
  if (!result) throw std::runtime_error(result.error().code + ": " + result.error().message);
  return std::move(*result);
}

}  // namespace

void send_on_schedule(std::vector<ScheduledRequest>& requests, int port, const std::string& token,
                      int connections) {
  std::atomic<std::size_t> next{0};
  std::atomic<int> failures{0};
  std::mutex report;
  std::vector<std::thread> senders;
  senders.reserve(static_cast<std::size_t>(connections));
  for (int c = 0; c < connections; ++c) {
    senders.emplace_back([&] {
      testing::HttpConnection connection(port, 60s);
      for (std::size_t i = next++; i < requests.size(); i = next++) {
        auto& scheduled = requests[i];
        std::this_thread::sleep_until(scheduled.due);  // the schedule, not the previous reply
        testing::HttpRequest request{
            .method = "POST", .path = "/v1/events", .body = scheduled.body};
        request.headers = {{"Content-Type", "application/json"},
                           {"Authorization", "Bearer " + token}};
        scheduled.sent = LatencyClock::now();
        const auto reply = connection.send(request);
        scheduled.status = reply.status;
        if (reply.status == 202) {
          scheduled.accepted = LatencyClock::now();
        } else if (failures++ == 0) {
          std::lock_guard lock(report);
          std::cerr << "POST answered " << reply.status << " " << reply.error << reply.body << "\n";
        }
      }
    });
  }
  for (auto& sender : senders) sender.join();
}

SnapshotObserver::SnapshotObserver(const config::v1::Config& config,
                                   std::vector<ObservedEvent>& events)
    : events_(events) {
  for (std::size_t i = 0; i < events_.size(); ++i) index_.emplace(events_[i].event_id, i);
  // Short fetch waits: the observer's own polling should add milliseconds, not the default
  // half second of an empty fetch.
  config::v1::Kafka kafka = config.kafka();
  (*kafka.mutable_properties())["fetch.wait.max.ms"] = "5";
  (*kafka.mutable_properties())["fetch.error.backoff.ms"] = "5";
  consumer_.emplace(value_or_throw(kafka::Consumer::create(
      value_or_throw(kafka::KafkaSettings::for_consumer(kafka, "bench-latency-observer")))));
  // From each partition's end as it is now, resolved before the first event is sent.
  const auto topic = config::Topics::for_municipality(config.municipality().slug()).case_;
  std::vector<kafka::PartitionOffset> assignment;
  for (int partition = 0; partition < static_cast<int>(config.kafka().partitions()); ++partition) {
    const auto marks =
        value_or_throw(consumer_->watermarks({topic, partition}, kafka::deadline_in(10s)));
    assignment.push_back({topic, partition, marks.high});
  }
  if (auto assigned = consumer_->assign(assignment); !assigned) {
    throw std::runtime_error("observer: " + assigned.error().message);
  }
  thread_ = std::thread([this] { run(); });
}

SnapshotObserver::~SnapshotObserver() { stop(); }

void SnapshotObserver::stop() {
  stop_ = true;
  if (thread_.joinable()) thread_.join();
  if (consumer_) {
    (void)consumer_->close(kafka::deadline_in(5s));
    consumer_.reset();
  }
}

void SnapshotObserver::run() {
  samsag::v1::CitizenCase snapshot;
  while (!stop_) {
    auto polled = consumer_->poll(10ms);
    if (!polled || !*polled) continue;
    const auto now = LatencyClock::now();
    const auto& message = **polled;
    if (!message.value || (message.key && message.key->starts_with("__checkpoint/"))) continue;
    ++snapshots_;
    if (!snapshot.ParseFromString(*message.value)) {
      ++unreadable_;
      continue;
    }
    for (const auto& entry : snapshot.timeline()) {
      const auto found = index_.find(entry.event_id());
      if (found == index_.end()) continue;
      auto& event = events_[found->second];
      if (event.in_snapshot == LatencyClock::time_point{}) {
        event.in_snapshot = now;
        ++seen_;
      }
    }
  }
}

}  // namespace samsag::bench
