#include "packs/inspect.h"

#include <cstdio>
#include <string>

#include "catalog/catalog.h"
#include "catalog/sqlite.h"

namespace orpheus::packs {
namespace {

std::string megabytes(std::int64_t bytes) {
  char buf[32];
  if (bytes < 1'000'000)
    std::snprintf(buf, sizeof buf, "%.1f kB", static_cast<double>(bytes) / 1e3);
  else
    std::snprintf(buf, sizeof buf, "%.1f MB", static_cast<double>(bytes) / 1e6);
  return buf;
}

}  // namespace

void inspect_pack(const std::filesystem::path& pack, std::ostream& out) {
  const auto snap = catalog::load_snapshot(pack);
  const auto& p = snap->pack;
  const auto& fb = snap->fallback();
  std::string generator;
  sql::Database db(pack, sql::Database::Mode::read_only);
  {
    auto st = db.prepare("SELECT value FROM pack_info WHERE key = 'generator'");
    if (st.step()) generator = st.text(0);
  }
  out << "pack:        " << p.id << " " << p.version << "\n"
      << "title:       " << p.title.get(p.default_language, fb) << "\n"
      << "created:     " << p.created << (generator.empty() ? "" : " by " + generator) << "\n"
      << "schema:      version " << p.schema_version << "\n"
      << "languages:  ";
  for (const auto& l : p.languages) out << " " << l << (l == p.default_language ? " (default)" : "");
  out << "\n"
      << "tags:        " << snap->tags.size() << "\n"
      << "collections: " << snap->collections.size() << "\n";
  std::size_t images = 0;
  for (const auto& c : snap->collections) {
    std::size_t media = 0;
    for (auto i : c.items) media += snap->items[i].media.size();
    images += media;
    out << "  " << c.slug << ": " << c.items.size() << " items, " << media << " images  \""
        << c.title.get(p.default_language, fb) << "\"\n";
  }
  out << "items:       " << snap->items.size() << "\n"
      << "images:      " << images << "\n";
  auto st = db.prepare("SELECT variant, count(*), sum(length(bytes)) FROM media_blob GROUP BY variant ORDER BY variant");
  while (st.step())
    out << "  " << st.text(0) << ": " << st.int64(1) << " blobs, " << megabytes(st.int64(2)) << "\n";
  std::error_code ec;
  out << "file size:   " << megabytes(static_cast<std::int64_t>(std::filesystem::file_size(pack, ec))) << "\n";
}

}  // namespace orpheus::packs
