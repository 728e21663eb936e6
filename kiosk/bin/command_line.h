#pragma once
// The command line as every Orpheus tool parses it (CLI11): help and version on stdout with
// status 0; a mistake named on stderr, followed by the help of the subcommand it was made in,
// with the tool's usage status.
#include <CLI/CLI.hpp>

#include <iostream>
#include <optional>

namespace orpheus::bin {

// Nullopt when the command line parsed; otherwise the status to exit with.
inline std::optional<int> parse_command_line(CLI::App& app, int argc, char** argv, const char* tool, int usage_status) {
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);  // help on stdout, status 0
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    const CLI::App* where = &app;
    for (const CLI::App* c : app.get_subcommands({}))
      if (c->parsed()) where = c;
    std::cerr << tool << ": " << e.what() << "\n\n" << where->help(where == &app ? "" : tool);
    return usage_status;
  }
  return std::nullopt;
}

}  // namespace orpheus::bin
