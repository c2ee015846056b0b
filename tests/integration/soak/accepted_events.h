// Which events a source record, once accepted, must become: the request body or spool file is
// read by the adapter's own parser and envelope (the oracle for event ids and pseudonyms), so the
// soak's end check can name, per accepted record, the event its citizen's case must hold once.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/privacy/pseudonymiser.h"
#include "samsag/config/v1/config.pb.h"

namespace samsag::soak {

struct ExpectedEvent {
  std::string event_id;
  std::string citizen;  // pseudonym
};

struct ExpectedRecords {
  std::vector<ExpectedEvent> events;
  int rejected = 0;  // records the parser or envelope refuses: dead letters
};

class AcceptedEvents {
 public:
  // `config` is the deployment's; the pseudonymisation key is read from its key file.
  explicit AcceptedEvents(const samsag::config::v1::Config& config);

  // `adapter` is "employment" (bytes of a CSV export) or "social", "health", "region" (a request
  // body: a social batch, a FHIR Bundle).
  ExpectedRecords of(const std::string& adapter, std::string_view bytes) const;

 private:
  const samsag::config::v1::Adapter& adapter_config(const std::string& name) const;

  const samsag::config::v1::Config& config_;
  samsag::privacy::Pseudonymiser pseudonymiser_;
};

}  // namespace samsag::soak
