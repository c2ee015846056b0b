// The spdlog formatter behind samsag's log lines: one JSON object per line,
// {"ts":"2026-11-23T14:00:00.123Z","level":"info","component":"...","msg":"...", fields...}.
// spdlog's pattern language cannot escape JSON, hence a formatter of our own.
#pragma once

#include <spdlog/formatter.h>

#include <memory>
#include <string>

namespace samsag::log {

class JsonFormatter final : public spdlog::formatter {
 public:
  // `mask_cpr` replaces the digits of CPR-shaped numbers in the message and fields by X. Only the
  // test guard turns it off, to see what a line would have leaked.
  explicit JsonFormatter(bool mask_cpr = true) : mask_cpr_(mask_cpr) {}

  void format(const spdlog::details::log_msg& msg, spdlog::memory_buf_t& dest) override;
  std::unique_ptr<spdlog::formatter> clone() const override;

 private:
  void append_text(std::string_view text);

  bool mask_cpr_;
  std::string line_;  // reused between lines; spdlog calls a sink's formatter under its lock
};

}  // namespace samsag::log
