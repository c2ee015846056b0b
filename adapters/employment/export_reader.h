// One employment export file read row by row: the CSV reader, the header and the row mapper put
// together. Every row becomes a SourceRecord or a Rejection that names the file and line; a file
// whose header is unusable becomes one Rejection for the whole file (FORMAT.md §2).
#pragma once

#include <cstdint>
#include <istream>
#include <memory>
#include <optional>
#include <string>

#include "adapters/employment/columns.h"
#include "adapters/employment/csv_reader.h"
#include "adapters/employment/row_mapper.h"
#include "adapters/runtime/source_record.h"

namespace samsag::adapters::employment {

// Where reading continues after a checkpoint: a row boundary the reader reported before.
struct ResumePoint {
  std::uint64_t offset = 0;
  std::uint64_t line = 1;
};

struct ExportRow {
  ParsedRecord record;
  // See MappedRow::target_group_unmapped.
  bool target_group_unmapped = false;
  std::uint64_t end_offset = 0;  // byte offset right after the row: a checkpoint may name it
  std::uint64_t next_line = 0;   // the line the next row starts on
};

class ExportReader {
 public:
  // `file_name` is what dead letters name (FORMAT.md §1: never a CPR). The header is always read
  // from the start of `in`; rows from `resume` on. `in` and `mapper` must outlive the reader.
  ExportReader(std::istream& in, std::string file_name, const RowMapper& mapper,
               ResumePoint resume = {});

  // The next row; false at the end of the file, or when reading failed (read_failure()).
  bool next(ExportRow& row);

  const std::optional<Error>& read_failure() const { return csv_.read_failure(); }

  // Where the rows handed out so far end: the checkpoint position after them.
  ResumePoint position() const { return {csv_.offset(), csv_.line()}; }

  const CsvReader& csv() const { return csv_; }

 private:
  bool read_header(ExportRow& row);
  void reject(ExportRow& row, const CsvRow& csv_row, samsag::v1::DeadLetterReason reason,
              std::string message, std::string field = {});

  CsvReader csv_;
  // The file's name, and once read its header: what every row's position shares.
  std::shared_ptr<const SourceFile> file_;
  const RowMapper& mapper_;
  ResumePoint resume_;
  std::optional<Header> header_;
  bool finished_ = false;
  CsvRow csv_row_;
};

}  // namespace samsag::adapters::employment
