#include <sstream>
#include <string>
#include <variant>

#include "adapters/employment/export_reader.h"
#include "adapters/employment/row_mapper.h"
#include "core/privacy/cpr_shape.h"
#include "tests/fuzz/fuzz_inputs.h"

namespace samsag::fuzz {
namespace {

using adapters::Rejection;
using adapters::employment::ExportReader;
using adapters::employment::ExportRow;
using adapters::employment::MappingSettings;
using adapters::employment::RowMapper;

const RowMapper& mapper() {
  static const RowMapper kMapper([] {
    MappingSettings settings;
    settings.municipality_code = 751;
    settings.target_groups = {{"dagpengemodtager", v1::TARGET_GROUP_INSURED_UNEMPLOYED},
                              {"sygedagpengemodtager", v1::TARGET_GROUP_SICK},
                              {"fleksjobansat", v1::TARGET_GROUP_FLEX_JOB}};
    return settings;
  }());
  return kMapper;
}

}  // namespace

void employment_csv(std::string_view input) {
  std::istringstream in{std::string(input)};
  ExportReader reader(in, "fuzz.csv", mapper());
  ExportRow row;
  std::uint64_t previous_end = 0;
  while (reader.next(row)) {
    // Rows move forward through the file; a checkpoint after one never points back.
    fuzz_check(row.end_offset >= previous_end && row.end_offset <= input.size(),
               "row offsets move forward within the file");
    previous_end = row.end_offset;
    if (const auto* rejection = std::get_if<Rejection>(&row.record)) {
      fuzz_check(!rejection->message.empty(), "a rejection says why");
      // FORMAT.md: a dead letter's sentence and field name never carry a CPR number.
      fuzz_check(!privacy::contains_cpr_shaped(rejection->message + " " + rejection->field),
                 "a rejection's message and field carry no CPR-shaped number");
    }
  }
  // csv_reader.h: memory stays constant whatever the file; generous for a row of 32k fields.
  fuzz_check(reader.csv().buffered_capacity() <= std::size_t{4} * 1024 * 1024,
             "the reader's memory stays bounded");
}

}  // namespace samsag::fuzz
