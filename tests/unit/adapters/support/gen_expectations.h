// What a parser must make of `samsag gen` output (cli/gen/OUTPUT.md "manifest.json"): per file
// exactly the manifest's records, dropped resources and skipped entries, no rejection, events by
// type as the manifest counts them, every record accepted by the adapter runtime for its sector,
// and no FORBIDDEN-TEXT marker anywhere in what the parser produced.
#pragma once

#include <functional>
#include <string>

#include "adapters/runtime/source_record.h"
#include "samsag/v1/common.pb.h"

namespace samsag::adapters::testing {

struct GenFileParse {
  ParseResult parsed;
  int skipped_other_municipality = 0;
};

// Parses every file of `sector` in the shared gen run with `parse` and checks it against the
// manifest.
void expect_gen_output_parses(const std::string& sector, samsag::v1::Sector event_sector,
                              const std::function<GenFileParse(const std::string& body)>& parse);

}  // namespace samsag::adapters::testing
