#include "adapters/employment/columns.h"

#include <algorithm>
#include <cctype>
#include <vector>

#include "core/privacy/cpr_shape.h"

namespace samsag::adapters::employment {
namespace {

constexpr std::array<std::string_view, kColumnCount> kNames = {"cpr",
                                                               "haendelse",
                                                               "dato",
                                                               "registrering_id",
                                                               "version",
                                                               "kildesystem",
                                                               "kommunekode",
                                                               "forloeb_id",
                                                               "maalgruppe",
                                                               "parathed",
                                                               "ydelse",
                                                               "ydelse_status",
                                                               "indsats",
                                                               "leverandoer",
                                                               "planlagt_slut",
                                                               "timer_pr_uge",
                                                               "slutaarsag",
                                                               "moedetype",
                                                               "moedetidspunkt",
                                                               "moedeform",
                                                               "beskaeftigelse",
                                                               "delvis",
                                                               "rolle",
                                                               "enhed",
                                                               "enhed_id",
                                                               "funktionel_kontakt"};

constexpr std::array<Column, 5> kMandatory = {Column::kCpr, Column::kHaendelse, Column::kDato,
                                              Column::kRegistreringId, Column::kVersion};

std::string normalised(std::string_view name) {
  while (!name.empty() && (name.front() == ' ' || name.front() == '\t')) name.remove_prefix(1);
  while (!name.empty() && (name.back() == ' ' || name.back() == '\t')) name.remove_suffix(1);
  std::string out(name);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

}  // namespace

std::string_view column_name(Column column) { return kNames[static_cast<std::size_t>(column)]; }

std::variant<Header, HeaderProblem> Header::parse(std::span<const std::string_view> names) {
  Header header;
  header.index_.fill(-1);
  header.field_count_ = names.size();
  std::vector<std::string> seen;
  seen.reserve(names.size());
  for (std::size_t i = 0; i < names.size(); ++i) {
    std::string name = normalised(names[i]);
    if (name.empty()) continue;  // an unnamed column is ignored like any unknown one
    if (std::find(seen.begin(), seen.end(), name) != seen.end()) {
      // The name travels in the dead letter's field, which is not masked downstream.
      return HeaderProblem{samsag::privacy::mask_cpr_shaped(name),
                           "the header names a column twice"};
    }
    const auto known = std::find(kNames.begin(), kNames.end(), name);
    if (known != kNames.end()) {
      header.index_[static_cast<std::size_t>(known - kNames.begin())] = static_cast<int>(i);
    }
    seen.push_back(std::move(name));
  }
  for (Column column : kMandatory) {
    if (header.index_[static_cast<std::size_t>(column)] < 0) {
      return HeaderProblem{std::string(column_name(column)), "the header lacks a mandatory column"};
    }
  }
  return header;
}

}  // namespace samsag::adapters::employment
