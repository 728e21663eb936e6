#include "fleet/commands.h"

#include <iostream>

#include "fleet/channel.h"
#include "fleet/delta.h"
#include "fleet/publish.h"
#include "fleet/status.h"
#include "trust/seal.h"

namespace orpheus::fleet::commands {

using packs::commands::kOk;
using packs::commands::kProblems;
using packs::commands::kUsage;

int publish(const PublishArgs& args, Output& o) {
  if (args.renew == !args.pack.empty()) {
    o.err << "orpheus-pack: publish: give PACK, or --renew to sign the channel again without a new pack\n";
    return kUsage;
  }
  fleet::PublishOptions p;
  p.pack = args.pack;
  p.channel_dir = args.channel_dir;
  p.channel_name = args.name;
  p.group = args.group;
  p.percent = args.percent;
  p.min_kiosk_version = args.min_kiosk_version;
  p.rollback = args.rollback;
  p.valid_days = args.valid_days;
  p.patch_bases = args.patches;
  if (!args.from.empty()) {
    const auto from = fleet::to_utc(args.from);
    if (!from) {
      o.err << "orpheus-pack: --from '" << args.from
            << "' is not a time with an offset: write it as 2026-12-08T06:00:00Z or 2026-12-08T08:00+02:00\n";
      return kUsage;
    }
    p.from = *from;
  }
  try {
    p.key = trust::read_secret_key(args.key_file);
  } catch (const trust::TrustError& e) {
    o.err << "orpheus-pack: " << e.what() << "\n";
    return kUsage;
  }
  if (!o.quiet) p.progress = [&](const std::string& stage) { o.err << stage << "...\n"; };
  try {
    const fleet::PublishResult r = fleet::publish(p);
    if (!o.quiet) {
      for (const auto& f : r.removed) o.err << "removed " << f << "\n";
      o.out << r.summary << "\n";
    }
  } catch (const fleet::PublishError& e) {
    o.err << "orpheus-pack: " << e.what() << "\n";
    return kProblems;
  } catch (const fleet::ChannelError& e) {
    o.err << "orpheus-pack: " << e.what() << "\n";
    return kProblems;
  } catch (const fleet::DeltaError& e) {
    o.err << "orpheus-pack: " << e.what() << "\n";
    return kProblems;
  } catch (const trust::TrustError& e) {
    o.err << "orpheus-pack: " << e.what() << "\n";
    return kProblems;
  } catch (const std::exception& e) {  // the file system's errors name their paths
    o.err << "orpheus-pack: publish: " << e.what() << "\n";
    return kProblems;
  }
  return kOk;
}

int fleet_status(const FleetStatusArgs& args, Output& o) {
  FleetOptions options;
  options.stale_after_s = args.stale_after_s;
  if (!args.channel.empty()) {
    try {
      options.channel = read_channel_dir(args.channel);
      if (!options.channel) {
        o.err << "orpheus-pack: " << (args.channel / "channel.json").string() << ": no channel there\n";
        return kUsage;
      }
    } catch (const std::exception& e) {
      o.err << "orpheus-pack: " << e.what() << "\n";
      return kUsage;
    }
  }
  std::vector<FleetRow> rows;
  try {
    rows = read_fleet(args.dir, options);
  } catch (const StatusError& e) {
    o.err << "orpheus-pack: " << e.what() << "\n";
    return kUsage;
  }
  if (args.json)
    o.out << fleet_json(rows);
  else
    print_fleet_table(rows, o.out);
  for (const auto& r : rows)
    if (!r.problems.empty()) return kProblems;
  return kOk;
}

}  // namespace orpheus::fleet::commands
