#include "adapters/fhir/fhir_request.h"

#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>
#include <utility>
#include <vector>

#include "adapters/fhir/citizen_reference.h"
#include "adapters/fhir/minimised_original.h"
#include "adapters/fhir/patient_index.h"
#include "adapters/fhir/sector_mapping.h"
#include "adapters/json_source/json_body.h"
#include "adapters/json_source/object_reader.h"

namespace samsag::adapters::fhir {
namespace {

using json_source::FieldProblem;
using json_source::ObjectReader;
using json_source::Presence;
using json_source::ProblemSink;
using samsag::v1::DeadLetterReason;

constexpr std::size_t kMaxVersionId = 64;
constexpr std::size_t kMaxSourceSystem = 64;

// One resource to map: a Bundle entry's resource, or the single resource of the body. An entry
// that has no readable resource carries its problem instead, so records stay in entry order.
struct Entry {
  const boost::json::object* resource = nullptr;
  std::string type;
  std::string path;  // "entry[3].resource", or "" for a single resource
  int index = 0;
  std::optional<FieldProblem> problem;
};

std::string_view string_at(const boost::json::object& object, std::string_view key) {
  const boost::json::value* value = object.if_contains(key);
  if (value == nullptr || !value->is_string()) return {};
  return value->get_string();
}

// A resource type fit to be a count's key (and a metric label): a FHIR type name, else "Unknown".
std::string countable_type(std::string_view type) {
  bool name = !type.empty() && type.size() <= 64 && type.front() >= 'A' && type.front() <= 'Z';
  for (char c : type) {
    if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'))) name = false;
  }
  return name ? std::string(type) : std::string("Unknown");
}

bool is_fhir_id_text(std::string_view text) {
  for (char c : text) {
    const bool allowed = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                         (c >= '0' && c <= '9') || c == '-' || c == '.';
    if (!allowed) return false;
  }
  return true;
}

class BundleReader {
 public:
  BundleReader(const FhirRequest& request, const SectorMapping& sector)
      : request_(request), sector_(sector) {}

  // The body as a whole cannot be read: one Rejection for all of it.
  FhirParse reject_body(DeadLetterReason reason, std::string field, std::string message,
                        std::string original) {
    out_.body_rejected = true;
    out_.parsed.records.emplace_back(json_source::to_rejection(
        {reason, std::move(field), std::move(message)}, std::move(original), position(0)));
    return finish();
  }

  FhirParse read(const boost::json::object& body) {
    const std::string_view type = string_at(body, "resourceType");
    if (type.empty()) {
      return reject_body(samsag::v1::DEAD_LETTER_REASON_UNPARSEABLE, "resourceType",
                         "The body is no FHIR resource: it has no resourceType.",
                         minimised_body(body));
    }
    out_.body_resource_type = countable_type(type);
    if (!request_.resource_type_in_url.empty() && type != request_.resource_type_in_url) {
      return reject_body(samsag::v1::DEAD_LETTER_REASON_UNPARSEABLE, "resourceType",
                         "The body's resourceType is not the resource type of the URL.",
                         minimised_body(body));
    }
    if (type != "Bundle") {
      entries_.push_back({&body, std::string(type), "", 0, std::nullopt});
    } else if (auto problem = collect_entries(body)) {
      return reject_body(problem->reason, std::move(problem->field), std::move(problem->message),
                         minimised_body(body));
    }
    for (const Entry& entry : entries_) {
      if (!entry.problem && entry.type == "Patient") {
        patients_.add(full_url(entry.index), std::string(string_at(*entry.resource, "id")),
                      entry.path, read_patient(*entry.resource, entry.path));
      }
    }
    for (const Entry& entry : entries_) {
      if (entry.problem) {
        // Nothing of an unreadable entry is kept: it may be anything.
        reject(entry.index, *entry.problem, "");
      } else if (entry.type != "Patient") {
        map_entry(entry);
      }
    }
    return finish();
  }

 private:
  SourcePosition position(int index) const {
    SourcePosition at;
    at.request_id = request_.request_id;
    at.index = index;
    return at;
  }

  std::string full_url(int index) const {
    const auto at = static_cast<std::size_t>(index);
    return at < full_urls_.size() ? std::string(full_urls_[at]) : std::string();
  }

  void reject(int index, FieldProblem problem, std::string original) {
    out_.parsed.records.emplace_back(
        json_source::to_rejection(std::move(problem), std::move(original), position(index)));
  }

  void drop(std::string_view type) {
    const std::string key = countable_type(type);
    for (auto& [counted, count] : out_.parsed.dropped) {
      if (counted == key) {
        ++count;
        return;
      }
    }
    out_.parsed.dropped.emplace_back(key, 1);
  }

  // The entries of a Bundle, or the problem that makes the whole body unreadable.
  std::optional<FieldProblem> collect_entries(const boost::json::object& bundle) {
    const std::string_view bundle_type = string_at(bundle, "type");
    if (bundle_type != "collection" && bundle_type != "batch" && bundle_type != "transaction" &&
        bundle_type != "message") {
      return FieldProblem{samsag::v1::DEAD_LETTER_REASON_UNPARSEABLE, "type",
                          "Bundle.type must be collection, batch, transaction or message."};
    }
    const boost::json::value* entries = bundle.if_contains("entry");
    if (entries == nullptr || entries->is_null()) return std::nullopt;  // an empty Bundle
    if (!entries->is_array()) {
      return FieldProblem{samsag::v1::DEAD_LETTER_REASON_UNPARSEABLE, "entry",
                          "Bundle.entry must be a JSON array."};
    }
    const boost::json::array& list = entries->get_array();
    full_urls_.resize(list.size());
    for (std::size_t i = 0; i < list.size(); ++i) {
      const int index = static_cast<int>(i);
      const std::string entry_path = json_source::index_path("entry", i);
      const std::string resource_path = json_source::join_path(entry_path, "resource");
      Entry entry{nullptr, "", resource_path, index, std::nullopt};
      const boost::json::value* resource = nullptr;
      if (!list[i].is_object()) {
        entry.problem = FieldProblem{samsag::v1::DEAD_LETTER_REASON_UNPARSEABLE, entry_path,
                                     entry_path + " is not a JSON object."};
      } else {
        full_urls_[i] = string_at(list[i].get_object(), "fullUrl");
        resource = list[i].get_object().if_contains("resource");
      }
      if (!entry.problem && (resource == nullptr || !resource->is_object())) {
        entry.problem =
            FieldProblem{samsag::v1::DEAD_LETTER_REASON_MISSING_FIELD, resource_path,
                         resource_path + " is missing: every entry must carry a resource."};
      }
      if (!entry.problem) {
        entry.resource = &resource->get_object();
        entry.type = string_at(*entry.resource, "resourceType");
        if (entry.type.empty()) {
          const std::string type_path = json_source::join_path(resource_path, "resourceType");
          entry.problem = FieldProblem{samsag::v1::DEAD_LETTER_REASON_MISSING_FIELD, type_path,
                                       type_path + " is mandatory but missing."};
        }
      }
      entries_.push_back(std::move(entry));
    }
    return std::nullopt;
  }

  // Any problem with the citizen an event would be about; nullopt when the CPR can be used.
  std::optional<FieldProblem> citizen_problem(const CitizenReference& citizen) const {
    if (citizen.patient == nullptr) {
      return FieldProblem{samsag::v1::DEAD_LETTER_REASON_MISSING_CPR, citizen.field,
                          citizen.field + " names no Patient in this request, so no citizen."};
    }
    if (citizen.patient->cpr_problem) return citizen.patient->cpr_problem;
    if (sector_.skip_other_municipalities && citizen.patient->municipality_problem) {
      return citizen.patient->municipality_problem;
    }
    return std::nullopt;
  }

  // id, meta.versionId and meta.source: what fixes the event id (FORMAT.md §2, §9).
  void read_version(const Entry& entry, ProblemSink& sink, SourceRecord& record) const {
    ObjectReader reader(*entry.resource, entry.path, sink);
    if (auto id = reader.id("id", Presence::kMandatory)) {
      record.record_id = entry.type + "/" + *id;
    }
    auto meta = reader.child("meta", Presence::kMandatory);
    if (!meta) return;
    if (auto version = meta->text("versionId", Presence::kMandatory, kMaxVersionId)) {
      if (is_fhir_id_text(*version)) {
        record.record_version = std::move(*version);
      } else {
        meta->invalid("versionId", "may only hold letters, digits, '-' and '.'");
      }
    }
    if (auto source = meta->forwarded_text("source", Presence::kOptional, kMaxSourceSystem)) {
      record.source_system = std::move(*source);
    }
  }

  void map_entry(const Entry& entry) {
    const CitizenReference citizen =
        find_citizen(*entry.resource, entry.type, entry.path, patients_);
    // An adapter without a municipality (0) skips nobody, as the social parser checks nobody.
    if (sector_.skip_other_municipalities && request_.municipality_code != 0 &&
        citizen.patient != nullptr && citizen.patient->municipality_code &&
        *citizen.patient->municipality_code != request_.municipality_code) {
      ++out_.skipped_other_municipality;
      return;
    }
    // Unmapped resources are counted, never read: no element of them goes anywhere.
    if (!sector_.maps(entry.type)) {
      drop(entry.type);
      return;
    }
    ProblemSink mapping_problems;
    FhirResource resource(*entry.resource, entry.type, entry.path, mapping_problems);
    MapResult mapped = sector_.map(resource);
    if (std::holds_alternative<NoEvent>(mapped) && mapping_problems.ok()) {
      drop(entry.type);
      return;
    }
    // In order of importance: whose event it is, which version it is, what it says.
    ProblemSink problems;
    if (auto problem = citizen_problem(citizen)) problems.report(std::move(*problem));
    SourceRecord record;
    read_version(entry, problems, record);
    if (!mapping_problems.ok()) problems.report(mapping_problems.take());
    if (!problems.ok()) {
      reject(entry.index, problems.take(), minimised_resource(*entry.resource));
      return;
    }
    auto& event = std::get<MappedEvent>(mapped);
    record.cpr_text = citizen.patient->cpr_text;
    record.occurred_at = event.occurred_at;
    record.payload = std::move(event.payload);
    record.position = position(entry.index);
    // No `original`: what the runtime checks (the CPR with the same Cpr::parse, the record id,
    // the payload's sector) has passed here, so this record cannot become a dead letter there,
    // and minimising every accepted resource cost a tenth of the adapter's CPU.
    out_.parsed.records.emplace_back(std::move(record));
  }

  FhirParse finish() {
    out_.first_error = json_source::first_rejection(out_.parsed);
    return std::move(out_);
  }

  const FhirRequest& request_;
  const SectorMapping& sector_;
  FhirParse out_;
  std::vector<Entry> entries_;
  std::vector<std::string_view> full_urls_;  // by entry index
  PatientIndex patients_;
};

}  // namespace

FhirParse parse_fhir_request(const FhirRequest& request, const SectorMapping& sector) {
  BundleReader reader(request, sector);
  auto body = json_source::parse_json_body(request.body);
  if (!body.ok()) {
    const bool encoding = body.error().code == "BAD_ENCODING";
    return reader.reject_body(encoding ? samsag::v1::DEAD_LETTER_REASON_BAD_ENCODING
                                       : samsag::v1::DEAD_LETTER_REASON_UNPARSEABLE,
                              "", "The body cannot be read: " + body.error().message + ".",
                              std::string(request.body));
  }
  if (!body->is_object()) {
    return reader.reject_body(samsag::v1::DEAD_LETTER_REASON_UNPARSEABLE, "",
                              "The body is no FHIR resource: it is not a JSON object.", "");
  }
  return reader.read(body->get_object());
}

}  // namespace samsag::adapters::fhir
