#include "cli/gen/generator.h"

#include <array>
#include <system_error>

#include "cli/gen/consent_jsonl.h"
#include "cli/gen/employment_csv.h"
#include "cli/gen/fhir_bundles.h"
#include "cli/gen/life_course.h"
#include "cli/gen/manifest.h"
#include "cli/gen/social_json.h"

namespace samsag::gen {
namespace {

namespace fs = std::filesystem;

// File sizes that keep every request under the adapters' default 1 MiB body limit and every
// export file easy to handle.
constexpr std::uint64_t kSocialEventsPerRequest = 250;
constexpr std::uint64_t kCitizensPerBundle = 10;

constexpr std::array<const char*, 7> kOutputs = {
    "employment", "social", "health", "region", "consent", "citizens.csv", "manifest.json"};

// The neighbouring municipality whose citizens also appear in the region's export: another
// municipality of the same region where we know one, else Aarhus or Randers.
int neighbour_of(int municipality) {
  switch (municipality) {
    case 101:
      return 147;  // København -> Frederiksberg
    case 461:
      return 479;  // Odense -> Svendborg
    case 851:
      return 860;  // Aalborg -> Hjørring
    case 561:
      return 573;  // Esbjerg -> Varde
    case 730:
      return 751;  // Randers -> Aarhus
    default:
      return municipality == 751 ? 730 : 751;
  }
}

Status prepare_output(const GenOptions& options) {
  std::error_code error;
  fs::create_directories(options.out, error);
  if (error) {
    return make_error("GEN_WRITE_FAILED", "cannot create " + options.out.string());
  }
  const bool empty = fs::is_empty(options.out, error);
  if (error) return make_error("GEN_WRITE_FAILED", "cannot read " + options.out.string());
  if (!empty) {
    if (!options.force) {
      return make_error("GEN_OUTPUT_NOT_EMPTY",
                        options.out.string() +
                            " is not empty; choose an empty directory or pass --force to replace "
                            "an earlier run's output");
    }
    for (const char* name : kOutputs) {
      fs::remove_all(options.out / name, error);
      if (error)
        return make_error("GEN_WRITE_FAILED", "cannot remove " + (options.out / name).string());
    }
  }
  for (const char* sector : {"employment", "social", "health", "region", "consent"}) {
    fs::create_directories(options.out / sector, error);
    if (error)
      return make_error("GEN_WRITE_FAILED", "cannot create " + (options.out / sector).string());
  }
  return ok_status();
}

Status validate(const GenOptions& options) {
  if (options.citizens == 0) {
    return make_error("GEN_INVALID_OPTION", "--citizens must be at least 1");
  }
  if (options.citizens > 5'000'000) {
    return make_error("GEN_INVALID_OPTION",
                      "--citizens is limited to 5000000 (the synthetic CPR scheme's capacity)");
  }
  if (options.municipality_code < 101 || options.municipality_code > 860) {
    return make_error("GEN_INVALID_OPTION", "--municipality-code must be between 101 and 860");
  }
  const int year = options.reference_date.year();
  if (year < 1990 || year > 2060) {
    return make_error("GEN_INVALID_OPTION", "--reference-date must be between 1990 and 2060");
  }
  if (options.employment_rows_per_file == 0) {
    return make_error("GEN_INVALID_OPTION", "employment rows per file must be at least 1");
  }
  if (options.out.empty()) return make_error("GEN_INVALID_OPTION", "--out is required");
  return ok_status();
}

Status first_error(std::initializer_list<Status> statuses) {
  for (const Status& s : statuses) {
    if (!s.ok()) return s;
  }
  return ok_status();
}

}  // namespace

Result<GenSummary> generate(const GenOptions& options) {
  if (Status s = validate(options); !s.ok()) return s.error();
  if (Status s = prepare_output(options); !s.ok()) return s.error();

  Manifest manifest;
  manifest.seed = options.seed;
  manifest.citizens = options.citizens;
  manifest.reference_date = options.reference_date.iso();
  manifest.municipality_code = options.municipality_code;
  manifest.neighbour_municipality_code = neighbour_of(options.municipality_code);
  manifest.tag = LifeCourseGenerator::tag_for_seed(options.seed);
  manifest.employment_rows = options.employment_rows;

  LifeCourseGenerator generator(
      {options.seed, options.reference_date, manifest.neighbour_municipality_code, manifest.tag});
  EmploymentCsvWriter employment(options.out / "employment", manifest.tag,
                                 options.municipality_code, options.employment_rows_per_file,
                                 manifest.employment);
  SocialJsonWriter social(options.out / "social", manifest.tag, options.municipality_code,
                          kSocialEventsPerRequest, manifest.social);
  FhirBundleWriter health(options.out / "health", manifest.tag, FhirBundleWriter::Sector::kHealth,
                          options.municipality_code, kCitizensPerBundle, manifest.health);
  FhirBundleWriter region(options.out / "region", manifest.tag, FhirBundleWriter::Sector::kRegion,
                          options.municipality_code, kCitizensPerBundle, manifest.region);
  ConsentJsonlWriter consent(options.out / "consent", manifest.consent);
  CitizenListWriter citizens(options.out);

  for (std::uint64_t i = 0; i < options.citizens; ++i) {
    std::optional<std::uint64_t> rows;
    if (options.employment_rows) {
      rows = *options.employment_rows / options.citizens +
             (i < *options.employment_rows % options.citizens ? 1 : 0);
    }
    const CitizenHistory history = generator.citizen(i, rows);
    if (Status s = first_error({employment.write(history), social.write(history),
                                health.write(history), region.write(history)});
        !s.ok()) {
      return s.error();
    }
    consent.write(history);
    citizens.write(history);
  }
  if (Status s = first_error({employment.finish(), social.finish(), health.finish(),
                              region.finish(), consent.finish(), citizens.finish()});
      !s.ok()) {
    return s.error();
  }
  // The manifest comes last: its presence says the run is complete.
  OutputFile manifest_file(options.out, "manifest.json");
  manifest_file.write(manifest.to_json());
  if (Status s = manifest_file.commit(); !s.ok()) return s.error();

  return GenSummary{options.citizens,        manifest.employment.records, manifest.social.records,
                    manifest.health.records, manifest.region.records,     manifest.consent.records};
}

}  // namespace samsag::gen
