#pragma once
// One HTTP/1.1 request and its response over a connected stream (plain TCP or TLS), for the
// tests' blocking HTTP clients (server_process.cpp, tls_client.cpp).
#include <boost/beast/http.hpp>

#include "server_process.h"

namespace kefu::test {

template <class Stream>
HttpResult http_exchange(Stream& stream, const std::string& method, const std::string& target,
                         const std::string& body, const std::string& content_type,
                         const HttpHeaders& headers = {}) {
  namespace http = boost::beast::http;
  http::request<http::string_body> req{http::string_to_verb(method), target, 11};
  req.set(http::field::host, "127.0.0.1");
  for (const auto& [name, value] : headers) req.set(name, value);
  if (!body.empty() || method == "POST" || method == "PUT") {
    req.set(http::field::content_type, content_type);
    req.body() = body;
    req.prepare_payload();
  }
  http::write(stream, req);
  boost::beast::flat_buffer buffer;
  http::response<http::string_body> res;
  http::read(stream, buffer, res);
  HttpResult out;
  out.status = res.result_int();
  out.body = res.body();
  if (auto it = res.find(http::field::content_type); it != res.end())
    out.content_type = std::string{it->value()};
  return out;
}

}  // namespace kefu::test
