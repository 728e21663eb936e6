#pragma once
// Writes a small pack by hand (SQL, no builder) so the reader is tested on its own.
#include <filesystem>
#include <string>

#include "catalog/schema.h"
#include "catalog/sqlite.h"

namespace orpheus::test {

// Two languages (bg default, en), one collection "gold" with two items, one image with all
// three variants (bytes "ORIG", "DISP", "THMB"). The schema is migrated to `version`.
inline void write_small_pack(const std::filesystem::path& file, int version = catalog::kSchemaVersion) {
  sql::Database db(file, sql::Database::Mode::read_write_create);
  catalog::migrate(db.get(), version);
  db.exec(R"sql(
    BEGIN;
    INSERT INTO pack_info VALUES ('id', 'test.pack'), ('version', '2.0'), ('default_language', 'bg'),
                                 ('created', '2024-01-02T03:04:05Z'), ('generator', 'test');
    INSERT INTO pack_language VALUES ('bg', 0), ('en', 1);
    INSERT INTO pack_text VALUES ('bg', 'Траки', 'Кредит'), ('en', 'Thracians', '');
    INSERT INTO collection VALUES (1, 'gold', 10, NULL);
    INSERT INTO collection_text VALUES (1, 'bg', 'Злато', 'Кратко', ''), (1, 'en', 'Gold', '', '');
    INSERT INTO item(id, slug, collection_id, ord, year_from, year_to, latitude, longitude) VALUES (1, 'rhyton', 1, 2, -400, -300, 42.5, 24.25);
    INSERT INTO item(id, slug, collection_id, ord, year_from, year_to, latitude, longitude) VALUES (2, 'amphora', 1, 1, NULL, NULL, NULL, NULL);
    INSERT INTO item_text VALUES (1, 'bg', 'Златен ритон', 'Съд от чисто злато', 'Дълго описание', '', 'Панагюрище', 'РИМ');
    INSERT INTO item_text VALUES (1, 'en', 'Gold rhyton', '', 'Long text', 'Early Hellenistic', '', '');
    INSERT INTO item_text VALUES (2, 'bg', 'Амфора', '', '', '', '', '');
    INSERT INTO item_metadata VALUES (1, 0, 'bg', 'Материал', 'злато'), (1, 0, 'en', 'Material', 'gold'),
                                     (1, 1, 'bg', 'Тегло', '1 кг');
    INSERT INTO tag VALUES (1, 'gold'), (2, 'vessel');
    INSERT INTO tag_text VALUES (1, 'bg', 'злато'), (1, 'en', 'gold'), (2, 'bg', 'съд');
    INSERT INTO item_tag VALUES (1, 2, 0), (1, 1, 1);
    INSERT INTO media VALUES (7, 1, 0, 'images/rhyton.jpg', 4000, 3000);
    INSERT INTO media_text VALUES (7, 'en', 'Side view', 'A gold drinking horn');
    INSERT INTO media_blob VALUES (7, 'original', 'image/jpeg', 4000, 3000, CAST('ORIG' AS BLOB)),
                                  (7, 'display', 'image/jpeg', 2048, 1536, CAST('DISP' AS BLOB)),
                                  (7, 'thumbnail', 'image/jpeg', 512, 384, CAST('THMB' AS BLOB));
    UPDATE collection SET cover_media_id = 7 WHERE id = 1;
    COMMIT;
  )sql");
}

}  // namespace orpheus::test
