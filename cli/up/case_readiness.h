// When is the demo ready? When every record up fed in is reflected in the cases. The bridge counts
// each input record in samsag_bridge_events_total{sector,outcome} only after the round holding it
// was confirmed by Kafka (snapshots, then the checkpoint) and written to its state store, whatever
// became of it (applied, unchanged, not_consented, invalid). So once, for every sector, that count
// has reached the number of events the adapters and the API acknowledged, every record is in the
// cases (or, refused by consent or dead-lettered, has been decided on for good).
//
// The counters are the bridge process's own: a bridge that re-reads from a checkpoint after a
// failed round counts records twice, which can only make up's count arrive sooner than the last
// round; a restarted bridge starts from zero, which makes it later. up starts its own bridge.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>

namespace samsag::cli::up {

// Sector label ("employment", ..., "consent", "plan") to a number of records.
using SectorCounts = std::map<std::string, std::uint64_t, std::less<>>;

// Sums samsag_bridge_events_total over outcomes, by sector, from Prometheus text format.
SectorCounts bridge_events_by_sector(std::string_view metrics_text);

// "social 120 of 180, health 0 of 40": the sectors whose count has not reached what is expected;
// empty when all have.
std::string missing_events(const SectorCounts& expected, const SectorCounts& seen);

}  // namespace samsag::cli::up
