// What the bridge's integration tests share: a municipality config for `samsag broker` and
// `samsag bridge`, the bridge as a child process, events produced the way adapters produce them
// (keyed by pseudonym, with the idempotent producer), the case topic read back (last snapshot per
// citizen, last checkpoint per partition) and the same cases computed offline by the reducer over
// the produced events in log order with consent first.
#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/config/topics.h"
#include "core/kafka/producer.h"
#include "samsag/config/v1/config.pb.h"
#include "samsag/v1/case.pb.h"
#include "samsag/v1/dead_letter.pb.h"
#include "samsag/v1/event.pb.h"
#include "tests/support/child_process.h"

namespace samsag::bridge::itest {

inline constexpr const char* kSlug = "itest";
inline constexpr std::uint32_t kMunicipalityCode = 751;

// A scratch directory removed at the end of the test.
class ScratchDirectory {
 public:
  ScratchDirectory();
  ~ScratchDirectory();
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

inline constexpr const char* kIssuer = "https://login.itest.invalid";
inline constexpr const char* kAudience = "samsag-itest";

struct ConfigOptions {
  int partitions = 4;
  bool transactions = false;
  // A municipality of its own, for tests sharing one cluster (the topics are "{slug}.*.v1").
  std::string slug = kSlug;
  // For `samsag topics ensure` on a multi-node cluster (0: not written, the cluster's default).
  std::uint32_t replication_factor = 0;
  std::uint32_t min_insync_replicas = 0;
  // false: `consent: {}`, every sector enters the case without a consent decision.
  bool consent_required = true;
};

// Writes itest.yaml into `directory` for a broker at `bootstrap` ("" before the broker runs: the
// broker only reads the topics from it). Consumer-group timeouts are short, so a killed instance
// leaves the group within seconds.
std::filesystem::path write_config(const std::filesystem::path& directory,
                                   const std::string& bootstrap, const ConfigOptions& options = {});

// A bearer token for the bridge's API, signed with the key write_config() put in `directory`.
std::string mint_token(const std::filesystem::path& directory, const std::string& user,
                       const std::vector<std::string>& roles);

// The loaded config (for the consent policy and the Kafka settings of test clients).
config::v1::Config load(const std::filesystem::path& config_path);

// `samsag bridge` as a child process. Its stdout (JSON log lines) is read as the test waits, so
// the pipe never fills.
class BridgeProcess {
 public:
  BridgeProcess(const std::filesystem::path& config_path, const std::filesystem::path& state_dir,
                const std::string& instance_id, const std::vector<std::string>& extra_args = {});
  ~BridgeProcess();

  // Reads the log lines available now.
  void pump();
  // Waits until a log line contains `text`; returns that line.
  std::optional<std::string> wait_for_log(const std::string& text,
                                          std::chrono::milliseconds timeout);
  // Every log line read so far that contains `text`.
  std::vector<std::string> logged(const std::string& text) const;
  // GET `path` on the admin port: the HTTP status (0 when it could not be asked) and the body.
  std::pair<int, std::string> get(const std::string& path);
  int readyz() { return get("/readyz").first; }
  // The coordinator API's port (the bridge listens on a free one); 0 until its log line was read.
  int api_port() const { return api_port_; }
  // Asks /readyz until it answers 200, reading log lines in between; false at the deadline.
  bool wait_until_ready(std::chrono::milliseconds timeout);

  std::optional<int> terminate(std::chrono::milliseconds timeout);
  void kill();
  std::optional<int> wait_for_exit(std::chrono::milliseconds timeout);
  bool running();

 private:
  void take(std::string line);

  std::unique_ptr<samsag::testing::ChildProcess> process_;
  std::vector<std::string> lines_;
  int admin_port_ = 0;
  int api_port_ = 0;
  bool exited_ = false;
};

// A produced record, as the bridge will meet it.
struct Produced {
  std::string topic;
  std::int32_t partition = 0;
  std::int64_t offset = 0;
  std::string citizen;
  std::optional<samsag::v1::Event> event;  // nullopt: not a valid event of this deployment
};

// Produces events as an adapter would: value = serialized Event, key = its citizen.
class EventLog {
 public:
  explicit EventLog(const config::v1::Config& config);

  // Produces and waits for Kafka's confirmation. `valid` false: the offline reduction skips it.
  void produce(const samsag::v1::Event& event, bool valid = true);
  // Produces many and waits once for all of them.
  void produce_all(const std::vector<samsag::v1::Event>& events);
  // A record with arbitrary bytes on `topic`, keyed by `key`.
  void produce_raw(const std::string& topic, const std::string& key, const std::string& value);

  const std::vector<Produced>& produced() const { return produced_; }
  const config::Topics& topics() const { return topics_; }

 private:
  config::Topics topics_;
  kafka::Producer producer_;
  std::vector<Produced> produced_;
};

// The case topic read from its beginning to its end.
struct CaseTopicContents {
  std::map<std::string, std::string> last_snapshot;  // pseudonym -> case bytes
  std::map<std::int32_t, samsag::v1::Checkpoint> last_checkpoint;
  std::size_t snapshots = 0;
};
CaseTopicContents read_case_topic(const config::v1::Config& config);

// How far the case topic has grown: the sum of its partitions' end offsets.
class CaseTopicWatch {
 public:
  explicit CaseTopicWatch(const config::v1::Config& config);
  ~CaseTopicWatch();
  std::int64_t end();
  // Waits until end() grew by `records` since `from`, reading `bridge`'s log meanwhile; false at
  // the deadline.
  bool wait_for_growth(std::int64_t from, std::int64_t records, BridgeProcess& bridge,
                       std::chrono::milliseconds timeout);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// Every dead letter on the dlq topic.
std::vector<samsag::v1::DeadLetter> read_dead_letters(const config::v1::Config& config);

// Waits until each partition's last checkpoint covers every input's end offset: the bridge has
// applied everything produced so far. Calls `pump` while it waits. Returns false at the deadline.
bool wait_until_applied(const config::v1::Config& config, std::chrono::milliseconds timeout,
                        const std::function<void()>& pump);

// The case of every citizen, computed offline by the reducer: per citizen, the consent decisions
// in log order first, then every other valid event in log order. Only cases the reducer changed.
std::map<std::string, std::string> offline_cases(const config::v1::Config& config,
                                                 const std::vector<Produced>& produced);

// Events for tests: a base time close to now (so no consent has expired when the bridge sweeps),
// `hour` hours after it.
google::protobuf::Timestamp test_time(std::int64_t hour);
samsag::v1::Event retimed(samsag::v1::Event event, const std::string& citizen, std::int64_t hour);

// Describes how two case maps differ (first few citizens), for failure messages.
std::string difference(const std::map<std::string, std::string>& expected,
                       const std::map<std::string, std::string>& actual);

}  // namespace samsag::bridge::itest
