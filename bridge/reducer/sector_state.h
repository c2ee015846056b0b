// Merging what a sector event says into the case: activities and meetings keyed by their source
// id, the responsible contact, and the employment profile (target group, readiness). Every merge
// is latest-wins by stamp within what it decides, so applying events in any order, or twice,
// gives the same case.
#pragma once

#include "bridge/reducer/sector_facts.h"
#include "samsag/v1/case.pb.h"

namespace samsag::bridge {

// Merges `fact`, decided by the event `stamp`, into `sector`'s view; returns whether the case
// changed. The caller has already checked that the sector's data may enter the case.
bool merge_sector_fact(samsag::v1::CitizenCase& citizen_case, samsag::v1::Sector sector,
                       const SectorFact& fact, const samsag::v1::Stamp& stamp);

// Deletes everything the case holds of `sector` except its timeline lines: the sector's view
// and, for employment, the target group and readiness. Returns whether anything was deleted.
bool forget_sector_view(samsag::v1::CitizenCase& citizen_case, samsag::v1::Sector sector);

}  // namespace samsag::bridge
