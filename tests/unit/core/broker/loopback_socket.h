// Plain blocking-free loopback sockets for the forwarder's tests: every wait has a deadline, so a
// broken relay fails a test instead of hanging it.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>

namespace samsag::broker::testing {

class LoopbackSocket {
 public:
  LoopbackSocket() = default;
  explicit LoopbackSocket(int fd) : fd_(fd) {}
  ~LoopbackSocket();
  LoopbackSocket(LoopbackSocket&& other) noexcept;
  LoopbackSocket& operator=(LoopbackSocket&& other) noexcept;

  // A listener on 127.0.0.1 with a free port.
  static LoopbackSocket listen();
  // A connection to 127.0.0.1:port; an invalid socket when refused.
  static LoopbackSocket connect(std::uint16_t port);

  bool valid() const { return fd_ >= 0; }
  std::uint16_t port() const;
  // The next incoming connection, or nullopt at the deadline.
  std::optional<LoopbackSocket> accept(std::chrono::milliseconds timeout) const;
  bool send(const std::string& bytes) const;
  // Exactly `count` bytes, or nullopt at the deadline or end of stream.
  std::optional<std::string> receive(std::size_t count, std::chrono::milliseconds timeout) const;
  // True when the peer ends the stream (end of stream or reset) before the deadline; bytes that
  // arrive first are discarded.
  bool closed_by_peer(std::chrono::milliseconds timeout) const;
  void shutdown_sending() const;

 private:
  int fd_ = -1;
};

}  // namespace samsag::broker::testing
