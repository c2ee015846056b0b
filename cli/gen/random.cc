#include "cli/gen/random.h"

#include <limits>

namespace samsag::gen {

std::uint64_t mix64(std::uint64_t x) {
  x += 0x9e3779b97f4a7c15ULL;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

std::uint64_t derive_seed(std::uint64_t seed, std::uint64_t stream, std::uint64_t index) {
  return mix64(mix64(mix64(seed) ^ stream) ^ index);
}

std::uint64_t Random::below(std::uint64_t n) {
  // Reject the top partial block of the 64-bit range so every residue is equally likely.
  const std::uint64_t limit =
      std::numeric_limits<std::uint64_t>::max() - std::numeric_limits<std::uint64_t>::max() % n;
  std::uint64_t x = engine_();
  while (x >= limit) x = engine_();
  return x % n;
}

std::int64_t Random::between(std::int64_t low, std::int64_t high) {
  return low + static_cast<std::int64_t>(below(static_cast<std::uint64_t>(high - low) + 1));
}

std::size_t Random::weighted(std::span<const int> weights) {
  std::uint64_t total = 0;
  for (int w : weights) total += static_cast<std::uint64_t>(w);
  std::uint64_t x = below(total);
  for (std::size_t i = 0; i < weights.size(); ++i) {
    if (x < static_cast<std::uint64_t>(weights[i])) return i;
    x -= static_cast<std::uint64_t>(weights[i]);
  }
  return weights.size() - 1;
}

}  // namespace samsag::gen
