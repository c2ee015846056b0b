#include "cli/up/case_readiness.h"

#include <gtest/gtest.h>

namespace samsag::cli::up {
namespace {

constexpr const char* kMetrics = R"(# HELP samsag_bridge_events_total Input records by sector
# TYPE samsag_bridge_events_total counter
samsag_bridge_events_total{outcome="applied",sector="social"} 120
samsag_bridge_events_total{outcome="not_consented",sector="social"} 30
samsag_bridge_events_total{outcome="applied",sector="employment"} 2.5e+02
samsag_bridge_events_total{outcome="unchanged",sector="consent"} 7 1700000000000
samsag_bridge_events_total_created{outcome="applied",sector="social"} 1700000000
samsag_bridge_events_applied_total{sector="social"} 120
samsag_bridge_events_total{outcome="applied"} 5
samsag_bridge_events_total{outcome="applied",subsector="plan"} 9
)";

TEST(BridgeEventsBySector, SumsEveryOutcomeOfTheFamilyPerSector) {
  const auto counts = bridge_events_by_sector(kMetrics);
  EXPECT_EQ(counts, (SectorCounts{{"consent", 7}, {"employment", 250}, {"social", 150}}));
}

TEST(BridgeEventsBySector, IgnoresTextThatIsNoSample) {
  EXPECT_TRUE(bridge_events_by_sector("").empty());
  EXPECT_TRUE(bridge_events_by_sector("samsag_bridge_events_total{sector=\"social\"} x\n"
                                      "samsag_bridge_events_total{sector=\"social\n"
                                      "samsag_bridge_events_total{sector=\"health\"} -3\n")
                  .empty());
}

TEST(MissingEvents, NamesEverySectorBelowItsExpectedCount) {
  const SectorCounts expected{{"employment", 250}, {"health", 40}, {"social", 180}};
  EXPECT_EQ(missing_events(expected, {{"employment", 250}, {"social", 150}}),
            "health 0 of 40, social 150 of 180");
  EXPECT_EQ(missing_events(expected, {{"employment", 251}, {"health", 40}, {"social", 180}}), "");
  EXPECT_EQ(missing_events({}, {}), "");
}

}  // namespace
}  // namespace samsag::cli::up
