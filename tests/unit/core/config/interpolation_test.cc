#include "core/config/interpolation.h"

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>

namespace samsag::config {
namespace {

class Interpolation : public testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("samsag-interpolation-" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir_ / "secrets");
    unsetenv("SAMSAG_TEST_VALUE");
  }
  void TearDown() override {
    std::filesystem::remove_all(dir_);
    unsetenv("SAMSAG_TEST_VALUE");
  }
  void write(const std::string& name, const std::string& contents) {
    std::ofstream(dir_ / name, std::ios::binary) << contents;
  }
  std::filesystem::path dir_;
};

TEST_F(Interpolation, LeavesTextWithoutReferencesAlone) {
  EXPECT_EQ(*interpolate("127.0.0.1:9092 costs $5", dir_), "127.0.0.1:9092 costs $5");
}

TEST_F(Interpolation, ReplacesASetEnvironmentVariable) {
  setenv("SAMSAG_TEST_VALUE", "kafka-1:9093", 1);
  EXPECT_EQ(*interpolate("${env:SAMSAG_TEST_VALUE}", dir_), "kafka-1:9093");
  EXPECT_EQ(*interpolate("${env:SAMSAG_TEST_VALUE:-ignored}/x", dir_), "kafka-1:9093/x");
}

TEST_F(Interpolation, UsesTheDefaultWhenTheVariableIsUnsetOrEmpty) {
  EXPECT_EQ(*interpolate("${env:SAMSAG_TEST_VALUE:-/tmp/samsag-demo}/spool", dir_),
            "/tmp/samsag-demo/spool");
  setenv("SAMSAG_TEST_VALUE", "", 1);
  EXPECT_EQ(*interpolate("${env:SAMSAG_TEST_VALUE:-fallback}", dir_), "fallback");
  EXPECT_EQ(*interpolate("${env:SAMSAG_TEST_VALUE:-}", dir_), "");
}

TEST_F(Interpolation, RejectsAnUnsetVariableWithoutDefault) {
  const auto text = interpolate("${env:SAMSAG_TEST_VALUE}", dir_);
  ASSERT_FALSE(text.ok());
  EXPECT_EQ(text.error().code, "UNSET_VARIABLE");
  EXPECT_EQ(text.error().message,
            "environment variable SAMSAG_TEST_VALUE is not set (write "
            "${env:SAMSAG_TEST_VALUE:-default} to give a default)");
}

TEST_F(Interpolation, ReadsAFileRelativeToTheBaseDirectoryWithoutTrailingNewlines) {
  write("secrets/token", "s3cr3t\r\n\n");
  EXPECT_EQ(*interpolate("${file:secrets/token}", dir_), "s3cr3t");
  EXPECT_EQ(*interpolate("Bearer ${file:" + (dir_ / "secrets/token").string() + "}", "/"),
            "Bearer s3cr3t");
}

TEST_F(Interpolation, RejectsAnUnreadableFileNamingItButNotItsContents) {
  const auto text = interpolate("${file:secrets/missing}", dir_);
  ASSERT_FALSE(text.ok());
  EXPECT_EQ(text.error().code, "UNREADABLE_FILE");
  EXPECT_NE(text.error().message.find((dir_ / "secrets/missing").string()), std::string::npos);
  EXPECT_NE(text.error().message.find("No such file or directory"), std::string::npos);
}

TEST_F(Interpolation, ReadsAFileOfExactly64KiB) {
  write("secrets/limit", std::string(kMaxReferencedFileSize, 'x'));
  const auto text = interpolate("${file:secrets/limit}", dir_);
  ASSERT_TRUE(text.ok()) << text.error().message;
  EXPECT_EQ(text->size(), kMaxReferencedFileSize);
}

TEST_F(Interpolation, RejectsAFileLargerThan64KiB) {
  write("secrets/big", std::string(kMaxReferencedFileSize + 1, 'x'));
  const auto text = interpolate("${file:secrets/big}", dir_);
  ASSERT_FALSE(text.ok());
  EXPECT_EQ(text.error().code, "FILE_TOO_LARGE");
  EXPECT_NE(text.error().message.find("secrets/big"), std::string::npos);
  EXPECT_EQ(text.error().message.find("xxxx"), std::string::npos);
}

TEST_F(Interpolation, RefusesAFifoADeviceAndADirectoryWithoutBlocking) {
  ASSERT_EQ(::mkfifo((dir_ / "secrets/fifo").c_str(), 0600), 0);
  for (const std::string& path :
       {std::string("secrets/fifo"), std::string("/dev/zero"), std::string("secrets")}) {
    const auto text = interpolate("${file:" + path + "}", dir_);
    ASSERT_FALSE(text.ok()) << path;
    EXPECT_EQ(text.error().code, "NOT_A_REGULAR_FILE") << path;
    EXPECT_NE(text.error().message.find(path), std::string::npos) << text.error().message;
  }
}

TEST_F(Interpolation, TreatsDoubleDollarAsALiteralReference) {
  EXPECT_EQ(*interpolate("$${env:HOME}", dir_), "${env:HOME}");
}

TEST_F(Interpolation, RejectsUnknownAndUnterminatedReferences) {
  EXPECT_EQ(interpolate("${vault:x}", dir_).error().code, "BAD_REFERENCE");
  EXPECT_EQ(interpolate("${env:X", dir_).error().code, "BAD_REFERENCE");
  EXPECT_EQ(interpolate("${env:not-a-name}", dir_).error().code, "BAD_REFERENCE");
  EXPECT_EQ(interpolate("${file:}", dir_).error().code, "BAD_REFERENCE");
}

}  // namespace
}  // namespace samsag::config
