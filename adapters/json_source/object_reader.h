// Typed, path-aware reading of one JSON object of a source record. Every read names its field by
// JSON path; the first problem found is kept (later reads still return what they can, so mapping
// code reads straight through and checks `ok()` once at the end).
#pragma once

#include <google/protobuf/timestamp.pb.h>

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "adapters/json_source/field_problem.h"

namespace samsag::adapters::json_source {

enum class Presence { kMandatory, kOptional };

// Where the first problem of one record is kept; shared by the readers of nested objects.
class ProblemSink {
 public:
  // Keeps `problem` unless an earlier one is already kept.
  void report(FieldProblem problem);
  bool ok() const { return !problem_.has_value(); }
  const std::optional<FieldProblem>& problem() const { return problem_; }
  FieldProblem take() { return std::move(*problem_); }

 private:
  std::optional<FieldProblem> problem_;
};

class ObjectReader {
 public:
  // `path` is the object's own JSON path ("" for the body's top level).
  ObjectReader(const boost::json::object& object, std::string path, ProblemSink& sink)
      : object_(object), path_(std::move(path)), sink_(sink) {}

  const boost::json::object& object() const { return object_; }
  const std::string& path() const { return path_; }
  std::string path_of(std::string_view key) const { return join_path(path_, key); }
  ProblemSink& sink() const { return sink_; }
  bool ok() const { return sink_.ok(); }

  // The value at `key`, or nullptr when it is absent or JSON null.
  const boost::json::value* find(std::string_view key) const;

  // A string of 1..max_length characters (UTF-8 code points). "" counts as absent; a mandatory
  // absent field is MISSING_FIELD, a non-string INVALID_VALUE.
  std::optional<std::string> text(std::string_view key, Presence presence, std::size_t max_length);
  // Like text(), but a value that contains a CPR-shaped number is INVALID_VALUE: it would travel
  // to Kafka in the clear.
  std::optional<std::string> forwarded_text(std::string_view key, Presence presence,
                                            std::size_t max_length);
  // A source id: 1..128 characters without control characters and without a CPR-shaped number.
  std::optional<std::string> id(std::string_view key, Presence presence);
  // A positive integer, given as a JSON integer or a string of digits ("2").
  std::optional<std::uint64_t> positive_integer(std::string_view key, Presence presence);
  std::optional<bool> boolean(std::string_view key, Presence presence);
  // A CPR number as written (always mandatory): absent, null or "" is MISSING_CPR, anything that
  // Cpr::parse refuses INVALID_CPR. The text is returned unchanged for the runtime to pseudonymise.
  std::optional<std::string> cpr(std::string_view key);

  std::optional<google::protobuf::Timestamp> date(std::string_view key, Presence presence);
  std::optional<google::protobuf::Timestamp> date_time(std::string_view key, Presence presence);
  std::optional<google::protobuf::Timestamp> date_or_date_time(std::string_view key,
                                                               Presence presence);

  // A nested object; nullopt when absent (MISSING_FIELD if mandatory) or not an object.
  std::optional<ObjectReader> child(std::string_view key, Presence presence);
  // A nested array; nullptr when absent (MISSING_FIELD if mandatory) or not an array.
  const boost::json::array* array(std::string_view key, Presence presence);

  // Problem reports naming `key` of this object.
  void missing(std::string_view key);
  void invalid(std::string_view key, std::string_view why);
  void invalid_date(std::string_view key, std::string_view why);
  void report(samsag::v1::DeadLetterReason reason, std::string field, std::string message);

 private:
  const boost::json::value* present(std::string_view key, Presence presence);

  const boost::json::object& object_;
  std::string path_;
  ProblemSink& sink_;
};

// MISSING_CPR or INVALID_CPR for a CPR number as written, naming `field`; nullopt when valid.
std::optional<FieldProblem> cpr_problem(std::string_view text, const std::string& field);

// Number of UTF-8 code points in a (valid UTF-8) string.
std::size_t utf8_length(std::string_view text);

// True for 1..128 characters, no control characters, no CPR-shaped number (FORMAT.md "id").
bool is_valid_source_id(std::string_view text);

}  // namespace samsag::adapters::json_source
