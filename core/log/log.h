// Logging of every samsag process: one JSON object per line on stdout (DESIGN.md "Operations").
//
// A message is a constant sentence; what varies goes into structured fields, so lines stay
// greppable and machine-readable:
//
//   samsag::log::info("file ingested", {{"file", name}, {"rows", rows}});
//
// Never log a CPR number. As a defence in depth the line formatter masks anything CPR-shaped in
// the message and the fields, and every unit test fails when a line carries one (tests/support).
#pragma once

#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>
#include <type_traits>

#include "core/base/result.h"

namespace samsag::log {

enum class Level { kTrace, kDebug, kInfo, kWarn, kError };

// "trace", "debug", "info", "warn", "error" (the config's logging.level); "" means info.
Result<Level> parse_level(std::string_view text);

// Makes the process's default logger write JSON lines to stdout, stamped with `component`
// (e.g. "adapter.employment"), at `level`. Call once at start-up, before other threads log.
Status init(std::string_view component, std::string_view level);

// One structured field of a log line. Strings become JSON strings; numbers and booleans stay
// JSON numbers and booleans.
class Field {
 public:
  Field(std::string_view key, std::string_view value) : key_(key), text_(value) {}
  Field(std::string_view key, const char* value) : key_(key), text_(value) {}
  Field(std::string_view key, const std::string& value) : key_(key), text_(value) {}
  Field(std::string_view key, bool value)
      : key_(key), text_(value ? "true" : "false"), raw_(true) {}
  template <typename Number>
  requires(std::is_arithmetic_v<Number> && !std::is_same_v<Number, bool> &&
           !std::is_same_v<Number, char>) Field(std::string_view key, Number value)
      : key_(key), owned_(std::to_string(value)), raw_(true) {
    text_ = owned_;
  }

  // Copies would leave text_ pointing into another Field's owned_.
  Field(const Field&) = delete;
  Field& operator=(const Field&) = delete;

  std::string_view key() const { return key_; }
  std::string_view text() const { return text_; }
  // True when text() is a JSON literal (number or boolean) rather than a string.
  bool raw() const { return raw_; }

 private:
  std::string_view key_;
  std::string_view text_;
  std::string owned_;
  bool raw_ = false;
};

using Fields = std::initializer_list<Field>;

void log(Level level, std::string_view message, Fields fields = {});

inline void trace(std::string_view message, Fields fields = {}) {
  log(Level::kTrace, message, fields);
}
inline void debug(std::string_view message, Fields fields = {}) {
  log(Level::kDebug, message, fields);
}
inline void info(std::string_view message, Fields fields = {}) {
  log(Level::kInfo, message, fields);
}
inline void warn(std::string_view message, Fields fields = {}) {
  log(Level::kWarn, message, fields);
}
inline void error(std::string_view message, Fields fields = {}) {
  log(Level::kError, message, fields);
}

// True when a line at `level` would be written; guards fields that are costly to compute.
bool enabled(Level level);

}  // namespace samsag::log
