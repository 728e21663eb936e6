#pragma once
// The steady clock in milliseconds, as the kiosk's loop, its pacing and its timeouts read it.
#include <chrono>

namespace orpheus::core {

inline double steady_ms() {
  using namespace std::chrono;
  return duration<double, std::milli>(steady_clock::now().time_since_epoch()).count();
}

}  // namespace orpheus::core
