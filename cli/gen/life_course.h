// Makes one synthetic HOI citizen at a time: a synthetic CPR number and plausible records in all
// four sectors plus consent decisions. Citizen i's records depend only on the seed, i and the
// numbers issued before it, so generating 10 citizens gives the first 10 of a larger run.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "cli/gen/calendar.h"
#include "cli/gen/random.h"
#include "cli/gen/records.h"
#include "core/privacy/synthetic_cpr.h"

namespace samsag::gen {

struct WorldSettings {
  std::uint64_t seed = 1;
  Date reference;                  // "today" of the synthetic world
  int neighbour_municipality = 0;  // where the region's other patients live
  std::string tag;                 // prefix of every source id of this run
};

class LifeCourseGenerator {
 public:
  explicit LifeCourseGenerator(WorldSettings settings);

  // Citizen `index` (0-based, generated in order). With `employment_rows`, their employment
  // records are cut or padded to exactly that many rows.
  CitizenHistory citizen(std::uint64_t index, std::optional<std::uint64_t> employment_rows);

  // The seed-derived run tag: five lowercase letters.
  static std::string tag_for_seed(std::uint64_t seed);

 private:
  privacy::BirthDate birth_date(Random& rng, Profile profile) const;

  WorldSettings settings_;
  privacy::SyntheticCprIssuer issuer_;
};

}  // namespace samsag::gen
