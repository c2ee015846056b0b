#include "core/http/responder.h"

#include <string>

#include "core/http/exchange.h"

namespace samsag::http {

EventStream::EventStream(std::shared_ptr<detail::StreamChannel> channel)
    : channel_(std::move(channel)) {}

namespace {

// The text up to the first line break: a CR or LF inside an event name or comment would start a
// new field of the event stream.
std::string_view first_line(std::string_view text) {
  return text.substr(0, text.find_first_of("\r\n"));
}

}  // namespace

bool EventStream::send(std::string_view event, std::string_view data) const {
  if (!channel_) return false;
  // text/event-stream framing (WHATWG HTML, "Server-sent events"): CR, LF and CRLF inside data
  // each start a new data: line, and a blank line ends the event.
  std::string frame;
  frame.reserve(data.size() + event.size() + 16);
  if (!event.empty()) frame.append("event: ").append(first_line(event)).append("\n");
  while (true) {
    const std::size_t brk = data.find_first_of("\r\n");
    frame.append("data: ").append(data.substr(0, brk)).append("\n");
    if (brk == std::string_view::npos) break;
    const bool crlf = data[brk] == '\r' && brk + 1 < data.size() && data[brk + 1] == '\n';
    data.remove_prefix(brk + (crlf ? 2 : 1));
  }
  frame.append("\n");
  return channel_->write(std::move(frame));
}

bool EventStream::send_comment(std::string_view text) const {
  if (!channel_) return false;
  std::string frame(": ");
  frame.append(first_line(text)).append("\n\n");
  return channel_->write(std::move(frame));
}

void EventStream::close() const {
  if (channel_) channel_->close();
}

bool EventStream::is_open() const { return channel_ && channel_->is_open(); }

Responder::Responder(std::shared_ptr<detail::Exchange> exchange) : exchange_(std::move(exchange)) {}

void Responder::send(Response response) const { exchange_->respond(std::move(response)); }

EventStream Responder::stream(NameValues headers) const {
  Response head{200, "text/event-stream", std::move(headers), {}};
  head.headers.emplace_back("Cache-Control", "no-cache");
  return EventStream(exchange_->open_stream(std::move(head)));
}

}  // namespace samsag::http
