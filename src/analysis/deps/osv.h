// The offline OSV advisory database (https://ossf.github.io/osv-schema/)
// that packages are matched against: loaded from a folder of OSV JSON
// records or from osv.dev's per-ecosystem `all.zip` archives, indexed by
// package, and asked "which advisories affect this package at this version?".
//
// Only the npm, PyPI and Go entries of a record are kept. Advisories that
// several databases publish for one vulnerability (a GHSA, its PYSEC or GO
// twin, their CVE) are reported once.
#ifndef FNWARDEN_ANALYSIS_DEPS_OSV_H_
#define FNWARDEN_ANALYSIS_DEPS_OSV_H_

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "model/packages.h"
#include "util/diagnostic.h"
#include "util/fs.h"
#include "util/source.h"

namespace fnwarden::analysis::deps {

// Caps that keep a corrupt or hostile database from exhausting memory or
// time. What goes past a cap is skipped with a diagnostic; the rest loads.
struct OsvLimits {
  uint64_t max_record_bytes = 16 << 20;            // one JSON record (a file or an archive entry)
  uint64_t max_archive_bytes = uint64_t{2} << 30;  // one .zip, read into memory (compressed)
  uint64_t max_total_bytes = uint64_t{8} << 30;    // bytes of records read by one Load
  size_t max_archive_entries = 2'000'000;          // entries looked at in one .zip
  size_t max_folder_depth = 32;                    // folders below the loaded one
  size_t max_diagnostics = 100;                    // per Load, then one line saying how many more
};

// An OSV database, in memory. Build it with Load and/or AddRecord, then call
// Finish; it is immutable afterwards, and Match may then be called from
// several threads at once. Loading is single-threaded. Move-only (a
// moved-from database may only be destroyed or assigned to).
//
// Semantics of a record:
// - `withdrawn` records are dropped; of two records with one `id`, the one
//   with the later `modified` is kept (the first one read on a tie).
// - `affected[]` entries of ecosystems other than "npm", "PyPI" and "Go"
//   (a ":suffix" after those is accepted) are ignored; names compare as
//   NormalizeName (version.h) says (PyPI: PEP 503, `PyYAML` is `pyyaml`).
// - Versions are compiled with AffectedVersions (version.h) from `ranges`
//   and `versions`; Go versions may be written with or without the "v".
// - Severity: the CVSS base score (cvss.h) of the first CVSS_V3 vector, else
//   of the first CVSS_V2 vector; else (no vector, or only CVSS_V4, which is
//   not scored) the database's own word, `database_specific.severity` of
//   the affected entry or of the record (GitHub's CRITICAL, HIGH, MODERATE,
//   LOW → "critical", "high", "medium", "low"); else "".
// - Summary: `summary`, else the first line of `details`, on one line and
//   cut to about 120 bytes (at a UTF-8 boundary, with "…").
// - URL: the record's first ADVISORY reference whose URL names its own ID
//   (GitHub's and PyPA's pages do), else its first ADVISORY reference, else
//   https://osv.dev/vulnerability/<id>. Only http(s) URLs are taken.
class AdvisoryDb {
 public:
  // `sources`, when given, receives the text of each record that has a
  // problem (at most 64 records a Load), so that its diagnostics carry a
  // line, a column and the line's text; it must outlive the diagnostics.
  // Without it, diagnostics name the record but no position in it.
  explicit AdvisoryDb(util::SourceSet* sources = nullptr, OsvLimits limits = {});
  ~AdvisoryDb();
  AdvisoryDb(AdvisoryDb&&) noexcept;
  AdvisoryDb& operator=(AdvisoryDb&&) noexcept;

  // Loads the OSV records at `path`: a folder (every *.json and every *.zip
  // in it and below, hidden folders such as .git left out), a .zip (read
  // with libarchive, entry by entry, in memory: nothing is extracted, entry
  // names are never used as paths; *.json entries are read, other names are
  // skipped, nested archives, names that climb out of the archive and
  // entries over the size cap are skipped with a diagnostic), or one .json
  // record. A record's display path is the file's path, or the archive's
  // path + "/" + the entry name. Problems become diagnostics in `diags`;
  // the rest is loaded. Returns false only when nothing could be read at
  // all: `path` is missing or unreadable, or holds no OSV record.
  bool Load(const util::FileSystem& fs, const std::string& path, util::DiagnosticSink* diags);

  // Adds one OSV JSON document, named `display_name` in diagnostics. True
  // when the record was read (also when it is withdrawn, superseded or
  // affects no package fnwarden reads, and when parts of it were skipped
  // with a diagnostic); false with a diagnostic when it is not a JSON
  // object with an "id".
  bool AddRecord(std::string_view json, std::string_view display_name, util::DiagnosticSink* diags);

  // Drops superseded records from the index and frees what only loading
  // needed. Call it before matching; records may still be added afterwards
  // (call Finish again).
  void Finish();

  // The advisories that affect package `name` of `ecosystem` at `version`
  // (exact, as a lockfile writes it; "v1.2.3" and "1.2.3" are the same Go
  // version). Matching records that share an ID (their `id` or an alias,
  // transitively) are merged into one Advisory: its `id` is the
  // preferred record ID (GHSA-…, else PYSEC-… or GO-…, else the smallest),
  // `aliases` every other ID of the merged records, sorted; `severity` and
  // `cvss_score` the highest of them (`cvss_vector` the vector of that
  // score); `fixed` the lowest fixed version above `version` that any of
  // them names (Go: with a "v"); `summary` and `url` those of the record
  // whose ID was chosen. Sorted by severity, most severe first, then by ID.
  // Empty when the version does not parse and is not listed verbatim.
  std::vector<model::Advisory> Match(model::Ecosystem ecosystem, std::string_view name,
                                     std::string_view version) const;

  // Records kept: read, not withdrawn, not superseded, with at least one
  // npm, PyPI or Go entry that can match; counted before merging.
  size_t size() const;
  // The latest `modified` timestamp of the records read, as written ("" when
  // none): how fresh the database is.
  std::string newest_modified() const;

  struct Impl;

 private:
  std::unique_ptr<Impl> impl_;
};

// Fills `advisories` of every package of `set` from `db` (replacing what was
// there). Packages without a version, and packages from elsewhere than
// their ecosystem's registry (git, a path, a URL, a workspace), get none:
// their version says nothing about the registry's releases. Development
// packages are matched too; reports decide what to show.
void MatchPackages(const AdvisoryDb& db, model::PackageSet* set);

}  // namespace fnwarden::analysis::deps

#endif  // FNWARDEN_ANALYSIS_DEPS_OSV_H_
