// The soak's end check, once killing has stopped and everything has drained: every record a
// source was told was accepted is on its sector topic and in its citizen's case exactly once;
// the case topic's last snapshot per citizen equals the reducer's offline result over everything
// on the sector topics; no event is in two cases or twice in one; the DLQ holds exactly the
// records that were bad on purpose; and the broker dropped nothing the check would need.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

#include "samsag/config/v1/config.pb.h"
#include "tests/integration/soak/soak_feeder.h"

namespace samsag::soak {

struct EndReport {
  std::vector<std::string> failures;
  std::int64_t sector_records = 0;   // on the four sector topics, repeats included
  std::int64_t distinct_events = 0;  // event ids among them
  std::int64_t cases = 0;
  std::int64_t snapshots = 0;  // case records, checkpoints excluded
  std::int64_t dead_letters = 0;
  bool ok() const { return failures.empty(); }
};

// Waits until every partition's last checkpoint on the case topic covers the end of every bridge
// input: the bridges have applied all there is. False at the deadline.
bool wait_until_applied(const samsag::config::v1::Config& config,
                        std::chrono::milliseconds timeout);

EndReport check_end_state(const samsag::config::v1::Config& config, const std::string& bootstrap,
                          const Ledger& ledger);

}  // namespace samsag::soak
