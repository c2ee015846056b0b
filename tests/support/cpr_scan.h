// Searching what a run left behind (topic records, log files, /metrics text, raw state files)
// for the CPR numbers the run was fed. The rule (tests/support/README.md, "CPR scan"):
//  - DDMMYY-SSSS, the number with its dash, anywhere: a finding;
//  - DDMMYYSSSS, the ten digits, anywhere, also inside a longer run of digits: a finding.
// Digits inside longer runs count, since a leak glued to other digits is still a leak; the price
// is a chance false alarm, which the scan estimates (expected_false_alarms) so a test can assert
// it is negligible instead of guessing. It sees only ASCII digits: a number stored packed,
// compressed (RocksDB's LZ4/Snappy blocks) or encrypted needs its decoded form scanned too.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace samsag::testing {

struct CprFinding {
  std::string where;   // what was scanned: "topic demo.dlq.v1 p0@17 value", a file path
  std::size_t offset;  // of the first digit within it
  bool dashed;         // written DDMMYY-SSSS
  bool inside_longer_digits;
  std::size_t citizen;  // index into the numbers the scan was given
};

class CprScan {
 public:
  // `cprs`: ten digits each, with or without the dash. Throws std::invalid_argument otherwise.
  explicit CprScan(const std::vector<std::string>& cprs);

  void scan(const std::string& where, std::string_view bytes);
  // The file's raw bytes; throws std::runtime_error when it cannot be read.
  void scan_file(const std::filesystem::path& file);
  // Every regular file below `root` for which `skip` (may be empty) says false; returns how many.
  std::size_t scan_tree(const std::filesystem::path& root,
                        const std::function<bool(const std::filesystem::path&)>& skip = {});

  const std::vector<CprFinding>& findings() const { return findings_; }
  std::uint64_t bytes_scanned() const { return bytes_; }
  std::uint64_t sources_scanned() const { return sources_; }
  // Ten-digit windows looked at: each could have matched a number by chance.
  std::uint64_t digit_windows() const { return windows_; }
  // windows x numbers / 10^10: how many chance matches a scan of random digits would expect.
  double expected_false_alarms() const;

  // One line per finding, the digits masked (a report must not repeat the number either).
  std::string describe_findings() const;
  // "N sources, B bytes, W ten-digit windows, expected false alarms E".
  std::string summary() const;

 private:
  std::unordered_map<std::string, std::size_t> numbers_;  // ten digits -> citizen index
  std::vector<CprFinding> findings_;
  std::uint64_t bytes_ = 0;
  std::uint64_t sources_ = 0;
  std::uint64_t windows_ = 0;
};

}  // namespace samsag::testing
