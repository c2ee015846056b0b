// Feeding the synthetic source data through the adapters' real inputs, as a source system would:
// employment CSV files into the spool directory (written under a hidden temporary name, then
// renamed: adapters/employment/FORMAT.md §1), social JSON and FHIR Bundles posted with the bearer
// token (adapters/social/FORMAT.md §1, adapters/health/FORMAT.md §1), a 503 re-sent after its
// Retry-After (the events keep their ids, so a repeat is harmless).
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "core/base/result.h"
#include "core/config/host_port.h"

namespace samsag::cli::up {

// Copies each file into `spool` as `.NAME.tmp` and renames it to NAME. Error: SPOOL_WRITE_FAILED.
Status drop_into_spool(const std::vector<std::filesystem::path>& files,
                       const std::filesystem::path& spool);

struct HttpSourceTarget {
  config::HostPort address;
  std::string path;          // "/v1/events" or "/fhir"
  std::string content_type;  // "application/json" or "application/fhir+json"
  std::string token;
};

// What an HTTP adapter made of the posted files.
struct PostOutcome {
  std::uint64_t requests = 0;
  std::uint64_t rejected = 0;  // entries the adapter answered 422 for (dead-lettered)
};

// POSTs each file as one request body, in order. 2xx and 422 are answers (422: some entries were
// dead letters, counted); 503 is retried after Retry-After (at most 5 s a time) until `patience`
// is used up; anything else stops with an error naming the file and the status. Stops early,
// with SOURCE_FEED_STOPPED, once `stopping` is set. Errors: SOURCE_REFUSED, SOURCE_UNREACHABLE.
Result<PostOutcome> post_files(const HttpSourceTarget& target,
                               const std::vector<std::filesystem::path>& files,
                               const std::atomic<bool>& stopping,
                               std::chrono::seconds patience = std::chrono::seconds(120));

// The number of `"index"` entries in a 422 body's `rejected` list; 0 when it has none.
std::uint64_t rejected_entries(const std::string& body);

// How long to wait before re-sending after a 503: the Retry-After seconds, 1 s when absent or
// unreadable, at most 5 s.
std::chrono::milliseconds retry_delay(const std::string& retry_after);

}  // namespace samsag::cli::up
