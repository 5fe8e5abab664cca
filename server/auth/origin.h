#pragma once
// Which web pages may open a WebSocket to Kefu (issue 10): a browser sends the page's Origin
// with every upgrade, and a page of another site must not act with the cookies or tokens of a
// logged-in agent (cross-site WebSocket hijacking). Pure: the caller passes the headers.
#include <string>
#include <string_view>
#include <vector>

namespace kefu::auth {

// True when the upgrade may go ahead:
//  - no Origin header: not a browser (tools, shop backends, tests);
//  - the page is Kefu's own (the Origin's host:port is the request's Host);
//  - the Origin is one of `allowed` ("https://shop.example.com", compared without case and
//    trailing slash), or `allowed` holds "*".
bool origin_allowed(std::string_view origin, std::string_view host,
                    const std::vector<std::string>& allowed);

}  // namespace kefu::auth
