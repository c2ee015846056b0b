#include "tests/support/adapter_process.h"

#include <fstream>
#include <random>
#include <set>
#include <stdexcept>

#include "core/digest/sha256.h"
#include "tests/support/http_client.h"
#include "tests/support/scratch_name.h"

namespace samsag::testing {
namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

constexpr std::chrono::milliseconds kLogPoll{200};

void write_random_key(const fs::path& path) {
  fs::create_directories(path.parent_path());
  std::random_device random;
  std::string key;
  for (int i = 0; i < 48; ++i) key.push_back(static_cast<char>(random() & 0xFF));
  std::ofstream out(path, std::ios::binary);
  out << key;
  if (!out) throw std::runtime_error("cannot write " + path.string());
}

// FORMAT.md §6's default mapping, in the codes `samsag gen` writes.
constexpr const char* kTargetGroups = R"(    target_groups:
      dagpengemodtager: INSURED_UNEMPLOYED
      kontanthjaelpsmodtager: OTHER_UNEMPLOYED
      uddannelseshjaelpsmodtager: YOUNG
      selvforsoergelsesydelsesmodtager: OTHER_UNEMPLOYED
      overgangsydelsesmodtager: OTHER_UNEMPLOYED
      sygedagpengemodtager: SICK
      jobafklaringsforloeb: SICK
      ressourceforloebsydelsesmodtager: OTHER_UNEMPLOYED
      revalidend: OTHER_UNEMPLOYED
      ledighedsydelsesmodtager: FLEX_JOB
      fleksjobansat: FLEX_JOB
      selvforsoergende_ledig: OTHER_UNEMPLOYED
      ung_under_18: YOUNG
      foertidspensionist: UNKNOWN
)";

std::string upper(std::string text) {
  for (char& c : text) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return text;
}

}  // namespace

// --- AdapterDeployment -------------------------------------------------------------------------

AdapterDeployment::AdapterDeployment(AdapterDeploymentOptions options)
    : options_(std::move(options)),
      config_path_(options_.directory / "samsag.yaml"),
      spool_directory_(options_.directory / "spool" / "employment") {
  write_random_key(options_.directory / "secrets" / "pseudonym.key");
  fs::create_directories(spool_directory_);
  // A port is free when asked but not held, so the kernel may hand the same one out twice: take
  // only ports this deployment has not taken yet.
  std::set<int> taken;
  auto distinct_port = [&taken] {
    int port = free_loopback_port();
    while (!taken.insert(port).second) port = free_loopback_port();
    return port;
  };
  for (const char* name : {"social", "health", "region"}) http_ports_[name] = distinct_port();
  for (const char* name : {"employment", "social", "health", "region"}) {
    admin_ports_[name] = distinct_port();
  }
}

std::string AdapterDeployment::topic(const std::string& kind) const {
  return options_.slug + "." + kind + ".v1";
}

fs::path AdapterDeployment::write_config(const std::string& bootstrap) const {
  std::ofstream out(config_path_);
  out << "# Written by tests/support/adapter_process.cc for one test; removed with it.\n"
      << "municipality:\n  slug: " << options_.slug << "\n  code: " << options_.municipality_code
      << "\n  name: Itest Kommune\n"
      << "kafka:\n  bootstrap: \"" << (bootstrap.empty() ? "127.0.0.1:9" : bootstrap) << "\"\n"
      << "  partitions: " << options_.partitions << "\n"
      << "  delivery_timeout_ms: " << options_.delivery_timeout_ms << "\n";
  if (options_.transactions) out << "  transactions: true\n";
  if (!options_.kafka_properties.empty()) {
    out << "  properties:\n";
    for (const auto& [name, value] : options_.kafka_properties) {
      out << "    " << name << ": \"" << value << "\"\n";
    }
  }
  out << "pseudonymisation:\n  key_file: secrets/pseudonym.key\n  key_version: k1\n"
      << (options_.consent_required
              ? "consent:\n  sectors_requiring_consent: [SOCIAL, HEALTH, REGION]\n"
              : "consent: {}\n")
      << "adapters:\n"
      << "  - name: employment\n    kind: EMPLOYMENT\n    source_system: "
      << source_system("employment")
      << "\n    admin_listen: 127.0.0.1:" << admin_ports_.at("employment")
      << "\n    spool:\n      directory: \"" << spool_directory_.string()
      << "\"\n      poll_interval_ms: " << options_.poll_interval_ms << "\n"
      << kTargetGroups;
  for (const char* name : {"social", "health", "region"}) {
    out << "  - name: " << name << "\n    kind: " << upper(name)
        << "\n    source_system: " << source_system(name)
        << "\n    admin_listen: 127.0.0.1:" << admin_ports_.at(name)
        << "\n    http:\n      listen: 127.0.0.1:" << http_ports_.at(name)
        << "\n      token_sha256:\n        - " << samsag::digest::sha256_hex(token(name)) << "\n";
    if (options_.max_body_bytes > 0) {
      out << "      max_body_bytes: " << options_.max_body_bytes << "\n";
    }
  }
  out << "logging:\n  level: " << options_.log_level << "\n" << options_.extra_yaml;
  out.close();
  if (!out) throw std::runtime_error("cannot write " + config_path_.string());
  return config_path_;
}

// --- AdapterProcess ----------------------------------------------------------------------------

AdapterProcess::AdapterProcess(const AdapterDeployment& deployment, std::string name)
    : name_(std::move(name)),
      admin_port_(deployment.admin_port(name_)),
      process_(std::make_unique<ChildProcess>(std::vector<std::string>{
          samsag_binary(), "adapter", name_, "-c", deployment.config_path().string()})) {
  reader_ = std::thread([this] { collect(); });
}

AdapterProcess::~AdapterProcess() {
  process_->kill();  // closes its stdout, which ends the reader
  reader_.join();
}

void AdapterProcess::collect() {
  while (true) {
    const auto asked = Clock::now();
    auto line = process_->read_line(kLogPoll);
    bool ended = false;
    {
      std::lock_guard lock(mutex_);
      if (line) {
        lines_.push_back(std::move(*line));
      } else if (Clock::now() - asked < kLogPoll) {
        // read_line gives up before its timeout only when stdout has reached its end.
        closed_ = ended = true;
      } else {
        continue;
      }
    }
    logged_.notify_all();
    if (ended) return;
  }
}

int AdapterProcess::readyz() const {
  return http_get(admin_port_, "/readyz", std::chrono::seconds(2)).status;
}

bool AdapterProcess::wait_ready(std::chrono::milliseconds timeout) {
  const auto deadline = Clock::now() + timeout;
  while (Clock::now() < deadline) {
    if (readyz() == 200) return true;
    if (process_->wait_for_exit(std::chrono::milliseconds(50))) return false;
  }
  return false;
}

std::optional<std::string> AdapterProcess::wait_for_log(const std::string& text,
                                                        std::chrono::milliseconds timeout) const {
  std::unique_lock lock(mutex_);
  std::size_t seen = 0;
  std::optional<std::string> found;
  auto arrived = [&] {
    for (; seen < lines_.size() && !found; ++seen) {
      if (lines_[seen].find(text) != std::string::npos) found = lines_[seen];
    }
    return found.has_value() || closed_;
  };
  logged_.wait_until(lock, Clock::now() + timeout, arrived);
  return found;
}

bool AdapterProcess::wait_for_logs(const std::string& text, std::size_t count,
                                   std::chrono::milliseconds timeout) const {
  std::unique_lock lock(mutex_);
  std::size_t seen = 0;
  std::size_t found = 0;
  auto enough = [&] {
    for (; seen < lines_.size(); ++seen) {
      if (lines_[seen].find(text) != std::string::npos) ++found;
    }
    return found >= count || closed_;
  };
  logged_.wait_until(lock, Clock::now() + timeout, enough);
  return found >= count;
}

bool AdapterProcess::wait_for_log_end(std::chrono::milliseconds timeout) const {
  std::unique_lock lock(mutex_);
  return logged_.wait_for(lock, timeout, [this] { return closed_; });
}

std::vector<std::string> AdapterProcess::log_lines() const {
  std::lock_guard lock(mutex_);
  return lines_;
}

std::optional<int> AdapterProcess::terminate(std::chrono::milliseconds timeout) {
  return process_->terminate(timeout);
}

void AdapterProcess::kill() { process_->kill(); }

std::optional<int> AdapterProcess::wait_for_exit(std::chrono::milliseconds timeout) {
  return process_->wait_for_exit(timeout);
}

// --- files -------------------------------------------------------------------------------------

void drop_into_spool(const fs::path& file, const fs::path& spool, const std::string& name) {
  const std::string final_name = name.empty() ? file.filename().string() : name;
  const fs::path temporary = spool / ("." + final_name + ".tmp");
  fs::copy_file(file, temporary, fs::copy_options::overwrite_existing);
  fs::rename(temporary, spool / final_name);
}

ScratchDirectory::ScratchDirectory(const std::string& prefix) {
  // Letters only: the adapters log their spool path, and digits could form a CPR-shaped number.
  path_ = fs::temp_directory_path() / scratch_name(prefix + "-");
  fs::create_directories(path_);
}

ScratchDirectory::~ScratchDirectory() {
  std::error_code ignored;
  if (std::getenv("SAMSAG_TEST_KEEP_SCRATCH") == nullptr) fs::remove_all(path_, ignored);
}

}  // namespace samsag::testing
