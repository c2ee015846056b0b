// Why one record of a JSON body cannot become an event, and where: a dead-letter reason, the
// JSON path of the offending field ("events[3].legal_basis", "entry[2].resource.subject") and one
// sentence. Never the field's value: it may be a CPR number or a piece of a health record.
#pragma once

#include <string>
#include <utility>

#include "adapters/runtime/source_record.h"
#include "samsag/v1/dead_letter.pb.h"

namespace samsag::adapters::json_source {

struct FieldProblem {
  samsag::v1::DeadLetterReason reason = samsag::v1::DEAD_LETTER_REASON_UNSPECIFIED;
  std::string field;
  std::string message;
};

// "events[3]" + "cpr" -> "events[3].cpr"; "" + "cpr" -> "cpr".
inline std::string join_path(const std::string& parent, std::string_view child) {
  if (parent.empty()) return std::string(child);
  std::string path = parent;
  path.push_back('.');
  path.append(child);
  return path;
}

// "events" + 3 -> "events[3]".
inline std::string index_path(const std::string& parent, std::size_t index) {
  return parent + "[" + std::to_string(index) + "]";
}

inline Rejection to_rejection(FieldProblem problem, std::string original, SourcePosition position) {
  Rejection rejection;
  rejection.reason = problem.reason;
  rejection.field = std::move(problem.field);
  rejection.message = std::move(problem.message);
  rejection.original = std::move(original);
  rejection.position = std::move(position);
  return rejection;
}

}  // namespace samsag::adapters::json_source
