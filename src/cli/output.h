// Where the CLI's output goes: reports written to regular files only, never
// half-written and never leaving a temporary file behind; terminal checks;
// diagnostics made safe for a terminal.
#ifndef FNWARDEN_CLI_OUTPUT_H_
#define FNWARDEN_CLI_OUTPUT_H_

#include <span>
#include <string>
#include <string_view>

#include "util/diagnostic.h"
#include "util/terminal.h"

namespace fnwarden::cli {

// How AtomicFile keeps its data until Commit.
enum class TempFile {
  // An unnamed file in the target's folder (O_TMPFILE), given a name just
  // before it is renamed over the target. A run killed even by SIGKILL
  // leaves nothing behind. Falls back to kNamed where the file system
  // cannot make unnamed files.
  kUnnamed,
  // A file named "<target>.tmp-XXXXXX" from the start, removed by the
  // destructor or, when the run is interrupted, by a handler of SIGINT,
  // SIGTERM, SIGHUP and SIGQUIT (the signal then takes its default action).
  kNamed,
};

// A file that replaces `path` in one step when committed, so that readers
// never see half of it. Only a regular file is ever replaced: a `path` that
// is a device, FIFO, socket or folder, or a link to one, is refused (the
// report would never be a file, and opening a FIFO blocks). One AtomicFile
// at a time: the signal handler serves one temporary file. Not thread-safe.
class AtomicFile {
 public:
  AtomicFile() = default;
  ~AtomicFile();  // discards an uncommitted file
  AtomicFile(const AtomicFile&) = delete;
  AtomicFile& operator=(const AtomicFile&) = delete;

  // False with `err` ("cannot write report.json: it is a FIFO, not a
  // regular file", "cannot write no/dir/r.txt: No such file or directory").
  bool Open(const std::string& path, std::string* err, TempFile how = TempFile::kUnnamed);
  bool Write(std::string_view data, std::string* err);
  // Flushes the data to disk and puts the file in place of `path`.
  bool Commit(std::string* err);

  // The temporary file's name while it has one (kNamed), for tests.
  const std::string& temp_path() const { return temp_path_; }

 private:
  bool Fail(const std::string& why, int error, std::string* err);
  void Discard();

  std::string path_;
  std::string temp_path_;  // "" while the file is unnamed
  int fd_ = -1;
};

// Writes `contents` through an AtomicFile. False with `err` on failure.
bool WriteFileAtomically(const std::string& path, std::string_view contents, std::string* err);
// The same for contents in pieces, written one after the other.
bool WriteFileAtomically(const std::string& path, std::span<const std::string> pieces,
                         std::string* err);

// True when `fd` is a terminal.
bool IsTerminal(int fd);
// ANSI colours on `fd`: a terminal, NO_COLOR unset or empty, TERM not "dumb".
bool ColorWanted(int fd);

// Writes all of `text` to stdout; false on a write error (a closed pipe).
bool WriteStdout(std::string_view text);

// The secrets the detector (analysis::FindTokenFormat) recognises in a
// source line, each widened to the run of characters around it up to a
// blank, quote, comma or bracket; the whole line when a match cannot be
// placed. A util::SecretFinder for quoted source lines.
util::ByteRanges FindSecrets(std::string_view line);

// util::Render with secrets masked: how every command prints a diagnostic.
std::string RenderDiagnostic(const util::Diagnostic& d);

}  // namespace fnwarden::cli

#endif  // FNWARDEN_CLI_OUTPUT_H_
