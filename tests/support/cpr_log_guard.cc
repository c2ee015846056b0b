#include "tests/support/cpr_log_guard.h"

#include <spdlog/details/log_msg.h>
#include <spdlog/sinks/base_sink.h>

#include <cstddef>
#include <mutex>
#include <stdexcept>

#include "core/log/json_formatter.h"
#include "core/log/log.h"
#include "core/log/sinks.h"
#include "core/privacy/cpr_shape.h"

namespace samsag::testing {
namespace {

// Keeps the offending lines of one test, masked; a runaway loop must not exhaust memory.
class OffendingLineSink final : public spdlog::sinks::base_sink<std::mutex> {
 public:
  OffendingLineSink()
      : spdlog::sinks::base_sink<std::mutex>(
            std::make_unique<log::JsonFormatter>(/*mask_cpr=*/false)) {}

  std::vector<std::string> lines() {
    std::lock_guard lock(mutex_);
    return lines_;
  }
  void clear() {
    std::lock_guard lock(mutex_);
    lines_.clear();
  }

 protected:
  void sink_it_(const spdlog::details::log_msg& msg) override {
    spdlog::memory_buf_t formatted;
    formatter_->format(msg, formatted);
    const std::string_view line(formatted.data(), formatted.size());
    if (lines_.size() < kMaxLines && privacy::contains_cpr_shaped(line)) {
      lines_.push_back(privacy::mask_cpr_shaped(line));
    }
  }
  void flush_() override {}

 private:
  static constexpr std::size_t kMaxLines = 20;
  std::vector<std::string> lines_;
};

OffendingLineSink& as_offending(const std::shared_ptr<spdlog::sinks::sink>& sink) {
  return static_cast<OffendingLineSink&>(*sink);
}

}  // namespace

CprLogGuard::CprLogGuard() : sink_(std::make_shared<OffendingLineSink>()) {}

std::vector<std::string> CprLogGuard::offending_lines() const {
  return as_offending(sink_).lines();
}

void CprLogGuard::OnTestStart(const ::testing::TestInfo& /*test*/) { as_offending(sink_).clear(); }

void CprLogGuard::OnTestEnd(const ::testing::TestInfo& /*test*/) {
  for (const std::string& line : offending_lines()) {
    ADD_FAILURE() << "A log line emitted during this test carries a CPR-shaped number (digits "
                     "masked here): "
                  << line;
  }
  as_offending(sink_).clear();
}

void install_cpr_log_guard() {
  // Debug, not info: a CPR number in a debug line leaks as soon as someone turns debug on.
  const Status status = log::init("test", "debug");
  if (!status) throw std::logic_error(status.error().message);
  auto guard = std::make_unique<CprLogGuard>();
  log::attach_sink(guard->sink());
  ::testing::UnitTest::GetInstance()->listeners().Append(guard.release());
}

}  // namespace samsag::testing
