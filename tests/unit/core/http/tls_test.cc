// HTTPS and mutual TLS. Keys and certificates are made at test time with the openssl CLI in a
// temporary directory; none are committed.
#include <gtest/gtest.h>

#include <boost/asio/ssl.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <optional>
#include <string>

#include "core/http/server.h"

namespace samsag::http {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace fs = std::filesystem;
using namespace std::chrono_literals;

class TlsTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    std::string pattern = (fs::temp_directory_path() / "samsag-tls-XXXXXX").string();
    ASSERT_NE(mkdtemp(pattern.data()), nullptr);
    dir_ = new fs::path(pattern);
    const std::string d = dir_->string();
    std::ofstream(*dir_ / "server.ext") << "subjectAltName=IP:127.0.0.1,DNS:localhost\n";
    std::ofstream(*dir_ / "client.ext") << "extendedKeyUsage=clientAuth\n";
    // EC keys: generated in milliseconds, unlike RSA.
    const std::string key = " -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes";
    const std::string commands =
        "cd " + d + " && openssl req -x509" + key +
        " -keyout ca.key -out ca.crt -subj /CN=samsag-test-ca -days 1 && "
        "openssl req" +
        key +
        " -keyout server.key -out server.csr -subj /CN=localhost && "
        "openssl x509 -req -in server.csr -CA ca.crt -CAkey ca.key -CAcreateserial "
        "-out server.crt -days 1 -extfile server.ext && "
        "openssl req" +
        key +
        " -keyout client.key -out client.csr -subj /CN=adapter-test && "
        "openssl x509 -req -in client.csr -CA ca.crt -CAkey ca.key -CAcreateserial "
        "-out client.crt -days 1 -extfile client.ext && "
        "openssl req -x509" +
        key + " -keyout other.key -out other.crt -subj /CN=other -days 1";
    ASSERT_EQ(std::system(("(" + commands + ") >/dev/null 2>&1").c_str()), 0)
        << "openssl could not make the test certificates";
  }
  static void TearDownTestSuite() {
    if (dir_ != nullptr) fs::remove_all(*dir_);
    delete dir_;
    dir_ = nullptr;
  }
  static std::string file(const char* name) { return (*dir_ / name).string(); }

  void start(bool mutual) {
    Router router;
    router.add("GET", "/whoami", [](const Request& request, Responder responder) {
      responder.send(Response::text(200, "subject=" + request.client_certificate_subject));
    });
    ServerOptions options;
    options.tls =
        TlsFiles{file("server.crt"), file("server.key"), mutual ? file("ca.crt") : std::string()};
    auto server = Server::start(options, std::move(router));
    ASSERT_TRUE(server) << server.error().message;
    server_ = std::move(*server);
  }

  // GET /whoami over TLS, trusting the test CA; nullopt when the handshake or request fails.
  std::optional<std::string> whoami(bool with_client_certificate) {
    asio::io_context io;
    asio::ssl::context context(asio::ssl::context::tls_client);
    context.load_verify_file(file("ca.crt"));
    context.set_verify_mode(asio::ssl::verify_peer);
    if (with_client_certificate) {
      context.use_certificate_chain_file(file("client.crt"));
      context.use_private_key_file(file("client.key"), asio::ssl::context::pem);
    }
    beast::ssl_stream<beast::tcp_stream> stream(io, context);
    beast::get_lowest_layer(stream).expires_after(10s);
    boost::system::error_code failure;
    beast::http::response<beast::http::string_body> reply;
    beast::flat_buffer buffer;
    beast::http::request<beast::http::string_body> request{beast::http::verb::get, "/whoami", 11};
    request.set(beast::http::field::host, "127.0.0.1");
    const asio::ip::tcp::endpoint server(asio::ip::make_address("127.0.0.1"), server_->port());
    beast::get_lowest_layer(stream).async_connect(server, [&](boost::system::error_code ec) {
      if (ec) return void(failure = ec);
      stream.async_handshake(asio::ssl::stream_base::client, [&](boost::system::error_code ec) {
        if (ec) return void(failure = ec);
        beast::http::async_write(stream, request, [&](boost::system::error_code ec, std::size_t) {
          if (ec) return void(failure = ec);
          beast::http::async_read(stream, buffer, reply,
                                  [&](boost::system::error_code ec, std::size_t) { failure = ec; });
        });
      });
    });
    io.run();
    if (failure) return std::nullopt;
    return reply.body();
  }

  static fs::path* dir_;
  std::unique_ptr<Server> server_;
};

fs::path* TlsTest::dir_ = nullptr;

TEST_F(TlsTest, ServesHttpsWithTheConfiguredCertificate) {
  ASSERT_NO_FATAL_FAILURE(start(/*mutual=*/false));
  EXPECT_EQ(whoami(/*with_client_certificate=*/false), "subject=");
}

TEST_F(TlsTest, RefusesClientsWithoutCertificateUnderMutualTls) {
  ASSERT_NO_FATAL_FAILURE(start(/*mutual=*/true));
  EXPECT_EQ(whoami(/*with_client_certificate=*/false), std::nullopt);
}

TEST_F(TlsTest, TellsHandlersTheVerifiedClientSubject) {
  ASSERT_NO_FATAL_FAILURE(start(/*mutual=*/true));
  EXPECT_EQ(whoami(/*with_client_certificate=*/true), "subject=CN=adapter-test");
}

TEST_F(TlsTest, RejectsAKeyThatDoesNotBelongToTheCertificate) {
  ServerOptions options;
  options.tls = TlsFiles{file("server.crt"), file("other.key"), {}};
  const auto server = Server::start(options, Router{});
  ASSERT_FALSE(server);
  EXPECT_EQ(server.error().code, "HTTP_TLS_INVALID");
}

TEST_F(TlsTest, RejectsAMissingCertificateFile) {
  ServerOptions options;
  options.tls = TlsFiles{file("missing.crt"), file("server.key"), {}};
  const auto server = Server::start(options, Router{});
  ASSERT_FALSE(server);
  EXPECT_EQ(server.error().code, "HTTP_TLS_INVALID");
  EXPECT_NE(server.error().message.find("missing.crt"), std::string::npos);
}

}  // namespace
}  // namespace samsag::http
