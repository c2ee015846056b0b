#include "adapters/employment/csv_reader.h"

#include <algorithm>
#include <cstring>

#include "adapters/employment/utf8.h"

namespace samsag::adapters::employment {
namespace {

// A row plus its CR LF must fit beside one chunk being read.
constexpr std::size_t kBufferBytes = CsvReader::kMaxRowBytes + 2 + CsvReader::kChunkBytes;
constexpr std::size_t kNone = static_cast<std::size_t>(-1);

bool is_blank(char c) { return c == ' ' || c == '\t'; }

std::string_view trimmed(const char* first, const char* last) {
  while (first < last && is_blank(*first)) ++first;
  while (last > first && is_blank(last[-1])) --last;
  return {first, static_cast<std::size_t>(last - first)};
}

}  // namespace

// How far the search for the end of the current row has come. Positions are relative to begin_,
// so they survive the buffer being compacted.
struct CsvReader::RowScan {
  enum class Outcome { kRow, kTooLarge, kUnterminated, kEnd };

  std::size_t scanned = 0;
  bool in_quotes = false;
  bool has_quotes = false;
  std::uint64_t quoted_line_ends = 0;  // LFs inside quoted fields
  std::size_t first_line_end = kNone;  // the first of those, where a broken row is cut
  std::size_t row_end = 0;             // the LF ending the row, or the end of the input
  bool has_line_end = false;
  Outcome outcome = Outcome::kEnd;
};

CsvReader::CsvReader(std::istream& in) : in_(in), buffer_(new char[kBufferBytes]) {
  unescaped_.reserve(kMaxRowBytes + 2);  // never exceeded: unquoting only shrinks a row
  oversized_.reserve(kMaxRowBytes);
  fields_.reserve(64);
}

std::size_t CsvReader::buffered_capacity() const {
  return kBufferBytes + unescaped_.capacity() + oversized_.capacity() +
         fields_.capacity() * sizeof(std::string_view);
}

void CsvReader::seek(std::uint64_t offset, std::uint64_t line) {
  in_.clear();
  in_.seekg(static_cast<std::streamoff>(offset));
  begin_ = end_ = 0;
  offset_ = offset;
  line_ = line;
  at_file_start_ = offset == 0;
  end_of_input_ = false;
  read_failure_.reset();
  if (!in_) read_failure_ = make_error("READ_FAILED", "could not seek in the input");
}

void CsvReader::compact() {
  if (begin_ == 0) return;
  std::memmove(buffer_.get(), buffer_.get() + begin_, end_ - begin_);
  end_ -= begin_;
  begin_ = 0;
}

bool CsvReader::fill() {
  if (end_of_input_ || read_failure_) return false;
  compact();
  const std::size_t want = std::min(kChunkBytes, kBufferBytes - end_);
  in_.read(buffer_.get() + end_, static_cast<std::streamsize>(want));
  const auto got = static_cast<std::size_t>(in_.gcount());
  end_ += got;
  // Bytes read before a failure are still good: the complete rows in them are handed out.
  if (in_.bad() || (in_.fail() && !in_.eof())) {
    read_failure_ = make_error("READ_FAILED", "reading the input failed before its end");
  } else if (in_.eof()) {
    end_of_input_ = true;
  }
  return got > 0;
}

void CsvReader::consume(std::size_t bytes, std::uint64_t lines) {
  begin_ += bytes;
  offset_ += bytes;
  line_ += lines;
}

bool CsvReader::find_row_end(RowScan& scan) {
  for (;;) {
    const char* base = buffer_.get() + begin_;
    const std::size_t available = end_ - begin_;
    while (scan.scanned < available) {
      const char* from = base + scan.scanned;
      const std::size_t length = available - scan.scanned;
      if (!scan.in_quotes && !scan.has_quotes) {
        // The common row has no quotes: two memchr calls find its end.
        const auto* lf = static_cast<const char*>(std::memchr(from, '\n', length));
        const std::size_t before_lf = lf != nullptr ? static_cast<std::size_t>(lf - from) : length;
        const auto* quote = static_cast<const char*>(std::memchr(from, '"', before_lf));
        if (quote != nullptr) {
          scan.in_quotes = scan.has_quotes = true;
          scan.scanned = static_cast<std::size_t>(quote - base) + 1;
        } else if (lf != nullptr) {
          scan.row_end = static_cast<std::size_t>(lf - base);
          scan.has_line_end = true;
          return true;
        } else {
          scan.scanned = available;
        }
      } else if (!scan.in_quotes) {
        std::size_t i = scan.scanned;
        while (i < available && base[i] != '"' && base[i] != '\n') ++i;
        if (i == available) {
          scan.scanned = available;
        } else if (base[i] == '\n') {
          scan.row_end = i;
          scan.has_line_end = true;
          return true;
        } else {
          scan.in_quotes = true;
          scan.scanned = i + 1;
        }
      } else {
        const auto* quote = static_cast<const char*>(std::memchr(from, '"', length));
        const char* stop = quote != nullptr ? quote : from + length;
        for (const char* lf = from;
             (lf = static_cast<const char*>(std::memchr(lf, '\n', stop - lf))) != nullptr; ++lf) {
          if (scan.first_line_end == kNone)
            scan.first_line_end = static_cast<std::size_t>(lf - base);
          ++scan.quoted_line_ends;
        }
        if (quote != nullptr) {
          scan.in_quotes = false;  // a "" pair closes and reopens, which the next quote undoes
          scan.scanned = static_cast<std::size_t>(quote - base) + 1;
        } else {
          scan.scanned = available;
        }
      }
    }
    // No row end in what is buffered; a CR may still precede the LF that ends a row at the limit.
    if (available > kMaxRowBytes + 1) {
      scan.outcome = RowScan::Outcome::kTooLarge;
      return false;
    }
    if (!fill()) {
      if (read_failure_ || available == 0) {
        scan.outcome = RowScan::Outcome::kEnd;
        return false;
      }
      if (scan.in_quotes) {
        scan.outcome = RowScan::Outcome::kUnterminated;
        return false;
      }
      scan.row_end = available;  // the last row has no line end
      scan.has_line_end = false;
      return true;
    }
  }
}

void CsvReader::split_plain(std::size_t end) {
  fields_.clear();
  const char* field = buffer_.get() + begin_;
  const char* stop = field + end;
  for (;;) {
    const auto* semicolon = static_cast<const char*>(std::memchr(field, ';', stop - field));
    const char* field_end = semicolon != nullptr ? semicolon : stop;
    fields_.push_back(trimmed(field, field_end));
    if (semicolon == nullptr) return;
    field = semicolon + 1;
  }
}

bool CsvReader::split_quoted(std::size_t end) {
  fields_.clear();
  unescaped_.clear();
  const char* base = buffer_.get() + begin_;
  std::size_t i = 0;
  for (;;) {
    const std::size_t field_start = i;
    while (i < end && is_blank(base[i])) ++i;
    if (i < end && base[i] == '"') {
      ++i;
      std::size_t segment = i;
      bool unescaped = false;
      const std::size_t unescaped_start = unescaped_.size();
      std::string_view value;
      for (;;) {
        const auto* quote = static_cast<const char*>(std::memchr(base + i, '"', end - i));
        if (quote == nullptr) return false;
        const auto at = static_cast<std::size_t>(quote - base);
        if (at + 1 < end && base[at + 1] == '"') {  // "" inside quotes is one "
          unescaped_.append(base + segment, at + 1 - segment);
          unescaped = true;
          i = segment = at + 2;
          continue;
        }
        if (unescaped) {
          unescaped_.append(base + segment, at - segment);
          value = std::string_view(unescaped_).substr(unescaped_start);
        } else {
          value = std::string_view(base + segment, at - segment);
        }
        i = at + 1;
        break;
      }
      while (i < end && is_blank(base[i])) ++i;
      fields_.push_back(value);
      if (i == end) return true;
      if (base[i] != ';') return false;  // text after the closing quote
      ++i;
    } else {
      std::size_t field_end = i;
      while (field_end < end && base[field_end] != ';') {
        if (base[field_end] == '"') return false;  // a quote inside an unquoted field
        ++field_end;
      }
      fields_.push_back(trimmed(base + field_start, base + field_end));
      if (field_end == end) return true;
      i = field_end + 1;
    }
  }
}

void CsvReader::finish_row(CsvRow& row, std::size_t bytes_end, std::size_t consumed,
                           std::uint64_t lines, CsvRowProblem problem) {
  row.line = line_;
  row.bytes = std::string_view(buffer_.get() + begin_, std::min(bytes_end, kMaxRowBytes));
  row.fields = problem == CsvRowProblem::kNone ? std::span<const std::string_view>(fields_)
                                               : std::span<const std::string_view>();
  row.problem = problem;
  consume(consumed, lines);
  row.next_line = line_;
  row.end_offset = offset_;
}

bool CsvReader::skip_long_line(CsvRow& row) {
  // The first line alone is over the limit: keep its start for the dead letter and read on to
  // its end without buffering it, so memory stays bounded.
  oversized_.assign(buffer_.get() + begin_, kMaxRowBytes);
  const std::uint64_t first_line = line_;
  consume(end_ - begin_, 0);
  for (;;) {
    const char* from = buffer_.get() + begin_;
    const auto* lf = static_cast<const char*>(std::memchr(from, '\n', end_ - begin_));
    if (lf != nullptr) {
      consume(static_cast<std::size_t>(lf - from) + 1, 1);
      break;
    }
    consume(end_ - begin_, 0);
    if (!fill()) {
      if (read_failure_) return false;
      break;
    }
  }
  row.line = first_line;
  row.bytes = oversized_;
  row.fields = {};
  row.problem = CsvRowProblem::kTooLarge;
  row.next_line = line_;
  row.end_offset = offset_;
  return true;
}

bool CsvReader::next(CsvRow& row) {
  if (at_file_start_) {
    at_file_start_ = false;
    while (end_ - begin_ < 3 && fill()) {
    }
    if (end_ - begin_ >= 3 && std::memcmp(buffer_.get() + begin_, "\xEF\xBB\xBF", 3) == 0) {
      consume(3, 0);  // the UTF-8 byte order mark is allowed and skipped
    }
  }
  for (;;) {
    RowScan scan;
    if (find_row_end(scan)) {
      const char* base = buffer_.get() + begin_;
      std::size_t bytes_end = scan.row_end;
      std::size_t consumed = scan.row_end + (scan.has_line_end ? 1 : 0);
      std::uint64_t lines = scan.quoted_line_ends + (scan.has_line_end ? 1 : 0);
      if (bytes_end > 0 && base[bytes_end - 1] == '\r') --bytes_end;
      if (bytes_end == 0) {  // a completely empty line is skipped
        consume(consumed, lines);
        continue;
      }
      CsvRowProblem problem = CsvRowProblem::kNone;
      if (bytes_end > kMaxRowBytes) {
        problem = CsvRowProblem::kTooLarge;
      } else if (!is_valid_utf8(std::string_view(base, bytes_end))) {
        problem = CsvRowProblem::kBadEncoding;
      } else if (!scan.has_quotes) {
        split_plain(bytes_end);
      } else if (!split_quoted(bytes_end)) {
        problem = CsvRowProblem::kBrokenQuotes;
        if (scan.first_line_end != kNone) {
          // A stray quote swallowed the lines after it: reject only the first line and read the
          // others as rows of their own, so one bad quote costs one dead letter, not many rows.
          bytes_end = scan.first_line_end;
          consumed = scan.first_line_end + 1;
          lines = 1;
          if (bytes_end > 0 && base[bytes_end - 1] == '\r') --bytes_end;
        }
      }
      finish_row(row, bytes_end, consumed, lines, problem);
      return true;
    }
    switch (scan.outcome) {
      case RowScan::Outcome::kEnd:
        return false;
      case RowScan::Outcome::kTooLarge:
        if (scan.first_line_end == kNone) return skip_long_line(row);
        [[fallthrough]];
      case RowScan::Outcome::kUnterminated: {
        // Over the limit or at the end of the input inside a quoted field: a huge field and a
        // stray quote look the same here, so the first line is rejected and reading resumes at
        // the next line; nothing after a stray quote is lost.
        const CsvRowProblem problem = scan.outcome == RowScan::Outcome::kTooLarge
                                          ? CsvRowProblem::kTooLarge
                                          : CsvRowProblem::kBrokenQuotes;
        std::size_t bytes_end = end_ - begin_;
        std::size_t consumed = bytes_end;
        std::uint64_t lines = 0;
        if (scan.first_line_end != kNone) {
          bytes_end = scan.first_line_end;
          consumed = bytes_end + 1;
          lines = 1;
          if (bytes_end > 0 && buffer_[begin_ + bytes_end - 1] == '\r') --bytes_end;
        }
        finish_row(row, bytes_end, consumed, lines, problem);
        return true;
      }
      case RowScan::Outcome::kRow:
        break;
    }
    return false;
  }
}

}  // namespace samsag::adapters::employment
