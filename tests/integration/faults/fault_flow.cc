#include "tests/integration/faults/fault_flow.h"

#include <signal.h>
#include <sys/resource.h>
#include <unistd.h>

#include <boost/json.hpp>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include "core/auth/jwt.h"
#include "core/config/topics.h"
#include "core/events/event_id.h"
#include "core/privacy/synthetic_cpr.h"
#include "samsag/v1/case.pb.h"
#include "tests/support/child_process.h"
#include "tests/support/http_client.h"

namespace samsag::faults {
namespace {

namespace fs = std::filesystem;
namespace json = boost::json;
using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

constexpr const char* kSourceSystem = "faults";
constexpr const char* kSlug = "faults";

// The bridge's part of the shared config. The tests read cases from the case topic; the API's
// keys are there because the bridge will not start without them.
std::string bridge_section(const fs::path& directory) {
  auto key = auth::SigningKey::generate(auth::Algorithm::kEs256, "faults-1");
  if (!key) throw std::runtime_error("signing key: " + key.error().message);
  std::ofstream(directory / "jwks.json") << auth::jwks_json({&*key});
  return "bridge:\n  state_dir: state\n  api_listen: 127.0.0.1:1\n  admin_listen: 127.0.0.1:2\n"
         "  auth:\n    jwks_file: jwks.json\n    issuer: https://login.faults.invalid\n"
         "    audience: samsag-faults\n    coordinator_role: coordinator\n"
         "    supervisor_role: supervisor\n";
}

std::string record_id(int batch, int index) {
  return "faults-" + std::to_string(batch) + "-" + std::to_string(index);
}

}  // namespace

FaultFlow::FaultFlow(const FlowOptions& options)
    : options_(options),
      scratch_("samsag-faults"),
      deployment_(
          {.directory = scratch_.path(),
           .slug = kSlug,
           // A killed or fenced bridge leaves the group within seconds.
           .kafka_properties = {{"session.timeout.ms", "3000"}, {"heartbeat.interval.ms", "300"}},
           .transactions = options.transactions,
           // Consent is not what these tests are about: every event enters its case.
           .consent_required = false,
           .extra_yaml = bridge_section(scratch_.path())}),
      control_port_(testing::free_loopback_port()) {
  broker_ = std::make_unique<testing::BrokerProcess>(testing::BrokerProcess::Options{
      .config_path = deployment_.write_config("").string(), .control_port = control_port_});
  deployment_.write_config(broker_->bootstrap());
  config_ = bridge::itest::load(deployment_.config_path());

  privacy::SyntheticCprIssuer issuer(8);
  for (int i = 0; i < options_.citizens; ++i) {
    cprs_.push_back(issuer.issue({1980 + i % 20, 3, 2 + i % 20}, privacy::SyntheticSex::kFemale,
                                 static_cast<std::uint64_t>(i)));
  }

  adapter_ = std::make_unique<testing::AdapterProcess>(deployment_, "social");
  if (!adapter_->wait_ready(60s)) throw std::runtime_error("the social adapter did not start");
  if (options_.start_bridge) start_bridge();
}

std::unique_ptr<bridge::itest::BridgeProcess> FaultFlow::spawn_bridge() {
  if (options_.bridge_file_size_limit == 0) {
    return std::make_unique<bridge::itest::BridgeProcess>(deployment_.config_path(), state_dir(),
                                                          "faults-1");
  }
  // The child inherits both across fork and exec; this process has them only while it forks.
  rlimit saved{};
  ::getrlimit(RLIMIT_FSIZE, &saved);
  rlimit limited = saved;
  limited.rlim_cur = static_cast<rlim_t>(options_.bridge_file_size_limit);
  struct sigaction ignore {};
  ignore.sa_handler = SIG_IGN;
  struct sigaction previous {};
  ::sigaction(SIGXFSZ, &ignore, &previous);
  ::setrlimit(RLIMIT_FSIZE, &limited);
  auto started = std::make_unique<bridge::itest::BridgeProcess>(deployment_.config_path(),
                                                                state_dir(), "faults-1");
  ::setrlimit(RLIMIT_FSIZE, &saved);
  ::sigaction(SIGXFSZ, &previous, nullptr);
  return started;
}

void FaultFlow::start_bridge() {
  bridge_ = spawn_bridge();
  if (!bridge_->wait_until_ready(60s)) throw std::runtime_error("the bridge did not get ready");
}

void FaultFlow::raise_bridge_file_size_limit() {
  // The bridge is this process's only child running `samsag bridge`.
  for (const auto& entry : fs::directory_iterator("/proc")) {
    const std::string name = entry.path().filename().string();
    if (name.find_first_not_of("0123456789") != std::string::npos) continue;
    std::ifstream stat(entry.path() / "stat");
    std::string line;
    std::getline(stat, line);
    const auto close = line.rfind(')');
    if (close == std::string::npos) continue;
    std::istringstream fields(line.substr(close + 2));
    std::string state;
    pid_t parent = 0;
    fields >> state >> parent;
    if (parent != ::getpid()) continue;
    std::ifstream cmdline_file(entry.path() / "cmdline");
    const std::string cmdline((std::istreambuf_iterator<char>(cmdline_file)),
                              std::istreambuf_iterator<char>());
    if (cmdline.find(std::string("bridge") + '\0') == std::string::npos) continue;
    const pid_t pid = static_cast<pid_t>(std::stol(name));
    rlimit current{};
    if (::prlimit(pid, RLIMIT_FSIZE, nullptr, &current) != 0) continue;
    current.rlim_cur = current.rlim_max;
    if (::prlimit(pid, RLIMIT_FSIZE, &current, nullptr) != 0) {
      throw std::runtime_error("cannot raise the bridge's file size limit");
    }
    return;
  }
  throw std::runtime_error("no running bridge found among this test's children");
}

FaultFlow::~FaultFlow() {
  stopping_ = true;
  if (source_.joinable()) source_.join();
}

std::filesystem::path FaultFlow::state_dir() const { return scratch_.path() / "state"; }

std::string FaultFlow::case_topic() const { return config::Topics::for_municipality(kSlug).case_; }

int FaultFlow::inject(const std::string& path_and_query) {
  return testing::http_post(control_port_, path_and_query, "", "").status;
}

std::string FaultFlow::batch_body(int batch) const {
  json::array events;
  for (int index = 0; index < options_.events_per_batch; ++index) {
    const auto& cpr =
        cprs_[static_cast<std::size_t>(batch * options_.events_per_batch + index) % cprs_.size()];
    events.push_back(json::object{{"type", "MEASURE_GRANTED"},
                                  {"record_id", record_id(batch, index)},
                                  {"version", 1},
                                  {"source_system", kSourceSystem},
                                  {"municipality_code", 751},
                                  {"cpr", cpr},
                                  {"occurred_at", "2026-11-02"},
                                  {"measure_id", "faults-m-" + record_id(batch, index)},
                                  {"legal_basis", "SEL-85"},
                                  {"start", "2026-11-09"},
                                  {"planned_end", "2027-11-08"},
                                  {"provider_kind", "MUNICIPAL"}});
  }
  return json::serialize(json::object{{"events", std::move(events)}});
}

void FaultFlow::start_source() {
  source_ = std::thread([this] { run_source(); });
}

void FaultFlow::run_source() {
  testing::HttpConnection connection(deployment_.http_port("social"), 30s);
  for (int batch = 0; batch < options_.batches && !stopping_; ++batch) {
    const std::string body = batch_body(batch);
    while (!stopping_) {
      const auto reply = connection.send(
          {.method = "POST",
           .path = "/v1/events",
           .headers = {{"Content-Type", "application/json"},
                       {"Authorization", "Bearer " + testing::AdapterDeployment::token("social")}},
           .body = body});
      if (!answered(batch, reply.status)) break;
      // A retrying source backs off (the adapter's 503 says Retry-After; the test is shorter).
      std::this_thread::sleep_for(200ms);
    }
    std::this_thread::sleep_for(options_.pace);  // the source's pace, not synchronisation
  }
  source_done_ = true;
}

bool FaultFlow::answered(int batch, int status) {
  std::lock_guard lock(mutex_);
  if (status == 202) {
    ++counts_.accepted_requests;
    for (int index = 0; index < options_.events_per_batch; ++index) {
      accepted_.insert(events::derive_event_id(kSourceSystem, record_id(batch, index), "1"));
    }
    return false;
  }
  ++counts_.retried_attempts;
  ++counts_.other_statuses[status];
  if (status == 400 || status == 401) {
    stopping_ = true;  // a source bug, not a fault: retrying would not help
    return false;
  }
  return true;
}

bool FaultFlow::wait_for_accepted(std::size_t events, std::chrono::milliseconds timeout) {
  const auto deadline = Clock::now() + timeout;
  while (Clock::now() < deadline) {
    if (bridge_) bridge_->pump();
    {
      std::lock_guard lock(mutex_);
      if (accepted_.size() >= events) return true;
    }
    std::this_thread::sleep_for(20ms);  // polling interval, bounded by the deadline
  }
  return false;
}

bool FaultFlow::wait_for_source(std::chrono::milliseconds timeout) {
  const auto deadline = Clock::now() + timeout;
  while (!source_done_ && Clock::now() < deadline) {
    if (bridge_) bridge_->pump();
    std::this_thread::sleep_for(20ms);  // polling interval, bounded by the deadline
  }
  if (!source_done_) return false;
  source_.join();
  std::lock_guard lock(mutex_);
  return counts_.accepted_requests == options_.batches;
}

SourceCounts FaultFlow::source_counts() const {
  std::lock_guard lock(mutex_);
  return counts_;
}

std::set<std::string> FaultFlow::accepted_event_ids() const {
  std::lock_guard lock(mutex_);
  return accepted_;
}

EndCounts FaultFlow::end_counts(std::chrono::milliseconds timeout) {
  if (!bridge::itest::wait_until_applied(config_, timeout, [this] { bridge_->pump(); })) {
    throw std::runtime_error("the bridge did not apply every input record in time");
  }
  EndCounts end;
  const auto contents = bridge::itest::read_case_topic(config_);
  end.cases = contents.last_snapshot.size();
  for (const auto& [citizen, bytes] : contents.last_snapshot) {
    samsag::v1::CitizenCase citizen_case;
    if (!citizen_case.ParseFromString(bytes)) throw std::runtime_error("a case cannot be read");
    for (const auto& line : citizen_case.timeline()) ++end.in_cases[line.event_id()];
  }
  return end;
}

std::string FaultFlow::count_problems(const EndCounts& end) const {
  const auto accepted = accepted_event_ids();
  std::ostringstream problems;
  int shown = 0;
  for (const auto& id : accepted) {
    const auto found = end.in_cases.find(id);
    const int lines = found == end.in_cases.end() ? 0 : found->second;
    if (lines != 1 && shown++ < 5)
      problems << "accepted event " << id << " is " << lines << " times in cases\n";
  }
  for (const auto& [id, lines] : end.in_cases) {
    if (!accepted.contains(id) && shown++ < 5) {
      problems << "event " << id << " is in a case, but no source was told it was accepted\n";
    }
  }
  if (shown > 5) problems << shown << " problems in all\n";
  return problems.str();
}

void FaultFlow::restart_bridge() {
  if (bridge_) bridge_->terminate(30s);
  bridge_.reset();
  start_bridge();
}

}  // namespace samsag::faults
