// Feeds the adapters for as long as the soak runs, the way their sources would: rounds of
// `samsag gen` output, each CSV export renamed into the spool directory and each social batch and
// FHIR Bundle posted by a client that retries until it is answered 202 (a killed adapter answers
// nothing, a starting one 503). Each round also carries records that are bad on purpose (a CSV
// row and a social request with an invalid CPR, marked "soak-bad-"), which must end up in the DLQ
// and nowhere else. The ledger says what each source was told was accepted.
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <filesystem>
#include <map>
#include <mutex>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "tests/integration/soak/accepted_events.h"
#include "tests/support/adapter_process.h"

namespace samsag::soak {

struct FeedOptions {
  std::filesystem::path directory;  // for gen's output
  int citizens_per_round = 20;
  std::uint64_t seed = 1;
  // A round starts at most this often, so a long run stays within what `samsag broker` keeps
  // (5 MiB per partition).
  std::chrono::milliseconds round_period{1000};
};

// What the sources were told, and what was bad on purpose.
struct Ledger {
  std::vector<ExpectedEvent> accepted;  // from 202 answers and spool files renamed in
  std::set<std::string> bad_markers;    // answered 400, or a bad row of a spooled file
  std::map<std::string, std::int64_t> accepted_per_adapter;
  std::int64_t requests_accepted = 0;
  std::int64_t retries = 0;            // attempts without an answer, or answered 503
  std::vector<std::string> surprises;  // answers no source should get
  int rounds = 0;
  std::vector<std::string> spooled_files;
};

class SoakFeeder {
 public:
  SoakFeeder(const testing::AdapterDeployment& deployment, const AcceptedEvents& oracle,
             FeedOptions options);
  ~SoakFeeder();  // stops and joins
  SoakFeeder(const SoakFeeder&) = delete;
  SoakFeeder& operator=(const SoakFeeder&) = delete;

  void start();
  // No new rounds; waits until every request of the rounds made was answered (202 or 400).
  // False at the deadline.
  bool finish(std::chrono::milliseconds timeout);
  // True once every spooled file has left the spool directory (processed or rejected).
  bool spool_empty() const;

  Ledger ledger() const;

 private:
  struct Request {
    std::string body;
    bool bad = false;
    std::string marker;
  };

  void make_rounds();
  void make_round(int round);
  void post(const std::string& adapter);
  void record(const std::string& adapter, const std::string& body);

  const testing::AdapterDeployment& deployment_;
  const AcceptedEvents& oracle_;
  FeedOptions options_;
  mutable std::mutex mutex_;
  std::condition_variable changed_;
  std::map<std::string, std::deque<Request>> queues_;  // per HTTP adapter
  Ledger ledger_;
  std::atomic<bool> stopping_{false};
  std::atomic<bool> aborted_{false};
  std::vector<std::thread> threads_;
};

}  // namespace samsag::soak
