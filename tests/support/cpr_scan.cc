#include "tests/support/cpr_scan.h"

#include <algorithm>
#include <fstream>
#include <iterator>
#include <sstream>
#include <stdexcept>

namespace samsag::testing {
namespace {

constexpr std::size_t kDigits = 10;

bool is_digit(char c) { return c >= '0' && c <= '9'; }

std::string ten_digits(const std::string& cpr) {
  std::string digits;
  for (const char c : cpr) {
    if (is_digit(c)) {
      digits.push_back(c);
    } else if (c != '-') {
      digits.clear();
      break;
    }
  }
  const bool dash_in_place = cpr.size() == kDigits || (cpr.size() == 11 && cpr[6] == '-');
  if (digits.size() != kDigits || !dash_in_place) {
    throw std::invalid_argument("CprScan: not a CPR number (ten digits, optionally DDMMYY-SSSS)");
  }
  return digits;
}

}  // namespace

CprScan::CprScan(const std::vector<std::string>& cprs) {
  for (std::size_t i = 0; i < cprs.size(); ++i) numbers_.emplace(ten_digits(cprs[i]), i);
}

void CprScan::scan(const std::string& where, std::string_view bytes) {
  ++sources_;
  bytes_ += bytes.size();
  std::size_t i = 0;
  while (i < bytes.size()) {
    if (!is_digit(bytes[i])) {
      ++i;
      continue;
    }
    std::size_t end = i;
    while (end < bytes.size() && is_digit(bytes[end])) ++end;
    const std::size_t run = end - i;
    // Every ten-digit window of the run.
    for (std::size_t start = i; run >= kDigits && start + kDigits <= end; ++start) {
      ++windows_;
      const auto found = numbers_.find(std::string(bytes.substr(start, kDigits)));
      if (found != numbers_.end()) {
        findings_.push_back({where, start, false, run > kDigits, found->second});
      }
    }
    // DDMMYY-SSSS: six digits ending the run, a dash, four digits starting the next.
    if (run >= 6 && end + 5 <= bytes.size() && bytes[end] == '-' &&
        std::all_of(bytes.begin() + static_cast<std::ptrdiff_t>(end) + 1,
                    bytes.begin() + static_cast<std::ptrdiff_t>(end) + 5, is_digit)) {
      ++windows_;
      std::string digits(bytes.substr(end - 6, 6));
      digits.append(bytes.substr(end + 1, 4));
      const auto found = numbers_.find(digits);
      const bool longer = run > 6 || (end + 5 < bytes.size() && is_digit(bytes[end + 5]));
      if (found != numbers_.end()) {
        findings_.push_back({where, end - 6, true, longer, found->second});
      }
    }
    i = end;
  }
}

void CprScan::scan_file(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) throw std::runtime_error("CprScan: cannot read " + file.string());
  const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  scan(file.string(), bytes);
}

std::size_t CprScan::scan_tree(const std::filesystem::path& root,
                               const std::function<bool(const std::filesystem::path&)>& skip) {
  std::size_t files = 0;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(root)) {
    if (!entry.is_regular_file() || (skip && skip(entry.path()))) continue;
    scan_file(entry.path());
    ++files;
  }
  return files;
}

double CprScan::expected_false_alarms() const {
  return static_cast<double>(windows_) * static_cast<double>(numbers_.size()) / 1e10;
}

std::string CprScan::describe_findings() const {
  std::ostringstream out;
  for (const auto& finding : findings_) {
    out << finding.where << " at byte " << finding.offset << ": citizen #" << finding.citizen
        << (finding.dashed ? " as DDMMYY-SSSS" : " as DDMMYYSSSS")
        << (finding.inside_longer_digits ? " inside a longer run of digits" : "") << "\n";
  }
  return out.str();
}

std::string CprScan::summary() const {
  std::ostringstream out;
  out << sources_ << " sources, " << bytes_ << " bytes, " << windows_
      << " ten-digit windows, expected false alarms " << expected_false_alarms();
  return out.str();
}

}  // namespace samsag::testing
