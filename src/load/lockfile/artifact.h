// The packages installed inside a Lambda deployment artifact: a function's
// or a layer's `.zip`, or a code folder that holds `node_modules/` or
// vendored Python distributions (`pip install -t .`).
//
// Only the packages' own metadata is read:
// - npm: `node_modules/<name>/package.json` and
//   `node_modules/@scope/<name>/package.json`, nested ones too
//   (`node_modules/a/node_modules/b/`, pnpm's `node_modules/.pnpm/*/node_modules/`),
//   wherever the node_modules folder lies (a layer's `nodejs/node_modules/`,
//   `nodejs/node18/node_modules/`). A package.json deeper inside a package
//   (`node_modules/a/lib/package.json`) is not a package. Its `name` and
//   `version`; when the folder name differs from `name` (an npm alias) the
//   folder name is Package::installed_as.
// - Python: `<dist>-<version>.dist-info/METADATA`, `<dist>.egg-info/PKG-INFO`
//   (or an `.egg-info` file), `<x>.egg/EGG-INFO/PKG-INFO`: the `Name:` and
//   `Version:` headers. And the import names each distribution provides:
//   its `top_level.txt`, else the top-level folders and modules its
//   dist-info `RECORD` lists.
//
// Nothing is ever extracted to disk, executed, or followed: a symbolic link
// (a zip entry or a folder entry) is skipped, a zip inside the zip (`.zip`,
// `.jar`, `.war`, `.whl`, `.egg`) is not opened. An artifact is hostile input:
// entry names that climb out (`..`), are absolute, hold control characters
// or are flagged UTF-8 but are not, are skipped (libarchive reads a
// backslash as '/', as Windows tools mean it, before the name is checked);
// encrypted entries are skipped; duplicate entries are read once (the
// first); truncated and corrupt archives keep what was read before the
// damage. Each kind of problem is reported once per artifact (how many
// entries, the first one's name, escaped) and the rest is read.
//
// Zip bombs: only metadata entries are ever decompressed, each at most
// ArtifactLimits::max_metadata_bytes (an entry declaring more is not
// opened; one whose data runs longer than its header says is cut off there
// and skipped), and at most max_total_bytes over the whole artifact. The
// other entries are passed over by the central directory's sizes without
// being decompressed. (A compression-ratio cap would bound nothing more:
// libarchive does not expose compressed sizes, and what is decompressed is
// already capped.)
//
// Results: one model::PackageSet per ecosystem that has packages in the
// artifact (npm first, then PyPI), `path` the artifact's display path,
// `format` "Lambda zip (node_modules)", "Lambda layer zip (site-packages)",
// "folder (node_modules)", … ("layer" when every package lies under the
// layer folder `nodejs/` or `python/`), locked, every package with
// direct = false (an artifact does not say what the function requires
// itself), sorted by name and version, one per name, version and
// installed_as (the first copy found). Each package's `loc` points at its
// version in a util::SourceFile added to the SourceSet for its metadata
// file, with display path `<zip>!<entry>` or `<folder>/<relative path>`;
// for METADATA and PKG-INFO the file holds only the header block.
//
// Thread-safety: the functions share no state; one call per artifact may
// run on each thread (SourceSet and DiagnosticSink are thread-safe), but
// not two calls with the same InstalledPackages.
#ifndef FNWARDEN_LOAD_LOCKFILE_ARTIFACT_H_
#define FNWARDEN_LOAD_LOCKFILE_ARTIFACT_H_

#include <cstddef>
#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "model/packages.h"
#include "util/diagnostic.h"
#include "util/fs.h"
#include "util/source.h"

namespace fnwarden::load::lockfile {

// Caps that keep a hostile artifact from exhausting memory or time.
struct ArtifactLimits {
  // A larger `.zip` is not read at all (Lambda's own limit is 250 MB
  // unzipped; 50 MB zipped for a direct upload).
  uint64_t max_archive_bytes = 256ull << 20;
  // Entries of one archive, or folder entries listed in one folder; past
  // it the rest is not read.
  size_t max_entries = 100'000;
  // One metadata file (package.json, METADATA, PKG-INFO, top_level.txt,
  // RECORD): a larger one is skipped with a diagnostic.
  uint64_t max_metadata_bytes = 1 << 20;
  // Bytes decompressed or read over one artifact: metadata, and in a zip
  // whose central directory is damaged (read from its local headers), the
  // entries of unknown size that must be decompressed to be passed over.
  uint64_t max_total_bytes = 64ull << 20;
  // Nesting of node_modules folders inside packages, in folders and zips.
  int max_depth = 32;
};

// What one or more artifacts install.
struct InstalledPackages {
  // Appended to by each call (see the file comment).
  std::vector<model::PackageSet> sets;
  // The Python distributions' import names, by PEP 503 normalised
  // distribution name (`pyyaml` → {"_yaml", "yaml"}): sorted, unique, merged
  // over copies and artifacts. The modules a handler imports tell which
  // installed distributions it uses. A distribution whose metadata gives
  // none (no top_level.txt, no RECORD) has no entry.
  std::map<std::string, std::vector<std::string>> import_names;
};

// Reads a deployment or layer `.zip` held in memory (`bytes`, which must
// stay valid during the call). `display_path` names the zip in diagnostics
// and in the SourceFiles' paths. Returns false when `bytes` is not a zip
// archive at all or is larger than max_archive_bytes (with an error
// diagnostic); true otherwise, with diagnostics for what could not be read.
bool ReadZipArtifact(std::string_view bytes, const std::string& display_path,
                     const ArtifactLimits& limits, util::SourceSet* sources,
                     util::DiagnosticSink* diags, InstalledPackages* out);

// The same for the `.zip` at `path`, which must resolve inside `roots`
// (util::ResolveInsideRoots) and be a regular file of at most
// max_archive_bytes; false with an error diagnostic when it cannot be read.
bool ReadZipArtifactFile(const util::FileSystem& fs, const util::ScanRoots& roots,
                         const std::string& path, const std::string& display_path,
                         const ArtifactLimits& limits, util::SourceSet* sources,
                         util::DiagnosticSink* diags, InstalledPackages* out);

// Reads the packages installed in the code folder `folder`, which must
// resolve inside `roots`; `display_path` is the folder as users see it.
// Looks only where packages are installed, never following a symbolic link:
// - npm: `node_modules/`, `nodejs/node_modules/`, `nodejs/node*/node_modules/`,
//   recursively through nested node_modules (at most max_depth deep);
// - Python: `*.dist-info`, `*.egg-info` and `*.egg` directly in `folder`
//   and in `python/`, `package/`, `vendor/` and
//   `python/lib/python3*/site-packages/`.
// Returns false with an error diagnostic when `folder` is outside the roots
// or cannot be listed; true otherwise.
bool ReadInstalledFolder(const util::FileSystem& fs, const util::ScanRoots& roots,
                         const std::string& folder, const std::string& display_path,
                         const ArtifactLimits& limits, util::SourceSet* sources,
                         util::DiagnosticSink* diags, InstalledPackages* out);

}  // namespace fnwarden::load::lockfile

#endif  // FNWARDEN_LOAD_LOCKFILE_ARTIFACT_H_
