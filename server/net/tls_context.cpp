#include "net/tls_context.h"

#include <openssl/ssl.h>

#include <stdexcept>

#include <boost/asio/ssl/context.hpp>

namespace kefu::net {

namespace ssl = boost::asio::ssl;

std::shared_ptr<ssl::context> make_tls_context(const std::string& certificate_chain_file,
                                               const std::string& private_key_file) {
  auto tls = std::make_shared<ssl::context>(ssl::context::tls_server);
  tls->set_options(ssl::context::default_workarounds | ssl::context::no_sslv2 |
                   ssl::context::no_sslv3 | ssl::context::no_tlsv1 | ssl::context::no_tlsv1_1 |
                   ssl::context::single_dh_use);
  boost::system::error_code ec;
  tls->use_certificate_chain_file(certificate_chain_file, ec);
  if (ec)
    throw std::runtime_error("TLS certificate chain " + certificate_chain_file + ": " +
                             ec.message());
  tls->use_private_key_file(private_key_file, ssl::context::pem, ec);
  if (ec) throw std::runtime_error("TLS private key " + private_key_file + ": " + ec.message());
  if (SSL_CTX_check_private_key(tls->native_handle()) != 1)
    throw std::runtime_error("TLS private key " + private_key_file +
                             " does not belong to the certificate in " + certificate_chain_file);
  return tls;
}

}  // namespace kefu::net
