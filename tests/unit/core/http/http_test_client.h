// A blocking HTTP/1.1 client for the server tests: Beast over loopback, every operation bounded by
// a deadline (async operations on a private io_context run until they complete or time out).
#pragma once

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace samsag::http::testing {

using Reply = boost::beast::http::response<boost::beast::http::string_body>;

class TestClient {
 public:
  static constexpr std::chrono::seconds kDeadline{10};

  explicit TestClient(std::uint16_t port) : stream_(io_) {
    boost::asio::ip::tcp::endpoint server(boost::asio::ip::make_address("127.0.0.1"), port);
    stream_.expires_after(kDeadline);
    boost::system::error_code result;
    stream_.async_connect(server, [&](boost::system::error_code ec) { result = ec; });
    run();
    if (result) throw boost::system::system_error(result);
  }

  // Sends one request on this connection and reads the answer; nullopt when the connection ended.
  std::optional<Reply> request(std::string method, std::string target, std::string body = {},
                               std::vector<std::pair<std::string, std::string>> headers = {}) {
    boost::beast::http::request<boost::beast::http::string_body> message;
    message.method_string(method);
    message.target(target);
    message.version(11);
    message.set(boost::beast::http::field::host, "127.0.0.1");
    for (auto& [name, value] : headers) message.set(name, value);
    message.body() = std::move(body);
    message.prepare_payload();
    boost::system::error_code result;
    stream_.expires_after(kDeadline);
    boost::beast::http::async_write(
        stream_, message, [&](boost::system::error_code ec, std::size_t) { result = ec; });
    run();
    if (result) return std::nullopt;
    return read_reply();
  }

  std::optional<Reply> read_reply() {
    Reply reply;
    boost::system::error_code result;
    stream_.expires_after(kDeadline);
    boost::beast::http::async_read(stream_, buffer_, reply,
                                   [&](boost::system::error_code ec, std::size_t) { result = ec; });
    run();
    if (result) return std::nullopt;
    return reply;
  }

  // Writes bytes as they are, for requests no well-behaved client would send.
  bool send_raw(std::string_view bytes) {
    boost::system::error_code result;
    stream_.expires_after(kDeadline);
    boost::asio::async_write(stream_, boost::asio::buffer(bytes.data(), bytes.size()),
                             [&](boost::system::error_code ec, std::size_t) { result = ec; });
    run();
    return !result;
  }

  // Reads whatever arrives until the server closes the connection or `deadline` passes. The
  // error tells which: eof (or a reset) when the server closed, timeout when it did not.
  std::pair<std::string, boost::system::error_code> read_until_closed(
      std::chrono::milliseconds deadline = kDeadline) {
    std::string received(static_cast<const char*>(buffer_.data().data()), buffer_.size());
    buffer_.consume(buffer_.size());
    stream_.expires_after(deadline);
    boost::system::error_code result;
    std::array<char, 4096> chunk{};
    while (!result) {
      std::size_t got = 0;
      stream_.async_read_some(boost::asio::buffer(chunk),
                              [&](boost::system::error_code ec, std::size_t n) {
                                result = ec;
                                got = n;
                              });
      run();
      received.append(chunk.data(), got);
    }
    return {received, result};
  }

  // Reads until `needle` has arrived; false when the deadline passes or the connection ends first.
  bool read_until_contains(std::string& received, std::string_view needle) {
    stream_.expires_after(kDeadline);
    std::array<char, 4096> chunk{};
    while (received.find(needle) == std::string::npos) {
      boost::system::error_code result;
      std::size_t got = 0;
      stream_.async_read_some(boost::asio::buffer(chunk),
                              [&](boost::system::error_code ec, std::size_t n) {
                                result = ec;
                                got = n;
                              });
      run();
      received.append(chunk.data(), got);
      if (result) return received.find(needle) != std::string::npos;
    }
    return true;
  }

  void close() {
    boost::system::error_code ignored;
    stream_.socket().close(ignored);
  }

 private:
  void run() {
    io_.restart();
    io_.run();
  }

  boost::asio::io_context io_;
  boost::beast::tcp_stream stream_;
  boost::beast::flat_buffer buffer_;
};

}  // namespace samsag::http::testing
