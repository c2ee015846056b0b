// `samsag up` as a newcomer runs it: the whole demo on free loopback ports, its stdout contract,
// the demo citizen's case through the API (once the bridge serves it), and a clean stop on SIGINT
// that leaves no process behind.
#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <csignal>
#include <filesystem>
#include <fstream>
#include <random>
#include <regex>
#include <string>
#include <vector>

#include "core/privacy/cpr.h"
#include "tests/support/child_process.h"
#include "tests/support/http_client.h"
#include "tests/support/scratch_name.h"

namespace samsag::testing {
namespace {

using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

constexpr int kPortsUsed = 10;  // cli/up/demo_environment.h

// The processes whose parent is `parent`, from /proc.
std::vector<pid_t> children_of(pid_t parent) {
  std::vector<pid_t> children;
  for (const auto& entry : std::filesystem::directory_iterator("/proc")) {
    const auto name = entry.path().filename().string();
    if (name.find_first_not_of("0123456789") != std::string::npos) continue;
    std::ifstream stat(entry.path() / "stat");
    std::string line;
    if (!std::getline(stat, line)) continue;
    // pid (comm) state ppid ...: comm may hold spaces, so read after the last ')'.
    const auto close = line.rfind(')');
    if (close == std::string::npos) continue;
    std::istringstream rest(line.substr(close + 1));
    std::string state;
    pid_t ppid = 0;
    rest >> state >> ppid;
    if (ppid == parent) children.push_back(static_cast<pid_t>(std::stoi(name)));
  }
  return children;
}

bool process_exists(pid_t pid) { return ::kill(pid, 0) == 0 || errno != ESRCH; }

int port_of(const std::string& url) { return std::stoi(url.substr(url.rfind(':') + 1)); }

class ScratchDir {
 public:
  ScratchDir() : path_(std::filesystem::temp_directory_path() / scratch_name("samsag-up-test-")) {}
  ~ScratchDir() { std::filesystem::remove_all(path_); }
  ScratchDir(const ScratchDir&) = delete;
  ScratchDir& operator=(const ScratchDir&) = delete;
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

TEST(SamsagUp, PrintsItsLinesWhenEveryRecordIsInTheCasesAndStopsCleanlyOnSigint) {
  const auto started = Clock::now();
  ScratchDir dir;
  const int base = samsag::testing::free_loopback_port_run(kPortsUsed);
  ChildProcess up({samsag_binary(), "up", "--citizens", "20", "--port-base", std::to_string(base),
                   "--dir", dir.path().string()});

  // Lines until "ready" (stdout carries nothing else).
  std::vector<std::string> lines;
  const auto deadline = Clock::now() + 90s;
  while (lines.empty() || lines.back() != "ready") {
    const auto left =
        std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
    auto line = up.read_line(std::max(left, 1ms));
    ASSERT_TRUE(line.has_value()) << "no ready line; " << lines.size() << " lines so far";
    lines.push_back(*line);
  }
  const auto ready_after = Clock::now() - started;
  std::cerr << "samsag up was ready after "
            << std::chrono::duration_cast<std::chrono::milliseconds>(ready_after).count()
            << " ms\n";

  // The contract, line by line (never printing the demo citizen's CPR).
  const std::regex jwt(R"([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+)");
  ASSERT_EQ(lines.size(), 11U);
  EXPECT_EQ(lines[0], "bootstrap: 127.0.0.1:" + std::to_string(base));
  EXPECT_EQ(lines[1], "page: http://127.0.0.1:" + std::to_string(base + 1) + "/");
  ASSERT_TRUE(lines[2].starts_with("token: "));
  const std::string token = lines[2].substr(7);
  EXPECT_TRUE(std::regex_match(token, jwt));
  ASSERT_TRUE(lines[3].starts_with("supervisor-token: "));
  EXPECT_TRUE(std::regex_match(lines[3].substr(18), jwt));
  EXPECT_NE(lines[3].substr(18), token);
  ASSERT_TRUE(lines[4].starts_with("adapter-token: "));
  const std::string adapter_token = lines[4].substr(15);
  EXPECT_FALSE(adapter_token.empty());
  ASSERT_TRUE(lines[5].starts_with("demo-citizen: "));
  const std::string cpr = lines[5].substr(14);
  EXPECT_EQ(cpr.size(), 10U);
  EXPECT_TRUE(privacy::Cpr::parse(cpr).ok()) << "the demo citizen is no valid CPR number";
  EXPECT_EQ(lines[6], "adapter employment: " + (dir.path() / "spool/employment").string());
  EXPECT_TRUE(std::filesystem::is_directory(dir.path() / "spool/employment"));
  EXPECT_EQ(lines[7], "adapter social: http://127.0.0.1:" + std::to_string(base + 3));
  EXPECT_EQ(lines[8], "adapter health: http://127.0.0.1:" + std::to_string(base + 4));
  EXPECT_EQ(lines[9], "adapter region: http://127.0.0.1:" + std::to_string(base + 5));
  EXPECT_EQ(lines[10], "ready");

  // The HTTP adapters are where the lines say, and take the printed token.
  for (std::size_t i = 7; i <= 9; ++i) {
    const int port = port_of(lines[i]);
    const auto path = i == 7 ? "/v1/events" : "/fhir";
    EXPECT_EQ(http_post(port, path, "{}", "").status, 401) << lines[i];
    EXPECT_NE(http_post(port, path, "{}", adapter_token).status, 401) << lines[i];
  }

  // The demo citizen's case, with the coordinator's token, once the bridge serves the API.
  const auto lookup = http_post(base + 1, "/api/v1/lookup", R"({"cpr":")" + cpr + R"("})", token);
  if (lookup.status == 0 || lookup.status == 404) {
    std::cerr << "the bridge does not serve the coordinator API yet: case read not checked\n";
  } else {
    ASSERT_EQ(lookup.status, 200) << lookup.body;
    const auto begin = lookup.body.find("k1:");
    ASSERT_NE(begin, std::string::npos);
    const auto pseudonym = lookup.body.substr(begin, lookup.body.find('"', begin) - begin);
    const auto read = http_send(base + 1, {.method = "GET",
                                           .path = "/api/v1/cases/" + pseudonym,
                                           .headers = {{"Authorization", "Bearer " + token}}});
    EXPECT_EQ(read.status, 200) << read.body.substr(0, 200);
  }

  // The broker, four adapters and the bridge run as up's children; SIGINT stops them all.
  const auto children = children_of(up.pid());
  EXPECT_EQ(children.size(), 6U);
  ASSERT_EQ(::kill(up.pid(), SIGINT), 0);
  EXPECT_EQ(up.wait_for_exit(40s), 0);
  for (const pid_t child : children) EXPECT_FALSE(process_exists(child)) << "child " << child;
  EXPECT_EQ(up.read_all(1s).value_or("(open)"), "") << "stdout after ready";
  std::cerr << "the whole test took "
            << std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - started).count()
            << " ms\n";
}

TEST(SamsagUp, ExitsWithAClearMessageWhenAProcessCannotStart) {
  ScratchDir dir;
  const int base = samsag::testing::free_loopback_port_run(kPortsUsed);
  // Something else holds the bridge's admin port: the bridge cannot start, up must say so.
  const int blocker = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(static_cast<std::uint16_t>(base + 2));
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ASSERT_EQ(::bind(blocker, reinterpret_cast<sockaddr*>(&address), sizeof address), 0);
  ASSERT_EQ(::listen(blocker, 1), 0);
  ChildProcess up({samsag_binary(), "up", "--citizens", "2", "--port-base", std::to_string(base),
                   "--dir", dir.path().string()});
  const auto code = up.wait_for_exit(60s);
  ::close(blocker);
  ASSERT_TRUE(code.has_value()) << "samsag up kept running";
  EXPECT_EQ(*code, 1);
  EXPECT_EQ(up.read_all(1s).value_or("(open)"), "") << "nothing on stdout without ready";
  EXPECT_TRUE(children_of(up.pid()).empty());
}

}  // namespace
}  // namespace samsag::testing
