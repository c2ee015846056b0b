// The "original" of a FHIR dead letter, reduced to what the mappers read (adapters/health/
// FORMAT.md): enough for whoever fixes the export to see which resource, version, status, code
// and time went wrong, and nothing clinical. Built by whitelist, so a clinical element (reasonCode,
// diagnosis, note, comment, description, text, value[x], ...) is never copied, whatever its name,
// and a resource the mappers do not read keeps only its `resourceType`. The runtime then masks
// CPR-shaped numbers in it as in every dead letter.
#pragma once

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>
#include <string>

namespace samsag::adapters::fhir {

// One resource (an entry's `resource`, or a single posted resource).
std::string minimised_resource(const boost::json::object& resource);

// A whole body that was rejected as such: a Bundle keeps its type and, per entry, the fullUrl
// and the minimised resource; any other resource is minimised_resource.
std::string minimised_body(const boost::json::object& body);

}  // namespace samsag::adapters::fhir
