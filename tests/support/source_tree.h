#pragma once
// Small pack source trees written by the tests, with images generated on the fly.
#include <cstdint>
#include <filesystem>
#include <string>

#include "media/image.h"
#include "packs/builder.h"
#include "support/temp_dir.h"

namespace orpheus::test {

inline media::Image solid(int w, int h, std::uint8_t r, std::uint8_t g, std::uint8_t b, std::uint8_t a = 255) {
  media::Image img;
  img.width = w;
  img.height = h;
  img.pixels.resize(static_cast<std::size_t>(w) * h * 4);
  for (std::size_t i = 0; i < img.pixels.size(); i += 4) {
    img.pixels[i] = r;
    img.pixels[i + 1] = g;
    img.pixels[i + 2] = b;
    img.pixels[i + 3] = a;
  }
  return img;
}

inline void write_bytes(const std::filesystem::path& file, const std::vector<std::uint8_t>& bytes) {
  std::filesystem::create_directories(file.parent_path());
  std::ofstream(file, std::ios::binary).write(reinterpret_cast<const char*>(bytes.data()),
                                              static_cast<std::streamsize>(bytes.size()));
}

inline const char* kPackToml = R"(id = "test.pack"
version = "1.2.3"
default_language = "bg"
languages = ["bg", "en"]
title = { bg = "Проба", en = "Test pack" }
credit = { bg = "Проект „Орфей“", en = "The Orpheus project" }

[tags.gold]
bg = "злато"
en = "gold"
[tags.vessel]
bg = "съд"
[tags.silver]
bg = "сребро"
en = "silver"
)";

// Two collections (silver before gold by order), three items, three images: a wide opaque PNG,
// a small PNG with transparency, and a JPEG found only in the media dir `media`.
inline void write_good_tree(const std::filesystem::path& src, const std::filesystem::path& media) {
  write_text(src / "pack.toml", kPackToml);
  write_text(src / "collections/gold.toml", R"(id = "gold"
order = 20
title = { bg = "Злато", en = "Gold" }
summary = { bg = "Златни съдове.", en = "Gold vessels." }
description = { bg = "Дълго описание." }
cover = "rhyton"
)");
  write_text(src / "collections/silver.toml", R"(id = "silver"
order = 10
title = { bg = "Сребро" }
)");
  write_text(src / "items/gold/rhyton.toml", R"(id = "rhyton"
collection = "gold"
order = 2
date = { from = -400, to = -300 }
place = { lat = 42.5081, lon = 24 }
tags = ["vessel", "gold"]
title = { bg = "Ритон", en = "Rhyton" }
summary = { bg = "Съд за пиене.", en = "A drinking vessel." }
description = { bg = """Първи абзац.

Втори абзац.""", en = "One paragraph." }
place_name = { bg = "Панагюрище", en = "Panagyurishte" }
credit = { bg = "РИМ Пловдив", en = "RAM Plovdiv" }

[[images]]
file = "images/wide.png"
caption = { bg = "Отстрани", en = "Side view" }
alt = { en = "A golden horn" }

[[images]]
file = "images/alpha.png"

[[metadata]]
label = { bg = "Материал", en = "Material" }
value = { bg = "злато", en = "gold" }

[[metadata]]
label = { bg = "Тегло" }
value = { bg = "690 г" }
)");
  write_text(src / "items/gold/amphora.toml", R"(id = "amphora"
collection = "gold"
order = 1
title = { bg = "Амфора" }
summary = { bg = "Кратко." }
description = { bg = "Описание." }
period = { bg = "ранноелинистически", en = "Early Hellenistic" }
credit = { bg = "НИМ" }
)");
  write_text(src / "items/silver/cup.toml", R"(id = "cup"
collection = "silver"
order = 1
date = { from = -350, to = -350 }
tags = ["silver"]
title = { bg = "Чаша", en = "Cup" }
summary = { bg = "Сребърна чаша." }
description = { bg = "Описание." }
credit = { bg = "НАИМ" }

[[images]]
file = "generated/cup.jpg"
)");
  write_bytes(src / "images/wide.png", media::encode_png(solid(3000, 1000, 200, 160, 40)));
  media::Image alpha = solid(40, 30, 10, 20, 200, 255);
  for (std::size_t i = 3; i < alpha.pixels.size() / 2; i += 4) alpha.pixels[i] = 0;  // top half transparent
  write_bytes(src / "images/alpha.png", media::encode_png(alpha));
  write_bytes(media / "generated/cup.jpg", media::encode_jpeg(solid(600, 800, 180, 180, 190), 90));
}

// write_good_tree under DIR/src and DIR/media, built with the real builder into `out`.
inline packs::BuildResult build_good_pack(const std::filesystem::path& dir, const std::filesystem::path& out) {
  write_good_tree(dir / "src", dir / "media");
  packs::BuildOptions o;
  o.source_dir = dir / "src";
  o.output = out;
  o.media_dirs = {dir / "media"};
  o.threads = 2;
  return packs::build_pack(o);
}

}  // namespace orpheus::test
