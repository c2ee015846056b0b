#include "cli/gen/life_course.h"

#include <algorithm>
#include <array>

#include "cli/gen/course.h"
#include "cli/gen/random.h"

namespace samsag::gen {
namespace {

// Independent random streams per citizen, so that one sector's choices never shift another's.
enum Stream : std::uint64_t {
  kStreamCitizen = 1,
  kStreamEmployment,
  kStreamSocial,
  kStreamHospital,
  kStreamConsent,
  kStreamNeighbour,
  kStreamPadding,
};

Profile pick_profile(Random& rng) {
  static constexpr std::array kWeights = {24, 26, 16, 12, 8, 7, 7};
  return static_cast<Profile>(rng.weighted(kWeights));
}

}  // namespace

LifeCourseGenerator::LifeCourseGenerator(WorldSettings settings)
    : settings_(std::move(settings)), issuer_(mix64(settings_.seed ^ 0x73616d736167ULL)) {}

std::string LifeCourseGenerator::tag_for_seed(std::uint64_t seed) {
  std::uint64_t x = mix64(seed ^ 0x746167ULL);
  std::string tag;
  for (int i = 0; i < 5; ++i) {
    tag.push_back(static_cast<char>('a' + x % 26));
    x /= 26;
  }
  return tag;
}

privacy::BirthDate LifeCourseGenerator::birth_date(Random& rng, Profile profile) const {
  // Typical HOI citizens are 25 or older (domain.md §4); young people on uddannelseshjælp are
  // under 30. The synthetic scheme only has birth dates from 1960-01-02 to 2007-12-31.
  const bool young = profile == Profile::kYoungEducation;
  const auto age = rng.between(young ? 18 : 25, young ? 29 : 64);
  const Date reference = settings_.reference;
  Date birth = Date::from_ymd(reference.year() - static_cast<int>(age), reference.month(), 1)
                   .plus_days(-rng.between(0, 364));
  const Date first = Date::from_ymd(1960, 1, 2);
  const Date last = Date::from_ymd(2007, 12, 31);
  birth = std::clamp(birth, first, last);
  if (birth.month() == 1 && birth.day() == 1) birth = birth.plus_days(1);
  return {birth.year(), birth.month(), birth.day()};
}

CitizenHistory LifeCourseGenerator::citizen(std::uint64_t index,
                                            std::optional<std::uint64_t> employment_rows) {
  const std::uint64_t seed = settings_.seed;
  Random basics(derive_seed(seed, kStreamCitizen, index));
  CitizenHistory h;
  h.index = index;
  h.profile = pick_profile(basics);
  const privacy::BirthDate birth = birth_date(basics, h.profile);
  const auto sex =
      basics.percent(50) ? privacy::SyntheticSex::kFemale : privacy::SyntheticSex::kMale;
  h.cpr = issuer_.issue(birth, sex, basics.next());

  const Date reference = settings_.reference;
  const bool young = h.profile == Profile::kYoungEducation;
  const Date start = reference.plus_days(-basics.between(60, young ? 500 : 900));
  const Date hoi_start =
      std::min(start.plus_days(basics.between(30, 180)), reference.plus_days(-7));

  auto course = [&](Random& rng) {
    return Course{rng, h.profile, start, hoi_start, reference, settings_.tag, index};
  };
  Random employment(derive_seed(seed, kStreamEmployment, index));
  add_employment_history(course(employment), h);
  if (employment_rows) {
    Random padding(derive_seed(seed, kStreamPadding, index));
    fit_employment_rows(course(padding), h, *employment_rows);
  }
  Random social(derive_seed(seed, kStreamSocial, index));
  add_social_history(course(social), h);
  Random hospital(derive_seed(seed, kStreamHospital, index));
  add_hospital_and_health_history(course(hospital), h);
  Random consent(derive_seed(seed, kStreamConsent, index));
  add_consent_history(course(consent), h);
  h.patient_id = settings_.tag + ".P" + std::to_string(index);

  Random neighbour(derive_seed(seed, kStreamNeighbour, index));
  if (!h.region.empty() && neighbour.percent(5)) {
    // Someone from the neighbouring municipality in the same regional export.
    Neighbour n;
    const privacy::BirthDate their_birth = birth_date(neighbour, Profile::kSickListed);
    n.cpr = issuer_.issue(
        their_birth,
        neighbour.percent(50) ? privacy::SyntheticSex::kFemale : privacy::SyntheticSex::kMale,
        neighbour.next());
    n.patient_id = settings_.tag + ".N" + std::to_string(index);
    n.municipality_code = settings_.neighbour_municipality;
    n.region = neighbour_region_entries(course(neighbour));
    h.neighbour = std::move(n);
  }
  return h;
}

}  // namespace samsag::gen
