// The event stream of the bridge's crash tests (on the embedded broker in bridge_crash_test.cc, on
// Apache Kafka in tests/integration/realkafka): every citizen's consent decisions, and sector and
// plan events for random citizens at random times, some re-sent.
#pragma once

#include <array>
#include <cstdint>
#include <random>
#include <string>
#include <string_view>
#include <vector>

#include "bridge_fixture.h"
#include "event_builder.h"

namespace samsag::bridge::itest {

using samsag::v1::Event;
using samsag::v1::Sector;

inline std::string citizen(int index) {
  std::string text = "k1:cr";
  const char* hex = "0123456789abcdef";
  for (int shift = 20; shift >= 0; shift -= 4) text += hex[(index >> shift) & 0xf];
  return text + "zz";
}

constexpr std::array kStreamPayloads = {
    Event::kBenefitStarted,      Event::kBenefitEnded,     Event::kEffortStarted,
    Event::kMeasureGranted,      Event::kMeasureEnded,     Event::kRehabilitationStarted,
    Event::kHomeCareStarted,     Event::kHospitalAdmitted, Event::kHospitalDischarged,
    Event::kCoordinatorAssigned, Event::kPlanGoalSet,      Event::kTargetGroupAssigned};

inline std::string event_id(const std::string& who, std::string_view kind, std::string_view id) {
  std::string text = who;
  text.append("/").append(kind).append("/").append(id);
  return text;
}

// Every citizen's consent decisions: grants for some sectors, for some a later withdrawal and
// for a few a grant again after it.
inline std::vector<Event> consent_decisions(int citizens, std::mt19937_64& random) {
  std::vector<Event> decisions;
  constexpr std::array sectors = {samsag::v1::SECTOR_SOCIAL, samsag::v1::SECTOR_HEALTH,
                                  samsag::v1::SECTOR_REGION};
  for (int i = 0; i < citizens; ++i) {
    const auto who = citizen(i);
    for (const Sector sector : sectors) {
      const auto roll = random() % 6;
      if (roll == 0) continue;  // never consents to this sector
      const std::string id = "consent-" + std::to_string(sector);
      decisions.push_back(retimed(
          bridge::testing::consent_granted(event_id(who, "g", id), 1, {sector}, id), who, 1));
      if (roll >= 4) {
        const std::int64_t at = 50 + static_cast<std::int64_t>(random() % 100);
        decisions.push_back(retimed(
            bridge::testing::consent_withdrawn(event_id(who, "w", id), at, {sector}, id), who, at));
        if (roll == 5) {
          decisions.push_back(retimed(bridge::testing::consent_granted(
                                          event_id(who, "r", id), at + 10, {sector}, id + "-again"),
                                      who, at + 10));
        }
      }
    }
  }
  return decisions;
}

// The stream: sector and plan events for random citizens at random times, some sent twice.
inline std::vector<Event> stream(int citizens, int count, std::mt19937_64& random) {
  std::vector<Event> events;
  events.reserve(static_cast<std::size_t>(count));
  while (static_cast<int>(events.size()) < count) {
    if (!events.empty() && random() % 20 == 0) {
      events.push_back(events[random() % events.size()]);  // a re-sent record: the same event
      continue;
    }
    const auto who = citizen(static_cast<int>(random() % static_cast<std::uint64_t>(citizens)));
    const auto payload = kStreamPayloads[random() % std::size(kStreamPayloads)];
    const std::int64_t hour = 2 + static_cast<std::int64_t>(random() % 200);
    const std::string id = std::to_string(events.size());
    const std::string source = "S-" + std::to_string(random() % 4);
    events.push_back(retimed(
        bridge::testing::sector_event(payload, event_id(who, "s", id), source, hour), who, hour));
  }
  return events;
}

}  // namespace samsag::bridge::itest
