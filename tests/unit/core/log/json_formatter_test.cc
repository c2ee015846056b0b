#include "core/log/json_formatter.h"

#include <gtest/gtest.h>
#include <spdlog/logger.h>
#include <spdlog/sinks/ostream_sink.h>

#include <boost/json.hpp>
#include <memory>
#include <regex>
#include <sstream>
#include <string>

#include "core/log/log_payload.h"

namespace samsag::log {
namespace {

// A logger of its own, so the lines with CPR-shaped numbers below never reach the default
// logger, whose every line the test guard inspects.
class JsonFormatterTest : public ::testing::Test {
 protected:
  JsonFormatterTest() {
    auto sink = std::make_shared<spdlog::sinks::ostream_sink_st>(out_);
    sink->set_formatter(std::make_unique<JsonFormatter>());
    logger_ = std::make_shared<spdlog::logger>("adapter.employment", sink);
    logger_->set_level(spdlog::level::trace);
  }

  boost::json::object log_one(spdlog::level::level_enum level, std::string_view message,
                              Fields fields = {}) {
    out_.str("");
    const std::string payload = encode_payload(message, fields);
    logger_->log(level, spdlog::string_view_t(payload.data(), payload.size()));
    line_ = out_.str();
    EXPECT_EQ(line_.back(), '\n');
    EXPECT_EQ(line_.find('\n'), line_.size() - 1) << "more than one line: " << line_;
    return boost::json::parse(line_).as_object();
  }

  std::ostringstream out_;
  std::shared_ptr<spdlog::logger> logger_;
  std::string line_;
};

TEST_F(JsonFormatterTest, WritesEnvelopeFields) {
  const auto line = log_one(spdlog::level::info, "file ingested");
  EXPECT_EQ(line.at("level").as_string(), "info");
  EXPECT_EQ(line.at("component").as_string(), "adapter.employment");
  EXPECT_EQ(line.at("msg").as_string(), "file ingested");
  const std::string ts(line.at("ts").as_string());
  EXPECT_TRUE(std::regex_match(ts, std::regex(R"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z)"))) << ts;
}

TEST_F(JsonFormatterTest, NamesLevelsInLowerCase) {
  EXPECT_EQ(log_one(spdlog::level::warn, "x").at("level").as_string(), "warn");
  EXPECT_EQ(log_one(spdlog::level::err, "x").at("level").as_string(), "error");
  EXPECT_EQ(log_one(spdlog::level::debug, "x").at("level").as_string(), "debug");
}

TEST_F(JsonFormatterTest, KeepsFieldTypes) {
  const auto line = log_one(
      spdlog::level::info, "file ingested",
      {{"file", "jobcenter 2026-11-23.csv"}, {"rows", 1200}, {"ratio", 0.5}, {"dry", true}});
  EXPECT_EQ(line.at("file").as_string(), "jobcenter 2026-11-23.csv");
  EXPECT_EQ(line.at("rows").as_int64(), 1200);
  EXPECT_DOUBLE_EQ(line.at("ratio").as_double(), 0.5);
  EXPECT_TRUE(line.at("dry").as_bool());
}

TEST_F(JsonFormatterTest, EscapesHostileContent) {
  const std::string hostile =
      "quote \" backslash \\ newline \n nul " + std::string(1, '\0') + " bad utf8 \xff end";
  const auto line = log_one(spdlog::level::info, hostile, {{"path", hostile}, {"k\"ey", "v"}});
  const std::string msg(line.at("msg").as_string());
  const std::size_t bad_byte = hostile.find('\xff');
  EXPECT_EQ(msg.substr(0, bad_byte), hostile.substr(0, bad_byte));
  EXPECT_NE(msg.find("\xef\xbf\xbd end"), std::string::npos);  // U+FFFD
  EXPECT_EQ(line.at("path").as_string(), msg);
  EXPECT_EQ(line.at("k\"ey").as_string(), "v");
}

TEST_F(JsonFormatterTest, FieldsDoNotShadowTheEnvelope) {
  const auto line = log_one(spdlog::level::info, "real", {{"msg", "fake"}, {"level", "fake"}});
  EXPECT_EQ(line.at("msg").as_string(), "real");
  EXPECT_EQ(line.at("level").as_string(), "info");
  EXPECT_EQ(line.at("field.msg").as_string(), "fake");
}

TEST_F(JsonFormatterTest, MasksCprShapedNumbersInMessageAndFields) {
  // Synthetic and CPR-shaped: 1 January 1990 and 31 December 1999.
  const auto line = log_one(spdlog::level::warn, "rejected record for 010190-1234",
                            {{"record", "cpr=0101901234;name=x"}, {"id", 3112991234LL}});
  EXPECT_EQ(line_.find("0101901234"), std::string::npos) << line_;
  EXPECT_EQ(line_.find("010190-1234"), std::string::npos) << line_;
  EXPECT_EQ(line_.find("3112991234"), std::string::npos) << line_;
  EXPECT_EQ(line.at("msg").as_string(), "rejected record for XXXXXX-XXXX");
  EXPECT_EQ(line.at("record").as_string(), "cpr=XXXXXXXXXX;name=x");
  // A number field that is CPR-shaped stays valid JSON: it becomes a masked string.
  EXPECT_EQ(line.at("id").as_string(), "XXXXXXXXXX");
}

TEST_F(JsonFormatterTest, LeavesOtherNumbersAlone) {
  const auto line =
      log_one(spdlog::level::info, "offset 12345678901 of partition 3", {{"offset", 4242424242LL}});
  EXPECT_EQ(line.at("msg").as_string(), "offset 12345678901 of partition 3");
  EXPECT_EQ(line.at("offset").as_int64(), 4242424242LL);
}

TEST_F(JsonFormatterTest, PlainSpdlogLinesAreMessages) {
  out_.str("");
  logger_->info("broker {} up", 3);
  const auto line = boost::json::parse(out_.str()).as_object();
  EXPECT_EQ(line.at("msg").as_string(), "broker 3 up");
}

TEST(LogPayloadTest, RoundTripsMessageAndFields) {
  const std::string payload = encode_payload("m:1", {{"a", "x:y"}, {"n", 7}});
  const Payload decoded = decode_payload(payload);
  EXPECT_EQ(decoded.message, "m:1");
  ASSERT_EQ(decoded.fields.size(), 2U);
  EXPECT_EQ(decoded.fields[0].key, "a");
  EXPECT_EQ(decoded.fields[0].text, "x:y");
  EXPECT_FALSE(decoded.fields[0].raw);
  EXPECT_EQ(decoded.fields[1].text, "7");
  EXPECT_TRUE(decoded.fields[1].raw);
}

TEST(LogPayloadTest, MessagesThatLookEncodedSurviveUnchanged) {
  for (const std::string message : {"\x1e"
                                    "s1:a",
                                    "\x1fhello",
                                    "\x1e"
                                    "s9:a1:b\x1fm"}) {
    EXPECT_EQ(decode_payload(encode_payload(message, {})).message, message);
  }
  // Truncated encodings are taken whole rather than read past their end.
  EXPECT_EQ(decode_payload("\x1e"
                           "s9:a")
                .message,
            "\x1e"
            "s9:a");
}

}  // namespace
}  // namespace samsag::log
