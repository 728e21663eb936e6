#include "packs/builder.h"

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <ctime>
#include <optional>
#include <tuple>

#include "packs/coverage.h"
#include "packs/font_coverage.h"
#include "packs/images.h"
#include "packs/map_layers.h"
#include "packs/narration.h"
#include "packs/source.h"
#include "packs/writer.h"

namespace orpheus::packs {
namespace {

// ISO 8601 UTC from SOURCE_DATE_EPOCH (reproducible builds) or now.
std::string created_timestamp(std::vector<Problem>& problems) {
  std::time_t t = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  if (const char* env = std::getenv("SOURCE_DATE_EPOCH"); env && *env) {
    char* end = nullptr;
    errno = 0;
    const long long v = std::strtoll(env, &end, 10);
    if (errno || *end || v < 0)
      problems.push_back(Problem{{}, 0, 0, "SOURCE_DATE_EPOCH",
                                 "'" + std::string(env) + "' is not a number of seconds since 1970"});
    else
      t = static_cast<std::time_t>(v);
  }
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

}  // namespace


PackBuilder::PackBuilder(BuildOptions options) : options_(std::move(options)) {}

BuildResult PackBuilder::build() {
  const std::string note = "reading " + options_.source_dir.string();
  if (options_.progress) options_.progress(Progress{note});
  std::vector<Problem> problems;
  PackSource source = read_source(options_, problems);
  return build_from_source(std::move(source), options_, std::move(problems));
}

BuildResult build_from_source(PackSource source, const BuildOptions& options, std::vector<Problem> problems) {
  BuildResult result;
  auto note = [&](const std::string& s) {
    if (options.progress) options.progress(Progress{s});
  };
  const std::string created = created_timestamp(problems);
  detail::check_required_languages(source, options, problems);
  const auto images = detail::all_images(source);
  note("checking " + std::to_string(images.size()) + " images");
  detail::check_images(images, options.threads, problems);
  detail::check_fonts(source, problems);  // warnings: characters a kiosk would show as '?'
  detail::find_recordings(source, options, problems);
  detail::check_recordings(source, options.threads, problems);
  std::optional<detail::Narrator> narrator;
  if (options.narrate) narrator = detail::find_narrator(source, options.espeak, problems);
  if (source.map.region)
    if (auto missing = detail::missing_gshhg(options.gshhg_dir)) {
      const SourceLoc& at = source.map.region_loc;
      problems.push_back(Problem{at.file, at.line, at.column, "region", *missing});
    }

  result.counts.languages = static_cast<int>(source.languages.size());
  result.counts.tags = static_cast<int>(source.tags.size());
  result.counts.collections = static_cast<int>(source.collections.size());
  result.counts.items = static_cast<int>(source.items.size());
  result.counts.images = static_cast<int>(images.size());
  result.counts.events = static_cast<int>(source.events.size());
  for (const EventSource& e : source.events) result.counts.event_dates += static_cast<int>(e.occurrences.size());

  if (!has_errors(problems)) {
    note("writing " + options.output.string());
    BuildCounts written;
    detail::write_pack(source, options, created, written, problems, narrator ? &*narrator : nullptr);
    if (!has_errors(problems)) result.counts = written;
  }
  // In reading order: pack.toml, collections, items, events; by line within a file.
  auto rank = [&](const Problem& p) {
    const auto rel = p.file.lexically_relative(options.source_dir);
    const std::string first = rel.empty() ? std::string() : rel.begin()->string();
    return first == "pack.toml" ? 1 : first == "collections" ? 2 : first == "items" ? 3 : first == "events" ? 4
           : p.file.empty() ? 0 : 5;
  };
  std::stable_sort(problems.begin(), problems.end(), [&](const Problem& a, const Problem& b) {
    return std::tuple(rank(a), a.file, a.line, a.column) < std::tuple(rank(b), b.file, b.line, b.column);
  });
  result.problems = std::move(problems);
  return result;
}

}  // namespace orpheus::packs
