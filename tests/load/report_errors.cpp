#include "report_errors.h"

#include <atomic>
#include <cstdio>

namespace kefu::load {

namespace {
std::atomic<int> reported{0};
}

void report_error(const std::string& text) {
  if (reported.fetch_add(1) < kErrorsShown) std::fprintf(stderr, "kefu-load: %s\n", text.c_str());
}

int errors_not_shown() {
  const int n = reported.load();
  return n > kErrorsShown ? n - kErrorsShown : 0;
}

}  // namespace kefu::load
