// The read side of the bridge's state: a citizen's current case by pseudonym. The coordinator API
// reads cases through this interface and never learns where or how they are kept.
#pragma once

#include <optional>
#include <string>

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
};

}  // namespace samsag::bridge
