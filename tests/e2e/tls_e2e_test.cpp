// TLS (issue 10): with a certificate configured, the one port speaks HTTPS and WSS only. The
// certificate and its key are made for this test run by the `openssl` command (nothing of the
// kind is in the repository) and trusted by the test's clients alone.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <filesystem>
#include <stdexcept>
#include <thread>

#include <google/protobuf/util/json_util.h>

#include "e2e_fixture.h"
#include "kefu/v1/api.pb.h"
#include "raw_ws.h"
#include "tls_client.h"

namespace kefu::test {
namespace {

// A self-signed certificate for 127.0.0.1 (P-256: made in milliseconds), valid for a day.
struct TestCertificate {
  TestCertificate() {
    char tmpl[] = "/tmp/kefu-tls-XXXXXX";
    if (::mkdtemp(tmpl) == nullptr) throw std::runtime_error("mkdtemp failed");
    dir = tmpl;
    chain = dir + "/cert.pem";
    key = dir + "/key.pem";
    const std::string command =
        "openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 1"
        " -subj /CN=127.0.0.1 -addext subjectAltName=IP:127.0.0.1 -keyout " +
        key + " -out " + chain + " 2>" + dir + "/openssl.log";
    if (std::system(command.c_str()) != 0)
      throw std::runtime_error("openssl could not make a test certificate; see " + dir);
  }
  ~TestCertificate() {
    std::error_code ignored;
    std::filesystem::remove_all(dir, ignored);
  }
  std::string dir, chain, key;
};

const TestCertificate& certificate() {
  static const TestCertificate made;
  return made;
}

// A bare TCP connection, for handshakes gone wrong.
class RawSocket {
 public:
  explicit RawSocket(std::uint16_t port) : fd_{::socket(AF_INET, SOCK_STREAM, 0)} {
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(port);
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (fd_ < 0 || ::connect(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0)
      throw std::runtime_error("cannot connect to the server");
    timeval timeout{5, 0};
    ::setsockopt(fd_, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
  }
  ~RawSocket() { ::close(fd_); }
  RawSocket(const RawSocket&) = delete;
  RawSocket& operator=(const RawSocket&) = delete;

  void send(const std::string& bytes) { (void)::send(fd_, bytes.data(), bytes.size(), 0); }
  // True when the server closes the connection (within the 5 s receive timeout); what it
  // sends first (a TLS alert) is read and dropped.
  bool closed_by_server() {
    char buf[512];
    while (true) {
      const ssize_t n = ::recv(fd_, buf, sizeof buf, 0);
      if (n == 0) return true;
      if (n < 0) return errno == ECONNRESET;
    }
  }

 private:
  int fd_;
};

class Tls : public E2E {
 protected:
  v1::ServerConfig config() const override {
    auto c = test_config();
    c.mutable_tls()->set_certificate_chain_file(certificate().chain);
    c.mutable_tls()->set_private_key_file(certificate().key);
    return c;
  }
  // /healthz answers over HTTPS only: the fixture waits for the port, the test for health.
  ServerProcess::Ready ready() const override { return ServerProcess::Ready::Listening; }

  HttpResult https(const std::string& method, const std::string& target,
                   const std::string& body = {}) {
    return https_request(port(), certificate().chain, method, target, body);
  }

  std::string https_login(const std::string& name) {
    auto res = https("POST", "/api/login",
                     R"({"login":")" + name + R"(","password":")" + kAgentPassword + R"("})");
    EXPECT_EQ(res.status, 200u) << res.body;
    v1::LoginResponse out;
    EXPECT_TRUE(google::protobuf::util::JsonStringToMessage(res.body, &out).ok()) << res.body;
    return out.token();
  }

  // HTTPS /healthz says ok, and a buyer's message reaches an agent over WSS.
  void expect_served() {
    auto health = https("GET", "/healthz");
    EXPECT_EQ(health.status, 200u) << health.body;
    EXPECT_EQ(health.body, "ok\n");

    WssClient agent{port(), certificate().chain};
    auto welcome = agent.request(hello_agent(https_login("a1")));
    ASSERT_TRUE(welcome && welcome->has_welcome()) << (welcome ? welcome->DebugString() : "");
    v1::ClientFrame online;
    online.mutable_set_presence()->set_presence(v1::PRESENCE_ONLINE);
    ASSERT_TRUE(agent.request(online));

    WssClient buyer{port(), certificate().chain};
    welcome = buyer.request(hello_buyer(buyer_token("buyer-" + std::to_string(++buyers_))));
    ASSERT_TRUE(welcome && welcome->has_welcome()) << (welcome ? welcome->DebugString() : "");
    v1::ClientFrame start;
    start.mutable_start_conversation();
    auto started = buyer.request(start);
    ASSERT_TRUE(started && started->has_conversation_started());
    v1::ClientFrame say;
    auto* m = say.mutable_send_message();
    m->set_conversation_id(started->conversation_started().conversation().id());
    m->set_text("over TLS " + std::to_string(buyers_));
    m->set_client_message_id("m1");
    auto ack = buyer.request(say);
    ASSERT_TRUE(ack && ack->has_ack()) << (ack ? ack->DebugString() : "no answer");
    EXPECT_TRUE(agent.read_until([&](const v1::ServerFrame& f) {
      return f.has_message() && f.message().message().text() == m->text();
    })) << "the agent did not get the buyer's message";
  }

  void SetUp() override {
    E2E::SetUp();
    // The port accepts connections; wait until Redis is reached too (waiting for an event).
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    while (https("GET", "/healthz").status != 200) {
      ASSERT_LT(std::chrono::steady_clock::now(), deadline);
      std::this_thread::sleep_for(std::chrono::milliseconds(20));  // between polls
    }
  }

  int buyers_ = 0;
};

TEST_F(Tls, HttpsAndWssServeTheApiAndTheChat) { expect_served(); }

TEST_F(Tls, PlainHttpOnTheTlsPortIsRefusedInWordsItCanRead) {
  auto plain = http_request(port(), "GET", "/healthz");
  EXPECT_EQ(plain.status, 400u);
  EXPECT_NE(plain.body.find("HTTPS only"), std::string::npos) << plain.body;
  // A ws:// upgrade too: no WebSocket without TLS.
  const std::string head = RawWs::upgrade_response(port(), {});
  EXPECT_TRUE(head.starts_with("HTTP/1.1 400")) << head;
  expect_served();
}

TEST_F(Tls, BrokenHandshakesEndOnlyTheirOwnConnection) {
  // A TLS record header followed by garbage; a client that says nothing and leaves; a client
  // that does not trust the certificate and gives up halfway.
  {
    RawSocket garbage{port()};
    garbage.send(std::string{"\x16\x03\x01\x00\x10", 5} + std::string(16, '\x7f'));
    EXPECT_TRUE(garbage.closed_by_server());
  }
  { RawSocket silent{port()}; }
  EXPECT_THROW(https_request(port(), /*ca_file=*/{}, "GET", "/healthz"), std::exception);
  expect_served();
}

}  // namespace
}  // namespace kefu::test
