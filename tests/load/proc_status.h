#pragma once
// What /proc tells about another process (the server under test): resident memory and CPU
// time. Linux only.
#include <cstdint>
#include <optional>

namespace kefu::load {

// VmRSS from /proc/<pid>/status, in bytes.
std::optional<std::uint64_t> resident_bytes(int pid);
// utime + stime from /proc/<pid>/stat, in seconds.
std::optional<double> cpu_seconds(int pid);
// This process's user + system CPU time, in seconds.
double own_cpu_seconds();

}  // namespace kefu::load
