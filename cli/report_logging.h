// Logging for the commands whose stdout is a report (`samsag topics`, `samsag dlq`): their log
// lines (a Kafka client's warnings) go to stderr as the usual JSON lines, so stdout stays the
// report that people read and scripts grep.
#pragma once

#include <string_view>

namespace samsag::cli {

// Makes the process's default logger write JSON lines at warn and above to stderr.
void log_warnings_to_stderr(std::string_view component);

}  // namespace samsag::cli
