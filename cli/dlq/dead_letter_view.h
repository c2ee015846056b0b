// How dead letters read for people: `samsag dlq list` as a table (position, time, source, reason,
// sentence; never the original bytes) and `samsag dlq show` as one dead letter in full, its
// original and header masked once more here (core/privacy cpr_shape) whatever wrote them.
#pragma once

#include <string>
#include <vector>

#include "cli/dlq/stored_dead_letter.h"

namespace samsag::cli::dlq {

// A header line and one line per dead letter, columns separated by two or more spaces:
//   POSITION  REJECTED_AT           SOURCE               REASON              MESSAGE
//   0:17      2026-03-02T10:00:00Z  adapter employment   WRONG_MUNICIPALITY  the row's ...
std::vector<std::string> list_lines(const std::vector<StoredDeadLetter>& letters);

// "field: value" lines, then the original (non-printable bytes as \xNN).
std::string show_text(const StoredDeadLetter& stored);

// RFC 3339 to the second, UTC.
std::string format_time(const google::protobuf::Timestamp& at);

}  // namespace samsag::cli::dlq
