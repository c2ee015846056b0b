#include "cli/dlq/dead_letter_replay.h"

#include <google/protobuf/util/time_util.h>

#include <utility>
#include <variant>

#include "adapters/runtime/adapter_process.h"
#include "adapters/runtime/dead_letter_citizen.h"
#include "adapters/runtime/envelope.h"
#include "cli/dlq/replay_parse.h"
#include "cli/output_field.h"
#include "core/events/dead_letters.h"
#include "core/privacy/cpr_shape.h"

namespace samsag::cli::dlq {
namespace {

constexpr std::string_view kAdapterPrefix = "adapter ";

const char* verdict_word(ReplayVerdict verdict) {
  switch (verdict) {
    case ReplayVerdict::kReplayed:
      return "replayed";
    case ReplayVerdict::kWouldReplay:
      return "would-replay";
    case ReplayVerdict::kStillFailing:
      return "still-failing";
    case ReplayVerdict::kNotReplayable:
      return "not-replayable";
    case ReplayVerdict::kFailed:
      return "failed";
  }
  return "unknown";
}

ReplayOutcome not_replayable(const StoredDeadLetter& stored, std::string code,
                             std::string message) {
  return {position_of(stored), ReplayVerdict::kNotReplayable, "", std::move(code),
          std::move(message)};
}

const samsag::config::v1::Adapter* adapter_named(const samsag::config::v1::Config& config,
                                                 std::string_view name) {
  for (const auto& adapter : config.adapters()) {
    if (adapter.name() == name) return &adapter;
  }
  return nullptr;
}

// The citizen goes back where the dead letter masked the number, and nowhere else: a record whose
// CPR field was empty or broken stays so, and fails again as it did.
void restore_citizen(adapters::ParsedRecord& record, const samsag::v1::DeadLetter& letter) {
  if (auto* source = std::get_if<adapters::SourceRecord>(&record)) {
    if (adapters::is_placeholder_cpr(source->cpr_text)) source->citizen = letter.citizen();
    // Should it be rejected after all, its dead letter must not name the placeholder's citizen.
    source->original = samsag::privacy::mask_cpr_shaped(source->original);
    return;
  }
  auto& rejection = std::get<adapters::Rejection>(record);
  rejection.citizen = letter.citizen();
  rejection.original = samsag::privacy::mask_cpr_shaped(rejection.original);
}

}  // namespace

std::string outcome_line(const ReplayOutcome& outcome) {
  std::string line = outcome.position + " " + verdict_word(outcome.verdict);
  if (!outcome.event_id.empty()) line += " event_id=" + outcome.event_id;
  if (!outcome.reason.empty()) line += " reason=" + outcome.reason;
  if (!outcome.message.empty()) line += " message=" + quoted_field(outcome.message);
  return line;
}

struct DeadLetterReplay::AdapterPipeline {
  AdapterPipeline(const samsag::config::v1::Config& config,
                  const samsag::config::v1::Adapter& adapter,
                  const samsag::privacy::Pseudonymiser& pseudonymiser, kafka::Producer* producer)
      : target(adapters::publisher_target(config, adapter, pseudonymiser)),
        metrics(adapter.name(), adapters::sector_label(adapters::sector_of(adapter.kind()))) {
    if (producer != nullptr)
      publisher = std::make_unique<adapters::Publisher>(*producer, target, metrics);
  }
  adapters::Publisher::Target target;
  adapters::AdapterMetrics metrics;
  std::unique_ptr<adapters::Publisher> publisher;  // null in a dry run
};

DeadLetterReplay::DeadLetterReplay(const samsag::config::v1::Config& config,
                                   const samsag::privacy::Pseudonymiser& pseudonymiser,
                                   kafka::Producer* producer,
                                   std::chrono::milliseconds confirm_timeout)
    : config_(config),
      pseudonymiser_(pseudonymiser),
      producer_(producer),
      confirm_timeout_(confirm_timeout) {}

DeadLetterReplay::~DeadLetterReplay() = default;

DeadLetterReplay::AdapterPipeline& DeadLetterReplay::pipeline_for(
    const samsag::config::v1::Adapter& adapter) {
  auto& pipeline = pipelines_[adapter.name()];
  if (!pipeline) {
    pipeline = std::make_unique<AdapterPipeline>(config_, adapter, pseudonymiser_, producer_);
  }
  return *pipeline;
}

std::vector<ReplayOutcome> DeadLetterReplay::replay(const StoredDeadLetter& stored) {
  if (stored.unreadable) return {not_replayable(stored, "UNREADABLE", *stored.unreadable)};
  const auto& letter = stored.letter;
  const std::string& component = letter.origin().component();
  if (component.rfind(kAdapterPrefix, 0) != 0) {
    return {not_replayable(stored, "NOT_FROM_AN_ADAPTER",
                           "it was rejected by " + component +
                               ", not by an adapter; only adapters' dead letters are replayed")};
  }
  const auto* adapter = adapter_named(config_, component.substr(kAdapterPrefix.size()));
  if (adapter == nullptr) {
    return {not_replayable(
        stored, "NO_SUCH_ADAPTER",
        "the config has no adapter named " + component.substr(kAdapterPrefix.size()))};
  }
  if (letter.citizen().empty()) {
    return {not_replayable(
        stored, "NO_CITIZEN",
        "the dead letter names no citizen (its CPR number was missing, invalid, or not the only "
        "one in the record), so the masked original cannot be sent again: the source must send "
        "the record again")};
  }
  auto parsed =
      parse_again(config_, *adapter, letter, adapters::with_placeholder_cpr(letter.original()));
  if (!parsed) return {not_replayable(stored, parsed.error().code, parsed.error().message)};

  auto& pipeline = pipeline_for(*adapter);
  const auto now = google::protobuf::util::TimeUtil::GetCurrentTime();
  std::vector<ReplayOutcome> outcomes;
  for (auto& record : parsed->records) {
    restore_citizen(record, letter);
    ReplayOutcome outcome{position_of(stored)};
    // The same make_event the Publisher runs, on a copy: it says which event (or which
    // rejection) the record becomes, since event ids are deterministic.
    std::variant<samsag::v1::Event, adapters::Rejection> preview =
        std::holds_alternative<adapters::SourceRecord>(record)
            ? adapters::make_event(std::get<adapters::SourceRecord>(record),
                                   pipeline.target.envelope, now)
            : std::variant<samsag::v1::Event, adapters::Rejection>(
                  std::get<adapters::Rejection>(record));
    if (const auto* event = std::get_if<samsag::v1::Event>(&preview)) {
      outcome.verdict = pipeline.publisher ? ReplayVerdict::kReplayed : ReplayVerdict::kWouldReplay;
      outcome.event_id = event->event_id();
    } else {
      const auto& rejection = std::get<adapters::Rejection>(preview);
      outcome.verdict = ReplayVerdict::kStillFailing;
      outcome.reason = std::string(samsag::events::reason_name(rejection.reason));
      outcome.message = samsag::privacy::mask_cpr_shaped(rejection.message);
    }
    if (pipeline.publisher) {
      adapters::ParseResult single;
      single.unmapped_target_groups = std::exchange(parsed->unmapped_target_groups, 0);
      single.records.push_back(std::move(record));
      auto batch = pipeline.publisher->publish(std::move(single));
      if (auto confirmed = batch.wait(kafka::deadline_in(confirm_timeout_)); !confirmed) {
        outcome = {position_of(stored), ReplayVerdict::kFailed, "", confirmed.error().code,
                   "Kafka did not confirm the replayed record: " + confirmed.error().message};
      }
    }
    outcomes.push_back(std::move(outcome));
  }
  if (outcomes.empty()) {
    outcomes.push_back(
        not_replayable(stored, "NOTHING_TO_REPLAY", "the parser found no record in the original"));
  }
  return outcomes;
}

}  // namespace samsag::cli::dlq
