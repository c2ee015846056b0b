#include "core/config/interpolation.h"

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <system_error>

namespace samsag::config {
namespace {

bool is_variable_name(std::string_view name) {
  if (name.empty() || (name.front() >= '0' && name.front() <= '9')) return false;
  for (char c : name) {
    const bool ok =
        (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
    if (!ok) return false;
  }
  return true;
}

Result<std::string> resolve_env(std::string_view spec) {
  const auto separator = spec.find(":-");
  const std::string name(spec.substr(0, separator));
  if (!is_variable_name(name)) {
    return make_error("BAD_REFERENCE", "'${env:" + std::string(spec) +
                                           "}' does not name an environment variable "
                                           "(letters, digits and '_')");
  }
  const char* value = std::getenv(name.c_str());
  if (separator != std::string_view::npos) {
    if (value == nullptr || *value == '\0') return std::string(spec.substr(separator + 2));
    return std::string(value);
  }
  if (value == nullptr) {
    return make_error("UNSET_VARIABLE", "environment variable " + name +
                                            " is not set (write ${env:" + name +
                                            ":-default} to give a default)");
  }
  return std::string(value);
}

Result<std::string> resolve_file(std::string_view spec, const std::filesystem::path& base_dir) {
  if (spec.empty()) return make_error("BAD_REFERENCE", "'${file:}' names no file");
  std::filesystem::path path(spec);
  if (path.is_relative()) path = base_dir / path;
  const std::string named = "${file:" + std::string(spec) + "}: ";
  // Checked before opening: a FIFO would block the open, a device (/dev/zero) never ends.
  std::error_code status_error;
  const auto status = std::filesystem::status(path, status_error);
  if (!status_error && std::filesystem::exists(status) &&
      !std::filesystem::is_regular_file(status)) {
    return make_error(
        "NOT_A_REGULAR_FILE",
        named + path.string() + " is not a regular file (a directory, FIFO or device)");
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    const int saved = errno;
    return make_error("UNREADABLE_FILE",
                      named + "cannot read " + path.string() + ": " + std::strerror(saved));
  }
  // One byte more than allowed tells a file at the limit from a larger one.
  std::string text(kMaxReferencedFileSize + 1, '\0');
  in.read(text.data(), static_cast<std::streamsize>(text.size()));
  text.resize(static_cast<std::size_t>(in.gcount()));
  if (text.size() > kMaxReferencedFileSize) {
    return make_error("FILE_TOO_LARGE", named + path.string() + " is larger than 64 KiB; a " +
                                            "referenced file holds one secret or value");
  }
  // Secret files are usually written with `echo`, which adds a newline that is not the secret.
  while (!text.empty() && (text.back() == '\n' || text.back() == '\r')) text.pop_back();
  return text;
}

}  // namespace

Result<std::string> interpolate(std::string_view text, const std::filesystem::path& base_dir) {
  std::string out;
  out.reserve(text.size());
  std::size_t pos = 0;
  while (pos < text.size()) {
    const auto start = text.find('$', pos);
    if (start == std::string_view::npos) {
      out.append(text.substr(pos));
      break;
    }
    out.append(text.substr(pos, start - pos));
    if (text.substr(start, 3) == "$${") {
      out.append("${");
      pos = start + 3;
      continue;
    }
    if (text.substr(start, 2) != "${") {
      out.push_back('$');
      pos = start + 1;
      continue;
    }
    const auto close = text.find('}', start);
    if (close == std::string_view::npos) {
      return make_error("BAD_REFERENCE", "'${' without a closing '}'");
    }
    const auto reference = text.substr(start + 2, close - start - 2);
    Result<std::string> value = make_error("BAD_REFERENCE", "");
    if (reference.starts_with("env:")) {
      value = resolve_env(reference.substr(4));
    } else if (reference.starts_with("file:")) {
      value = resolve_file(reference.substr(5), base_dir);
    } else {
      value = make_error("BAD_REFERENCE", "unknown reference '${" + std::string(reference) +
                                              "}'; use ${env:NAME}, ${env:NAME:-default} or "
                                              "${file:PATH}");
    }
    if (!value) return value.error();
    out.append(*value);
    pos = close + 1;
  }
  return out;
}

}  // namespace samsag::config
