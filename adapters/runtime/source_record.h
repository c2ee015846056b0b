// What a parser makes of one source record: either a SourceRecord (still carrying the clear CPR,
// which never leaves the adapter process) or a Rejection that becomes a dead letter.
// Parsers are pure functions from bytes to these; they know nothing of Kafka.
#pragma once

#include <google/protobuf/timestamp.pb.h>

#include <cstdint>
#include <memory>
#include <string>
#include <variant>
#include <vector>

#include "samsag/v1/dead_letter.pb.h"
#include "samsag/v1/event.pb.h"

namespace samsag::adapters {

// The file a row came from, shared by every row of it.
struct SourceFile {
  std::string name;  // the spool file's name (FORMAT.md: never a CPR)
  // The file's header line (raw), which a dead letter keeps so the row can be read again on
  // replay. Empty while the header itself is being read.
  std::string header;
};

// Where in the source a record was found, for dead letters and logs.
struct SourcePosition {
  std::shared_ptr<const SourceFile> file;  // for file sources
  std::uint64_t line = 0;                  // 1-based line, for file sources
  std::string request_id;                  // for HTTP sources
  int index = 0;                           // 0-based position in a batch or bundle
};

// One accepted record. `payload` has exactly one oneof payload set and no envelope fields;
// the runtime fills the envelope (event id, municipality, sector, pseudonym, times).
struct SourceRecord {
  std::string cpr_text;   // as written in the source; validated and pseudonymised by the runtime
  std::string record_id;  // the source's id of this record (not of the person)
  std::string record_version;  // the source's version of the record; with the id it fixes event_id
  std::string source_system;   // set when the record names its own source system (overrides config)
  google::protobuf::Timestamp occurred_at;
  samsag::v1::Event payload;
  SourcePosition position;
  // The record's source bytes, for a dead letter if the runtime rejects it. A parser that made
  // every check make_event makes (adapters/fhir) leaves it empty.
  std::string original;
  // Set only by `samsag dlq replay`: the citizen's pseudonym from the dead letter, used instead of
  // cpr_text (which the dead letter had masked).
  std::string citizen;
};

// One record that cannot become an event.
struct Rejection {
  samsag::v1::DeadLetterReason reason = samsag::v1::DEAD_LETTER_REASON_UNSPECIFIED;
  std::string message;   // one sentence, no personal data
  std::string field;     // the offending field, when there is one
  std::string original;  // the record's original bytes (the runtime masks CPR-shaped numbers)
  SourcePosition position;
  // The citizen's pseudonym when already known (a replayed record); otherwise the runtime
  // derives it from the original (DeadLetter.citizen).
  std::string citizen;
};

using ParsedRecord = std::variant<SourceRecord, Rejection>;

// What a parser found in one input (a file chunk, a request body, a bundle). Dropped resources
// (FHIR resources carrying nothing a coordinator may see) are only counted, by type.
struct ParseResult {
  std::vector<ParsedRecord> records;
  std::vector<std::pair<std::string, int>> dropped;  // resource type, count
  // Target-group source codes with no mapping in the config; they became UNKNOWN (domain.md §2).
  int unmapped_target_groups = 0;
};

}  // namespace samsag::adapters
