#include "illustrate/kinds.h"

#include <algorithm>
#include <array>

namespace orpheus::illustrate {
namespace {

constexpr std::array<std::string_view, 8> kVessel = {"amphora-rhyton", "rhyton-animal", "rhyton-head", "phiale",
                                                     "jug",            "kantharos",     "kylix",       "beaker"};
constexpr std::array<std::string_view, 3> kHelmet = {"conical", "attic", "chalcidian"};
constexpr std::array<std::string_view, 2> kGreave = {"plain", "face"};
constexpr std::array<std::string_view, 6> kJewelry = {"wreath", "earring", "torc", "necklace", "pectoral", "ring"};
constexpr std::array<std::string_view, 5> kPlaque = {"horseman", "animal-combat", "griffin", "deer", "scene"};
constexpr std::array<std::string_view, 3> kRelief = {"horseman", "banquet", "nymphs"};
constexpr std::array<std::string_view, 4> kFresco = {"procession", "chariot-race", "couple", "ornament"};
constexpr std::array<std::string_view, 4> kTomb = {"facade", "beehive", "dromos", "caryatids"};
constexpr std::array<std::string_view, 4> kSite = {"city-plan", "rock-sanctuary", "fortress", "landscape"};
constexpr std::array<std::string_view, 2> kCoin = {"tetradrachm", "stater"};
constexpr std::array<std::string_view, 5> kOrnament = {"meander", "palmette", "rosette", "spiral", "interlace"};

constexpr std::array<KindInfo, 11> kKinds = {{
    {"vessel", kVessel, &draw_vessel},
    {"helmet", kHelmet, &draw_helmet},
    {"greave", kGreave, &draw_greave},
    {"jewelry", kJewelry, &draw_jewelry},
    {"plaque", kPlaque, &draw_plaque},
    {"relief", kRelief, &draw_relief},
    {"fresco", kFresco, &draw_fresco},
    {"tomb", kTomb, &draw_tomb},
    {"site", kSite, &draw_site},
    {"coin", kCoin, &draw_coin},
    {"ornament", kOrnament, &draw_ornament},
}};

}  // namespace

std::span<const KindInfo> kinds() { return kKinds; }

const KindInfo* find_kind(std::string_view name) {
  for (const KindInfo& k : kKinds)
    if (k.name == name) return &k;
  return nullptr;
}

bool has_variant(const KindInfo& kind, std::string_view variant) {
  return std::find(kind.variants.begin(), kind.variants.end(), variant) != kind.variants.end();
}

}  // namespace orpheus::illustrate
