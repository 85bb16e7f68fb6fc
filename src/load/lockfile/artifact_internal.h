// What the zip reader (artifact_zip.cc) and the folder reader
// (artifact_folder.cc) share: which paths are package metadata, and the
// collector that parses metadata files into package sets. Private to
// load/lockfile.
#ifndef FNWARDEN_LOAD_LOCKFILE_ARTIFACT_INTERNAL_H_
#define FNWARDEN_LOAD_LOCKFILE_ARTIFACT_INTERNAL_H_

#include <array>
#include <cstddef>
#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "load/lockfile/artifact.h"
#include "model/packages.h"
#include "util/diagnostic.h"
#include "util/source.h"

namespace fnwarden::load::lockfile::internal {

enum class MetaFile : uint8_t {
  kNone,
  kPackageJson,  // node_modules/<name>/package.json, node_modules/@scope/<name>/package.json
  kPkgInfo,      // *.dist-info/METADATA, *.egg-info/PKG-INFO, an *.egg-info file,
                 // *.egg/EGG-INFO/PKG-INFO
  kTopLevel,     // top_level.txt of a dist-info or egg-info
  kRecord,       // RECORD of a dist-info
};

// What a metadata path is and what it belongs to.
struct MetaPath {
  MetaFile kind = MetaFile::kNone;
  // npm: the package's folder name under node_modules ("lodash",
  // "@aws-sdk/client-s3"). Python: the path of the distribution's metadata
  // folder (or .egg-info file), which groups its files.
  std::string key;
  // How many node_modules folders the path goes through (npm only).
  int node_modules_depth = 0;
};

// Classifies a '/'-separated relative path without "." or ".." segments.
MetaPath ClassifyPath(std::string_view path);

// Checks a zip entry name and writes its normal form (no empty or "."
// segments, no trailing '/') to `normal`. False for names a hostile archive
// uses to escape or to hide: empty, absolute (`/x`, `C:x`), with a `..`
// segment, a backslash, or a control character.
bool NormalEntryName(std::string_view name, std::string* normal);

// Whether a file at `path` is an archive that is not opened (.zip, .jar,
// .war, .whl, .egg; any letter case).
bool IsNestedArchive(std::string_view path);

// Whether a symbolic link at `path` stands where a package or its metadata
// would be (`node_modules/x`, `node_modules/@s/x`, a metadata file, a
// dist-info folder), so that skipping it may hide a package; links such as
// `node_modules/.bin/x` do not.
bool IsPackageLink(std::string_view path);

// Problems reported once per artifact, with their count and first example.
enum class Problem : uint8_t {
  kUnsafeName,
  kLink,
  kNestedArchive,
  kEncrypted,
  kDuplicate,
  kTooLarge,
  kUnreadable,
  kTooDeep,
  kCount,
};

// Collects the packages of one artifact from its metadata files, in any
// order, and writes them out at the end. Not thread-safe.
class ArtifactCollector {
 public:
  // `artifact_path`: the display path of the zip or folder; `kind`: "Lambda
  // zip" or "folder" (format names); `file_prefix`: what comes before a
  // metadata file's relative path in its SourceFile's display path.
  ArtifactCollector(std::string artifact_path, std::string kind, std::string file_prefix,
                    const ArtifactLimits& limits, util::SourceSet* sources,
                    util::DiagnosticSink* diags);

  // One metadata file's text (at most limits.max_metadata_bytes), at
  // relative path `path`, classified as `meta`.
  void Add(const MetaPath& meta, const std::string& path, std::string text);
  // Notes a problem with the entry `name`; `detail` (may be empty) says more
  // about the first one.
  void Note(Problem problem, std::string_view name, std::string_view detail = {});
  // Reports the problems noted and appends the package sets.
  void Finish(InstalledPackages* out);

 private:
  struct Dist {
    std::string name;
    std::string version;
    util::Loc loc;
    bool has_metadata = false;
    bool has_top_level = false;
    std::vector<std::string> top_level;  // from top_level.txt
    std::vector<std::string> recorded;   // top-level names in RECORD
  };
  struct Tally {
    size_t count = 0;
    std::string first;
    std::string detail;
  };

  void AddPackageJson(const MetaPath& meta, const std::string& path, std::string text);
  void AddPkgInfo(const MetaPath& meta, const std::string& path, std::string text);
  void Warn(util::Loc loc, std::string message);
  model::PackageSet NewSet(model::Ecosystem ecosystem, bool layer) const;

  std::string artifact_path_;
  std::string kind_;
  std::string file_prefix_;
  ArtifactLimits limits_;
  util::SourceSet* sources_;
  util::DiagnosticSink* diags_;
  std::vector<model::Package> npm_;
  bool npm_layer_ = true;              // every npm package lies under nodejs/
  std::map<std::string, Dist> dists_;  // by metadata folder path
  std::array<Tally, static_cast<size_t>(Problem::kCount)> tallies_;
};

}  // namespace fnwarden::load::lockfile::internal

#endif  // FNWARDEN_LOAD_LOCKFILE_ARTIFACT_INTERNAL_H_
