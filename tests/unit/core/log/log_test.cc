#include "core/log/log.h"

#include <gtest/gtest.h>
#include <spdlog/sinks/ostream_sink.h>
#include <spdlog/spdlog.h>

#include <boost/json.hpp>
#include <memory>
#include <sstream>

#include "core/log/json_formatter.h"
#include "core/log/sinks.h"

namespace samsag::log {
namespace {

TEST(LogLevelTest, ParsesConfigLevels) {
  EXPECT_EQ(parse_level("trace").value(), Level::kTrace);
  EXPECT_EQ(parse_level("debug").value(), Level::kDebug);
  EXPECT_EQ(parse_level("info").value(), Level::kInfo);
  EXPECT_EQ(parse_level("warn").value(), Level::kWarn);
  EXPECT_EQ(parse_level("error").value(), Level::kError);
  EXPECT_EQ(parse_level("").value(), Level::kInfo);
}

TEST(LogLevelTest, RejectsUnknownLevel) {
  const auto level = parse_level("verbose");
  ASSERT_FALSE(level);
  EXPECT_EQ(level.error().code, "INVALID_LOG_LEVEL");
  EXPECT_NE(level.error().message.find("verbose"), std::string::npos);
  EXPECT_FALSE(init("adapter.employment", "WARN"));
}

// Watches the default logger through an extra sink, as the test guard does.
class DefaultLoggerTest : public ::testing::Test {
 protected:
  DefaultLoggerTest() : sink_(std::make_shared<spdlog::sinks::ostream_sink_mt>(out_)) {
    sink_->set_formatter(std::make_unique<JsonFormatter>());
    attach_sink(sink_);
  }
  ~DefaultLoggerTest() override {
    detach_sink(sink_);
    EXPECT_TRUE(init("test", "debug"));
  }

  std::ostringstream out_;
  std::shared_ptr<spdlog::sinks::ostream_sink_mt> sink_;
};

TEST_F(DefaultLoggerTest, InitStampsComponentAndKeepsAttachedSinks) {
  ASSERT_TRUE(init("adapter.social", "info"));
  info("file ingested", {{"file", "a.json"}, {"rows", 3}});
  const auto line = boost::json::parse(out_.str()).as_object();
  EXPECT_EQ(line.at("component").as_string(), "adapter.social");
  EXPECT_EQ(line.at("msg").as_string(), "file ingested");
  EXPECT_EQ(line.at("file").as_string(), "a.json");
  EXPECT_EQ(line.at("rows").as_int64(), 3);
}

TEST_F(DefaultLoggerTest, DropsLinesBelowTheLevel) {
  ASSERT_TRUE(init("bridge", "warn"));
  EXPECT_FALSE(enabled(Level::kInfo));
  EXPECT_TRUE(enabled(Level::kError));
  info("not written");
  debug("not written");
  warn("written");
  const auto line = boost::json::parse(out_.str()).as_object();
  EXPECT_EQ(line.at("msg").as_string(), "written");
}

}  // namespace
}  // namespace samsag::log
