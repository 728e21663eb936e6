// orpheus-pack: makes, checks, signs and installs content packs. This file only parses the
// command line; the subcommands live in kiosk/packs/commands.cpp.
// Exit codes: 0 ok, 1 content problems (or a pack that could not be written/read/installed), 2 usage.
#include <unistd.h>

#include <CLI/CLI.hpp>

#include <iostream>
#include <string>
#include <vector>

#include "bin/command_line.h"
#include "fleet/commands.h"
#include "packs/commands.h"
#include "packs/progress.h"

namespace {

using namespace orpheus::packs;
namespace fs = std::filesystem;

std::vector<fs::path> paths(const std::vector<std::string>& v) { return {v.begin(), v.end()}; }

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"Makes, checks, signs and installs Orpheus content packs (one SQLite file per pack).", "orpheus-pack"};
  app.set_version_flag("--version", std::string(ORPHEUS_VERSION));
  app.require_subcommand(1);
  app.footer("Exit status: 0 ok, 1 content problems or a pack that could not be made, read or installed, 2 usage.\n"
             "See docs/pack-source.md, docs/import-csv.md, docs/import-iiif.md and docs/packs.md.");
  bool quiet = false, all_warnings = false;
  unsigned jobs = 0;
  auto add_common = [&](CLI::App* c, bool with_jobs) {
    c->add_flag("-q,--quiet", quiet, "Print nothing but errors (and an import's final counts)");
    if (with_jobs)
      c->add_option("-j,--jobs", jobs, "Image worker threads (default: one per core, at most 8)")->check(CLI::Range(1, 64));
  };

  BuildOptions build_opts;
  std::string src, output, gshhg = build_opts.gshhg_dir.string();
  std::vector<std::string> media_dirs, events_dirs, inputs, image_dirs, keys;
  auto add_output = [&](CLI::App* c) {
    c->add_option("-o,--output", output, "Pack file to write (replaced only if the build succeeds)")->required();
    c->add_flag("--all-warnings", all_warnings, "List every warning, not the first three of each kind");
    c->add_flag("--narrate", build_opts.narrate,
                "Speak every item text that has no recording with espeak-ng into the pack (docs/narration.md)");
    c->add_option("--require-languages", build_opts.require_languages,
                  "Fail on every item or collection title, summary or description missing in these languages "
                  "(comma-separated, e.g. de,fr; docs/packs.md)")
        ->delimiter(',')
        ->allow_extra_args(false);
  };

  auto* build = app.add_subcommand("build", "Check a pack source folder and build a pack from it.");
  build->add_option("SRC_DIR", src, "Pack source folder (pack.toml, collections/, items/)")->required();
  add_output(build);
  build->add_option("--media-dir", media_dirs, "Further folder to look for images in, after SRC_DIR (repeatable)")
      ->allow_extra_args(false);
  build->add_option("--events-dir", events_dirs,
                    "Further folder of events (*.toml, *.ics, *.csv) read after SRC_DIR/events (repeatable; docs/events.md)")
      ->allow_extra_args(false);
  build->add_option("--gshhg", gshhg, "Folder of GSHHG's binned files, for the map of map.toml (Debian: gmt-gshhg-high)")
      ->capture_default_str();
  add_common(build, true);
  build->footer("Every problem is printed as FILE:LINE:COL: FIELD: reason; nothing is written if there is one.");

  IiifImportOptions iiif;
  auto* import_iiif = app.add_subcommand("import-iiif", "Build a pack from IIIF Presentation manifests and collections.");
  import_iiif->add_option("FILE", inputs, "IIIF manifest or collection (JSON, 3.0 or 2.x; repeatable)")->required();
  add_output(import_iiif);
  import_iiif->add_option("--images", image_dirs, "Folder holding the images the manifests show (repeatable)")
      ->allow_extra_args(false);
  import_iiif->add_option("--id", iiif.pack_id, "Pack id (default: from the first file)");
  import_iiif->add_option("--pack-version", iiif.version, "Pack version (default 1)");
  import_iiif->add_option("--default-language", iiif.default_language, "Default language (default: the most used)");
  add_common(import_iiif, true);
  import_iiif->footer("Images are never downloaded: each is looked up in the --images folders; a missing one is a warning.");

  CsvImportOptions csv;
  std::string csv_file, mapping;
  auto* import_csv = app.add_subcommand("import-csv", "Build a pack from a collection-management export (CSV).");
  import_csv->add_option("CSV", csv_file, "The export (UTF-8, with or without BOM)")->required();
  import_csv->add_option("-m,--mapping", mapping, "Mapping file (.toml) naming which column is which field")->required();
  add_output(import_csv);
  import_csv->add_option("--images", image_dirs, "Folder to look for images in, after the CSV's own (repeatable)")
      ->allow_extra_args(false);
  import_csv->add_flag("--skip-invalid", csv.skip_invalid,
                       "Import every valid record; write the others, with the reasons, to a reject file");
  std::string rejects;
  import_csv->add_option("--rejects", rejects, "Reject file (CSV) for --skip-invalid (default: OUTPUT.rejects.csv)")
      ->needs("--skip-invalid");
  add_common(import_csv, true);
  import_csv->footer("Every problem is printed as FILE:LINE:COL: FIELD: reason: errors first, then the warnings by kind.\n"
                     "Without --skip-invalid nothing is written if any record has an error.");

  commands::TrustOptions trust;
  std::string config;
  auto add_trust = [&](CLI::App* c) {
    c->add_option("--trust", keys, "Public key file (.pub) of a trusted curator (repeatable)")->allow_extra_args(false);
    c->add_flag("--allow-unsigned", trust.allow_unsigned, "Development only: accept unsigned or untrusted packs");
  };
  auto add_config = [&](CLI::App* c) {
    c->add_option("--config", config, "Kiosk configuration (default $ORPHEUS_CONFIG, else /etc/orpheus/kiosk.toml, if it exists)");
  };

  std::string pack;
  auto* verify = app.add_subcommand("verify", "Check a pack completely: database, seal, signature, every image.");
  verify->add_option("PACK", pack, "Pack file (.db)")->required();
  add_trust(verify);
  add_config(verify);
  add_common(verify, true);

  bool json = false;
  bool verbose = false;
  auto* inspect = app.add_subcommand("inspect", "Print a pack's manifest, seal, languages and contents.");
  inspect->add_option("PACK", pack, "Pack file (.db)")->required();
  inspect->add_flag("--json", json, "As JSON");
  inspect->add_flag("-v,--verbose", verbose, "Also count metadata and captions per language and list every item's narration");
  std::string now;
  inspect->add_option("--now", now,
                      "List the programme's next dates from this time instead of the present, e.g. 2027-03-14T10:00 "
                      "(the pack's time zone)");

  std::string base, comment;
  bool force = false;
  auto* keygen = app.add_subcommand("keygen", "Make a curator key pair: BASE.key (secret) and BASE.pub (public).");
  keygen->add_option("BASE", base, "Path of the key files without extension, e.g. keys/plovdiv-museum")->required();
  keygen->add_option("--comment", comment, "Who the key belongs to (written into both files)");
  keygen->add_flag("--force", force, "Replace existing key files");
  add_common(keygen, false);

  std::string key;
  auto* sign = app.add_subcommand("sign", "Sign a pack's content hash with a curator's secret key.");
  sign->add_option("PACK", pack, "Pack file (.db)")->required();
  sign->add_option("-k,--key", key, "Secret key file (BASE.key)")->required();
  add_common(sign, false);

  commands::StoreOptions store;
  std::string content_dir;
  auto add_store = [&](CLI::App* c) {
    c->add_option("--content-dir", content_dir, "The kiosk's content folder (default: the configuration's)");
    add_config(c);
  };
  auto* install = app.add_subcommand("install", "Verify a pack and make it the kiosk's current one, atomically.");
  install->add_option("PACK", pack, "Pack file (.db), e.g. on a USB stick")->required();
  add_store(install);
  add_trust(install);
  add_common(install, true);
  install->footer("The previous pack is kept: orpheus-pack rollback restores it. A running kiosk switches at an idle moment.");

  auto* list = app.add_subcommand("list", "List the packs installed in the content folder.");
  add_store(list);
  list->add_flag("--json", json, "As JSON");

  auto* rollback = app.add_subcommand("rollback", "Make the previous pack current again (and the current one previous).");
  add_store(rollback);
  add_common(rollback, false);

  orpheus::fleet::commands::PublishArgs pub;
  std::string channel_dir;
  auto* publish = app.add_subcommand("publish", "Put a pack on a channel folder that kiosks update from (docs/fleet.md).");
  publish->add_option("PACK", pack, "Pack file (.db), sealed and intact (check it first with orpheus-pack verify)");
  publish->add_option("--channel", channel_dir, "The channel folder (created if missing): channel.json and packs/")
      ->required();
  publish->add_option("-k,--key", key, "The curators' secret key file (BASE.key): signs the channel")->required();
  publish->add_option("--name", pub.name, "A new channel's name (default stable); an existing channel keeps its own");
  auto* group = publish->add_option("--group", pub.group, "Kiosks of this [update] group only (default *: every kiosk)");
  auto* percent = publish->add_option("--percent", pub.percent, "A staged rollout: this share of the group's kiosks (default 100)")
                      ->check(CLI::Range(1, 100));
  auto* from = publish->add_option("--from", pub.from, "Not before this time, with an offset: 2026-12-08T06:00Z or 2026-12-08T08:00+02:00");
  auto* min_version = publish->add_option("--min-kiosk-version", pub.min_kiosk_version,
                                          "Only kiosks running at least this Orpheus version");
  auto* rollback_flag = publish->add_flag("--rollback", pub.rollback,
                                          "Allow a version older than the group's current one: kiosks go back to it");
  publish->add_option("--valid-days", pub.valid_days, "Kiosks refuse the channel after this many days (default 90)")
      ->check(CLI::Range(1, 3660));
  auto* patches = publish->add_option("--patches", pub.patches,
                                      "Patches from up to this many older versions of the pack (default 3; 0: none)")
                      ->check(CLI::Range(0, 100));
  publish->add_flag("--renew", pub.renew, "No PACK: sign the channel again with a new serial and expiry, nothing else")
      ->excludes(group)
      ->excludes(percent)
      ->excludes(from)
      ->excludes(min_version)
      ->excludes(rollback_flag)
      ->excludes(patches);
  add_common(publish, false);
  publish->footer("Any static web server serves the folder. Files go in first, the signed channel.json last, so kiosks\n"
                  "never see a channel naming a file that is not complete.");

  orpheus::fleet::commands::FleetStatusArgs fleet;
  double stale_hours = 2;
  auto* fleet_status = app.add_subcommand("fleet-status", "Show the kiosks' status files that they PUT to the museum (docs/fleet.md).");
  fleet_status->add_option("DIR", fleet.dir, "The folder the status URL writes to: one folder per kiosk")->required();
  fleet_status->add_option("--channel", fleet.channel, "A channel folder: flag kiosks behind the version its rollouts give them");
  fleet_status->add_option("--stale-after", stale_hours, "Hours without news after which a kiosk is a problem (default 2)")
      ->check(CLI::Range(0.1, 24.0 * 365));
  fleet_status->add_flag("--json", fleet.json, "JSON instead of a table");
  fleet_status->footer("Exit status 1 when a kiosk has a problem: for a cron job that mails the table.");

  if (const auto status = orpheus::bin::parse_command_line(app, argc, argv, "orpheus-pack", commands::kUsage)) return *status;

  commands::Output out{std::cout, std::cerr, ProgressBar::is_terminal(STDERR_FILENO), quiet, all_warnings};
  build_opts.output = output;
  build_opts.threads = jobs;
  trust.key_files = paths(keys);
  if (!config.empty()) trust.config = store.config = config;
  store.content_dir = content_dir;

  if (build->parsed()) {
    build_opts.source_dir = src;
    build_opts.media_dirs = paths(media_dirs);
    build_opts.events_dirs = paths(events_dirs);
    build_opts.gshhg_dir = gshhg;
    return commands::build(build_opts, out);
  }
  if (import_iiif->parsed()) {
    iiif.inputs = paths(inputs);
    iiif.image_dirs = paths(image_dirs);
    return commands::import_iiif(iiif, build_opts, out);
  }
  if (import_csv->parsed()) {
    csv.csv = csv_file;
    csv.mapping = mapping;
    csv.image_dirs = paths(image_dirs);
    return commands::import_csv(csv, build_opts, out, rejects);
  }
  if (verify->parsed()) return commands::verify(pack, trust, jobs, out);
  if (inspect->parsed()) return commands::inspect(pack, json, out, verbose, now);
  if (keygen->parsed()) return commands::keygen(base, comment, force, out);
  if (sign->parsed()) return commands::sign(pack, key, out);
  if (install->parsed()) return commands::install(pack, store, trust, jobs, out);
  if (list->parsed()) return commands::list(store, json, out);
  if (fleet_status->parsed()) {
    fleet.stale_after_s = static_cast<std::uint64_t>(stale_hours * 3600);
    return orpheus::fleet::commands::fleet_status(fleet, out);
  }
  if (publish->parsed()) {
    pub.pack = pack;
    pub.channel_dir = channel_dir;
    pub.key_file = key;
    return orpheus::fleet::commands::publish(pub, out);
  }
  return commands::rollback(store, out);
}
