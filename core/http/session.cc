// One connection of the HTTP server, after Beast's async server example: read a request,
// hand it to its handler, write the answer when the handler gives it (from any thread), repeat
// while keep-alive holds. Every step runs on the connection's strand.
#include <openssl/ssl.h>
#include <openssl/x509.h>
#include <prometheus/counter.h>

#include <algorithm>
#include <array>
#include <boost/asio/dispatch.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <chrono>
#include <cstdio>
#include <deque>
#include <optional>
#include <string>
#include <type_traits>

#include "core/http/exchange.h"
#include "core/http/server_core.h"
#include "core/log/log.h"
#include "core/metrics/metrics.h"

namespace samsag::http::detail {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace wire = boost::beast::http;
using tcp = asio::ip::tcp;
using Clock = std::chrono::steady_clock;

// A slow event-stream reader gets this many frames of slack before it is dropped.
constexpr std::size_t kMaxQueuedFrames = 1024;

prometheus::Family<prometheus::Counter>& requests_answered() {
  static auto& family = prometheus::BuildCounter()
                            .Name("samsag_http_requests_total")
                            .Help("HTTP requests answered, by server, method, route and status.")
                            .Register(metrics::registry());
  return family;
}

// Methods are client-chosen text: anything unusual is counted as "other" to bound the labels.
std::string_view bounded_method(std::string_view method) {
  for (const std::string_view known :
       {"GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS"}) {
    if (method == known) return known;
  }
  return "other";
}

// A header value must not end the header line early (response splitting).
std::string single_line(std::string_view value) {
  std::string out(value);
  for (char& c : out) {
    if (c == '\r' || c == '\n') c = ' ';
  }
  return out;
}

std::string peer_subject(SSL* ssl) {
  X509* certificate = SSL_get1_peer_certificate(ssl);
  if (certificate == nullptr) return {};
  std::string subject;
  if (BIO* bio = BIO_new(BIO_s_mem())) {
    X509_NAME_print_ex(bio, X509_get_subject_name(certificate), 0, XN_FLAG_RFC2253);
    char* data = nullptr;
    const long length = BIO_get_mem_data(bio, &data);
    if (length > 0) subject.assign(data, static_cast<std::size_t>(length));
    BIO_free(bio);
  }
  X509_free(certificate);
  return subject;
}

std::string chunk(std::string_view bytes) {
  std::array<char, 20> size{};
  const int length = std::snprintf(size.data(), size.size(), "%zx\r\n", bytes.size());
  std::string out(size.data(), static_cast<std::size_t>(length));
  out.append(bytes).append("\r\n");
  return out;
}

class StreamChannelImpl;

// What exchanges and event streams need of a connection; every call posts to its strand.
class Connection : public SessionBase {
 public:
  virtual void post_response(Response response) = 0;
  virtual void post_stream_head(Response head, std::weak_ptr<StreamChannelImpl> channel) = 0;
  virtual void post_stream_bytes(std::string bytes) = 0;
  virtual void post_stream_end() = 0;
};

class StreamChannelImpl final : public StreamChannel {
 public:
  StreamChannelImpl(std::shared_ptr<ServerCore> core, std::shared_ptr<Connection> connection)
      : core_(std::move(core)), connection_(std::move(connection)) {}
  ~StreamChannelImpl() override { close(); }

  bool write(std::string bytes) override {
    if (!open_) return false;
    connection_->post_stream_bytes(std::move(bytes));
    return true;
  }
  void close() override {
    if (open_.exchange(false)) connection_->post_stream_end();
  }
  bool is_open() const override { return open_; }
  // The connection saw the client go; nothing will be written any more.
  void mark_closed() { open_ = false; }

 private:
  std::shared_ptr<ServerCore> core_;  // first, so the io_context outlives the connection
  std::shared_ptr<Connection> connection_;
  std::atomic<bool> open_{true};
};

class ExchangeImpl final : public Exchange {
 public:
  ExchangeImpl(std::shared_ptr<ServerCore> core, std::shared_ptr<Connection> connection)
      : core_(std::move(core)), connection_(std::move(connection)) {}

  ~ExchangeImpl() override {
    if (!answered_.exchange(true)) {
      log::error("http handler dropped a request without answering it");
      connection_->post_response(Response::text(500, "The server did not answer this request.\n"));
    }
  }

  bool respond(Response response) override {
    if (answered_.exchange(true)) return false;
    connection_->post_response(std::move(response));
    return true;
  }

  std::shared_ptr<StreamChannel> open_stream(Response head) override {
    if (answered_.exchange(true)) return nullptr;
    auto channel = std::make_shared<StreamChannelImpl>(core_, connection_);
    connection_->post_stream_head(std::move(head), channel);
    return channel;
  }

 private:
  // First, so it is destroyed last: the io_context outlives the connection it serves.
  std::shared_ptr<ServerCore> core_;
  std::shared_ptr<Connection> connection_;
  std::atomic<bool> answered_{false};
};

template <class Stream>
class Session final : public Connection {
 public:
  static constexpr bool kTls = !std::is_same_v<Stream, beast::tcp_stream>;

  Session(ServerCore& core, tcp::socket&& socket) requires(!kTls)
      : core_(core), stream_(std::move(socket)) {}
  Session(ServerCore& core, tcp::socket&& socket) requires(kTls)
      : core_(core), stream_(std::move(socket), *core.tls) {}

  ~Session() override {
    std::lock_guard lock(core_.mutex);
    core_.sessions.erase(this);
    if (core_.sessions.empty()) core_.sessions_gone.notify_all();
  }

  void start() {
    asio::dispatch(stream_.get_executor(), [self = self()] { self->on_start(); });
  }

  void begin_shutdown() override {
    asio::post(stream_.get_executor(), [self = self()] { self->on_shutdown(); });
  }

  void post_response(Response response) override {
    asio::post(stream_.get_executor(), [self = self(), response = std::move(response)]() mutable {
      self->write_response(std::move(response));
    });
  }

  void post_stream_head(Response head, std::weak_ptr<StreamChannelImpl> channel) override {
    asio::post(stream_.get_executor(),
               [self = self(), head = std::move(head), channel = std::move(channel)]() mutable {
                 self->start_stream(std::move(head), std::move(channel));
               });
  }

  void post_stream_bytes(std::string bytes) override {
    asio::post(stream_.get_executor(), [self = self(), bytes = std::move(bytes)]() mutable {
      self->queue_frame(chunk(bytes));
    });
  }

  void post_stream_end() override {
    asio::post(stream_.get_executor(), [self = self()] {
      self->stream_end_requested_ = true;
      self->write_next_frame();
    });
  }

 private:
  enum class State { kStarting, kReading, kHandling, kWriting, kStreaming, kClosing };

  std::shared_ptr<Session> self() {
    return std::static_pointer_cast<Session>(this->shared_from_this());
  }
  beast::tcp_stream& lowest() { return beast::get_lowest_layer(stream_); }
  const ServerOptions& options() const { return core_.options; }

  void on_start() {
    boost::system::error_code ec;
    const tcp::endpoint peer = lowest().socket().remote_endpoint(ec);
    if (!ec) {
      const std::string address = peer.address().to_string();
      remote_address_ = (peer.address().is_v6() ? "[" + address + "]" : address) + ":" +
                        std::to_string(peer.port());
    }
    if (stopping_) return finish();
    if constexpr (kTls) {
      lowest().expires_after(options().header_timeout);
      stream_.async_handshake(
          asio::ssl::stream_base::server,
          [self = self()](boost::system::error_code error) { self->on_handshake(error); });
    } else {
      read_header();
    }
  }

  void on_handshake(boost::system::error_code ec) {
    if (ec) {
      log::debug("tls handshake failed", {{"server", options().name}, {"error", ec.message()}});
      return finish();
    }
    if constexpr (kTls) client_subject_ = peer_subject(stream_.native_handle());
    read_header();
  }

  void read_header() {
    if (stopping_) return close();
    state_ = State::kReading;
    parser_.emplace();
    parser_->body_limit(options().body_limit);
    lowest().expires_after(options().header_timeout);
    wire::async_read_header(stream_, buffer_, *parser_,
                            [self = self()](boost::system::error_code ec, std::size_t) {
                              if (ec) return self->on_read_error(ec);
                              self->on_header();
                            });
  }

  void on_header() {
    // curl and others wait for "100 Continue" before sending a larger body.
    const auto expect = parser_->get()[wire::field::expect];
    if (beast::iequals(expect, "100-continue") && !parser_->is_done()) {
      static constexpr std::string_view kContinue = "HTTP/1.1 100 Continue\r\n\r\n";
      lowest().expires_after(options().write_timeout);
      asio::async_write(stream_, asio::buffer(kContinue.data(), kContinue.size()),
                        [self = self()](boost::system::error_code ec, std::size_t) {
                          if (ec) return self->finish();
                          self->read_body();
                        });
      return;
    }
    read_body();
  }

  void read_body() {
    if (parser_->is_done()) return on_request();
    lowest().expires_after(options().body_timeout);
    wire::async_read(stream_, buffer_, *parser_,
                     [self = self()](boost::system::error_code ec, std::size_t) {
                       if (ec) return self->on_read_error(ec);
                       self->on_request();
                     });
  }

  void on_read_error(boost::system::error_code ec) {
    if (ec == beast::error::timeout) {
      // Beast closed the socket already; a client this slow would not read a 408 either.
      log::debug("http client too slow, connection closed", {{"server", options().name}});
      return finish();
    }
    if (ec == wire::error::body_limit) {
      return reject(413, "The request body is larger than the limit of " +
                             std::to_string(options().body_limit) + " bytes.\n");
    }
    if (ec == wire::error::header_limit) return reject(431, "The request headers are too large.\n");
    const bool http_error =
        ec.category() == wire::make_error_code(wire::error::bad_method).category();
    if (http_error && ec != wire::error::end_of_stream && ec != wire::error::partial_message) {
      return reject(400, "The request is not valid HTTP/1.1.\n");
    }
    finish();  // the client closed or reset the connection, or the server is stopping
  }

  // Answers a request that could not be read, then closes.
  void reject(int status, std::string text) {
    state_ = State::kHandling;
    keep_alive_ = false;
    linger_ = true;
    request_id_ = new_request_id();
    method_ = parser_ && parser_->is_header_done() ? std::string(parser_->get().method_string())
                                                   : std::string("other");
    route_.clear();
    started_ = Clock::now();
    // Beast stores the target once the request line is complete, before the header fields.
    auto refusal = refusal_of(status, parser_ ? std::string(parser_->get().target()) : "");
    write_response(Response::text(status, std::move(text)));
    report(refusal);
  }

  // Taken before the answer is written: once it is, the connection may read its next request.
  Refusal refusal_of(int status, std::string target) const {
    target.resize(std::min(target.find('?'), target.size()));
    return Refusal{
        .status = status, .method = method_, .path = std::move(target), .request_id = request_id_};
  }
  void report(const Refusal& refusal) const {
    if (options().on_refusal) options().on_refusal(refusal);
  }

  void on_request() {
    state_ = State::kHandling;
    wire::request<wire::string_body> message = parser_->release();
    keep_alive_ = message.keep_alive();
    Request request;
    request.method = std::string(message.method_string());
    request.target = std::string(message.target());
    const std::size_t question = request.target.find('?');
    request.path = request.target.substr(0, question);
    if (question != std::string::npos)
      request.query = parse_query(request.target.substr(question + 1));
    for (const auto& field : message) {
      request.headers.emplace_back(std::string(field.name_string()), std::string(field.value()));
    }
    request.body = std::move(message.body());
    request.remote_address = remote_address_;
    request.client_certificate_subject = client_subject_;
    request.request_id = request_id_ = new_request_id();
    method_ = request.method;
    started_ = Clock::now();

    Router::Match match = core_.router.match(request.method, request.path);
    route_ = match.handler ? std::string(match.pattern) : std::string();
    const Responder responder(std::make_shared<ExchangeImpl>(core_.shared_from_this(), self()));
    if (match.handler == nullptr) {
      const auto refusal = refusal_of(match.allowed_methods.empty() ? 404 : 405, request.path);
      answer_unrouted(match, responder);
      return report(refusal);
    }
    request.params = std::move(match.params);
    try {
      (*match.handler)(request, responder);
    } catch (const std::exception& e) {
      log::error("http handler failed", {{"server", options().name},
                                         {"route", route_},
                                         {"request_id", request_id_},
                                         {"error", e.what()}});
      responder.send(Response::text(500, "The server failed to answer this request.\n"));
    }
  }

  static void answer_unrouted(const Router::Match& match, const Responder& responder) {
    if (match.allowed_methods.empty()) {
      return responder.send(Response::text(404, "There is nothing at this path.\n"));
    }
    std::string allow;
    for (const std::string& method : match.allowed_methods) {
      allow.append(allow.empty() ? "" : ", ").append(method);
    }
    Response response = Response::text(405, "This path answers " + allow + " only.\n");
    response.headers.emplace_back("Allow", allow);
    responder.send(std::move(response));
  }

  template <class Body>
  void set_head(wire::response<Body>& message, const Response& response) {
    message.version(11);
    message.result(static_cast<unsigned>(response.status));
    message.set(wire::field::server, "samsag");
    message.set(wire::field::content_type, single_line(response.content_type));
    message.set("X-Request-Id", request_id_);
    for (const auto& [name, value] : response.headers)
      message.insert(single_line(name), single_line(value));
    for (const auto& [name, value] : options().response_headers) {
      if (message.find(single_line(name)) == message.end()) {
        message.insert(single_line(name), single_line(value));
      }
    }
  }

  void account(int status) {
    requests_answered()
        .Add({{"server", options().name},
              {"method", std::string(bounded_method(method_))},
              {"route", route_.empty() ? "unrouted" : route_},
              {"status", std::to_string(status)}})
        .Increment();
    if (log::enabled(log::Level::kDebug)) {
      const auto elapsed = std::chrono::duration<double, std::milli>(Clock::now() - started_);
      // The route, not the path: a path can carry a pseudonym, which is personal data.
      log::debug("http request answered", {{"server", options().name},
                                           {"method", bounded_method(method_)},
                                           {"route", route_},
                                           {"status", status},
                                           {"duration_ms", elapsed.count()},
                                           {"request_id", request_id_}});
    }
  }

  void write_response(Response response) {
    if (state_ != State::kHandling) return;  // the connection is gone
    state_ = State::kWriting;
    auto message = std::make_shared<wire::response<wire::string_body>>();
    set_head(*message, response);
    message->body() = std::move(response.body);
    message->keep_alive(keep_alive_ && !stopping_);
    message->prepare_payload();
    account(response.status);
    lowest().expires_after(options().write_timeout);
    wire::async_write(stream_, *message,
                      [self = self(), message](boost::system::error_code ec, std::size_t) {
                        if (ec) return self->finish();
                        if (!message->keep_alive() || self->stopping_) return self->close();
                        self->read_header();
                      });
  }

  // --- Server-Sent Events: a chunked body written frame by frame until either side ends it.

  void start_stream(Response head, std::weak_ptr<StreamChannelImpl> channel) {
    channel_ = std::move(channel);
    if (state_ != State::kHandling) return end_stream_abruptly();
    state_ = State::kStreaming;
    auto message = std::make_shared<wire::response<wire::empty_body>>();
    set_head(*message, head);
    message->chunked(true);
    message->keep_alive(false);
    auto serializer = std::make_shared<wire::response_serializer<wire::empty_body>>(*message);
    account(head.status);
    frame_writing_ = true;
    lowest().expires_after(options().write_timeout);
    wire::async_write_header(
        stream_, *serializer,
        [self = self(), message, serializer](boost::system::error_code ec, std::size_t) {
          self->frame_writing_ = false;
          if (ec) return self->end_stream_abruptly();
          self->watch_for_disconnect();
          if (self->stopping_) self->stream_end_requested_ = true;
          self->write_next_frame();
        });
  }

  // A client sends nothing on an event stream, so a read that completes means it went away.
  void watch_for_disconnect() {
    lowest().expires_never();
    stream_.async_read_some(
        asio::buffer(discard_),
        [self = self()](boost::system::error_code, std::size_t) { self->end_stream_abruptly(); });
  }

  void queue_frame(std::string frame) {
    if (state_ != State::kStreaming || stream_end_requested_ || last_frame_queued_) return;
    if (frames_.size() >= kMaxQueuedFrames) {
      log::warn("event stream client too slow, stream dropped", {{"server", options().name}});
      return end_stream_abruptly();
    }
    frames_.push_back(std::move(frame));
    write_next_frame();
  }

  void write_next_frame() {
    if (state_ != State::kStreaming || frame_writing_) return;
    if (frames_.empty()) {
      if (!stream_end_requested_ || last_frame_queued_) return;
      frames_.emplace_back("0\r\n\r\n");  // the last chunk
      last_frame_queued_ = true;
    }
    frame_writing_ = true;
    lowest().expires_after(options().write_timeout);
    asio::async_write(stream_, asio::buffer(frames_.front()),
                      [self = self()](boost::system::error_code ec, std::size_t) {
                        self->frame_writing_ = false;
                        if (ec) return self->end_stream_abruptly();
                        self->frames_.pop_front();
                        if (self->last_frame_queued_ && self->frames_.empty()) {
                          return self->end_stream_abruptly();  // complete: just close
                        }
                        self->write_next_frame();
                      });
  }

  void end_stream_abruptly() {
    if (auto channel = channel_.lock()) channel->mark_closed();
    if (state_ == State::kClosing) return;
    state_ = State::kClosing;
    boost::system::error_code ignored;
    lowest().socket().close(ignored);  // completes the pending read and write, if any
  }

  // --- Ending the connection.

  void on_shutdown() {
    stopping_ = true;
    switch (state_) {
      case State::kStarting:
      case State::kClosing:
        lowest().cancel();
        break;
      case State::kReading:
        // Idle keep-alive connections go now; a request already arriving is read and answered.
        if (!parser_ || !parser_->got_some()) lowest().cancel();
        break;
      case State::kHandling:
      case State::kWriting:
        break;  // closes after the answer is written
      case State::kStreaming:
        if (auto channel = channel_.lock()) channel->mark_closed();
        stream_end_requested_ = true;
        write_next_frame();
        break;
    }
  }

  // Ends the connection politely: TLS close_notify, or a TCP half-close.
  void close() {
    state_ = State::kClosing;
    if constexpr (kTls) {
      lowest().expires_after(options().write_timeout);
      stream_.async_shutdown([self = self()](boost::system::error_code) { self->finish(); });
    } else {
      boost::system::error_code ignored;
      lowest().socket().shutdown(tcp::socket::shutdown_send, ignored);
      // After a rejected request the client may still be sending; reading (and dropping) that
      // until it closes lets it see the answer instead of a reset.
      if (linger_) discard_until_closed();
    }
  }

  void discard_until_closed() {
    lowest().expires_after(options().header_timeout);
    lowest().async_read_some(asio::buffer(discard_),
                             [self = self()](boost::system::error_code ec, std::size_t) {
                               if (!ec) self->discard_until_closed();
                             });
  }

  // No more I/O; the socket closes when the last reference to the session goes.
  void finish() { state_ = State::kClosing; }

  ServerCore& core_;
  Stream stream_;
  beast::flat_buffer buffer_;
  std::optional<wire::request_parser<wire::string_body>> parser_;
  State state_ = State::kStarting;
  bool stopping_ = false;
  bool keep_alive_ = false;
  bool linger_ = false;
  std::string remote_address_;
  std::string client_subject_;
  std::array<char, 1024> discard_{};

  // The request being answered, for the X-Request-Id header, the metric and the access log.
  std::string request_id_;
  std::string method_;
  std::string route_;
  Clock::time_point started_;

  std::weak_ptr<StreamChannelImpl> channel_;
  std::deque<std::string> frames_;
  bool frame_writing_ = false;
  bool stream_end_requested_ = false;
  bool last_frame_queued_ = false;
};

template <class Stream>
void start(ServerCore& core, tcp::socket socket) {
  auto session = std::make_shared<Session<Stream>>(core, std::move(socket));
  {
    std::lock_guard lock(core.mutex);
    if (core.stopping) return;  // the session and its socket close as this returns
    core.sessions.emplace(session.get(), session);
  }
  session->start();
}

}  // namespace

void start_session(ServerCore& core, tcp::socket socket) {
  if (core.tls) {
    start<beast::ssl_stream<beast::tcp_stream>>(core, std::move(socket));
  } else {
    start<beast::tcp_stream>(core, std::move(socket));
  }
}

}  // namespace samsag::http::detail
