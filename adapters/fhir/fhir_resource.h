// One FHIR resource as a sector mapping sees it: typed reads of exactly the elements
// adapters/health/FORMAT.md names, each reporting its problem with a JSON path. There is no
// generic "get element" here on purpose: an element without a reader is never read.
#pragma once

#include <google/protobuf/timestamp.pb.h>

#include <boost/json/object.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "adapters/json_source/object_reader.h"

namespace samsag::adapters::fhir {

// samsag's own code systems (FORMAT.md §4) and the FHIR ones the mappers read.
inline constexpr std::string_view kEpisodeKindSystem =
    "http://samsag.dk/fhir/CodeSystem/episode-kind";
inline constexpr std::string_view kCarePlanKindSystem =
    "http://samsag.dk/fhir/CodeSystem/care-plan-kind";
inline constexpr std::string_view kCareSettingSystem =
    "http://samsag.dk/fhir/CodeSystem/care-setting";
inline constexpr std::string_view kContactRoleSystem =
    "http://samsag.dk/fhir/CodeSystem/contact-role";
inline constexpr std::string_view kMeetingModeSystem =
    "http://samsag.dk/fhir/CodeSystem/meeting-mode";
inline constexpr std::string_view kActCodeSystem =
    "http://terminology.hl7.org/CodeSystem/v3-ActCode";

class FhirResource {
 public:
  // `path`: the resource's JSON path in the body ("entry[3].resource", or "" for a single one).
  FhirResource(const boost::json::object& resource, std::string type, std::string path,
               json_source::ProblemSink& sink);

  const std::string& type() const { return type_; }
  json_source::ObjectReader& reader() { return reader_; }
  const std::string& path() const { return reader_.path(); }

  // "<resourceType>/<id>", the id of the thing in the event (FORMAT.md §2); "<type>/" without id
  // (the missing id is reported when the resource gives an event).
  std::string record_id() const;

  // `status` (mandatory); "" after a reported problem.
  std::string status();
  // meta.lastUpdated (a FHIR instant), mandatory where it is asked for.
  std::optional<google::protobuf::Timestamp> last_updated();
  // period.start / period.end: FHIR dateTime (a date means 00:00 Europe/Copenhagen).
  std::optional<google::protobuf::Timestamp> period_start(json_source::Presence presence);
  std::optional<google::protobuf::Timestamp> period_end(json_source::Presence presence);
  // When an episode or plan ended: `period.end`, or without one `meta.lastUpdated` (FORMAT.md).
  std::optional<google::protobuf::Timestamp> ended_at();
  // Reports INVALID_DATE on period.end when it is before period.start.
  void check_period_order(const google::protobuf::Timestamp& start,
                          const google::protobuf::Timestamp& end);
  // A top-level dateTime or instant element (`created`, Appointment `start`).
  std::optional<google::protobuf::Timestamp> date_time(std::string_view key,
                                                       json_source::Presence presence);

  // The code of the first coding with `system` in the CodeableConcept (or list of them) at
  // `key` (FORMAT.md §4). Absent, or no coding of `system`: MISSING_FIELD when mandatory.
  std::optional<std::string> code(std::string_view key, std::string_view system,
                                  json_source::Presence presence);
  // The code of the Coding at `key` (Encounter.class), when its system is `system` or absent.
  std::optional<std::string> coding_code(std::string_view key, std::string_view system);

  // Problem reports for mappers.
  void invalid_code(std::string_view key);
  void invalid_date(std::string_view key, std::string_view why);

 private:
  std::optional<google::protobuf::Timestamp> period_time(std::string_view which,
                                                         json_source::Presence presence);

  std::string type_;
  json_source::ObjectReader reader_;
};

// The code of the first coding with `system` in one CodeableConcept object, or nullopt.
std::optional<std::string> coding_of(const boost::json::object& codeable_concept,
                                     std::string_view system);

}  // namespace samsag::adapters::fhir
