// A blocking HTTP/1.1 client for integration tests and benchmarks: one request per connection or
// many over one keep-alive connection, on loopback, with a deadline on every exchange. It speaks
// just enough HTTP to talk to samsag's servers (Content-Length bodies).
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace samsag::testing {

struct HttpReply {
  int status = 0;                                            // 0: no answer (see error)
  std::vector<std::pair<std::string, std::string>> headers;  // names as sent
  std::string body;
  std::string error;  // why there is no answer: refused, timed out, closed early

  // The first header of that name, compared case-insensitively.
  std::optional<std::string> header(std::string_view name) const;
};

struct HttpRequest {
  std::string method = "GET";
  std::string path = "/";
  std::vector<std::pair<std::string, std::string>> headers{};
  std::string body{};
};

// A connection to 127.0.0.1:port that sends requests one after the other (keep-alive) and
// reconnects when the server closed it.
class HttpConnection {
 public:
  explicit HttpConnection(int port, std::chrono::milliseconds timeout = std::chrono::seconds(30));
  ~HttpConnection();
  HttpConnection(const HttpConnection&) = delete;
  HttpConnection& operator=(const HttpConnection&) = delete;

  HttpReply send(const HttpRequest& request);

 private:
  bool connect(std::string& error);
  void disconnect();

  int port_;
  std::chrono::milliseconds timeout_;
  int fd_ = -1;
};

// One request on its own connection.
HttpReply http_send(int port, const HttpRequest& request,
                    std::chrono::milliseconds timeout = std::chrono::seconds(30));
HttpReply http_get(int port, const std::string& path,
                   std::chrono::milliseconds timeout = std::chrono::seconds(5));
// POST with `Authorization: Bearer <token>` (none when token is empty).
HttpReply http_post(int port, const std::string& path, const std::string& body,
                    const std::string& token, const std::string& content_type = "application/json",
                    std::chrono::milliseconds timeout = std::chrono::seconds(30));

}  // namespace samsag::testing
