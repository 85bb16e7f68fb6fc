// libFuzzer target for the deployment artifact readers
// (load/lockfile/artifact*.cc). The bytes are read twice: as a Lambda `.zip`,
// and as the text of every metadata file of an installed folder (so the
// package.json, METADATA, top_level.txt and RECORD readers are reached
// without the zip's checksums in the way). Neither may crash, hang or grow
// without bound, and what they give must hold:
// - every package has a non-empty name without blanks or control
//   characters, and a `loc` inside a metadata file of the artifact, whose
//   display path names an entry that stays inside it (no `..` segment, not
//   absolute, no backslash or control character) and whose text is at most
//   max_metadata_bytes;
// - package sets are npm or PyPI, locked, with the artifact's path, sorted
//   and without duplicates, no package direct;
// - import names are identifiers, sorted and unique, under non-empty keys;
// - diagnostics name the artifact or one of its files and carry a
//   one-sentence message without control characters (names are escaped).
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>
#include <tuple>

#include "load/lockfile/artifact.h"
#include "util/diagnostic.h"
#include "util/fs.h"
#include "util/source.h"

using namespace fnwarden;
namespace lockfile = load::lockfile;

namespace {

void Check(bool ok) {
  if (!ok) std::abort();
}

// C0 controls, and DEL unless `allow_del` (the JSON parser's messages quote
// a DEL as it is; terminals ignore it and reporters escape it).
bool HasControl(std::string_view s, bool allow_del = false) {
  for (char c : s) {
    auto u = static_cast<unsigned char>(c);
    if (u < 0x20 || (u == 0x7f && !allow_del)) return true;
  }
  return false;
}

// The entry or relative path a metadata file's display path names.
void CheckEntryPath(std::string_view path) {
  Check(!path.empty() && path.front() != '/' && !HasControl(path));
  Check(path.find('\\') == std::string_view::npos);
  size_t start = 0;
  while (start <= path.size()) {
    size_t end = path.find('/', start);
    if (end == std::string_view::npos) end = path.size();
    std::string_view seg = path.substr(start, end - start);
    Check(seg != ".." && seg != "." && !seg.empty());
    start = end + 1;
  }
}

bool Identifier(std::string_view s) {
  if (s.empty() || (s.front() >= '0' && s.front() <= '9')) return false;
  for (char c : s) {
    bool ok =
        (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
    if (!ok) return false;
  }
  return true;
}

void CheckResult(const lockfile::InstalledPackages& out, const util::DiagnosticSink& diags,
                 const std::string& artifact, std::string_view separator,
                 const lockfile::ArtifactLimits& limits) {
  std::string prefix = artifact + std::string(separator);
  for (const model::PackageSet& set : out.sets) {
    Check(set.ecosystem == model::Ecosystem::kNpm || set.ecosystem == model::Ecosystem::kPyPI);
    Check(set.path == artifact && set.locked && !set.packages.empty() && !set.format.empty());
    for (size_t i = 0; i < set.packages.size(); ++i) {
      const model::Package& p = set.packages[i];
      Check(!p.name.empty() && !HasControl(p.name) && p.name.find(' ') == std::string::npos);
      Check(!HasControl(p.version) && p.version.find(' ') == std::string::npos);
      Check(!p.direct && !p.dev);
      if (i > 0) {
        const model::Package& q = set.packages[i - 1];
        Check(std::tie(q.name, q.version, q.installed_as) <
              std::tie(p.name, p.version, p.installed_as));
      }
      Check(p.loc.known());
      const util::SourceFile& file = *p.loc.file;
      Check(file.text().size() <= limits.max_metadata_bytes);
      Check(file.path().starts_with(prefix));
      CheckEntryPath(std::string_view(file.path()).substr(prefix.size()));
      Check(p.loc.line <= file.line_count() && p.loc.col >= 1);
      Check(p.loc.col <= file.Line(p.loc.line).size() + 1);
    }
  }
  for (const auto& [dist, names] : out.import_names) {
    Check(!dist.empty() && !names.empty());
    for (size_t i = 0; i < names.size(); ++i) {
      Check(Identifier(names[i]));
      Check(i == 0 || names[i - 1] < names[i]);
    }
  }
  for (const util::Diagnostic& d : diags.Sorted()) {
    Check(d.path == artifact || d.path.starts_with(prefix));
    Check(!d.message.empty() && d.message.back() != '.' && !HasControl(d.message, true));
    if (d.loc.file != nullptr) Check(d.loc.line >= 1 && d.loc.line <= d.loc.file->line_count());
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string bytes(reinterpret_cast<const char*>(data), size);
  lockfile::ArtifactLimits limits;
  limits.max_entries = 2'000;
  limits.max_metadata_bytes = 64 << 10;
  limits.max_total_bytes = 4 << 20;
  limits.max_depth = 8;

  {
    util::SourceSet sources;
    util::DiagnosticSink diags;
    lockfile::InstalledPackages out;
    bool ok = lockfile::ReadZipArtifact(bytes, "fuzz.zip", limits, &sources, &diags, &out);
    Check(ok || (out.sets.empty() && diags.has_errors()));
    CheckResult(out, diags, "fuzz.zip", "!", limits);
  }

  {
    util::MemoryFileSystem fs;
    for (const char* path : {
             "app/node_modules/x/package.json",
             "app/node_modules/@s/y/package.json",
             "app/node_modules/x/node_modules/z/package.json",
             "app/python/pkg-1.0.dist-info/METADATA",
             "app/python/pkg-1.0.dist-info/top_level.txt",
             "app/python/rec-2.0.dist-info/METADATA",
             "app/python/rec-2.0.dist-info/RECORD",
             "app/vendor/old-1.0-py3.9.egg-info",
         }) {
      fs.AddFile(path, bytes);
    }
    util::ScanRoots roots(fs, {"app"}, false);
    util::SourceSet sources;
    util::DiagnosticSink diags;
    lockfile::InstalledPackages out;
    Check(lockfile::ReadInstalledFolder(fs, roots, "app", "app", limits, &sources, &diags, &out));
    CheckResult(out, diags, "app", "/", limits);
  }
  return 0;
}
