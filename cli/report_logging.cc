#include "cli/report_logging.h"

#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

#include "core/log/json_formatter.h"

namespace samsag::cli {

void log_warnings_to_stderr(std::string_view component) {
  auto sink = std::make_shared<spdlog::sinks::stderr_sink_mt>();
  sink->set_formatter(std::make_unique<samsag::log::JsonFormatter>());
  auto logger = std::make_shared<spdlog::logger>(std::string(component), std::move(sink));
  logger->set_level(spdlog::level::warn);
  logger->flush_on(spdlog::level::warn);
  spdlog::set_default_logger(std::move(logger));
}

}  // namespace samsag::cli
