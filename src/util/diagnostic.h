// Diagnostics: problems with the input (not findings about the application).
//
// Library code never prints; it appends Diagnostics to a DiagnosticSink and
// carries on with the rest of the input. The CLI renders them.
#ifndef FNWARDEN_UTIL_DIAGNOSTIC_H_
#define FNWARDEN_UTIL_DIAGNOSTIC_H_

#include <mutex>
#include <string>
#include <vector>

#include "util/source.h"
#include "util/terminal.h"

namespace fnwarden::util {

enum class DiagLevel {
  kWarning,  // the input was read; something in it is suspicious (a duplicate key)
  kError,    // part of the input could not be read; results are partial (exit code 3)
};

struct Diagnostic {
  DiagLevel level = DiagLevel::kError;
  Loc loc;              // where; may be unknown for whole-file problems
  std::string path;     // the file's display path, also when loc.file is null
  std::string message;  // one sentence, no trailing period, no position prefix
};

// "path:line:col: error: message" followed, when the position is known, by the
// source line and a caret under its display column (util::SourceWithCaret:
// wide characters, tabs, long lines cut around the caret). Ends with a
// newline. Made for a terminal: the path, the message and the line are
// TerminalSafe. `secrets` finds what to hide behind `****` in the quoted
// line (util cannot know what a secret looks like; the CLI passes the
// secret detector).
std::string Render(const Diagnostic& d, const SecretFinder& secrets = {});
// Just the first line ("path:line:col: error: message"), TerminalSafe, for
// one-line logs.
std::string RenderHeadline(const Diagnostic& d);

// Collects diagnostics. Thread-safe.
class DiagnosticSink {
 public:
  void Add(Diagnostic d);
  void Error(Loc loc, std::string message);
  void Warning(Loc loc, std::string message);
  // For problems with a file that has no SourceFile (unreadable, too large).
  void FileError(std::string path, std::string message);

  // Sorted by path, line, column, so output is deterministic across threads.
  std::vector<Diagnostic> Sorted() const;
  bool has_errors() const;
  size_t size() const;

 private:
  mutable std::mutex mu_;
  std::vector<Diagnostic> items_;
};

}  // namespace fnwarden::util

#endif  // FNWARDEN_UTIL_DIAGNOSTIC_H_
