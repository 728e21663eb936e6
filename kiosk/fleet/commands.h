#pragma once
// The fleet's subcommands of orpheus-pack (kiosk/bin/orpheus_pack.cpp only parses): publish on
// the curators' side, fleet-status on the museum's. Exit statuses and printing as the other
// subcommands (packs/commands.h): 0 ok, 1 refused or problems, 2 usage.
#include <cstdint>
#include <filesystem>
#include <string>

#include "packs/commands.h"

namespace orpheus::fleet::commands {

using packs::commands::Output;

// orpheus-pack publish: a pack onto a channel folder that kiosks update from (fleet/publish.h), or
// with `renew` the channel only signed again with a new serial and expiry. A refusal (an older
// version without rollback, the same version with other content, a pack that is not intact) is 1;
// an unreadable key, an unreadable --from time, PACK and --renew both or neither are 2.
struct PublishArgs {
  std::filesystem::path pack;  // empty with renew
  std::filesystem::path channel_dir, key_file;
  std::string name;            // a new channel's name; "": "stable"
  std::string group = "*", from, min_kiosk_version;
  int percent = 100, valid_days = 90, patches = 3;
  bool rollback = false, renew = false;
};
int publish(const PublishArgs& args, Output& o);

// orpheus-pack fleet-status DIR: the kiosks' status files in DIR (fleet/status.h) as a table, or
// JSON. `channel`: a channel folder (as publish writes it) whose rollouts tell which version each kiosk should run (checked
// against its own signer); `stale_after_s`: not seen for longer is a problem. 1 when any kiosk
// has a problem (a cron job mails the table), 2 when DIR or the channel cannot be read.
struct FleetStatusArgs {
  std::filesystem::path dir, channel;
  std::uint64_t stale_after_s = 2 * 3600;
  bool json = false;
};
int fleet_status(const FleetStatusArgs& args, Output& o);

}  // namespace orpheus::fleet::commands
