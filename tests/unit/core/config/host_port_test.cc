#include "core/config/host_port.h"

#include <gtest/gtest.h>

namespace samsag::config {
namespace {

TEST(HostPort, ParsesNameAndPort) {
  const auto address = parse_host_port("kafka-1.aarhus.invalid:9093");
  ASSERT_TRUE(address.ok());
  EXPECT_EQ(address->host, "kafka-1.aarhus.invalid");
  EXPECT_EQ(address->port, 9093);
}

TEST(HostPort, ParsesBracketedIpv6) {
  const auto address = parse_host_port("[::1]:8080");
  ASSERT_TRUE(address.ok());
  EXPECT_EQ(address->host, "::1");
  EXPECT_EQ(address->port, 8080);
}

TEST(HostPort, RejectsMissingPortEmptyHostAndPortsOutOfRange) {
  for (const char* text :
       {"localhost", ":8080", "host:", "host:0", "host:65536", "host:80x", "host:-1", "host:80 80",
        "::1:8080", "[::1]8080", "[]:80", "ho st:80", "http://localhost:9092"}) {
    const auto address = parse_host_port(text);
    ASSERT_FALSE(address.ok()) << text;
    EXPECT_EQ(address.error().code, "INVALID_ADDRESS");
  }
}

TEST(HostPort, AsksForBracketsAroundAnIpv6Address) {
  const auto address = parse_host_port("::1:9092");
  ASSERT_FALSE(address.ok());
  EXPECT_NE(address.error().message.find("brackets"), std::string::npos);
}

TEST(HostPort, TakesPortZeroOnlyWhereItMeansAnyFreePort) {
  const auto listen = parse_host_port("localhost:0", PortZero::kAnyFreePort);
  ASSERT_TRUE(listen.ok());
  EXPECT_EQ(*listen, (HostPort{"localhost", 0}));
  EXPECT_FALSE(parse_host_port("localhost:0").ok());
}

TEST(HostPort, KeepsTheOtherRulesWhenPortZeroIsAllowed) {
  for (const char* text : {"localhost", ":0", "host:", "host:65536", "::1:0"}) {
    EXPECT_FALSE(parse_host_port(text, PortZero::kAnyFreePort).ok()) << text;
  }
}

TEST(HostPort, WritesBackWhatItRead) {
  for (const char* text : {"broker-1.example.internal:9093", "127.0.0.1:9092", "[::1]:9092"}) {
    const auto address = parse_host_port(text);
    ASSERT_TRUE(address.ok()) << text;
    EXPECT_EQ(address->to_string(), text);
  }
}

TEST(HostPort, ParsesABootstrapListWithBlanksAroundCommas) {
  const auto list = parse_host_port_list("a:1, b:2 ,c:3");
  ASSERT_TRUE(list.ok());
  ASSERT_EQ(list->size(), 3U);
  EXPECT_EQ((*list)[2], (HostPort{"c", 3}));
}

TEST(HostPort, ParsesAListWithIpv6Entries) {
  const auto list = parse_host_port_list("127.0.0.1:1,[::1]:2");
  ASSERT_TRUE(list.ok());
  EXPECT_EQ(*list, (std::vector<HostPort>{{"127.0.0.1", 1}, {"::1", 2}}));
}

TEST(HostPort, RejectsAnEmptyListOrAnEmptyEntry) {
  EXPECT_FALSE(parse_host_port_list("").ok());
  EXPECT_FALSE(parse_host_port_list("127.0.0.1:1,,127.0.0.1:2").ok());
  EXPECT_FALSE(parse_host_port_list("127.0.0.1:1,").ok());
}

TEST(HostPort, NamesTheEntryOfAListThatDoesNotParse) {
  const auto list = parse_host_port_list("a:1,b");
  ASSERT_FALSE(list.ok());
  EXPECT_EQ(list.error().message, "'b' is not host:port (missing ':port')");
}

}  // namespace
}  // namespace samsag::config
