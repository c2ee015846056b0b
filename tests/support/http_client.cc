#include "tests/support/http_client.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <cerrno>
#include <cstring>

namespace samsag::testing {
namespace {

using Clock = std::chrono::steady_clock;

bool iequals(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) ==
                  std::tolower(static_cast<unsigned char>(y));
         });
}

int remaining_ms(Clock::time_point deadline) {
  const auto left = std::chrono::ceil<std::chrono::milliseconds>(deadline - Clock::now()).count();
  return static_cast<int>(std::max<long long>(0, left));
}

// Waits until `fd` is ready for `events`; false at the deadline.
bool wait_for(int fd, short events, Clock::time_point deadline) {
  while (true) {
    pollfd entry{fd, events, 0};
    const int ready = ::poll(&entry, 1, remaining_ms(deadline));
    if (ready < 0 && errno == EINTR) continue;
    return ready > 0;
  }
}

bool write_all(int fd, std::string_view data, Clock::time_point deadline, std::string& error) {
  while (!data.empty()) {
    if (!wait_for(fd, POLLOUT, deadline)) {
      error = "timed out sending the request";
      return false;
    }
    const ssize_t sent = ::send(fd, data.data(), data.size(), MSG_NOSIGNAL);
    if (sent < 0) {
      if (errno == EINTR || errno == EAGAIN) continue;
      error = std::string("send failed: ") + std::strerror(errno);
      return false;
    }
    data.remove_prefix(static_cast<std::size_t>(sent));
  }
  return true;
}

// Reads more bytes into `buffer`; 0 at end of stream, -1 on error or deadline.
ssize_t read_some(int fd, std::string& buffer, Clock::time_point deadline, std::string& error) {
  if (!wait_for(fd, POLLIN, deadline)) {
    error = "timed out waiting for the answer";
    return -1;
  }
  std::array<char, 65536> chunk{};
  while (true) {
    const ssize_t got = ::recv(fd, chunk.data(), chunk.size(), 0);
    if (got < 0 && errno == EINTR) continue;
    if (got < 0) {
      error = std::string("receive failed: ") + std::strerror(errno);
      return -1;
    }
    buffer.append(chunk.data(), static_cast<std::size_t>(got));
    return got;
  }
}

// Parses "HTTP/1.1 202 Accepted\r\nName: value\r\n..." into `reply`.
bool parse_head(std::string_view head, HttpReply& reply) {
  const auto line_end = head.find("\r\n");
  const std::string_view status_line = head.substr(0, line_end);
  if (status_line.size() < 12 || !status_line.starts_with("HTTP/1.")) return false;
  reply.status = std::atoi(std::string(status_line.substr(9, 3)).c_str());
  std::size_t at = line_end == std::string_view::npos ? head.size() : line_end + 2;
  while (at < head.size()) {
    auto end = head.find("\r\n", at);
    if (end == std::string_view::npos) end = head.size();
    const std::string_view line = head.substr(at, end - at);
    const auto colon = line.find(':');
    if (colon != std::string_view::npos) {
      std::string_view value = line.substr(colon + 1);
      while (!value.empty() && value.front() == ' ') value.remove_prefix(1);
      reply.headers.emplace_back(std::string(line.substr(0, colon)), std::string(value));
    }
    at = end + 2;
  }
  return true;
}

std::string serialise(const HttpRequest& request) {
  std::string out = request.method;
  out.append(" ").append(request.path).append(" HTTP/1.1\r\nHost: 127.0.0.1\r\n");
  for (const auto& [name, value] : request.headers) {
    out.append(name).append(": ").append(value).append("\r\n");
  }
  if (!request.body.empty() || request.method == "POST" || request.method == "PUT") {
    out += "Content-Length: " + std::to_string(request.body.size()) + "\r\n";
  }
  out += "\r\n";
  out += request.body;
  return out;
}

}  // namespace

std::optional<std::string> HttpReply::header(std::string_view name) const {
  for (const auto& [key, value] : headers) {
    if (iequals(key, name)) return value;
  }
  return std::nullopt;
}

HttpConnection::HttpConnection(int port, std::chrono::milliseconds timeout)
    : port_(port), timeout_(timeout) {}

HttpConnection::~HttpConnection() { disconnect(); }

void HttpConnection::disconnect() {
  if (fd_ >= 0) ::close(fd_);
  fd_ = -1;
}

bool HttpConnection::connect(std::string& error) {
  fd_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd_ < 0) {
    error = std::string("socket: ") + std::strerror(errno);
    return false;
  }
  const int one = 1;
  ::setsockopt(fd_, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(static_cast<std::uint16_t>(port_));
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::connect(fd_, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0) {
    error = std::string("connect: ") + std::strerror(errno);
    disconnect();
    return false;
  }
  return true;
}

HttpReply HttpConnection::send(const HttpRequest& request) {
  const auto deadline = Clock::now() + timeout_;
  const std::string wire = serialise(request);
  // A reused connection may have been closed by the server while idle: then try once anew.
  for (int attempt = 0; attempt < 2; ++attempt) {
    HttpReply reply;
    const bool reused = fd_ >= 0;
    if (!reused && !connect(reply.error)) return reply;
    // Written in full before reading: a server refusing the body early (413) reads and drops
    // the rest, so its answer still arrives.
    if (!write_all(fd_, wire, deadline, reply.error)) {
      disconnect();
      if (reused) continue;
      return reply;
    }
    std::string buffer;
    std::size_t head_end = std::string::npos;
    while ((head_end = buffer.find("\r\n\r\n")) == std::string::npos) {
      const ssize_t got = read_some(fd_, buffer, deadline, reply.error);
      if (got <= 0) {
        disconnect();
        if (got == 0 && reused && buffer.empty()) break;  // closed while idle: retry
        if (got == 0) reply.error = "the server closed the connection before answering";
        return reply;
      }
    }
    if (head_end == std::string::npos) continue;
    if (!parse_head(std::string_view(buffer).substr(0, head_end), reply)) {
      reply.error = "not an HTTP answer";
      disconnect();
      return reply;
    }
    buffer.erase(0, head_end + 4);
    const auto length = reply.header("Content-Length");
    const bool close =
        reply.header("Connection").has_value() && iequals(*reply.header("Connection"), "close");
    if (length) {
      const auto wanted = static_cast<std::size_t>(std::stoull(*length));
      while (buffer.size() < wanted) {
        const ssize_t got = read_some(fd_, buffer, deadline, reply.error);
        if (got <= 0) {
          disconnect();
          if (got == 0) reply.error = "the server closed the connection inside the body";
          reply.status = 0;
          return reply;
        }
      }
      reply.body = buffer.substr(0, wanted);
    } else {
      while (read_some(fd_, buffer, deadline, reply.error) > 0) {
      }
      reply.error.clear();
      reply.body = std::move(buffer);
      disconnect();
    }
    if (close || request.method == "HEAD") disconnect();
    return reply;
  }
  HttpReply reply;
  reply.error = "the server closed the connection twice before answering";
  return reply;
}

HttpReply http_send(int port, const HttpRequest& request, std::chrono::milliseconds timeout) {
  HttpConnection connection(port, timeout);
  return connection.send(request);
}

HttpReply http_get(int port, const std::string& path, std::chrono::milliseconds timeout) {
  return http_send(port, HttpRequest{.method = "GET", .path = path}, timeout);
}

HttpReply http_post(int port, const std::string& path, const std::string& body,
                    const std::string& token, const std::string& content_type,
                    std::chrono::milliseconds timeout) {
  HttpRequest request{.method = "POST", .path = path, .body = body};
  request.headers.emplace_back("Content-Type", content_type);
  if (!token.empty()) request.headers.emplace_back("Authorization", "Bearer " + token);
  return http_send(port, request, timeout);
}

}  // namespace samsag::testing
