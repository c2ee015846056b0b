#include "cli/gen/employment_csv.h"

#include <algorithm>

namespace samsag::gen {
namespace {

// Column order of the files samsag gen writes; readers find columns by name (FORMAT.md).
constexpr std::string_view kHeader =
    "cpr;haendelse;dato;registrering_id;version;kildesystem;kommunekode;forloeb_id;maalgruppe;"
    "parathed;ydelse;ydelse_status;indsats;leverandoer;planlagt_slut;timer_pr_uge;slutaarsag;"
    "moedetype;moedetidspunkt;moedeform;beskaeftigelse;delvis;rolle;enhed;enhed_id;"
    "funktionel_kontakt";

void append_field(std::string& line, std::string_view value) {
  line.push_back(';');
  const bool plain = std::none_of(value.begin(), value.end(), [](char c) {
    return c == ';' || c == '"' || c == '\r' || c == '\n';
  });
  if (plain) {
    line.append(value);
    return;
  }
  line.push_back('"');
  for (char c : value) {
    if (c == '"') line.push_back('"');
    line.push_back(c);
  }
  line.push_back('"');
}

std::string half_hours_text(int half_hours) {
  std::string out;
  append_number(out, half_hours / 2);
  if (half_hours % 2 != 0) out.append(",5");  // decimal comma (domain.md §8)
  return out;
}

}  // namespace

EmploymentCsvWriter::EmploymentCsvWriter(std::filesystem::path directory, std::string tag,
                                         int municipality_code, std::uint64_t rows_per_file,
                                         SectorTally& tally)
    : directory_(std::move(directory)),
      tag_(std::move(tag)),
      municipality_code_(municipality_code),
      rows_per_file_(rows_per_file),
      tally_(tally) {}

Status EmploymentCsvWriter::roll() {
  if (file_) {
    if (Status s = file_->commit(); !s.ok()) return s;
  }
  ++file_number_;
  std::string name = tag_ + "-employment-";
  append_number(name, file_number_, 5);
  name.append(".csv");
  file_ = std::make_unique<OutputFile>(directory_, name);
  tally_.files.push_back({"employment/" + name, 0, 0, 0});
  rows_in_file_ = 0;
  windows_dialect_ = file_number_ % 2 == 0;
  std::string header;
  if (windows_dialect_) header.append("\xEF\xBB\xBF");
  header.append(kHeader);
  header.append(windows_dialect_ ? "\r\n" : "\n");
  file_->write(header);
  return ok_status();
}

void EmploymentCsvWriter::append_row(const std::string& cpr, const EmploymentRecord& r) {
  std::string& line = line_;
  line.clear();
  // Both CPR forms appear: the dash is optional on input (domain.md §6).
  if (r.record_id.back() % 2 == 0) {
    line.append(cpr, 0, 6).append("-").append(cpr, 6, 4);
  } else {
    line.append(cpr);
  }
  append_field(line, employment_event_code(r.event));
  append_field(line, windows_dialect_ ? r.date.danish() : r.date.iso());
  append_field(line, r.record_id);
  std::string number;
  append_number(number, r.version);
  append_field(line, number);
  append_field(line, "samsag-gen");
  number.clear();
  append_number(number, municipality_code_, windows_dialect_ ? 4 : 3);
  append_field(line, number);
  append_field(line, r.thing_id);
  append_field(line, r.target_group);
  append_field(line, r.readiness);
  append_field(line, r.benefit);
  append_field(line, r.benefit_status);
  append_field(line, r.effort);
  append_field(line, r.provider);
  append_field(line, r.planned_end
                         ? (windows_dialect_ ? r.planned_end->danish() : r.planned_end->iso())
                         : std::string());
  append_field(line,
               r.half_hours_per_week > 0 ? half_hours_text(r.half_hours_per_week) : std::string());
  append_field(line, r.end_reason);
  const bool meeting = r.event == EmploymentEvent::kMeetingScheduled ||
                       r.event == EmploymentEvent::kMeetingHeld ||
                       r.event == EmploymentEvent::kMeetingCancelled;
  append_field(line, r.meeting_kind);
  append_field(line, meeting ? (windows_dialect_ ? r.meeting_at.csv_danish() : r.meeting_at.csv())
                             : std::string());
  append_field(line, r.meeting_mode);
  append_field(line, r.engagement);
  append_field(line,
               r.event == EmploymentEvent::kSicknessReported ? (r.partial ? "ja" : "nej") : "");
  append_field(line, r.role);
  append_field(line, r.unit.name);
  append_field(line, r.unit.id);
  append_field(line, r.unit.functional_contact);
  line.append(windows_dialect_ ? "\r\n" : "\n");
  file_->write(line);
}

Status EmploymentCsvWriter::write(const CitizenHistory& citizen) {
  for (const EmploymentRecord& record : citizen.employment) {
    if (!file_ || rows_in_file_ >= rows_per_file_) {
      if (Status s = roll(); !s.ok()) return s;
    }
    append_row(citizen.cpr, record);
    ++rows_in_file_;
    tally_.record(employment_event_name(record.event));
  }
  return ok_status();
}

Status EmploymentCsvWriter::finish() {
  if (!file_) {
    if (Status s = roll(); !s.ok()) return s;  // an empty export still has its header
  }
  return file_->commit();
}

}  // namespace samsag::gen
