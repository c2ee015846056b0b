// The coordinator's own inputs for the demo, through the bridge's coordinator API
// (bridge/api/API.md) as a caseworker's client would send them: each citizen's pseudonym from
// POST /api/v1/lookup (the CPR only ever in a body), the consent decisions of `samsag gen`
// replayed with POST /api/v1/cases/{p}/consent, and the demo coordinator assigned to every case
// with PUT /api/v1/cases/{p}/coordinator, all with the supervisor's token.
//
// The seam: a bridge that does not serve the API yet (nothing listening on its API address, or
// 404/405/501 for the lookup) is reported as `api_served = false`, and the demo goes on without
// consent and coordinators (sectors that need consent then stay out of the cases).
#pragma once

#include <atomic>
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "core/base/result.h"
#include "core/config/host_port.h"

namespace samsag::cli::up {

struct CaseFeedOptions {
  config::HostPort api;
  std::string supervisor_token;
  std::string coordinator_id;  // assigned to every citizen
  std::string unit_name;       // the coordinator's unit
  int workers = 4;             // citizens fed side by side; one citizen's decisions stay in order
};

struct CaseFeedOutcome {
  bool api_served = true;
  std::string unserved_because;               // what the probe got when api_served is false
  std::uint64_t consent_decisions = 0;        // events on {m}.consent.v1, acknowledged by the API
  std::uint64_t coordinator_assignments = 0;  // events on {m}.plan.v1
  std::string demo_citizen_pseudonym;
};

// `cprs`: every citizen; `decisions_file`: gen's consent/decisions.jsonl. Errors: CASE_API_REFUSED
// (naming the endpoint and status, never a CPR), CASE_FEED_STOPPED, GEN_OUTPUT_UNREADABLE.
Result<CaseFeedOutcome> feed_cases(const CaseFeedOptions& options,
                                   const std::vector<std::string>& cprs,
                                   const std::filesystem::path& decisions_file,
                                   const std::string& demo_citizen,
                                   const std::atomic<bool>& stopping);

// The API request body for one line of decisions.jsonl: what the coordinator decided with the
// citizen (granted, consent_id, scopes, form, valid_until, case_file_ref, occurred_at; a
// valid_until date-time becomes its date, which the API takes); the CPR and the generator's
// bookkeeping stay out. Error: GEN_OUTPUT_UNREADABLE.
Result<std::string> consent_request_body(const std::string& decision_line);

}  // namespace samsag::cli::up
