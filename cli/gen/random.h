// The generator's randomness: std::mt19937_64 (its output sequence is fixed by the C++ standard)
// with our own mapping to ranges, because std::uniform_int_distribution and friends are
// implementation-defined and would give different data with another standard library.
#pragma once

#include <cstddef>
#include <cstdint>
#include <random>
#include <span>

namespace samsag::gen {

// A stateless 64-bit mixer (splitmix64), for deriving independent seeds.
std::uint64_t mix64(std::uint64_t x);

// The seed of one independent stream: the same (seed, stream, index) always gives the same value.
std::uint64_t derive_seed(std::uint64_t seed, std::uint64_t stream, std::uint64_t index);

class Random {
 public:
  explicit Random(std::uint64_t seed) : engine_(seed) {}

  std::uint64_t next() { return engine_(); }
  // Uniform in [0, n), n > 0, by rejection (no modulo bias).
  std::uint64_t below(std::uint64_t n);
  // Uniform in [low, high], low <= high.
  std::int64_t between(std::int64_t low, std::int64_t high);
  // True with probability percent/100.
  bool percent(int percent) { return below(100) < static_cast<std::uint64_t>(percent); }

  template <typename T>
  const T& pick(std::span<const T> items) {
    return items[below(items.size())];
  }
  // Index into `weights` chosen with probability proportional to each weight.
  std::size_t weighted(std::span<const int> weights);

 private:
  std::mt19937_64 engine_;
};

}  // namespace samsag::gen
