#pragma once
// R-MSG-6: a buyer's personal data is used only for the work at hand. Phone, address and name
// are shown in full only to the agent serving that buyer now, in the order's own view; lists,
// other agents and supervisors see them masked.
#include <string>

#include "kefu/v1/orders.pb.h"

namespace kefu::orders {

// Whether `reader` sees the contact of a buyer whom `serving_agent` serves ("" = nobody).
bool contact_visible_to(const std::string& reader, const std::string& serving_agent);

// Masks the contact in place: 138****5678, the address after its first six characters, the
// name after its first character. Works on UTF-8 characters, so Chinese text stays valid.
void mask_contact(v1::Order& order);

}  // namespace kefu::orders
