#include "core/log/json_formatter.h"

#include <array>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <string_view>

#include "core/log/json_string.h"
#include "core/log/log_payload.h"
#include "core/privacy/cpr_shape.h"

namespace samsag::log {
namespace {

std::string_view level_name(spdlog::level::level_enum level) {
  switch (level) {
    case spdlog::level::trace:
      return "trace";
    case spdlog::level::debug:
      return "debug";
    case spdlog::level::info:
      return "info";
    case spdlog::level::warn:
      return "warn";
    case spdlog::level::err:
      return "error";
    case spdlog::level::critical:
      return "critical";
    default:
      return "off";
  }
}

// RFC 3339 in UTC with milliseconds: what log shippers parse without configuration.
void append_timestamp(std::chrono::system_clock::time_point time, std::string& out) {
  const auto since_epoch = time.time_since_epoch();
  const auto seconds = std::chrono::floor<std::chrono::seconds>(since_epoch);
  const auto millis = std::chrono::duration_cast<std::chrono::milliseconds>(since_epoch - seconds);
  const std::time_t t = seconds.count();
  std::tm utc{};
  gmtime_r(&t, &utc);
  std::array<char, 40> text{};
  const int length = std::snprintf(text.data(), text.size(), "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ",
                                   utc.tm_year + 1900, utc.tm_mon + 1, utc.tm_mday, utc.tm_hour,
                                   utc.tm_min, utc.tm_sec, static_cast<int>(millis.count()));
  out.append(text.data(), static_cast<std::size_t>(length));
}

// A raw field must really be a JSON number (-?digits[.digits][(e|E)[+|-]digits]) or boolean, or
// the line would not parse.
bool is_json_literal(std::string_view text) {
  if (text == "true" || text == "false") return true;
  std::size_t at = 0;
  const auto digits = [&] {
    const std::size_t from = at;
    while (at < text.size() && text[at] >= '0' && text[at] <= '9') ++at;
    return at > from;
  };
  if (at < text.size() && text[at] == '-') ++at;
  if (!digits()) return false;
  if (at < text.size() && text[at] == '.') {
    ++at;
    if (!digits()) return false;
  }
  if (at < text.size() && (text[at] == 'e' || text[at] == 'E')) {
    ++at;
    if (at < text.size() && (text[at] == '+' || text[at] == '-')) ++at;
    if (!digits()) return false;
  }
  return at == text.size();
}

bool is_reserved_key(std::string_view key) {
  return key == "ts" || key == "level" || key == "component" || key == "msg";
}

}  // namespace

void JsonFormatter::append_text(std::string_view text) {
  if (mask_cpr_ && privacy::contains_cpr_shaped(text)) {
    append_json_string(privacy::mask_cpr_shaped(text), line_);
  } else {
    append_json_string(text, line_);
  }
}

void JsonFormatter::format(const spdlog::details::log_msg& msg, spdlog::memory_buf_t& dest) {
  const Payload payload = decode_payload(std::string_view(msg.payload.data(), msg.payload.size()));
  line_.clear();
  line_.append(R"({"ts":")");
  append_timestamp(msg.time, line_);
  line_.append(R"(","level":")");
  line_.append(level_name(msg.level));
  line_.append(R"(","component":)");
  append_json_string(std::string_view(msg.logger_name.data(), msg.logger_name.size()), line_);
  line_.append(R"(,"msg":)");
  append_text(payload.message);
  for (const PayloadField& field : payload.fields) {
    line_.push_back(',');
    // A field must not shadow the envelope: {"msg":...,"msg":...} is legal JSON but ambiguous.
    if (is_reserved_key(field.key)) {
      append_text(std::string("field.").append(field.key));
    } else {
      append_text(field.key);
    }
    line_.push_back(':');
    const bool masked = mask_cpr_ && privacy::contains_cpr_shaped(field.text);
    if (field.raw && !masked && is_json_literal(field.text)) {
      line_.append(field.text);
    } else {
      append_text(field.text);
    }
  }
  line_.append("}\n");
  dest.append(line_.data(), line_.data() + line_.size());
}

std::unique_ptr<spdlog::formatter> JsonFormatter::clone() const {
  return std::make_unique<JsonFormatter>(mask_cpr_);
}

}  // namespace samsag::log
