#pragma once
// Error texts go to stderr, the first few only: a failing run must not drown the report.
#include <string>

namespace kefu::load {

inline constexpr int kErrorsShown = 20;

// Prints the text unless kErrorsShown were printed already. Any thread may call it.
void report_error(const std::string& text);
// How many were not printed.
int errors_not_shown();

}  // namespace kefu::load
