#include "tests/integration/soak/end_check.h"

#include <cstdio>
#include <map>
#include <set>
#include <stdexcept>
#include <tuple>
#include <unordered_map>

#include "bridge/loop/input_offsets.h"
#include "bridge/reducer/consent_rules.h"
#include "bridge/reducer/reducer.h"
#include "core/config/topics.h"
#include "core/kafka/consumer.h"
#include "core/kafka/settings.h"
#include "samsag/v1/case.pb.h"
#include "samsag/v1/dead_letter.pb.h"
#include "samsag/v1/event.pb.h"
#include "tests/support/topic_reader.h"

namespace samsag::soak {
namespace {

using namespace std::chrono_literals;
using samsag::v1::CitizenCase;
using samsag::v1::Event;

template <typename T>
T value_or_throw(Result<T> result) {
  if (!result) throw std::runtime_error(result.error().code + ": " + result.error().message);
  return std::move(*result);
}

kafka::Consumer reader_of(const samsag::config::v1::Config& config) {
  return value_or_throw(kafka::Consumer::create(
      value_or_throw(kafka::KafkaSettings::for_consumer(config.kafka(), "soak-check"))));
}

struct OnTopic {
  std::string citizen;
  int copies = 0;
};

}  // namespace

bool wait_until_applied(const samsag::config::v1::Config& config,
                        std::chrono::milliseconds timeout) {
  const auto topics = config::Topics::for_municipality(config.municipality().slug());
  const int partitions = static_cast<int>(config.kafka().partitions());
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  auto consumer = reader_of(config);
  // The inputs are complete (every request answered, the spool empty): their ends are read once,
  // since a watermark query costs a round trip each.
  std::vector<std::tuple<std::string, std::int32_t, std::int64_t>> ends;
  for (const auto& topic : topics.bridge_inputs()) {
    for (int partition = 0; partition < partitions; ++partition) {
      auto marks = consumer.watermarks({topic, partition}, deadline);
      if (!marks) return false;
      if (marks->high > 0) ends.emplace_back(topic, partition, marks->high);
    }
  }
  std::vector<kafka::PartitionOffset> assignment;
  for (int partition = 0; partition < partitions; ++partition) {
    assignment.push_back({topics.case_, partition, kafka::kOffsetBeginning});
  }
  if (auto assigned = consumer.assign(assignment); !assigned) {
    throw std::runtime_error(assigned.error().message);
  }
  std::map<std::int32_t, bridge::InputOffsets> checkpoints;
  auto next_report = std::chrono::steady_clock::now() + 10s;
  while (std::chrono::steady_clock::now() < deadline) {
    auto polled = consumer.poll(200ms);
    if (polled && *polled) {
      const auto& message = **polled;
      samsag::v1::Checkpoint checkpoint;
      if (bridge::checkpoint_partition(message.key.value_or("")) && message.value &&
          checkpoint.ParseFromString(*message.value)) {
        checkpoints[message.partition] = bridge::InputOffsets::from_checkpoint(checkpoint);
      }
      continue;  // read on while the case topic has more
    }
    std::string lagging;  // the first input partition the checkpoints do not cover yet
    for (const auto& [topic, partition, end] : ends) {
      const auto found = checkpoints.find(partition);
      const std::int64_t next =
          found == checkpoints.end() ? 0 : found->second.next(topic).value_or(0);
      if (next < end) {
        lagging = topic + "/" + std::to_string(partition) + " at " + std::to_string(next) + " of " +
                  std::to_string(end);
        break;
      }
    }
    if (lagging.empty()) return true;
    if (std::chrono::steady_clock::now() >= next_report) {
      std::printf("soak: waiting for the bridges: %s\n", lagging.c_str());
      std::fflush(stdout);
      next_report = std::chrono::steady_clock::now() + 10s;
    }
  }
  return false;
}

EndReport check_end_state(const samsag::config::v1::Config& config, const std::string& bootstrap,
                          const Ledger& ledger) {
  EndReport report;
  auto fail = [&report](std::string what) { report.failures.push_back(std::move(what)); };
  const auto topics = config::Topics::for_municipality(config.municipality().slug());
  const testing::TopicReader reader(bootstrap);

  for (const auto& topic : topics.all()) {
    const auto held = reader.count(topic);
    const auto appended = reader.appended(topic);
    if (held != appended) {
      fail(topic + ": the broker dropped " + std::to_string(appended - held) +
           " old records (it keeps 5 MiB per partition); use more --partitions or a slower feed");
    }
  }

  // Every event on the sector topics, and the cases the reducer makes of them offline.
  const auto rules = bridge::ConsentRules::from_policy(config.consent());
  std::unordered_map<std::string, OnTopic> on_topic;  // event id -> citizen, copies
  std::map<std::string, CitizenCase> offline;
  for (const auto& topic : topics.bridge_inputs()) {
    for (const auto& message : reader.read_all(topic, 600s)) {
      ++report.sector_records;
      Event event;
      if (!message.value || !event.ParseFromString(*message.value)) {
        fail(topic + ": a record that is no samsag.v1.Event");
        continue;
      }
      auto& seen = on_topic[event.event_id()];
      if (seen.copies++ > 0 && seen.citizen != event.citizen()) {
        fail("event " + event.event_id() + " is on " + topic + " for two citizens");
      }
      seen.citizen = event.citizen();
      auto& citizen_case = offline[event.citizen()];
      citizen_case.set_citizen(event.citizen());
      const auto outcome = bridge::apply(citizen_case, event, rules);
      if (outcome.outcome == bridge::Outcome::kInvalid) {
        fail("event " + event.event_id() + " on " + topic +
             " is invalid for the reducer: " + outcome.reason.message);
      }
    }
  }
  report.distinct_events = static_cast<std::int64_t>(on_topic.size());

  std::map<std::string, std::string> snapshots;  // citizen -> last case bytes
  for (const auto& message : reader.read_all(topics.case_, 600s)) {
    const std::string key = message.key.value_or("");
    if (bridge::checkpoint_partition(key)) continue;
    ++report.snapshots;
    if (message.value) {
      snapshots[key] = *message.value;
    } else {
      snapshots.erase(key);
    }
  }
  report.cases = static_cast<std::int64_t>(snapshots.size());

  // The case topic equals the offline reduction, citizen by citizen, byte for byte.
  int shown = 0;
  for (const auto& [citizen, expected] : offline) {
    const auto found = snapshots.find(citizen);
    if (found == snapshots.end()) {
      if (shown++ < 5) fail("no case on the case topic for " + citizen);
    } else if (found->second != bridge::serialize_case(expected)) {
      if (shown++ < 5) fail("the case of " + citizen + " differs from the offline reduction");
    }
  }
  for (const auto& [citizen, bytes] : snapshots) {
    if (!offline.contains(citizen) && shown++ < 5) fail("a case nobody's events made: " + citizen);
  }
  if (shown > 5) fail(std::to_string(shown) + " cases differ in all");

  // Each event in exactly one case's timeline, once.
  std::unordered_map<std::string, int> in_cases;  // event id -> timeline lines
  std::unordered_map<std::string, std::string> case_of;
  for (const auto& [citizen, bytes] : snapshots) {
    CitizenCase citizen_case;
    if (!citizen_case.ParseFromString(bytes)) {
      fail("the case of " + citizen + " cannot be read");
      continue;
    }
    for (const auto& line : citizen_case.timeline()) {
      ++in_cases[line.event_id()];
      case_of[line.event_id()] = citizen;
    }
  }
  std::int64_t twice = 0;
  for (const auto& [event_id, lines] : in_cases) {
    if (lines > 1 && twice++ < 5)
      fail("event " + event_id + " is " + std::to_string(lines) + " times in cases");
  }

  // What the sources were told was accepted is exactly what the topics hold, each in its case.
  std::set<std::string> accepted;
  std::int64_t missing = 0;
  for (const auto& expected : ledger.accepted) {
    accepted.insert(expected.event_id);
    const auto found = on_topic.find(expected.event_id);
    if (found == on_topic.end()) {
      if (missing++ < 5) fail("accepted event " + expected.event_id + " is on no sector topic");
      continue;
    }
    if (found->second.citizen != expected.citizen) {
      fail("event " + expected.event_id + " is on the topic for another citizen");
    }
    const auto in_case = case_of.find(expected.event_id);
    if (in_case == case_of.end() || in_case->second != expected.citizen) {
      if (missing++ < 5)
        fail("accepted event " + expected.event_id + " is not in its citizen's case");
    }
  }
  if (missing > 0) fail(std::to_string(missing) + " accepted events missing in all");
  std::int64_t foreign = 0;
  for (const auto& [event_id, seen] : on_topic) {
    if (!accepted.contains(event_id) && foreign++ < 5) {
      fail("event " + event_id + " is on a sector topic but no source was told it was accepted");
    }
  }

  // The DLQ: what was bad on purpose, each at least once, and nothing else.
  std::set<std::string> lettered;
  for (const auto& message : reader.read_all(topics.dlq, 600s)) {
    ++report.dead_letters;
    samsag::v1::DeadLetter letter;
    if (!message.value || !letter.ParseFromString(*message.value)) {
      fail("a dlq record that is no samsag.v1.DeadLetter");
      continue;
    }
    const auto at = letter.original().find("soak-bad-");
    if (at == std::string::npos) {
      fail("a dead letter not bad on purpose: " +
           samsag::v1::DeadLetterReason_Name(letter.reason()) + " from " +
           letter.origin().component() + ": " + letter.message());
      continue;
    }
    const auto end = letter.original().find_first_not_of("se0123456789", at + 9);
    lettered.insert(letter.original().substr(at, end == std::string::npos ? end : end - at));
  }
  for (const auto& marker : ledger.bad_markers) {
    if (!lettered.contains(marker)) fail("bad record " + marker + " is not in the DLQ");
  }
  return report;
}

}  // namespace samsag::soak
