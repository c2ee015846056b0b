#include "adapters/json_source/json_body.h"

#include <gtest/gtest.h>

namespace samsag::adapters::json_source {
namespace {

TEST(JsonBodyTest, ReadsAnObject) {
  auto body = parse_json_body(R"({"a": [1, "æ", null], "b": {"c": true}})");
  ASSERT_TRUE(body.ok());
  EXPECT_EQ(body->at("a").at(1).as_string(), "æ");
  EXPECT_TRUE(body->at("b").at("c").as_bool());
}

TEST(JsonBodyTest, RefusesARepeatedKeyAtAnyDepth) {
  auto top = parse_json_body(R"({"cpr": "1", "cpr": "2"})");
  ASSERT_FALSE(top.ok());
  EXPECT_EQ(top.error().code, "UNPARSEABLE");
  EXPECT_FALSE(parse_json_body(R"({"a": [{"x": 1, "y": 2, "x": 3}]})").ok());
  // The same key in sibling objects is fine.
  EXPECT_TRUE(parse_json_body(R"({"a": {"x": 1}, "b": {"x": 1}})").ok());
}

// Objects of many keys are checked by a hash set, small ones by comparison: both must find it.
std::string object_of_keys(int count, int repeated_at, int repeat_of) {
  std::string text = "{";
  for (int i = 0; i < count; ++i) {
    const int name = i == repeated_at ? repeat_of : i;
    text += (i > 0 ? ",\"k" : "\"k") + std::to_string(name) + "\": {\"k" + std::to_string(name) +
            "\": " + std::to_string(i) + "}";
  }
  return text + "}";
}

TEST(JsonBodyTest, RefusesARepeatedKeyInAnObjectOfManyKeys) {
  EXPECT_TRUE(parse_json_body(object_of_keys(100, -1, 0)).ok());
  EXPECT_FALSE(parse_json_body(object_of_keys(100, 3, 1)).ok());    // while compared one by one
  EXPECT_FALSE(parse_json_body(object_of_keys(100, 16, 15)).ok());  // as the set takes over
  EXPECT_FALSE(parse_json_body(object_of_keys(100, 70, 2)).ok());   // from the set
  EXPECT_FALSE(parse_json_body(object_of_keys(100, 99, 40)).ok());
}

TEST(JsonBodyTest, KeysOfANestedObjectDoNotCountForItsParent) {
  EXPECT_TRUE(parse_json_body(R"({"a": {"a": {"a": 1}, "b": 2}, "b": {"b": 1}, "c": 3})").ok());
  EXPECT_FALSE(parse_json_body(R"({"a": {"a": {"a": 1}, "b": 2}, "b": {"b": 1}, "a": 3})").ok());
}

TEST(JsonBodyTest, NamesLineAndColumnOfASyntaxError) {
  auto body = parse_json_body("{\n  \"a\": 1,\n  \"b\" 2\n}");
  ASSERT_FALSE(body.ok());
  EXPECT_NE(body.error().message.find("line 3, column 7"), std::string::npos)
      << body.error().message;
}

TEST(JsonBodyTest, RefusesTrailingDataAndEmptyBodies) {
  EXPECT_FALSE(parse_json_body(R"({"a": 1} {"b": 2})").ok());
  EXPECT_FALSE(parse_json_body("").ok());
  EXPECT_TRUE(parse_json_body("{\"a\": 1}\r\n").ok());
}

TEST(JsonBodyTest, SkipsAByteOrderMark) {
  auto body = parse_json_body("\xEF\xBB\xBF{\"a\": 1}");
  ASSERT_TRUE(body.ok());
  EXPECT_EQ(body->at("a").as_int64(), 1);
}

TEST(JsonBodyTest, ReadsDeeplyNestedResourcesButNotWithoutLimit) {
  auto nested = [](int depth) {
    return std::string(static_cast<std::size_t>(depth), '[') +
           std::string(static_cast<std::size_t>(depth), ']');
  };
  EXPECT_TRUE(parse_json_body(nested(64)).ok());
  EXPECT_FALSE(parse_json_body(nested(5000)).ok());
}

TEST(JsonBodyTest, NonUtf8IsBadEncodingNotUnparseable) {
  auto body = parse_json_body("{\"unit\": \"S\xf8nder\"}");
  ASSERT_FALSE(body.ok());
  EXPECT_EQ(body.error().code, "BAD_ENCODING");
}

// The parser itself refuses every malformed form, in keys and strings alike, and the answer
// is then BAD_ENCODING.
TEST(JsonBodyTest, EveryMalformedUtf8FormInAKeyOrStringIsBadEncoding) {
  for (const std::string bad : {"\xc0\xaf", "\xe0\x80\xaf", "\xed\xa0\x80", "\xf4\x90\x80\x80",
                                "\xe2\x82", "\xf8\x88\x80\x80\x80", "\x80"}) {
    for (const std::string& body :
         {"{\"unit\": \"a" + bad + "b\"}", "{\"a" + bad + "\": 1}", "[\"" + bad + "\"]"}) {
      auto parsed = parse_json_body(body);
      ASSERT_FALSE(parsed.ok()) << testing::PrintToString(body);
      EXPECT_EQ(parsed.error().code, "BAD_ENCODING") << testing::PrintToString(body);
    }
  }
}

TEST(JsonBodyTest, Utf8ValidationRefusesOverlongAndSurrogateForms) {
  EXPECT_TRUE(is_valid_utf8("Ærø \xe2\x82\xac \xf0\x9f\x98\x80"));
  EXPECT_FALSE(is_valid_utf8("\xc0\xaf"));          // overlong '/'
  EXPECT_FALSE(is_valid_utf8("\xe0\x80\xaf"));      // overlong, three bytes
  EXPECT_FALSE(is_valid_utf8("\xed\xa0\x80"));      // a UTF-16 surrogate
  EXPECT_FALSE(is_valid_utf8("\xf4\x90\x80\x80"));  // past U+10FFFF
  EXPECT_FALSE(is_valid_utf8("\xe2\x82"));          // cut short
}

}  // namespace
}  // namespace samsag::adapters::json_source
