#pragma once
// The usage tests' exports: small days with known numbers, a kiosk key, signed texts, and JSON
// surgery on a signed text (a value changed, a member removed) to make tampered or broken files.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include <functional>
#include <string>

#include "support/temp_dir.h"
#include "trust/seal.h"
#include "usage/summary.h"

namespace orpheus::test {

// A day of `sessions` visits, every one in band `band`, `per_hour` of them at 10:00 and the rest at
// 11:00; each visit opened item "amphora" twice and "phiale" once, 30 s per view.
inline usage::DaySummary known_day(const std::string& date, std::int64_t sessions, int band = 4) {
  usage::DaySummary d;
  d.date = date;
  d.hours_on = {9, 10, 11, 12, 13, 14, 15, 16};
  d.sessions = sessions;
  d.sessions_by_hour[10] = sessions / 2;
  d.sessions_by_hour[11] = sessions - sessions / 2;
  d.session_s = sessions * 50;
  d.median_session_s = 50;
  d.length_bands[static_cast<std::size_t>(band)] = sessions;
  d.item_views = sessions * 3;
  d.item_dwell_s = sessions * 90;
  d.languages = {{"bg", sessions - sessions / 4}, {"en", sessions / 4}};
  if (sessions >= 10) d.accessibility = {{"large_text", sessions / 10}};
  d.screens = {{"item", sessions * 3}, {"search", 1}};
  d.items = {{"amphora", sessions * 2, sessions * 60, sessions}, {"phiale", sessions, sessions * 30, sessions}};
  d.searches = 4;
  d.searches_empty = 1;
  if (sessions >= 5) d.queries = {{"злато", 5}};
  d.events_opened = {{"lecture", 1}};
  d.attract_interruptions = sessions / 2;
  d.packs = {"thracology 3"};
  return d;
}

inline usage::Export known_export(const std::string& name, const std::string& institution, std::vector<usage::DaySummary> days,
                                  const std::string& created = "2027-03-20T09:00:00Z") {
  usage::Export e;
  e.kiosk.name = name;
  e.kiosk.institution = institution;
  e.time_zone = "Europe/Sofia";
  e.created = created;
  e.from = days.empty() ? "2027-03-01" : days.front().date;
  e.to = days.empty() ? "2027-03-01" : days.back().date;
  e.objects = {{"amphora", {{"bg", "Амфора-ритон"}, {"en", "Amphora-rhyton"}}}, {"phiale", {{"en", "Phiale"}}}};
  e.days = std::move(days);
  return e;
}

// A kiosk's key pair in `dir`: BASE.key and BASE.pub.
struct KioskKey {
  trust::SecretKey secret;
  trust::PublicKey public_key;
  std::filesystem::path public_file;
};
inline KioskKey kiosk_key(const TempDir& dir, const std::string& base) {
  std::filesystem::create_directories(dir / "keys");
  const auto files = trust::generate_key_pair(dir / "keys" / base, "kiosk " + base);
  return {trust::read_secret_key(files.secret_file), files.public_key, files.public_file};
}

// The signed text with one change made through the DOM, written back as export_text writes.
inline std::string edited(const std::string& text, const std::function<void(nlohmann::json&)>& edit) {
  nlohmann::json doc = nlohmann::json::parse(text);
  edit(doc);
  return doc.dump(1) + "\n";
}

// The signed text with the signature made again after the edit: a file that is validly signed but
// not what export_text would write (an unknown member, a wrong type) is refused for its content.
inline std::string edited_and_signed(const std::string& text, const trust::SecretKey& key,
                                     const std::function<void(nlohmann::json&)>& edit) {
  nlohmann::json doc = nlohmann::json::parse(text);
  doc.erase("signature");
  edit(doc);
  const std::string message = std::string("orpheus-usage-v1", 17) + doc.dump();
  const auto sig = trust::sign_message({reinterpret_cast<const std::uint8_t*>(message.data()), message.size()}, key);
  doc["signature"] = trust::signature_text(sig);
  return doc.dump(1) + "\n";
}

// The ExportError message parse_export gives, or "" if it accepts the text.
inline std::string refusal(const std::string& text, const std::string& file = "usage-a1b2.json") {
  try {
    usage::parse_export(text, file);
  } catch (const usage::ExportError& e) {
    return e.what();
  }
  return "";
}

}  // namespace orpheus::test
