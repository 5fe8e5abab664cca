#pragma once
// HTTP bodies in protobuf's JSON mapping (api.proto): answers, errors, and request parsing.
#include <google/protobuf/message.h>

#include <string>

#include "net/http_types.h"

namespace kefu::app {

std::string to_json(const google::protobuf::Message& m);
// 200 with the message as JSON, not cached.
net::HttpResponse ok_json(const google::protobuf::Message& m);
// {"error": code, "message": text[, "field": field]} with the status.
net::HttpResponse api_error(unsigned status, std::string code, std::string message,
                            std::string field = {});
// Parses a JSON body into m; on failure fills the 415/400 answer and returns false.
bool parse_body(const net::HttpRequest& req, google::protobuf::Message& m,
                net::HttpResponse& error);

}  // namespace kefu::app
