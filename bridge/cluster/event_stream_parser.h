// Reads a text/event-stream body (WHATWG HTML, "Server-sent events") as it arrives in pieces, so
// the forwarder can relay an owner's event stream event by event through http::EventStream.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace samsag::bridge {

struct StreamItem {
  enum class Kind { kEvent, kComment };
  Kind kind = Kind::kEvent;
  std::string event;  // the event type; empty for the default "message"
  std::string data;   // an event's data lines joined by "\n", or a comment's text

  friend bool operator==(const StreamItem&, const StreamItem&) = default;
};

class EventStreamParser {
 public:
  // Takes the next bytes; returns every event and comment they complete. Lines end in LF, CRLF
  // or CR; `id:` and `retry:` are not relayed (samsag's streams use neither). An unfinished line
  // waits for the next bytes, up to `max_line` bytes, past which it is dropped.
  std::vector<StreamItem> feed(std::string_view bytes);

  static constexpr std::size_t kMaxLine = 64 * 1024;

 private:
  void take_line(std::string_view line, std::vector<StreamItem>& items);

  std::string partial_;
  bool after_cr_ = false;  // the last byte was CR: an LF right after it ends no second line
  bool overflowed_ = false;
  std::string event_;
  std::string data_;
  bool has_data_ = false;
};

}  // namespace samsag::bridge
