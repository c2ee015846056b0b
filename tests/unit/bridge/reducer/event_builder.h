// Well-formed events for reducer tests: an envelope plus a payload whose mandatory fields are
// filled from one source id, so a test states only what matters to it.
#pragma once

#include <cstdint>
#include <string>

#include "samsag/v1/event.pb.h"

namespace samsag::bridge::testing {

inline constexpr std::int64_t kT0 = 1'735'689'600;  // 2025-01-01T00:00:00Z
inline constexpr std::int64_t kHour = 3600;
inline constexpr std::int64_t kDay = 24 * kHour;
inline constexpr char kCitizen[] = "1:5ca1ab1e";
inline constexpr std::uint32_t kAarhus = 751;

google::protobuf::Timestamp at_hour(std::int64_t hour);

// The envelope of an event `hour` hours after kT0, without payload.
samsag::v1::Event envelope(const std::string& event_id, samsag::v1::Sector sector,
                           std::int64_t hour);

// An event with `payload` filled from `source_id` (benefit_id, meeting_id, goal_id, ...), on
// the payload's home sector unless `sector` names another (meetings, caseworkers, appointments
// belong to several sectors).
samsag::v1::Event sector_event(samsag::v1::Event::PayloadCase payload, const std::string& event_id,
                               const std::string& source_id, std::int64_t hour,
                               samsag::v1::Sector sector = samsag::v1::SECTOR_UNSPECIFIED);

// Consent decisions; an empty scope list on a withdrawal means every sector.
samsag::v1::Event consent_granted(const std::string& event_id, std::int64_t hour,
                                  std::initializer_list<samsag::v1::Sector> scopes,
                                  const std::string& consent_id = "consent-1");
samsag::v1::Event consent_withdrawn(const std::string& event_id, std::int64_t hour,
                                    std::initializer_list<samsag::v1::Sector> scopes,
                                    const std::string& consent_id = "consent-1");

// The sector a payload is normally carried on.
samsag::v1::Sector home_sector(samsag::v1::Event::PayloadCase payload);

}  // namespace samsag::bridge::testing
