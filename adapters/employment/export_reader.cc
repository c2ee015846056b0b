#include "adapters/employment/export_reader.h"

#include <utility>

namespace samsag::adapters::employment {
namespace {

using samsag::v1::DeadLetterReason;

DeadLetterReason reason_of(CsvRowProblem problem) {
  switch (problem) {
    case CsvRowProblem::kTooLarge:
      return samsag::v1::DEAD_LETTER_REASON_TOO_LARGE;
    case CsvRowProblem::kBadEncoding:
      return samsag::v1::DEAD_LETTER_REASON_BAD_ENCODING;
    case CsvRowProblem::kBrokenQuotes:
    case CsvRowProblem::kNone:
      break;
  }
  return samsag::v1::DEAD_LETTER_REASON_UNPARSEABLE;
}

const char* message_of(CsvRowProblem problem) {
  switch (problem) {
    case CsvRowProblem::kTooLarge:
      return "the row is longer than 64 KiB";
    case CsvRowProblem::kBadEncoding:
      return "the row is not valid UTF-8 (an old Windows-1252 export?)";
    case CsvRowProblem::kBrokenQuotes:
    case CsvRowProblem::kNone:
      break;
  }
  return "the row's quotes are broken: a quote is not closed, or text follows a closing quote";
}

}  // namespace

ExportReader::ExportReader(std::istream& in, std::string file_name, const RowMapper& mapper,
                           ResumePoint resume)
    : csv_(in),
      file_(std::make_shared<const SourceFile>(SourceFile{std::move(file_name), {}})),
      mapper_(mapper),
      resume_(resume) {}

void ExportReader::reject(ExportRow& row, const CsvRow& csv_row, DeadLetterReason reason,
                          std::string message, std::string field) {
  Rejection rejection;
  rejection.reason = reason;
  rejection.message = std::move(message);
  rejection.field = std::move(field);
  rejection.original.assign(csv_row.bytes);
  rejection.position.file = file_;
  rejection.position.line = csv_row.line;
  row.record = std::move(rejection);
  row.target_group_unmapped = false;
  row.end_offset = csv_row.end_offset;
  row.next_line = csv_row.next_line;
}

// False when the file ends with its header; otherwise true, with `row` set to the whole file's
// rejection when the header is unusable (and the file is then finished).
bool ExportReader::read_header(ExportRow& row) {
  if (!csv_.next(csv_row_)) {
    finished_ = true;  // an empty file has no rows to lose
    return false;
  }
  // A resumed reader already delivered the header's verdict before the checkpoint.
  const bool verdict_delivered = resume_.offset >= csv_row_.end_offset;
  if (csv_row_.problem != CsvRowProblem::kNone) {
    finished_ = true;
    if (verdict_delivered) return false;
    reject(row, csv_row_, reason_of(csv_row_.problem),
           std::string("the header is unusable, so the whole file is rejected: ") +
               message_of(csv_row_.problem));
    return true;
  }
  auto header = Header::parse(csv_row_.fields);
  if (auto* problem = std::get_if<HeaderProblem>(&header)) {
    finished_ = true;
    if (verdict_delivered) return false;
    reject(row, csv_row_, samsag::v1::DEAD_LETTER_REASON_UNPARSEABLE,
           problem->message + ", so the whole file is rejected", problem->column);
    return true;
  }
  header_ = std::get<Header>(std::move(header));
  file_ = std::make_shared<const SourceFile>(SourceFile{file_->name, std::string(csv_row_.bytes)});
  if (resume_.offset > csv_row_.end_offset) csv_.seek(resume_.offset, resume_.line);
  return next(row);
}

bool ExportReader::next(ExportRow& row) {
  if (finished_) return false;
  if (!header_) return read_header(row);
  if (!csv_.next(csv_row_)) return false;
  if (csv_row_.problem != CsvRowProblem::kNone) {
    reject(row, csv_row_, reason_of(csv_row_.problem), message_of(csv_row_.problem));
    return true;
  }
  if (csv_row_.fields.size() != header_->field_count()) {
    reject(row, csv_row_, samsag::v1::DEAD_LETTER_REASON_UNPARSEABLE,
           "the row does not have as many fields as the header");
    return true;
  }
  MappedRow mapped = mapper_.map(*header_, csv_row_.fields);
  if (auto* rejection = std::get_if<Rejection>(&mapped.record)) {
    reject(row, csv_row_, rejection->reason, std::move(rejection->message),
           std::move(rejection->field));
    return true;
  }
  auto& record = std::get<SourceRecord>(mapped.record);
  record.position.file = file_;
  record.position.line = csv_row_.line;
  record.original.assign(csv_row_.bytes);
  row.record = std::move(record);
  row.target_group_unmapped = mapped.target_group_unmapped;
  row.end_offset = csv_row_.end_offset;
  row.next_line = csv_row_.next_line;
  return true;
}

}  // namespace samsag::adapters::employment
