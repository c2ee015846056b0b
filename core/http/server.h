// The HTTP/1.1 server every samsag process uses (admin endpoint, adapters' HTTP sources, the
// coordinator API): Boost.Beast underneath, in the shape of Beast's async server example, kept out
// of this header because Beast is slow to compile.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "core/base/result.h"
#include "core/http/router.h"

namespace samsag::http {

// PEM files of a TLS server (the config's samsag.config.v1.Tls).
struct TlsFiles {
  std::string certificate_file;  // certificate chain
  std::string private_key_file;
  std::string client_ca_file;  // set: clients must present a certificate chaining to it (mTLS)
};

// An answer the server gave on its own, before any handler saw the request: 400 for bytes that
// are not HTTP/1.1, 413 for a body over the limit, 431 for headers over the limit, 404 and 405 for
// a path no route takes.
struct Refusal {
  int status = 0;
  std::string method;      // "other" when the request line could not be read
  std::string path;        // empty when the request line could not be read
  std::string request_id;  // the X-Request-Id answered
};

struct ServerOptions {
  // Names the server in logs and in the samsag_http_requests_total metric ("admin", "api").
  std::string name = "http";
  std::string host = "127.0.0.1";  // an address, or a name whose first address is bound
  std::uint16_t port = 0;          // 0: any free port, see Server::port()
  int io_threads = 1;
  // Larger bodies are refused with 413 before they are read.
  std::size_t body_limit = 1024 * 1024;
  // A connection must deliver a request's headers within this time of becoming ready for it
  // (also how long an idle keep-alive connection stays open), and the body within body_timeout.
  // Slow clients are disconnected, so they cannot hold connections open.
  std::chrono::milliseconds header_timeout{10'000};
  std::chrono::milliseconds body_timeout{30'000};
  std::chrono::milliseconds write_timeout{30'000};
  // stop() lets requests in flight finish for this long before it cuts connections.
  std::chrono::milliseconds drain_timeout{5'000};
  std::optional<TlsFiles> tls;
  // Headers put on every response, the server's own 404, 405 and 413 included, unless the
  // response sets that header itself: a page's security headers (CSP, nosniff, Referrer-Policy).
  NameValues response_headers;
  // Called on an io thread for every Refusal, after the answer is queued; must not block (the
  // coordinator API records them in its audit log).
  std::function<void(const Refusal&)> on_refusal;
};

class Server {
 public:
  // Binds, listens and starts the io threads. Errors: HTTP_LISTEN_FAILED (address in use,
  // unresolvable host), HTTP_TLS_INVALID (unreadable or mismatched certificate or key).
  static Result<std::unique_ptr<Server>> start(ServerOptions options, Router router);

  ~Server();  // stop()
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // The bound port, useful when options.port was 0.
  std::uint16_t port() const;

  // Graceful stop: no new connections, idle ones closed, requests in flight answered (up to
  // drain_timeout), then the io threads end. Idempotent. Do not call from a handler.
  void stop();

  struct Impl;

 private:
  explicit Server(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace samsag::http
