// libFuzzer target for the OSV advisory database (analysis/deps/osv.h): any
// bytes, as one OSV record (AddRecord) and, when they start like a zip
// archive, as a database archive (Load), must load without a crash, a hang
// or unbounded memory, and:
// - a record that is not read leaves a diagnostic, and adds nothing;
// - every diagnostic names the record, says one sentence without a
//   trailing period, and points at a line and column that exist;
// - a kept record is found again: each package it lists, at each version
//   it lists, matches an advisory that carries the record's ID;
// - every advisory found is well formed: an ID, sorted unique aliases
//   without it, a known severity word, a score in [0, 10] or -1, a one-line
//   summary of at most 120 bytes, an http(s) URL.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "analysis/deps/osv.h"
#include "analysis/deps/osv_internal.h"
#include "util/diagnostic.h"
#include "util/fs.h"
#include "util/source.h"

using namespace fnwarden;
namespace deps = analysis::deps;

namespace {

void Check(bool ok) {
  if (!ok) std::abort();
}

void CheckDiagnostics(const util::DiagnosticSink& diags, std::string_view path) {
  for (const util::Diagnostic& d : diags.Sorted()) {
    Check(std::string_view(d.path).starts_with(path));
    Check(!d.message.empty() && d.message.back() != '.' &&
          d.message.find('\n') == std::string::npos);
    if (d.loc.known()) {
      Check(d.loc.line <= d.loc.file->line_count() && d.loc.col >= 1);
      Check(d.loc.col <= d.loc.file->Line(d.loc.line).size() + 1);
    }
  }
}

void CheckAdvisory(const model::Advisory& a) {
  Check(deps::osv_internal::IsValidId(a.id));
  Check(std::is_sorted(a.aliases.begin(), a.aliases.end()));
  Check(std::adjacent_find(a.aliases.begin(), a.aliases.end()) == a.aliases.end());
  Check(std::find(a.aliases.begin(), a.aliases.end(), a.id) == a.aliases.end());
  Check(a.severity.empty() || a.severity == "low" || a.severity == "medium" ||
        a.severity == "high" || a.severity == "critical");
  Check(a.cvss_score == -1 || (a.cvss_score >= 0 && a.cvss_score <= 10));
  Check(a.summary.size() <= 120);
  for (char c : a.summary) Check(static_cast<unsigned char>(c) >= 0x20 && c != 0x7f);
  Check(a.url.starts_with("https://") || a.url.starts_with("http://"));
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size > (1 << 20)) return 0;
  std::string_view text(reinterpret_cast<const char*>(data), size);

  // As one record.
  util::SourceSet sources;
  util::DiagnosticSink diags;
  deps::AdvisoryDb db(&sources);
  bool read = db.AddRecord(text, "fuzz.json", &diags);
  db.Finish();
  CheckDiagnostics(diags, "fuzz.json");
  Check(read || diags.has_errors());
  Check(read || db.size() == 0);
  Check(db.size() <= 1);

  // What the record lists is found again, and what is found is well formed.
  std::string padded(text);
  padded.append(deps::osv_internal::RecordReader::Padding(), '\0');
  deps::osv_internal::RecordReader reader;
  deps::osv_internal::ParsedRecord record;
  std::vector<deps::osv_internal::Problem> problems;
  bool parsed = reader.Read(std::string_view(padded.data(), size), &record, &problems);
  Check(parsed == read);
  for (const deps::osv_internal::ParsedAffected& affected : record.affected) {
    for (size_t i = 0; i < affected.versions.size() && i < 64; ++i) {
      const std::string& version = affected.versions[i];
      std::vector<model::Advisory> found = db.Match(affected.ecosystem, affected.name, version);
      for (const model::Advisory& a : found) CheckAdvisory(a);
      bool plain = !version.empty() && static_cast<unsigned char>(version.front()) > ' ' &&
                   static_cast<unsigned char>(version.back()) > ' ';
      if (db.size() == 1 && plain) {
        Check(std::any_of(found.begin(), found.end(), [&](const model::Advisory& a) {
          return a.id == record.id ||
                 std::binary_search(a.aliases.begin(), a.aliases.end(), record.id);
        }));
      }
    }
    for (const char* version : {"0.0.1", "1.0.0", "v1.0.0", "2.0", ""}) {
      for (const model::Advisory& a : db.Match(affected.ecosystem, affected.name, version)) {
        CheckAdvisory(a);
      }
    }
  }

  // As a database archive, under small caps.
  if (text.starts_with("PK")) {
    deps::OsvLimits limits;
    limits.max_record_bytes = 64 << 10;
    limits.max_total_bytes = 4 << 20;
    limits.max_archive_entries = 1000;
    limits.max_diagnostics = 20;
    util::MemoryFileSystem fs;
    fs.AddFile("db/all.zip", std::string(text));
    util::SourceSet zip_sources;
    util::DiagnosticSink zip_diags;
    deps::AdvisoryDb zip_db(&zip_sources, limits);
    bool loaded = zip_db.Load(fs, "db/all.zip", &zip_diags);
    zip_db.Finish();
    CheckDiagnostics(zip_diags, "db/all.zip");
    Check(loaded || zip_db.size() == 0);
    Check(zip_diags.size() <= limits.max_diagnostics + 2);
  }
  return 0;
}
