#include "orders/privacy.h"

#include <vector>

namespace kefu::orders {

namespace {

std::string mask_middle(const std::string& s, std::size_t keep_front, std::size_t keep_back) {
  std::vector<std::string> chars;
  for (std::size_t i = 0; i < s.size();) {
    std::size_t n = 1;
    const auto c = static_cast<unsigned char>(s[i]);
    if (c >= 0xf0)
      n = 4;
    else if (c >= 0xe0)
      n = 3;
    else if (c >= 0xc0)
      n = 2;
    chars.push_back(s.substr(i, n));
    i += n;
  }
  std::string out;
  for (std::size_t i = 0; i < chars.size(); ++i)
    out += (i < keep_front || i + keep_back >= chars.size()) ? chars[i] : "*";
  return out;
}

}  // namespace

bool contact_visible_to(const std::string& reader, const std::string& serving_agent) {
  return !reader.empty() && reader == serving_agent;
}

void mask_contact(v1::Order& order) {
  if (!order.has_contact()) return;
  auto* c = order.mutable_contact();
  c->set_phone(mask_middle(c->phone(), 3, 4));
  c->set_address(mask_middle(c->address(), 6, 0));
  c->set_name(mask_middle(c->name(), 1, 0));
}

}  // namespace kefu::orders
