// Forwards a coordinator API request to the bridge instance that owns the case (bridge/api/
// README.md): an HTTP/1.1 client on a thread of its own (Boost.Beast, kept out of this header),
// one connection per request. The owner's status, headers and body go back to the original
// caller; an event stream is relayed event by event.
#pragma once

#include <chrono>
#include <cstddef>
#include <memory>
#include <string>

#include "bridge/cluster/ownership.h"

namespace samsag::bridge {

struct HttpForwarderOptions {
  // To resolve the owner's name and connect to it.
  std::chrono::milliseconds connect_timeout{3'000};
  // From sending the request to the owner's last byte (for an event stream: its headers).
  std::chrono::milliseconds response_timeout{30'000};
  // Longest silence in a relayed event stream (the API sends a comment every 15 s).
  std::chrono::milliseconds stream_idle_timeout{60'000};
  // Larger answers are refused with 502 (a case is at most a few MB).
  std::size_t body_limit = 32 * 1024 * 1024;
};

// Headers of a forwarded request: the marker that stops it from being forwarded again, and the
// caller's own headers that go along (everything else is the forwarder's).
inline constexpr const char* kForwardedHeader = "X-Samsag-Forwarded";

class HttpForwarder final : public Forwarder {
 public:
  explicit HttpForwarder(HttpForwarderOptions options = {});
  ~HttpForwarder() override;  // stop()
  HttpForwarder(const HttpForwarder&) = delete;
  HttpForwarder& operator=(const HttpForwarder&) = delete;

  // Sends method, target, body, Authorization, X-Samsag-Purpose, Content-Type, Accept,
  // If-None-Match and Last-Event-ID, plus X-Samsag-Forwarded: 1 and X-Forwarded-For, to
  // `base_url` ("http://host:port"); answers `responder` with the owner's answer, or with
  // 502 OWNER_UNREACHABLE (no connection, a broken or oversized answer) or 504 OWNER_TIMED_OUT,
  // each as a JSON error with Retry-After. From any thread; returns at once.
  void forward(const http::Request& request, const std::string& base_url,
               http::Responder responder) override;

  // Cuts every exchange still running (their callers get 500 or a closed stream) and ends the
  // thread. Stop the API server first, so requests in flight are answered. Idempotent.
  void stop();

  struct Impl;

 private:
  std::unique_ptr<Impl> impl_;
};

}  // namespace samsag::bridge
