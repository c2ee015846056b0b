#include "bridge/cluster/event_stream_parser.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace samsag::bridge {
namespace {

using Kind = StreamItem::Kind;

std::vector<StreamItem> feed_bytewise(EventStreamParser& parser, std::string_view bytes) {
  std::vector<StreamItem> items;
  for (char c : bytes) {
    for (auto& item : parser.feed(std::string_view(&c, 1))) items.push_back(std::move(item));
  }
  return items;
}

TEST(EventStreamParser, ReadsEventsAndCommentsAsTheServerFramesThem) {
  EventStreamParser parser;
  const auto items = parser.feed(": keep-alive\n\nevent: case\ndata: \"etag-1\"\n\n");
  ASSERT_EQ(items.size(), 2U);
  EXPECT_EQ(items[0], (StreamItem{Kind::kComment, "", "keep-alive"}));
  EXPECT_EQ(items[1], (StreamItem{Kind::kEvent, "case", "\"etag-1\""}));
}

TEST(EventStreamParser, AnEventSplitAcrossReadsComesOutWhole) {
  EventStreamParser parser;
  const auto items = feed_bytewise(parser, "event: case\r\ndata: a\r\ndata: b\r\n\r\ndata:c\r\r");
  ASSERT_EQ(items.size(), 2U);
  EXPECT_EQ(items[0], (StreamItem{Kind::kEvent, "case", "a\nb"}));
  EXPECT_EQ(items[1], (StreamItem{Kind::kEvent, "", "c"}));
}

TEST(EventStreamParser, NothingBeforeTheBlankLineThatEndsTheEvent) {
  EventStreamParser parser;
  EXPECT_TRUE(parser.feed("event: case\ndata: x\n").empty());
  EXPECT_EQ(parser.feed("\n").size(), 1U);
  // An event without data dispatches nothing; id and retry are not relayed.
  EXPECT_TRUE(parser.feed("event: case\nid: 7\nretry: 10\n\n").empty());
}

TEST(EventStreamParser, DropsALineLongerThanTheLimitAndGoesOn) {
  EventStreamParser parser;
  const std::string huge = "data: " + std::string(EventStreamParser::kMaxLine + 10, 'x') + "\n";
  EXPECT_TRUE(parser.feed(huge).empty());
  const auto items = parser.feed("\ndata: ok\n\n");
  ASSERT_EQ(items.size(), 1U);
  EXPECT_EQ(items[0].data, "ok");
}

}  // namespace
}  // namespace samsag::bridge
