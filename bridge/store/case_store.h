// The read side of the bridge's state: a citizen's current case by pseudonym. The coordinator API
// reads cases through this interface and never learns where or how they are kept.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/base/result.h"
#include "samsag/v1/case.pb.h"

namespace samsag::bridge {

class CaseStore {
 public:
  virtual ~CaseStore() = default;

  // The case as the bridge last wrote it, or nullopt when this store holds none for the
  // citizen. The store holds the cases of the partitions this instance owns or owned; whether
  // it still owns a citizen's partition is the loop's to say. Error: STATE_STORE_FAILED.
  virtual Result<std::optional<samsag::v1::CitizenCase>> get(
      const std::string& pseudonym) const = 0;

  // Pseudonyms of the cases held of `partition`, in pseudonym order after `after` ("": from the
  // first), at most `limit`; only those whose coordinator is `coordinator_id` unless it is empty.
  // Walks the partition's index keys (no case is read), so its cost grows with the cases held of
  // the partition, not with those listed. Error: STATE_STORE_FAILED.
  virtual Result<std::vector<std::string>> list(std::int32_t partition,
                                                const std::string& coordinator_id,
                                                const std::string& after,
                                                std::size_t limit) const = 0;
};

}  // namespace samsag::bridge
