#pragma once
// What the shop configuration checks report (ShopDirectory, shop rules): a list of problems in
// words. The tests ask whether one of them names a thing.
#include <algorithm>
#include <string>
#include <vector>

namespace kefu::chat::test_support {

inline bool mentions(const std::vector<std::string>& problems, const std::string& text) {
  return std::any_of(problems.begin(), problems.end(),
                     [&](const std::string& p) { return p.find(text) != std::string::npos; });
}

}  // namespace kefu::chat::test_support
