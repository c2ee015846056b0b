#include "raw_http.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>

namespace samsag::security_test {
namespace {

using Clock = std::chrono::steady_clock;

int millis_left(Clock::time_point deadline) {
  const auto left =
      std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count();
  return static_cast<int>(std::max<long long>(left, 0));
}

bool iequals(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) ==
                  std::tolower(static_cast<unsigned char>(y));
         });
}

// Parses what was read so far; true once the whole answer is there.
bool parse(const std::string& received, RawReply& reply) {
  const auto end_of_head = received.find("\r\n\r\n");
  if (end_of_head == std::string::npos) return false;
  reply.head = received.substr(0, end_of_head);
  reply.body = received.substr(end_of_head + 4);
  if (reply.head.starts_with("HTTP/1.1 ") && reply.head.size() >= 12) {
    reply.status = std::stoi(reply.head.substr(9, 3));
  }
  const auto length = reply.header("Content-Length");
  return length && reply.body.size() >= std::stoul(*length);
}

}  // namespace

std::optional<std::string> RawReply::header(std::string_view name) const {
  std::size_t line = head.find("\r\n");
  while (line != std::string::npos) {
    const std::size_t start = line + 2;
    const std::size_t next = head.find("\r\n", start);
    const std::string_view text =
        std::string_view(head).substr(start, next == std::string::npos ? next : next - start);
    const auto colon = text.find(':');
    if (colon != std::string_view::npos && iequals(text.substr(0, colon), name)) {
      auto value = text.substr(colon + 1);
      while (!value.empty() && value.front() == ' ') value.remove_prefix(1);
      return std::string(value);
    }
    line = next;
  }
  return std::nullopt;
}

RawReply raw_exchange(int port, std::string_view request, std::chrono::milliseconds timeout) {
  RawReply reply;
  const auto deadline = Clock::now() + timeout;
  const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(static_cast<std::uint16_t>(port));
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0) {
    ::close(fd);
    reply.error = "connection refused";
    return reply;
  }
  // The server may answer (413, 431) and close before all is sent: that ends the sending.
  std::size_t sent = 0;
  while (sent < request.size()) {
    pollfd ready{fd, POLLOUT, 0};
    if (::poll(&ready, 1, millis_left(deadline)) <= 0) break;
    const ssize_t n = ::send(fd, request.data() + sent, request.size() - sent, MSG_NOSIGNAL);
    if (n <= 0) break;
    sent += static_cast<std::size_t>(n);
  }
  std::string received;
  char buffer[16384];
  while (!parse(received, reply)) {
    pollfd ready{fd, POLLIN, 0};
    if (::poll(&ready, 1, millis_left(deadline)) <= 0) {
      reply.error = "timed out";
      break;
    }
    const ssize_t n = ::recv(fd, buffer, sizeof buffer, 0);
    if (n <= 0) {
      if (received.empty()) reply.error = "closed without an answer";
      break;
    }
    received.append(buffer, static_cast<std::size_t>(n));
  }
  ::close(fd);
  return reply;
}

std::string raw_request(std::string_view method, std::string_view target,
                        std::string_view extra_headers, std::string_view body) {
  std::string request;
  request.append(method).append(" ").append(target).append(" HTTP/1.1\r\n");
  request.append("Host: 127.0.0.1\r\nConnection: close\r\n");
  request.append(extra_headers);
  if (!body.empty()) request.append("Content-Length: " + std::to_string(body.size()) + "\r\n");
  request.append("\r\n").append(body);
  return request;
}

}  // namespace samsag::security_test
