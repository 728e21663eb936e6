#include "app/visit.h"

#include <algorithm>

#include <nlohmann/json.hpp>

#include "app/settings.h"
#include "core/log.h"
#include "ui/widgets.h"

namespace orpheus::app {
namespace {

bool same_view(const session::Route& a, const session::Route& b) {
  return a.screen == b.screen && a.collection_id == b.collection_id && a.item_id == b.item_id;
}

}  // namespace

Visit::Visit(ui::ScreenRegistry registry, ui::ScreenContext context) : screens_(std::move(registry), context) {}

void Visit::show(const std::shared_ptr<const catalog::Snapshot>& snapshot, const config::SessionConfig& config,
                 const std::vector<std::string>& interface_languages) {
  languages_ = enabled_languages(config, snapshot->pack.languages, interface_languages);
  std::string unspoken;
  for (const auto& l : snapshot->pack.languages)
    if (std::find(interface_languages.begin(), interface_languages.end(), l) == interface_languages.end())
      unspoken += (unspoken.empty() ? "" : ", ") + l;
  if (!unspoken.empty())
    log::info("app", "the interface has no translation into " + unspoken +
                         " (assets/po): offered only where session.languages names it, with English buttons");
  start_language_ = start_language(config, languages_, snapshot->pack.default_language);
  if (!config.default_language.empty() && config.default_language != start_language_)
    log::warn("app", "language '" + config.default_language + "' is not enabled for this pack; starting in " + start_language_);
  session_ = std::make_unique<session::Session>(start_language_);
  screens_.show(snapshot);
}

void Visit::reset(const catalog::Snapshot* snapshot) {
  session_ = snapshot ? std::make_unique<session::Session>(start_language_) : nullptr;
  screens_.reset(snapshot);
}

void Visit::recover(const catalog::Snapshot& snapshot) {
  session_ = std::make_unique<session::Session>(snapshot.pack.default_language);
}

void Visit::draw(ui::UiFrame& f) {
  const bool changed = !same_view(f.route, last_route_) || session_->language() != last_language_ ||
                       session_->text_size() != last_text_size_ || session_->high_contrast() != last_high_contrast_ ||
                       session_->reach() != last_reach_;
  last_route_ = f.route;
  last_language_ = session_->language();
  last_text_size_ = session_->text_size();
  last_high_contrast_ = session_->high_contrast();
  last_reach_ = session_->reach();
  f.text_size = session_->text_size();
  if (f.fonts.body) {
    body_px_ = f.fonts.body->FontSize;
    ui_px_ = f.fonts.ui->FontSize;
    lead_px_ = f.fonts.lead->FontSize;
    title_px_ = f.fonts.title->FontSize;
  }
  f.high_contrast = session_->high_contrast();
  f.reach = session_->reach();
  f.route_changed = changed;
  // The picker is modal: the screen under it takes no tap, the picker takes this frame's.
  f.choosing_language = session_->choosing_language();
  if (f.choosing_language) f.tap_consumed = true;
  screens_.draw(f);
  if (f.choosing_language) {
    f.tap_consumed = false;
    ui::language_picker(f);
  }
}

bool Visit::apply(const std::vector<session::Intent>& intents, const catalog::Snapshot& snapshot) {
  bool changed = false;
  for (const auto& in : intents)
    if (session_ && session_->apply(in, snapshot)) changed = true;
  return changed;
}

std::optional<bool> Visit::viewer_sharp() const {
  if (!session_ || session_->route().screen != session::screen::viewer) return std::nullopt;
  nlohmann::json s;
  screens_.state(session::screen::viewer, s);
  return s["viewer"]["sharp"].get<bool>();
}

void Visit::state(nlohmann::json& j, const catalog::Snapshot& snap) const {
  const session::Route& r = session_->route();
  const auto& lang = session_->language();
  screens_.state(r.screen, j);
  j["language"] = lang;
  j["text_size"] = session::text_size_name(session_->text_size());
  j["font_px"] = {{"body", body_px_}, {"ui", ui_px_}, {"lead", lead_px_}, {"title", title_px_}};
  j["high_contrast"] = session_->high_contrast();
  j["choosing_language"] = session_->choosing_language();
  j["depth"] = session_->stack().size();
  j["scroll"] = r.scroll;
  if (const auto* c = snap.find_collection(r.collection_id))
    j["collection"] = {{"id", c->id}, {"slug", c->slug}, {"title", std::string(c->title.get(lang, snap.fallback()))}};
  if (const auto* it = snap.find_item(r.item_id)) {
    j["item"] = {{"id", it->id}, {"slug", it->slug}, {"title", std::string(it->title.get(lang, snap.fallback()))}};
    j["media_index"] = r.media_index;
  }
  j["title"] = std::string(snap.pack.title.get(lang, snap.fallback()));
}

}  // namespace orpheus::app
