// The columns of the employment CSV (FORMAT.md §4) and the header that says where each one is.
// Columns are found by name, so their order is free and unknown columns are ignored.
#pragma once

#include <array>
#include <cstddef>
#include <span>
#include <string>
#include <string_view>
#include <variant>

namespace samsag::adapters::employment {

enum class Column {
  kCpr,
  kHaendelse,
  kDato,
  kRegistreringId,
  kVersion,
  kKildesystem,
  kKommunekode,
  kForloebId,
  kMaalgruppe,
  kParathed,
  kYdelse,
  kYdelseStatus,
  kIndsats,
  kLeverandoer,
  kPlanlagtSlut,
  kTimerPrUge,
  kSlutaarsag,
  kMoedetype,
  kMoedetidspunkt,
  kMoedeform,
  kBeskaeftigelse,
  kDelvis,
  kRolle,
  kEnhed,
  kEnhedId,
  kFunktionelKontakt,
};
inline constexpr std::size_t kColumnCount =
    static_cast<std::size_t>(Column::kFunktionelKontakt) + 1;

// The column's name as FORMAT.md writes it (lower case), e.g. "registrering_id".
std::string_view column_name(Column column);

// Why a header cannot be used; the whole file is then one UNPARSEABLE dead letter.
struct HeaderProblem {
  std::string column;   // the missing or repeated column
  std::string message;  // one sentence
};

class Header {
 public:
  // Needs cpr, haendelse, dato, registrering_id and version; rejects a name given twice.
  static std::variant<Header, HeaderProblem> parse(std::span<const std::string_view> names);

  // Every row must have exactly this many fields.
  std::size_t field_count() const { return field_count_; }

  // The column's value in `fields` (a row of field_count() fields); empty when the file has no
  // such column.
  std::string_view value(std::span<const std::string_view> fields, Column column) const {
    const int index = index_[static_cast<std::size_t>(column)];
    return index < 0 ? std::string_view() : fields[static_cast<std::size_t>(index)];
  }

 private:
  std::array<int, kColumnCount> index_{};
  std::size_t field_count_ = 0;
};

}  // namespace samsag::adapters::employment
