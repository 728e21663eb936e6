#pragma once
// Small file helpers shared by the libraries. No SDL, GL or SQLite.
#include <filesystem>
#include <string_view>

namespace orpheus::core {

// Writes `text` to a temporary file beside `file`, makes it durable, then renames it over
// `file`: a reader sees the old document or the new one, never a mix, and two writers (threads
// or processes) never share a temporary file. Throws std::runtime_error naming the file and the
// reason (the temporary file is removed).
void write_file_atomically(const std::filesystem::path& file, std::string_view text);

}  // namespace orpheus::core
