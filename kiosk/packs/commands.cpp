#include "packs/commands.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <map>

#include "catalog/catalog.h"
#include "config/config.h"
#include "events/zone.h"
#include "packs/inspect.h"
#include "packs/installer.h"
#include "packs/progress.h"
#include "packs/verify.h"
#include "store/content_store.h"
#include "trust/seal.h"

namespace orpheus::packs::commands {
namespace {

namespace fs = std::filesystem;

std::string plural(std::size_t n, const char* one, const char* many) {
  return std::to_string(n) + " " + (n == 1 ? one : many);
}

// Problems, then the one-line summary naming what they are in.
int report_problems(const std::vector<Problem>& problems, const std::string& where, Output& o) {
  print_problems(problems, o);
  const auto errors = static_cast<std::size_t>(std::count_if(problems.begin(), problems.end(), [](auto& p) { return !p.warning; }));
  const std::size_t warnings = problems.size() - errors;
  if (errors) {
    o.err << plural(errors, "problem", "problems") << (warnings ? " and " + plural(warnings, "warning", "warnings") : "")
          << " in " << where << "\n";
    return kProblems;
  }
  if (warnings && !o.quiet) o.err << plural(warnings, "warning", "warnings") << " in " << where << "\n";
  return kOk;
}

// The builder's notes as plain lines; its counts as a bar on a terminal.
ProgressFn progress_for(Output& o, std::unique_ptr<ProgressBar>& bar) {
  if (o.quiet) return {};
  bar = std::make_unique<ProgressBar>(o.err, o.terminal);
  return bar->callback();
}

int finish_build(const BuildOptions& options, BuildResult r, const std::string& source, Output& o,
                 std::chrono::steady_clock::time_point start) {
  if (!r.ok()) return report_problems(r.problems, source, o);
  print_problems(r.problems, o);
  if (!o.quiet) {
    const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    char line[320];
    std::snprintf(line, sizeof line,
                  "%d collections, %d items, %d images, %d tiles, %d languages, %.1f MB in %.1f s",
                  r.counts.collections, r.counts.items, r.counts.images, r.counts.tiles, r.counts.languages,
                  static_cast<double>(r.counts.output_bytes) / 1e6, secs);
    o.out << "wrote " << options.output.string() << ": " << line << "\n";
    if (r.counts.tiles) {
      std::snprintf(line, sizeof line, "tile pyramids: %.1f s of worker CPU time\n", r.counts.tile_seconds);
      o.out << line;
    }
    if (const BuildCounts& c = r.counts; c.map_tiles) {
      std::snprintf(line, sizeof line,
                    "map: %d x %d px, %d tiles (%.1f MB), %d detail levels, %d lines of %llu points (%.1f MB), %d "
                    "places, in %.1f s\n",
                    c.map_width, c.map_height, c.map_tiles, static_cast<double>(c.map_tile_bytes) / 1e6, c.map_details,
                    c.map_lines, static_cast<unsigned long long>(c.map_points), static_cast<double>(c.map_line_bytes) / 1e6,
                    c.map_places, c.map_seconds);
      o.out << line;
    }
    if (const BuildCounts& c = r.counts; c.events) {
      std::snprintf(line, sizeof line, "events: %d events, %d dates\n", c.events, c.event_dates);
      o.out << line;
    }
    if (const BuildCounts& c = r.counts; c.narrations_recorded || c.narrations_synthetic) {
      std::snprintf(line, sizeof line,
                    "narration: %d recorded, %d synthetic, %d silent; %.1f min of audio, %.1f MB, in %.1f s\n",
                    c.narrations_recorded, c.narrations_synthetic, c.narrations_silent,
                    static_cast<double>(c.narration_ms) / 60000.0, static_cast<double>(c.narration_bytes) / 1e6,
                    c.narration_seconds);
      o.out << line;
    }
  }
  return kOk;
}

// Reads the source with `make(problems)` (given the options with progress set), then builds.
template <class MakeSource>
int build_with(BuildOptions options, Output& o, const std::string& source, MakeSource make) {
  const auto start = std::chrono::steady_clock::now();
  std::unique_ptr<ProgressBar> bar;
  options.progress = progress_for(o, bar);
  try {
    std::vector<Problem> problems;
    PackSource s = make(options, problems);
    BuildResult r = build_from_source(std::move(s), options, std::move(problems));
    bar.reset();
    return finish_build(options, std::move(r), source, o, start);
  } catch (const BuildError& e) {
    bar.reset();
    o.err << "orpheus-pack: error: " << e.what() << "\n";
    return kProblems;
  }
}

std::size_t count_warnings(const std::vector<Problem>& problems) {
  return static_cast<std::size_t>(std::count_if(problems.begin(), problems.end(), [](const Problem& p) { return p.warning; }));
}

std::size_t count_kind(const std::vector<Problem>& problems, std::string_view kind) {
  return static_cast<std::size_t>(
      std::count_if(problems.begin(), problems.end(), [&](const Problem& p) { return p.kind == kind; }));
}

// "; 2529 missing images; 2536 warnings" for an import's final line.
std::string images_and_warnings(std::size_t missing, std::size_t warnings) {
  return "; " + plural(missing, "missing image", "missing images") + "; " + plural(warnings, "warning", "warnings");
}

// The rejected records' errors, after a line saying where their rows went, and a count per kind.
void print_rejected(const CsvImportReport& report, const fs::path& rejects, Output& o) {
  if (report.rejected.empty()) return;
  o.err << plural(report.rejected.size(), "record", "records") << " rejected, written to " << rejects.string()
        << " with the reasons:\n";
  std::vector<std::pair<std::string, std::size_t>> kinds;  // in order of first occurrence
  for (const auto& r : report.rejected) {
    for (const auto& e : r.errors) o.err << e.str() << "\n";
    for (const auto& e : r.errors) {
      const std::string k = e.kind.empty() ? "other" : e.kind;
      auto it = std::find_if(kinds.begin(), kinds.end(), [&](const auto& x) { return x.first == k; });
      if (it == kinds.end())
        kinds.emplace_back(k, 1);
      else
        ++it->second;
    }
  }
  std::string line;
  for (const auto& [k, n] : kinds) line += (line.empty() ? "" : ", ") + std::to_string(n) + " " + k;
  o.err << "rejected for: " << line << "\n";
}

std::optional<config::Config> load_config(const std::optional<fs::path>& file, bool implicit, Output& o, int& status) {
  status = kOk;
  std::optional<fs::path> path = file;
  std::error_code ec;
  if (!path && implicit) {
    if (auto fallback = config::default_path(); fs::exists(fallback, ec)) path = std::move(fallback);
  }
  if (!path) return std::nullopt;
  try {
    return config::load_config(*path);
  } catch (const config::ConfigError& e) {
    o.err << "orpheus-pack: bad configuration:\n" << e.what() << "\n";
    status = kUsage;
    return std::nullopt;
  }
}

struct Keys {
  std::vector<trust::PublicKey> keys;
  bool require = true;  // from the command line and the configuration
};

// Keys from --trust files and the configuration. Status kUsage when one cannot be read.
std::optional<Keys> trusted_keys(const TrustOptions& t, bool implicit_config, Output& o) {
  int status = kOk;
  const auto config = load_config(t.config, implicit_config, o, status);
  if (status != kOk) return std::nullopt;
  Keys k;
  if (config) {
    k.keys = config->content.trusted_keys;
    k.require = config->content.require_signature;
  }
  for (const auto& f : t.key_files) try {
      k.keys.push_back(trust::read_public_key(f));
    } catch (const trust::TrustError& e) {
      o.err << "orpheus-pack: " << e.what() << "\n";
      return std::nullopt;
    }
  if (t.allow_unsigned) k.require = false;
  return k;
}

// The content store of the configuration, or of --content-dir; `loaded` gets the configuration
// read (defaults when none was).
std::optional<store::ContentStore> open_store(const StoreOptions& s, Output& o, int& status, config::Config* loaded = nullptr) {
  const auto config = load_config(s.config, s.content_dir.empty(), o, status);
  if (status != kOk) return std::nullopt;
  if (loaded) *loaded = config.value_or(config::Config{});
  fs::path dir = s.content_dir;
  if (dir.empty() && config) dir = config->content.dir;
  if (dir.empty()) {
    o.err << "orpheus-pack: no content folder: give --content-dir, or --config with [content] dir (default "
          << config::default_path().string() << ")\n";
    status = kUsage;
    return std::nullopt;
  }
  return store::ContentStore(dir);
}

VerifyReport run_verify(const fs::path& pack, const Keys& keys, unsigned threads, Output& o) {
  VerifyOptions v;
  v.trusted = keys.keys;
  v.require_trusted = keys.require;
  v.threads = threads;
  std::unique_ptr<ProgressBar> bar;
  v.progress = progress_for(o, bar);
  return verify_pack(pack, v);
}

// What groups a warning with others: its kind, or its reason with names and numbers left out.
std::string kind_of(const Problem& p) {
  if (!p.kind.empty()) return p.kind;
  std::string out;
  const std::string& r = p.reason;
  for (std::size_t i = 0; i < r.size(); ++i) {
    const char c = r[i];
    if (c == '\'' || c == '"') {
      const auto close = r.find(c, i + 1);
      if (close != std::string::npos) {
        out += std::string(1, c) + "…" + std::string(1, c);
        i = close;
        continue;
      }
    }
    if (c >= '0' && c <= '9') {
      while (i + 1 < r.size() && r[i + 1] >= '0' && r[i + 1] <= '9') ++i;
      out += "N";
      continue;
    }
    out += c;
  }
  return (p.field.empty() ? "" : p.field + ": ") + out;
}

}  // namespace

void print_problems(const std::vector<Problem>& problems, Output& o) {
  constexpr std::size_t kExamples = 3;
  for (const auto& p : problems)
    if (!p.warning) o.err << p.str() << "\n";
  if (o.quiet) return;
  std::vector<std::pair<std::string, std::vector<const Problem*>>> groups;
  std::map<std::string, std::size_t> index;
  for (const auto& p : problems) {
    if (!p.warning) continue;
    std::string k = kind_of(p);
    auto [it, fresh] = index.emplace(k, groups.size());
    if (fresh) groups.emplace_back(std::move(k), std::vector<const Problem*>{});
    groups[it->second].second.push_back(&p);
  }
  for (const auto& [kind, list] : groups) {
    if (list.size() <= kExamples) {
      for (const Problem* p : list) o.err << p->str() << "\n";
      continue;
    }
    const std::size_t shown = o.all_warnings ? list.size() : kExamples;
    std::string name = kind;
    if (name.size() > 100) name = name.substr(0, 100) + "…";
    o.err << list.size() << " warnings: " << name
          << (o.all_warnings ? ":" : " (the first " + std::to_string(shown) + "; --all-warnings lists all):") << "\n";
    for (std::size_t i = 0; i < shown; ++i) o.err << "  " << list[i]->str() << "\n";
  }
}

int build(BuildOptions options, Output& o) {
  const std::string source = options.source_dir.string();
  return build_with(std::move(options), o, source, [&](const BuildOptions& b, std::vector<Problem>& p) {
    if (b.progress) b.progress(Progress{"reading " + source});
    return read_source(b, p);
  });
}

int import_iiif(const IiifImportOptions& import, BuildOptions options, Output& o) {
  const std::string source = import.inputs.size() == 1 ? import.inputs[0].string()
                                                       : plural(import.inputs.size(), "IIIF file", "IIIF files");
  const auto start = std::chrono::steady_clock::now();
  std::unique_ptr<ProgressBar> bar;
  options.progress = progress_for(o, bar);
  try {
    std::vector<Problem> problems;
    PackSource s = packs::import_iiif(import, problems);
    const std::size_t manifests = s.items.size();
    BuildResult r = build_from_source(std::move(s), options, std::move(problems));
    bar.reset();
    const std::size_t warnings = count_warnings(r.problems), missing = count_kind(r.problems, kMissingImage);
    print_problems(r.problems, o);
    if (!r.ok()) {
      o.err << "nothing imported: " << plural(r.problems.size() - warnings, "problem", "problems") << " and "
            << plural(warnings, "warning", "warnings") << " in " << source << "\n";
      return kProblems;
    }
    r.problems.clear();
    finish_build(options, std::move(r), source, o, start);
    o.out << plural(manifests, "manifest", "manifests") << " imported" << images_and_warnings(missing, warnings) << "\n";
    return kOk;
  } catch (const BuildError& e) {
    bar.reset();
    o.err << "orpheus-pack: error: " << e.what() << "\n";
    return kProblems;
  }
}

int import_csv(const CsvImportOptions& import_options, BuildOptions options, Output& o, const fs::path& rejects_file) {
  const auto start = std::chrono::steady_clock::now();
  std::unique_ptr<ProgressBar> bar;
  options.progress = progress_for(o, bar);
  CsvImportOptions import = import_options;
  import.progress = options.progress;
  fs::path rejects = rejects_file;
  if (rejects.empty()) {
    rejects = options.output;
    rejects.replace_extension(".rejects.csv");
  }
  try {
    std::vector<Problem> problems;
    CsvImportReport report;
    if (options.progress) options.progress(Progress{"reading " + import.csv.string()});
    PackSource s = packs::import_csv(import, problems, &report);
    const bool imported = !has_errors(problems);
    if (import.skip_invalid && imported) write_rejects(rejects, report);
    BuildResult r = build_from_source(std::move(s), options, std::move(problems));
    bar.reset();
    const std::size_t warnings = count_warnings(r.problems);
    if (!r.ok()) {
      print_problems(r.problems, o);
      // Stopped by records' own errors alone: say what --skip-invalid would import.
      const bool records_only = !imported && !report.blocked && report.invalid > 0 && !import.skip_invalid;
      if (records_only)
        o.err << "nothing imported: " << report.invalid << " of " << plural(report.records, "record", "records")
              << (report.invalid == 1 ? " has" : " have") << " errors (--skip-invalid imports the other "
              << report.records - report.empty - report.invalid << " and writes "
              << (report.invalid == 1 ? "that one" : "those") << " to a reject file)"
              << images_and_warnings(report.missing_images, warnings) << "\n";
      else
        o.err << "nothing imported: " << plural(r.problems.size() - warnings, "problem", "problems") << " and "
              << plural(warnings, "warning", "warnings") << " in " << import.csv.string() << "\n";
      return kProblems;
    }
    // Errors first: here only the rejected records' (any other would have stopped the build).
    print_rejected(report, rejects, o);
    print_problems(r.problems, o);
    r.problems.clear();
    finish_build(options, std::move(r), import.csv.string(), o, start);
    std::string line = plural(report.imported, "record", "records") + " imported" +
                       (report.dates_mapped ? " (" + std::to_string(report.dated) + " with a date)" : "") + ", " +
                       std::to_string(report.rejected.size()) + " rejected";
    if (import.skip_invalid) line += " (" + rejects.string() + ")";
    if (report.empty) line += ", " + std::to_string(report.empty) + " empty left out";
    o.out << line << images_and_warnings(report.missing_images, warnings) << "\n";
    return kOk;
  } catch (const BuildError& e) {
    bar.reset();
    o.err << "orpheus-pack: error: " << e.what() << "\n";
    return kProblems;
  }
}

int verify(const fs::path& pack, const TrustOptions& trust, unsigned threads, Output& o) {
  auto keys = trusted_keys(trust, false, o);
  if (!keys) return kUsage;
  if (keys->keys.empty() && !trust.allow_unsigned) {
    keys->require = false;  // nothing to judge trust by: report the signature, do not fail on it
    if (!o.quiet) o.err << "note: no trusted keys given (--trust KEY.pub or --config): the signature is only reported\n";
  }
  const VerifyReport r = run_verify(pack, *keys, threads, o);
  const int status = report_problems(r.problems, pack.string(), o);
  if (status == kOk && !o.quiet) {
    o.out << pack.string() << ": ok: " << r.manifest.id << " " << r.manifest.version << ", "
          << plural(static_cast<std::size_t>(r.items), "item", "items") << ", "
          << (r.events ? plural(static_cast<std::size_t>(r.events), "event", "events") + " (" +
                             plural(static_cast<std::size_t>(r.event_dates), "date", "dates") + "), "
                       : std::string())
          << plural(static_cast<std::size_t>(r.blobs), "image blob", "image blobs") << " and "
          << plural(static_cast<std::size_t>(r.tiles + r.map_tiles), "tile", "tiles")
          << (r.map_tiles ? " (" + std::to_string(r.map_tiles) + " of the map)" : std::string())
          << (r.narrations ? ", " + plural(static_cast<std::size_t>(r.narrations), "narration", "narrations") : std::string())
          << " decoded; "
          << (r.seal.trusted() ? "signed by trusted key " + r.seal.seal->signer->id() : r.seal.reason) << "\n";
  }
  return status;
}

int inspect(const fs::path& pack, bool json, Output& o, bool verbose, const std::string& now) {
  try {
    std::optional<std::int64_t> at;
    if (!now.empty()) {
      // Read in the pack's own zone: "2027-03-14T10:00" is ten o'clock at the museum.
      const auto snap = catalog::load_snapshot(pack);
      const auto zone = events::TimeZone::named(snap->pack.time_zone);
      at = events::parse_instant(now, zone ? *zone : events::TimeZone::utc());
      if (!at) {
        o.err << "orpheus-pack: --now '" << now << "' is not a time: write it as 2027-03-14T10:00 (the pack's "
              << snap->pack.time_zone << "), or with an offset (2027-03-14T10:00+02:00, 2027-03-14T08:00Z)\n";
        return kUsage;
      }
    }
    const auto d = describe_pack(pack, verbose, at);
    if (json)
      o.out << d.dump(2) << "\n";
    else
      print_description(d, o.out, verbose);
  } catch (const std::exception& e) {  // LoadError names the file
    o.err << "orpheus-pack: " << e.what() << "\n";
    return kProblems;
  }
  return kOk;
}

int keygen(const fs::path& base, const std::string& comment, bool force, Output& o) {
  try {
    std::error_code ec;
    if (base.has_parent_path()) fs::create_directories(base.parent_path(), ec);  // generate_key_pair names the failure
    const auto files = trust::generate_key_pair(base, comment, force);
    if (!o.quiet)
      o.out << "secret key: " << files.secret_file.string() << " (keep it on the curators' computer, never on a kiosk)\n"
            << "public key: " << files.public_file.string() << " (id " << files.public_key.id() << ")\n"
            << "kiosks trust it with this line in kiosk.toml [content] trusted_keys:\n  \"" << files.public_key.text()
            << "\"\n";
  } catch (const trust::TrustError& e) {
    o.err << "orpheus-pack: " << e.what() << "\n";
    return kProblems;
  }
  return kOk;
}

int sign(const fs::path& pack, const fs::path& key, Output& o) {
  try {
    const trust::SecretKey secret = trust::read_secret_key(key);
    trust::sign(pack, secret);
    if (!o.quiet) o.out << pack.string() << ": signed by key " << secret.public_key().id() << "\n";
  } catch (const trust::TrustError& e) {
    o.err << "orpheus-pack: " << e.what() << "\n";
    return kProblems;
  }
  return kOk;
}

int install(const fs::path& pack, const StoreOptions& s, const TrustOptions& trust, unsigned threads, Output& o) {
  int status = kOk;
  config::Config config;
  auto store = open_store(s, o, status, &config);
  if (!store) return status;
  TrustOptions t = trust;
  if (!t.config) t.config = s.config;
  auto keys = trusted_keys(t, s.content_dir.empty(), o);
  if (!keys) return kUsage;
  InstallOptions io;
  io.trusted = keys->keys;
  io.require_trusted = keys->require;
  io.threads = threads;
  io.hash_memo = config::pack_hashes_file(config);
  // One bar for verification, ended before its problems are printed; another for the copy.
  std::unique_ptr<ProgressBar> bar;
  if (!o.quiet)
    io.progress = [&](const Progress& p) {
      if (!bar) bar = std::make_unique<ProgressBar>(o.err, o.terminal);
      bar->update(p);
    };
  io.verified = [&](const std::vector<Problem>& problems) {
    bar.reset();
    report_problems(problems, pack.string(), o);
  };
  const InstallResult r = Installer(std::move(*store)).install(pack, io);
  bar.reset();
  const std::string keeps = pack.string() + ": not installed; the kiosk keeps its current pack\n";
  switch (r.refusal) {
    case Refusal::none: break;
    case Refusal::no_trusted_keys:
      o.err << "orpheus-pack: no trusted keys (--trust KEY.pub, or [content] trusted_keys in the configuration): "
               "nothing could be installed; --allow-unsigned installs anyway (development only)\n";
      return kUsage;
    case Refusal::problems: o.err << keeps; return kProblems;
    case Refusal::no_seal: o.err << pack.string() << ": not installed: " << r.error << "\n" << keeps; return kProblems;
    case Refusal::store: o.err << "orpheus-pack: " << r.error << "\n" << keeps; return kProblems;
  }
  if (!o.quiet) {
    if (!r.note.empty()) o.err << "note: " << r.note << "\n";
    o.out << r.summary() << "\n";
    if (!r.previous.empty()) o.out << "previous: " << r.previous.string() << " (orpheus-pack rollback restores it)\n";
  }
  return kOk;
}

int list(const StoreOptions& s, bool json, Output& o) {
  int status = kOk;
  auto store = open_store(s, o, status);
  if (!store) return status;
  try {
    nlohmann::ordered_json packs = nlohmann::ordered_json::array();
    for (const auto& e : store->list()) {
      nlohmann::ordered_json j = {{"file", e.file.string()}, {"bytes", e.bytes}, {"current", e.current},
                                  {"previous", e.previous}};
      try {
        const Manifest m = read_manifest(e.file);
        j["id"] = m.id;
        j["version"] = m.version;
        j["created"] = m.created;
      } catch (const catalog::LoadError& err) {
        j["error"] = err.reason();
      }
      packs.push_back(std::move(j));
    }
    if (json) {
      o.out << nlohmann::ordered_json{{"content_dir", store->dir().string()}, {"packs", packs}}.dump(2) << "\n";
      return kOk;
    }
    if (packs.empty()) o.out << store->dir().string() << ": no packs installed\n";
    for (const auto& j : packs) {
      o.out << (j["current"].get<bool>() ? "current   " : j["previous"].get<bool>() ? "previous  " : "          ")
            << fs::path(j["file"].get<std::string>()).filename().string();
      if (j.contains("error"))
        o.out << "  (unreadable: " << j["error"].get<std::string>() << ")";
      else
        o.out << "  " << j["id"].get<std::string>() << " " << j["version"].get<std::string>() << ", created "
              << j["created"].get<std::string>();
      char size[32];
      std::snprintf(size, sizeof size, ", %.1f MB", static_cast<double>(j["bytes"].get<std::uint64_t>()) / 1e6);
      o.out << size << "\n";
    }
  } catch (const store::StoreError& e) {
    o.err << "orpheus-pack: " << e.what() << "\n";
    return kProblems;
  }
  return kOk;
}

int rollback(const StoreOptions& s, Output& o) {
  int status = kOk;
  auto store = open_store(s, o, status);
  if (!store) return status;
  const fs::path dir = store->dir();
  const RollbackResult r = Installer(std::move(*store)).rollback();
  if (!r.ok) {
    o.err << "orpheus-pack: " << r.error << "\n";
    return kProblems;
  }
  // No previous pack left (the current one's file was missing): the bare folder, as ever.
  if (!o.quiet)
    o.out << "current:  " << r.current.string() << "\nprevious: " << (r.previous.empty() ? dir / "" : r.previous).string()
          << " (rollback again to return to it)\n";
  return kOk;
}

}  // namespace orpheus::packs::commands
