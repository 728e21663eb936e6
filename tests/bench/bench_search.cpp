// Search benchmark (issue 16): what a visitor waits for after each keystroke, catalog::SearchIndex
// side by side with the naive FTS5 query the pack could answer instead. The collection is generated
// in Bulgarian and English from the demo pack's own words at their real frequencies (titles of 3-6
// words, summaries of about 25, descriptions of about 150, a rare word per item as inventory numbers
// are, the place and period of one of the demo's objects); the queries are 200 that visitors type,
// in both alphabets, transliterated, misspelt, of one or two words, timed at every prefix a letter
// ends (at most 12 letters: few type more).
// - SearchIndex: built in memory from the snapshot when the pack loads, so it adds nothing to the
//   pack; prints its build time, terms and heap. Timed is what the search screen's worker does at a
//   keystroke before the results show (SearchIndex::page): the items found, their words marked,
//   a line cut around them for the first screenful, or the "did you mean" suggestions.
// - Naive FTS5: the same texts in a temporary SQLite file shaped like the pack (one row per item and
//   language in a text table), then an FTS5 index over them (unicode61, marks removed, optimized as
//   the pack builder does), queried `MATCH '"word" "wor"*' ORDER BY bm25 LIMIT 200` through a fresh
//   read-only connection; prints what the index adds to the file.
// Both search every language at once and ask for 200 results. Prints median, p99 and maximum of
// each, the five slowest keystrokes, the p99 ratio, whether the targets are met (p99 <= 8 ms, >= 50x the naive p99), and how many
// queries find nothing. Exits non-zero only when something could not be measured.
// Usage: bench_search [--quick] [--items N]. --quick: 10,000 items and every fourth query (CI).
#include <malloc.h>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <filesystem>
#include <random>
#include <string>
#include <string_view>
#include <vector>

#include "catalog/search.h"
#include "catalog/search_index.h"
#include "catalog/sqlite.h"
#include "support/kiosk_bench.h"

using namespace orpheus;

namespace {

constexpr std::size_t kLimit = 200;      // results asked of either method
constexpr std::size_t kMaxLetters = 12;  // typed at most
constexpr double kTargetP99Ms = 8, kTargetRatio = 50;

// What visitors type. Each row keeps a theme; misspellings and transliterations sit next to the
// word they stand for. Not every name is in the generated collection: visitors ask for what is not.
constexpr const char* kQueries[] = {
    // Treasures and where they were found
    "Рогозен", "rogozen", "rogosen", "Рогозенското", "Панагюрище", "panagyurishte", "panagiurishte",
    "panagjurishte", "panagyruishte", "панагюрско", "Вълчитрън", "valchitran", "vulchitrun", "вълчитрънско",
    "Летница", "letnitsa", "Луковит", "lukovit", "Борово", "borovo", "Варна", "varna gold",
    "Мезек", "mezek", "Старосел", "starosel",
    // Tombs, sanctuaries, cities, regions
    "Казанлък", "kazanlak", "kazanluk", "kazanlik", "казанлъшката", "Свещари", "sveshtari", "sveshari",
    "Свещарската", "Перперикон", "perperikon", "perpericon", "Татул", "tatul", "Севтополис", "seuthopolis",
    "sevtopolis", "Кабиле", "kabyle", "Александрово", "aleksandrovo", "alexandrovo", "Оструша",
    "ostrusha", "Шушманец", "shushmanets", "Голяма Косматка", "golyama kosmatka", "kosmatka", "Сборяново",
    "sboryanovo", "Хелис", "helis", "Бегликташ", "beglik tash", "Глава Панега", "Баткун", "batkun", "Шипка",
    "shipka", "Родопи", "rhodopes", "Странджа", "strandzha",
    // Objects, with the Greek names as visitors spell them
    "ритон", "rhyton", "rython", "riton", "ритони", "фиала", "phiale", "fiala", "фиали",
    "амфора", "amphora", "amfora", "amphroa", "амфора-ритон", "кана", "jug", "чаша", "cup", "кантарос",
    "kantharos", "kantaros", "венец", "wreath", "oak wreath", "дъбов венец", "златен венец", "шлем", "helmet",
    "helmt", "маска", "mask", "пръстен", "фалера", "phalera", "апликация", "applique", "appliqué", "надпис",
    "inscription", "inscripton", "монети", "coins", "мечка", "bear", "елен", "deer", "глава на елен",
    "deer head", "грифон", "griffin", "кентавър", "centaur", "сфинкс", "sphinx", "sfinks", "копие", "spear",
    "лъвица", "lioness", "стенописи", "wall painting", "кариатиди", "caryatids",
    // The Thracian horseman, gold, silver, tombs: what most visitors look for
    "конник", "konnik", "horseman", "horsman", "horse man", "тракийски конник", "thracian horseman",
    "thracian horsman", "trakiyski konnik", "конникът", "злато", "gold", "златно съкровище", "gold treasure",
    "treasure", "treasur", "tresure", "съкровище", "sakrovishte", "rogozen treasure", "сребро", "silver",
    "silvr", "сребърна фиала", "silver phiale", "бронз", "bronze", "bronze head", "гробница", "tomb",
    "grobnitsa", "могила", "mound", "mogila", "светилище", "sanctuary",
    // Kings, gods and heroes
    "Котис", "kotys", "cotys", "Орфей", "orpheus", "orfei", "orhpeus", "Севт", "seuthes", "seutes",
    "seuthes iii", "Ситалк", "sitalkes", "Дионис", "dionysus", "dionisos", "Херакъл", "heracles", "hercules",
    "Аполон", "apollo", "Асклепий", "asclepius", "Залмоксис", "zalmoxis", "амазонка", "amazon",
    "одриски цар", "odrysian king", "траки", "thracian",
};
static_assert(std::size(kQueries) == 200);

double ms_since(std::chrono::steady_clock::time_point t) {
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t).count();
}

// Heap in use (malloc'ed and mmap'ed), to weigh what a build leaves behind.
std::size_t heap_bytes() {
  const auto m = mallinfo2();
  return m.uordblks + m.hblkhd;
}

// What is typed after each letter of `q` up to kMaxLetters (spaces and hyphens are typed with the
// letter after them: they change nothing alone).
std::vector<std::string> keystrokes(std::string_view q) {
  std::vector<std::string> out;
  for (std::size_t n = 1; n <= q.size() && out.size() < kMaxLetters; ++n) {
    const auto c = static_cast<unsigned char>(q[n - 1]);
    const bool letter_ends = n == q.size() || (static_cast<unsigned char>(q[n]) & 0xC0) != 0x80;
    if (letter_ends && (c >= 0x80 || std::isalnum(c))) out.emplace_back(q.substr(0, n));
  }
  return out;
}

// Every word of the demo pack's texts in one language, as often as they occur there: drawing from
// it gives real words at their real frequencies.
std::vector<std::string> words_of(const catalog::Snapshot& demo, const std::string& lang) {
  std::vector<std::string> words;
  const auto add = [&](const catalog::LangText& t) {
    const std::string text(t.exact(lang));
    std::size_t i = 0;
    while (i < text.size()) {
      const auto end = text.find_first_of(" \n", i);
      const auto w = text.substr(i, end == std::string::npos ? std::string::npos : end - i);
      if (!w.empty()) words.push_back(w);
      if (end == std::string::npos) break;
      i = end + 1;
    }
  };
  for (const auto& it : demo.items)
    for (const auto* t : {&it.title, &it.summary, &it.description}) add(*t);
  return words;
}

struct Times {
  std::vector<double> ms;                       // one per keystroke
  std::vector<std::pair<double, std::string>> slowest;  // the five slowest keystrokes
  std::vector<std::string_view> found_nothing;  // queries whose last keystroke found nothing
  double p99() const { return test::percentile(ms, 0.99); }
  void print(const char* name) const {
    std::printf("  %-26s median %6.2f ms   p99 %7.2f ms   max %7.2f ms   %3zu queries find nothing\n", name,
                test::median(ms), p99(), ms.empty() ? -1 : *std::max_element(ms.begin(), ms.end()),
                found_nothing.size());
    std::printf("  %-26s slowest:", "");
    for (const auto& [t, typed] : slowest) std::printf(" \"%s\" %.1f ms", typed.c_str(), t);
    std::printf("\n");
  }
};

// As the search screen asks: the first screenful of cards with their lines cut, the rest follow.
constexpr std::size_t kFirstLined = 24;

// Times `find(typed)` (which returns how many results) at every keystroke of every query.
template <class Find>
Times time_keystrokes(const std::vector<std::string_view>& queries, Find find) {
  Times t;
  for (const auto q : queries) {
    std::size_t found = 0;
    for (const auto& typed : keystrokes(q)) {
      const auto t0 = std::chrono::steady_clock::now();
      found = find(typed);
      t.ms.push_back(ms_since(t0));
      t.slowest.emplace_back(t.ms.back(), typed);
      std::sort(t.slowest.begin(), t.slowest.end(), std::greater<>());
      if (t.slowest.size() > 5) t.slowest.pop_back();
    }
    if (found == 0) t.found_nothing.push_back(q);
  }
  return t;
}

int run(std::size_t items, bool quick) {
  const auto demo = catalog::load_snapshot(ORPHEUS_DEMO_PACK);
  const auto bg = words_of(*demo, "bg"), en = words_of(*demo, "en");
  std::mt19937 rng(7);
  const auto text = [&](const std::vector<std::string>& vocab, int n) {
    std::string t;
    for (int i = 0; i < n; ++i) t += vocab[rng() % vocab.size()] + ' ';
    return t + "inv" + std::to_string(rng() % 1000000);  // a rare word, as inventory numbers are
  };
  catalog::Snapshot s;
  s.items.reserve(items);
  for (std::size_t i = 0; i < items; ++i) {
    catalog::Item it;
    it.id = static_cast<std::int64_t>(i);
    const int title = 3 + static_cast<int>(rng() % 4), summary = 20 + static_cast<int>(rng() % 10);
    const int description = 120 + static_cast<int>(rng() % 60);
    it.title = {{"bg", text(bg, title)}, {"en", text(en, title)}};
    it.summary = {{"bg", text(bg, summary)}, {"en", text(en, summary)}};
    it.description = {{"bg", text(bg, description)}, {"en", text(en, description)}};
    const auto& model = demo->items[rng() % demo->items.size()];  // where and when, as the demo's objects
    it.place_name = model.place_name;
    it.period = model.period;
    s.items.push_back(std::move(it));
  }
  std::vector<std::string_view> queries;
  for (std::size_t i = 0; i < std::size(kQueries); i += quick ? 4 : 1) queries.emplace_back(kQueries[i]);

  // Ours: built in memory at load.
  const std::size_t heap_before = heap_bytes();
  auto t0 = std::chrono::steady_clock::now();
  const auto index = catalog::SearchIndex::build(s);
  const double build_ms = ms_since(t0);
  const double index_mb = (static_cast<double>(heap_bytes()) - static_cast<double>(heap_before)) / 1e6;
  const Times ours =
      time_keystrokes(queries, [&](const std::string& typed) { return index.page(s, typed, "bg", kLimit, kFirstLined).items.size(); });

  // Naive: the same texts in a pack-like file, then an FTS5 index over them.
  const test::TempDir dir;
  const auto file = dir / "pack.db";
  std::uintmax_t plain_bytes = 0;
  double fts_build_ms = 0;
  {
    sql::Database db(file, sql::Database::Mode::read_write_create);
    db.exec("PRAGMA journal_mode = MEMORY; PRAGMA synchronous = OFF; PRAGMA page_size = 8192");
    db.exec("CREATE TABLE item_text(item_id INTEGER NOT NULL, lang TEXT NOT NULL, title TEXT NOT NULL, "
            "summary TEXT NOT NULL, description TEXT NOT NULL, PRIMARY KEY (item_id, lang)) STRICT");
    {
      sql::Transaction tx(db);
      auto insert = db.prepare("INSERT INTO item_text VALUES (?, ?, ?, ?, ?)");
      for (const auto& it : s.items)
        for (const char* lang : {"bg", "en"}) {
          insert.bind(1, it.id).bind(2, std::string_view(lang)).bind(3, it.title.exact(lang));
          insert.bind(4, it.summary.exact(lang)).bind(5, it.description.exact(lang));
          insert.step();
          insert.reset();
        }
      tx.commit();
    }
    plain_bytes = std::filesystem::file_size(file);
    t0 = std::chrono::steady_clock::now();
    sql::Transaction tx(db);
    // External content: the file grows by the index alone (the pack's item_search keeps its own
    // copy of the texts as well). bm25 needs no content, so the query is the same either way.
    db.exec("CREATE VIRTUAL TABLE s USING fts5(title, summary, description, content = 'item_text', "
            "tokenize = 'unicode61 remove_diacritics 2')");
    db.exec("INSERT INTO s(s) VALUES ('rebuild'); INSERT INTO s(s) VALUES ('optimize')");
    tx.commit();
    fts_build_ms = ms_since(t0);
  }
  const std::uintmax_t fts_bytes = std::filesystem::file_size(file);
  sql::Database db(file, sql::Database::Mode::read_only);
  auto select = db.prepare("SELECT rowid FROM s WHERE s MATCH ? ORDER BY bm25(s) LIMIT " + std::to_string(kLimit));
  const Times naive = time_keystrokes(queries, [&](const std::string& typed) {
    const std::string match = catalog::fts_query(typed);
    std::vector<std::int64_t> rows;
    select.bind(1, std::string_view(match));
    while (select.step()) rows.push_back(select.int64(0));
    select.reset();
    return rows.size();
  });

  const std::size_t keys = ours.ms.size();
  std::printf("search benchmark: %zu items in bg+en (words of the demo pack), %zu queries, %zu keystrokes, "
              "%zu results asked, load %s\n", items, queries.size(), keys, kLimit, test::load_average().c_str());
  std::printf("  SearchIndex build           %8.0f ms, %zu terms, %.0f MB of heap; adds 0 bytes to the pack "
              "(built in memory at load)\n", build_ms, index.terms(), index_mb);
  const auto mb = [](std::uintmax_t b) { return static_cast<double>(b) / 1e6; };
  std::printf("  FTS5 index build            %8.0f ms; file of texts %.1f MB -> with FTS5 index %.1f MB (+%.0f%%)\n",
              fts_build_ms, mb(plain_bytes), mb(fts_bytes),
              100.0 * (static_cast<double>(fts_bytes) / static_cast<double>(plain_bytes) - 1));
  std::printf("  keystroke -> results ready:\n");
  ours.print("SearchIndex (in memory)");
  naive.print("naive FTS5 'q*' + bm25");
  const double ratio = naive.p99() / ours.p99();
  std::printf("  p99 naive / SearchIndex     %8.1fx\n", ratio);
  const auto target = [](bool met) { return met ? "target met   " : "target MISSED"; };
  std::printf("  %s  p99 <= %.0f ms (%.2f ms)\n", target(ours.p99() <= kTargetP99Ms), kTargetP99Ms, ours.p99());
  std::printf("  %s  p99 >= %.0fx better than naive (%.1fx)\n", target(ratio >= kTargetRatio), kTargetRatio, ratio);
  std::printf("  nothing found by SearchIndex for:");
  for (const auto q : ours.found_nothing) std::printf(" \"%.*s\"", static_cast<int>(q.size()), q.data());
  std::printf("\n");
  const bool measured = keys > 0 && naive.ms.size() == keys && ours.found_nothing.size() < queries.size();
  return measured ? 0 : 1;
}

}  // namespace

int main(int argc, char** argv) {
  std::size_t items = 100000;
  bool quick = false;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    if (a == "--quick") quick = true, items = 10000;
    else if (a == "--items" && i + 1 < argc) items = static_cast<std::size_t>(std::atol(argv[++i]));
    else return std::fprintf(stderr, "usage: bench_search [--quick] [--items N]\n"), 2;
  }
  try {
    return run(items, quick);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "bench_search: %s\n", e.what());
    return 1;
  }
}
