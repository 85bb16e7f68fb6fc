// Fuzz target for the configuration file (.fnwarden.yml, cli::ParseConfig).
//
// A scanned repository writes this file, so it is hostile input. Checks
// beyond "no crash, no hang": ParseConfig returns false exactly when it
// reported an error, and every diagnostic and every ignore entry points into
// the file.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "cli/config.h"
#include "util/diagnostic.h"
#include "util/source.h"

using namespace fnwarden;

namespace {

void CheckLoc(const util::SourceFile& file, const util::Loc& loc) {
  if (loc.file == nullptr) return;
  if (loc.file != &file || loc.line == 0 || loc.line > file.line_count() || loc.col == 0) {
    std::abort();
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  util::SourceFile file(".fnwarden.yml", std::string(reinterpret_cast<const char*>(data), size));
  util::DiagnosticSink diags;
  cli::Config config;
  const bool ok = cli::ParseConfig(&file, &diags, &config);
  if (ok == diags.has_errors()) std::abort();
  for (const util::Diagnostic& d : diags.Sorted()) {
    CheckLoc(file, d.loc);
    (void)util::Render(d);
  }
  for (const rules::ConfigIgnore& ig : config.ignores) CheckLoc(file, ig.loc);
  return 0;
}
