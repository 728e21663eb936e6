#include "fleet/json_fields.h"

#include <cstdlib>
#include <utility>

namespace orpheus::fleet {

using nlohmann::json;

namespace {

[[noreturn]] void fail(const JsonDocument& document, std::string_view origin, const std::string& reason) {
  document.fail(origin, reason);
  std::abort();  // JsonDocument::fail returned: a programmer error
}

}  // namespace

json parse_object(std::string_view text, std::string_view origin, const JsonDocument& document) {
  // The documents are a few levels deep; copying and writing a JSON value recurse per level, so a
  // file of nothing but '[' would overflow the stack before its signature is checked.
  constexpr int kMaxDepth = 32;
  const auto shallow = [&](int depth, json::parse_event_t, json&) {
    if (depth > kMaxDepth)
      fail(document, origin, "not " + std::string(document.title) + ": nested deeper than " + std::to_string(kMaxDepth) +
                                 " levels");
    return true;
  };
  json j;
  try {
    j = json::parse(text, shallow);
  } catch (const json::exception& e) {  // parse_error, or out_of_range for a number beyond a double ("1e400")
    // "[json.exception.parse_error.101] parse error at line 3, column 5: ..." without the bracket.
    std::string why = e.what();
    if (const auto close = why.find("] "); why.starts_with("[") && close != std::string::npos) why.erase(0, close + 2);
    fail(document, origin, "not " + std::string(document.title) + ": not JSON (" + why + ")");
  }
  if (!j.is_object()) fail(document, origin, "not " + std::string(document.title) + ": expected a JSON object");
  return j;
}

JsonFields::JsonFields(const json& j, std::string path, std::string_view origin, const JsonDocument& document)
    : j_(j), path_(std::move(path)), origin_(origin), document_(document) {
  if (!j_.is_object())
    fail((path_.empty() ? "the " + std::string(document_.name) : path_) + ": expected an object, got " + type_of(j_));
}

const json& JsonFields::get(const char* key) {
  const json* v = find(key);
  if (!v) fail_at(key, "missing");
  return *v;
}

const json* JsonFields::find(const char* key) {
  taken_.insert(key);
  const auto it = j_.find(key);
  return it == j_.end() ? nullptr : &*it;
}

std::string JsonFields::string(const char* key) {
  const json& v = get(key);
  if (!v.is_string()) fail_at(key, "expected a string, got " + type_of(v));
  return v.get<std::string>();
}

std::string JsonFields::string_or(const char* key, std::string fallback) {
  return find(key) ? string(key) : fallback;
}

std::vector<std::string> JsonFields::strings(const char* key) {
  const json& v = get(key);
  if (!v.is_array()) fail_at(key, "expected an array of strings, got " + type_of(v));
  std::vector<std::string> out;
  for (std::size_t i = 0; i < v.size(); ++i) {
    if (!v[i].is_string()) fail(at(key) + "[" + std::to_string(i) + "]: expected a string, got " + type_of(v[i]));
    out.push_back(v[i].get<std::string>());
  }
  return out;
}

std::int64_t JsonFields::integer(const char* key, std::int64_t min, std::int64_t max, const std::string& expected) {
  return integer_value(key, get(key), min, max, expected);
}

std::int64_t JsonFields::integer_or(const char* key, std::int64_t min, std::int64_t max, const std::string& expected,
                                    std::int64_t fallback) {
  const json* v = find(key);
  return v ? integer_value(key, *v, min, max, expected) : fallback;
}

std::uint64_t JsonFields::count(const char* key) {
  return static_cast<std::uint64_t>(integer(key, 0, static_cast<std::int64_t>(kMaxJsonInteger), "an integer >= 0"));
}

std::uint64_t JsonFields::positive(const char* key) {
  return static_cast<std::uint64_t>(integer(key, 1, static_cast<std::int64_t>(kMaxJsonInteger), "a positive integer"));
}

bool JsonFields::boolean_or(const char* key, bool fallback) {
  const json* v = find(key);
  if (!v) return fallback;
  if (!v->is_boolean()) fail_at(key, "expected true or false, got " + type_of(*v));
  return v->get<bool>();
}

trust::ContentHash JsonFields::hash(const char* key) {
  const std::string s = string(key);
  const auto h = trust::parse_hash(s);
  if (!h) fail_at(key, "expected 64 hex digits (a BLAKE2b-256 hash), got \"" + s + "\"");
  return *h;
}

JsonFields JsonFields::object(const char* key) { return JsonFields(get(key), at(key), origin_, document_); }

std::optional<JsonFields> JsonFields::object_or_null(const char* key) {
  const json& v = get(key);
  if (v.is_null()) return std::nullopt;
  if (!v.is_object()) fail_at(key, "expected an object or null, got " + type_of(v));
  return JsonFields(v, at(key), origin_, document_);
}

void JsonFields::objects(const char* key, const std::function<void(JsonFields&)>& read) {
  each_object(key, get(key), read);
}

void JsonFields::objects_or_none(const char* key, const std::function<void(JsonFields&)>& read) {
  if (const json* v = find(key)) each_object(key, *v, read);
}

std::string JsonFields::at(std::string_view key) const {
  return path_.empty() ? std::string(key) : path_ + "." + std::string(key);
}

void JsonFields::fail_at(std::string_view key, const std::string& reason) const { fail(at(key) + ": " + reason); }

void JsonFields::no_others() const {
  for (const auto& [key, value] : j_.items())
    if (!taken_.contains(key))
      fail_at(key, "unknown field (a " + std::string(document_.name) +
                       " of another format version? this Orpheus reads version " + std::to_string(document_.version) +
                       ")");
}

void JsonFields::fail(const std::string& reason) const { orpheus::fleet::fail(document_, origin_, reason); }

std::string JsonFields::type_of(const json& v) const {
  if (v.is_number_float() || (document_.number_values && v.is_number())) return "the number " + v.dump();
  return v.type_name();
}

std::int64_t JsonFields::integer_value(const char* key, const json& v, std::int64_t min, std::int64_t max,
                                       const std::string& expected) const {
  if (!v.is_number_integer()) fail_at(key, "expected " + expected + ", got " + type_of(v));
  const bool fits = v.is_number_unsigned()
                        ? v.get<std::uint64_t>() <= static_cast<std::uint64_t>(max) &&
                              (min <= 0 || v.get<std::uint64_t>() >= static_cast<std::uint64_t>(min))
                        : v.get<std::int64_t>() >= min && v.get<std::int64_t>() <= max;
  if (!fits) fail_at(key, "expected " + expected + ", got " + v.dump());
  return v.get<std::int64_t>();
}

void JsonFields::each_object(const char* key, const json& v, const std::function<void(JsonFields&)>& read) {
  if (!v.is_array()) fail_at(key, "expected an array, got " + type_of(v));
  for (std::size_t i = 0; i < v.size(); ++i) {
    JsonFields item(v[i], at(key) + "[" + std::to_string(i) + "]", origin_, document_);
    read(item);
    item.no_others();
  }
}

}  // namespace orpheus::fleet
