#include "auth/sodium_init_once.h"

#include <sodium.h>

#include <stdexcept>

namespace kefu::auth {

namespace {
// sodium_init() returns 0 on first success, 1 if already done, -1 on failure.
bool init_sodium() {
  if (sodium_init() < 0) throw std::runtime_error("libsodium could not be initialised");
  return true;
}
}  // namespace

void ensure_sodium_initialized() {
  // A function-local static is initialised exactly once, even with concurrent callers; if the
  // initialiser throws, the next call tries again.
  [[maybe_unused]] static const bool ready = init_sodium();
}

}  // namespace kefu::auth
