/* The fuzz preset's stb: the implementations of the unmodified headers that Debian's libstb is
 * built from (with no options set, as it is), compiled here so that libFuzzer sees coverage inside
 * the decoders and ASan checks their memory accesses. Every other build links libstb. */
#define STB_IMAGE_IMPLEMENTATION
#include <stb_image.h>
#define STB_IMAGE_RESIZE_IMPLEMENTATION
#include <stb_image_resize.h>
#define STB_IMAGE_WRITE_IMPLEMENTATION
#include <stb_image_write.h>
#include <stb_vorbis.h>
