#include "packs/image_lookup.h"

#include <algorithm>
#include <optional>
#include <set>
#include <system_error>

#include "core/text.h"

namespace orpheus::packs::detail {
namespace {

namespace fs = std::filesystem;

// The identifier of an IIIF Image API URL: the segment before {region}/{size}/{rotation}/{quality}.{format}.
std::optional<std::string> image_api_identifier(const std::vector<std::string>& segs) {
  if (segs.size() < 5) return std::nullopt;
  const std::string& last = segs.back();
  const auto dot = last.rfind('.');
  if (dot == std::string::npos) return std::nullopt;
  static const std::set<std::string> qualities = {"default", "color", "gray", "grey", "bitonal", "native"};
  if (!qualities.count(last.substr(0, dot))) return std::nullopt;
  std::string_view rotation = segs[segs.size() - 2];
  if (!rotation.empty() && rotation[0] == '!') rotation.remove_prefix(1);
  const auto numeric = [](char c) { return (c >= '0' && c <= '9') || c == '.'; };
  if (rotation.empty() || !std::all_of(rotation.begin(), rotation.end(), numeric)) return std::nullopt;
  return segs[segs.size() - 5];
}

}  // namespace

bool is_web_address(std::string_view s) {
  const std::string head = core::ascii_lowered(s.substr(0, 8));
  return head.rfind("http://", 0) == 0 || head.rfind("https://", 0) == 0;
}

std::string percent_decoded(std::string_view s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '%' && i + 2 < s.size()) {
      const int hi = core::hex_value(s[i + 1]), lo = core::hex_value(s[i + 2]);
      if (hi >= 0 && lo >= 0) {
        out += static_cast<char>(hi * 16 + lo);
        i += 2;
        continue;
      }
    }
    out += s[i];
  }
  return out;
}

std::vector<std::string> url_path_segments(std::string_view uri) {
  uri = uri.substr(0, uri.find_first_of("?#"));
  if (const auto scheme = uri.find("://"); scheme != std::string_view::npos) {
    const auto path = uri.find('/', scheme + 3);
    uri = path == std::string_view::npos ? std::string_view() : uri.substr(path);
  }
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start <= uri.size()) {
    const auto slash = uri.find('/', start);
    const auto seg = uri.substr(start, slash == std::string_view::npos ? std::string_view::npos : slash - start);
    if (!seg.empty()) out.emplace_back(seg);
    if (slash == std::string_view::npos) break;
    start = slash + 1;
  }
  return out;
}

void ImageNames::add_url(std::string_view url) {
  const auto segs = url_path_segments(url);
  if (segs.empty()) return;
  if (const auto id = image_api_identifier(segs)) {
    const std::string& last = segs.back();
    add_stem(*id, last.substr(last.rfind('.') + 1));
  } else {
    add(segs.back());
  }
}

void ImageNames::add_service(std::string_view service_url) {
  auto segs = url_path_segments(service_url);
  if (!segs.empty() && segs.back() == "info.json") segs.pop_back();
  if (!segs.empty()) add_stem(segs.back(), "");
}

void ImageNames::add_stem(const std::string& stem, const std::string& format) {
  if (!format.empty()) add(stem + "." + format);
  for (const char* ext : {".jpg", ".jpeg", ".png"}) add(stem + ext);
  add(stem);
}

// The decoded name first ("My%20Image.jpg" is "My Image.jpg" on disk), then as written.
void ImageNames::add(const std::string& raw) {
  for (const std::string& name : {percent_decoded(raw), raw}) {
    if (name.empty() || name == "." || name == ".." || name.find_first_of(std::string("/\\\0", 3)) != std::string::npos)
      continue;
    if (std::find(names_.begin(), names_.end(), name) == names_.end()) names_.push_back(name);
  }
}

std::vector<std::string> image_names(std::string_view url) {
  ImageNames n;
  n.add_url(url);
  return n.take();
}

std::string describe_names(const std::vector<std::string>& names) {
  if (names.empty()) return "no usable file name";
  auto stem_of = [](const std::string& n) {
    const auto dot = n.rfind('.');
    if (dot != std::string::npos && dot > 0) {
      const std::string ext = core::ascii_lowered(n.substr(dot));
      if (ext == ".jpg" || ext == ".jpeg" || ext == ".png") return n.substr(0, dot);
    }
    return n;
  };
  std::vector<std::string> parts;
  for (std::size_t i = 0; i < names.size();) {
    const std::string stem = stem_of(names[i]);
    std::size_t j = i + 1;
    while (j < names.size() && stem_of(names[j]) == stem) ++j;
    std::string part = names[i];
    if (j - i > 1) {
      part += " (or ";
      for (std::size_t k = i + 1; k < j; ++k) {
        const std::string ext = names[k].substr(stem.size());
        part += (k > i + 1 ? ", " : "") + (ext.empty() ? std::string("no extension") : ext);
      }
      part += ")";
    }
    parts.push_back(part);
    i = j;
  }
  constexpr std::size_t kShown = 6;
  std::string s;
  for (std::size_t i = 0; i < parts.size() && i < kShown; ++i) s += (i ? ", " : "") + parts[i];
  if (parts.size() > kShown) s += ", … (" + std::to_string(parts.size()) + " in all)";
  return s;
}

ImageFolders::ImageFolders(const std::vector<fs::path>& dirs) {
  for (const auto& dir : dirs) {
    std::error_code ec;
    if (!fs::is_directory(dir, ec)) {
      missing_.push_back(dir);
      continue;
    }
    Dir d{dir, {}, {}};
    std::vector<fs::path> files;
    for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec))
      if (it->is_regular_file(ec)) files.push_back(it->path());
    std::sort(files.begin(), files.end());  // of names equal but for case, the first in byte order wins
    for (const auto& f : files) {
      const std::string name = f.filename().string();
      d.exact.emplace(name, f);
      d.folded.emplace(core::ascii_lowered(name), f);
    }
    dirs_.push_back(std::move(d));
  }
}

fs::path ImageFolders::find(const std::vector<std::string>& names) const {
  for (const Dir& d : dirs_) {
    for (const auto& n : names)
      if (auto it = d.exact.find(n); it != d.exact.end()) return it->second;
    for (const auto& n : names)
      if (auto it = d.folded.find(core::ascii_lowered(n)); it != d.folded.end()) return it->second;
  }
  return {};
}

std::string ImageFolders::looked_for(const std::vector<std::string>& names) const {
  std::string s = "(looked for " + describe_names(names);
  if (dirs_.empty()) return s + ", but no image folders were given)";
  s += " in ";
  for (std::size_t i = 0; i < dirs_.size(); ++i) s += (i ? ", " : "") + dirs_[i].path.string();
  return s + ")";
}

}  // namespace orpheus::packs::detail
