#include "ui/screen.h"

#include <cassert>
#include <nlohmann/json.hpp>

namespace orpheus::ui {

session::ScreenId ScreenRegistry::add(ScreenEntry entry) {
  assert(entry.make && !find(entry.name));
  entries_.push_back(std::move(entry));
  return session::ScreenId{static_cast<std::uint16_t>(entries_.size() - 1)};
}

const ScreenEntry* ScreenRegistry::find(session::ScreenId id) const {
  return id.value < entries_.size() ? &entries_[id.value] : nullptr;
}

std::optional<session::ScreenId> ScreenRegistry::find(std::string_view name) const {
  for (std::size_t i = 0; i < entries_.size(); ++i)
    if (entries_[i].name == name) return session::ScreenId{static_cast<std::uint16_t>(i)};
  return std::nullopt;
}

std::string_view ScreenRegistry::name(session::ScreenId id) const {
  const auto* e = find(id);
  return e ? std::string_view(e->name) : std::string_view("?");
}

Screens::Screens(ScreenRegistry registry, ScreenContext context) : registry_(std::move(registry)), context_(context) {
  offer(nullptr);
}

void Screens::offer(const catalog::Snapshot* snapshot) {
  launchers_.clear();
  for (std::size_t i = 0; i < registry_.entries_.size(); ++i)
    if (const auto& e = registry_.entries_[i]; e.launcher != Icon::none && (!e.offered || (snapshot && e.offered(*snapshot))))
      launchers_.push_back({session::ScreenId{static_cast<std::uint16_t>(i)}, e.launcher, "open." + e.name, e.beside_home});
}

void Screens::show(const std::shared_ptr<const catalog::Snapshot>& snapshot) {
  screens_.clear();  // nothing of the old pack's instances waits on the old pack's work
  for (const auto& e : registry_.entries_)
    if (e.pack_shown) e.pack_shown(snapshot, context_);
  offer(snapshot.get());
  reset(snapshot.get());
}

void Screens::reset(const catalog::Snapshot* snapshot) {
  screens_.clear();
  for (const auto& e : registry_.entries_) {
    screens_.push_back(e.make(context_));
    if (snapshot) screens_.back()->prepare(*snapshot);
  }
}

void Screens::draw(UiFrame& f) {
  if (f.route.screen.value < screens_.size()) screens_[f.route.screen.value]->draw(f);
}

void Screens::state(session::ScreenId id, nlohmann::json& out) const {
  out["screen"] = std::string(name(id));
  if (id.value < screens_.size()) screens_[id.value]->state(out);
}

}  // namespace orpheus::ui
