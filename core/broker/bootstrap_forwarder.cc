#include "core/broker/bootstrap_forwarder.h"

#include <algorithm>
#include <array>
#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/write.hpp>
#include <chrono>
#include <exception>
#include <iostream>
#include <thread>

namespace samsag::broker {
namespace {

namespace asio = boost::asio;
using tcp = asio::ip::tcp;
using boost::system::error_code;

// Kafka requests and responses are framed by the peers, not by us: any chunk size works, and
// 64 KiB moves a large fetch response in few round trips.
constexpr std::size_t kBufferBytes = std::size_t{64} * 1024;

}  // namespace

// One relayed connection. Two pumps run at once, client to broker and broker to client; each reads
// into its own buffer and writes all of it before reading again, so a slow reader slows its
// sender instead of growing memory. End of stream on one side is passed on as a half close; any
// error closes both sockets, which ends the other pump too. Every pending operation holds a
// shared_ptr, so the relay lives exactly as long as something is in flight.
class BootstrapForwarder::Relay : public std::enable_shared_from_this<Relay> {
 public:
  Relay(tcp::socket client, std::vector<tcp::endpoint> targets)
      : client_(std::move(client)), broker_(client_.get_executor()), targets_(std::move(targets)) {}

  void start() {
    asio::async_connect(broker_, targets_,
                        [self = shared_from_this()](const error_code& ec, const tcp::endpoint&) {
                          if (ec) {
                            // Every mock broker refused: the client sees its connection close and
                            // retries, as it would with a real cluster that is down.
                            self->close();
                            return;
                          }
                          error_code ignored;
                          self->client_.set_option(tcp::no_delay(true), ignored);
                          self->broker_.set_option(tcp::no_delay(true), ignored);
                          self->pump(self->client_, self->broker_, self->upstream_);
                          self->pump(self->broker_, self->client_, self->downstream_);
                        });
  }

  // Idempotent; callable only on the forwarder's thread.
  void close() {
    error_code ignored;
    client_.close(ignored);
    broker_.close(ignored);
  }

 private:
  using Buffer = std::array<char, kBufferBytes>;

  void pump(tcp::socket& from, tcp::socket& to, Buffer& buffer) {
    from.async_read_some(asio::buffer(buffer), [self = shared_from_this(), &from, &to, &buffer](
                                                   const error_code& ec, std::size_t bytes) {
      if (ec == asio::error::eof) {
        error_code ignored;
        to.shutdown(tcp::socket::shutdown_send, ignored);
        return;
      }
      if (ec) {
        self->close();
        return;
      }
      asio::async_write(to, asio::buffer(buffer.data(), bytes),
                        [self, &from, &to, &buffer](const error_code& write_ec, std::size_t) {
                          if (write_ec) {
                            self->close();
                            return;
                          }
                          self->pump(from, to, buffer);
                        });
    });
  }

  tcp::socket client_;
  tcp::socket broker_;
  std::vector<tcp::endpoint> targets_;
  Buffer upstream_{};    // client to broker
  Buffer downstream_{};  // broker to client
};

struct BootstrapForwarder::Impl {
  asio::io_context io{1};
  tcp::acceptor acceptor{io};
  std::vector<tcp::endpoint> targets;
  std::size_t next_target = 0;
  // Live relays, so stop() can close them; expired entries are pruned on each accept.
  std::vector<std::weak_ptr<Relay>> relays;
  // Paces accepting after an error such as "too many open files", which would otherwise repeat
  // at once and spin.
  asio::steady_timer accept_pause{io};
  std::thread thread;

  void accept() {
    acceptor.async_accept([this](const error_code& ec, tcp::socket socket) {
      if (!acceptor.is_open()) {
        return;  // stop() closed it
      }
      if (!ec) {
        relay(std::move(socket));
        accept();
        return;
      }
      // Out of file descriptors and the like: this connection is lost, the listener is not.
      std::cerr << "samsag broker: bootstrap listener could not accept a connection: "
                << ec.message() << "\n";
      accept_pause.expires_after(std::chrono::milliseconds(100));
      accept_pause.async_wait([this](const error_code& wait_ec) {
        if (!wait_ec && acceptor.is_open()) {
          accept();
        }
      });
    });
  }

  void relay(tcp::socket socket) {
    std::vector<tcp::endpoint> order(targets.size());
    std::rotate_copy(targets.begin(), targets.begin() + static_cast<std::ptrdiff_t>(next_target),
                     targets.end(), order.begin());
    next_target = (next_target + 1) % targets.size();

    std::erase_if(relays, [](const std::weak_ptr<Relay>& relay) { return relay.expired(); });
    auto relay = std::make_shared<Relay>(std::move(socket), std::move(order));
    relays.push_back(relay);
    relay->start();
  }

  // Runs on the forwarder's thread; afterwards nothing is pending and io.run() returns.
  void stop() {
    error_code ignored;
    acceptor.close(ignored);
    accept_pause.cancel();
    for (const auto& weak : relays) {
      if (auto relay = weak.lock()) {
        relay->close();
      }
    }
    relays.clear();
  }
};

Result<std::unique_ptr<BootstrapForwarder>> BootstrapForwarder::start(
    const config::HostPort& listen, const std::vector<config::HostPort>& targets) {
  auto impl = std::make_unique<Impl>();
  tcp::resolver resolver(impl->io);
  error_code ec;

  for (const auto& target : targets) {
    const auto resolved = resolver.resolve(target.host, std::to_string(target.port), ec);
    if (ec) {
      return make_error("INVALID_ENDPOINT", "broker address " + target.to_string() +
                                                " does not resolve: " + ec.message());
    }
    for (const auto& entry : resolved) {
      impl->targets.push_back(entry.endpoint());
    }
  }
  if (impl->targets.empty()) {
    return make_error("INVALID_ENDPOINT", "the bootstrap listener has no broker to forward to");
  }

  const auto listen_error = [&listen](const error_code& error) {
    return make_error("LISTEN_FAILED",
                      "cannot listen on " + listen.to_string() + ": " + error.message());
  };
  const auto resolved =
      resolver.resolve(listen.host, std::to_string(listen.port), tcp::resolver::passive, ec);
  if (ec || resolved.empty()) {
    return listen_error(ec);
  }
  const tcp::endpoint local = resolved.begin()->endpoint();
  impl->acceptor.open(local.protocol(), ec);
  if (!ec) {
    // A broker restarted right after a stop must get its port back despite TIME_WAIT.
    impl->acceptor.set_option(tcp::acceptor::reuse_address(true), ec);
  }
  if (!ec) {
    impl->acceptor.bind(local, ec);
  }
  if (!ec) {
    impl->acceptor.listen(asio::socket_base::max_listen_connections, ec);
  }
  if (ec) {
    return listen_error(ec);
  }
  const auto bound_port = impl->acceptor.local_endpoint(ec).port();
  if (ec) {
    return listen_error(ec);
  }

  impl->accept();
  impl->thread = std::thread([io = &impl->io] { io->run(); });
  return std::unique_ptr<BootstrapForwarder>(
      new BootstrapForwarder(std::move(impl), config::HostPort{listen.host, bound_port}));
}

BootstrapForwarder::BootstrapForwarder(std::unique_ptr<Impl> impl, config::HostPort listening_on)
    : impl_(std::move(impl)), listening_on_(std::move(listening_on)) {}

BootstrapForwarder::~BootstrapForwarder() {
  try {
    asio::post(impl_->io, [impl = impl_.get()] { impl->stop(); });
    impl_->thread.join();
  } catch (const std::exception& error) {
    // Only out of memory or a broken thread library gets here; the relays still reference the
    // io_context, so there is no safe way on.
    std::cerr << "samsag broker: cannot stop the bootstrap listener: " << error.what() << "\n";
    std::terminate();
  }
}

}  // namespace samsag::broker
