#pragma once
// Reading one object of a signed JSON document (channel.json, a kiosk's status.json) field by
// field. Every error names the field's path ("packs[1].bytes: expected a positive integer, got
// -3") and is thrown as the document's own error; a field that was never taken is refused as one
// of another format version (the documents are signed: an extra field is no typo). A JsonFields
// refers to its JSON and its JsonDocument, which must outlive it; one thread at a time.
#include <cstdint>
#include <functional>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "trust/seal.h"

namespace orpheus::fleet {

inline constexpr std::uint64_t kMaxJsonInteger = std::uint64_t{1} << 53;  // exact in every JSON reader

// What the documents differ in.
struct JsonDocument {
  std::string_view name;   // "channel": "the channel: expected an object", "unknown field (a channel of ..."
  std::string_view title;  // "a channel": "not a channel: not JSON (...)"
  int version;             // the format version this Orpheus reads, named with an unknown field
  bool number_values;      // a wrong type names any number's value ("got the number 5"), not only a float's
  // Throws the document's error for "ORIGIN: reason"; never returns.
  void (*fail)(std::string_view origin, const std::string& reason);
};

// `text` as JSON, which must be an object: else fails with "not a channel: not JSON (parse error at
// line 3, column 5: ...)" or "not a channel: expected a JSON object".
nlohmann::json parse_object(std::string_view text, std::string_view origin, const JsonDocument& document);

class JsonFields {
 public:
  // `path` is the object's place in the document ("packs[1]"); "" for the document itself.
  JsonFields(const nlohmann::json& j, std::string path, std::string_view origin, const JsonDocument& document);

  // The field at `key`, taken: get() fails if it is missing, find() returns nullptr.
  const nlohmann::json& get(const char* key);
  const nlohmann::json* find(const char* key);

  std::string string(const char* key);
  std::string string_or(const char* key, std::string fallback);
  std::vector<std::string> strings(const char* key);
  // A JSON integer (not 1.0) from `min` to `max` (max >= 0); `expected` says so in the message.
  std::int64_t integer(const char* key, std::int64_t min, std::int64_t max, const std::string& expected);
  std::int64_t integer_or(const char* key, std::int64_t min, std::int64_t max, const std::string& expected,
                          std::int64_t fallback);
  std::uint64_t count(const char* key);     // 0 to kMaxJsonInteger, "an integer >= 0"
  std::uint64_t positive(const char* key);  // 1 to kMaxJsonInteger, "a positive integer"
  bool boolean_or(const char* key, bool fallback);
  trust::ContentHash hash(const char* key);  // 64 hex digits

  // The object at `key`; null gives nullopt where it is allowed.
  JsonFields object(const char* key);
  std::optional<JsonFields> object_or_null(const char* key);
  // Each object of the array at `key` (none if it is missing, for the _or_none form) given to
  // `read`; then each one's fields not taken are refused.
  void objects(const char* key, const std::function<void(JsonFields&)>& read);
  void objects_or_none(const char* key, const std::function<void(JsonFields&)>& read);

  // The path of `key` in the document: "packs[1].bytes".
  std::string at(std::string_view key) const;
  // Fails with "ORIGIN: PATH.KEY: reason".
  [[noreturn]] void fail_at(std::string_view key, const std::string& reason) const;
  // Refuses every field not taken (as one of another format version).
  void no_others() const;

 private:
  [[noreturn]] void fail(const std::string& reason) const;
  std::string type_of(const nlohmann::json& v) const;
  std::int64_t integer_value(const char* key, const nlohmann::json& v, std::int64_t min, std::int64_t max,
                             const std::string& expected) const;
  void each_object(const char* key, const nlohmann::json& v, const std::function<void(JsonFields&)>& read);

  const nlohmann::json& j_;
  std::string path_;
  std::string_view origin_;
  const JsonDocument& document_;
  std::set<std::string, std::less<>> taken_;
};

}  // namespace orpheus::fleet
