// The renderer's own memory, for bench_gallery: the least any program that draws with SDL and
// OpenGL 3 costs on this machine. Opens the kiosk's window (SDL, GL 3.3 core, the same
// attributes, 1920x1080 windowed), draws a blended, textured quad over the whole window for a few
// frames, as every UI frame does, prints "ready RENDERER" on stdout and waits for SIGTERM.
// On a machine without a GPU the renderer is Mesa llvmpipe, whose LLVM code and driver are mapped
// by the one process that draws: what it costs there is no part of the kiosk's own work.
#include <unistd.h>

#include <csignal>
#include <cstdio>
#include <vector>

#include "platform/gl.h"
#include "platform/texture.h"
#include "platform/window.h"

using namespace orpheus;

namespace {

volatile std::sig_atomic_t stop = 0;

// The few GL objects of the quad, deleted with the context still current.
struct Quad {
  GLuint program = 0, vertex_array = 0, buffer = 0;
  Quad() {
    const char* vs = "#version 330 core\nlayout(location = 0) in vec2 p; out vec2 uv;\n"
                     "void main() { uv = p * 0.5 + 0.5; gl_Position = vec4(p, 0.0, 1.0); }\n";
    const char* fs = "#version 330 core\nin vec2 uv; uniform sampler2D t; out vec4 c;\n"
                     "void main() { c = texture(t, uv); }\n";
    program = glCreateProgram();
    for (const auto& [type, source] : {std::pair{GL_VERTEX_SHADER, vs}, std::pair{GL_FRAGMENT_SHADER, fs}}) {
      const GLuint shader = glCreateShader(type);
      glShaderSource(shader, 1, &source, nullptr);
      glCompileShader(shader);
      glAttachShader(program, shader);
      glDeleteShader(shader);  // kept until the program goes
    }
    glLinkProgram(program);
    const float corners[] = {-1, -1, 1, -1, -1, 1, 1, 1};
    glGenVertexArrays(1, &vertex_array);
    glBindVertexArray(vertex_array);
    glGenBuffers(1, &buffer);
    glBindBuffer(GL_ARRAY_BUFFER, buffer);
    glBufferData(GL_ARRAY_BUFFER, sizeof corners, corners, GL_STATIC_DRAW);
    glEnableVertexAttribArray(0);
    glVertexAttribPointer(0, 2, GL_FLOAT, GL_FALSE, 0, nullptr);
  }
  ~Quad() {
    glDeleteBuffers(1, &buffer);
    glDeleteVertexArrays(1, &vertex_array);
    glDeleteProgram(program);
  }
  Quad(const Quad&) = delete;
  Quad& operator=(const Quad&) = delete;
};

}  // namespace

int main() {
  std::signal(SIGTERM, [](int) { stop = 1; });
  try {
    platform::SdlVideo video;
    platform::Window window({.title = "gl_floor", .fullscreen = false, .width = 1920, .height = 1080});
    media::Image pixels;
    pixels.width = pixels.height = 64;
    pixels.channels = 4;
    pixels.pixels.resize(64 * 64 * 4);
    for (std::size_t i = 0; i < pixels.pixels.size(); ++i) pixels.pixels[i] = static_cast<std::uint8_t>(i * 7);
    auto texture = platform::GlTexture::allocate(64, 64, 1);
    texture.upload_rows(0, pixels, 0, 64);
    {
      Quad quad;
      glUseProgram(quad.program);
      glBindTexture(GL_TEXTURE_2D, texture.id());
      glEnable(GL_BLEND);
      glBlendFunc(GL_SRC_ALPHA, GL_ONE_MINUS_SRC_ALPHA);
      for (int frame = 0; frame < 10; ++frame) {
        glClear(GL_COLOR_BUFFER_BIT);
        glDrawArrays(GL_TRIANGLE_STRIP, 0, 4);
        window.swap();
      }
      glFinish();
    }
    std::printf("ready %s\n", reinterpret_cast<const char*>(glGetString(GL_RENDERER)));
    std::fflush(stdout);
    sigset_t term, others;  // SIGTERM only inside sigsuspend: none can slip in before it waits
    sigemptyset(&term);
    sigaddset(&term, SIGTERM);
    sigprocmask(SIG_BLOCK, &term, &others);
    sigdelset(&others, SIGTERM);
    while (!stop) sigsuspend(&others);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "gl_floor: %s\n", e.what());
    return 1;
  }
  return 0;
}
