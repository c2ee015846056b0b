// Reading the value types of FORMAT.md §3 from one CSV field. Each function answers nullopt or
// false for a value that is not of its type; the row mapper turns that into the row's reason.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>

#include "adapters/employment/copenhagen_time.h"

namespace samsag::adapters::employment {

// `YYYY-MM-DD` or `DD-MM-YYYY`; nullopt for another form or a date that does not exist.
std::optional<CivilDate> parse_date(std::string_view text);

// `YYYY-MM-DD HH:MM`, `YYYY-MM-DDTHH:MM` or `DD-MM-YYYY HH:MM`, each optionally with `:SS`.
std::optional<LocalDateTime> parse_local_date_time(std::string_view text);

// ASCII digits only (no sign), at most 18 of them.
std::optional<std::uint64_t> parse_unsigned(std::string_view text);

// Digits with an optional decimal comma or point and digits after it (`12,5`, `12.5`, `12`).
std::optional<double> parse_decimal(std::string_view text);

// `ja`/`nej`, `true`/`false`, `1`/`0`, case-insensitive.
std::optional<bool> parse_yes_no(std::string_view text);

// A municipality code of 3 or 4 digits (`0751` = 751).
std::optional<std::uint32_t> parse_municipality_code(std::string_view text);

// An id (registrering_id, forloeb_id): 1-128 printable characters with no CPR-shaped number,
// because ids travel to Kafka.
bool is_valid_id(std::string_view text);

// Text of at most `max_characters` characters with no CPR-shaped number (it travels to Kafka).
bool is_valid_text(std::string_view text, std::size_t max_characters);

// A source system's name (`kildesystem`): 1-64 characters of `[A-Za-z0-9._-]`, no CPR shape.
bool is_valid_source_system(std::string_view text);

// `text` without leading and trailing spaces and tabs (quoted fields are not trimmed by the CSV
// reader, but codes are matched after trimming).
std::string_view trim(std::string_view text);

}  // namespace samsag::adapters::employment
