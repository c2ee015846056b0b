#include "cli/gen/social_json.h"

#include "cli/gen/json_writer.h"

namespace samsag::gen {

SocialJsonWriter::SocialJsonWriter(std::filesystem::path directory, std::string tag,
                                   int municipality_code, std::uint64_t events_per_request,
                                   SectorTally& tally)
    : directory_(std::move(directory)),
      tag_(std::move(tag)),
      municipality_code_(municipality_code),
      events_per_request_(events_per_request),
      tally_(tally) {}

void SocialJsonWriter::open_request() {
  ++file_number_;
  std::string name = tag_ + "-social-";
  append_number(name, file_number_, 5);
  name.append(".json");
  file_ = std::make_unique<OutputFile>(directory_, name);
  tally_.files.push_back({"social/" + name, 0, 0, 0});
  events_in_request_ = 0;
  single_ = file_number_ == 1;
  if (!single_) file_->write("{\"events\": [\n");
}

Status SocialJsonWriter::close_request() {
  if (!file_) return ok_status();
  file_->write(single_ ? "\n" : "\n]}\n");
  Status status = file_->commit();
  file_.reset();
  return status;
}

std::string SocialJsonWriter::event_json(const std::string& cpr, const SocialRecord& r) const {
  std::string out;
  JsonWriter json(out);
  json.begin_object();
  json.field("type", social_event_code(r.event));
  json.field("record_id", r.record_id);
  json.number_field("version", r.version);
  json.field("source_system", "samsag-gen");
  json.number_field("municipality_code", municipality_code_);
  json.field("cpr", cpr);
  json.field("occurred_at",
             r.occurred_on_date_only ? r.occurred_at.date.iso() : r.occurred_at.iso_with_offset());
  switch (r.event) {
    case SocialEvent::kMeasureGranted:
      json.field("measure_id", r.thing_id).field("legal_basis", r.legal_basis);
      json.field("start", r.start.iso());
      if (r.planned_end) json.field("planned_end", r.planned_end->iso());
      if (!r.provider.empty()) json.field("provider_kind", r.provider);
      break;
    case SocialEvent::kMeasureEnded:
      json.field("measure_id", r.thing_id).field("legal_basis", r.legal_basis);
      json.field("end", r.end.iso());
      if (!r.end_reason.empty()) json.field("end_reason", r.end_reason);
      break;
    case SocialEvent::kCaseworkerAssigned:
      json.key("contact").begin_object();
      json.field("role", r.role).field("unit_name", r.unit.name);
      if (!r.unit.id.empty()) json.field("unit_id", r.unit.id);
      if (!r.unit.functional_contact.empty()) {
        json.field("functional_contact", r.unit.functional_contact);
      }
      json.end_object();
      break;
    case SocialEvent::kMeetingScheduled:
    case SocialEvent::kMeetingHeld:
    case SocialEvent::kMeetingCancelled:
      json.field("meeting_id", r.thing_id).field("kind", r.meeting_kind);
      json.field("scheduled_at", r.meeting_at.iso_with_offset());
      if (!r.meeting_mode.empty()) json.field("mode", r.meeting_mode);
      break;
  }
  json.end_object();
  return out;
}

Status SocialJsonWriter::write(const CitizenHistory& citizen) {
  for (const SocialRecord& record : citizen.social) {
    const std::uint64_t capacity = single_ ? 1 : events_per_request_;
    if (file_ && events_in_request_ >= capacity) {
      if (Status s = close_request(); !s.ok()) return s;
    }
    if (!file_) open_request();
    if (events_in_request_ > 0) file_->write(",\n");
    file_->write(event_json(citizen.cpr, record));
    ++events_in_request_;
    tally_.record(social_event_name(record.event));
  }
  return ok_status();
}

Status SocialJsonWriter::finish() { return close_request(); }

}  // namespace samsag::gen
