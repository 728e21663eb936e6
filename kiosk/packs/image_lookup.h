#pragma once
// Internal to orpheus_packs: how an importer finds, in local folders, a picture an export names by
// web address. One rule for the CSV and the IIIF importer (docs/import-csv.md, docs/import-iiif.md):
//   - an ordinary URL gives its last path segment, percent-escapes decoded first, then as written
//     ("…/work/A/A00/A00023_8.jpg" -> "A00023_8.jpg", "…/vase%20front.jpg" -> "vase front.jpg");
//   - an IIIF Image API URL ("…/{identifier}/{region}/{size}/{rotation}/{quality}.{format}") and an
//     image service ("…/{identifier}", "…/{identifier}/info.json") give the identifier with its
//     format, .jpg, .jpeg, .png or no extension ("default.jpg" itself is never a candidate);
//   - each folder in turn, directly inside it (not in sub-folders): the exact name first, then the
//     same name in any letter case. The first folder holding a candidate wins.
// Nothing is ever downloaded; a picture not found is reported with Problem::kind kMissingImage
// (source.h). Pure functions; an ImageFolders is read-only once built (any thread).
#include <filesystem>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace orpheus::packs::detail {

// "http://…" or "https://…" (the scheme in any letter case).
bool is_web_address(std::string_view s);

// "%20" -> " " and the like; malformed escapes are kept as written.
std::string percent_decoded(std::string_view s);

// The non-empty path segments of a URI (scheme, host, query and fragment left out), as written
// (not decoded); of a relative path, all its segments.
std::vector<std::string> url_path_segments(std::string_view uri);

// The local file names one image may be saved under, most specific first, without duplicates.
// Never a path: names holding '/', '\', NUL, "." or ".." are left out, so a hostile URL cannot
// reach outside the image folders.
class ImageNames {
 public:
  void add_url(std::string_view url);              // an image URL (ordinary or Image API)
  void add_service(std::string_view service_url);  // an IIIF image service id
  const std::vector<std::string>& names() const { return names_; }
  std::vector<std::string> take() { return std::move(names_); }

 private:
  void add_stem(const std::string& stem, const std::string& format);
  void add(const std::string& raw);
  std::vector<std::string> names_;
};

// ImageNames for one URL.
std::vector<std::string> image_names(std::string_view url);

// "abc.jpg (or .jpeg, .png, no extension)" for the candidates of one picture, for messages.
std::string describe_names(const std::vector<std::string>& names);

// The image folders, each listed once when built.
class ImageFolders {
 public:
  explicit ImageFolders(const std::vector<std::filesystem::path>& dirs);

  // The file in the first folder holding any of the names (exact spelling first, then ignoring
  // ASCII letter case); empty if none does.
  std::filesystem::path find(const std::vector<std::string>& names) const;

  // "(looked for A00023_8.jpg in DIR, DIR)" for a message about a picture not found.
  std::string looked_for(const std::vector<std::string>& names) const;

  // The folders given that do not exist (or are not folders): left out of the search.
  const std::vector<std::filesystem::path>& missing() const { return missing_; }

 private:
  struct Dir {
    std::filesystem::path path;
    std::map<std::string, std::filesystem::path> exact, folded;
  };
  std::vector<Dir> dirs_;
  std::vector<std::filesystem::path> missing_;
};

}  // namespace orpheus::packs::detail
