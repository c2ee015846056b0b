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
  for (const char* text : {"localhost", ":8080", "host:", "host:0", "host:65536", "host:80x",
                           "::1:8080", "[::1]8080", "ho st:80"}) {
    const auto address = parse_host_port(text);
    ASSERT_FALSE(address.ok()) << text;
    EXPECT_EQ(address.error().code, "INVALID_ADDRESS");
  }
}

TEST(HostPort, ParsesABootstrapListWithBlanksAroundCommas) {
  const auto list = parse_host_port_list("a:1, b:2 ,c:3");
  ASSERT_TRUE(list.ok());
  ASSERT_EQ(list->size(), 3U);
  EXPECT_EQ((*list)[2], (HostPort{"c", 3}));
}

TEST(HostPort, NamesTheEntryOfAListThatDoesNotParse) {
  const auto list = parse_host_port_list("a:1,b");
  ASSERT_FALSE(list.ok());
  EXPECT_EQ(list.error().message, "'b' is not host:port (missing ':port')");
}

}  // namespace
}  // namespace samsag::config
