#include "core/privacy/pseudonymiser.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <optional>
#include <regex>
#include <string>
#include <thread>
#include <vector>

namespace samsag::privacy {
namespace {

constexpr const char* kKey32 = "0123456789abcdef0123456789abcdef";
constexpr const char* kKey40 = "samsag-test-key-which-is-long-enough-40b";

// Expected values computed independently when the test was written:
//   printf '0201609995' | openssl dgst -sha256 -hmac '0123456789abcdef0123456789abcdef'
//   printf '0101901234' | openssl dgst -sha256 -hmac 'samsag-test-key-which-is-long-enough-40b'
constexpr const char* kExpected0201609995 = "yaqn5rc3venhpp6gu625iemz3a2wdyjc7qmmolp7iwpjui2v7ibq";
constexpr const char* kExpected0101901234 = "oa5ipz2qqolux3v3dvavkyoujfaglhaqc4jo5dnq7qiznlktfpoq";

Cpr cpr(const char* text) { return Cpr::parse(text).value(); }

class KeyFile {
 public:
  explicit KeyFile(const std::string& content)
      : path_(std::filesystem::temp_directory_path() /
              ("samsag-key-" + std::to_string(::getpid()) + "-" + std::to_string(counter_++))) {
    std::ofstream(path_, std::ios::binary) << content;
  }
  ~KeyFile() { std::filesystem::remove(path_); }
  std::string path() const { return path_.string(); }

 private:
  static inline int counter_ = 0;
  std::filesystem::path path_;
};

TEST(Pseudonymiser, MatchesIndependentlyComputedHmacSha256) {
  const auto p32 = Pseudonymiser::from_key(kKey32, "k1");
  ASSERT_TRUE(p32.ok());
  EXPECT_EQ(p32->pseudonym(cpr("0201609995")), std::string("k1:") + kExpected0201609995);

  const auto p40 = Pseudonymiser::from_key(kKey40, "2025-01");
  ASSERT_TRUE(p40.ok());
  EXPECT_EQ(p40->pseudonym(cpr("0101901234")), std::string("2025-01:") + kExpected0101901234);
}

TEST(Pseudonymiser, UsesTheNormalisedNumber) {
  const auto p = Pseudonymiser::from_key(kKey32, "k1");
  ASSERT_TRUE(p.ok());
  EXPECT_EQ(p->pseudonym(cpr("020160-9995")), p->pseudonym(cpr("0201609995")));
}

TEST(Pseudonymiser, IsKeyVersionColonAnd52LowercaseBase32Characters) {
  const auto p = Pseudonymiser::from_key(kKey32, "k7");
  ASSERT_TRUE(p.ok());
  EXPECT_TRUE(std::regex_match(p->pseudonym(cpr("0504909995")), std::regex("k7:[a-z2-7]{52}")));
  EXPECT_EQ(p->key_version(), "k7");
}

TEST(Pseudonymiser, DifferentKeysGiveDifferentPseudonyms) {
  const auto a = Pseudonymiser::from_key(kKey32, "k1");
  const auto b = Pseudonymiser::from_key(std::string(kKey32) + "x", "k1");
  ASSERT_TRUE(a.ok());
  ASSERT_TRUE(b.ok());
  EXPECT_NE(a->pseudonym(cpr("0201609995")), b->pseudonym(cpr("0201609995")));
}

TEST(Pseudonymiser, DifferentCitizensGetDifferentPseudonyms) {
  const auto p = Pseudonymiser::from_key(kKey32, "k1");
  ASSERT_TRUE(p.ok());
  EXPECT_NE(p->pseudonym(cpr("0201609995")), p->pseudonym(cpr("0201609996")));
}

TEST(Pseudonymiser, RejectsAKeyShorterThan32Bytes) {
  const auto p = Pseudonymiser::from_key(std::string(kKey32).substr(0, 31), "k1");
  ASSERT_FALSE(p.ok());
  EXPECT_EQ(p.error().code, "KEY_TOO_SHORT");
  EXPECT_EQ(p.error().message.find("0123456789abcdef012345678"), std::string::npos);
}

TEST(Pseudonymiser, AcceptsExactly32Bytes) {
  EXPECT_TRUE(Pseudonymiser::from_key(kKey32, "k1").ok());
}

TEST(Pseudonymiser, RejectsInvalidKeyVersions) {
  for (const char* version : {"", "k:1", "k 1", "seventeen-chars-x", "k/1", "æ"}) {
    const auto p = Pseudonymiser::from_key(kKey32, version);
    ASSERT_FALSE(p.ok()) << version;
    EXPECT_EQ(p.error().code, "INVALID_KEY_VERSION");
  }
  EXPECT_TRUE(Pseudonymiser::from_key(kKey32, "sixteen-chars-xy").ok());
}

TEST(Pseudonymiser, ReadsTheKeyFileAndStripsTheTrailingNewline) {
  const auto in_memory = Pseudonymiser::from_key(kKey32, "k1");
  ASSERT_TRUE(in_memory.ok());
  for (const std::string suffix : {"", "\n", "\r\n", "\n\n"}) {
    KeyFile file(kKey32 + suffix);
    const auto from_file = Pseudonymiser::from_key_file(file.path(), "k1");
    ASSERT_TRUE(from_file.ok());
    EXPECT_EQ(from_file->pseudonym(cpr("0201609995")), in_memory->pseudonym(cpr("0201609995")));
  }
}

TEST(Pseudonymiser, KeyFileOf31BytesPlusNewlineIsTooShort) {
  KeyFile file(std::string(kKey32).substr(0, 31) + "\n");
  const auto p = Pseudonymiser::from_key_file(file.path(), "k1");
  ASSERT_FALSE(p.ok());
  EXPECT_EQ(p.error().code, "KEY_TOO_SHORT");
}

TEST(Pseudonymiser, ReportsAMissingKeyFile) {
  const auto p = Pseudonymiser::from_key_file("/nonexistent/samsag/key", "k1");
  ASSERT_FALSE(p.ok());
  EXPECT_EQ(p.error().code, "KEY_FILE_UNREADABLE");
}

TEST(Pseudonymiser, KeyFileWithInvalidVersionIsRefused) {
  KeyFile file(kKey32);
  const auto p = Pseudonymiser::from_key_file(file.path(), "k:1");
  ASSERT_FALSE(p.ok());
  EXPECT_EQ(p.error().code, "INVALID_KEY_VERSION");
}

TEST(Pseudonymiser, GivesTheSameAnswerFromSeveralThreads) {
  const auto p = Pseudonymiser::from_key(kKey32, "k1");
  ASSERT_TRUE(p.ok());
  const Pseudonymiser& shared = p.value();
  std::vector<std::string> results(4);
  std::vector<std::thread> threads;
  threads.reserve(results.size());
  for (std::string& result : results) {
    threads.emplace_back([&shared, &result] {
      for (int i = 0; i < 500; ++i) result = shared.pseudonym(cpr("0201609995"));
    });
  }
  for (auto& thread : threads) thread.join();
  for (const auto& result : results) {
    EXPECT_EQ(result, std::string("k1:") + kExpected0201609995);
  }
}

// Each thread reuses one HMAC context per key: switching keys, and a key made after another was
// freed (possibly at the same address), must each give that key's own answer.
TEST(Pseudonymiser, AlternatingAndReplacedKeysEachGiveTheirOwnPseudonym) {
  const auto p32 = Pseudonymiser::from_key(kKey32, "k1");
  const auto p40 = Pseudonymiser::from_key(kKey40, "k2");
  ASSERT_TRUE(p32.ok());
  ASSERT_TRUE(p40.ok());
  for (int i = 0; i < 3; ++i) {
    EXPECT_EQ(p32->pseudonym(cpr("0201609995")), std::string("k1:") + kExpected0201609995);
    EXPECT_EQ(p40->pseudonym(cpr("0101901234")), std::string("k2:") + kExpected0101901234);
  }
  for (int i = 0; i < 3; ++i) {
    const auto key = Pseudonymiser::from_key(i % 2 == 0 ? kKey32 : kKey40, "k3");
    ASSERT_TRUE(key.ok());
    EXPECT_EQ(key->pseudonym(cpr(i % 2 == 0 ? "0201609995" : "0101901234")),
              std::string("k3:") + (i % 2 == 0 ? kExpected0201609995 : kExpected0101901234));
  }
}

TEST(Pseudonymiser, ACopyOutlivesTheOriginal) {
  std::optional<Pseudonymiser> copy;
  {
    const auto original = Pseudonymiser::from_key(kKey32, "k1");
    ASSERT_TRUE(original.ok());
    copy.emplace(original.value());
  }
  EXPECT_EQ(copy->pseudonym(cpr("0201609995")), std::string("k1:") + kExpected0201609995);
}

}  // namespace
}  // namespace samsag::privacy
