#pragma once
// HTTP as the application sees it: plain structs, so handlers need no Beast.
#include <functional>
#include <string>
#include <utility>
#include <vector>

namespace kefu::net {

struct HttpRequest {
  std::string method;  // "GET", "POST", ...
  std::string path;    // without the query
  std::string query;
  std::string content_type;
  std::vector<std::pair<std::string, std::string>> headers;  // names in lower case
  std::string body;
  std::string remote_address;

  const std::string* header(std::string_view lower_name) const;
};

struct HttpResponse {
  unsigned status = 200;
  std::string content_type = "application/json";
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;
};

using Respond = std::function<void(HttpResponse)>;

// Answers /healthz and /api/...; runs on the connection's worker thread and may answer later.
class HttpHandler {
 public:
  virtual ~HttpHandler() = default;
  virtual void handle(const HttpRequest& request, Respond respond) = 0;
};

}  // namespace kefu::net
