// deploy/prometheus and deploy/grafana: every PromQL expression names a metric family some samsag
// process really exports (a string literal in adapters/, bridge/ or core/) or a recording rule of
// samsag-rules.yml, so a renamed metric breaks this test instead of silently emptying a panel or
// muting an alert.
#include <gtest/gtest.h>
#include <yaml-cpp/yaml.h>

#include <boost/json.hpp>
#include <filesystem>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

namespace samsag::deploy_test {
namespace {
namespace fs = std::filesystem;

const fs::path kSource = SAMSAG_SOURCE_DIR;

// Named by the rules before the process that exports them exists; each entry says who adds it.
// Once the family appears in the source, PendingMetricsAreStillMissing fails: drop it from here.
const std::set<std::string> kPending = {};

std::string read_text(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// Metric families the processes register: "samsag_..." and "process_..." literals in the source.
std::set<std::string> exported_families() {
  static const std::regex kLiteral(R"re("((samsag|process)_[a-z0-9_]+)")re");
  std::set<std::string> families = {"up"};  // Prometheus's own, per target
  for (const char* directory : {"adapters", "bridge", "core"}) {
    for (const auto& entry : fs::recursive_directory_iterator(kSource / directory)) {
      const auto extension = entry.path().extension();
      if (extension != ".cc" && extension != ".h") continue;
      const auto text = read_text(entry.path());
      for (std::sregex_iterator it(text.begin(), text.end(), kLiteral), end; it != end; ++it) {
        families.insert((*it)[1].str());
      }
    }
  }
  return families;
}

std::set<std::string> recording_rules() {
  std::set<std::string> names;
  const auto rules = YAML::LoadFile((kSource / "deploy/prometheus/samsag-rules.yml").string());
  for (const auto& group : rules["groups"]) {
    for (const auto& rule : group["rules"]) {
      if (rule["record"]) names.insert(rule["record"].as<std::string>());
    }
  }
  return names;
}

// The metric and recording-rule names an expression uses; quoted label values do not count.
std::set<std::string> names_in(const std::string& expression) {
  static const std::regex kQuoted(R"("[^"]*")");
  static const std::regex kName(R"((^|[^a-zA-Z0-9_:$])((samsag|process)[a-z0-9_:]*|up)\b)");
  const std::string unquoted = std::regex_replace(expression, kQuoted, "\"\"");
  std::set<std::string> names;
  for (std::sregex_iterator it(unquoted.begin(), unquoted.end(), kName), end; it != end; ++it) {
    names.insert((*it)[2].str());
  }
  return names;
}

bool known(const std::string& name, const std::set<std::string>& families,
           const std::set<std::string>& recorded) {
  if (families.contains(name) || recorded.contains(name) || kPending.contains(name)) return true;
  for (const std::string_view suffix : {"_bucket", "_sum", "_count"}) {  // histogram series
    if (name.ends_with(suffix) && families.contains(name.substr(0, name.size() - suffix.size()))) {
      return true;
    }
  }
  return false;
}

void collect_expressions(const boost::json::value& value, std::vector<std::string>& out) {
  if (const auto* object = value.if_object()) {
    for (const auto& [key, member] : *object) {
      if ((key == "expr" || key == "query") && member.is_string()) {
        out.emplace_back(member.as_string().c_str());
      } else if (key == "query" && member.is_object() && member.as_object().contains("query")) {
        out.emplace_back(member.as_object().at("query").as_string().c_str());
      } else {
        collect_expressions(member, out);
      }
    }
  } else if (const auto* array = value.if_array()) {
    for (const auto& element : *array) collect_expressions(element, out);
  }
}

TEST(MetricNames, TheNameScannerFindsMetricsInPromQL) {
  EXPECT_EQ(names_in("sum by (adapter) (rate(samsag_adapter_records_read_total[5m])) / "
                     "samsag:adapter_records_read:rate5m and up == 0"),
            (std::set<std::string>{"samsag_adapter_records_read_total",
                                   "samsag:adapter_records_read:rate5m", "up"}));
  EXPECT_TRUE(names_in("label_values($municipality)").empty());
  EXPECT_EQ(names_in(R"(up{job="samsag-adapter", municipality=~"$municipality"})"),
            (std::set<std::string>{"up"}));
}

TEST(MetricNames, ProcessesExportTheCoreFamilies) {
  const auto families = exported_families();
  for (const char* family : {"samsag_adapter_records_read_total", "samsag_bridge_events_total",
                             "samsag_bridge_end_to_end_latency_seconds", "samsag_build_info"}) {
    EXPECT_TRUE(families.contains(family)) << family;
  }
}

TEST(MetricNames, PendingMetricsAreStillMissing) {
  const auto families = exported_families();
  for (const auto& name : kPending) {
    EXPECT_FALSE(families.contains(name)) << name << " is exported now: remove it from kPending";
  }
}

TEST(MetricNames, EveryRuleExpressionNamesAnExportedMetric) {
  const auto families = exported_families();
  const auto recorded = recording_rules();
  const auto rules = YAML::LoadFile((kSource / "deploy/prometheus/samsag-rules.yml").string());
  int expressions = 0;
  for (const auto& group : rules["groups"]) {
    for (const auto& rule : group["rules"]) {
      const auto expression = rule["expr"].as<std::string>();
      const auto names = names_in(expression);
      ++expressions;
      EXPECT_FALSE(names.empty()) << "no metric in: " << expression;
      for (const auto& name : names) {
        EXPECT_TRUE(known(name, families, recorded)) << name << " in: " << expression;
      }
    }
  }
  EXPECT_GT(expressions, 10);
}

TEST(MetricNames, TheDashboardIsJsonAndEveryQueryNamesAnExportedMetric) {
  const auto text = read_text(kSource / "deploy/grafana/samsag.json");
  boost::system::error_code error;
  const auto dashboard = boost::json::parse(text, error);
  ASSERT_FALSE(error) << "deploy/grafana/samsag.json: " << error.message();
  ASSERT_TRUE(dashboard.is_object());
  EXPECT_TRUE(dashboard.as_object().contains("panels"));

  const auto families = exported_families();
  const auto recorded = recording_rules();
  std::vector<std::string> expressions;
  collect_expressions(dashboard, expressions);
  EXPECT_GT(expressions.size(), 10U);
  std::set<std::string> used;
  for (const auto& expression : expressions) {
    for (const auto& name : names_in(expression)) {
      used.insert(name);
      EXPECT_TRUE(known(name, families, recorded)) << name << " in: " << expression;
    }
  }
  // Golden signals for the adapters and the bridge: traffic, errors, latency, saturation.
  for (const char* signal :
       {"samsag:adapter_records_read:rate5m", "samsag:adapter_dead_letters:rate5m",
        "samsag_adapter_produce_latency_seconds_bucket", "samsag_adapter_in_flight_records",
        "samsag:bridge_events:rate5m", "samsag_bridge_consumer_lag_records",
        "samsag_bridge_end_to_end_latency_seconds_bucket", "samsag_bridge_transactions_total"}) {
    EXPECT_TRUE(used.contains(signal)) << "the dashboard does not show " << signal;
  }
}

}  // namespace
}  // namespace samsag::deploy_test
