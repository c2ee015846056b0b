#include "cli/up/http_call.h"

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http.hpp>

namespace samsag::cli::up {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;

// Runs one asynchronous step to its end on `io`: the stream's expiry bounds every step, which a
// synchronous Beast call could not do.
template <typename Start>
beast::error_code run_step(asio::io_context& io, Start start) {
  beast::error_code result = asio::error::would_block;
  start([&result](beast::error_code ec, auto&&...) { result = ec; });
  io.restart();
  io.run();
  return result;
}

}  // namespace

HttpAnswer http_call(const config::HostPort& address, const HttpCall& call,
                     std::chrono::milliseconds timeout) {
  HttpAnswer answer;
  asio::io_context io;
  tcp::resolver resolver(io);
  beast::error_code ec;
  const auto endpoints = resolver.resolve(address.host, std::to_string(address.port), ec);
  if (ec) {
    answer.error = "cannot resolve " + address.host + ": " + ec.message();
    return answer;
  }
  beast::tcp_stream stream(io);
  stream.expires_after(timeout);
  if (ec = run_step(io, [&](auto handler) { stream.async_connect(endpoints, handler); }); ec) {
    answer.error = "cannot connect to " + address.to_string() + ": " + ec.message();
    return answer;
  }

  http::request<http::string_body> request{http::string_to_verb(call.method), call.target, 11};
  request.set(http::field::host, address.to_string());
  request.set(http::field::user_agent, "samsag-up");
  if (!call.bearer_token.empty()) {
    request.set(http::field::authorization, "Bearer " + call.bearer_token);
  }
  if (!call.content_type.empty()) request.set(http::field::content_type, call.content_type);
  request.body() = call.body;
  request.prepare_payload();
  if (ec = run_step(io, [&](auto handler) { http::async_write(stream, request, handler); }); ec) {
    answer.error = "cannot send to " + address.to_string() + ": " + ec.message();
    return answer;
  }

  beast::flat_buffer buffer;
  http::response_parser<http::string_body> parser;
  parser.body_limit(64 * 1024 * 1024);  // /metrics of a busy process; everything else is small
  if (ec = run_step(io, [&](auto handler) { http::async_read(stream, buffer, parser, handler); });
      ec) {
    answer.error = "no answer from " + address.to_string() + ": " + ec.message();
    return answer;
  }
  auto response = parser.release();
  answer.status = static_cast<int>(response.result_int());
  answer.body = std::move(response.body());
  if (const auto found = response.find(http::field::retry_after); found != response.end()) {
    answer.retry_after = std::string(found->value());
  }
  stream.socket().shutdown(tcp::socket::shutdown_both, ec);
  return answer;
}

}  // namespace samsag::cli::up
