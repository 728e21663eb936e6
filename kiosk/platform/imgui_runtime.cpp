#include "platform/imgui_runtime.h"

#include <algorithm>
#include <cfloat>
#include <cstdint>

#include "backends/imgui_impl_opengl3.h"
#include "backends/imgui_impl_sdl.h"
#include "imgui.h"
#include "imgui_internal.h"
#include "platform/gl.h"
#include "platform/window.h"

namespace orpheus::platform {

ImGuiRuntime::ImGuiRuntime(SDL_Window* window, SDL_GLContext context, std::unique_ptr<ImFontAtlas> fonts,
                           ImFont* default_font)
    : atlas_(std::move(fonts)) {
  IMGUI_CHECKVERSION();
  ImGui::CreateContext(atlas_.get());
  ImGuiIO& io = ImGui::GetIO();
  io.IniFilename = nullptr;  // a kiosk keeps no window layout between runs
  io.LogFilename = nullptr;
  io.ConfigFlags |= ImGuiConfigFlags_NoMouseCursorChange;
  if (!ImGui_ImplSDL2_InitForOpenGL(window, context) || !ImGui_ImplOpenGL3_Init("#version 330")) {
    ImGui::DestroyContext();
    throw PlatformError("cannot start the ImGui SDL2/OpenGL3 backends");
  }
  io.FontDefault = default_font;
  // The shaders now (left to the first NewFrame, the backend would make them there, with a font
  // texture of its own). The backend uploads fonts as RGBA, 4 bytes a pixel converted on this
  // thread; ours take one (upload_fonts). So its objects are made against a 1x1 stand-in atlas
  // whose texture goes at once.
  bool made = false;
  {
    ImFontAtlas stand_in;
    stand_in.TexPixelsRGBA32 = static_cast<unsigned int*>(IM_ALLOC(sizeof(unsigned int)));
    *stand_in.TexPixelsRGBA32 = 0xFFFFFFFFu;
    stand_in.TexWidth = stand_in.TexHeight = 1;
    io.Fonts = &stand_in;
    made = ImGui_ImplOpenGL3_CreateDeviceObjects();
    ImGui_ImplOpenGL3_DestroyFontsTexture();
    io.Fonts = atlas_.get();
  }
  if (!made) {
    ImGui_ImplOpenGL3_Shutdown();
    ImGui_ImplSDL2_Shutdown();
    ImGui::DestroyContext();
    throw PlatformError("cannot create the ImGui OpenGL3 objects (shaders)");
  }
  upload_fonts();
}

void ImGuiRuntime::upload_fonts() {
  unsigned char* pixels = nullptr;
  int w = 0, h = 0;
  atlas_->GetTexDataAsAlpha8(&pixels, &w, &h);
  font_texture_ = GlTexture::coverage(w, h, pixels);
  atlas_->SetTexID(reinterpret_cast<ImTextureID>(static_cast<std::uintptr_t>(font_texture_.id())));
  atlas_->ClearTexData();  // the GPU has it: drop the CPU copy
}

ImGuiRuntime::~ImGuiRuntime() {
  ImGui_ImplOpenGL3_Shutdown();
  ImGui_ImplSDL2_Shutdown();
  ImGui::DestroyContext();  // before atlas_, which it does not own
}

void ImGuiRuntime::new_frame(double dt_ms, bool has_pointer, float x, float y, bool down, float area_top) {
  if (before_frame_) {
    auto hook = std::move(before_frame_);
    before_frame_ = nullptr;
    if (!hook() && !before_frame_) before_frame_ = std::move(hook);  // unless it replaced itself
  }
  ImGui_ImplOpenGL3_NewFrame();
  ImGui_ImplSDL2_NewFrame();
  ImGuiIO& io = ImGui::GetIO();
  io.DeltaTime = static_cast<float>(dt_ms > 0.1 ? dt_ms / 1000.0 : 0.0001);
  area_top_ = std::clamp(area_top, 0.0f, std::max(0.0f, io.DisplaySize.y - 1));
  io.DisplaySize.y -= area_top_;
  io.MousePos = has_pointer ? ImVec2(x, y) : ImVec2(-FLT_MAX, -FLT_MAX);
  for (bool& b : io.MouseDown) b = false;
  io.MouseDown[0] = down;
  io.MouseWheel = io.MouseWheelH = 0;
  ImGui::NewFrame();
}

void ImGuiRuntime::abandon_frame() {
  if (!ImGui::GetCurrentContext()->WithinFrameScope) return;
  ImGui::ErrorCheckEndFrameRecover(nullptr);
  ImGui::EndFrame();
}

void ImGuiRuntime::render(int w, int h, unsigned rgba) {
  ImGui::Render();
  if (ImDrawData* d = ImGui::GetDrawData(); d && area_top_ > 0) {
    // The whole window again, its top area_top_ above ImGui's: the backend's projection and
    // scissors follow DisplayPos, so the frame lands in the window's lower part.
    d->DisplayPos.y -= area_top_;
    d->DisplaySize.y += area_top_;
  }
  glViewport(0, 0, w, h);
  glClearColor(static_cast<float>(rgba & 0xFF) / 255.f, static_cast<float>((rgba >> 8) & 0xFF) / 255.f,
               static_cast<float>((rgba >> 16) & 0xFF) / 255.f, 1.0f);
  glClear(GL_COLOR_BUFFER_BIT);
  ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
}

void ImGuiRuntime::set_fonts(std::unique_ptr<ImFontAtlas> fonts, ImFont* default_font) {
  ImGuiIO& io = ImGui::GetIO();
  io.Fonts = fonts.get();
  io.FontDefault = default_font;
  atlas_ = std::move(fonts);  // frees the old atlas: nothing refers to it between frames
  upload_fonts();             // and the old texture
}

}  // namespace orpheus::platform
