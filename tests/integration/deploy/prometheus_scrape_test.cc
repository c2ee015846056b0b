// Debian's real Prometheus scrapes a running `samsag up` (the demo deployment: embedded broker,
// four adapters, the bridge) with a scrape configuration like deploy/prometheus/prometheus.yml
// and the rules of deploy/prometheus/samsag-rules.yml, and the test asks it over its HTTP API,
// in PromQL, whether every adapter's and the bridge's series are there, whether the rules
// evaluate without error, and whether the series move when new records arrive.
// Skipped, saying why, where `prometheus` is not installed or this samsag has no `up`.
#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <boost/json.hpp>
#include <cctype>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iterator>
#include <memory>
#include <optional>
#include <random>
#include <regex>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "tests/support/child_process.h"
#include "tests/support/http_client.h"
#include "tests/support/scratch_name.h"

namespace samsag::testing {
namespace {
namespace fs = std::filesystem;
using std::chrono::milliseconds;
using std::chrono::seconds;

const fs::path kSource = SAMSAG_SOURCE_DIR;

std::optional<std::string> find_program(const std::string& name) {
  for (const char* directory : {"/usr/bin", "/usr/local/bin", "/bin"}) {
    const fs::path candidate = fs::path(directory) / name;
    if (fs::exists(candidate)) return candidate.string();
  }
  return std::nullopt;
}

bool samsag_has_up() {
  ChildProcess help({samsag_binary(), "--help"});
  const auto text = help.read_all(seconds(10)).value_or("");
  return text.find("\n  up ") != std::string::npos;
}

std::string url_encode(const std::string& text) {
  static constexpr std::string_view kHex = "0123456789ABCDEF";
  std::string out;
  for (const unsigned char c : text) {
    if (std::isalnum(c) != 0 || c == '-' || c == '_' || c == '.' || c == '~') {
      out.push_back(static_cast<char>(c));
    } else {
      out.push_back('%');
      out.push_back(kHex[c >> 4U]);
      out.push_back(kHex[c & 0xFU]);
    }
  }
  return out;
}

// How many recording and alerting rules a rules file defines ("- record:" and "- alert:").
int rules_in(const fs::path& file) {
  static const std::regex kRule(R"(^\s*- (record|alert):)");
  std::ifstream in(file);
  int count = 0;
  for (std::string line; std::getline(in, line);) count += std::regex_search(line, kRule) ? 1 : 0;
  return count;
}

class Prometheus {
 public:
  explicit Prometheus(int port) : port_(port) {}

  // The result vector of an instant query; empty on any error.
  boost::json::array query(const std::string& promql) const {
    const auto reply = http_get(port_, "/api/v1/query?query=" + url_encode(promql), seconds(5));
    if (reply.status != 200) return {};
    boost::system::error_code error;
    const auto body = boost::json::parse(reply.body, error);
    if (error || !body.is_object()) return {};
    const auto* data = body.as_object().if_contains("data");
    if (data == nullptr || !data->is_object()) return {};
    const auto* result = data->as_object().if_contains("result");
    return result != nullptr && result->is_array() ? result->as_array() : boost::json::array{};
  }

  // The value of a query that yields one sample; nullopt if it yields none.
  std::optional<double> scalar(const std::string& promql) const {
    const auto result = query(promql);
    if (result.size() != 1) return std::nullopt;
    const auto& value = result[0].as_object().at("value").as_array();
    return std::stod(std::string(value[1].as_string()));
  }

  int port() const { return port_; }

 private:
  int port_;
};

// Polls `condition` until it holds or `timeout` passes (Prometheus scrapes and evaluates every
// second, so each poll may see news).
bool eventually(const std::function<bool()>& condition, std::chrono::seconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (std::chrono::steady_clock::now() < deadline) {
    if (condition()) return true;
    std::this_thread::sleep_for(milliseconds(250));
  }
  return condition();
}

std::string scrape_config(int port_base, int prometheus_port, const fs::path& rules) {
  std::string targets;
  for (int port = port_base + 6; port <= port_base + 9; ++port) {
    targets += "          - 127.0.0.1:" + std::to_string(port) + "\n";
  }
  return "global:\n"
         "  scrape_interval: 1s\n"
         "  evaluation_interval: 1s\n"
         "rule_files:\n"
         "  - " +
         rules.string() +
         "\n"
         "scrape_configs:\n"
         "  - job_name: samsag-adapter\n"
         "    static_configs:\n"
         "      - labels: {municipality: demo}\n"
         "        targets:\n" +
         targets +
         "  - job_name: samsag-bridge\n"
         "    static_configs:\n"
         "      - labels: {municipality: demo}\n"
         "        targets: [127.0.0.1:" +
         std::to_string(port_base + 2) +
         "]\n"
         "  - job_name: prometheus\n"
         "    static_configs:\n"
         "      - targets: [127.0.0.1:" +
         std::to_string(prometheus_port) + "]\n";
}

class PrometheusScrapesSamsagUp : public ::testing::Test {
 protected:
  void SetUp() override {
    prometheus_binary_ = find_program("prometheus");
    if (!prometheus_binary_) {
      GTEST_SKIP() << "Debian's prometheus is not installed (tools/setup installs it)";
    }
    if (!samsag_has_up()) {
      GTEST_SKIP() << "this samsag has no `up` subcommand yet; the test runs once it has";
    }
    scratch_ = fs::temp_directory_path() / scratch_name("samsag-prometheus-test-");
    fs::create_directories(scratch_);
    port_base_ = samsag::testing::free_loopback_port_run(10);
    do {  // one port for Prometheus, away from samsag's ten
      prometheus_port_ = samsag::testing::free_loopback_port_run(1);
    } while (prometheus_port_ >= port_base_ && prometheus_port_ <= port_base_ + 9);
    std::ofstream(scratch_ / "prometheus.yml") << scrape_config(
        port_base_, prometheus_port_, kSource / "deploy/prometheus/samsag-rules.yml");
  }

  void TearDown() override {
    if (up_) up_->terminate(seconds(60));
    if (prometheus_) prometheus_->terminate(seconds(30));
    std::error_code ignored;
    if (!scratch_.empty()) fs::remove_all(scratch_, ignored);
  }

  void start_prometheus() {
    prometheus_ = std::make_unique<ChildProcess>(std::vector<std::string>{
        *prometheus_binary_, "--config.file=" + (scratch_ / "prometheus.yml").string(),
        "--storage.tsdb.path=" + (scratch_ / "tsdb").string(),
        "--web.listen-address=127.0.0.1:" + std::to_string(prometheus_port_), "--log.level=warn"});
  }

  // Starts `samsag up` and reads its report up to "ready"; returns the adapters' token.
  std::string start_up() {
    up_ = std::make_unique<ChildProcess>(
        std::vector<std::string>{samsag_binary(), "up", "--citizens", "20", "--port-base",
                                 std::to_string(port_base_), "--dir", (scratch_ / "up").string()});
    std::string token;
    const auto deadline = std::chrono::steady_clock::now() + seconds(300);
    while (std::chrono::steady_clock::now() < deadline) {
      // up's report holds tokens and a demo CPR number: read, never print.
      const auto line = up_->read_line(milliseconds(1000));
      if (!line) {
        if (up_->wait_for_exit(milliseconds(0))) break;
        continue;
      }
      if (line->starts_with("adapter-token: ")) token = line->substr(15);
      if (*line == "ready") return token.empty() ? "samsag-demo-adapter" : token;
    }
    ADD_FAILURE() << "samsag up did not report ready (its logs: " << (scratch_ / "up" / "logs")
                  << ")";
    return "";
  }

  std::optional<std::string> prometheus_binary_;
  fs::path scratch_;
  int port_base_ = 0;
  int prometheus_port_ = 0;
  std::unique_ptr<ChildProcess> prometheus_;
  std::unique_ptr<ChildProcess> up_;
};

TEST_F(PrometheusScrapesSamsagUp, SeesEveryProcessItsRulesAndSeriesThatMove) {
  // Prometheus first, so it watches the adapters from their start.
  start_prometheus();
  const Prometheus prometheus(prometheus_port_);
  ASSERT_TRUE(
      eventually([&] { return http_get(prometheus_port_, "/-/ready").status == 200; }, seconds(60)))
      << "prometheus did not become ready";
  const std::string token = start_up();
  ASSERT_FALSE(token.empty());

  // Every target is up: four adapters and the bridge.
  EXPECT_TRUE(eventually(
      [&] { return prometheus.scalar(R"(count(up{job="samsag-adapter"} == 1))") == 4.0; },
      seconds(60)));
  EXPECT_TRUE(
      eventually([&] { return prometheus.scalar(R"(count(up{job="samsag-bridge"} == 1))") == 1.0; },
                 seconds(60)));

  // The families the rules and the dashboard use are there, for every adapter.
  EXPECT_EQ(prometheus.query("count by (adapter) (samsag_adapter_records_read_total)").size(), 4U);
  for (const char* family :
       {"samsag_adapter_events_produced_total", "samsag_adapter_produce_latency_seconds_bucket",
        "samsag_adapter_in_flight_records", "samsag_bridge_events_total",
        "samsag_bridge_partitions_assigned", "samsag_bridge_consumer_lag_records",
        "samsag_bridge_end_to_end_latency_seconds_bucket", "samsag_bridge_transactions_total",
        "samsag_build_info"}) {
    EXPECT_TRUE(eventually(
        [&] { return prometheus.scalar(std::string("count(") + family + ")").value_or(0) > 0; },
        seconds(30)))
        << family << " is not scraped";
  }
  // The demo data went through: the adapters produced and the bridge applied events.
  EXPECT_GT(prometheus.scalar("sum(samsag_adapter_events_produced_total)").value_or(0), 0);
  EXPECT_GT(prometheus.scalar(R"(sum(samsag_bridge_events_total{outcome="applied"}))").value_or(0),
            0);

  // The rules load and evaluate on real series without error. Prometheus scrapes itself for
  // this: its rule-group metrics say how many rules each group has and how many evaluations
  // failed (the rules API answers too large a body for the test's simple client).
  const fs::path rules_file = kSource / "deploy/prometheus/samsag-rules.yml";
  const int rules = rules_in(rules_file);
  ASSERT_GT(rules, 10);
  EXPECT_TRUE(eventually(
      [&] {
        return prometheus.scalar(
                   R"(sum(prometheus_rule_group_rules{rule_group=~".*samsag-rules.yml;.*"}))") ==
               static_cast<double>(rules);
      },
      seconds(60)))
      << "Prometheus did not load the " << rules << " rules of " << rules_file;
  EXPECT_TRUE(eventually(
      [&] {
        return prometheus.scalar("sum(prometheus_rule_evaluations_total)").value_or(0) > rules;
      },
      seconds(60)));
  EXPECT_EQ(prometheus.scalar("sum(prometheus_rule_evaluation_failures_total)"), 0.0)
      << "a rule of samsag-rules.yml fails to evaluate on real series";

  // New records move the series: the social adapter reads them, the bridge applies them.
  // `or vector(0)`: a family without samples yet counts as zero.
  const std::string social_read =
      R"(sum(samsag_adapter_records_read_total{adapter="social"}) or vector(0))";
  const std::string social_seen_by_bridge =
      R"(sum(samsag_bridge_events_total{sector="social"}) or vector(0))";
  const auto read_before = prometheus.scalar(social_read);
  const auto bridge_before = prometheus.scalar(social_seen_by_bridge);
  ASSERT_TRUE(read_before && bridge_before);
  ChildProcess gen({samsag_binary(), "gen", "--citizens", "3", "--seed", "7301", "--out",
                    (scratch_ / "more").string()});
  ASSERT_EQ(gen.wait_for_exit(seconds(60)), 0);
  int posted = 0;
  for (const auto& entry : fs::directory_iterator(scratch_ / "more" / "social")) {
    std::ifstream in(entry.path(), std::ios::binary);
    const std::string body((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    const auto reply = http_post(port_base_ + 3, "/v1/events", body, token);
    // 2xx: every event is on Kafka; 422: some were dead-lettered (adapters/social/FORMAT.md).
    EXPECT_TRUE((reply.status >= 200 && reply.status < 300) || reply.status == 422)
        << "social intake answered " << reply.status;
    ++posted;
  }
  ASSERT_GT(posted, 0);
  EXPECT_TRUE(eventually([&] { return prometheus.scalar(social_read).value_or(0) > *read_before; },
                         seconds(60)))
      << "the social adapter's records_read did not move in Prometheus";
  EXPECT_TRUE(eventually(
      [&] { return prometheus.scalar(social_seen_by_bridge).value_or(0) > *bridge_before; },
      seconds(60)))
      << "the bridge's events did not move in Prometheus";
  EXPECT_TRUE(eventually(
      [&] {
        return prometheus.scalar(R"(samsag:adapter_records_read:rate5m{adapter="social"})")
                   .value_or(0) > 0;
      },
      seconds(30)))
      << "the recording rule shows no traffic";
}

}  // namespace
}  // namespace samsag::testing
