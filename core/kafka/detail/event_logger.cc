#include "core/kafka/detail/event_logger.h"

#include "core/kafka/detail/errors.h"
#include "core/log/log.h"

namespace samsag::kafka::detail {
namespace {

log::Level level_of(RdKafka::Event::Severity severity) {
  switch (severity) {
    case RdKafka::Event::EVENT_SEVERITY_EMERG:
    case RdKafka::Event::EVENT_SEVERITY_ALERT:
    case RdKafka::Event::EVENT_SEVERITY_CRITICAL:
    case RdKafka::Event::EVENT_SEVERITY_ERROR:
      return log::Level::kError;
    case RdKafka::Event::EVENT_SEVERITY_WARNING:
      return log::Level::kWarn;
    case RdKafka::Event::EVENT_SEVERITY_NOTICE:
    case RdKafka::Event::EVENT_SEVERITY_INFO:
      return log::Level::kInfo;
    case RdKafka::Event::EVENT_SEVERITY_DEBUG:
      return log::Level::kDebug;
  }
  return log::Level::kInfo;
}

}  // namespace

void EventLogger::event_cb(RdKafka::Event& event) {
  switch (event.type()) {
    case RdKafka::Event::EVENT_ERROR:
      // Most client errors are reports the client recovers from by itself (a broker went away);
      // a fatal one is also returned to the caller by its next call.
      log::log(event.fatal() ? log::Level::kError : log::Level::kWarn, "kafka client error",
               {{"client", client_}, {"error", describe(event.err())}, {"reason", event.str()}});
      break;
    case RdKafka::Event::EVENT_LOG:
      log::log(level_of(event.severity()), "kafka client log",
               {{"client", client_}, {"facility", event.fac()}, {"reason", event.str()}});
      break;
    default:
      break;
  }
}

}  // namespace samsag::kafka::detail
