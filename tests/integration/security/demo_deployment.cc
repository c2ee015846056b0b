#include "demo_deployment.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <boost/json.hpp>
#include <csignal>
#include <fstream>
#include <iterator>
#include <random>
#include <sstream>
#include <stdexcept>

#include "core/auth/jwt.h"
#include "tests/support/scratch_name.h"

namespace samsag::security_test {
namespace {

using namespace std::chrono_literals;
namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

constexpr int kPortsUsed = 10;  // cli/up/demo_environment.h

std::string read_text(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + file.string());
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

std::string value_after(const std::string& line, const std::string& prefix) {
  if (!line.starts_with(prefix)) {
    throw std::runtime_error("samsag up printed an unexpected line (wanted " + prefix + ")");
  }
  return line.substr(prefix.size());
}

}  // namespace

DemoDeployment::DemoDeployment(int citizens)
    : dir_(fs::temp_directory_path() / samsag::testing::scratch_name("samsag-security-test-")) {
  const int base = samsag::testing::free_loopback_port_run(kPortsUsed);
  ports_ = {base,     base + 1, base + 2, base + 3, base + 4,
            base + 5, base + 6, base + 7, base + 8, base + 9};
  const auto started = Clock::now();
  // up's stderr goes to a file in the scratch directory, so the CPR scan reads it too.
  fs::create_directories(dir_);
  up_ = std::make_unique<samsag::testing::ChildProcess>(std::vector<std::string>{
      "/bin/sh", "-c",
      "exec \"$0\" up --citizens \"$1\" --port-base \"$2\" --dir \"$3\" 2>\"$3/up-stderr.log\"",
      samsag::testing::samsag_binary(), std::to_string(citizens), std::to_string(base),
      dir_.string()});
  std::vector<std::string> lines;
  const auto deadline = Clock::now() + 150s;
  while (lines.empty() || lines.back() != "ready") {
    const auto left =
        std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
    auto line = up_->read_line(std::max(left, std::chrono::milliseconds(1)));
    if (!line) {
      throw std::runtime_error("samsag up printed no ready line (" + std::to_string(lines.size()) +
                               " lines); see " + (dir_ / "logs").string());
    }
    lines.push_back(*line);
  }
  ready_after_ = std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - started);
  if (lines.size() != 11) throw std::runtime_error("samsag up printed other lines than expected");
  coordinator_token_ = value_after(lines[2], "token: ");
  supervisor_token_ = value_after(lines[3], "supervisor-token: ");
  adapter_token_ = value_after(lines[4], "adapter-token: ");
  demo_cpr_ = value_after(lines[5], "demo-citizen: ");
}

DemoDeployment::~DemoDeployment() {
  stop();
  std::error_code ignored;
  fs::remove_all(dir_, ignored);
}

std::optional<int> DemoDeployment::stop() {
  if (stopped_) return 0;
  stopped_ = true;
  ::kill(up_->pid(), SIGINT);
  auto code = up_->wait_for_exit(60s);
  if (!code) up_->kill();
  return code;
}

std::vector<std::string> DemoDeployment::cprs() const {
  std::istringstream csv(read_text(gen_dir() / "citizens.csv"));
  std::string line;
  std::getline(csv, line);  // header: citizen,cpr,...
  std::vector<std::string> numbers;
  while (std::getline(csv, line)) {
    const auto first = line.find(',');
    const auto second = line.find(',', first + 1);
    if (first == std::string::npos || second == std::string::npos) continue;
    numbers.push_back(line.substr(first + 1, second - first - 1));
  }
  if (numbers.empty()) throw std::runtime_error("gen/citizens.csv holds no citizen");
  return numbers;
}

std::string DemoDeployment::key_id() const {
  const auto jwks = boost::json::parse(read_text(dir_ / "secrets/jwks.json"));
  return std::string(jwks.at("keys").at(0).at("kid").as_string());
}

std::string DemoDeployment::public_jwk() const {
  const auto jwks = boost::json::parse(read_text(dir_ / "secrets/jwks.json"));
  return boost::json::serialize(jwks.at("keys").at(0));
}

std::string DemoDeployment::sign(const std::string& claims_json) const {
  auto key =
      auth::SigningKey::load_pem_file((dir_ / "secrets/demo-signing-key.pem").string(), key_id());
  if (!key) throw std::runtime_error("cannot load the demo signing key");
  return key->sign(claims_json);
}

}  // namespace samsag::security_test
