#include "core/http/server.h"

#include <algorithm>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <optional>
#include <thread>
#include <vector>

#include "core/http/server_core.h"
#include "core/log/log.h"

namespace samsag::http {
namespace {

namespace asio = boost::asio;
using tcp = asio::ip::tcp;

// Accepts connections until closed; each becomes a session on a strand of its own.
class Listener : public std::enable_shared_from_this<Listener> {
 public:
  Listener(detail::ServerCore& core, tcp::acceptor acceptor)
      : core_(core), acceptor_(std::move(acceptor)), retry_(acceptor_.get_executor()) {}

  void accept() {
    acceptor_.async_accept(
        asio::make_strand(core_.io),
        [self = shared_from_this()](boost::system::error_code ec, tcp::socket socket) {
          self->on_accept(ec, std::move(socket));
        });
  }

  void close() {
    asio::post(acceptor_.get_executor(), [self = shared_from_this()] {
      boost::system::error_code ignored;
      self->acceptor_.close(ignored);
      self->retry_.cancel();
    });
  }

 private:
  void on_accept(boost::system::error_code ec, tcp::socket socket) {
    if (!acceptor_.is_open()) return;
    if (ec) {
      // Out of file descriptors, typically: retrying at once would spin.
      log::warn("http accept failed", {{"server", core_.options.name}, {"error", ec.message()}});
      retry_.expires_after(std::chrono::milliseconds(100));
      retry_.async_wait([self = shared_from_this()](boost::system::error_code wait_error) {
        if (!wait_error) self->accept();
      });
      return;
    }
    // Answers are written once per request: Nagle would only hold back the tail of a large one
    // until the client's delayed ACK (40 ms on Linux).
    boost::system::error_code ignored;
    socket.set_option(tcp::no_delay(true), ignored);
    detail::start_session(core_, std::move(socket));
    accept();
  }

  detail::ServerCore& core_;
  tcp::acceptor acceptor_;
  asio::steady_timer retry_;
};

Error listen_error(const ServerOptions& options, const std::string& why) {
  return make_error("HTTP_LISTEN_FAILED", "The " + options.name + " server cannot listen on " +
                                              options.host + ":" + std::to_string(options.port) +
                                              ": " + why + ".");
}

}  // namespace

struct Server::Impl {
  std::shared_ptr<detail::ServerCore> core;
  // Keeps the io threads running until stop() has drained the sessions, even at moments when no
  // I/O is pending (a handler still working on its answer, a shutdown not yet delivered).
  std::optional<asio::executor_work_guard<asio::io_context::executor_type>> keep_running;
  std::shared_ptr<Listener> listener;
  std::vector<std::thread> threads;
  std::uint16_t port = 0;
  bool stopped = false;
};

Result<std::unique_ptr<Server>> Server::start(ServerOptions options, Router router) {
  auto impl = std::make_unique<Impl>();
  impl->core = std::make_shared<detail::ServerCore>(std::move(options), std::move(router));
  detail::ServerCore& core = *impl->core;
  const ServerOptions& opts = core.options;
  if (opts.tls) {
    auto tls = detail::make_tls_context(*opts.tls);
    if (!tls) return tls.error();
    core.tls = std::move(*tls);
  }

  boost::system::error_code ec;
  tcp::resolver resolver(core.io);
  const auto endpoints =
      resolver.resolve(opts.host, std::to_string(opts.port), tcp::resolver::passive, ec);
  if (ec || endpoints.empty()) return listen_error(opts, ec ? ec.message() : "no address");
  const tcp::endpoint endpoint = endpoints.begin()->endpoint();

  tcp::acceptor acceptor(asio::make_strand(core.io));
  if (acceptor.open(endpoint.protocol(), ec) ||
      acceptor.set_option(asio::socket_base::reuse_address(true), ec) ||
      acceptor.bind(endpoint, ec) ||
      acceptor.listen(asio::socket_base::max_listen_connections, ec)) {
    return listen_error(opts, ec.message());
  }
  impl->port = acceptor.local_endpoint(ec).port();
  if (ec) return listen_error(opts, ec.message());

  impl->listener = std::make_shared<Listener>(core, std::move(acceptor));
  impl->listener->accept();
  impl->keep_running.emplace(core.io.get_executor());
  const int threads = std::max(1, opts.io_threads);
  for (int i = 0; i < threads; ++i) {
    impl->threads.emplace_back([&core] { core.io.run(); });
  }
  log::info("http server listening", {{"server", opts.name},
                                      {"address", endpoint.address().to_string()},
                                      {"port", impl->port},
                                      {"tls", opts.tls.has_value()}});
  return std::unique_ptr<Server>(new Server(std::move(impl)));
}

Server::Server(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

Server::~Server() {
  try {
    stop();
  } catch (const std::exception& e) {  // joining a thread or locking failed: nothing left to do
    log::error("http server did not stop cleanly", {{"error", e.what()}});
  }
}

std::uint16_t Server::port() const { return impl_->port; }

void Server::stop() {
  if (impl_->stopped) return;
  impl_->stopped = true;
  detail::ServerCore& core = *impl_->core;
  std::vector<std::shared_ptr<detail::SessionBase>> live;
  {
    std::lock_guard lock(core.mutex);
    core.stopping = true;
    for (const auto& [unused, session] : core.sessions) {
      if (auto locked = session.lock()) live.push_back(std::move(locked));
    }
  }
  impl_->listener->close();
  for (const auto& session : live) session->begin_shutdown();
  live.clear();  // holding them would keep them from finishing

  const auto deadline = std::chrono::steady_clock::now() + core.options.drain_timeout;
  bool drained = false;
  {
    std::unique_lock lock(core.mutex);
    drained = core.sessions_gone.wait_until(lock, deadline, [&] { return core.sessions.empty(); });
  }
  if (!drained) {
    log::warn("http server stopped before every request was answered",
              {{"server", core.options.name}});
  }
  impl_->keep_running.reset();
  core.io.stop();
  for (std::thread& thread : impl_->threads) thread.join();
  log::info("http server stopped", {{"server", core.options.name}});
}

}  // namespace samsag::http
