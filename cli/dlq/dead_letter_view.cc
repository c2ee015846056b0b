#include "cli/dlq/dead_letter_view.h"

#include <google/protobuf/util/time_util.h>

#include <algorithm>
#include <array>
#include <cstdio>
#include <sstream>

#include "core/events/dead_letters.h"
#include "core/privacy/cpr_shape.h"

namespace samsag::cli::dlq {
namespace {

struct Row {
  std::string position;
  std::string time;
  std::string source;
  std::string reason;
  std::string message;
};

Row row_of(const StoredDeadLetter& stored) {
  if (stored.unreadable) return {position_of(stored), "-", "-", "UNREADABLE", *stored.unreadable};
  const auto& letter = stored.letter;
  return {position_of(stored), format_time(letter.rejected_at()),
          letter.origin().component().empty() ? "-" : letter.origin().component(),
          std::string(samsag::events::reason_name(letter.reason())),
          samsag::privacy::mask_cpr_shaped(letter.message())};
}

// Printable ASCII and UTF-8 as they are; control bytes other than tab and line ends as \xNN,
// so a dead letter cannot move the terminal's cursor.
std::string printable(std::string_view bytes) {
  std::string out;
  for (unsigned char c : bytes) {
    if (c >= 0x20 || c == '\t' || c == '\n') {
      out += static_cast<char>(c);
    } else {
      std::array<char, 5> escaped{};
      std::snprintf(escaped.data(), escaped.size(), "\\x%02x", c);
      out += escaped.data();
    }
  }
  return out;
}

}  // namespace

std::string format_time(const google::protobuf::Timestamp& at) {
  google::protobuf::Timestamp seconds;
  seconds.set_seconds(at.seconds());
  return google::protobuf::util::TimeUtil::ToString(seconds);
}

std::vector<std::string> list_lines(const std::vector<StoredDeadLetter>& letters) {
  std::vector<Row> rows{{"POSITION", "REJECTED_AT", "SOURCE", "REASON", "MESSAGE"}};
  for (const auto& stored : letters) rows.push_back(row_of(stored));
  std::array<std::size_t, 4> widths{};
  for (const auto& row : rows) {
    widths[0] = std::max(widths[0], row.position.size());
    widths[1] = std::max(widths[1], row.time.size());
    widths[2] = std::max(widths[2], row.source.size());
    widths[3] = std::max(widths[3], row.reason.size());
  }
  std::vector<std::string> lines;
  for (const auto& row : rows) {
    auto cell = [](const std::string& text, std::size_t width) {
      return text + std::string(width - text.size() + 2, ' ');
    };
    lines.push_back(cell(row.position, widths[0]) + cell(row.time, widths[1]) +
                    cell(row.source, widths[2]) + cell(row.reason, widths[3]) + row.message);
  }
  return lines;
}

std::string show_text(const StoredDeadLetter& stored) {
  std::ostringstream out;
  out << "position: " << position_of(stored) << '\n';
  if (stored.unreadable) {
    out << "unreadable: " << *stored.unreadable << '\n';
    return out.str();
  }
  const auto& letter = stored.letter;
  const auto& origin = letter.origin();
  using samsag::privacy::mask_cpr_shaped;
  out << "reason: " << samsag::events::reason_name(letter.reason()) << '\n'
      << "message: " << mask_cpr_shaped(letter.message()) << '\n';
  if (!letter.field().empty()) out << "field: " << mask_cpr_shaped(letter.field()) << '\n';
  out << "rejected_at: " << format_time(letter.rejected_at()) << '\n'
      << "municipality_code: " << letter.municipality_code() << '\n'
      << "component: " << origin.component() << '\n';
  if (!origin.source_system().empty()) out << "source_system: " << origin.source_system() << '\n';
  if (!origin.file().empty()) out << "file: " << mask_cpr_shaped(origin.file()) << '\n';
  if (origin.line() > 0) out << "line: " << origin.line() << '\n';
  if (!origin.request_id().empty()) out << "request_id: " << origin.request_id() << '\n';
  if (!origin.topic().empty()) {
    out << "input: " << origin.topic() << " " << origin.partition() << ":" << origin.offset()
        << '\n';
  }
  out << "citizen: "
      << (letter.citizen().empty() ? "(unknown: cannot be replayed)" : letter.citizen()) << '\n';
  if (!origin.header().empty()) {
    out << "header:\n" << printable(mask_cpr_shaped(origin.header())) << '\n';
  }
  out << "original (CPR-shaped numbers masked):\n"
      << printable(mask_cpr_shaped(letter.original())) << '\n';
  return out.str();
}

}  // namespace samsag::cli::dlq
