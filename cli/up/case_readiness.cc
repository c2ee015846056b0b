#include "cli/up/case_readiness.h"

#include <charconv>
#include <cmath>

namespace samsag::cli::up {
namespace {

constexpr std::string_view kFamily = "samsag_bridge_events_total";

// The value of `label="..."` inside a sample's braces; empty when absent.
std::string_view label_value(std::string_view labels, std::string_view label) {
  const std::string key = std::string(label) + "=\"";
  std::size_t at = 0;
  while ((at = labels.find(key, at)) != std::string_view::npos) {
    // A whole label name: at the start of the braces or after a comma.
    if (at == 0 || labels[at - 1] == ',' || labels[at - 1] == ' ') {
      const auto begin = at + key.size();
      const auto end = labels.find('"', begin);
      if (end == std::string_view::npos) return {};
      return labels.substr(begin, end - begin);
    }
    at += key.size();
  }
  return {};
}

}  // namespace

SectorCounts bridge_events_by_sector(std::string_view metrics_text) {
  SectorCounts counts;
  std::size_t start = 0;
  while (start < metrics_text.size()) {
    auto end = metrics_text.find('\n', start);
    if (end == std::string_view::npos) end = metrics_text.size();
    const auto line = metrics_text.substr(start, end - start);
    start = end + 1;
    if (!line.starts_with(kFamily) || line.size() <= kFamily.size() ||
        line[kFamily.size()] != '{') {
      continue;  // comments, other families, and samsag_bridge_events_total_created and the like
    }
    const auto close = line.find('}');
    if (close == std::string_view::npos) continue;
    const auto labels = line.substr(kFamily.size() + 1, close - kFamily.size() - 1);
    const auto sector = label_value(labels, "sector");
    auto value_text = line.substr(close + 1);
    while (!value_text.empty() && value_text.front() == ' ') value_text.remove_prefix(1);
    value_text = value_text.substr(0, value_text.find(' '));  // a timestamp may follow
    double value = 0;
    const auto [ptr, ec] =
        std::from_chars(value_text.data(), value_text.data() + value_text.size(), value);
    if (sector.empty() || ec != std::errc() || !std::isfinite(value) || value < 0) continue;
    counts[std::string(sector)] += static_cast<std::uint64_t>(std::llround(value));
  }
  return counts;
}

std::string missing_events(const SectorCounts& expected, const SectorCounts& seen) {
  std::string missing;
  for (const auto& [sector, count] : expected) {
    const auto found = seen.find(sector);
    const std::uint64_t got = found == seen.end() ? 0 : found->second;
    if (got >= count) continue;
    if (!missing.empty()) missing += ", ";
    missing += sector + " " + std::to_string(got) + " of " + std::to_string(count);
  }
  return missing;
}

}  // namespace samsag::cli::up
