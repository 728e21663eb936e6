// The report's page (report.h: render_html): one static HTML file in English or Bulgarian, charts
// as inline SVG each followed by its numbers as a table, printable.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <functional>

#include "core/text.h"
#include "core/utf8.h"
#include "events/zone.h"
#include "usage/report.h"

namespace orpheus::usage {

// --- the page ------------------------------------------------------------------------------------

namespace {

// Every word of the page, in each language.
struct Words {
  const char* lang;
  const char* title;
  const char* intro;
  const char* visit_is;
  const char* period;
  const char* institutions;
  const char* kiosks;
  const char* exports;
  const char* kiosk_days;
  const char* visits;
  const char* contents;
  const char* comparison;
  const char* comparison_note;
  const char* institution;
  const char* rank;
  const char* unnamed;
  std::array<const char*, kMeasures.size()> measures;
  std::array<const char*, kMeasures.size()> measure_notes;
  const char* open_hours;
  const char* narrations;
  const char* from_attract;
  const char* searches;
  const char* visits_per_day, *visits_per_week, *visits_per_month;
  const char* by_hour;
  const char* top_objects;
  const char* languages;
  const char* accessibility;
  const char* screens;
  const char* search;
  const char* frequent_searches;
  const char* frequent_searches_note;
  const char* events_opened;
  const char* kiosk_table;
  const char* kiosk_matrix_day, *kiosk_matrix_week, *kiosk_matrix_month;
  const char* kiosk_hours;
  const char* day, *week_of, *month, *hour;
  const char* object, *views, *time_per_view, *language, *share, *per_visit, *mode, *screen, *opened, *search_text, *event;
  const char* kiosk, *id, *days, *objects_viewed, *visits_per_kiosk_day, *searches_empty;
  const char* refused, *refused_note, *file, *reason;
  const char* untrusted, *untrusted_note;
  const char* replaced;  // {n}
  const char* more;      // {n}
  const char* nothing;
  const char* minutes, *seconds;
  std::array<const char*, 12> month_names;
  std::array<const char*, 12> month_short;
};

const Words kEnglish{
    "en",
    "Kiosk usage across institutions",
    "Anonymous counts from the signed usage exports of Orpheus kiosks: no visitor is told apart from another, "
    "no time is finer than the hour.",
    "A visit is one visitor's session at a kiosk, from the first touch to the return to the start screen.",
    "Period",
    "Institutions",
    "Kiosks",
    "Exports",
    "Kiosk days",
    "Visits",
    "Contents",
    "Comparison of the members",
    "Rank 1 is the highest value; for searches without a result, the lowest. Equal values share a rank.",
    "Institution",
    "rank",
    "Unnamed institution",
    {"Visits", "Visits per open hour", "Median visit length", "Objects per visit", "Time per object view",
     "Other languages", "Accessibility per 100 visits", "Searches without result"},
    {"all visits in the period", "visits divided by the hours the kiosks were running",
     "half of the visits were shorter (read from length bands)", "object pages opened per visit",
     "mean time on an object's page and its images", "visits that ended in another language than the institution's most used one",
     "large text, high contrast, reach mode and narration used, per 100 visits", "share of searches that found nothing"},
    "Open hours",
    "Narrations started",
    "Visits begun at the slideshow",
    "Searches",
    "Visits per day",
    "Visits per week",
    "Visits per month",
    "Visits by hour of day",
    "Most viewed objects",
    "Languages",
    "Accessibility",
    "Screens opened",
    "Search",
    "Frequent searches",
    "Texts that at least five visitors searched for on the same day; the count adds those visitors up.",
    "What's on: events opened",
    "Kiosks",
    "Visits per day, by kiosk",
    "Visits per week, by kiosk",
    "Visits per month, by kiosk",
    "Mean visits per kiosk day, by hour and kiosk",
    "Day",
    "Week of",
    "Month",
    "Hour",
    "Object",
    "Views",
    "Time per view",
    "Language",
    "Share",
    "Per visit",
    "Mode",
    "Screen",
    "Opened",
    "Search text",
    "Event",
    "Kiosk",
    "Id",
    "Days",
    "Objects viewed",
    "Visits per kiosk day",
    "without result",
    "Refused exports",
    "These files were left out of every figure.",
    "File",
    "Reason",
    "Kiosks not in the trusted list",
    "Their exports are intact but were left out: their keys are not among the trusted kiosks.",
    "{n} kiosk days were in more than one export of the same kiosk; each was counted once, from the newest export.",
    "… and {n} more",
    "No visits recorded.",
    "min",
    "s",
    {"January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"},
    {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"},
};

const Words kBulgarian{
    "bg",
    "Използване на киосците в институциите",
    "Анонимни данни от подписаните експорти на киосците „Орфей“: никой посетител не се отличава от друг, "
    "времето не е по-точно от часа.",
    "Посещение е сесията на един посетител на киоска — от първото докосване до връщането към началния екран.",
    "Период",
    "Институции",
    "Киоски",
    "Експорти",
    "Дни на киосците",
    "Посещения",
    "Съдържание",
    "Сравнение между институциите",
    "Място 1 е най-високата стойност; при търсенията без резултат — най-ниската. Равните стойности делят място.",
    "Институция",
    "място",
    "Институция без име",
    {"Посещения", "Посещения на работен час", "Средна продължителност (медиана)", "Обекти на посещение",
     "Време за един обект", "Други езици", "Достъпност на 100 посещения", "Търсения без резултат"},
    {"всички посещения за периода", "посещенията, разделени на часовете, в които киосците са работили",
     "половината посещения са по-кратки (по интервалите на продължителност)", "отворени страници на обекти за едно посещение",
     "средно време на страницата на обекта и в изображенията му",
     "посещения, завършили на език, различен от най-използвания в институцията",
     "едър текст, висок контраст, снижен екран и озвучаване на 100 посещения", "дял на търсенията, които не са намерили нищо"},
    "Работни часове",
    "Пуснати озвучавания",
    "Посещения, започнали от слайдшоуто",
    "Търсения",
    "Посещения по дни",
    "Посещения по седмици",
    "Посещения по месеци",
    "Посещения по час от деня",
    "Най-разглеждани обекти",
    "Езици",
    "Достъпност",
    "Отворени екрани",
    "Търсене",
    "Чести търсения",
    "Текстове, търсени от поне петима посетители в един ден; броят сумира тези посетители.",
    "Програма: отворени събития",
    "Киоски",
    "Посещения по дни за всеки киоск",
    "Посещения по седмици за всеки киоск",
    "Посещения по месеци за всеки киоск",
    "Средно посещения на ден по часове за всеки киоск",
    "Ден",
    "Седмица от",
    "Месец",
    "Час",
    "Обект",
    "Прегледи",
    "Време на преглед",
    "Език",
    "Дял",
    "На посещение",
    "Режим",
    "Екран",
    "Отваряния",
    "Търсен текст",
    "Събитие",
    "Киоск",
    "Идентификатор",
    "Дни",
    "Разгледани обекти",
    "Посещения на киоск за ден",
    "без резултат",
    "Отхвърлени експорти",
    "Тези файлове не са включени в нито една от цифрите.",
    "Файл",
    "Причина",
    "Киоски извън списъка с доверени",
    "Експортите им са непокътнати, но не са включени: ключовете им не са сред доверените киоски.",
    "{n} дни на киоски се срещат в повече от един експорт на същия киоск; всеки е отчетен веднъж, от най-новия експорт.",
    "… и още {n}",
    "Няма записани посещения.",
    "мин",
    "с",
    {"януари", "февруари", "март", "април", "май", "юни", "юли", "август", "септември", "октомври", "ноември", "декември"},
    {"яну", "фев", "мар", "апр", "май", "юни", "юли", "авг", "сеп", "окт", "ное", "дек"},
};

// Names the page gives to language codes, accessibility modes and screens; others show as they are.
struct Name {
  const char* key;
  const char* en;
  const char* bg;
};
constexpr Name kLanguageNames[] = {
    {"bg", "Bulgarian", "Български"}, {"de", "German", "Немски"},       {"el", "Greek", "Гръцки"},
    {"en", "English", "Английски"},   {"es", "Spanish", "Испански"},    {"fr", "French", "Френски"},
    {"it", "Italian", "Италиански"},  {"ja", "Japanese", "Японски"},    {"mk", "Macedonian", "Македонски"},
    {"nl", "Dutch", "Нидерландски"},  {"pl", "Polish", "Полски"},       {"ro", "Romanian", "Румънски"},
    {"ru", "Russian", "Руски"},       {"sr", "Serbian", "Сръбски"},     {"tr", "Turkish", "Турски"},
    {"uk", "Ukrainian", "Украински"}, {"zh", "Chinese", "Китайски"},
};
constexpr Name kModeNames[] = {
    {"high_contrast", "High contrast", "Висок контраст"},
    {"large_text", "Large text", "Едър текст"},
    {"narration", "Narration", "Озвучаване"},
    {"reach", "Reach mode (screen lowered)", "Снижен екран (за достъпност)"},
};
constexpr Name kScreenNames[] = {
    {"about", "About this exhibition", "За изложбата"}, {"collection", "Collection", "Колекция"},
    {"events", "What's on", "Програма"},                {"home", "Home", "Начало"},
    {"item", "Object", "Обект"},                        {"map", "Map", "Карта"},
    {"search", "Search", "Търсене"},                    {"timeline", "Timeline", "Хронология"},
    {"viewer", "Full-screen image", "Изображение на цял екран"}, {"whats_on", "What's on", "Програма"},
};

template <std::size_t N>
std::string name_of(const Name (&names)[N], const std::string& key, bool bg) {
  for (const auto& n : names)
    if (key == n.key) return bg ? n.bg : n.en;
  return key;
}

std::string replace_n(std::string_view pattern, const std::string& n) {
  std::string s(pattern);
  if (const auto at = s.find("{n}"); at != std::string::npos) s.replace(at, 3, n);
  return s;
}

// HTML text and attribute values: the five characters that can end or start markup escaped, and
// bytes that are not UTF-8 (a file's name, say) shown as U+FFFD.
std::string esc(std::string_view s) {
  std::string out;
  out.reserve(s.size() + 8);
  for (std::size_t i = 0; i < s.size();) {
    const char c = s[i];
    if (static_cast<unsigned char>(c) >= 0x80) {
      const auto [code, length] = core::decode_utf8(s, i);
      if (length == 0) {
        out += "\uFFFD";
        ++i;
      } else {
        out.append(s.substr(i, length));
        i += length;
      }
      continue;
    }
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
    ++i;
  }
  return out;
}

// At most `max` code points, an ellipsis marking a cut.
std::string shortened(std::string_view s, std::size_t max) {
  if (core::count_code_points(s) <= max) return std::string(s);
  std::size_t i = 0;
  for (std::size_t n = 0; n + 1 < max && i < s.size(); ++n) {
    const auto [c, len] = core::decode_utf8(s, i);
    i += len ? len : 1;
  }
  return std::string(core::trim(s.substr(0, i))) + "…";
}

// Numbers, durations and dates as each language writes them.
class Format {
 public:
  explicit Format(bool bg) : bg_(bg) {}

  // Bulgarian groups with a no-break space from 10 000 on (CLDR's minimum grouping digits, 2).
  std::string integer(std::int64_t n) const {
    std::string digits = std::to_string(n < 0 ? -n : n);
    const bool group = !bg_ || digits.size() > 4;
    std::string out;
    for (std::size_t i = 0; i < digits.size(); ++i) {
      if (group && i > 0 && (digits.size() - i) % 3 == 0) out += bg_ ? "\u00A0" : ",";
      out += digits[i];
    }
    return n < 0 ? "-" + out : out;
  }
  std::string decimal(double v, int places) const {
    const double scale = std::pow(10.0, places);
    const auto whole = static_cast<std::int64_t>(std::llround(v * scale));
    std::string s = integer(whole / static_cast<std::int64_t>(scale));
    if (places > 0) {
      std::string frac = std::to_string(std::llabs(whole % static_cast<std::int64_t>(scale)));
      frac.insert(0, static_cast<std::size_t>(places) - frac.size(), '0');
      s += (bg_ ? "," : ".") + frac;
    }
    return s;
  }
  std::string percent(double share) const { return decimal(share * 100, 1) + (bg_ ? "\u00A0%" : "%"); }
  std::string duration(std::int64_t s, const Words& w) const {
    const std::string sec = std::to_string(s % 60) + "\u00A0" + w.seconds;
    if (s < 60) return sec;
    const std::string min = std::to_string(s / 60) + "\u00A0" + w.minutes;
    return s % 60 ? min + " " + sec : min;
  }
  std::string date(std::int32_t day, const Words& w) const {
    const auto d = events::civil_date(day);
    char buf[32];
    if (bg_) {
      std::snprintf(buf, sizeof buf, "%02d.%02d.%04d", d.day, d.month, d.year);
      return buf;
    }
    return std::to_string(d.day) + "\u00A0" + w.month_short[static_cast<std::size_t>(d.month - 1)] + "\u00A0" +
           std::to_string(d.year);
  }
  std::string day_and_month(std::int32_t day, const Words& w) const {  // "1 Mar", "01.03"
    const auto d = events::civil_date(day);
    if (!bg_) return std::to_string(d.day) + "\u00A0" + w.month_short[static_cast<std::size_t>(d.month - 1)];
    char buf[16];
    std::snprintf(buf, sizeof buf, "%02d.%02d", d.day, d.month);
    return buf;
  }
  std::string month(std::int32_t day, const Words& w) const {
    const auto d = events::civil_date(day);
    return std::string(w.month_names[static_cast<std::size_t>(d.month - 1)]) + "\u00A0" + std::to_string(d.year);
  }
  std::string optional(const std::optional<double>& v, const std::function<std::string(double)>& f) const {
    return v ? f(*v) : "–";
  }

 private:
  bool bg_;
};

std::int32_t day_of(const std::string& date) { return events::parse_date(date).value_or(0); }

enum class Bucket { day, week, month };

std::int32_t bucket_start(std::int32_t day, Bucket b) {
  switch (b) {
    case Bucket::day: return day;
    case Bucket::week: return day - events::weekday(day);
    case Bucket::month: {
      const auto d = events::civil_date(day);
      return events::civil_day(d.year, d.month, 1);
    }
  }
  return day;
}
std::int32_t bucket_after(std::int32_t start, Bucket b) {
  switch (b) {
    case Bucket::day: return start + 1;
    case Bucket::week: return start + 7;
    case Bucket::month: {
      const auto d = events::civil_date(start);
      return d.month == 12 ? events::civil_day(d.year + 1, 1, 1) : events::civil_day(d.year, d.month + 1, 1);
    }
  }
  return start + 1;
}

// Days summed into buckets, every bucket from `from` to `to` present (zeros included).
struct Series {
  std::vector<std::int32_t> starts;
  std::vector<DayPoint> sums;  // one per start; their `date` is left empty
};
Series bucketed(const std::vector<DayPoint>& days, std::int32_t from, std::int32_t to, Bucket b) {
  Series s;
  for (std::int32_t d = bucket_start(from, b); d <= to; d = bucket_after(d, b)) {
    s.starts.push_back(d);
    s.sums.emplace_back();
  }
  std::size_t i = 0;
  for (const auto& p : days) {
    const std::int32_t start = bucket_start(day_of(p.date), b);
    while (i + 1 < s.starts.size() && s.starts[i + 1] <= start) ++i;
    if (s.starts.empty() || s.starts[i] != start) continue;  // outside the period: cannot happen
    DayPoint& sum = s.sums[i];
    sum.sessions += p.sessions;
    sum.item_views += p.item_views;
    sum.open_hours += p.open_hours;
    sum.kiosks += p.kiosks;
  }
  return s;
}

// --- SVG charts ----------------------------------------------------------------------------------

struct Bar {
  std::string label;  // what the bar stands for: before it (rows), in its tooltip (columns)
  double value = 0;
  std::string shown;  // the value as the page writes it
  std::string tick;   // columns: under the bar, if not empty
};

constexpr int kChartWidth = 800;

// A round step for about four grid lines up to `max`.
double nice_step(double max) {
  if (max <= 0) return 1;
  const double raw = max / 4;
  const double mag = std::pow(10.0, std::floor(std::log10(raw)));
  const double norm = raw / mag;
  const double step = (norm <= 1 ? 1 : norm <= 2 ? 2 : norm <= 5 ? 5 : 10) * mag;
  return std::max(step, 1.0);
}

std::string num(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f", v);
  std::string s = buf;
  if (s.size() > 2 && s.compare(s.size() - 2, 2, ".0") == 0) s.resize(s.size() - 2);
  return s;
}

// Vertical bars over a time or the hours: grid lines with round values at the left.
std::string column_chart(const std::vector<Bar>& bars, const std::string& label, const Format& f) {
  constexpr int kHeight = 210, kLeft = 52, kRight = 8, kTop = 10, kBottom = 26;
  const double plot_w = kChartWidth - kLeft - kRight, plot_h = kHeight - kTop - kBottom;
  double max = 0;
  for (const auto& b : bars) max = std::max(max, b.value);
  const double step = nice_step(max);
  const double top = std::max(step, std::ceil(max / step) * step);
  std::string s = "<svg class=\"chart\" viewBox=\"0 0 " + std::to_string(kChartWidth) + " " + std::to_string(kHeight) +
                  "\" role=\"img\" aria-label=\"" + esc(label) + "\">";
  for (double v = 0; v <= top + step / 2; v += step) {
    const double y = kTop + plot_h - v / top * plot_h;
    s += "<line class=\"grid\" x1=\"" + num(kLeft) + "\" x2=\"" + num(kChartWidth - kRight) + "\" y1=\"" + num(y) + "\" y2=\"" +
         num(y) + "\"/><text class=\"tick\" x=\"" + num(kLeft - 6) + "\" y=\"" + num(y + 4) + "\" text-anchor=\"end\">" +
         f.integer(static_cast<std::int64_t>(v)) + "</text>";
  }
  const double slot = bars.empty() ? plot_w : plot_w / static_cast<double>(bars.size());
  const double width = std::max(1.0, slot * (bars.size() > 60 ? 0.9 : 0.78));
  for (std::size_t i = 0; i < bars.size(); ++i) {
    const Bar& b = bars[i];
    const double h = b.value / top * plot_h;
    const double x = kLeft + slot * static_cast<double>(i) + (slot - width) / 2;
    s += "<rect class=\"bar\" x=\"" + num(x) + "\" y=\"" + num(kTop + plot_h - h) + "\" width=\"" + num(width) + "\" height=\"" +
         num(h) + "\"><title>" + esc(b.label) + ": " + esc(b.shown) + "</title></rect>";
    if (!b.tick.empty())
      s += "<text class=\"tick\" x=\"" + num(kLeft + slot * (static_cast<double>(i) + 0.5)) + "\" y=\"" +
           num(kHeight - kBottom + 16) + "\" text-anchor=\"middle\">" + esc(b.tick) + "</text>";
  }
  s += "<line class=\"axis\" x1=\"" + num(kLeft) + "\" x2=\"" + num(kChartWidth - kRight) + "\" y1=\"" + num(kTop + plot_h) +
       "\" y2=\"" + num(kTop + plot_h) + "\"/></svg>\n";
  return s;
}

// Horizontal bars, one per row: the label before, the value after.
std::string row_chart(const std::vector<Bar>& bars, const std::string& label) {
  constexpr int kRow = 24, kLabel = 340, kValue = 90;  // 42 Cyrillic letters fit before the bars
  const int height = static_cast<int>(bars.size()) * kRow + 6;
  double max = 0;
  for (const auto& b : bars) max = std::max(max, b.value);
  std::string s = "<svg class=\"chart rows\" viewBox=\"0 0 " + std::to_string(kChartWidth) + " " + std::to_string(height) +
                  "\" role=\"img\" aria-label=\"" + esc(label) + "\">";
  const double span = kChartWidth - kLabel - kValue;
  for (std::size_t i = 0; i < bars.size(); ++i) {
    const Bar& b = bars[i];
    const double y = 3 + kRow * static_cast<double>(i);
    const double w = max > 0 ? b.value / max * span : 0;
    s += "<text x=\"" + num(kLabel - 8) + "\" y=\"" + num(y + 16) + "\" text-anchor=\"end\">" + esc(shortened(b.label, 42)) +
         "<title>" + esc(b.label) + "</title></text><rect class=\"bar\" x=\"" + num(kLabel) + "\" y=\"" + num(y + 4) +
         "\" width=\"" + num(std::max(w, b.value > 0 ? 1.0 : 0.0)) + "\" height=\"" + num(kRow - 8) + "\"><title>" +
         esc(b.label) + ": " + esc(b.shown) + "</title></rect><text class=\"value\" x=\"" + num(kLabel + w + 6) + "\" y=\"" +
         num(y + 16) + "\">" + esc(b.shown) + "</text>";
  }
  s += "</svg>\n";
  return s;
}

// --- HTML ----------------------------------------------------------------------------------------

constexpr const char* kStyle = R"(
:root{--ink:#1b1f24;--muted:#505a66;--line:#d3d9e0;--bar:#2f6690;--alt:#f2f5f8;--accent:#1d4e75}
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{font:15px/1.5 "Noto Sans","DejaVu Sans","Liberation Sans",Arial,sans-serif;color:var(--ink);background:#fff;margin:0 auto;max-width:1080px;padding:28px 36px 60px}
h1{font-size:30px;line-height:1.2;margin:0 0 6px;color:var(--accent)}
h2{font-size:23px;line-height:1.25;margin:48px 0 8px;padding-bottom:6px;border-bottom:3px solid var(--bar);color:var(--accent)}
h3{font-size:17px;margin:30px 0 6px}
p{margin:6px 0}
a{color:var(--accent)}
.lead{font-size:17px;margin-bottom:4px}
.note,.meta{color:var(--muted);font-size:13.5px}
.figures{display:grid;grid-template-columns:repeat(auto-fill,minmax(180px,1fr));gap:10px;margin:14px 0}
.figure{border:1px solid var(--line);border-left:4px solid var(--bar);border-radius:4px;padding:8px 12px;break-inside:avoid}
.figure b{display:block;font-size:22px;line-height:1.25;font-variant-numeric:tabular-nums}
.figure span{color:var(--muted);font-size:13px}
table{border-collapse:collapse;margin:8px 0 18px;font-size:13.5px;font-variant-numeric:tabular-nums}
th,td{padding:3px 9px;border-bottom:1px solid var(--line);text-align:right;vertical-align:baseline}
th{font-weight:600}
thead th{border-bottom:2px solid var(--ink);vertical-align:bottom}
tbody tr:nth-child(even){background:var(--alt)}
th.l,td.l{text-align:left}
td.name,table.heat th[scope=row]{white-space:nowrap}
td.id{font-family:"DejaVu Sans Mono",monospace;font-size:12px;color:var(--muted)}
table.series th[scope=row]{text-align:left}
table.series tr.head th{border-bottom:1px solid var(--ink);background:#fff}
table.series tr:nth-child(even){background:none}
table.comparison td{white-space:nowrap}
table.comparison th[scope=row]{min-width:11em}
.rank{display:inline-block;min-width:1.7em;margin-left:6px;padding:0 4px;border-radius:9px;background:#dfe8f0;color:#1d3f5c;font-size:11.5px;font-weight:600;text-align:center}
.rank.first{background:var(--bar);color:#fff}
svg.chart{display:block;width:100%;max-width:800px;height:auto;margin:6px 0 4px;font-size:12px}
svg.chart text{fill:var(--ink)}
svg.chart .tick{fill:var(--muted);font-size:11px}
svg.chart .value{font-variant-numeric:tabular-nums}
svg.chart .bar{fill:var(--bar)}
svg.chart .grid{stroke:#e3e8ed;stroke-width:1}
svg.chart .axis{stroke:var(--ink);stroke-width:1}
table.heat{font-size:12px}
table.heat td,table.heat th{padding:2px 5px}
table.heat tbody tr:nth-child(even){background:none}
.h1{background:#e9f1f8}.h2{background:#cfe0ee}.h3{background:#aac7df}.h4{background:#7aa6ca}.h5{background:#3f77a6;color:#fff}.h6{background:#1d4e75;color:#fff}
nav ol{columns:2;margin:6px 0;padding-left:22px}
dl.defs{display:grid;grid-template-columns:max-content 1fr;gap:2px 14px;font-size:13.5px;margin:10px 0}
dl.defs dt{font-weight:600}
dl.defs dd{margin:0;color:var(--muted)}
.problems{border:2px solid #b3261e;border-radius:4px;padding:4px 14px;margin:18px 0}
.problems h2{border:none;color:#8c1d18;margin-top:8px;font-size:19px}
@media print{
 @page{size:A4;margin:14mm 12mm}
 body{max-width:none;padding:0;font-size:10pt}
 *{-webkit-print-color-adjust:exact;print-color-adjust:exact}
 nav{display:none}
 section.institution{break-before:page}
 h2,h3{break-after:avoid}
 svg.chart,.figures,table.keep{break-inside:avoid}
 table{font-size:8.5pt}
 table.comparison{font-size:8pt}
 table.comparison td{white-space:normal}
 table.comparison th[scope=row]{min-width:0}
 table.comparison th,table.comparison td{padding:2px 4px}
 .rank{margin-left:2px;min-width:1.4em;padding:0 2px}
 table.heat{font-size:7.5pt}
 table.heat td,table.heat th{padding:1px 3px}
}
)";

class Page {
 public:
  Page(const Report& r, std::string_view language)
      : r_(r), w_(language == "bg" ? kBulgarian : kEnglish), f_(language == "bg"), bg_(language == "bg") {
    from_ = r.from.empty() ? 0 : day_of(r.from);
    to_ = r.to.empty() ? 0 : day_of(r.to);
    const std::int32_t span = to_ - from_ + 1;
    chart_bucket_ = span <= 92 ? Bucket::day : Bucket::week;
    table_bucket_ = span <= 31 ? Bucket::day : span <= 92 ? Bucket::week : Bucket::month;
    kiosk_bucket_ = span <= 14 ? Bucket::day : span <= 92 ? Bucket::week : Bucket::month;
  }

  std::string render() {
    out_.reserve(256 << 10);
    out_ += "<!DOCTYPE html>\n<html lang=\"";
    out_ += w_.lang;
    out_ += "\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n";
    out_ += "<title>" + esc(w_.title) + (r_.from.empty() ? "" : ", " + esc(period())) + "</title>\n<style>";
    out_ += kStyle;
    out_ += "</style>\n</head>\n<body>\n";
    header();
    problems();
    contents();
    comparison();
    for (std::size_t i = 0; i < r_.institutions.size(); ++i) institution(i);
    out_ += "</body>\n</html>\n";
    return std::move(out_);
  }

 private:
  std::string name_of_institution(const InstitutionReport& i) const { return i.name.empty() ? w_.unnamed : i.name; }
  std::string period() const { return f_.date(from_, w_) + " – " + f_.date(to_, w_); }
  std::string anchor(std::size_t i) const { return "m" + std::to_string(i + 1); }

  std::string measure_text(Measure m, const std::optional<double>& v) const {
    if (!v) return "–";
    switch (m) {
      case Measure::sessions: return f_.integer(static_cast<std::int64_t>(*v));
      case Measure::sessions_per_open_hour:
      case Measure::objects_per_session:
      case Measure::accessibility_per_100: return f_.decimal(*v, 1);
      case Measure::median_session_s:
      case Measure::dwell_per_view_s: return f_.duration(std::llround(*v), w_);
      case Measure::other_languages:
      case Measure::searches_empty_share: return f_.percent(*v);
    }
    return "–";
  }

  void figure(const std::string& value, const std::string& label) {
    out_ += "<div class=\"figure\"><b>" + esc(value) + "</b><span>" + esc(label) + "</span></div>";
  }

  void header() {
    out_ += "<header>\n<h1>" + esc(w_.title) + "</h1>\n";
    if (!r_.from.empty()) out_ += "<p class=\"lead\">" + esc(w_.period) + ": " + esc(period()) + "</p>\n";
    out_ += "<p class=\"note\">" + esc(w_.intro) + " " + esc(w_.visit_is) + "</p>\n<div class=\"figures\">";
    figure(f_.integer(static_cast<std::int64_t>(r_.institutions.size())), w_.institutions);
    figure(f_.integer(static_cast<std::int64_t>(r_.kiosks)), w_.kiosks);
    figure(f_.integer(static_cast<std::int64_t>(r_.exports)), w_.exports);
    figure(f_.integer(r_.total.days), w_.kiosk_days);
    figure(f_.integer(r_.total.sessions), w_.visits);
    out_ += "</div>\n";
    if (r_.days_replaced > 0)
      out_ += "<p class=\"note\">" + esc(replace_n(w_.replaced, f_.integer(static_cast<std::int64_t>(r_.days_replaced)))) + "</p>\n";
    out_ += "</header>\n";
  }

  void problems() {
    if (!r_.refused.empty()) {
      out_ += "<section class=\"problems\" id=\"refused\">\n<h2>" + esc(w_.refused) + " (" +
              f_.integer(static_cast<std::int64_t>(r_.refused.size())) + ")</h2>\n<p>" + esc(w_.refused_note) + "</p>\n";
      out_ += "<table><thead><tr><th class=\"l\" scope=\"col\">" + esc(w_.file) + "</th><th class=\"l\" scope=\"col\">" +
              esc(w_.reason) + "</th></tr></thead><tbody>\n";
      for (const auto& x : r_.refused) out_ += "<tr><td class=\"l\">" + esc(x.file) + "</td><td class=\"l\">" + esc(x.reason) + "</td></tr>\n";
      out_ += "</tbody></table>\n</section>\n";
    }
    if (!r_.untrusted.empty()) {
      out_ += "<section class=\"problems\" id=\"untrusted\">\n<h2>" + esc(w_.untrusted) + " (" +
              f_.integer(static_cast<std::int64_t>(r_.untrusted.size())) + ")</h2>\n<p>" + esc(w_.untrusted_note) + "</p>\n";
      out_ += "<table><thead><tr><th class=\"l\" scope=\"col\">" + esc(w_.file) + "</th><th class=\"l\" scope=\"col\">" + esc(w_.id) +
              "</th><th class=\"l\" scope=\"col\">" + esc(w_.kiosk) + "</th><th class=\"l\" scope=\"col\">" + esc(w_.institution) +
              "</th></tr></thead><tbody>\n";
      for (const auto& u : r_.untrusted)
        out_ += "<tr><td class=\"l\">" + esc(u.file) + "</td><td class=\"l id\">" + esc(u.kiosk.id) + "</td><td class=\"l\">" +
                esc(u.kiosk.name) + "</td><td class=\"l\">" + esc(u.kiosk.institution) + "</td></tr>\n";
      out_ += "</tbody></table>\n</section>\n";
    }
  }

  void contents() {
    out_ += "<nav>\n<h2>" + esc(w_.contents) + "</h2>\n<ol>\n<li><a href=\"#comparison\">" + esc(w_.comparison) + "</a></li>\n";
    for (std::size_t i = 0; i < r_.institutions.size(); ++i)
      out_ += "<li><a href=\"#" + anchor(i) + "\">" + esc(name_of_institution(r_.institutions[i])) + "</a></li>\n";
    out_ += "</ol>\n</nav>\n";
  }

  void rank_badge(int rank) {
    if (rank <= 0) return;
    out_ += "<span class=\"rank";
    out_ += rank == 1 ? " first" : "";
    out_ += "\" title=\"" + esc(w_.rank) + " " + std::to_string(rank) + "\">" + std::to_string(rank) + "</span>";
  }

  void comparison() {
    out_ += "<section id=\"comparison\">\n<h2>" + esc(w_.comparison) + "</h2>\n";
    const auto per_hour = static_cast<std::size_t>(std::find(kMeasures.begin(), kMeasures.end(), Measure::sessions_per_open_hour) - kMeasures.begin());
    // Bars in rank order: the chart is the ranking.
    std::vector<Bar> bars;
    for (std::size_t i = 0; i < r_.institutions.size(); ++i) {
      const auto& v = r_.ranks[i][per_hour].value;
      bars.push_back({name_of_institution(r_.institutions[i]), v.value_or(0), measure_text(Measure::sessions_per_open_hour, v), {}});
    }
    std::stable_sort(bars.begin(), bars.end(), [](const Bar& a, const Bar& b) { return a.value > b.value; });
    out_ += "<h3>" + esc(w_.measures[per_hour]) + "</h3>\n" + row_chart(bars, w_.measures[per_hour]);
    out_ += "<p class=\"note\">" + esc(w_.comparison_note) + "</p>\n";
    out_ += "<table class=\"comparison\"><thead><tr><th class=\"l\" scope=\"col\">" + esc(w_.institution) + "</th><th scope=\"col\">" +
            esc(w_.kiosks) + "</th>";
    for (const char* m : w_.measures) out_ += "<th scope=\"col\">" + esc(m) + "</th>";
    out_ += "</tr></thead><tbody>\n";
    for (std::size_t i = 0; i < r_.institutions.size(); ++i) {
      const auto& inst = r_.institutions[i];
      out_ += "<tr><th class=\"l\" scope=\"row\"><a href=\"#" + anchor(i) + "\">" + esc(name_of_institution(inst)) + "</a></th><td>" +
              f_.integer(static_cast<std::int64_t>(inst.kiosks.size())) + "</td>";
      for (std::size_t m = 0; m < kMeasures.size(); ++m) {
        out_ += "<td>" + esc(measure_text(kMeasures[m], r_.ranks[i][m].value));
        rank_badge(r_.ranks[i][m].rank);
        out_ += "</td>";
      }
      out_ += "</tr>\n";
    }
    out_ += "</tbody></table>\n<dl class=\"defs\">";
    for (std::size_t m = 0; m < kMeasures.size(); ++m)
      out_ += "<dt>" + esc(w_.measures[m]) + "</dt><dd>" + esc(w_.measure_notes[m]) + "</dd>";
    out_ += "</dl>\n</section>\n";
  }

  // A series written as a table of blocks of `per_row` columns: a label row, then a value row each.
  void series_table(const std::string& label_head, const std::vector<std::string>& labels,
                    const std::vector<std::pair<std::string, std::vector<std::string>>>& rows, std::size_t per_row) {
    out_ += "<table class=\"series keep\"><tbody>\n";
    for (std::size_t at = 0; at < labels.size(); at += per_row) {
      const std::size_t end = std::min(labels.size(), at + per_row);
      out_ += "<tr class=\"head\"><th scope=\"row\">" + esc(label_head) + "</th>";
      for (std::size_t i = at; i < end; ++i) out_ += "<th scope=\"col\">" + esc(labels[i]) + "</th>";
      out_ += "</tr>\n";
      for (const auto& [name, values] : rows) {
        out_ += "<tr><th scope=\"row\">" + esc(name) + "</th>";
        for (std::size_t i = at; i < end; ++i) out_ += "<td>" + esc(values[i]) + "</td>";
        out_ += "</tr>\n";
      }
    }
    out_ += "</tbody></table>\n";
  }

  std::string bucket_label(std::int32_t start, Bucket b) const {
    return b == Bucket::month ? f_.month(start, w_) : f_.date(start, w_);
  }

  // One bar per bucket: the tooltip names it in full, the axis briefly (a day as "1 Mar" on
  // Mondays, a week by the month whose first day it holds).
  std::vector<Bar> time_bars(const Series& s) const {
    std::vector<Bar> bars;
    for (std::size_t i = 0; i < s.starts.size(); ++i) {
      const std::int32_t start = s.starts[i];
      const std::int64_t n = s.sums[i].sessions;
      Bar b{bucket_label(start, chart_bucket_), static_cast<double>(n), f_.integer(n), {}};
      if (chart_bucket_ == Bucket::week) {
        b.label = std::string(w_.week_of) + " " + b.label;
        const auto end = events::civil_date(start + 6);
        if (end.day <= 7) b.tick = w_.month_short[static_cast<std::size_t>(end.month - 1)];
      } else if (s.starts.size() <= 16 || events::weekday(start) == 0) {
        b.tick = f_.day_and_month(start, w_);
      }
      bars.push_back(std::move(b));
    }
    return bars;
  }

  void over_time(const InstitutionReport& inst) {
    const char* chart_title = chart_bucket_ == Bucket::day ? w_.visits_per_day : w_.visits_per_week;
    out_ += "<h3>" + esc(chart_title) + "</h3>\n" + column_chart(time_bars(bucketed(inst.days, from_, to_, chart_bucket_)), chart_title, f_);

    const Series table = bucketed(inst.days, from_, to_, table_bucket_);
    const char* head = table_bucket_ == Bucket::day ? w_.day : table_bucket_ == Bucket::week ? w_.week_of : w_.month;
    out_ += "<table class=\"keep\"><thead><tr><th class=\"l\" scope=\"col\">" + esc(head) + "</th><th scope=\"col\">" + esc(w_.visits) +
            "</th><th scope=\"col\">" + esc(w_.objects_viewed) + "</th><th scope=\"col\">" + esc(w_.kiosk_days) + "</th><th scope=\"col\">" +
            esc(w_.visits_per_kiosk_day) + "</th></tr></thead><tbody>\n";
    for (std::size_t i = 0; i < table.starts.size(); ++i) {
      const DayPoint& p = table.sums[i];
      out_ += "<tr><td class=\"l\">" + esc(bucket_label(table.starts[i], table_bucket_)) + "</td><td>" + f_.integer(p.sessions) +
              "</td><td>" + f_.integer(p.item_views) + "</td><td>" + f_.integer(p.kiosks) + "</td><td>" +
              esc(f_.optional(ratio(p.sessions, p.kiosks), [&](double v) { return f_.decimal(v, 1); })) + "</td></tr>\n";
    }
    out_ += "</tbody></table>\n";
  }

  // The hours from the first to the last with visits: a museum's day, not the night's zeros.
  static std::pair<int, int> busy_hours(const Tally& t) {
    int first = 24, last = -1;
    for (int h = 0; h < 24; ++h)
      if (t.sessions_by_hour[static_cast<std::size_t>(h)] > 0) first = std::min(first, h), last = h;
    return {first, last};
  }

  static std::string hour_label(int h) {
    char label[8];
    std::snprintf(label, sizeof label, "%02d", h);
    return label;
  }

  void by_hour(const InstitutionReport& inst) {
    const auto [first, last] = busy_hours(inst.total);
    std::vector<Bar> bars;
    std::vector<std::string> labels, visits, shares;
    for (int h = first; h <= last; ++h) {
      const std::int64_t n = inst.total.sessions_by_hour[static_cast<std::size_t>(h)];
      const std::string label = hour_label(h) + ":00";
      bars.push_back({label, static_cast<double>(n), f_.integer(n), label});
      labels.push_back(label);
      visits.push_back(f_.integer(n));
      shares.push_back(f_.optional(ratio(n, inst.total.sessions), [&](double v) { return f_.percent(v); }));
    }
    out_ += "<h3>" + esc(w_.by_hour) + "</h3>\n" + column_chart(bars, w_.by_hour, f_);
    series_table(w_.hour, labels, {{w_.visits, visits}, {w_.share, shares}}, 12);
  }

  void objects(const InstitutionReport& inst) {
    constexpr std::size_t kChartRows = 15, kTableRows = 30;
    out_ += "<h3>" + esc(w_.top_objects) + "</h3>\n";
    if (inst.objects.empty()) {
      out_ += "<p class=\"note\">" + esc(w_.nothing) + "</p>\n";
      return;
    }
    std::vector<Bar> bars;
    for (std::size_t i = 0; i < std::min(kChartRows, inst.objects.size()); ++i) {
      const auto& o = inst.objects[i];
      bars.push_back({title_in(o, w_.lang), static_cast<double>(o.views), f_.integer(o.views), {}});
    }
    out_ += row_chart(bars, w_.top_objects);
    out_ += "<table><thead><tr><th scope=\"col\">#</th><th class=\"l\" scope=\"col\">" + esc(w_.object) + "</th><th scope=\"col\">" +
            esc(w_.views) + "</th><th scope=\"col\">" + esc(w_.visits) + "</th><th scope=\"col\">" + esc(w_.time_per_view) +
            "</th></tr></thead><tbody>\n";
    const std::size_t rows = std::min(kTableRows, inst.objects.size());
    for (std::size_t i = 0; i < rows; ++i) {
      const auto& o = inst.objects[i];
      out_ += "<tr><td>" + std::to_string(i + 1) + "</td><td class=\"l\">" + esc(title_in(o, w_.lang)) + "</td><td>" + f_.integer(o.views) +
              "</td><td>" + f_.integer(o.sessions) + "</td><td>" +
              esc(f_.optional(ratio(o.dwell_s, o.views), [&](double v) { return f_.duration(std::llround(v), w_); })) + "</td></tr>\n";
    }
    out_ += "</tbody></table>\n";
    if (inst.objects.size() > rows)
      out_ += "<p class=\"note\">" + esc(replace_n(w_.more, f_.integer(static_cast<std::int64_t>(inst.objects.size() - rows)))) + "</p>\n";
  }

  // A chart of counts by name and its table: name, count, and the count per visit, as a share
  // (visits that did it) or as a rate (`per_visit`: things done, several per visit).
  void shares(const char* title, const char* head, const std::map<std::string, std::int64_t>& counts, std::int64_t whole,
              const std::function<std::string(const std::string&)>& name, bool per_visit = false) {
    out_ += "<h3>" + esc(title) + "</h3>\n";
    const auto rows = most_first(counts);
    if (rows.empty()) {
      out_ += "<p class=\"note\">" + esc(w_.nothing) + "</p>\n";
      return;
    }
    std::vector<Bar> bars;
    for (const auto& c : rows) bars.push_back({name(c.key), static_cast<double>(c.count), f_.integer(c.count), {}});
    out_ += row_chart(bars, title);
    out_ += "<table class=\"keep\"><thead><tr><th class=\"l\" scope=\"col\">" + esc(head) + "</th><th scope=\"col\">" +
            esc(per_visit ? w_.opened : w_.visits) + "</th><th scope=\"col\">" + esc(per_visit ? w_.per_visit : w_.share) +
            "</th></tr></thead><tbody>\n";
    for (const auto& c : rows)
      out_ += "<tr><td class=\"l\">" + esc(name(c.key)) + "</td><td>" + f_.integer(c.count) + "</td><td>" +
              esc(f_.optional(ratio(c.count, whole), [&](double v) { return per_visit ? f_.decimal(v, 2) : f_.percent(v); })) +
              "</td></tr>\n";
    out_ += "</tbody></table>\n";
  }

  void counted_table(const char* title, const char* head, const char* count_head, const std::vector<Counted>& rows, const char* note) {
    constexpr std::size_t kRows = 20;
    out_ += "<h3>" + esc(title) + "</h3>\n";
    if (note) out_ += "<p class=\"note\">" + esc(note) + "</p>\n";
    if (rows.empty()) {
      out_ += "<p class=\"note\">" + esc(w_.nothing) + "</p>\n";
      return;
    }
    out_ += "<table class=\"keep\"><thead><tr><th class=\"l\" scope=\"col\">" + esc(head) + "</th><th scope=\"col\">" + esc(count_head) +
            "</th></tr></thead><tbody>\n";
    for (std::size_t i = 0; i < std::min(kRows, rows.size()); ++i)
      out_ += "<tr><td class=\"l\">" + esc(rows[i].key) + "</td><td>" + f_.integer(rows[i].count) + "</td></tr>\n";
    out_ += "</tbody></table>\n";
    if (rows.size() > kRows)
      out_ += "<p class=\"note\">" + esc(replace_n(w_.more, f_.integer(static_cast<std::int64_t>(rows.size() - kRows)))) + "</p>\n";
  }

  void search(const InstitutionReport& inst) {
    const Tally& t = inst.total;
    out_ += "<h3>" + esc(w_.search) + "</h3>\n<div class=\"figures\">";
    figure(f_.integer(t.searches), w_.searches);
    figure(f_.optional(t.searches_empty_share(), [&](double v) { return f_.percent(v); }),
           w_.measures[measure_index(Measure::searches_empty_share)]);
    out_ += "</div>\n";
    counted_table(w_.frequent_searches, w_.search_text, w_.visits, inst.queries, w_.frequent_searches_note);
  }

  static int heat_level(double v, double max) {
    if (v <= 0 || max <= 0) return 0;
    return std::clamp(static_cast<int>(std::ceil(v / max * 6)), 1, 6);
  }

  static std::size_t measure_index(Measure m) {
    return static_cast<std::size_t>(std::find(kMeasures.begin(), kMeasures.end(), m) - kMeasures.begin());
  }

  void kiosk_figures(const InstitutionReport& inst) {
    constexpr Measure kShown[] = {Measure::sessions, Measure::sessions_per_open_hour, Measure::median_session_s,
                                  Measure::objects_per_session, Measure::other_languages};
    out_ += "<h3>" + esc(w_.kiosk_table) + "</h3>\n";
    out_ += "<table><thead><tr><th class=\"l\" scope=\"col\">" + esc(w_.kiosk) + "</th><th class=\"l\" scope=\"col\">" + esc(w_.id) +
            "</th><th scope=\"col\">" + esc(w_.days) + "</th><th scope=\"col\">" + esc(w_.open_hours) + "</th>";
    for (const Measure m : kShown) out_ += "<th scope=\"col\">" + esc(w_.measures[measure_index(m)]) + "</th>";
    out_ += "</tr></thead><tbody>\n";
    for (const auto& k : inst.kiosks) {
      out_ += "<tr><td class=\"l name\">" + esc(k.info.name) + "</td><td class=\"l id\">" + esc(k.info.id) + "</td><td>" +
              f_.integer(k.total.days) + "</td><td>" + f_.integer(k.total.open_hours) + "</td>";
      for (const Measure m : kShown) out_ += "<td>" + esc(measure_text(m, measure_of(k.total, m))) + "</td>";
      out_ += "</tr>\n";
    }
    out_ += "</tbody></table>\n";
  }

  // One row per kiosk, a column per label, each cell shaded by its share of the table's largest
  // value: a chart and its numbers at once.
  void heat_table(const char* title, const InstitutionReport& inst, const std::vector<std::string>& columns,
                  const std::function<std::vector<double>(const KioskReport&)>& values_of,
                  const std::function<std::string(double)>& shown) {
    out_ += "<h3>" + esc(title) + "</h3>\n<table class=\"heat\"><thead><tr><th class=\"l\" scope=\"col\">" + esc(w_.kiosk) + "</th>";
    for (const auto& c : columns) out_ += "<th scope=\"col\">" + esc(c) + "</th>";
    out_ += "</tr></thead><tbody>\n";
    std::vector<std::vector<double>> rows;
    double max = 0;
    for (const auto& k : inst.kiosks) {
      rows.push_back(values_of(k));
      for (const double v : rows.back()) max = std::max(max, v);
    }
    for (std::size_t i = 0; i < inst.kiosks.size(); ++i) {
      out_ += "<tr><th class=\"l\" scope=\"row\">" + esc(inst.kiosks[i].info.name) + "</th>";
      for (const double v : rows[i]) {
        const int level = heat_level(v, max);
        out_ += level ? "<td class=\"h" + std::to_string(level) + "\">" : "<td>";
        out_ += esc(shown(v)) + "</td>";
      }
      out_ += "</tr>\n";
    }
    out_ += "</tbody></table>\n";
  }

  void kiosks_over_time(const InstitutionReport& inst) {
    const char* title = kiosk_bucket_ == Bucket::day    ? w_.kiosk_matrix_day
                        : kiosk_bucket_ == Bucket::week ? w_.kiosk_matrix_week
                                                        : w_.kiosk_matrix_month;
    const auto starts = bucketed({}, from_, to_, kiosk_bucket_).starts;
    std::vector<std::string> columns;
    for (const auto start : starts) {
      // Months by their short name, with the year where the table begins and where it changes.
      const auto d = events::civil_date(start);
      columns.push_back(kiosk_bucket_ != Bucket::month ? f_.day_and_month(start, w_)
                        : std::string(w_.month_short[static_cast<std::size_t>(d.month - 1)]) +
                              (d.month == 1 || start == starts.front() ? "\u00A0" + std::to_string(d.year) : ""));
    }
    heat_table(
        title, inst, columns,
        [&](const KioskReport& k) {
          std::vector<double> v;
          for (const auto& p : bucketed(k.days, from_, to_, kiosk_bucket_).sums) v.push_back(static_cast<double>(p.sessions));
          return v;
        },
        [&](double v) { return f_.integer(static_cast<std::int64_t>(v)); });
  }

  // The busy hours, as the mean per kiosk day.
  void kiosks_by_hour(const InstitutionReport& inst) {
    // Not a structured binding: the lambda below uses them, which clang before 16 refuses.
    const std::pair<int, int> hours = busy_hours(inst.total);
    const int first = hours.first, last = hours.second;
    std::vector<std::string> columns;
    for (int h = first; h <= last; ++h) columns.push_back(hour_label(h));
    heat_table(
        w_.kiosk_hours, inst, columns,
        [&](const KioskReport& k) {
          std::vector<double> v;
          for (int h = first; h <= last; ++h)
            v.push_back(ratio(k.total.sessions_by_hour[static_cast<std::size_t>(h)], k.total.days).value_or(0));
          return v;
        },
        [&](double v) { return f_.decimal(v, 1); });
  }

  void institution(std::size_t index) {
    const InstitutionReport& inst = r_.institutions[index];
    const Tally& t = inst.total;
    out_ += "<section class=\"institution\" id=\"" + anchor(index) + "\">\n<h2>" + esc(name_of_institution(inst)) + "</h2>\n";
    out_ += "<p class=\"meta\">" + esc(w_.kiosks) + ": " + f_.integer(static_cast<std::int64_t>(inst.kiosks.size())) + " · " +
            esc(w_.kiosk_days) + ": " + f_.integer(t.days) + " · " + esc(w_.open_hours) + ": " + f_.integer(t.open_hours) + "</p>\n";
    out_ += "<div class=\"figures\">";
    for (std::size_t m = 0; m < kMeasures.size(); ++m) {
      if (kMeasures[m] == Measure::searches_empty_share) continue;  // with the search figures
      figure(measure_text(kMeasures[m], measure_of(t, kMeasures[m])), w_.measures[m]);
    }
    figure(f_.integer(t.narrations), w_.narrations);
    figure(f_.optional(t.attract_share(), [&](double v) { return f_.percent(v); }), w_.from_attract);
    out_ += "</div>\n";
    if (t.sessions == 0) {
      out_ += "<p>" + esc(w_.nothing) + "</p>\n</section>\n";
      return;
    }
    over_time(inst);
    by_hour(inst);
    objects(inst);
    shares(w_.languages, w_.language, t.languages, t.sessions, [&](const std::string& k) { return name_of(kLanguageNames, k, bg_); });
    shares(w_.accessibility, w_.mode, t.accessibility, t.sessions, [&](const std::string& k) { return name_of(kModeNames, k, bg_); });
    shares(w_.screens, w_.screen, t.screens, t.sessions, [&](const std::string& k) { return name_of(kScreenNames, k, bg_); }, true);
    search(inst);
    counted_table(w_.events_opened, w_.event, w_.opened, inst.events_opened, nullptr);
    kiosk_figures(inst);
    kiosks_over_time(inst);
    kiosks_by_hour(inst);
    out_ += "</section>\n";
  }

  const Report& r_;
  const Words& w_;
  Format f_;
  bool bg_;
  std::int32_t from_ = 0, to_ = 0;
  Bucket chart_bucket_, table_bucket_, kiosk_bucket_;
  std::string out_;
};

}  // namespace

std::string render_html(const Report& report, std::string_view language) { return Page(report, language).render(); }

}  // namespace orpheus::usage
