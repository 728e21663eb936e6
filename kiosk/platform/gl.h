#pragma once
// The one place that includes the OpenGL headers (GL 3 core entry points are exported by
// Debian's libGL, so prototypes suffice; no loader library).
#ifndef GL_GLEXT_PROTOTYPES
#define GL_GLEXT_PROTOTYPES 1
#endif
#include <SDL_opengl.h>
