// The seam between the public Responder/EventStream and the connection that carries them
// (core/http/session.cc). Kept free of Boost so the public headers stay light.
#pragma once

#include <memory>
#include <string>

#include "core/http/response.h"

namespace samsag::http::detail {

// The open body of a streaming response (Server-Sent Events).
class StreamChannel {
 public:
  virtual ~StreamChannel() = default;
  // Queues bytes of the body; false when the connection is gone.
  virtual bool write(std::string bytes) = 0;
  virtual void close() = 0;
  virtual bool is_open() const = 0;
};

// One request waiting for its response. Whoever holds the last reference to an exchange that was
// never answered makes it answer 500, so a forgetful handler cannot hang a client.
class Exchange {
 public:
  virtual ~Exchange() = default;
  // Answers the request; false when it had been answered already.
  virtual bool respond(Response response) = 0;
  // Answers with `head` and keeps the body open; null when it had been answered already.
  virtual std::shared_ptr<StreamChannel> open_stream(Response head) = 0;
};

}  // namespace samsag::http::detail
