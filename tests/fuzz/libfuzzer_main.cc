// The libFuzzer entry point of one target; SAMSAG_FUZZ_ENTRY names its function in fuzz_inputs.h.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "tests/fuzz/fuzz_inputs.h"

#ifndef SAMSAG_FUZZ_ENTRY
#error "SAMSAG_FUZZ_ENTRY names the function of fuzz_inputs.h this executable fuzzes"
#endif

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  samsag::fuzz::SAMSAG_FUZZ_ENTRY(std::string_view(reinterpret_cast<const char*>(data), size));
  return 0;
}
