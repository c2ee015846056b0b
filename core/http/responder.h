// How a handler answers, now or later and from any thread: an adapter answers 202 only once Kafka
// confirmed delivery, which is reported on the producer's thread.
#pragma once

#include <memory>
#include <string_view>

#include "core/http/response.h"

namespace samsag::http {

namespace detail {
class Exchange;
class StreamChannel;
}  // namespace detail

// The open body of a text/event-stream response (Server-Sent Events). Copies share one stream;
// safe to use from any thread.
class EventStream {
 public:
  EventStream() = default;
  explicit EventStream(std::shared_ptr<detail::StreamChannel> channel);

  // Sends one event (`event` may be empty for the default "message" type); every line of `data`
  // becomes a "data:" line. False once the client has gone or the stream was closed.
  bool send(std::string_view event, std::string_view data) const;
  // A comment line, which keeps proxies from closing an idle stream.
  bool send_comment(std::string_view text) const;
  // Ends the response; the connection closes.
  void close() const;
  bool is_open() const;

 private:
  std::shared_ptr<detail::StreamChannel> channel_;
};

// Answers one request. Copyable; the first answer wins and later ones are ignored. When the last
// copy goes away unanswered the client gets 500, never a hang.
class Responder {
 public:
  explicit Responder(std::shared_ptr<detail::Exchange> exchange);

  void send(Response response) const;
  // Answers with status 200, content type text/event-stream and no body yet; the body is what
  // the returned stream sends. The stream is closed at once when the request was answered already.
  EventStream stream(NameValues headers = {}) const;

 private:
  std::shared_ptr<detail::Exchange> exchange_;
};

}  // namespace samsag::http
