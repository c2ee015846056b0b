#include "bridge/loop/case_batch.h"

#include <array>

#include "core/events/dead_letters.h"
#include "samsag/v1/event.pb.h"

namespace samsag::bridge {
namespace {

using samsag::v1::CitizenCase;
using samsag::v1::DeadLetterReason;
using samsag::v1::Event;

constexpr std::array kInputSectors = {samsag::v1::SECTOR_EMPLOYMENT, samsag::v1::SECTOR_SOCIAL,
                                      samsag::v1::SECTOR_HEALTH,     samsag::v1::SECTOR_REGION,
                                      samsag::v1::SECTOR_CONSENT,    samsag::v1::SECTOR_PLAN};

// Why a record is no event of this deployment; the sentence names topics, sectors and codes,
// never the record's content.
struct Rejection {
  DeadLetterReason reason = samsag::v1::DEAD_LETTER_REASON_INVALID_EVENT;
  std::string message;
  std::string field;
};

std::optional<Rejection> check_record(const kafka::Message& record, const Event& event,
                                      samsag::v1::Sector topic_sector,
                                      std::uint32_t municipality_code) {
  if (event.citizen() != *record.key) {
    // Keyed by someone else, it sits on another citizen's partition: applying it would break
    // the co-partitioning that consent-first and the checkpoints rest on.
    return Rejection{samsag::v1::DEAD_LETTER_REASON_INVALID_EVENT,
                     "The record's key is not the event's citizen.", "citizen"};
  }
  if (event.sector() != topic_sector) {
    return Rejection{samsag::v1::DEAD_LETTER_REASON_INVALID_EVENT,
                     "An event of " + samsag::v1::Sector_Name(event.sector()) +
                         " arrived on the topic " + record.topic + " of " +
                         samsag::v1::Sector_Name(topic_sector) + ".",
                     "sector"};
  }
  if (event.municipality_code() != municipality_code) {
    return Rejection{samsag::v1::DEAD_LETTER_REASON_WRONG_MUNICIPALITY,
                     "The event belongs to municipality " +
                         std::to_string(event.municipality_code()) + ", not to this deployment's " +
                         std::to_string(municipality_code) + ".",
                     "municipality_code"};
  }
  return std::nullopt;
}

samsag::v1::DeadLetter dead_letter(const kafka::Message& record, const Rejection& rejection,
                                   const std::string& source_system, std::uint32_t code,
                                   const google::protobuf::Timestamp& now) {
  events::DeadLetterFacts facts;
  facts.reason = rejection.reason;
  facts.message = rejection.message;
  facts.field = rejection.field;
  facts.original = record.value ? std::string_view(*record.value) : std::string_view();
  facts.municipality_code = code;
  facts.origin.set_component("bridge");
  facts.origin.set_source_system(source_system);
  facts.origin.set_topic(record.topic);
  facts.origin.set_partition(record.partition);
  facts.origin.set_offset(record.offset);
  return events::make_dead_letter(facts, now);
}

// The cases a batch has loaded, and whether the batch changed them.
class CaseTable {
 public:
  explicit CaseTable(const CaseLoader& load) : load_(load) {}

  Result<CitizenCase*> find(const std::string& pseudonym) {
    auto it = cases_.find(pseudonym);
    if (it == cases_.end()) {
      auto loaded = load_(pseudonym);
      if (!loaded) return loaded.error();
      Entry entry;
      entry.existed = loaded->has_value();
      if (entry.existed) {
        entry.citizen_case = std::move(**loaded);
      } else {
        // A first event names the case's citizen; one for another citizen is then refused.
        entry.citizen_case.set_citizen(pseudonym);
      }
      it = cases_.emplace(pseudonym, std::move(entry)).first;
    }
    return &it->second.citizen_case;
  }
  void mark_changed(const std::string& pseudonym) { cases_.at(pseudonym).changed = true; }

  std::map<std::string, CitizenCase> take_changed(std::size_t& new_cases) {
    std::map<std::string, CitizenCase> changed;
    for (auto& [pseudonym, entry] : cases_) {
      if (!entry.changed) continue;
      if (!entry.existed) ++new_cases;
      changed.emplace(pseudonym, std::move(entry.citizen_case));
    }
    return changed;
  }

 private:
  struct Entry {
    CitizenCase citizen_case;
    bool existed = false;
    bool changed = false;
  };
  const CaseLoader& load_;
  std::map<std::string, Entry> cases_;
};

}  // namespace

BatchRules::BatchRules(ConsentRules consent, const config::Topics& topics,
                       std::uint32_t municipality_code)
    : consent_(consent), municipality_code_(municipality_code) {
  for (auto sector : kInputSectors) sectors_.emplace(topics.for_sector(sector), sector);
}

samsag::v1::Sector BatchRules::sector_of(const std::string& topic) const {
  auto it = sectors_.find(topic);
  return it == sectors_.end() ? samsag::v1::SECTOR_UNSPECIFIED : it->second;
}

Result<BatchResult> apply_batch(const std::vector<kafka::Message>& records, InputOffsets offsets,
                                const CaseLoader& load, const BatchRules& rules,
                                const google::protobuf::Timestamp& now) {
  BatchResult result;
  CaseTable cases(load);
  Event event;
  for (const auto& record : records) {
    offsets.applied(record.topic, record.offset);
    const auto topic_sector = rules.sector_of(record.topic);
    auto reject = [&](const Rejection& rejection, const std::string& source_system) {
      result.dead_letters.push_back(
          dead_letter(record, rejection, source_system, rules.municipality_code(), now));
      result.verdicts.push_back(RecordVerdict{topic_sector, Outcome::kInvalid,
                                              std::string(events::reason_name(rejection.reason))});
    };

    if (!record.key || record.key->empty()) {
      reject({samsag::v1::DEAD_LETTER_REASON_INVALID_EVENT,
              "The record has no key; every event is keyed by its citizen's pseudonym.", "key"},
             "");
      continue;
    }
    if (!record.value || !event.ParseFromString(*record.value)) {
      reject({samsag::v1::DEAD_LETTER_REASON_INVALID_EVENT,
              "The record's value is not a samsag.v1.Event.", ""},
             "");
      continue;
    }
    if (auto rejection = check_record(record, event, topic_sector, rules.municipality_code())) {
      reject(*rejection, event.source_system());
      continue;
    }

    auto found = cases.find(*record.key);
    if (!found) return found.error();
    const ApplyOutcome outcome = apply(**found, event, rules.consent());
    switch (outcome.outcome) {
      case Outcome::kApplied:
        cases.mark_changed(*record.key);
        result.applied_recorded_at.push_back(event.recorded_at());
        if (event.payload_case() == Event::kConsentWithdrawn) result.deleted_data = true;
        result.verdicts.push_back({topic_sector, Outcome::kApplied, {}});
        break;
      case Outcome::kUnchanged:
        result.verdicts.push_back({topic_sector, Outcome::kUnchanged, {}});
        break;
      case Outcome::kNotConsented:
        // HOI: counted, never stored and never a dead letter (domain.md §5).
        result.verdicts.push_back({topic_sector, Outcome::kNotConsented, outcome.reason.code});
        break;
      case Outcome::kInvalid:
        reject({outcome.dead_letter_reason(), outcome.reason.message, outcome.field},
               event.source_system());
        break;
    }
  }
  result.changed = cases.take_changed(result.new_cases);
  result.offsets = std::move(offsets);
  return result;
}

Result<BatchResult> expire_cases(const std::vector<StoredCase>& cases, InputOffsets offsets,
                                 const google::protobuf::Timestamp& now) {
  BatchResult result;
  for (const auto& [pseudonym, bytes] : cases) {
    CitizenCase citizen_case;
    if (!citizen_case.ParseFromString(bytes)) {
      return make_error(store_errc::kCorrupt,
                        "a stored case does not parse; the store must be rebuilt");
    }
    if (expire(citizen_case, now)) {
      result.deleted_data = true;
      result.changed.emplace(pseudonym, std::move(citizen_case));
    }
  }
  result.offsets = std::move(offsets);
  return result;
}

}  // namespace samsag::bridge
