// A streaming reader for the CSV dialect of FORMAT.md §2: UTF-8 (optional BOM), `;`, RFC 4180
// quotes (a quoted field may span lines), LF or CRLF, unquoted fields trimmed. It reads its input
// in fixed chunks into one fixed buffer, so memory stays constant whatever the file size, and it
// hands out fields as views into that buffer, so a row costs no allocation.
#pragma once

#include <cstddef>
#include <cstdint>
#include <istream>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/base/result.h"

namespace samsag::adapters::employment {

// What kept a row from being split into fields. The reader never stops on bad input: it reports
// the row and goes on with the next one.
enum class CsvRowProblem {
  kNone,
  // Longer than CsvReader::kMaxRowBytes (TOO_LARGE).
  kTooLarge,
  // Not valid UTF-8 (BAD_ENCODING).
  kBadEncoding,
  // A quote that is never closed, text after a closing quote, or a quote inside an unquoted field
  // (UNPARSEABLE).
  kBrokenQuotes,
};

// One row. The views stay valid until the next call of CsvReader::next() or seek().
struct CsvRow {
  std::uint64_t line = 0;        // 1-based line the row starts on
  std::uint64_t next_line = 0;   // line the next row starts on
  std::uint64_t end_offset = 0;  // byte offset right after the row and its line end
  // The row's bytes without the line end; for kTooLarge only the first kMaxRowBytes.
  std::string_view bytes;
  // The fields, unquoted and trimmed; empty unless problem is kNone.
  std::span<const std::string_view> fields;
  CsvRowProblem problem = CsvRowProblem::kNone;
};

class CsvReader {
 public:
  // FORMAT.md §2: a row longer than this is a dead letter.
  static constexpr std::size_t kMaxRowBytes = 64 * 1024;
  // How much is read from the stream at a time.
  static constexpr std::size_t kChunkBytes = 64 * 1024;

  // Reads `in` from its current position, taken to be byte 0 of the file on line 1.
  explicit CsvReader(std::istream& in);

  // Continues at byte `offset` of the file, which starts line `line` (a row boundary the reader
  // reported earlier as end_offset / next_line). Seeks the stream.
  void seek(std::uint64_t offset, std::uint64_t line);

  // The next row; false at the end of the input or when reading failed (see read_failure()).
  // Completely empty lines are skipped.
  bool next(CsvRow& row);

  // Set when the stream failed before its end: the rows after the last one returned are unknown,
  // so the caller must not treat the file as finished.
  const std::optional<Error>& read_failure() const { return read_failure_; }

  // The byte offset and line after the last row returned (or skipped): where a reader resuming
  // from a checkpoint would continue.
  std::uint64_t offset() const { return offset_; }
  std::uint64_t line() const { return line_; }

  // Bytes held by the reader's buffers; bounded by a constant, whatever the input.
  std::size_t buffered_capacity() const;

 private:
  struct RowScan;

  bool find_row_end(RowScan& scan);
  bool fill();
  void compact();
  void consume(std::size_t bytes, std::uint64_t lines);
  void split_plain(std::size_t end);
  bool split_quoted(std::size_t end);
  bool skip_long_line(CsvRow& row);
  void finish_row(CsvRow& row, std::size_t bytes_end, std::size_t consumed, std::uint64_t lines,
                  CsvRowProblem problem);

  std::istream& in_;
  std::unique_ptr<char[]> buffer_;
  std::size_t begin_ = 0;     // first unconsumed byte in buffer_
  std::size_t end_ = 0;       // one past the last byte read into buffer_
  std::uint64_t offset_ = 0;  // file offset of buffer_[begin_]
  std::uint64_t line_ = 1;    // line number at buffer_[begin_]
  bool at_file_start_ = true;
  bool end_of_input_ = false;
  std::optional<Error> read_failure_;
  std::string unescaped_;  // unquoted copies of fields that contained "" (capacity fixed)
  std::string oversized_;  // the start of a line too long for the buffer (capacity fixed)
  std::vector<std::string_view> fields_;
};

}  // namespace samsag::adapters::employment
