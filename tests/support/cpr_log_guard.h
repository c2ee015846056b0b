// The CPR log guard of every unit-test binary: a test fails when any log line it emits carries a
// CPR-shaped number. The line formatter masks such numbers in production, so the guard looks at
// the line as it would be written without masking: masking is a safety net, not a licence.
#pragma once

#include <gtest/gtest.h>
#include <spdlog/sinks/sink.h>

#include <memory>
#include <string>
#include <vector>

namespace samsag::testing {

class CprLogGuard final : public ::testing::EmptyTestEventListener {
 public:
  CprLogGuard();

  // Where log lines go to be inspected; attach it to a logger.
  std::shared_ptr<spdlog::sinks::sink> sink() const { return sink_; }

  // The offending lines seen since the last test started, CPR digits masked.
  std::vector<std::string> offending_lines() const;

  void OnTestStart(const ::testing::TestInfo& test) override;
  // Fails the current test once per offending line. gtest calls OnTestEnd of later listeners
  // first, so the failure is recorded before the result is printed.
  void OnTestEnd(const ::testing::TestInfo& test) override;

 private:
  std::shared_ptr<spdlog::sinks::sink> sink_;
};

// Puts JSON logging on the default logger and a CprLogGuard on every test; called by main().
void install_cpr_log_guard();

}  // namespace samsag::testing
