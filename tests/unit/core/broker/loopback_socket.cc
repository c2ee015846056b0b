#include "tests/unit/core/broker/loopback_socket.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <stdexcept>
#include <utility>

namespace samsag::broker::testing {
namespace {

using Clock = std::chrono::steady_clock;

sockaddr_in loopback(std::uint16_t port) {
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  address.sin_port = htons(port);
  return address;
}

// Waits for `events` on `fd` until `deadline`; false when it passes first.
bool wait_for(int fd, short events, Clock::time_point deadline) {
  const auto left = std::chrono::ceil<std::chrono::milliseconds>(deadline - Clock::now());
  pollfd entry{fd, events, 0};
  return ::poll(&entry, 1, static_cast<int>(std::max<std::int64_t>(0, left.count()))) > 0;
}

}  // namespace

LoopbackSocket::~LoopbackSocket() {
  if (fd_ >= 0) {
    ::close(fd_);
  }
}

LoopbackSocket::LoopbackSocket(LoopbackSocket&& other) noexcept
    : fd_(std::exchange(other.fd_, -1)) {}

LoopbackSocket& LoopbackSocket::operator=(LoopbackSocket&& other) noexcept {
  if (this != &other) {
    if (fd_ >= 0) {
      ::close(fd_);
    }
    fd_ = std::exchange(other.fd_, -1);
  }
  return *this;
}

LoopbackSocket LoopbackSocket::listen() {
  LoopbackSocket socket(::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0));
  auto address = loopback(0);
  if (!socket.valid() ||
      ::bind(socket.fd_, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0 ||
      ::listen(socket.fd_, 16) != 0) {
    throw std::runtime_error("cannot listen on 127.0.0.1");
  }
  return socket;
}

LoopbackSocket LoopbackSocket::connect(std::uint16_t port) {
  LoopbackSocket socket(::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0));
  auto address = loopback(port);
  if (::connect(socket.fd_, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0) {
    return {};
  }
  return socket;
}

std::uint16_t LoopbackSocket::port() const {
  sockaddr_in address{};
  socklen_t length = sizeof address;
  ::getsockname(fd_, reinterpret_cast<sockaddr*>(&address), &length);
  return ntohs(address.sin_port);
}

std::optional<LoopbackSocket> LoopbackSocket::accept(std::chrono::milliseconds timeout) const {
  if (!wait_for(fd_, POLLIN, Clock::now() + timeout)) {
    return std::nullopt;
  }
  LoopbackSocket accepted(::accept4(fd_, nullptr, nullptr, SOCK_CLOEXEC));
  if (!accepted.valid()) {
    return std::nullopt;
  }
  return accepted;
}

bool LoopbackSocket::send(const std::string& bytes) const {
  std::size_t sent = 0;
  while (sent < bytes.size()) {
    const auto n = ::send(fd_, bytes.data() + sent, bytes.size() - sent, MSG_NOSIGNAL);
    if (n <= 0) {
      return false;
    }
    sent += static_cast<std::size_t>(n);
  }
  return true;
}

std::optional<std::string> LoopbackSocket::receive(std::size_t count,
                                                   std::chrono::milliseconds timeout) const {
  const auto deadline = Clock::now() + timeout;
  std::string received;
  while (received.size() < count) {
    if (!wait_for(fd_, POLLIN, deadline)) {
      return std::nullopt;
    }
    char chunk[65536];
    const auto n = ::recv(fd_, chunk, std::min(sizeof chunk, count - received.size()), 0);
    if (n <= 0) {
      return std::nullopt;
    }
    received.append(chunk, static_cast<std::size_t>(n));
  }
  return received;
}

bool LoopbackSocket::closed_by_peer(std::chrono::milliseconds timeout) const {
  const auto deadline = Clock::now() + timeout;
  while (wait_for(fd_, POLLIN, deadline)) {
    char chunk[4096];
    if (::recv(fd_, chunk, sizeof chunk, 0) <= 0) {
      return true;
    }
  }
  return false;
}

void LoopbackSocket::shutdown_sending() const { ::shutdown(fd_, SHUT_WR); }

}  // namespace samsag::broker::testing
