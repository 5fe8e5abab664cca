// Endpoint::parse: the URL forms the server accepts for --redis / KEFU_REDIS_URL.
#include <gtest/gtest.h>

#include "redis/client.h"

namespace kefu::redis {
namespace {

TEST(EndpointParse, AcceptsRedisUrlsWithAndWithoutDatabase) {
  Endpoint e;
  ASSERT_TRUE(Endpoint::parse("redis://127.0.0.1:6380", e));
  EXPECT_EQ(e.host, "127.0.0.1");
  EXPECT_EQ(e.port, 6380);
  EXPECT_EQ(e.db, 0);

  ASSERT_TRUE(Endpoint::parse("redis://cache.internal:7000/3", e));
  EXPECT_EQ(e.host, "cache.internal");
  EXPECT_EQ(e.port, 7000);
  EXPECT_EQ(e.db, 3);

  ASSERT_TRUE(Endpoint::parse("redis://localhost", e));
  EXPECT_EQ(e.host, "localhost");
  EXPECT_EQ(e.port, 6379);
  EXPECT_EQ(e.db, 0);

  ASSERT_TRUE(Endpoint::parse("redis://[::1]:6390/2", e));
  EXPECT_EQ(e.host, "::1");
  EXPECT_EQ(e.port, 6390);
  EXPECT_EQ(e.db, 2);
}

TEST(EndpointParse, AcceptsPlainHostAndPort) {
  Endpoint e;
  ASSERT_TRUE(Endpoint::parse("10.0.0.7:6379", e));
  EXPECT_EQ(e.host, "10.0.0.7");
  EXPECT_EQ(e.port, 6379);
  EXPECT_EQ(e.db, 0);
}

TEST(EndpointParse, RejectsMalformedUrlsAndLeavesTheOutputAlone) {
  Endpoint e;
  e.host = "unchanged";
  for (const char* bad :
       {"", "redis://", "redis://:6379", "redis://host:", "redis://host:0", "redis://host:65536",
        "redis://host:port", "redis://host:1/x", "redis://host:1/-1", "http://host:1",
        "rediss://host:1", "redis://user:pw@host:1", "redis://[::1", "::1:6379"}) {
    EXPECT_FALSE(Endpoint::parse(bad, e)) << bad;
  }
  EXPECT_EQ(e.host, "unchanged");
}

}  // namespace
}  // namespace kefu::redis
