// Search benchmark (issue 16, in progress): catalog::SearchIndex on a generated collection in
// Bulgarian and English whose words come from the demo pack's own texts (titles of 3-6 words,
// summaries of about 25, descriptions of about 150, a few rare words per item as real inventories
// have), queried keystroke by keystroke: every prefix of real visitors' queries in both
// alphabets, with typos. Prints the index's build time and size and the query times' median, p99
// and maximum. Not yet measured here: the naive FTS5 query beside it, and an index built at pack
// build time.
// Usage: bench_search [--quick] [--items N]. --quick: 10,000 items (keeps it working in CI).
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <random>
#include <string>
#include <vector>

#include "catalog/search_index.h"
#include "support/kiosk_bench.h"

using namespace orpheus;

namespace {

double ms_since(std::chrono::steady_clock::time_point t) {
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t).count();
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
    s.items.push_back(std::move(it));
  }
  auto t0 = std::chrono::steady_clock::now();
  const auto index = catalog::SearchIndex::build(s);
  const double build_ms = ms_since(t0);
  // What visitors type, in both alphabets, some misspelt.
  const char* queries[] = {"Панагюрище", "panagyurishte", "panagiurishte", "panagjurishte", "panagyruishte", "Рогозен",
                           "rogozen", "ритон", "rhyton", "riton", "фиала", "phiale", "конник", "horseman", "horsman",
                           "тракийски конник", "thracian horseman", "златно съкровище", "gold treasure", "treasur",
                           "Казанлък", "kazanlak", "kazanluk", "Свещари", "sveshtari", "Перперикон", "perperikon",
                           "гробница", "tomb", "Севт", "seuthes", "Орфей", "orpheus", "амфора", "amphora", "кана",
                           "jug", "сребро", "silver", "Вълчитрън", "valchitran", "Летница", "letnitsa"};
  std::vector<double> ms;
  std::size_t empty_full_words = 0;
  for (const std::string q : queries) {
    for (std::size_t n = 1; n <= q.size(); ++n) {
      if (n < q.size() && (static_cast<unsigned char>(q[n]) & 0xC0) == 0x80) continue;  // whole letters only
      t0 = std::chrono::steady_clock::now();
      const auto hits = index.find(q.substr(0, n), 50);
      ms.push_back(ms_since(t0));
      if (n == q.size() && hits.empty()) ++empty_full_words;
    }
  }
  std::printf("search benchmark: %zu items in bg+en (words of the demo pack), %zu keystrokes of %zu queries, load %s\n",
              items, ms.size(), std::size(queries), test::load_average().c_str());
  std::printf("  index build                 %9.0f ms, %zu terms\n", build_ms, index.terms());
  std::printf("  keystroke -> results        median %6.2f ms   p99 %6.2f ms   max %6.2f ms\n", test::median(ms),
              test::percentile(ms, 0.99), *std::max_element(ms.begin(), ms.end()));
  if (empty_full_words > 0) std::printf("  %zu whole queries found nothing\n", empty_full_words);
  return quick && (ms.empty() || empty_full_words == std::size(queries)) ? 1 : 0;
}
