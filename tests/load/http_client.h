#pragma once
// One HTTP/1.1 POST with a JSON body over a fresh connection (Beast), for the agents' logins.
#include <cstdint>
#include <functional>
#include <string>

namespace boost::asio {
class io_context;
}

namespace kefu::load {

struct HttpAnswer {
  int status = 0;  // 0: no answer (the error says why)
  std::string body;
  std::string error;
};

void post_json(boost::asio::io_context& io, const std::string& host, std::uint16_t port,
               const std::string& path, std::string body, std::function<void(HttpAnswer)> done);

}  // namespace kefu::load
