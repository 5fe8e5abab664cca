#include "app/json_body.h"

#include <google/protobuf/util/json_util.h>

#include "kefu/v1/api.pb.h"

namespace kefu::app {

std::string to_json(const google::protobuf::Message& m) {
  std::string out;
  google::protobuf::util::JsonPrintOptions options;
  (void)google::protobuf::util::MessageToJsonString(m, &out, options);
  return out;
}

net::HttpResponse ok_json(const google::protobuf::Message& m) {
  net::HttpResponse res;
  res.body = to_json(m);
  res.headers.emplace_back("Cache-Control", "no-store");
  return res;
}

net::HttpResponse api_error(unsigned status, std::string code, std::string message,
                            std::string field) {
  v1::ApiError e;
  e.set_error(std::move(code));
  e.set_message(std::move(message));
  e.set_field(std::move(field));
  net::HttpResponse res;
  res.status = status;
  res.body = to_json(e);
  return res;
}

bool parse_body(const net::HttpRequest& req, google::protobuf::Message& m,
                net::HttpResponse& error) {
  if (!req.content_type.starts_with("application/json")) {
    error = api_error(415, "unsupported_media_type", "send Content-Type: application/json");
    return false;
  }
  google::protobuf::util::JsonParseOptions options;
  options.ignore_unknown_fields = true;
  auto status = google::protobuf::util::JsonStringToMessage(req.body, &m, options);
  if (!status.ok()) {
    error = api_error(400, "bad_request", "malformed JSON body: " + std::string(status.message()));
    return false;
  }
  return true;
}

}  // namespace kefu::app
