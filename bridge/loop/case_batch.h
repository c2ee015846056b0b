// One batch of one partition's records, folded into the citizens' cases through the reducer:
// which cases changed (their snapshots are due), which records are dead letters, and what each
// record came to (for the metrics). No Kafka and no disk: cases come in through a loader.
#pragma once

#include <google/protobuf/timestamp.pb.h>

#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "bridge/loop/input_offsets.h"
#include "bridge/reducer/consent_rules.h"
#include "bridge/reducer/reducer.h"
#include "bridge/store/state_store.h"
#include "core/base/result.h"
#include "core/config/topics.h"
#include "core/kafka/record.h"
#include "samsag/v1/case.pb.h"
#include "samsag/v1/dead_letter.pb.h"

namespace samsag::bridge {

// What the batch needs to know about the deployment.
class BatchRules {
 public:
  BatchRules(ConsentRules consent, const config::Topics& topics, std::uint32_t municipality_code);

  const ConsentRules& consent() const { return consent_; }
  std::uint32_t municipality_code() const { return municipality_code_; }
  // The sector (or CONSENT, PLAN) whose events `topic` carries; UNSPECIFIED for another topic.
  samsag::v1::Sector sector_of(const std::string& topic) const;

 private:
  ConsentRules consent_;
  std::map<std::string, samsag::v1::Sector> sectors_;
  std::uint32_t municipality_code_;
};

// What one record came to, for the metrics. `reason` is a bounded label: the reducer's
// not-consented code, or the dead letter's reason name.
struct RecordVerdict {
  samsag::v1::Sector sector = samsag::v1::SECTOR_UNSPECIFIED;
  Outcome outcome = Outcome::kUnchanged;
  std::string reason;
};

struct BatchResult {
  // The cases the batch changed, by pseudonym: a snapshot of each is due.
  std::map<std::string, samsag::v1::CitizenCase> changed;
  std::vector<samsag::v1::DeadLetter> dead_letters;
  std::vector<RecordVerdict> verdicts;
  // recorded_at of every event that changed a case, for the end-to-end latency.
  std::vector<google::protobuf::Timestamp> applied_recorded_at;
  // The offsets after the batch: the checkpoint that follows its snapshots.
  InputOffsets offsets;
  // A withdrawal or expiry deleted data: the store must purge what it held of it.
  bool deleted_data = false;
  // Cases in `changed` that the store did not hold before.
  std::size_t new_cases = 0;
};

// The stored case of a citizen, nullopt for a citizen the partition has not seen.
using CaseLoader =
    std::function<Result<std::optional<samsag::v1::CitizenCase>>(const std::string& pseudonym)>;

// Applies `records` in order (the caller puts consent first). A record that is no valid event of
// this deployment becomes a dead letter (reason INVALID_EVENT, WRONG_MUNICIPALITY, or the
// reducer's), stamped `now`; nothing stops the batch. Errors come only from `load`.
Result<BatchResult> apply_batch(const std::vector<kafka::Message>& records, InputOffsets offsets,
                                const CaseLoader& load, const BatchRules& rules,
                                const google::protobuf::Timestamp& now);

// Runs the reducer's expire(case, now) over stored cases: those whose consent ran out lose the
// sector's data and are in `changed`. Offsets stay as they are. Error: STATE_STORE_CORRUPT when a
// stored case does not parse.
Result<BatchResult> expire_cases(const std::vector<StoredCase>& cases, InputOffsets offsets,
                                 const google::protobuf::Timestamp& now);

}  // namespace samsag::bridge
