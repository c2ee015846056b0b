#include "core/log/json_string.h"

#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <string>

namespace samsag::log {
namespace {

std::string as_json(std::string_view text) {
  std::string out;
  append_json_string(text, out);
  return out;
}

// What a JSON parser reads back from the quoted string.
std::string round_trip(std::string_view text) {
  return std::string(boost::json::parse(as_json(text)).as_string());
}

TEST(JsonStringTest, EscapesQuotesAndBackslashes) {
  EXPECT_EQ(as_json(R"(say "hi" \o/)"), R"("say \"hi\" \\o/")");
  EXPECT_EQ(round_trip(R"(say "hi" \o/)"), R"(say "hi" \o/)");
}

TEST(JsonStringTest, EscapesEveryControlCharacter) {
  std::string controls;
  for (char c = 0; c < 0x20; ++c) controls.push_back(c);
  controls.push_back('\x7f');
  const std::string out = as_json(controls);
  for (const char c : out) {
    EXPECT_GE(static_cast<unsigned char>(c), 0x20) << "raw control character in " << out;
    EXPECT_NE(c, '\x7f');
  }
  EXPECT_EQ(round_trip(controls), controls);
  EXPECT_EQ(as_json("a\nb\tc"), R"("a\nb\tc")");
}

TEST(JsonStringTest, KeepsValidUtf8) {
  const std::string danish = "Ærø æblegrød på ø, 🇩🇰";
  EXPECT_EQ(as_json(danish), "\"" + danish + "\"");
  EXPECT_EQ(round_trip(danish), danish);
}

TEST(JsonStringTest, ReplacesInvalidUtf8WithReplacementCharacter) {
  // A lone continuation byte, a truncated sequence, an overlong '/', a UTF-16 surrogate and a
  // code point above U+10FFFF.
  for (const std::string bad : {"\x80", "\xc3", "\xc0\xaf", "\xed\xa0\x80", "\xf4\x90\x80\x80"}) {
    const std::string out = as_json("a" + bad + "b");
    EXPECT_EQ(out.find(bad), std::string::npos);
    EXPECT_NE(out.find("\\ufffd"), std::string::npos) << out;
    const std::string back = round_trip("a" + bad + "b");
    EXPECT_EQ(back.front(), 'a');
    EXPECT_EQ(back.back(), 'b');
  }
}

}  // namespace
}  // namespace samsag::log
