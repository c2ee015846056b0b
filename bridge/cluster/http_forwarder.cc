#include "bridge/cluster/http_forwarder.h"

#include <prometheus/counter.h>

#include <array>
#include <atomic>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <mutex>
#include <optional>
#include <string_view>
#include <thread>

#include "bridge/cluster/event_stream_parser.h"
#include "core/config/host_port.h"
#include "core/log/log.h"
#include "core/metrics/metrics.h"

namespace samsag::bridge {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace wire = boost::beast::http;
using tcp = asio::ip::tcp;

prometheus::Family<prometheus::Counter>& forwarded_requests() {
  static auto& family =
      prometheus::BuildCounter()
          .Name("samsag_bridge_forwarded_requests_total")
          .Help(
              "API requests forwarded to the bridge instance that owns the case, by outcome: "
              "answered, unreachable, timed_out, invalid_owner, stopped.")
          .Register(metrics::registry());
  return family;
}

void count(const char* outcome) { forwarded_requests().Add({{"outcome", outcome}}).Increment(); }

// The caller's headers that the owner needs to answer as it would have answered the caller.
constexpr std::array<std::string_view, 6> kPassedHeaders = {"Authorization", "X-Samsag-Purpose",
                                                            "Content-Type",  "Accept",
                                                            "If-None-Match", "Last-Event-ID"};

// The owner's headers that describe its connection, not its answer, or that this server sets.
bool is_own_header(std::string_view name) {
  constexpr std::array<std::string_view, 13> kOwn = {"content-type",
                                                     "content-length",
                                                     "transfer-encoding",
                                                     "connection",
                                                     "keep-alive",
                                                     "server",
                                                     "date",
                                                     "x-request-id",
                                                     "te",
                                                     "trailer",
                                                     "upgrade",
                                                     "proxy-authenticate",
                                                     "proxy-connection"};
  for (const auto own : kOwn) {
    if (beast::iequals(name, own)) return true;
  }
  return false;
}

struct Owner {
  std::string host;
  std::string port;
  std::string host_header;  // host:port as the Host header says it
};

std::optional<Owner> parse_base_url(std::string_view url) {
  constexpr std::string_view kScheme = "http://";
  if (!url.starts_with(kScheme)) return std::nullopt;
  url.remove_prefix(kScheme.size());
  if (url.ends_with('/')) url.remove_suffix(1);
  auto address = config::parse_host_port(url);
  if (!address) return std::nullopt;
  return Owner{address->host, std::to_string(address->port), address->to_string()};
}

// "ip:port" or "[ipv6]:port" as core/http reports the peer, without the port.
std::string peer_ip(std::string_view remote) {
  const auto colon = remote.rfind(':');
  if (colon != std::string_view::npos) remote = remote.substr(0, colon);
  if (remote.size() >= 2 && remote.front() == '[' && remote.back() == ']') {
    remote = remote.substr(1, remote.size() - 2);
  }
  return std::string(remote);
}

http::Response gateway_error(int status, std::string_view code, std::string_view message) {
  std::string body = R"({"error":")";
  body.append(code).append(R"(","message":")").append(message).append("\"}");
  auto response = http::Response::json(status, std::move(body));
  // Most often the owner is gone in a rebalance; its successor is known within seconds.
  response.headers.emplace_back("Retry-After", "2");
  return response;
}

wire::request<wire::string_body> outgoing_request(const http::Request& request,
                                                  const Owner& owner) {
  wire::request<wire::string_body> message;
  const auto verb = wire::string_to_verb(request.method);
  if (verb == wire::verb::unknown) {
    message.method_string(request.method);
  } else {
    message.method(verb);
  }
  message.target(request.target);
  message.version(11);
  message.set(wire::field::host, owner.host_header);
  message.set(wire::field::connection, "close");
  message.set(kForwardedHeader, "1");
  if (!request.remote_address.empty()) {
    message.set("X-Forwarded-For", peer_ip(request.remote_address));
  }
  for (const auto name : kPassedHeaders) {
    if (auto value = request.header(name)) message.set(name, *value);
  }
  message.body() = request.body;
  message.prepare_payload();
  return message;
}

// One forwarded request: resolve, connect, write, read the answer (or relay an event stream),
// answer the caller. Lives as long as an operation of it is pending on the forwarder's thread.
class ForwardedExchange : public std::enable_shared_from_this<ForwardedExchange> {
 public:
  ForwardedExchange(asio::io_context& io, const HttpForwarderOptions& options, Owner owner,
                    wire::request<wire::string_body> request, http::Responder responder)
      : options_(options),
        owner_(std::move(owner)),
        resolver_(io),
        stream_(io),
        request_(std::move(request)),
        responder_(std::move(responder)) {
    parser_.body_limit(options_.body_limit);
    if (request_.method() == wire::verb::head) parser_.skip(true);
  }
  ~ForwardedExchange() { relay_.close(); }
  ForwardedExchange(const ForwardedExchange&) = delete;
  ForwardedExchange& operator=(const ForwardedExchange&) = delete;

  void start() {
    resolver_.async_resolve(owner_.host, owner_.port,
                            [self = shared_from_this()](beast::error_code error,
                                                        const tcp::resolver::results_type& found) {
                              if (error) return self->fail("resolve", error);
                              self->connect(found);
                            });
  }

 private:
  void connect(const tcp::resolver::results_type& found) {
    stream_.expires_after(options_.connect_timeout);
    stream_.async_connect(
        found, [self = shared_from_this()](beast::error_code error, const tcp::endpoint&) {
          if (error) return self->fail("connect", error);
          self->send();
        });
  }

  void send() {
    stream_.expires_after(options_.response_timeout);
    wire::async_write(stream_, request_,
                      [self = shared_from_this()](beast::error_code error, std::size_t) {
                        if (error) return self->fail("write", error);
                        self->read_header();
                      });
  }

  void read_header() {
    wire::async_read_header(
        stream_, buffer_, parser_,
        [self = shared_from_this()](beast::error_code error, std::size_t) {
          if (error) return self->fail("read", error);
          const auto& head = self->parser_.get();
          const auto type = head[wire::field::content_type];
          if (head.result_int() == 200 && type.starts_with("text/event-stream")) {
            return self->start_relay();
          }
          wire::async_read(self->stream_, self->buffer_, self->parser_,
                           [self](beast::error_code failed, std::size_t) {
                             if (failed) return self->fail("read", failed);
                             self->answer();
                           });
        });
  }

  http::NameValues relayed_headers(bool streaming) const {
    http::NameValues headers;
    for (const auto& field : parser_.get()) {
      const auto name = field.name_string();
      if (is_own_header(name) || (streaming && beast::iequals(name, "cache-control"))) continue;
      headers.emplace_back(std::string(name), std::string(field.value()));
    }
    // The owner's request id names its audit record; the caller gets this server's own id.
    const auto owner_request = parser_.get()["X-Request-Id"];
    if (!owner_request.empty()) {
      headers.emplace_back("X-Samsag-Owner-Request-Id", std::string(owner_request));
    }
    return headers;
  }

  void answer() {
    const auto& message = parser_.get();
    http::Response response;
    response.status = static_cast<int>(message.result_int());
    const auto type = message[wire::field::content_type];
    response.content_type = type.empty() ? "application/octet-stream" : std::string(type);
    response.headers = relayed_headers(/*streaming=*/false);
    response.body = std::move(parser_.get().body());
    count("answered");
    responder_.send(std::move(response));
    close_connection();
  }

  void start_relay() {
    count("answered");
    relay_ = responder_.stream(relayed_headers(/*streaming=*/true));
    parser_.body_limit(boost::none);  // a stream has no end; the parser's body is emptied as read
    if (relay_body()) read_stream();
  }

  void read_stream() {
    stream_.expires_after(options_.stream_idle_timeout);
    wire::async_read_some(stream_, buffer_, parser_,
                          [self = shared_from_this()](beast::error_code error, std::size_t) {
                            const bool open = self->relay_body();
                            if (error || self->parser_.is_done() || !open) {
                              self->relay_.close();
                              self->close_connection();
                              return;
                            }
                            self->read_stream();
                          });
  }

  // Hands what the owner streamed so far on to the caller; false once the caller has gone.
  bool relay_body() {
    auto& body = parser_.get().body();
    const auto items = events_.feed(body);
    body.clear();
    for (const auto& item : items) {
      const bool sent = item.kind == StreamItem::Kind::kComment
                            ? relay_.send_comment(item.data)
                            : relay_.send(item.event, item.data);
      if (!sent) return false;
    }
    return relay_.is_open();
  }

  void fail(const char* step, const beast::error_code& error) {
    const bool timed_out = error == beast::error::timeout;
    const bool oversized = error == wire::error::body_limit;
    count(timed_out ? "timed_out" : "unreachable");
    log::warn("a forwarded request got no answer from the case's owner",
              {{"owner", owner_.host_header},
               {"step", step},
               {"error", error.message()},
               {"timed_out", timed_out}});
    if (timed_out) {
      responder_.send(gateway_error(
          504, "OWNER_TIMED_OUT",
          "the bridge instance that owns this case did not answer in time; try again shortly"));
    } else if (oversized) {
      responder_.send(gateway_error(502, "OWNER_UNREACHABLE",
                                    "the answer of the bridge instance that owns this case is "
                                    "larger than this instance relays"));
    } else {
      responder_.send(gateway_error(
          502, "OWNER_UNREACHABLE",
          "the bridge instance that owns this case cannot be reached; try again shortly"));
    }
    close_connection();
  }

  void close_connection() {
    beast::error_code ignored;
    stream_.socket().shutdown(tcp::socket::shutdown_both, ignored);
    stream_.close();
  }

  const HttpForwarderOptions& options_;
  Owner owner_;
  tcp::resolver resolver_;
  beast::tcp_stream stream_;
  beast::flat_buffer buffer_;
  wire::request<wire::string_body> request_;
  wire::response_parser<wire::string_body> parser_;
  http::Responder responder_;
  http::EventStream relay_;
  EventStreamParser events_;
};

}  // namespace

struct HttpForwarder::Impl {
  explicit Impl(HttpForwarderOptions forwarder_options) : options(forwarder_options) {}

  const HttpForwarderOptions options;
  asio::io_context io{1};
  std::optional<asio::executor_work_guard<asio::io_context::executor_type>> work{io.get_executor()};
  std::atomic<bool> stopped{false};
  std::once_flag stop_once;
  std::thread thread{[this] { io.run(); }};  // last: starts once the rest exists
};

HttpForwarder::HttpForwarder(HttpForwarderOptions options)
    : impl_(std::make_unique<Impl>(options)) {}

HttpForwarder::~HttpForwarder() { stop(); }

void HttpForwarder::forward(const http::Request& request, const std::string& base_url,
                            http::Responder responder) {
  if (impl_->stopped.load()) {
    count("stopped");
    responder.send(gateway_error(503, "UNAVAILABLE", "this bridge instance is shutting down"));
    return;
  }
  auto owner = parse_base_url(base_url);
  if (!owner) {
    count("invalid_owner");
    log::warn("the owner of a case published an address that is not http://host:port",
              {{"address", base_url}});
    responder.send(gateway_error(502, "OWNER_UNREACHABLE",
                                 "the bridge instance that owns this case published no usable "
                                 "address"));
    return;
  }
  auto exchange = std::make_shared<ForwardedExchange>(
      impl_->io, impl_->options, *owner, outgoing_request(request, *owner), std::move(responder));
  asio::post(impl_->io, [exchange] { exchange->start(); });
}

void HttpForwarder::stop() {
  std::call_once(impl_->stop_once, [this] {
    impl_->stopped = true;
    impl_->work.reset();
    impl_->io.stop();
    if (impl_->thread.joinable()) impl_->thread.join();
  });
}

}  // namespace samsag::bridge
