// Issue 8, "Faults": the bridge's state directory full or unusable. Root ignores a read-only
// directory, so "full" is RLIMIT_FSIZE on the bridge (a write past it fails with EFBIG, as a full
// disk fails with ENOSPC) and "unusable" is a state-dir path that is a file; both stop root too.
// Either way: a log line naming the condition, /readyz not 200, no corruption, and the flow
// completes with exact counts once the directory is usable again.
#include <gtest/gtest.h>

#include <fstream>
#include <thread>

#include "tests/integration/faults/fault_flow.h"

namespace samsag::faults {
namespace {

using namespace std::chrono_literals;

constexpr std::size_t kAllEvents = 200;

// Asks /readyz until it answers other than 200 (the bridge saw the fault); false at the deadline.
bool wait_until_unready(bridge::itest::BridgeProcess& bridge, std::chrono::milliseconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (std::chrono::steady_clock::now() < deadline) {
    bridge.pump();
    if (bridge.readyz() != 200) return true;
    std::this_thread::sleep_for(50ms);  // polling interval, bounded by the deadline
  }
  return false;
}

void expect_recovered_with_exact_counts(FaultFlow& flow) {
  ASSERT_TRUE(flow.wait_for_source(120s)) << "the source did not get every request accepted";
  const auto end = flow.end_counts(120s);
  EXPECT_EQ(flow.accepted_event_ids().size(), kAllEvents);
  EXPECT_EQ(flow.count_problems(end), "");
  EXPECT_TRUE(flow.bridge().wait_until_ready(60s)) << "the bridge did not get ready again";
  EXPECT_TRUE(flow.bridge().logged("STATE_STORE_CORRUPT").empty()) << "the store was corrupted";
}

// The full disk is named (STATE_STORE_FAILED, "File too large") and /readyz goes false; once the
// limit is lifted, the bridge's recover() (RocksDB's Resume()) lets the next session apply the
// rest.
TEST(StateDirFaults, AFullDiskIsNamedMakesTheBridgeUnreadyAndIsRecoveredFrom) {
  // Room for the store's first files, not for a few hundred cases.
  FaultFlow flow({.bridge_file_size_limit = 64 * 1024});
  flow.start_source();
  const auto named = flow.bridge().wait_for_log("File too large", 90s);
  ASSERT_TRUE(named.has_value()) << "no log line names the full disk";
  EXPECT_NE(named->find("STATE_STORE_FAILED"), std::string::npos) << *named;
  EXPECT_TRUE(wait_until_unready(flow.bridge(), 30s)) << "/readyz stayed 200 on a full disk";
  EXPECT_TRUE(flow.bridge().running()) << "the bridge exited on a full disk";

  flow.raise_bridge_file_size_limit();
  expect_recovered_with_exact_counts(flow);
}

TEST(StateDirFaults, AStateDirThatCannotBeCreatedIsNamedAndRecoveredFrom) {
  FaultFlow flow({.start_bridge = false});
  std::ofstream(flow.state_dir()) << "not a directory\n";
  {
    auto refused = flow.spawn_bridge();
    const auto named = refused->wait_for_log("the bridge cannot start", 60s);
    ASSERT_TRUE(named.has_value()) << "no log line says why the bridge did not start";
    EXPECT_NE(named->find("STATE_STORE_FAILED"), std::string::npos) << *named;
    const auto code = refused->wait_for_exit(30s);
    ASSERT_TRUE(code.has_value()) << "the bridge neither started nor exited";
    EXPECT_NE(*code, 0);
  }
  std::filesystem::remove(flow.state_dir());
  flow.start_bridge();
  flow.start_source();
  expect_recovered_with_exact_counts(flow);
}

}  // namespace
}  // namespace samsag::faults
