// How a sector adapter (health, region) turns one FHIR resource version into at most one event:
// a small struct of callbacks, as Fluent Bit's parsers are. The FHIR core (fhir_request.h) calls
// `map` only for resource types the sector `maps`, only for resources whose Patient is known, and
// does everything else (Patients, references, ids, versions, dropping, originals).
#pragma once

#include <google/protobuf/timestamp.pb.h>

#include <string_view>
#include <variant>

#include "adapters/fhir/fhir_resource.h"
#include "samsag/v1/event.pb.h"

namespace samsag::adapters::fhir {

// The event a resource version gives: exactly one payload field set, and when it happened.
struct MappedEvent {
  samsag::v1::Event payload;
  google::protobuf::Timestamp occurred_at;
};

// The resource version says nothing the coordinator needs (a `fulfilled` Appointment, an
// `EMER` Encounter): counted as dropped, like an unmapped resource.
struct NoEvent {};

// Problems (a missing period, an unknown code) are reported to the resource's sink; what is
// returned then does not matter.
using MapResult = std::variant<NoEvent, MappedEvent>;

struct SectorMapping {
  // True for the resource types the sector reads. Every other type is dropped unread.
  bool (*maps)(std::string_view resource_type) = nullptr;
  MapResult (*map)(FhirResource& resource) = nullptr;
  // Region: skip the entries of Patients whose municipality code is not the adapter's.
  bool skip_other_municipalities = false;
};

}  // namespace samsag::adapters::fhir
