#pragma once
// Dear ImGui's context and its SDL2 + OpenGL3 backends, created and shut down as one RAII
// owner. Main thread only. The app owns ImGui's mouse state: the 1.86 SDL backend polls
// SDL_GetMouseState and ignores fingers, so we overwrite io.MousePos/MouseDown every frame.
#include <SDL.h>

namespace orpheus::platform {

class ImGuiRuntime {
 public:
  ImGuiRuntime(SDL_Window* window, SDL_GLContext context);
  ~ImGuiRuntime();
  ImGuiRuntime(const ImGuiRuntime&) = delete;
  ImGuiRuntime& operator=(const ImGuiRuntime&) = delete;

  // Starts an ImGui frame with our pointer: position (or none) and whether it is down.
  void new_frame(double dt_ms, bool has_pointer, float x, float y, bool down);
  // Renders ImGui's draw data into the current framebuffer after clearing it.
  void render(int drawable_w, int drawable_h, unsigned background_rgba);
  // The font atlas changed: re-upload it.
  void reload_fonts();
};

}  // namespace orpheus::platform
