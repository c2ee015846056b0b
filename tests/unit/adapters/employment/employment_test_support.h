// Helpers for the employment adapter tests: settings with the project's default target-group
// mapping, reading a whole export from text or a file, and rendering records for golden files.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "adapters/employment/export_reader.h"
#include "adapters/employment/row_mapper.h"

namespace samsag::adapters::employment::testing {

// Municipality 751 (Aarhus) and the default mapping of FORMAT.md §6.
MappingSettings default_settings();

std::vector<ExportRow> read_export(const std::string& text, const MappingSettings& settings,
                                   const std::string& file_name = "test.csv");

std::string read_file(const std::filesystem::path& path);

// One accepted record as a JSON line: line, record id and version, source system, the CPR
// masked, occurred_at and the payload in protobuf JSON. No clear CPR ever appears in it.
std::string record_json(const ExportRow& row);

// The directory of the employment test data.
std::filesystem::path data_directory();

}  // namespace samsag::adapters::employment::testing
