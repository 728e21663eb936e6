#include "usage/export.h"

#include <unistd.h>

#include <chrono>
#include <iostream>
#include <stdexcept>

#include "catalog/sqlite.h"
#include "core/files.h"
#include "core/log.h"
#include "events/zone.h"
#include "usage/journal.h"

namespace orpheus::usage {
namespace {

std::string host_name() {
  char buf[256] = {};
  return gethostname(buf, sizeof buf - 1) == 0 ? std::string(buf) : std::string("kiosk");
}

std::int64_t now_s() {
  return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
}

}  // namespace

std::filesystem::path kiosk_key_base(const std::filesystem::path& journal) { return journal.parent_path() / "usage-key"; }

trust::SecretKey kiosk_key(const std::filesystem::path& journal) {
  const auto base = kiosk_key_base(journal);
  auto secret = base;
  secret += ".key";
  if (!std::filesystem::exists(secret)) {
    trust::generate_key_pair(base, "Orpheus kiosk " + host_name() + ": signs its usage exports");
    log::info("usage", "made this kiosk's usage key " + secret.string());
  }
  return trust::read_secret_key(secret);
}

std::string journal_day(const std::filesystem::path& journal, int delta) {
  auto zone = events::TimeZone::utc();
  if (const auto name = journal_time_zone(journal))
    if (auto z = events::TimeZone::named(*name)) zone = *z;
  return events::format_date(zone.to_local(now_s()).day + delta);
}

Export read_export_days(const ExportRequest& request) {
  Export e;
  e.kiosk.name = request.kiosk_name.empty() ? host_name() : request.kiosk_name;
  e.kiosk.institution = request.institution;
  e.time_zone = journal_time_zone(request.journal).value_or("UTC");
  e.created = request.created.empty() ? events::format_instant(now_s()) : request.created;
  e.from = request.from;
  e.to = request.to;
  e.days = read_days(request.journal, request.from, request.to);
  e.objects = read_titles(request.journal, e.days);
  return e;
}

std::filesystem::path export_file(const config::Config& config, std::string since, std::string until,
                                  std::filesystem::path output) {
  const auto journal = config::usage_file(config);
  if (journal.empty())
    throw std::runtime_error(config.usage.enabled ? "no usage journal: the configuration names no [state] dir and no [usage] file"
                                                  : "no usage journal: [usage] enabled = false in the configuration");
  if (!std::filesystem::exists(journal)) throw std::runtime_error(journal.string() + ": no usage journal there (has the kiosk run?)");
  if (until.empty()) until = journal_day(journal, -1);
  if (since.empty()) since = until;
  for (const auto* d : {&since, &until})
    if (!events::parse_date(*d)) throw std::runtime_error("'" + *d + "' is not a date: write YYYY-MM-DD");
  if (since > until) throw std::runtime_error("--since " + since + " is after --until " + until);
  const auto key = kiosk_key(journal);
  const auto text = export_text(
      read_export_days({journal, since, until, config.usage.kiosk_name, config.usage.institution, {}}), key);
  if (output == "-") {
    std::cout << text;
    return output;
  }
  if (output.empty()) output = "usage-" + key.public_key().id() + "-" + since + "-" + until + ".json";
  core::write_file_atomically(output, text);
  return output;
}

}  // namespace orpheus::usage
