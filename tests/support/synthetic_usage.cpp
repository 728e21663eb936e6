#include "support/synthetic_usage.h"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <fstream>
#include <map>
#include <mutex>
#include <numbers>
#include <random>
#include <stdexcept>
#include <thread>

#include "events/zone.h"

namespace orpheus::test {

namespace {

constexpr SyntheticObject kObjects[] = {
    {"horseman-altar-type-a", "Конникът пред олтара и дървото със змията", "The Horseman before the Altar and the Serpent Tree"},
    {"horseman-batkun", "Оброчни релефи от светилището на Асклепий при Баткун", "Votive Reliefs from the Sanctuary of Asclepius at Batkun"},
    {"horseman-boar-hunt", "Конникът на лов за глиган", "The Horseman Hunting a Boar"},
    {"horseman-glava-panega", "Оброчни релефи от светилището на Асклепий при Глава Панега",
     "Votive Reliefs from the Sanctuary of Asclepius at Glava Panega"},
    {"horseman-karabasmos-odessos", "Релеф с посвещение на Херос Карабазмос от Одесос", "Relief Dedicated to Heros Karabasmos from Odessos"},
    {"letnitsa-bears", "Апликация с две мечки", "Appliqué with two bears"},
    {"letnitsa-griffins", "Апликации с грифони", "Appliqués with griffins"},
    {"letnitsa-hierogamy", "Апликация със „свещения брак“", "Appliqué with the “sacred marriage”"},
    {"letnitsa-horseman-bear", "Фалера с конник, който се бори с мечка", "Phalera with a horseman fighting a bear"},
    {"letnitsa-wolf-roe-deer", "Апликация с вълк, нападнал сърна", "Appliqué with a wolf attacking a roe deer"},
    {"panagyurishte-amphora-rhyton", "Амфора-ритон", "Amphora-rhyton"},
    {"panagyurishte-head-jugs", "Кани-ритони във вид на женски глави", "Jug-rhyta in the form of women's heads"},
    {"panagyurishte-phiale", "Фиала с глави на африканци", "Phiale with heads of Africans"},
    {"panagyurishte-rhyton-goat", "Ритон с протоме на козел", "Rhyton with the forepart of a goat"},
    {"panagyurishte-rhyton-heracles-theseus", "Ритон с глава на елен, Херакъл и Тезей", "Deer-head rhyton with Heracles and Theseus"},
    {"panagyurishte-rhyton-judgement-of-paris", "Ритон с глава на елен и „Съдът на Парис“", "Deer-head rhyton with the Judgement of Paris"},
    {"panagyurishte-rhyton-ram", "Ритон с глава на овен", "Ram-head rhyton"},
    {"rogozen-auge-phiale", "Фиала с Херакъл и Авге", "Phiale with Heracles and Auge"},
    {"rogozen-goddess-jug", "Кана с богиня, яздеща лъвица", "Jug with a goddess riding a lioness"},
    {"rogozen-heracles-hippolyte-jug", "Кана с Херакъл и амазонката Иполита", "Jug with Heracles and the Amazon Hippolyte"},
    {"rogozen-satokos-phiale", "Фиала с името на Саток", "Phiale inscribed with the name of Satokos"},
    {"rogozen-treasure", "Рогозенското съкровище като цяло", "The Rogozen treasure as a whole"},
    {"beglik-tash", "Скалното светилище Бегликташ", "The Rock Sanctuary of Beglik Tash"},
    {"kabile", "Кабиле", "Kabyle"},
    {"perperikon", "Перперикон", "Perperikon"},
    {"sboryanovo-helis", "Гетският град в Сборяново (Хелис)", "The Getic City at Sboryanovo (Helis)"},
    {"seuthopolis", "Севтополис", "Seuthopolis"},
    {"tatul", "Скалното светилище при Татул", "The Rock Sanctuary at Tatul"},
    {"aleksandrovo-tomb", "Гробницата край Александрово", "The Aleksandrovo Tomb"},
    {"golyama-kosmatka-tomb", "Гробницата на Севт III в могилата Голяма Косматка", "The Tomb of Seuthes III in the Golyama Kosmatka Mound"},
    {"kazanlak-tomb", "Казанлъшката гробница", "The Kazanlak Tomb"},
    {"ostrusha-tomb", "Гробницата в могилата Оструша", "The Ostrusha Tomb"},
    {"seuthes-iii-bronze-head", "Бронзовата глава на Севт III", "The Bronze Head of Seuthes III"},
    {"seuthes-iii-gold-wreath", "Златният дъбов венец от Голяма Косматка", "The Gold Oak Wreath from Golyama Kosmatka"},
    {"shushmanets-tomb", "Храмът-гробница в могилата Шушманец", "The Temple-Tomb in the Shushmanets Mound"},
    {"starosel-chetinyova-mogila", "Храмът-гробница в Четиньова могила край Старосел", "The Temple-Tomb in Chetinyova Mogila near Starosel"},
    {"sveshtari-tomb", "Свещарската гробница", "The Sveshtari Tomb"},
    {"valchitran-cups", "Четирите чаши с една дръжка", "The four one-handled cups"},
    {"valchitran-discs", "Златните дискове („капаците“)", "The gold discs (the “lids”)"},
    {"valchitran-kantharos", "Голям двудръжков съд (кантарос)", "Large two-handled vessel (kantharos)"},
    {"valchitran-triple-vessel", "Тройният съд", "The triple vessel"},
};
static_assert(std::size(kObjects) == 41);

constexpr const char* kInstitutions[] = {
    "National Museum of History, Sofia",
    "Regional Museum of History, Plovdiv",
    "Varna Archaeological Museum",
    "Iskra Historical Museum, Kazanlak",
    "Regional Museum of History, Vratsa",
    "Регионален исторически музей – Шумен",
    "Regional Museum of History, Kardzhali",
    "Burgas Regional Museum of History",
    "Museum of History, Panagyurishte",
    "Regional Museum of History, Stara Zagora",
};

constexpr const char* kQueries[] = {"злато", "Панагюрище", "gold", "Севт", "гробница", "Thracian", "ритон", "Orpheus"};
constexpr const char* kEvents[] = {"lecture-thracian-gold", "tour-family-sunday", "workshop-clay-lamps"};

// What stays the same for an institution: its size, audience and favourite objects.
struct Museum {
  double size = 1, foreign = 0.3;
  int opens = 9, hours = 9;
  bool closed_mondays = true;
  std::vector<double> popularity;  // cumulative weights over kObjects
};

Museum museum(const SyntheticUsage& o, int institution) {
  std::mt19937 rng(o.seed * 7919u + static_cast<std::uint32_t>(institution));
  std::uniform_real_distribution<double> u(0, 1);
  Museum m;
  m.size = 0.6 + 1.2 * u(rng);
  m.foreign = 0.12 + 0.45 * u(rng);
  m.opens = institution % 3 == 1 ? 10 : 9;
  m.closed_mondays = institution % 4 != 0;
  // A popularity curve (1/rank^0.9) over the objects in an order of the museum's own.
  std::vector<int> order(std::size(kObjects));
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = static_cast<int>(i);
  std::shuffle(order.begin(), order.end(), rng);
  std::vector<double> weight(order.size());
  for (std::size_t r = 0; r < order.size(); ++r) weight[static_cast<std::size_t>(order[r])] = 1.0 / std::pow(r + 1.0, 0.9);
  double sum = 0;
  for (const double w : weight) m.popularity.push_back(sum += w);
  return m;
}

std::string institution_name(int i) {
  const std::string base = kInstitutions[i % std::size(kInstitutions)];
  return i < static_cast<int>(std::size(kInstitutions)) ? base : base + " " + std::to_string(i / std::size(kInstitutions) + 1);
}

// One day's visits drawn one by one and summed as the journal would.
usage::DaySummary simulate_day(std::mt19937& rng, const Museum& m, double kiosk_factor, std::int32_t day) {
  std::uniform_real_distribution<double> u(0, 1);
  std::normal_distribution<double> normal(0, 1);
  usage::DaySummary d;
  d.date = events::format_date(day);
  for (int h = m.opens; h < m.opens + m.hours; ++h) d.hours_on.push_back(h);
  const int weekday = events::weekday(day);
  const auto date = events::civil_date(day);
  const double season = 1 + 0.35 * std::sin((date.month - 4) / 12.0 * 2 * std::numbers::pi);  // peaks in July
  const double mean = 42 * m.size * kiosk_factor * (weekday >= 5 ? 1.5 : 1.0) * season;
  const auto sessions = static_cast<std::int64_t>(std::max(0.0, std::round(mean + std::sqrt(mean) * normal(rng))));

  std::vector<double> hour_weight;
  double hw = 0;
  for (const int h : d.hours_on) {
    const double x = h + 0.5;
    hour_weight.push_back(hw += 0.3 + std::exp(-(x - 11.5) * (x - 11.5) / 3) + 0.8 * std::exp(-(x - 15) * (x - 15) / 4));
  }
  std::lognormal_distribution<double> length_of(std::log(100.0), 0.85);
  std::map<std::string, usage::ItemDay> items;
  std::map<std::string, std::int64_t> query_sessions;
  std::vector<std::int64_t> lengths;
  lengths.reserve(static_cast<std::size_t>(sessions));
  for (std::int64_t s = 0; s < sessions; ++s) {
    const auto hour_at = std::upper_bound(hour_weight.begin(), hour_weight.end(), u(rng) * hw) - hour_weight.begin();
    const int hour = d.hours_on[std::min<std::size_t>(static_cast<std::size_t>(hour_at), d.hours_on.size() - 1)];
    ++d.sessions_by_hour[static_cast<std::size_t>(hour)];
    const auto length = std::clamp<std::int64_t>(std::llround(length_of(rng)), 4, 3000);
    lengths.push_back(length);
    d.session_s += length;
    ++d.length_bands[static_cast<std::size_t>(usage::length_band(length))];
    std::string language = "bg";
    if (u(rng) < m.foreign) {
      const double l = u(rng);
      language = l < 0.6 ? "en" : l < 0.72 ? "de" : l < 0.8 ? "fr" : l < 0.9 ? "ru" : "el";
    }
    ++d.languages[language];
    for (const auto& [mode, p] : {std::pair<const char*, double>{"large_text", 0.06}, {"high_contrast", 0.02}, {"reach", 0.015}}) {
      if (u(rng) < p) ++d.accessibility[mode];
    }
    if (u(rng) < 0.09) {
      ++d.accessibility["narration"];
      const int n = 1 + (u(rng) < 0.3);
      d.narrations += n;
      d.narration_s += n * (40 + static_cast<std::int64_t>(u(rng) * 80));
    }
    // Objects: more in a longer visit; their time shares the visit's.
    const int views = 1 + static_cast<int>(std::min<std::int64_t>(length / 45, 11) * u(rng) + 0.5);
    std::vector<std::string> seen;
    for (int v = 0; v < views; ++v) {
      const auto at = std::upper_bound(m.popularity.begin(), m.popularity.end(), u(rng) * m.popularity.back()) - m.popularity.begin();
      const std::string slug = kObjects[std::min<std::size_t>(static_cast<std::size_t>(at), std::size(kObjects) - 1)].slug;
      usage::ItemDay& item = items[slug];
      item.id = slug;
      ++item.views;
      const auto dwell = static_cast<std::int64_t>(static_cast<double>(length) / views * (0.6 + 0.3 * u(rng)));
      item.dwell_s += dwell;
      d.item_dwell_s += dwell;
      if (std::find(seen.begin(), seen.end(), slug) == seen.end()) {
        ++item.sessions;
        seen.push_back(slug);
      }
    }
    d.item_views += views;
    d.screens["item"] += views;
    d.screens["collection"] += 1 + (u(rng) < 0.4);
    if (u(rng) < 0.3) ++d.screens["viewer"];
    if (u(rng) < 0.1) ++d.screens["map"];
    if (u(rng) < 0.08) ++d.screens["timeline"];
    if (u(rng) < 0.15) {
      ++d.screens["search"];
      const int n = 1 + (u(rng) < 0.4);
      d.searches += n;
      for (int q = 0; q < n; ++q)
        if (u(rng) < 0.18) ++d.searches_empty;
      ++query_sessions[kQueries[static_cast<std::size_t>(u(rng) * u(rng) * std::size(kQueries))]];
    }
    if (u(rng) < 0.05) {
      ++d.screens["whats_on"];
      ++d.events_opened[kEvents[static_cast<std::size_t>(u(rng) * std::size(kEvents))]];
    }
    if (u(rng) < 0.7) ++d.attract_interruptions;
  }
  d.sessions = sessions;
  if (!lengths.empty()) {
    auto mid = lengths.begin() + static_cast<std::ptrdiff_t>(lengths.size() / 2);
    std::nth_element(lengths.begin(), mid, lengths.end());
    d.median_session_s = *mid;
  }
  for (const auto& [q, n] : query_sessions)
    if (n >= 5) d.queries[q] = n;  // the journal's rule: a text only once five visitors typed it
  for (auto& [slug, item] : items) d.items.push_back(std::move(item));
  std::stable_sort(d.items.begin(), d.items.end(), [](const usage::ItemDay& a, const usage::ItemDay& b) { return a.views > b.views; });
  d.packs = {"thracology 3"};
  return d;
}

}  // namespace

std::span<const SyntheticObject> synthetic_objects() { return kObjects; }

usage::Export synthetic_export(const SyntheticUsage& o, int institution, int kiosk) {
  const Museum m = museum(o, institution);
  std::mt19937 rng(o.seed ^ (static_cast<std::uint32_t>(institution) * 2654435761u) ^ (static_cast<std::uint32_t>(kiosk) * 40503u));
  std::uniform_real_distribution<double> u(0, 1);
  const double kiosk_factor = 0.5 + u(rng);
  const auto first = events::parse_date(o.first_day);
  if (!first) throw std::invalid_argument("synthetic_export: first_day is not a date: " + o.first_day);

  usage::Export e;
  e.kiosk.name = "Kiosk " + std::to_string(kiosk + 1);
  e.kiosk.institution = institution_name(institution);
  e.time_zone = "Europe/Sofia";
  e.from = events::format_date(*first);
  e.to = events::format_date(*first + o.days - 1);
  e.created = events::format_date(*first + o.days) + "T06:00:00Z";
  for (const auto& obj : kObjects) e.objects[obj.slug] = {{"bg", obj.bg}, {"en", obj.en}};
  for (std::int32_t day = *first; day < *first + o.days; ++day) {
    if (m.closed_mondays && events::weekday(day) == 0) continue;
    if (u(rng) < 0.02) continue;  // switched off, or out of order
    e.days.push_back(simulate_day(rng, m, kiosk_factor, day));
  }
  return e;
}

SyntheticFiles write_synthetic_exports(const SyntheticUsage& o, const std::filesystem::path& dir, unsigned threads) {
  SyntheticFiles files;
  files.keys = dir / "keys";
  std::filesystem::create_directories(files.keys);
  const int total = o.institutions * o.kiosks;
  files.exports.resize(static_cast<std::size_t>(total));
  std::atomic<int> next{0};
  std::exception_ptr failure;
  std::mutex failure_lock;
  const auto work = [&] {
    for (int n; (n = next++) < total;) {
      try {
        const int i = n / o.kiosks, k = n % o.kiosks;
        const std::string base = std::to_string(i + 1) + "-" + std::to_string(k + 1);
        const auto keys = trust::generate_key_pair(files.keys / ("kiosk-" + base), "Kiosk " + std::to_string(k + 1) + ", " + institution_name(i), true);
        const std::string text = usage::export_text(synthetic_export(o, i, k), trust::read_secret_key(keys.secret_file));
        const auto file = dir / ("usage-" + base + ".json");
        std::ofstream(file, std::ios::binary) << text;
        files.exports[static_cast<std::size_t>(n)] = file;
      } catch (...) {
        std::lock_guard lock(failure_lock);
        if (!failure) failure = std::current_exception();
      }
    }
  };
  if (threads == 0) threads = std::max(1u, std::thread::hardware_concurrency());
  std::vector<std::jthread> pool;
  for (unsigned t = 1; t < threads; ++t) pool.emplace_back(work);
  work();
  pool.clear();
  if (failure) std::rethrow_exception(failure);
  return files;
}

}  // namespace orpheus::test
