// `samsag dlq replay`: a dead letter's original sent again through the adapter that rejected it:
// its parser with the current config (replay_parse.h), then the adapter runtime's make_event and
// Publisher, exactly as the running adapter would (adapters/runtime). So a replayed record gets
// the event id and key it would have had, replaying twice is harmless (the same event id twice,
// which the reducer applies once), and a record that still fails goes to the DLQ again with its
// new reason, keeping its citizen.
#pragma once

#include <chrono>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "adapters/runtime/adapter_metrics.h"
#include "adapters/runtime/publisher.h"
#include "cli/dlq/stored_dead_letter.h"
#include "core/kafka/producer.h"
#include "core/privacy/pseudonymiser.h"
#include "samsag/config/v1/config.pb.h"

namespace samsag::cli::dlq {

enum class ReplayVerdict {
  kReplayed,       // on the sector topic as event `event_id`
  kWouldReplay,    // --dry-run: would become event `event_id`
  kStillFailing,   // rejected again (`reason`); on the DLQ again unless --dry-run
  kNotReplayable,  // cannot be sent again from the DLQ (`message` says why)
  kFailed,         // Kafka did not confirm in time; nothing was acknowledged, try again
};

struct ReplayOutcome {
  std::string position{};  // of the dead letter, PARTITION:OFFSET
  ReplayVerdict verdict = ReplayVerdict::kNotReplayable;
  std::string event_id{};
  std::string reason{};   // reason code for kStillFailing, error code otherwise
  std::string message{};  // one sentence, no personal data
};

// One line per outcome, e.g. "0:17 replayed event_id=abc..." or
// "0:18 still-failing reason=WRONG_MUNICIPALITY message=\"...\"".
std::string outcome_line(const ReplayOutcome& outcome);

class DeadLetterReplay {
 public:
  // `producer` null: a dry run, nothing is produced. `config`, `pseudonymiser` and `producer`
  // must outlive this object.
  DeadLetterReplay(const samsag::config::v1::Config& config,
                   const samsag::privacy::Pseudonymiser& pseudonymiser, kafka::Producer* producer,
                   std::chrono::milliseconds confirm_timeout);
  ~DeadLetterReplay();

  // One outcome per record the original holds (usually one).
  std::vector<ReplayOutcome> replay(const StoredDeadLetter& stored);

 private:
  struct AdapterPipeline;
  AdapterPipeline& pipeline_for(const samsag::config::v1::Adapter& adapter);

  const samsag::config::v1::Config& config_;
  const samsag::privacy::Pseudonymiser& pseudonymiser_;
  kafka::Producer* producer_;
  std::chrono::milliseconds confirm_timeout_;
  std::map<std::string, std::unique_ptr<AdapterPipeline>> pipelines_;
};

}  // namespace samsag::cli::dlq
