#include "core/broker/endpoint.h"

#include <gtest/gtest.h>

namespace samsag::broker {
namespace {

TEST(ParseEndpoint, ReadsHostAndPort) {
  const auto endpoint = parse_endpoint("127.0.0.1:9092");
  ASSERT_TRUE(endpoint.ok());
  EXPECT_EQ(*endpoint, (Endpoint{"127.0.0.1", 9092}));
}

TEST(ParseEndpoint, AcceptsPortZeroForAFreePort) {
  const auto endpoint = parse_endpoint("localhost:0");
  ASSERT_TRUE(endpoint.ok());
  EXPECT_EQ(endpoint->port, 0);
}

TEST(ParseEndpoint, ReadsBracketedIpv6) {
  const auto endpoint = parse_endpoint("[::1]:9092");
  ASSERT_TRUE(endpoint.ok());
  EXPECT_EQ(*endpoint, (Endpoint{"::1", 9092}));
  EXPECT_EQ(endpoint->to_string(), "[::1]:9092");
}

TEST(ParseEndpoint, WritesBackWhatItRead) {
  EXPECT_EQ(parse_endpoint("broker-1.example.internal:9093")->to_string(),
            "broker-1.example.internal:9093");
}

TEST(ParseEndpoint, RejectsMissingPort) {
  const auto endpoint = parse_endpoint("127.0.0.1");
  ASSERT_FALSE(endpoint.ok());
  EXPECT_EQ(endpoint.error().code, "INVALID_ENDPOINT");
  EXPECT_NE(endpoint.error().message.find("port is missing"), std::string::npos);
}

TEST(ParseEndpoint, RejectsEmptyPort) { EXPECT_FALSE(parse_endpoint("127.0.0.1:").ok()); }

TEST(ParseEndpoint, RejectsPortAbove65535) { EXPECT_FALSE(parse_endpoint("127.0.0.1:65536").ok()); }

TEST(ParseEndpoint, RejectsNonNumericPort) {
  EXPECT_FALSE(parse_endpoint("127.0.0.1:kafka").ok());
  EXPECT_FALSE(parse_endpoint("127.0.0.1:90 92").ok());
  EXPECT_FALSE(parse_endpoint("127.0.0.1:-1").ok());
}

TEST(ParseEndpoint, RejectsMissingHost) { EXPECT_FALSE(parse_endpoint(":9092").ok()); }

TEST(ParseEndpoint, RejectsUnbracketedIpv6) {
  const auto endpoint = parse_endpoint("::1:9092");
  ASSERT_FALSE(endpoint.ok());
  EXPECT_NE(endpoint.error().message.find("brackets"), std::string::npos);
}

TEST(ParseEndpoint, RejectsHostWithSpaceOrSlash) {
  EXPECT_FALSE(parse_endpoint("local host:9092").ok());
  EXPECT_FALSE(parse_endpoint("http://localhost:9092").ok());
}

TEST(ParseEndpointList, ReadsABootstrapList) {
  const auto list = parse_endpoint_list("127.0.0.1:1,127.0.0.1:2,[::1]:3");
  ASSERT_TRUE(list.ok());
  EXPECT_EQ(*list, (std::vector<Endpoint>{{"127.0.0.1", 1}, {"127.0.0.1", 2}, {"::1", 3}}));
}

TEST(ParseEndpointList, RejectsAnEmptyEntry) {
  EXPECT_FALSE(parse_endpoint_list("127.0.0.1:1,,127.0.0.1:2").ok());
  EXPECT_FALSE(parse_endpoint_list("").ok());
}

}  // namespace
}  // namespace samsag::broker
