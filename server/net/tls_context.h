#pragma once
// The server's TLS settings (issue 10): one OpenSSL context, shared by every worker thread
// (OpenSSL allows that once it is set up), built from the configured PEM files.
#include <memory>
#include <string>

namespace boost::asio::ssl {
class context;
}

namespace kefu::net {

// TLS 1.2 and 1.3 only. Throws std::runtime_error naming the file and the problem: unreadable,
// not PEM, or a key that does not belong to the certificate.
std::shared_ptr<boost::asio::ssl::context> make_tls_context(
    const std::string& certificate_chain_file, const std::string& private_key_file);

}  // namespace kefu::net
