// The whole demo deployment as the security tests attack it: `samsag up` (embedded broker, the
// four adapters fed with `samsag gen` data, the bridge with its API and page) on free loopback
// ports in a scratch directory, every port and token it prints, the generated CPR numbers, and
// tokens minted with the demo identity provider's key for claims of the test's choosing.
#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "tests/support/child_process.h"

namespace samsag::security_test {

// The HTTP servers of the deployment (cli/up/demo_environment.h places them from one base).
struct DemoPorts {
  int broker = 0;
  int api = 0;  // bridge: coordinator API and page
  int bridge_admin = 0;
  int social = 0;  // POST /v1/events
  int health = 0;  // POST /fhir, /fhir/{resource_type}
  int region = 0;
  int employment_admin = 0;
  int social_admin = 0;
  int health_admin = 0;
  int region_admin = 0;
};

class DemoDeployment {
 public:
  // Starts `samsag up --citizens N` and waits (up to 150 s) for its "ready" line: by then every
  // generated record went through the adapters into the cases. Throws std::runtime_error when up
  // fails or is not ready in time.
  explicit DemoDeployment(int citizens);
  ~DemoDeployment();  // stop(), then removes the scratch directory
  DemoDeployment(const DemoDeployment&) = delete;
  DemoDeployment& operator=(const DemoDeployment&) = delete;

  // SIGINT, as a newcomer stops it; up's exit code (nullopt: it had to be killed).
  std::optional<int> stop();

  const std::filesystem::path& dir() const { return dir_; }
  std::string bootstrap() const { return "127.0.0.1:" + std::to_string(ports_.broker); }
  const DemoPorts& ports() const { return ports_; }
  const std::string& coordinator_token() const { return coordinator_token_; }
  const std::string& supervisor_token() const { return supervisor_token_; }
  const std::string& adapter_token() const { return adapter_token_; }
  const std::string& demo_cpr() const { return demo_cpr_; }
  std::chrono::milliseconds ready_after() const { return ready_after_; }

  // Every generated citizen's CPR number (gen/citizens.csv).
  std::vector<std::string> cprs() const;
  // The directory of `samsag gen`'s output: the sources' own input.
  std::filesystem::path gen_dir() const { return dir_ / "gen"; }

  // `claims_json` signed with the demo identity provider's key (ES256, its kid).
  std::string sign(const std::string& claims_json) const;
  // The key id and the public JWK the bridge verifies with.
  std::string key_id() const;
  std::string public_jwk() const;

 private:
  std::filesystem::path dir_;
  DemoPorts ports_;
  std::unique_ptr<samsag::testing::ChildProcess> up_;
  bool stopped_ = false;
  std::string coordinator_token_;
  std::string supervisor_token_;
  std::string adapter_token_;
  std::string demo_cpr_;
  std::chrono::milliseconds ready_after_{0};
};

}  // namespace samsag::security_test
