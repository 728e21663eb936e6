// Event dates worded per language: the day from CLDR's best pattern for a skeleton in the
// language's locale, the time always "HH:mm". Days are civil days already, so they are formatted
// as midnight UTC in UTC: no zone can shift them.
#include "events/wording.h"

#include <unicode/dtptngen.h>
#include <unicode/locid.h>
#include <unicode/smpdtfmt.h>
#include <unicode/timezone.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <cstdio>
#include <map>
#include <memory>
#include <mutex>
#include <utility>

namespace orpheus::events {
namespace {

constexpr const char* kRangeDash = "\u2013";      // between times of one day: "11:00–12:30"
constexpr const char* kSpacedDash = " \u2013 ";   // between days: "14 March – 28 April"

enum class Form { weekday, weekday_year, day, day_year };

const char* skeleton(Form form) {
  switch (form) {
    case Form::weekday: return "EEEdMMMM";
    case Form::weekday_year: return "EEEdMMMMy";
    case Form::day: return "dMMMM";
    case Form::day_year: return "dMMMMy";
  }
  return "dMMMM";
}

// English as in Britain: day before month ("14 March"). A language ICU has no data for is worded
// in English too, rather than in whatever the process's default locale happens to be.
icu::Locale locale_of(std::string_view lang) {
  UErrorCode status = U_ZERO_ERROR;
  const auto locale =
      icu::Locale::forLanguageTag(icu::StringPiece(lang.data(), static_cast<std::int32_t>(lang.size())), status);
  if (U_FAILURE(status) || locale.isBogus() || std::string_view(locale.getLanguage()) == "en")
    return icu::Locale("en_GB");
  std::int32_t count = 0;
  const icu::Locale* available = icu::Locale::getAvailableLocales(count);
  for (std::int32_t i = 0; i < count; ++i)
    if (std::string_view(available[i].getLanguage()) == locale.getLanguage()) return locale;
  return icu::Locale("en_GB");
}

icu::UnicodeString pattern_of(const icu::Locale& locale, Form form) {
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<icu::DateTimePatternGenerator> generator(
      icu::DateTimePatternGenerator::createInstance(locale, status));
  if (U_FAILURE(status) || !generator) return icu::UnicodeString(u"d MMMM");
  auto pattern = generator->getBestPattern(icu::UnicodeString(skeleton(form)), status);
  if (U_FAILURE(status) || pattern.isEmpty()) return icu::UnicodeString(u"d MMMM");
  // No comma after an English weekday: "Sat 14 March, 11:00" rather than "Sat, 14 March, 11:00".
  if (std::string_view(locale.getLanguage()) == "en")
    pattern.findAndReplace(icu::UnicodeString(u"EEE, "), icu::UnicodeString(u"EEE "));
  return pattern;
}

// The formatters, made once per language and form (loading CLDR data costs far more than
// formatting); one lock, as ICU formatters are not meant to be shared between threads.
class Formatters {
 public:
  std::string format(std::int32_t day, std::string_view lang, Form form) {
    std::lock_guard lock(mutex_);
    auto& slot = formats_[{std::string(lang), form}];
    if (!slot) {
      UErrorCode status = U_ZERO_ERROR;
      const auto locale = locale_of(lang);
      slot = std::make_unique<icu::SimpleDateFormat>(pattern_of(locale, form), locale, status);
      if (U_FAILURE(status)) {
        slot.reset();
        return format_date(day);
      }
      slot->setTimeZone(*icu::TimeZone::getGMT());
    }
    icu::UnicodeString out;
    slot->format(static_cast<UDate>(day) * 86400000.0, out);
    // CLDR puts narrow and thin no-break spaces in some patterns ("2026 г."): the kiosk's fonts
    // are baked with U+00A0 but not those, and they read the same.
    out.findAndReplace(icu::UnicodeString(static_cast<UChar>(0x202F)), icu::UnicodeString(static_cast<UChar>(0xA0)));
    out.findAndReplace(icu::UnicodeString(static_cast<UChar>(0x2009)), icu::UnicodeString(static_cast<UChar>(0xA0)));
    std::string utf8;
    out.toUTF8String(utf8);
    return utf8;
  }

 private:
  std::mutex mutex_;
  std::map<std::pair<std::string, Form>, std::unique_ptr<icu::SimpleDateFormat>> formats_;
};

std::string format(std::int32_t day, std::string_view lang, Form form) {
  static Formatters formatters;
  return formatters.format(day, lang, form);
}

Form with_year(Form form, bool year) {
  if (!year) return form;
  return form == Form::weekday ? Form::weekday_year : Form::day_year;
}

}  // namespace

std::string format_day(std::int32_t day, std::string_view lang) { return format(day, lang, Form::weekday); }

std::string format_time(int minute) {
  char out[16];
  std::snprintf(out, sizeof out, "%02d:%02d", minute / 60, minute % 60);
  return out;
}

std::string format_occurrence(const catalog::EventOccurrence& occurrence, const TimeZone& zone, std::string_view lang,
                              std::int32_t today) {
  const int this_year = civil_date(today).year;
  auto other_year = [&](std::int32_t day) { return civil_date(day).year != this_year; };

  if (occurrence.all_day) {
    const auto first = static_cast<std::int32_t>(occurrence.start);
    const auto last = static_cast<std::int32_t>(std::max(occurrence.end - 1, occurrence.start));
    // Both ends get the year if either is in another year: "20 December 2026 – 10 January 2027".
    const bool year = other_year(first) || other_year(last);
    if (first == last) return format(first, lang, with_year(Form::weekday, year));
    const Form form = with_year(Form::day, year);
    return format(first, lang, form) + kSpacedDash + format(last, lang, form);
  }

  const auto start = zone.to_local(occurrence.start);
  auto end = zone.to_local(occurrence.end);
  if (end.day == start.day + 1 && end.minute == 0 && end.second == 0) end = {start.day, 1440, 0};  // "22:00–24:00"
  const bool year = other_year(start.day) || other_year(end.day);
  const std::string first = format(start.day, lang, with_year(Form::weekday, year)) + ", " + format_time(start.minute);
  if (occurrence.end <= occurrence.start) return first;
  if (end.day == start.day) return first + kRangeDash + format_time(end.minute);
  return first + kSpacedDash + format(end.day, lang, with_year(Form::weekday, year)) + ", " + format_time(end.minute);
}

}  // namespace orpheus::events
