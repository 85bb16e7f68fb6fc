// Where the CLI's output goes: atomic file writes and terminal checks.
#ifndef FNWARDEN_CLI_OUTPUT_H_
#define FNWARDEN_CLI_OUTPUT_H_

#include <string>
#include <string_view>

namespace fnwarden::cli {

// Writes `contents` to a temporary file beside `path` and renames it over
// `path`, so readers never see a half-written file. False with `err` on
// failure (the temporary file is removed).
bool WriteFileAtomically(const std::string& path, std::string_view contents, std::string* err);

// True when `fd` is a terminal.
bool IsTerminal(int fd);
// ANSI colours on `fd`: a terminal, NO_COLOR unset or empty, TERM not "dumb".
bool ColorWanted(int fd);

// Writes all of `text` to stdout; false on a write error (a closed pipe).
bool WriteStdout(std::string_view text);

}  // namespace fnwarden::cli

#endif  // FNWARDEN_CLI_OUTPUT_H_
