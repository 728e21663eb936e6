#include "packs/narration.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstring>
#include <fstream>
#include <set>
#include <sstream>

#include "core/sentences.h"
#include "core/utf8.h"
#include "media/audio.h"
#include "media/image.h"
#include "media/vorbis_encode.h"
#include "packs/images.h"
#include "packs/parallel.h"

extern char** environ;

namespace orpheus::packs::detail {
namespace {

namespace fs = std::filesystem;
using Part = catalog::NarrationSentence::Part;

Problem problem_at(const fs::path& file, int line, std::string reason, bool warning = false) {
  return Problem{file, line, line > 0 ? 1 : 0, "narration", std::move(reason), warning};
}

// The sentence starts of a timings file in milliseconds, or a problem.
struct Timings {
  std::vector<std::int32_t> starts_ms;
  std::vector<Problem> problems;
};

Timings read_timings(const fs::path& file, int duration_ms, std::size_t sentences) {
  Timings t;
  std::ifstream in(file);
  if (!in) {
    t.problems.push_back(problem_at(file, 0, "cannot read the timings file: " + std::string(std::strerror(errno))));
    return t;
  }
  std::string line;
  int number = 0;
  std::int32_t last = -1;
  while (std::getline(in, line)) {
    ++number;
    const auto first = line.find_first_not_of(" \t\r");
    if (first == std::string::npos || line[first] == '#') continue;
    const auto end = line.find_last_not_of(" \t\r") + 1;
    const std::string value = line.substr(first, end - first);
    double seconds = 0;
    const auto [ptr, ec] = std::from_chars(value.data(), value.data() + value.size(), seconds);
    if (ec != std::errc() || ptr != value.data() + value.size() || !std::isfinite(seconds) || seconds < 0) {
      t.problems.push_back(problem_at(file, number, "'" + value + "' is not a start time in seconds (e.g. 4.2)"));
      continue;
    }
    const auto ms = static_cast<std::int32_t>(std::lround(seconds * 1000));
    if (ms < last)
      t.problems.push_back(problem_at(file, number, "starts at " + value + " s, before the sentence above it"));
    else if (ms >= duration_ms)
      t.problems.push_back(problem_at(file, number, "starts at " + value + " s, after the recording's end (" +
                                                        std::to_string(duration_ms / 1000.0).substr(0, 5) + " s)"));
    last = std::max(last, ms);
    t.starts_ms.push_back(ms);
  }
  if (t.problems.empty() && t.starts_ms.size() != sentences)
    t.problems.push_back(problem_at(file, 0, std::to_string(t.starts_ms.size()) + " start times for " +
                                                 std::to_string(sentences) +
                                                 " sentences (the title, summary and description as spoken)"));
  return t;
}

// Starts in proportion to the sentences' lengths in characters.
void estimate_starts(std::vector<catalog::NarrationSentence>& sentences, const SpokenTexts& texts, int duration_ms) {
  auto text_of = [&](Part p) -> const std::string& {
    return p == Part::title ? texts.title : p == Part::summary ? texts.summary : texts.description;
  };
  std::size_t total = 0;
  for (const auto& s : sentences) total += core::count_code_points(std::string_view(text_of(s.part)).substr(s.begin, s.end - s.begin));
  std::size_t before = 0;
  for (auto& s : sentences) {
    s.start_ms = total ? static_cast<std::int32_t>(static_cast<double>(duration_ms) * static_cast<double>(before) /
                                                   static_cast<double>(total))
                       : 0;
    before += core::count_code_points(std::string_view(text_of(s.part)).substr(s.begin, s.end - s.begin));
  }
}

// --- espeak-ng as a subprocess -------------------------------------------------------------

struct Fd {
  int fd = -1;
  Fd() = default;
  explicit Fd(int f) : fd(f) {}
  Fd(Fd&& o) noexcept : fd(std::exchange(o.fd, -1)) {}
  Fd& operator=(Fd&& o) noexcept {
    reset();
    fd = std::exchange(o.fd, -1);
    return *this;
  }
  ~Fd() { reset(); }
  void reset() {
    if (fd >= 0) ::close(fd);
    fd = -1;
  }
};

struct Pipe {
  Fd read, write;
  Pipe() {
    int fds[2];
    if (::pipe2(fds, O_CLOEXEC) != 0) throw std::runtime_error(std::string("cannot make a pipe: ") + std::strerror(errno));
    read = Fd(fds[0]);
    write = Fd(fds[1]);
  }
};

struct Run {
  int status = -1;          // exit status; -1: killed by a signal
  std::string out, err;
  bool not_found = false;   // the program could not be started
};

// Runs `argv` with `input` on its standard input and collects its output. Any thread: pipes are
// close-on-exec, so a program started by another thread inherits none of ours; SIGPIPE is
// blocked on this thread while writing (a program that exits early gives EPIPE instead).
Run run_program(const std::vector<std::string>& argv, std::string_view input) {
  Pipe in, out, err;
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, in.read.fd, 0);
  posix_spawn_file_actions_adddup2(&actions, out.write.fd, 1);
  posix_spawn_file_actions_adddup2(&actions, err.write.fd, 2);
  std::vector<char*> args;
  for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  pid_t pid = 0;
  const int rc = ::posix_spawnp(&pid, args[0], &actions, nullptr, args.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  Run r;
  if (rc != 0) {
    r.not_found = true;
    r.err = std::strerror(rc);
    return r;
  }
  in.read.reset();
  out.write.reset();
  err.write.reset();

  sigset_t block, old;
  sigemptyset(&block);
  sigaddset(&block, SIGPIPE);
  pthread_sigmask(SIG_BLOCK, &block, &old);
  std::size_t written = 0;
  if (input.empty()) in.write.reset();
  char buf[65536];
  while (out.read.fd >= 0 || err.read.fd >= 0) {
    pollfd fds[3];
    int n = 0;
    if (in.write.fd >= 0) fds[n++] = pollfd{in.write.fd, POLLOUT, 0};
    if (out.read.fd >= 0) fds[n++] = pollfd{out.read.fd, POLLIN, 0};
    if (err.read.fd >= 0) fds[n++] = pollfd{err.read.fd, POLLIN, 0};
    if (::poll(fds, static_cast<nfds_t>(n), -1) < 0) {
      if (errno == EINTR) continue;
      break;
    }
    for (int i = 0; i < n; ++i) {
      if (!fds[i].revents) continue;
      if (fds[i].fd == in.write.fd) {
        const ssize_t w = ::write(in.write.fd, input.data() + written, input.size() - written);
        if (w > 0) written += static_cast<std::size_t>(w);
        if (w < 0 && errno != EINTR && errno != EAGAIN) written = input.size();  // EPIPE: it stopped reading
        if (written >= input.size()) in.write.reset();
      } else {
        Fd& fd = fds[i].fd == out.read.fd ? out.read : err.read;
        std::string& into = &fd == &out.read ? r.out : r.err;
        const ssize_t got = ::read(fd.fd, buf, sizeof buf);
        if (got > 0)
          into.append(buf, static_cast<std::size_t>(got));
        else if (got == 0 || (errno != EINTR && errno != EAGAIN))
          fd.reset();
      }
    }
  }
  in.write.reset();
  // A SIGPIPE raised while blocked is discarded, so it cannot end the process later.
  timespec zero{0, 0};
  while (sigtimedwait(&block, nullptr, &zero) > 0) {
  }
  pthread_sigmask(SIG_SETMASK, &old, nullptr);
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  r.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return r;
}

std::uint32_t le32(const char* p) {
  const auto* u = reinterpret_cast<const unsigned char*>(p);
  return static_cast<std::uint32_t>(u[0]) | static_cast<std::uint32_t>(u[1]) << 8 | static_cast<std::uint32_t>(u[2]) << 16 |
         static_cast<std::uint32_t>(u[3]) << 24;
}

// espeak-ng's --stdout: a 16-bit PCM WAV whose data size may be a streaming placeholder.
media::Pcm parse_wav(const std::string& wav) {
  if (wav.size() < 12 || wav.compare(0, 4, "RIFF") != 0 || wav.compare(8, 4, "WAVE") != 0)
    throw std::runtime_error("espeak-ng did not write a WAV file");
  media::Pcm pcm;
  std::size_t at = 12;
  while (at + 8 <= wav.size()) {
    const std::string id = wav.substr(at, 4);
    const std::uint32_t size = le32(wav.data() + at + 4);
    at += 8;
    if (id == "fmt ") {
      if (size < 16 || at + 16 > wav.size()) throw std::runtime_error("espeak-ng wrote a short WAV format chunk");
      const auto u16 = [&](std::size_t o) {
        return static_cast<int>(static_cast<unsigned char>(wav[at + o]) | static_cast<unsigned char>(wav[at + o + 1]) << 8);
      };
      if (u16(0) != 1 || u16(14) != 16) throw std::runtime_error("espeak-ng wrote WAV that is not 16-bit PCM");
      pcm.channels = u16(2);
      pcm.rate = static_cast<int>(le32(wav.data() + at + 4));
    } else if (id == "data") {
      if (pcm.channels != 1) throw std::runtime_error("espeak-ng wrote WAV that is not mono");
      const std::size_t bytes = std::min<std::size_t>(size, wav.size() - at) & ~std::size_t{1};
      pcm.samples.resize(bytes / 2);
      for (std::size_t i = 0; i < pcm.samples.size(); ++i)
        pcm.samples[i] = static_cast<std::int16_t>(static_cast<unsigned char>(wav[at + 2 * i]) |
                                                   static_cast<unsigned char>(wav[at + 2 * i + 1]) << 8);
      return pcm;
    }
    at += size + (size & 1);
  }
  throw std::runtime_error("espeak-ng wrote WAV without audio data");
}

std::string one_line(std::string s) {
  for (char& c : s)
    if (c == '\n' || c == '\r' || c == '\t') c = ' ';
  while (!s.empty() && s.back() == ' ') s.pop_back();
  return s;
}

media::Pcm speak(const Narrator& narrator, const std::string& voice, std::string_view sentence) {
  // -b 1: the input is UTF-8; text on stdin, so nothing in it is read as an option.
  const Run r = run_program({narrator.program, "--stdout", "-b", "1", "-v", voice}, one_line(std::string(sentence)) + "\n");
  if (r.not_found) throw std::runtime_error("cannot run " + narrator.program + ": " + r.err);
  if (r.status != 0)
    throw std::runtime_error(narrator.program + " failed (status " + std::to_string(r.status) + ")" +
                             (r.err.empty() ? "" : ": " + one_line(r.err)));
  return parse_wav(r.out);
}

// Without the quiet before and after the voice (espeak-ng ends each utterance with ~0.3 s).
void trim_silence(std::vector<std::int16_t>& s) {
  constexpr int kQuiet = 200;
  auto loud = [](std::int16_t v) { return std::abs(static_cast<int>(v)) > kQuiet; };
  const auto last = std::find_if(s.rbegin(), s.rend(), loud);
  s.erase(last.base(), s.end());
  const auto first = std::find_if(s.begin(), s.end(), loud);
  s.erase(s.begin(), first);
}

}  // namespace

SpokenTexts spoken_texts(const ItemSource& item, const std::string& lang) {
  return SpokenTexts{std::string(item.title.exact(lang)), std::string(item.summary.exact(lang)),
                     std::string(item.description.exact(lang))};
}

std::vector<catalog::NarrationSentence> spoken_sentences(const SpokenTexts& texts) {
  std::vector<catalog::NarrationSentence> out;
  for (auto [part, text] : {std::pair{Part::title, &texts.title}, std::pair{Part::summary, &texts.summary},
                            std::pair{Part::description, &texts.description}})
    for (const core::SentenceSpan& s : core::split_sentences(*text))
      out.push_back(catalog::NarrationSentence{part, static_cast<std::uint32_t>(s.begin), static_cast<std::uint32_t>(s.end), 0});
  return out;
}

void find_recordings(PackSource& source, const BuildOptions& options, std::vector<Problem>& problems) {
  std::map<std::string, ItemSource*> items;
  for (ItemSource& it : source.items) items[it.slug] = &it;
  std::vector<fs::path> roots;
  if (!options.source_dir.empty()) roots.push_back(options.source_dir);
  roots.insert(roots.end(), options.media_dirs.begin(), options.media_dirs.end());
  std::set<std::pair<std::string, std::string>> found;  // (slug, lang): the first root wins
  for (const fs::path& root : roots) {
    const fs::path dir = root / kNarrationDir;
    std::error_code ec;
    if (!fs::is_directory(dir, ec)) continue;
    std::vector<fs::path> files;
    for (const auto& e : fs::directory_iterator(dir, ec))
      if (e.is_regular_file(ec)) files.push_back(e.path());
    std::sort(files.begin(), files.end());
    std::set<fs::path> timings_used;
    for (const fs::path& file : files) {
      if (file.extension() != ".ogg") continue;
      const std::string stem = file.stem().string();  // <slug>.<lang>
      const auto dot = stem.rfind('.');
      if (dot == std::string::npos || dot == 0 || dot + 1 == stem.size()) {
        problems.push_back(problem_at(file, 0, "a recording is named <item-id>.<language>.ogg, e.g. rhyton.bg.ogg"));
        continue;
      }
      fs::path timings = file;
      timings.replace_extension(".txt");
      timings_used.insert(timings);
      const std::string slug = stem.substr(0, dot), lang = stem.substr(dot + 1);
      const auto item = items.find(slug);
      if (item == items.end()) {
        problems.push_back(problem_at(file, 0, "a recording for item '" + slug + "', which the pack does not have"));
        continue;
      }
      if (std::find(source.languages.begin(), source.languages.end(), lang) == source.languages.end()) {
        problems.push_back(problem_at(file, 0, "a recording in language '" + lang + "', which is not one of the pack's"));
        continue;
      }
      if (spoken_texts(*item->second, lang).empty()) {
        problems.push_back(problem_at(file, 0, "a recording in '" + lang + "' of item '" + slug + "', which has no text in it"));
        continue;
      }
      const bool has_timings = fs::is_regular_file(timings, ec);
      if (!found.insert({slug, lang}).second) continue;
      item->second->recordings.push_back(RecordingSource{lang, file, has_timings ? timings : fs::path()});
    }
    for (const fs::path& file : files)
      if (file.extension() == ".txt" && !timings_used.count(file))
        problems.push_back(problem_at(file, 0, "timings without a recording (" + file.stem().string() + ".ogg)"));
  }
}

void check_recordings(const PackSource& source, unsigned threads, std::vector<Problem>& problems) {
  struct Job {
    const RecordingSource* recording;
    SpokenTexts texts;
  };
  std::vector<Job> jobs;
  for (const ItemSource& it : source.items)
    for (const RecordingSource& r : it.recordings) jobs.push_back(Job{&r, spoken_texts(it, r.lang)});
  parallel_ordered<std::vector<Problem>>(
      jobs.size(), worker_count(threads),
      [&](std::size_t i) {
        const RecordingSource& r = *jobs[i].recording;
        std::vector<Problem> found;
        int duration_ms = 0;
        try {
          const auto bytes = media::read_file(r.file);
          duration_ms = media::decode_vorbis(bytes).duration_ms();
        } catch (const std::exception& e) {
          found.push_back(problem_at(r.file, 0, std::string("not a usable Ogg Vorbis recording: ") + e.what()));
          return found;
        }
        if (!r.timings.empty()) {
          Timings t = read_timings(r.timings, duration_ms, spoken_sentences(jobs[i].texts).size());
          found = std::move(t.problems);
        }
        return found;
      },
      [&](std::size_t, std::vector<Problem> found) {
        for (auto& p : found) problems.push_back(std::move(p));
      });
}

std::optional<Narrator> find_narrator(const PackSource& source, const std::string& program, std::vector<Problem>& problems) {
  const Run r = run_program({program, "--voices"}, {});
  if (r.not_found || r.status != 0) {
    problems.push_back(Problem{{}, 0, 0, "--narrate",
                               "cannot run " + program + " (" + (r.not_found ? r.err : "status " + std::to_string(r.status)) +
                                   "): synthetic narration needs the Debian package espeak-ng (apt-get install espeak-ng)"});
    return std::nullopt;
  }
  // "Pty Language Age/Gender VoiceName File Other Languages", one voice a line, by priority.
  std::vector<std::string> languages;
  std::istringstream lines(r.out);
  std::string line;
  std::getline(lines, line);  // the heading
  while (std::getline(lines, line)) {
    std::istringstream words(line);
    std::string priority, language;
    if (words >> priority >> language) languages.push_back(language);
  }
  Narrator n;
  n.program = program;
  for (const std::string& lang : source.languages) {
    auto exact = std::find(languages.begin(), languages.end(), lang);
    if (exact == languages.end())
      exact = std::find_if(languages.begin(), languages.end(), [&](const std::string& l) { return l.rfind(lang + "-", 0) == 0; });
    if (exact != languages.end())
      n.voices[lang] = *exact;
    else
      problems.push_back(Problem{{}, 0, 0, "--narrate",
                                 program + " has no voice for '" + lang + "': its texts stay silent unless recorded", true,
                                 "no voice"});
  }
  return n;
}

RenderedNarration render_recording(const RecordingSource& recording, const SpokenTexts& texts) {
  RenderedNarration out;
  out.lang = recording.lang;
  out.loc.file = recording.file;
  try {
    out.bytes = media::read_file(recording.file);
    out.duration_ms = media::probe_vorbis(out.bytes).duration_ms();
  } catch (const std::exception& e) {
    out.problem = std::string("not a usable Ogg Vorbis recording: ") + e.what();
    return out;
  }
  out.sentences = spoken_sentences(texts);
  if (!recording.timings.empty()) {
    Timings t = read_timings(recording.timings, out.duration_ms, out.sentences.size());
    if (!t.problems.empty()) {
      out.problem = t.problems.front().str();
      return out;
    }
    for (std::size_t i = 0; i < out.sentences.size(); ++i) out.sentences[i].start_ms = t.starts_ms[i];
    out.timed = true;
  } else {
    estimate_starts(out.sentences, texts, out.duration_ms);
  }
  return out;
}

RenderedNarration synthesise(const Narrator& narrator, const std::string& lang, const SpokenTexts& texts, float quality) {
  RenderedNarration out;
  out.lang = lang;
  out.synthetic = out.timed = true;
  const auto voice = narrator.voices.find(lang);
  if (voice == narrator.voices.end()) {
    out.problem = "no voice for '" + lang + "'";
    return out;
  }
  out.sentences = spoken_sentences(texts);
  std::vector<std::int16_t> all;
  int rate = 0;
  try {
    for (std::size_t i = 0; i < out.sentences.size(); ++i) {
      catalog::NarrationSentence& s = out.sentences[i];
      const std::string& text = s.part == Part::title ? texts.title : s.part == Part::summary ? texts.summary : texts.description;
      media::Pcm pcm = speak(narrator, voice->second, std::string_view(text).substr(s.begin, s.end - s.begin));
      if (rate == 0) rate = pcm.rate;
      if (pcm.rate != rate) throw std::runtime_error("espeak-ng changed its sample rate between sentences");
      trim_silence(pcm.samples);
      s.start_ms = static_cast<std::int32_t>(static_cast<std::int64_t>(all.size()) * 1000 / rate);
      all.insert(all.end(), pcm.samples.begin(), pcm.samples.end());
      const bool part_ends = i + 1 == out.sentences.size() || out.sentences[i + 1].part != s.part;
      all.resize(all.size() + static_cast<std::size_t>(rate) * (part_ends ? kPartPauseMs : kSentencePauseMs) / 1000);
    }
    if (all.empty() || rate == 0) throw std::runtime_error("espeak-ng said nothing");
    out.duration_ms = static_cast<int>(static_cast<std::int64_t>(all.size()) * 1000 / rate);
    out.bytes = media::encode_vorbis(all, rate, 1, quality);
  } catch (const std::exception& e) {
    out.problem = std::string("synthetic narration in '") + lang + "' failed: " + e.what();
  }
  return out;
}

}  // namespace orpheus::packs::detail
