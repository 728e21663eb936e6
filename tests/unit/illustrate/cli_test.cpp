// orpheus-illustrate as a program: usage errors exit 2, bad recipes exit 1 with
// FILE:LINE:COL messages, good recipes produce JPEG files.
#include <doctest/doctest.h>

#include <sys/wait.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>

namespace fs = std::filesystem;

namespace {

struct Run {
  int status = -1;
  std::string output;  // stdout + stderr
};

Run run(const std::string& args) {
  Run r;
  const std::string cmd = std::string(ORPHEUS_ILLUSTRATE_EXE) + " " + args + " 2>&1";
  FILE* p = ::popen(cmd.c_str(), "r");
  REQUIRE(p != nullptr);
  char buf[4096];
  std::size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, p)) > 0) r.output.append(buf, n);
  const int st = ::pclose(p);
  r.status = WIFEXITED(st) ? WEXITSTATUS(st) : -1;
  return r;
}

fs::path scratch(const std::string& name) {
  const fs::path d = fs::path(ORPHEUS_BINARY_DIR) / "illustrate-cli-test" / name;
  fs::remove_all(d);
  fs::create_directories(d);
  return d;
}

void write(const fs::path& p, const std::string& text) {
  std::ofstream(p) << text;
}

}  // namespace

TEST_CASE("usage errors exit 2, --help exits 0") {
  CHECK(run("").status == 2);
  CHECK(run("recipes.toml").status == 2);  // no -o
  CHECK(run("-o").status == 2);            // -o without a folder
  CHECK(run("--frobnicate x.toml -o out").status == 2);
  const Run h = run("--help");
  CHECK(h.status == 0);
  CHECK(h.output.find("usage: orpheus-illustrate") != std::string::npos);
}

TEST_CASE("no recipe files (an empty glob) draws nothing and succeeds") {
  const fs::path d = scratch("empty");
  CHECK(run("-o " + (d / "out").string()).status == 0);
  CHECK(fs::is_directory(d / "out"));
}

TEST_CASE("bad recipes exit 1 and name file, line, column and key") {
  const fs::path d = scratch("bad");
  write(d / "r.toml", "[[image]]\nfile = \"x.jpg\"\nkind = \"vessel\"\nvariant = \"pithos\"\nmaterial = \"gold\"\nseed = 1\nwidth = 64\nheight = 64\n");
  const Run r = run((d / "r.toml").string() + " -o " + (d / "out").string());
  CHECK(r.status == 1);
  CHECK(r.output.find((d / "r.toml").string() + ":4:11: variant: unknown variant 'pithos'") != std::string::npos);
  CHECK_FALSE(fs::exists(d / "out" / "x.jpg"));
}

TEST_CASE("good recipes are drawn into sub-folders; --only draws one") {
  const fs::path d = scratch("good");
  write(d / "r.toml",
        "[[image]]\nfile = \"a/one.jpg\"\nkind = \"coin\"\nvariant = \"stater\"\nmaterial = \"gold\"\nseed = 1\nwidth = 96\nheight = 64\n"
        "[[image]]\nfile = \"b/c/two.jpg\"\nkind = \"jewelry\"\nvariant = \"ring\"\nmaterial = \"gold\"\nseed = 2\nwidth = 80\nheight = 80\n");
  const Run r = run((d / "r.toml").string() + " -o " + (d / "out").string() + " -j 2");
  CHECK(r.status == 0);
  CHECK(fs::file_size(d / "out" / "a" / "one.jpg") > 100);
  CHECK(fs::file_size(d / "out" / "b" / "c" / "two.jpg") > 100);
  const Run o = run((d / "r.toml").string() + " -o " + (d / "only").string() + " --only b/c/two.jpg");
  CHECK(o.status == 0);
  CHECK(fs::exists(d / "only" / "b" / "c" / "two.jpg"));
  CHECK_FALSE(fs::exists(d / "only" / "a" / "one.jpg"));
  CHECK(run((d / "r.toml").string() + " -o " + (d / "none").string() + " --only nope.jpg").status == 1);
}
