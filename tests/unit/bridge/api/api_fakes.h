// Test doubles for the coordinator API: tokens named by their claims, an in-memory case store, a
// record sink that keeps what was produced and acknowledges (or not) as the test says, and an
// ownership that puts partitions elsewhere. Plus a running ApiServer over them.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "bridge/api/api_server.h"
#include "core/privacy/pseudonymiser.h"
#include "samsag/v1/audit.pb.h"
#include "samsag/v1/event.pb.h"
#include "tests/support/http_client.h"

namespace samsag::bridge::api::test {

// A token is "user:role,role" (e.g. "tovholder-1:coordinator"); "expired" and anything without a
// colon fail verification.
class FakeTokens final : public TokenCheck {
 public:
  Result<auth::Principal> verify(std::string_view token,
                                 std::chrono::system_clock::time_point now) const override;
};

class FakeCases final : public CaseStore {
 public:
  void put(samsag::v1::CitizenCase citizen_case, std::int32_t partition = 0);
  Result<std::optional<samsag::v1::CitizenCase>> get(const std::string& pseudonym) const override;
  Result<std::vector<std::string>> list(std::int32_t partition, const std::string& coordinator_id,
                                        const std::string& after, std::size_t limit) const override;

 private:
  mutable std::mutex mutex_;
  std::map<std::string, std::pair<std::int32_t, samsag::v1::CitizenCase>> cases_;
};

enum class Ack { kAcknowledge, kFail, kNever };

class RecordingSink final : public RecordSink {
 public:
  kafka::Delivery produce(const kafka::ProducerRecord& record) override;
  // How the next records are answered, in order; afterwards kAcknowledge.
  void script(std::vector<Ack> answers);
  std::vector<kafka::ProducerRecord> records() const;
  std::vector<samsag::v1::AccessRecord> audit(const std::string& topic) const;
  std::vector<samsag::v1::Event> events(const std::string& topic) const;

 private:
  mutable std::mutex mutex_;
  std::vector<kafka::ProducerRecord> records_;
  std::vector<Ack> script_;
};

class FakeOwnership final : public Ownership {
 public:
  std::int32_t partition_of(const std::string& pseudonym) const override;
  bool owns(std::int32_t partition) const override { return partition == 0; }
  std::optional<std::string> owner_address(std::int32_t partition) const override;
  std::set<std::int32_t> without_owner;
};

class FakeForwarder final : public Forwarder {
 public:
  void forward(const http::Request& request, const std::string& base_url,
               http::Responder responder) override;
  std::vector<std::string> forwarded;  // "METHOD path -> base_url"
};

inline constexpr const char* kAudit = "t.audit.v1";
inline constexpr const char* kPlan = "t.plan.v1";
inline constexpr const char* kConsent = "t.consent.v1";
inline constexpr std::uint32_t kCode = 751;

// A pseudonym of the right shape; `n` makes it unique.
std::string pseudonym(int n);
samsag::v1::CitizenCase case_of(const std::string& pseudonym, const std::string& coordinator);

struct ApiHarness {
  explicit ApiHarness(bool with_ownership = false,
                      std::chrono::milliseconds ack_timeout = std::chrono::seconds(5));
  ~ApiHarness();

  samsag::testing::HttpReply send(const std::string& method, const std::string& path,
                                  const std::string& token, const std::string& body = "",
                                  std::vector<std::pair<std::string, std::string>> headers = {});

  FakeTokens tokens;
  FakeCases cases;
  RecordingSink sink;
  FakeOwnership ownership;
  FakeForwarder forwarder;
  std::atomic<bool> restored{true};  // what the API's cases_restored answers
  std::optional<samsag::privacy::Pseudonymiser> pseudonymiser;
  std::unique_ptr<ApiServer> server;
};

inline constexpr const char* kCoordinator = "tovholder-1:coordinator";
inline constexpr const char* kOtherCoordinator = "tovholder-2:coordinator";
inline constexpr const char* kSupervisor = "leder-1:supervisor";

}  // namespace samsag::bridge::api::test
