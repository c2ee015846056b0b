#include "core/log/log_payload.h"

#include <charconv>
#include <cstddef>

namespace samsag::log {
namespace {

// ASCII record and unit separators: never the first byte of a sentence someone logs.
constexpr char kFieldsStart = '\x1e';
constexpr char kMessageStart = '\x1f';

void append_counted(std::string_view text, std::string& out) {
  out.append(std::to_string(text.size()));
  out.push_back(':');
  out.append(text);
}

// Reads "<length>:<bytes>" at `at`, advancing it; false when the bytes are not that shape.
bool read_counted(std::string_view s, std::size_t& at, std::string_view& text) {
  std::size_t length = 0;
  const char* begin = s.data() + at;
  const char* end = s.data() + s.size();
  const auto [stop, ec] = std::from_chars(begin, end, length);
  if (ec != std::errc{} || stop == end || *stop != ':') return false;
  at += static_cast<std::size_t>(stop - begin) + 1;
  if (length > s.size() - at) return false;
  text = s.substr(at, length);
  at += length;
  return true;
}

}  // namespace

std::string encode_payload(std::string_view message, Fields fields) {
  std::string out;
  if (fields.size() == 0) {
    // A bare message that happens to start like an encoded one must not be taken apart.
    if (!message.empty() && (message.front() == kFieldsStart || message.front() == kMessageStart)) {
      out.push_back(kMessageStart);
    }
    out.append(message);
    return out;
  }
  out.reserve(message.size() + 16 * fields.size());
  out.push_back(kFieldsStart);
  for (const Field& field : fields) {
    out.push_back(field.raw() ? 'r' : 's');
    append_counted(field.key(), out);
    append_counted(field.text(), out);
  }
  out.push_back(kMessageStart);
  out.append(message);
  return out;
}

Payload decode_payload(std::string_view payload) {
  Payload whole{payload, {}};
  if (payload.empty()) return whole;
  if (payload.front() == kMessageStart) return Payload{payload.substr(1), {}};
  if (payload.front() != kFieldsStart) return whole;
  Payload decoded;
  std::size_t at = 1;
  while (at < payload.size() && payload[at] != kMessageStart) {
    const char kind = payload[at++];
    if (kind != 'r' && kind != 's') return whole;
    PayloadField field;
    field.raw = kind == 'r';
    if (!read_counted(payload, at, field.key) || !read_counted(payload, at, field.text)) {
      return whole;
    }
    decoded.fields.push_back(field);
  }
  if (at >= payload.size()) return whole;
  decoded.message = payload.substr(at + 1);
  return decoded;
}

}  // namespace samsag::log
