// The dependency part of `fnwarden scan` and `fnwarden sbom`: finding the
// vulnerability database, matching every package the functions ship
// against it, and the bill of materials.
#ifndef FNWARDEN_CLI_ADVISORIES_H_
#define FNWARDEN_CLI_ADVISORIES_H_

#include <cstdint>
#include <string>
#include <vector>

#include "model/model.h"
#include "report/cyclonedx.h"
#include "util/diagnostic.h"
#include "util/fs.h"
#include "util/source.h"

namespace fnwarden::cli {

struct AdvisoryOptions {
  // --osv-db: a folder of OSV JSON files or per-ecosystem all.zip archives,
  // or one archive. Empty: the cache folder of `fnwarden db update`
  // (DefaultOsvCacheDir), when it holds a database.
  std::string osv_db;
  int64_t now_unix = 0;  // for the staleness warning
};

// What MatchAdvisories did, for the summary and the tests.
struct AdvisoryResult {
  std::string db;          // the database read, "" when none
  size_t advisories = 0;   // advisories it holds
  size_t packages = 0;     // shipped packages with a version, checked
  size_t vulnerable = 0;   // of them, affected by at least one advisory
};

// Fills Package::advisories of every package set of `models`. Without a
// database, nothing is matched and, when the functions ship packages, one
// warning says how to get one; a database older than kStaleDays gets a
// warning too. False (with `err`) only when --osv-db names something that
// cannot be read at all.
// Records with problems are kept in `sources`, so that diagnostics point
// into them.
bool MatchAdvisories(const util::FileSystem& fs, const AdvisoryOptions& options,
                     std::vector<model::Model>* models, util::SourceSet* sources,
                     util::DiagnosticSink* diags, AdvisoryResult* result, std::string* err);

// The bill of materials of the scanned functions: every function with
// packages, the packages it ships, and the advisories matched.
report::SbomInput SbomOf(const std::vector<model::Model>& models, const std::string& name,
                         std::string_view tool_version);

}  // namespace fnwarden::cli

#endif  // FNWARDEN_CLI_ADVISORIES_H_
