#include "cli/gen/fhir_bundles.h"

#include "cli/gen/json_writer.h"

namespace samsag::gen {
namespace {

constexpr std::string_view kBase = "https://samsag-gen.example/fhir/";
constexpr std::string_view kCprSystem = "urn:oid:1.2.208.176.1.2";
constexpr std::string_view kMunicipalityExtension =
    "http://hl7.dk/fhir/core/StructureDefinition/dk-core-municipalityCodes";
constexpr std::string_view kMunicipalitySystem =
    "http://hl7.dk/fhir/core/CodeSystem/dk-core-municipality-codes";
// samsag's own code systems (FORMAT.md): not published terminology.
constexpr std::string_view kEpisodeKind = "http://samsag.dk/fhir/CodeSystem/episode-kind";
constexpr std::string_view kCarePlanKind = "http://samsag.dk/fhir/CodeSystem/care-plan-kind";
constexpr std::string_view kContactRole = "http://samsag.dk/fhir/CodeSystem/contact-role";
constexpr std::string_view kCareSetting = "http://samsag.dk/fhir/CodeSystem/care-setting";
constexpr std::string_view kMeetingMode = "http://samsag.dk/fhir/CodeSystem/meeting-mode";
// Marks text a mapper must never forward; a test finding it on Kafka has found a leak.
constexpr std::string_view kForbiddenText =
    "FORBIDDEN-TEXT samsag-gen: fritekst og årsag må aldrig videregives";

std::string_view resource_type(FhirKind kind) {
  switch (kind) {
    case FhirKind::kEpisodeOfCare:
      return "EpisodeOfCare";
    case FhirKind::kCarePlan:
      return "CarePlan";
    case FhirKind::kCareTeam:
      return "CareTeam";
    case FhirKind::kEncounter:
      return "Encounter";
    case FhirKind::kAppointment:
      return "Appointment";
    case FhirKind::kObservation:
      return "Observation";
    case FhirKind::kCondition:
      return "Condition";
  }
  return "";
}

void coding(JsonWriter& json, std::string_view system, std::string_view code) {
  json.begin_object().key("coding").begin_array();
  json.begin_object().field("system", system).field("code", code).end_object();
  json.end_array().end_object();
}

std::string fhir_time(const LocalTime& time, bool as_date) {
  return as_date ? time.date.iso() : time.iso_with_offset();
}

void period(JsonWriter& json, const FhirEntry& e) {
  if (!e.period_start && !e.period_end) return;
  json.key("period").begin_object();
  if (e.period_start) json.field("start", fhir_time(*e.period_start, e.period_as_dates));
  if (e.period_end) json.field("end", fhir_time(*e.period_end, e.period_as_dates));
  json.end_object();
}

void reference(JsonWriter& json, std::string_view key, const std::string& target) {
  json.key(key).begin_object().field("reference", target).end_object();
}

}  // namespace

FhirBundleWriter::FhirBundleWriter(std::filesystem::path directory, std::string tag, Sector sector,
                                   int municipality_code, std::uint64_t citizens_per_bundle,
                                   SectorTally& tally)
    : directory_(std::move(directory)),
      tag_(std::move(tag)),
      sector_(sector),
      municipality_code_(municipality_code),
      citizens_per_bundle_(citizens_per_bundle),
      tally_(tally) {}

std::string FhirBundleWriter::full_url(std::string_view type, std::string_view id) const {
  std::string out(kBase);
  out.append(type).push_back('/');
  out.append(id);
  return out;
}

// Health refers to the Patient by its fullUrl, region by "Patient/<id>": the two ways FHIR
// allows inside a Bundle, so the mappers must handle both.
std::string FhirBundleWriter::patient_reference(std::string_view patient_id) const {
  if (sector_ == Sector::kHealth) return full_url("Patient", patient_id);
  return "Patient/" + std::string(patient_id);
}

void FhirBundleWriter::open_bundle() {
  ++file_number_;
  const std::string_view sector = sector_ == Sector::kHealth ? "health" : "region";
  std::string name = tag_ + "-" + std::string(sector) + "-";
  append_number(name, file_number_, 5);
  std::string bundle_id = name;
  name.append(".json");
  file_ = std::make_unique<OutputFile>(directory_, name);
  tally_.files.push_back({std::string(sector) + "/" + name, 0, 0, 0});
  citizens_in_bundle_ = 0;
  first_entry_ = true;
  std::string head;
  JsonWriter json(head);
  json.begin_object().field("resourceType", "Bundle").field("id", bundle_id);
  json.field("type", "collection").key("entry");
  file_->write(head);
  file_->write("[\n");
}

Status FhirBundleWriter::close_bundle() {
  if (!file_) return ok_status();
  file_->write("\n]}\n");
  Status status = file_->commit();
  file_.reset();
  return status;
}

void FhirBundleWriter::write_line(const std::string& json) {
  if (!first_entry_) file_->write(",\n");
  first_entry_ = false;
  file_->write(json);
}

void FhirBundleWriter::write_patient(std::string_view patient_id, const std::string& cpr,
                                     int municipality_code) {
  std::string out;
  JsonWriter json(out);
  json.begin_object().field("fullUrl", full_url("Patient", patient_id));
  json.key("resource").begin_object();
  json.field("resourceType", "Patient").field("id", patient_id);
  json.key("meta").begin_object().key("profile").begin_array();
  json.string("http://hl7.dk/fhir/core/StructureDefinition/dk-core-patient");
  json.end_array().end_object();
  json.key("identifier").begin_array().begin_object();
  json.field("use", "official");
  json.key("type");
  coding(json, "http://terminology.hl7.org/CodeSystem/v2-0203", "NNDNK");
  json.field("system", kCprSystem).field("value", cpr);
  json.end_object().end_array();
  // Name and gender are here because real exports have them; the mapper drops both.
  json.key("name")
      .begin_array()
      .begin_object()
      .field("use", "official")
      .field("family", "Syntetisk");
  json.key("given").begin_array().string("Borger").end_array().end_object().end_array();
  json.field("gender", (cpr[9] - '0') % 2 == 0 ? "female" : "male");
  json.key("address").begin_array().begin_object().field("use", "home");
  json.key("extension").begin_array().begin_object().field("url", kMunicipalityExtension);
  json.key("valueCodeableConcept");
  std::string code;
  append_number(code, municipality_code, 4);
  coding(json, kMunicipalitySystem, code);
  json.end_object().end_array();
  json.field("country", "DK").end_object().end_array();
  json.end_object().end_object();
  write_line(out);
}

void FhirBundleWriter::write_entry(std::string_view patient_id, const FhirEntry& e) {
  const std::string_view type = resource_type(e.kind);
  const std::string patient = patient_reference(patient_id);
  std::string out;
  JsonWriter json(out);
  json.begin_object().field("fullUrl", full_url(type, e.id));
  json.key("resource").begin_object();
  json.field("resourceType", type).field("id", e.id);
  json.key("meta").begin_object();
  json.field("versionId", std::to_string(e.version));
  json.field("lastUpdated", e.last_updated.iso_with_offset());
  json.field("source", "samsag-gen").end_object();
  if (!e.status.empty()) json.field("status", e.status);
  switch (e.kind) {
    case FhirKind::kEpisodeOfCare:
      json.key("type").begin_array();
      coding(json, kEpisodeKind, e.code);
      json.end_array();
      reference(json, "patient", patient);
      period(json, e);
      break;
    case FhirKind::kCarePlan:
      json.field("intent", "plan").key("category").begin_array();
      coding(json, kCarePlanKind, e.code);
      json.end_array();
      reference(json, "subject", patient);
      period(json, e);
      if (e.created) json.field("created", e.created->iso_with_offset());
      break;
    case FhirKind::kCareTeam: {
      reference(json, "subject", patient);
      period(json, e);
      json.key("participant").begin_array().begin_object().key("role").begin_array();
      coding(json, kContactRole, e.code);
      json.end_array().end_object().end_array();
      json.key("managingOrganization").begin_array().begin_object();
      if (!e.unit.id.empty()) {
        json.key("identifier").begin_object().field("value", e.unit.id).end_object();
      }
      json.field("display", e.unit.name).end_object().end_array();
      if (!e.unit.functional_contact.empty()) {
        const bool mail = e.unit.functional_contact.find('@') != std::string_view::npos;
        json.key("telecom").begin_array().begin_object();
        json.field("system", mail ? "email" : "phone").field("value", e.unit.functional_contact);
        json.end_object().end_array();
      }
      break;
    }
    case FhirKind::kEncounter:
      json.key("class").begin_object();
      json.field("system", "http://terminology.hl7.org/CodeSystem/v3-ActCode");
      json.field("code", e.encounter_class).end_object();
      json.key("type").begin_array();
      coding(json, kCareSetting, e.care_setting);
      json.end_array();
      reference(json, "subject", patient);
      period(json, e);
      if (e.with_forbidden_text) {
        json.key("reasonCode").begin_array().begin_object().field("text", kForbiddenText);
        json.end_object().end_array();
      }
      break;
    case FhirKind::kAppointment:
      if (!e.mode.empty()) {
        json.key("appointmentType");
        coding(json, kMeetingMode, e.mode);
      }
      json.field("start", e.start.iso_with_offset());
      json.field("end", LocalTime{e.start.date, e.start.minute_of_day + 30}.iso_with_offset());
      if (e.with_forbidden_text) json.field("comment", kForbiddenText);
      json.key("participant").begin_array().begin_object();
      reference(json, "actor", patient);
      json.field("status", "accepted").end_object().end_array();
      break;
    case FhirKind::kObservation:
      json.key("code").begin_object().key("coding").begin_array().begin_object();
      json.field("system", "http://loinc.org").field("code", "29463-7").end_object().end_array();
      json.field("text", kForbiddenText).end_object();
      reference(json, "subject", patient);
      json.field("effectiveDateTime", e.last_updated.iso_with_offset());
      json.key("valueQuantity").begin_object().number_field("value", 82).field("unit", "kg");
      json.end_object();
      break;
    case FhirKind::kCondition:
      json.key("code").begin_object().key("coding").begin_array().begin_object();
      json.field("system", "urn:oid:1.2.208.176.2.4").field("code", "DZ039").end_object();
      json.end_array().field("text", kForbiddenText).end_object();
      reference(json, "subject", patient);
      break;
  }
  json.end_object().end_object();
  write_line(out);
}

Status FhirBundleWriter::write(const CitizenHistory& citizen) {
  const std::vector<FhirEntry>& entries =
      sector_ == Sector::kHealth ? citizen.health : citizen.region;
  if (entries.empty()) return ok_status();
  if (file_ && citizens_in_bundle_ >= citizens_per_bundle_) {
    if (Status s = close_bundle(); !s.ok()) return s;
  }
  if (!file_) open_bundle();
  ++citizens_in_bundle_;
  write_patient(citizen.patient_id, citizen.cpr, municipality_code_);
  for (const FhirEntry& entry : entries) {
    write_entry(citizen.patient_id, entry);
    if (entry.expected_event.empty()) {
      tally_.drop();
    } else {
      tally_.record(entry.expected_event);
    }
  }
  if (sector_ == Sector::kRegion && citizen.neighbour) {
    const Neighbour& n = *citizen.neighbour;
    write_patient(n.patient_id, n.cpr, n.municipality_code);
    for (const FhirEntry& entry : n.region) {
      write_entry(n.patient_id, entry);
      tally_.skip();
    }
  }
  return ok_status();
}

Status FhirBundleWriter::finish() { return close_bundle(); }

}  // namespace samsag::gen
