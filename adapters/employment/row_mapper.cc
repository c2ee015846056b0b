#include "adapters/employment/row_mapper.h"

#include <algorithm>
#include <array>
#include <cctype>

#include "adapters/employment/code_lists.h"
#include "adapters/employment/field_values.h"
#include "adapters/employment/row_values.h"
#include "samsag/config/v1/config.pb.h"

namespace samsag::adapters::employment {
namespace {

namespace v1 = samsag::v1;

// What a builder needs besides the row: the target-group mapping, and where to say that a code
// was not in it.
struct BuildContext {
  const MappingSettings& settings;
  const EmploymentCodeLists& codes;
  bool target_group_unmapped = false;
};

using Builder = bool (*)(RowValues&, BuildContext&, v1::Event&);

template <typename Enum>
bool read_code(RowValues& row, Column column, const CodeList& list, Need need, Enum& out) {
  int number = static_cast<int>(out);
  if (!row.code(column, list, need, number)) return false;
  out = static_cast<Enum>(number);
  return true;
}

bool build_target_group(RowValues& row, BuildContext& context, v1::Event& event) {
  std::string_view code;
  if (!row.present(Column::kMaalgruppe, code)) return false;
  if (!is_valid_text(code, 64)) {
    return row.fail(v1::DEAD_LETTER_REASON_INVALID_VALUE, Column::kMaalgruppe,
                    "the target-group code is too long or contains a CPR-shaped number");
  }
  std::string key(code);
  std::transform(key.begin(), key.end(), key.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  auto* assigned = event.mutable_target_group_assigned();
  const auto mapped = context.settings.target_groups.find(key);
  if (mapped == context.settings.target_groups.end() ||
      mapped->second == v1::TARGET_GROUP_UNSPECIFIED) {
    assigned->set_target_group(v1::TARGET_GROUP_UNKNOWN);  // domain.md §2: not a dead letter
    context.target_group_unmapped = true;
  } else {
    assigned->set_target_group(mapped->second);
  }
  assigned->set_source_code(std::string(code));
  return true;
}

bool build_readiness(RowValues& row, BuildContext& context, v1::Event& event) {
  v1::Readiness readiness = v1::READINESS_UNSPECIFIED;
  if (!read_code(row, Column::kParathed, context.codes.readiness, Need::kMandatory, readiness)) {
    return false;
  }
  event.mutable_readiness_assessed()->set_readiness(readiness);
  return true;
}

// `ydelse`: a listed code, or any other value as BENEFIT_OTHER with the value kept.
template <typename Message>
bool read_benefit(RowValues& row, BuildContext& context, Message* message) {
  std::string_view value;
  if (!row.present(Column::kYdelse, value)) return false;
  if (const auto listed = context.codes.benefit.find(value)) {
    message->set_benefit(static_cast<v1::Benefit>(*listed));
    return true;
  }
  message->set_benefit(v1::BENEFIT_OTHER);
  return row.text(Column::kYdelse, 64, Need::kMandatory, message->mutable_source_code());
}

bool build_benefit_started(RowValues& row, BuildContext& context, v1::Event& event) {
  auto* started = event.mutable_benefit_started();
  return row.id(Column::kForloebId, started->mutable_benefit_id()) &&
         read_benefit(row, context, started);
}

bool build_benefit_changed(RowValues& row, BuildContext& context, v1::Event& event) {
  auto* changed = event.mutable_benefit_changed();
  v1::BenefitStatus status = v1::BENEFIT_STATUS_UNSPECIFIED;
  if (!row.id(Column::kForloebId, changed->mutable_benefit_id()) ||
      !read_benefit(row, context, changed) ||
      !read_code(row, Column::kYdelseStatus, context.codes.benefit_status, Need::kMandatory,
                 status)) {
    return false;
  }
  changed->set_status(status);
  return true;
}

bool build_benefit_ended(RowValues& row, BuildContext& context, v1::Event& event) {
  auto* ended = event.mutable_benefit_ended();
  v1::EndReason reason = v1::END_REASON_UNSPECIFIED;
  if (!row.id(Column::kForloebId, ended->mutable_benefit_id()) ||
      !read_benefit(row, context, ended) ||
      !read_code(row, Column::kSlutaarsag, context.codes.end_reason, Need::kOptional, reason)) {
    return false;
  }
  ended->set_end_reason(reason);
  return true;
}

bool build_effort_started(RowValues& row, BuildContext& context, v1::Event& event) {
  auto* started = event.mutable_effort_started();
  v1::EffortType type = v1::EFFORT_TYPE_UNSPECIFIED;
  v1::ProviderKind provider = v1::PROVIDER_KIND_UNSPECIFIED;
  double hours = 0;
  google::protobuf::Timestamp planned_end;
  if (!row.id(Column::kForloebId, started->mutable_effort_id()) ||
      !read_code(row, Column::kIndsats, context.codes.effort_type, Need::kMandatory, type) ||
      !read_code(row, Column::kLeverandoer, context.codes.provider_kind, Need::kOptional,
                 provider) ||
      !row.date(Column::kPlanlagtSlut, Need::kOptional, &planned_end) ||
      !row.decimal(Column::kTimerPrUge, 80, hours)) {
    return false;
  }
  started->set_effort_type(type);
  started->set_provider_kind(provider);
  if (!trim(row.raw(Column::kPlanlagtSlut)).empty()) *started->mutable_planned_end() = planned_end;
  started->set_hours_per_week(hours);
  return true;
}

bool build_effort_ended(RowValues& row, BuildContext& context, v1::Event& event) {
  auto* ended = event.mutable_effort_ended();
  v1::EffortType type = v1::EFFORT_TYPE_UNSPECIFIED;
  v1::EndReason reason = v1::END_REASON_UNSPECIFIED;
  if (!row.id(Column::kForloebId, ended->mutable_effort_id()) ||
      !read_code(row, Column::kIndsats, context.codes.effort_type, Need::kMandatory, type) ||
      !read_code(row, Column::kSlutaarsag, context.codes.end_reason, Need::kOptional, reason)) {
    return false;
  }
  ended->set_effort_type(type);
  ended->set_end_reason(reason);
  return true;
}

// MeetingScheduled, MeetingHeld and MeetingCancelled carry the same fields.
template <typename Meeting, Meeting* (v1::Event::*mutable_meeting)()>
bool build_meeting(RowValues& row, BuildContext& context, v1::Event& event) {
  Meeting* meeting = (event.*mutable_meeting)();
  v1::MeetingKind kind = v1::MEETING_KIND_UNSPECIFIED;
  v1::MeetingMode mode = v1::MEETING_MODE_UNSPECIFIED;
  if (!row.id(Column::kForloebId, meeting->mutable_meeting_id()) ||
      !read_code(row, Column::kMoedetype, context.codes.meeting_kind, Need::kMandatory, kind) ||
      !row.date_time(Column::kMoedetidspunkt, meeting->mutable_scheduled_at()) ||
      !read_code(row, Column::kMoedeform, context.codes.meeting_mode, Need::kOptional, mode)) {
    return false;
  }
  meeting->set_kind(kind);
  meeting->set_mode(mode);
  return true;
}

bool build_engagement_started(RowValues& row, BuildContext& context, v1::Event& event) {
  auto* started = event.mutable_job_or_education_started();
  v1::EngagementKind kind = v1::ENGAGEMENT_KIND_UNSPECIFIED;
  double hours = 0;
  if (!row.id(Column::kForloebId, started->mutable_engagement_id()) ||
      !read_code(row, Column::kBeskaeftigelse, context.codes.engagement, Need::kMandatory, kind) ||
      !row.decimal(Column::kTimerPrUge, 80, hours)) {
    return false;
  }
  started->set_kind(kind);
  started->set_hours_per_week(hours);
  return true;
}

bool build_engagement_ended(RowValues& row, BuildContext& context, v1::Event& event) {
  auto* ended = event.mutable_job_or_education_ended();
  v1::EngagementKind kind = v1::ENGAGEMENT_KIND_UNSPECIFIED;
  if (!row.id(Column::kForloebId, ended->mutable_engagement_id()) ||
      !read_code(row, Column::kBeskaeftigelse, context.codes.engagement, Need::kMandatory, kind)) {
    return false;
  }
  ended->set_kind(kind);
  return true;
}

// `dato` is the first day of sickness (FORMAT.md §4).
bool build_sickness_reported(RowValues& row, BuildContext&, v1::Event& event) {
  auto* reported = event.mutable_sickness_reported();
  bool partial = false;
  if (!row.id(Column::kForloebId, reported->mutable_sickness_id()) ||
      !row.date(Column::kDato, Need::kMandatory, reported->mutable_first_day()) ||
      !row.yes_no(Column::kDelvis, partial)) {
    return false;
  }
  reported->set_partial(partial);
  return true;
}

// `dato` is the last day of sickness.
bool build_sickness_ended(RowValues& row, BuildContext&, v1::Event& event) {
  auto* ended = event.mutable_sickness_ended();
  return row.id(Column::kForloebId, ended->mutable_sickness_id()) &&
         row.date(Column::kDato, Need::kMandatory, ended->mutable_last_day());
}

bool build_caseworker(RowValues& row, BuildContext& context, v1::Event& event) {
  auto* contact = event.mutable_caseworker_assigned()->mutable_contact();
  v1::ContactRole role = v1::CONTACT_ROLE_UNSPECIFIED;
  if (!read_code(row, Column::kRolle, context.codes.contact_role, Need::kMandatory, role) ||
      !row.text(Column::kEnhed, 100, Need::kMandatory, contact->mutable_unit_name()) ||
      !row.text(Column::kEnhedId, 64, Need::kOptional, contact->mutable_unit_id()) ||
      !row.text(Column::kFunktionelKontakt, 100, Need::kOptional,
                contact->mutable_functional_contact())) {
    return false;
  }
  contact->set_role(role);
  return true;
}

struct EventType {
  std::string_view code;  // `haendelse`
  Builder build;
};

// FORMAT.md §5.
constexpr std::array<EventType, 15> kEventTypes = {{
    {"MAALGRUPPE", build_target_group},
    {"PARATHED", build_readiness},
    {"YDELSE_START", build_benefit_started},
    {"YDELSE_AENDRING", build_benefit_changed},
    {"YDELSE_SLUT", build_benefit_ended},
    {"INDSATS_START", build_effort_started},
    {"INDSATS_SLUT", build_effort_ended},
    {"MOEDE_PLANLAGT", build_meeting<v1::MeetingScheduled, &v1::Event::mutable_meeting_scheduled>},
    {"MOEDE_AFHOLDT", build_meeting<v1::MeetingHeld, &v1::Event::mutable_meeting_held>},
    {"MOEDE_AFLYST", build_meeting<v1::MeetingCancelled, &v1::Event::mutable_meeting_cancelled>},
    {"JOB_UDDANNELSE_START", build_engagement_started},
    {"JOB_UDDANNELSE_SLUT", build_engagement_ended},
    {"SYGEMELDING", build_sickness_reported},
    {"RASKMELDING", build_sickness_ended},
    {"SAGSBEHANDLER", build_caseworker},
}};

const EventType* find_event_type(std::string_view code) {
  for (const EventType& type : kEventTypes) {
    if (type.code.size() == code.size() &&
        std::equal(type.code.begin(), type.code.end(), code.begin(), [](char a, char b) {
          // ASCII upper case without the locale: the codes are ASCII (FORMAT.md §5).
          return a == ((b >= 'a' && b <= 'z') ? static_cast<char>(b - 'a' + 'A') : b);
        })) {
      return &type;
    }
  }
  return nullptr;
}

// The columns every row has (FORMAT.md §4, "all"), in the order their problems are reported: a
// row of another municipality is that, whatever else is wrong with it.
bool read_common(RowValues& row, const MappingSettings& settings, SourceRecord& record,
                 const EventType*& type) {
  if (const std::string_view code = trim(row.raw(Column::kKommunekode)); !code.empty()) {
    const auto municipality = parse_municipality_code(code);
    if (!municipality) {
      return row.fail(v1::DEAD_LETTER_REASON_INVALID_VALUE, Column::kKommunekode,
                      "the municipality code is not 3 or 4 digits");
    }
    if (*municipality != settings.municipality_code) {
      return row.fail(v1::DEAD_LETTER_REASON_WRONG_MUNICIPALITY, Column::kKommunekode,
                      "the row names another municipality than this adapter's");
    }
  }
  std::string_view event_type;
  if (!row.present(Column::kHaendelse, event_type)) return false;
  type = find_event_type(event_type);
  if (type == nullptr) {
    return row.fail(v1::DEAD_LETTER_REASON_UNKNOWN_EVENT_TYPE, Column::kHaendelse,
                    "the event type is not one of FORMAT.md section 5");
  }
  if (!row.date(Column::kDato, Need::kMandatory, &record.occurred_at) ||
      !row.id(Column::kRegistreringId, &record.record_id)) {
    return false;
  }
  std::string_view version_text;
  if (!row.present(Column::kVersion, version_text)) return false;
  const auto version = parse_unsigned(version_text);
  if (!version || *version == 0) {
    return row.fail(v1::DEAD_LETTER_REASON_INVALID_VALUE, Column::kVersion,
                    "the version is not a whole number of at least 1");
  }
  // The decimal string without leading zeros, so `01` and `1` are the same event id.
  record.record_version = std::to_string(*version);
  if (const std::string_view system = trim(row.raw(Column::kKildesystem)); !system.empty()) {
    if (!is_valid_source_system(system)) {
      return row.fail(v1::DEAD_LETTER_REASON_INVALID_VALUE, Column::kKildesystem,
                      "the source system is not 1-64 characters of A-Z a-z 0-9 . _ -");
    }
    record.source_system.assign(system);
  }
  record.cpr_text.assign(trim(row.raw(Column::kCpr)));
  return true;
}

}  // namespace

MappingSettings MappingSettings::from_config(const samsag::config::v1::Adapter& adapter,
                                             std::uint32_t municipality_code) {
  MappingSettings settings;
  settings.municipality_code = municipality_code;
  for (const auto& [code, group] : adapter.target_groups()) {
    std::string key(trim(code));
    std::transform(key.begin(), key.end(), key.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    settings.target_groups.emplace(std::move(key), group);
  }
  return settings;
}

RowMapper::RowMapper(MappingSettings settings) : settings_(std::move(settings)) {}

MappedRow RowMapper::map(const Header& header, std::span<const std::string_view> fields) const {
  RowValues row(header, fields);
  SourceRecord record;
  BuildContext context{settings_, EmploymentCodeLists::get()};
  const EventType* type = nullptr;
  if (read_common(row, settings_, record, type) && type->build(row, context, record.payload)) {
    return MappedRow{std::move(record), context.target_group_unmapped};
  }
  const RowProblem& problem = *row.problem();
  Rejection rejection;
  rejection.reason = problem.reason;
  rejection.message = problem.message;
  rejection.field = std::string(column_name(problem.column));
  return MappedRow{std::move(rejection), false};
}

}  // namespace samsag::adapters::employment
