#include "bridge/cluster/event_stream_parser.h"

namespace samsag::bridge {

std::vector<StreamItem> EventStreamParser::feed(std::string_view bytes) {
  std::vector<StreamItem> items;
  for (const char c : bytes) {
    if (c == '\n' && after_cr_) {
      after_cr_ = false;
      continue;
    }
    after_cr_ = c == '\r';
    if (c == '\r' || c == '\n') {
      if (!overflowed_) take_line(partial_, items);
      partial_.clear();
      overflowed_ = false;
      continue;
    }
    if (partial_.size() >= kMaxLine) {
      overflowed_ = true;
      partial_.clear();
    }
    if (!overflowed_) partial_.push_back(c);
  }
  return items;
}

void EventStreamParser::take_line(std::string_view line, std::vector<StreamItem>& items) {
  if (line.empty()) {  // a blank line dispatches the event
    if (has_data_) items.push_back({StreamItem::Kind::kEvent, event_, data_});
    event_.clear();
    data_.clear();
    has_data_ = false;
    return;
  }
  if (line.front() == ':') {
    line.remove_prefix(1);
    if (!line.empty() && line.front() == ' ') line.remove_prefix(1);
    items.push_back({StreamItem::Kind::kComment, {}, std::string(line)});
    return;
  }
  const auto colon = line.find(':');
  const std::string_view field = line.substr(0, colon);
  std::string_view value = colon == std::string_view::npos ? "" : line.substr(colon + 1);
  if (!value.empty() && value.front() == ' ') value.remove_prefix(1);
  if (field == "event") {
    event_ = value;
  } else if (field == "data") {
    if (has_data_) data_.push_back('\n');
    data_.append(value);
    has_data_ = true;
  }
}

}  // namespace samsag::bridge
