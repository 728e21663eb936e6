// orpheus-stats: the kiosks' anonymous usage counts (docs/usage-report.md). This file parses the
// command line and prints; reading, checking, summing and the page are kiosk/usage's.
// Exit codes: 0 ok; 1 some exports refused (a report is still written); 2 usage, no usable export,
// or nothing could be written (export: no journal, a bad configuration).
#include <CLI/CLI.hpp>

#include <cstdio>
#include <iostream>
#include <optional>
#include <string>
#include <vector>

#include "bin/command_line.h"
#include "core/files.h"
#include "config/config.h"
#include "trust/seal.h"
#include "usage/export.h"
#include "usage/report.h"
#include "usage/summary.h"

namespace {

using namespace orpheus;
namespace fs = std::filesystem;

constexpr int kOk = 0, kRefused = 1, kUsage = 2;

std::vector<fs::path> paths(const std::vector<std::string>& v) { return {v.begin(), v.end()}; }

struct Common {
  std::vector<std::string> exports, trusted;
  unsigned jobs = 0;
  bool quiet = false;
};

// The trusted list if one was named; false (after saying why) if it cannot be read.
bool read_trusted(const Common& c, std::optional<std::vector<trust::PublicKey>>& out) {
  if (c.trusted.empty()) return true;
  try {
    out = usage::read_trusted_kiosks(paths(c.trusted));
  } catch (const trust::TrustError& e) {
    std::cerr << "orpheus-stats: " << e.what() << "\n";
    return false;
  }
  return true;
}

// The files EXPORTS stand for; empty (after saying so) if none.
std::vector<fs::path> export_files(const Common& c) {
  auto files = usage::export_files(paths(c.exports));
  if (files.empty()) std::cerr << "orpheus-stats: no export files (a folder stands for the *.json files in it)\n";
  return files;
}

std::string untrusted_reason(const usage::KioskInfo& k) { return "kiosk " + k.id + " is not among the trusted kiosks"; }

int report(const Common& c, const std::string& output, const std::string& language) {
  std::optional<std::vector<trust::PublicKey>> trusted;
  if (!read_trusted(c, trusted)) return kUsage;
  const auto files = export_files(c);
  if (files.empty()) return kUsage;
  const usage::Report rep = usage::report_from_files(files, std::move(trusted), c.jobs);
  for (const auto& r : rep.refused) std::cerr << r.file << ": " << r.reason << " (left out)\n";
  for (const auto& u : rep.untrusted) std::cerr << u.file << ": " << untrusted_reason(u.kiosk) << " (left out)\n";
  if (rep.exports == 0) {
    std::cerr << "orpheus-stats: no export could be used; no report written\n";
    return kUsage;
  }
  const std::string html = usage::render_html(rep, language);
  try {
    core::write_file_atomically(output, html);
  } catch (const std::exception& e) {
    std::cerr << "orpheus-stats: " << e.what() << "\n";
    return kUsage;
  }
  if (!c.quiet)
    std::cout << output << ": " << rep.institutions.size() << " institutions, " << rep.kiosks << " kiosks, " << rep.exports
              << " exports, " << rep.from << " to " << rep.to << ", " << (html.size() + 512) / 1024 << " KB\n";
  return rep.refused.empty() && rep.untrusted.empty() ? kOk : kRefused;
}

int verify(const Common& c) {
  std::optional<std::vector<trust::PublicKey>> trusted;
  if (!read_trusted(c, trusted)) return kUsage;
  const auto files = export_files(c);
  if (files.empty()) return kUsage;
  bool all_good = true;
  for (const auto& x : usage::check_exports(files, c.jobs)) {
    std::string verdict = x.reason;
    if (verdict.empty() && trusted && !usage::signed_by_one_of(x.header.kiosk, *trusted)) verdict = untrusted_reason(x.header.kiosk);
    if (!verdict.empty()) {
      std::cout << x.file << ": " << verdict << "\n";
      all_good = false;
      continue;
    }
    const usage::KioskInfo& k = x.header.kiosk;
    std::cout << x.file << ": ok: kiosk " << k.id << " \"" << k.name << "\", " << (k.institution.empty() ? "no institution" : k.institution)
              << ", " << x.days << " days (" << x.header.from << " to " << x.header.to << ")\n";
  }
  return all_good ? kOk : kRefused;
}

int export_journal(const std::string& config_file, const std::string& since, const std::string& until,
                   const std::string& output) {
  try {
    const auto config = config::load_config(config_file);
    const auto written = usage::export_file(config, since, until, output);
    if (written != "-") std::cout << written.string() << "\n";
    return kOk;
  } catch (const std::exception& e) {
    std::cerr << "orpheus-stats: " << e.what() << "\n";
    return kUsage;
  }
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"The kiosks' anonymous usage counts: signed exports, checked and compared across institutions.", "orpheus-stats"};
  app.set_version_flag("--version", std::string(ORPHEUS_VERSION));
  app.require_subcommand(1);
  app.footer("Exit status: 0 ok; 1 some exports refused (the report is still written); 2 usage, no usable export,\n"
             "or nothing written. See docs/usage-report.md.");

  Common common;
  const auto add_inputs = [&](CLI::App* c) {
    c->add_option("EXPORTS", common.exports, "Export files (.json), or folders of them")->required();
    c->add_option("--trusted-kiosks", common.trusted,
                  "Accept only these kiosks' exports: a file of public keys (one \"orpheus-ed25519:...\" per line, or a "
                  "kiosk's .pub file) or a folder of .pub files (repeatable)")
        ->allow_extra_args(false);
    c->add_option("-j,--jobs", common.jobs, "Files read at once (default: one per core, at most 8)")->check(CLI::Range(1, 64));
  };

  std::string output, language = "en";
  auto* report_cmd = app.add_subcommand("report", "Combine exports into one static HTML page (inline SVG charts, printable).");
  add_inputs(report_cmd);
  report_cmd->add_option("-o,--output", output, "The page to write (replaced atomically)")->required();
  report_cmd->add_option("--lang", language, "Language of the page")->check(CLI::IsMember({"en", "bg"}))->capture_default_str();
  report_cmd->add_flag("-q,--quiet", common.quiet, "Print nothing but the refused exports");
  report_cmd->footer("A refused export is named on stderr with the reason, left out, and listed in the page.");

  auto* verify_cmd = app.add_subcommand("verify", "Check exports: format, every field, the kiosk's signature.");
  add_inputs(verify_cmd);
  verify_cmd->footer("One line per file: FILE: ok: kiosk ID \"NAME\", INSTITUTION, N days (FROM to TO), or FILE: the reason.");

  std::string config_file = orpheus::config::default_path().string(), since, until, export_output;
  auto* export_cmd = app.add_subcommand("export", "Write this kiosk's usage journal out as a signed export (docs/usage.md).");
  export_cmd->add_option("--config", config_file, "The kiosk's configuration: its journal, names and state folder")
      ->capture_default_str();
  export_cmd->add_option("--since", since, "First day, YYYY-MM-DD (default: --until)");
  export_cmd->add_option("--until", until, "Last day, YYYY-MM-DD (default: yesterday, the last whole day, in the museum's time zone)");
  export_cmd->add_option("-o,--output", export_output,
                         "The file to write (default: usage-<kiosk id>-<since>-<until>.json here; - for stdout)");
  export_cmd->footer("The kiosk's key is made on first use beside the journal (usage-key.key, usage-key.pub).");

  if (const auto status = orpheus::bin::parse_command_line(app, argc, argv, "orpheus-stats", kUsage)) return *status;

  if (report_cmd->parsed()) return report(common, output, language);
  if (verify_cmd->parsed()) return verify(common);
  if (export_cmd->parsed()) return export_journal(config_file, since, until, export_output);
  return kUsage;
}
