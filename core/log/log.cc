#include "core/log/log.h"

#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "core/log/json_formatter.h"
#include "core/log/log_payload.h"
#include "core/log/sinks.h"

namespace samsag::log {
namespace {

spdlog::level::level_enum to_spdlog(Level level) {
  switch (level) {
    case Level::kTrace:
      return spdlog::level::trace;
    case Level::kDebug:
      return spdlog::level::debug;
    case Level::kInfo:
      return spdlog::level::info;
    case Level::kWarn:
      return spdlog::level::warn;
    case Level::kError:
      return spdlog::level::err;
  }
  return spdlog::level::info;
}

struct AttachedSinks {
  std::mutex mutex;
  std::vector<std::shared_ptr<spdlog::sinks::sink>> sinks;
};

AttachedSinks& attached() {
  static AttachedSinks instance;
  return instance;
}

}  // namespace

Result<Level> parse_level(std::string_view text) {
  if (text.empty() || text == "info") return Level::kInfo;
  if (text == "trace") return Level::kTrace;
  if (text == "debug") return Level::kDebug;
  if (text == "warn") return Level::kWarn;
  if (text == "error") return Level::kError;
  return make_error("INVALID_LOG_LEVEL", "The log level \"" + std::string(text) +
                                             "\" is not one of trace, debug, info, warn, error.");
}

Status init(std::string_view component, std::string_view level) {
  const Result<Level> parsed = parse_level(level);
  if (!parsed) return parsed.error();

  auto stdout_sink = std::make_shared<spdlog::sinks::stdout_sink_mt>();
  stdout_sink->set_formatter(std::make_unique<JsonFormatter>());
  std::vector<spdlog::sink_ptr> sinks{stdout_sink};
  {
    std::lock_guard lock(attached().mutex);
    sinks.insert(sinks.end(), attached().sinks.begin(), attached().sinks.end());
  }
  auto logger =
      std::make_shared<spdlog::logger>(std::string(component), sinks.begin(), sinks.end());
  logger->set_level(to_spdlog(*parsed));
  // Every line reaches stdout at once: a pipe to journald or a container runtime is otherwise
  // block-buffered, and the last lines before a crash are the ones that matter.
  logger->flush_on(spdlog::level::trace);
  spdlog::set_default_logger(std::move(logger));
  return ok_status();
}

void log(Level level, std::string_view message, Fields fields) {
  spdlog::logger* logger = spdlog::default_logger_raw();
  const auto spdlog_level = to_spdlog(level);
  if (!logger->should_log(spdlog_level)) return;
  const std::string payload = encode_payload(message, fields);
  logger->log(spdlog_level, spdlog::string_view_t(payload.data(), payload.size()));
}

bool enabled(Level level) { return spdlog::default_logger_raw()->should_log(to_spdlog(level)); }

void attach_sink(std::shared_ptr<spdlog::sinks::sink> sink) {
  std::lock_guard lock(attached().mutex);
  spdlog::default_logger_raw()->sinks().push_back(sink);
  attached().sinks.push_back(std::move(sink));
}

void detach_sink(const std::shared_ptr<spdlog::sinks::sink>& sink) {
  std::lock_guard lock(attached().mutex);
  auto& current = spdlog::default_logger_raw()->sinks();
  current.erase(std::remove(current.begin(), current.end(), sink), current.end());
  auto& kept = attached().sinks;
  kept.erase(std::remove(kept.begin(), kept.end(), sink), kept.end());
}

}  // namespace samsag::log
