#include <openssl/ssl.h>

#include "core/http/server_core.h"

namespace samsag::http::detail {
namespace {

Error tls_error(const std::string& what, const boost::system::error_code& ec) {
  return make_error("HTTP_TLS_INVALID", what + ": " + ec.message() + ".");
}

}  // namespace

Result<std::unique_ptr<boost::asio::ssl::context>> make_tls_context(const TlsFiles& files) {
  namespace ssl = boost::asio::ssl;
  auto context = std::make_unique<ssl::context>(ssl::context::tls_server);
  // TLS 1.2 and 1.3 only (BSI TR-02102-2 and the Danish public sector's minimum).
  context->set_options(ssl::context::default_workarounds | ssl::context::no_sslv2 |
                       ssl::context::no_sslv3 | ssl::context::no_tlsv1 | ssl::context::no_tlsv1_1 |
                       ssl::context::single_dh_use);
  boost::system::error_code ec;
  context->use_certificate_chain_file(files.certificate_file, ec);
  if (ec) return tls_error("Cannot use the certificate file " + files.certificate_file, ec);
  context->use_private_key_file(files.private_key_file, ssl::context::pem, ec);
  if (ec) return tls_error("Cannot use the private key file " + files.private_key_file, ec);
  if (SSL_CTX_check_private_key(context->native_handle()) != 1) {
    return make_error("HTTP_TLS_INVALID", "The private key " + files.private_key_file +
                                              " does not belong to the certificate " +
                                              files.certificate_file + ".");
  }
  if (!files.client_ca_file.empty()) {
    context->load_verify_file(files.client_ca_file, ec);
    if (ec) return tls_error("Cannot use the client CA file " + files.client_ca_file, ec);
    // Tells clients which CAs we accept, so one with several certificates picks the right one.
    SSL_CTX_set_client_CA_list(context->native_handle(),
                               SSL_load_client_CA_file(files.client_ca_file.c_str()));
    context->set_verify_mode(ssl::verify_peer | ssl::verify_fail_if_no_peer_cert);
  }
  return context;
}

}  // namespace samsag::http::detail
