#include "raw_ws.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>

namespace kefu::test {

namespace {

using Clock = std::chrono::steady_clock;

int connect_to(std::uint16_t port, int receive_buffer_bytes) {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) throw std::runtime_error("socket: " + std::string(std::strerror(errno)));
  // Before connect, so the window the server sees is the small one.
  if (receive_buffer_bytes > 0)
    ::setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &receive_buffer_bytes, sizeof receive_buffer_bytes);
  int one = 1;
  ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(port);
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
    ::close(fd);
    throw std::runtime_error("connect: " + std::string(std::strerror(errno)));
  }
  return fd;
}

void write_all(int fd, const std::string& bytes) {
  std::size_t done = 0;
  while (done < bytes.size()) {
    ssize_t n = ::send(fd, bytes.data() + done, bytes.size() - done, MSG_NOSIGNAL);
    if (n <= 0) return;  // the server closed: reads will tell the test
    done += static_cast<std::size_t>(n);
  }
}

std::string upgrade_request(std::uint16_t port, const std::string& extra_headers) {
  return "GET /ws HTTP/1.1\r\nHost: 127.0.0.1:" + std::to_string(port) +
         "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
         "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n" +
         extra_headers + "\r\n";
}

// Reads up to the end of the response head; what follows it stays in `rest`.
std::string read_head(int fd, std::string& rest) {
  std::string in;
  const auto deadline = Clock::now() + std::chrono::seconds(5);
  while (in.find("\r\n\r\n") == std::string::npos && Clock::now() < deadline) {
    pollfd p{fd, POLLIN, 0};
    if (::poll(&p, 1, 100) <= 0) continue;
    char buf[4096];
    ssize_t n = ::recv(fd, buf, sizeof buf, 0);
    if (n <= 0) break;
    in.append(buf, static_cast<std::size_t>(n));
  }
  auto end = in.find("\r\n\r\n");
  if (end == std::string::npos) return in;
  rest = in.substr(end + 4);
  return in.substr(0, end + 4);
}

}  // namespace

int ServerWsFrame::close_code() const {
  if (payload.size() < 2) return 0;
  return (static_cast<unsigned char>(payload[0]) << 8) | static_cast<unsigned char>(payload[1]);
}

std::string ServerWsFrame::close_reason() const {
  return payload.size() > 2 ? payload.substr(2) : std::string{};
}

RawWs::RawWs(std::uint16_t port, const std::string& extra_headers, int receive_buffer_bytes)
    : fd_{connect_to(port, receive_buffer_bytes)} {
  write_all(fd_, upgrade_request(port, extra_headers));
  const std::string head = read_head(fd_, in_);
  if (!head.starts_with("HTTP/1.1 101")) {
    ::close(fd_);
    throw std::runtime_error("no WebSocket upgrade: " + head);
  }
}

RawWs::~RawWs() {
  if (fd_ >= 0) ::close(fd_);
}

std::string RawWs::upgrade_response(std::uint16_t port, const std::string& extra_headers) {
  int fd = connect_to(port, 0);
  write_all(fd, upgrade_request(port, extra_headers));
  std::string rest;
  std::string head = read_head(fd, rest);
  ::close(fd);
  return head;
}

std::string RawWs::encode(const RawFrame& f) {
  std::string out;
  out.push_back(static_cast<char>((f.fin ? 0x80 : 0) | ((f.rsv & 7) << 4) | (f.opcode & 0x0f)));
  const std::uint8_t mask_bit = f.masked ? 0x80 : 0;
  const std::size_t n = f.payload.size();
  if (n < 126) {
    out.push_back(static_cast<char>(mask_bit | n));
  } else if (n <= 0xffff) {
    out.push_back(static_cast<char>(mask_bit | 126));
    out.push_back(static_cast<char>(n >> 8));
    out.push_back(static_cast<char>(n & 0xff));
  } else {
    out.push_back(static_cast<char>(mask_bit | 127));
    for (int shift = 56; shift >= 0; shift -= 8)
      out.push_back(static_cast<char>((n >> shift) & 0xff));
  }
  if (!f.masked) return out + f.payload;
  const unsigned char key[4] = {0x37, 0xfa, 0x21, 0x3d};
  out.append(reinterpret_cast<const char*>(key), 4);
  for (std::size_t i = 0; i < n; ++i) out.push_back(static_cast<char>(f.payload[i] ^ key[i % 4]));
  return out;
}

std::string RawWs::close_payload(int code, const std::string& reason) {
  std::string p;
  p.push_back(static_cast<char>((code >> 8) & 0xff));
  p.push_back(static_cast<char>(code & 0xff));
  return p + reason;
}

void RawWs::send(const RawFrame& frame) { write_all(fd_, encode(frame)); }

void RawWs::send_bytes(const std::string& bytes) { write_all(fd_, bytes); }

bool RawWs::fill(std::size_t n, Clock::time_point deadline) {
  while (in_.size() < n) {
    const auto left =
        std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
    if (left.count() <= 0) return false;
    pollfd p{fd_, POLLIN, 0};
    if (::poll(&p, 1, static_cast<int>(left.count())) <= 0) continue;
    char buf[16384];
    ssize_t got = ::recv(fd_, buf, sizeof buf, 0);
    if (got <= 0) return false;
    in_.append(buf, static_cast<std::size_t>(got));
  }
  return true;
}

std::optional<ServerWsFrame> RawWs::read(std::chrono::milliseconds timeout) {
  const auto deadline = Clock::now() + timeout;
  if (!fill(2, deadline)) return std::nullopt;
  const auto b0 = static_cast<unsigned char>(in_[0]), b1 = static_cast<unsigned char>(in_[1]);
  std::size_t header = 2, len = b1 & 0x7f;
  if (len == 126) header += 2;
  if (len == 127) header += 8;
  const bool masked = b1 & 0x80;
  if (masked) header += 4;
  if (!fill(header, deadline)) return std::nullopt;
  if (len == 126) {
    len = (static_cast<unsigned char>(in_[2]) << 8) | static_cast<unsigned char>(in_[3]);
  } else if (len == 127) {
    len = 0;
    for (int i = 0; i < 8; ++i) len = (len << 8) | static_cast<unsigned char>(in_[2 + i]);
  }
  if (!fill(header + len, deadline)) return std::nullopt;
  ServerWsFrame f;
  f.fin = b0 & 0x80;
  f.rsv = (b0 >> 4) & 7;
  f.opcode = b0 & 0x0f;
  f.masked = masked;
  f.payload = in_.substr(header, len);
  in_.erase(0, header + len);
  return f;
}

int RawWs::read_close_code(std::chrono::milliseconds timeout) {
  const auto deadline = Clock::now() + timeout;
  while (Clock::now() < deadline) {
    auto f = read(std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()));
    if (!f) return -1;
    if (f->opcode == opcode::kClose) return f->close_code();
  }
  return -1;
}

bool RawWs::tcp_closed(std::chrono::milliseconds timeout) {
  const auto deadline = Clock::now() + timeout;
  in_.clear();
  while (true) {
    const auto left =
        std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
    if (left.count() <= 0) return false;
    pollfd p{fd_, POLLIN, 0};
    if (::poll(&p, 1, static_cast<int>(left.count())) <= 0) continue;
    char buf[16384];
    ssize_t got = ::recv(fd_, buf, sizeof buf, 0);
    if (got <= 0) return true;
  }
}

}  // namespace kefu::test
