// What the listener, the sessions and the exchanges of one server share. Internal to core/http;
// this is where Boost.Asio comes in.
#pragma once

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl/context.hpp>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <unordered_map>

#include "core/http/router.h"
#include "core/http/server.h"

namespace samsag::http::detail {

// One connection, as far as the server needs to reach it.
class SessionBase : public std::enable_shared_from_this<SessionBase> {
 public:
  virtual ~SessionBase() = default;
  // Safe from any thread: an idle connection closes, one in the middle of a request finishes it
  // and then closes, an event stream ends.
  virtual void begin_shutdown() = 0;
};

struct ServerCore : std::enable_shared_from_this<ServerCore> {
  ServerCore(ServerOptions options_in, Router router_in)
      : options(std::move(options_in)), router(std::move(router_in)) {}

  const ServerOptions options;
  const Router router;  // read-only once serving, so io threads share it without a lock

  // Live sessions, so stop() can reach them. Declared before the io_context: sessions still queued
  // in it unregister themselves while it is destroyed.
  std::mutex mutex;
  std::condition_variable sessions_gone;
  bool stopping = false;
  std::unordered_map<SessionBase*, std::weak_ptr<SessionBase>> sessions;

  std::unique_ptr<boost::asio::ssl::context> tls;  // null for plain HTTP; outlives every session
  boost::asio::io_context io;
};

// Starts serving one accepted connection; refuses (closes) it when the server is stopping.
void start_session(ServerCore& core, boost::asio::ip::tcp::socket socket);

// Server-side TLS from PEM files. Error code HTTP_TLS_INVALID.
Result<std::unique_ptr<boost::asio::ssl::context>> make_tls_context(const TlsFiles& files);

}  // namespace samsag::http::detail
