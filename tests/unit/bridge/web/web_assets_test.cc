// The embedded page: every file of bridge/web/ is served with the right type and its exact bytes,
// and nothing in it would break the strict CSP (script-src 'self'; style-src 'self') or fetch from
// another host.
#include "bridge/web/web_assets.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <regex>
#include <set>
#include <string>

namespace samsag::bridge::web {
namespace {

namespace fs = std::filesystem;

const fs::path kSourceDir = SAMSAG_WEB_SOURCE_DIR;

// The files of bridge/web/ that are part of the page (not its build files or C++).
std::set<std::string> page_files_on_disk() {
  static const std::set<std::string> kBuildFiles = {"CMakeLists.txt", "embed_assets.cmake",
                                                    "web_assets.h", "web_assets.cc", "README.md"};
  std::set<std::string> names;
  for (const auto& entry : fs::directory_iterator(kSourceDir)) {
    const std::string name = entry.path().filename().string();
    if (entry.is_regular_file() && !kBuildFiles.contains(name)) {
      names.insert(name);
    }
  }
  return names;
}

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

bool is_text(const Asset& asset) { return asset.content_type.starts_with("text/"); }

bool is_html(const Asset& asset) { return asset.content_type.starts_with("text/html"); }

TEST(WebAssetsTest, EveryPageFileOnDiskIsEmbeddedWithItsExactBytes) {
  const auto names = page_files_on_disk();
  ASSERT_FALSE(names.empty());
  for (const auto& name : names) {
    const Asset* asset = find_asset("/" + name);
    ASSERT_NE(asset, nullptr) << name << " is in bridge/web/ but not in its CMakeLists.txt";
    EXPECT_EQ(asset->body, read_file(kSourceDir / name)) << name;
  }
  EXPECT_EQ(all_assets().size(), names.size());
}

TEST(WebAssetsTest, EveryListedAssetIsFoundByItsPath) {
  for (const Asset& asset : all_assets()) {
    ASSERT_TRUE(asset.path.starts_with("/")) << asset.path;
    EXPECT_EQ(find_asset(asset.path), &asset) << asset.path;
    EXPECT_FALSE(asset.body.empty()) << asset.path;
  }
}

TEST(WebAssetsTest, RootServesIndexHtml) {
  const Asset* root = find_asset("/");
  ASSERT_NE(root, nullptr);
  EXPECT_EQ(root, find_asset("/index.html"));
  EXPECT_EQ(root->content_type, "text/html; charset=utf-8");
}

TEST(WebAssetsTest, ContentTypesFollowTheExtension) {
  EXPECT_EQ(find_asset("/app.js")->content_type, "text/javascript; charset=utf-8");
  EXPECT_EQ(find_asset("/style.css")->content_type, "text/css; charset=utf-8");
  EXPECT_EQ(find_asset("/favicon.png")->content_type, "image/png");
}

TEST(WebAssetsTest, UnknownAndEscapingPathsAreNotFound) {
  EXPECT_EQ(find_asset(""), nullptr);
  EXPECT_EQ(find_asset("/nope.js"), nullptr);
  EXPECT_EQ(find_asset("index.html"), nullptr);
  EXPECT_EQ(find_asset("/../CMakeLists.txt"), nullptr);
  EXPECT_EQ(find_asset("/CMakeLists.txt"), nullptr);
  EXPECT_EQ(find_asset("/web_assets.h"), nullptr);
  EXPECT_EQ(find_asset("/index.html?x=1"), nullptr);
}

TEST(WebAssetsTest, HtmlHasNoInlineScriptStyleOrHandlers) {
  // <script> only as an empty element that loads a file; no <style>, style="", on...="" or
  // javascript: URLs, all of which the CSP would block.
  const std::regex script_tag(R"(<script\b([^>]*)>([\s\S]*?)</script>)", std::regex::icase);
  const std::regex forbidden(R"(<style\b|\sstyle\s*=|\son[a-z]+\s*=|javascript:)",
                             std::regex::icase);
  for (const Asset& asset : all_assets()) {
    if (!is_html(asset)) {
      continue;
    }
    const std::string body(asset.body);
    EXPECT_FALSE(std::regex_search(body, forbidden)) << asset.path;
    int scripts = 0;
    for (std::sregex_iterator it(body.begin(), body.end(), script_tag), end; it != end; ++it) {
      ++scripts;
      EXPECT_NE((*it)[1].str().find("src="), std::string::npos) << asset.path << ": inline script";
      EXPECT_EQ((*it)[2].str(), "") << asset.path << ": a script element with content";
    }
    EXPECT_GT(scripts, 0) << asset.path;
  }
}

TEST(WebAssetsTest, ScriptsNeitherEvaluateCodeNorWriteMarkup) {
  // Markup written from strings could carry inline style or handlers (and case data into HTML);
  // the page builds elements with textContent instead.
  const std::regex forbidden(
      R"(\beval\s*\(|new\s+Function\b|\.innerHTML\b|\.outerHTML\b|insertAdjacentHTML|document\.write|setAttribute\(\s*['"](style|on[a-z]+)['"])");
  for (const Asset& asset : all_assets()) {
    if (asset.content_type.starts_with("text/javascript")) {
      EXPECT_FALSE(std::regex_search(std::string(asset.body), forbidden)) << asset.path;
    }
  }
}

TEST(WebAssetsTest, NoAssetReferencesAnotherHost) {
  // Absolute http(s) URLs and protocol-relative ones ("//host/...") would fetch from elsewhere.
  const std::regex other_host(R"(https?://|(src|href|url)\s*[=(]\s*['"]?//)", std::regex::icase);
  for (const Asset& asset : all_assets()) {
    if (is_text(asset)) {
      EXPECT_FALSE(std::regex_search(std::string(asset.body), other_host)) << asset.path;
    }
  }
}

TEST(WebAssetsTest, EveryLocalReferenceResolvesToAnAsset) {
  const std::regex html_ref(R"re((?:src|href)="(/[^"]*)")re");
  const std::regex js_import(R"(from\s+'\./([^']+)')");
  for (const Asset& asset : all_assets()) {
    const std::string body(asset.body);
    if (is_html(asset)) {
      for (std::sregex_iterator it(body.begin(), body.end(), html_ref), end; it != end; ++it) {
        const std::string ref = (*it)[1].str();
        if (ref != "/" && !ref.starts_with("/#") && ref != "#main") {
          EXPECT_NE(find_asset(ref), nullptr) << asset.path << " refers to " << ref;
        }
      }
    }
    if (asset.content_type.starts_with("text/javascript")) {
      for (std::sregex_iterator it(body.begin(), body.end(), js_import), end; it != end; ++it) {
        EXPECT_NE(find_asset("/" + (*it)[1].str()), nullptr)
            << asset.path << " imports " << (*it)[1].str();
      }
    }
  }
}

}  // namespace
}  // namespace samsag::bridge::web
