// The parsers' bad-input corpora through the running adapters: every bad record lands on the
// dead-letter topic with its expected reason, field and origin, and with its CPR numbers masked;
// HTTP sources hear 400 naming the field, 401 without a valid token, 413 over the body limit; and
// the flow goes on (a good request afterwards is accepted).
#include <gtest/gtest.h>

#include <algorithm>
#include <boost/json.hpp>
#include <fstream>
#include <iostream>
#include <map>
#include <sstream>

#include "adapter_fixture.h"
#include "core/privacy/cpr_shape.h"
#include "tests/support/http_client.h"
#include "tests/support/topic_reader.h"

namespace samsag::adapters::itest {
namespace {

namespace fs = std::filesystem;
namespace json = boost::json;
using namespace std::chrono_literals;
using samsag::testing::HttpReply;

constexpr std::uint32_t kBodyLimit = 64 * 1024;

std::vector<fs::path> corpus(const fs::path& directory, const std::string& extension) {
  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(directory)) {
    const std::string name = entry.path().filename().string();
    if (name.ends_with(extension) && !name.ends_with(".expected.json")) {
      files.push_back(entry.path());
    }
  }
  std::sort(files.begin(), files.end());
  return files;
}

// The non-empty, non-comment lines of a sidecar file.
std::vector<std::string> sidecar_lines(const fs::path& path) {
  std::vector<std::string> lines;
  std::istringstream in(read_file(path));
  std::string line;
  while (std::getline(in, line)) {
    while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) line.pop_back();
    if (!line.empty() && line.front() != '#') lines.push_back(line);
  }
  return lines;
}

std::vector<std::string> words(const std::string& line) {
  std::istringstream in(line);
  std::vector<std::string> out;
  for (std::string word; in >> word;) out.push_back(word);
  return out;
}

std::string reason_of(const samsag::v1::DeadLetter& letter) {
  const std::string name = samsag::v1::DeadLetterReason_Name(letter.reason());
  return name.substr(std::string("DEAD_LETTER_REASON_").size());
}

// What a `.reasons` sidecar says a request body must give.
struct ExpectedRequest {
  std::string body_reason;  // set: the body as a whole is refused
  std::int64_t accepted = 0;
  std::vector<std::pair<std::string, std::string>> rejections;  // reason, field; in input order
};

ExpectedRequest read_reasons(const fs::path& path) {
  ExpectedRequest expected;
  for (const auto& line : sidecar_lines(path)) {
    const auto w = words(line);
    if (w[0] == "body") expected.body_reason = w.at(1);
    if (w[0] == "accepted") expected.accepted = std::stoll(w.at(1));
    if (w[0] == "rejected") expected.rejections.emplace_back(w.at(2), w.size() > 3 ? w[3] : "");
  }
  return expected;
}

// One posted request and what came back.
struct Posted {
  fs::path file;
  ExpectedRequest expected;
  HttpReply reply;
  std::string request_id;
};

class AdapterBadInputTest : public ::testing::Test {
 protected:
  void SetUp() override {
    fs::create_directories(scratch_.path() / "deployment");
    env_ = std::make_unique<BrokerWithDeployment>(AdapterDeploymentOptions{
        .directory = scratch_.path() / "deployment", .max_body_bytes = kBodyLimit});
    for (const char* name : {"employment", "social", "health", "region"}) {
      adapters_[name] = env_->start_adapter(name);
    }
  }

  void TearDown() override {
    if (HasFailure()) {
      for (const auto& [name, adapter] : adapters_) print_log(*adapter, name);
    }
  }

  HttpReply post(const std::string& adapter, const std::string& path, const std::string& body,
                 const std::string& token) {
    return samsag::testing::http_post(
        env_->deployment().http_port(adapter), path, body, token,
        adapter == "social" ? "application/json" : "application/fhir+json");
  }

  std::vector<Posted> post_corpus(const std::string& adapter, const fs::path& directory,
                                  const std::string& path) {
    std::vector<Posted> posted;
    for (const auto& file : corpus(directory, ".json")) {
      Posted one{file, read_reasons(fs::path(file).replace_extension(".reasons")), {}, {}};
      one.reply = post(adapter, path, read_file(file), AdapterDeployment::token(adapter));
      one.request_id = one.reply.header("X-Request-Id").value_or("");
      posted.push_back(std::move(one));
    }
    return posted;
  }

  samsag::testing::ScratchDirectory scratch_{"samsag-adapter-bad"};
  std::unique_ptr<BrokerWithDeployment> env_;
  std::map<std::string, std::unique_ptr<AdapterProcess>> adapters_;
};

// The answer to a bad body names the first problem: its reason code and its field.
void expect_answer(const Posted& posted, bool fhir) {
  SCOPED_TRACE(posted.file.filename().string());
  const auto& expected = posted.expected;
  const bool refused = !expected.body_reason.empty() || !expected.rejections.empty();
  ASSERT_EQ(posted.reply.status, refused ? 400 : 202) << posted.reply.error << posted.reply.body;
  EXPECT_FALSE(posted.request_id.empty()) << "no X-Request-Id";
  const json::value body = json::parse(posted.reply.body);
  if (!refused) {
    EXPECT_EQ(body.at("accepted").to_number<std::int64_t>(), expected.accepted);
    return;
  }
  const std::string reason =
      expected.body_reason.empty() ? expected.rejections.front().first : expected.body_reason;
  const std::string field = expected.body_reason.empty() ? expected.rejections.front().second : "";
  if (fhir) {
    EXPECT_EQ(body.at("resourceType").as_string(), "OperationOutcome");
    const auto& issue = body.at("issue").at(0);
    EXPECT_EQ(issue.at("severity").as_string(), "error");
    EXPECT_FALSE(issue.at("diagnostics").as_string().empty());
    if (!field.empty()) {
      const std::string expression(issue.at("expression").at(0).as_string());
      EXPECT_TRUE(expression.ends_with(field)) << expression << " does not name " << field;
    }
  } else {
    const auto& error = body.at("error");
    EXPECT_EQ(error.at("code").as_string(), reason);
    EXPECT_FALSE(error.at("message").as_string().empty());
    EXPECT_EQ(error.at("request_id").as_string(), posted.request_id);
    if (!field.empty()) {
      EXPECT_EQ(error.at("field").as_string(), field);
    }
  }
  EXPECT_FALSE(samsag::privacy::contains_cpr_shaped(posted.reply.body)) << "the answer has one";
}

// The request's dead letters, as "REASON FIELD" lines (sorted: unkeyed dead letters spread over
// the partitions, so their order is not kept).
std::vector<std::string> letters_of(const std::vector<samsag::v1::DeadLetter>& letters,
                                    const Posted& posted, bool body_only) {
  std::vector<std::string> lines;
  for (const auto& letter : letters) {
    if (letter.origin().request_id() != posted.request_id) continue;
    lines.push_back(reason_of(letter) + (body_only ? "" : " " + letter.field()));
  }
  std::sort(lines.begin(), lines.end());
  return lines;
}

std::vector<std::string> expected_letters(const ExpectedRequest& expected) {
  std::vector<std::string> lines;
  if (!expected.body_reason.empty()) return {expected.body_reason};
  lines.reserve(expected.rejections.size());
  for (const auto& [reason, field] : expected.rejections) {
    lines.push_back(reason);
    lines.back().append(" ").append(field);
  }
  std::sort(lines.begin(), lines.end());
  return lines;
}

TEST_F(AdapterBadInputTest, EveryBadRecordBecomesADeadLetterAndGoodOnesStillFlow) {
  // Employment: every file of the corpus, dropped by the pick-up rule.
  const auto csv_files = corpus(test_data("employment/bad"), ".csv");
  ASSERT_GE(csv_files.size(), 10U);
  for (const auto& file : csv_files) {
    samsag::testing::drop_into_spool(file, env_->deployment().spool_directory());
  }
  // Social and FHIR: every body of the corpora, posted with the token.
  const auto social = post_corpus("social", test_data("social/bad"), "/v1/events");
  const auto health = post_corpus("health", test_data("fhir/bad/health"), "/fhir");
  const auto region = post_corpus("region", test_data("fhir/bad/region"), "/fhir");
  for (const auto& posted : social) expect_answer(posted, false);
  for (const auto& posted : health) expect_answer(posted, true);
  for (const auto& posted : region) expect_answer(posted, true);

  // No token, a wrong token: 401 and nothing published.
  const std::string good_social = read_file(test_data("social/golden/format_batch_example.json"));
  for (const std::string token : {"", "not-the-token"}) {
    const auto reply = post("social", "/v1/events", good_social, token);
    EXPECT_EQ(reply.status, 401) << "token '" << token << "'";
    EXPECT_EQ(reply.header("WWW-Authenticate"), "Bearer");
    EXPECT_EQ(json::parse(reply.body).at("error").at("code").as_string(), "UNAUTHENTICATED");
    const auto fhir = post("health", "/fhir/Bundle", "{}", token);
    EXPECT_EQ(fhir.status, 401);
    EXPECT_EQ(json::parse(fhir.body).at("issue").at(0).at("code").as_string(), "login");
  }
  // Over the body limit: 413 before the body is read.
  EXPECT_EQ(post("social", "/v1/events", std::string(kBodyLimit + 1, ' '),
                 AdapterDeployment::token("social"))
                .status,
            413);
  EXPECT_EQ(post("health", "/fhir/Bundle", std::string(kBodyLimit + 1, ' '),
                 AdapterDeployment::token("health"))
                .status,
            413);
  // The flow goes on: good requests afterwards are accepted.
  const auto good = post("social", "/v1/events", good_social, AdapterDeployment::token("social"));
  ASSERT_EQ(good.status, 202) << good.body;
  const auto good_health =
      post("health", "/fhir/Bundle",
           read_file(test_data("fhir/golden/health/home_care_and_courses.json")),
           AdapterDeployment::token("health"));
  ASSERT_EQ(good_health.status, 202) << good_health.body;

  ASSERT_TRUE(adapters_["employment"]->wait_for_logs("spool file processed", csv_files.size(), 60s))
      << "not every bad file was processed";

  const auto letters = read_dead_letters(env_->bootstrap(), env_->deployment().topic("dlq"));
  std::size_t expected_total = 0;

  // Employment: one dead letter per bad line, at its file and line, with reason and field.
  std::int64_t employment_ok = 0;
  std::map<std::pair<std::string, std::uint64_t>, const samsag::v1::DeadLetter*> by_line;
  for (const auto& letter : letters) {
    if (letter.origin().component() != "adapter employment") continue;
    EXPECT_EQ(letter.origin().source_system(), AdapterDeployment::source_system("employment"));
    const auto key = std::make_pair(letter.origin().file(), letter.origin().line());
    EXPECT_TRUE(by_line.emplace(key, &letter).second)
        << "two dead letters for " << key.first << ":" << key.second;
  }
  for (const auto& file : csv_files) {
    const std::string name = file.filename().string();
    for (const auto& line : sidecar_lines(fs::path(file).replace_extension(".expected"))) {
      const auto w = words(line);
      const std::uint64_t number = std::stoull(w.at(0));
      const auto found = by_line.find({name, number});
      if (w.at(1) == "OK") {
        ++employment_ok;
        EXPECT_EQ(found, by_line.end()) << name << ":" << number << " is good but dead-lettered";
        continue;
      }
      ++expected_total;
      if (found == by_line.end()) {
        ADD_FAILURE() << name << ":" << number << " has no dead letter (" << w[1] << ")";
        continue;
      }
      EXPECT_EQ(reason_of(*found->second), w[1]) << name << ":" << number;
      if (w.size() > 2) {
        EXPECT_EQ(found->second->field(), w[2]) << name << ":" << number;
      }
    }
  }
  EXPECT_EQ(by_line.size(), expected_total) << "dead letters the corpus does not expect";

  // HTTP: the dead letters of each request, found by the request id it was answered with.
  std::map<std::string, std::int64_t> accepted;
  for (const auto& [sector, requests] :
       {std::pair{std::string("social"), &social}, {"health", &health}, {"region", &region}}) {
    for (const auto& posted : *requests) {
      SCOPED_TRACE(posted.file.filename().string());
      const bool body_only = !posted.expected.body_reason.empty();
      EXPECT_EQ(letters_of(letters, posted, body_only), expected_letters(posted.expected));
      expected_total += expected_letters(posted.expected).size();
      accepted[sector] += posted.expected.accepted;
    }
  }
  // Nothing else: 401 and 413 leave no dead letter.
  EXPECT_EQ(letters.size(), expected_total);

  for (const auto& letter : letters) {
    SCOPED_TRACE(letter.origin().component() + " " + letter.origin().file() +
                 letter.origin().request_id() + " " + reason_of(letter) + " " + letter.field());
    // The FHIR parser keeps nothing of an entry it cannot even type (adapters/fhir/
    // fhir_request.cc: "it may be anything"); every other dead letter keeps its original.
    const bool untyped_fhir_entry =
        letter.field().ends_with(".resource") || letter.field().ends_with(".resourceType");
    if (!untyped_fhir_entry) {
      EXPECT_FALSE(letter.original().empty()) << "the original bytes are kept";
    }
    EXPECT_FALSE(samsag::privacy::contains_cpr_shaped(letter.original()))
        << "the original is masked";
    EXPECT_FALSE(samsag::privacy::contains_cpr_shaped(letter.message()));
    EXPECT_EQ(letter.municipality_code(), 751U);
    EXPECT_TRUE(letter.has_rejected_at());
    EXPECT_TRUE(letter.origin().file().empty() != letter.origin().request_id().empty())
        << "a dead letter comes from a file line or from a request";
  }

  std::cout << "[ bad      ] " << letters.size() << " dead letters (" << by_line.size() << " from "
            << csv_files.size() << " employment files, the rest from "
            << social.size() + health.size() + region.size() << " requests); " << employment_ok
            << " good employment rows\n";

  // The good records of the corpora are events; so are the good requests at the end.
  samsag::testing::TopicReader reader(env_->bootstrap());
  EXPECT_EQ(reader.count(env_->deployment().topic("employment")), employment_ok);
  EXPECT_EQ(reader.count(env_->deployment().topic("social")),
            accepted["social"] + json::parse(good.body).at("accepted").to_number<std::int64_t>());
  EXPECT_EQ(
      reader.count(env_->deployment().topic("health")),
      accepted["health"] + json::parse(good_health.body).at("accepted").to_number<std::int64_t>());
  EXPECT_EQ(reader.count(env_->deployment().topic("region")), accepted["region"]);
}

}  // namespace
}  // namespace samsag::adapters::itest
