#pragma once
// Dear ImGui's context and its SDL2 + OpenGL3 backends, created and shut down as one RAII
// owner. Main thread only. The app owns ImGui's mouse state: the 1.86 SDL backend polls
// SDL_GetMouseState and ignores fingers, so we overwrite io.MousePos/MouseDown every frame.
#include <SDL.h>

#include <functional>
#include <memory>

#include "platform/texture.h"

struct ImFontAtlas;
struct ImFont;

namespace orpheus::platform {

class ImGuiRuntime {
 public:
  // `fonts`: a built atlas (baked on any thread), owned from now on and uploaded at once, with
  // the shaders, so the first frame only draws. `default_font` is one of its fonts.
  ImGuiRuntime(SDL_Window* window, SDL_GLContext context, std::unique_ptr<ImFontAtlas> fonts, ImFont* default_font);
  ~ImGuiRuntime();
  ImGuiRuntime(const ImGuiRuntime&) = delete;
  ImGuiRuntime& operator=(const ImGuiRuntime&) = delete;

  // Starts an ImGui frame with our pointer: position (or none) and whether it is down.
  // `area_top` > 0 (reach mode, touch/reach.h): the frame lays out in the window's part below it
  // (io.DisplaySize is that part, its top ImGui's y = 0; the pointer is given relative to it) and
  // render() draws it there; what ImGui draws above y = 0 (down to -area_top) fills the rest.
  void new_frame(double dt_ms, bool has_pointer, float x, float y, bool down, float area_top = 0);
  // A frame threw half-way: closes what it left open and ends it without drawing.
  void abandon_frame();
  // Renders ImGui's draw data into the current framebuffer after clearing it.
  void render(int drawable_w, int drawable_h, unsigned background_rgba);
  // Replaces the font atlas by another built one and uploads it; the old one (and every ImFont
  // in it) is freed. Not inside a frame. The CPU copy of the pixels is dropped once uploaded.
  void set_fonts(std::unique_ptr<ImFontAtlas> fonts, ImFont* default_font);
  // Run by new_frame before each frame starts (main thread, outside the frame, so it may call
  // set_fonts) until it returns true: e.g. adopting fonts baked in the background. Replacing it
  // destroys the previous one.
  void before_frames(std::function<bool()> hook) { before_frame_ = std::move(hook); }

 private:
  void upload_fonts();  // atlas_'s pixels into font_texture_, one byte a pixel; then drops them

  std::unique_ptr<ImFontAtlas> atlas_;  // ImGui's io.Fonts; the context does not own it
  GlTexture font_texture_;
  std::function<bool()> before_frame_;
  float area_top_ = 0;  // of the frame begun (window coordinates)
};

}  // namespace orpheus::platform
