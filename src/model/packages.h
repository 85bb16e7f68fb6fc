// The third-party packages a function ships, as its lockfiles, manifests and
// deployment artifacts record them (load/lockfile), and the advisories that
// affect them (analysis/deps matches them against an OSV database).
#ifndef FNWARDEN_MODEL_PACKAGES_H_
#define FNWARDEN_MODEL_PACKAGES_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "util/source.h"

namespace fnwarden::model {

// The package registries fnwarden reads, by their OSV ecosystem names.
enum class Ecosystem : uint8_t { kNpm, kPyPI, kGo };

// "npm", "PyPI", "Go": the OSV `affected[].package.ecosystem` names.
constexpr std::string_view EcosystemName(Ecosystem e) {
  switch (e) {
    case Ecosystem::kNpm: return "npm";
    case Ecosystem::kPyPI: return "PyPI";
    case Ecosystem::kGo: return "Go";
  }
  return "";
}

// A digest of a package's archive, as its lockfile records it.
struct PackageHash {
  std::string algorithm;  // CycloneDX names: "SHA-1", "SHA-256", "SHA-384", "SHA-512", "MD5"
  std::string hex;        // lowercase hexadecimal (npm's base64 integrity is converted)
};

// Where a package comes from, when not its ecosystem's registry.
enum class PackageSource : uint8_t {
  kRegistry,   // npm, PyPI or the Go module proxy
  kGit,        // a git repository
  kFile,       // a local folder, tarball or wheel (`file:`, `link:`, a path)
  kUrl,        // a tarball or wheel at a URL
  kWorkspace,  // a package of the same repository (npm/yarn/pnpm workspaces, uv sources)
};

// An advisory that affects a package at its version (analysis/deps/osv.h).
struct Advisory {
  std::string id;                    // the preferred ID: GHSA-…, else PYSEC-…/GO-…/the first
  std::vector<std::string> aliases;  // every other ID (CVE-…, PYSEC-…), sorted, merged over copies
  std::string summary;               // one line, as the database writes it
  // "critical", "high", "medium", "low" or "" when the database gives none:
  // from the CVSS base score when a vector is given, else the database's own.
  std::string severity;
  double cvss_score = -1;    // base score, -1 when no vector was given or could be scored
  std::string cvss_vector;   // as written ("CVSS:3.1/AV:N/…")
  std::string fixed;         // the lowest fixed version above the package's, "" when none
  std::string url;           // the advisory's page (its first ADVISORY reference, else osv.dev)
};

// One package of a package set.
struct Package {
  // The registry's name, as the file spells it (an npm alias is resolved to
  // the real package's name; `installed_as` keeps the alias).
  std::string name;
  // The exact version installed or locked; "" when the file does not pin it
  // (an unpinned requirement, a git dependency without a tag).
  std::string version;
  std::string installed_as;  // npm alias (`"x": "npm:y@1"`): the folder name; "" else
  // The requirement as written where the file gives one for a direct
  // dependency (">=2.0,<3", "^4.17.0"); "" when it only records the version.
  std::string requirement;
  PackageSource source = PackageSource::kRegistry;
  std::string source_ref;  // the git URL, path or URL for non-registry sources
  bool direct = false;     // the project names it itself (manifest, top-level requirement)
  bool dev = false;        // only for development or tests: never shipped, never reported as shipped
  bool optional = false;   // an optional dependency (installed when it can be)
  util::Loc loc;           // where the file lists it
  std::vector<PackageHash> hashes;
  std::vector<uint32_t> dependencies;  // indexes into PackageSet::packages of what it requires
  // Python: the top-level modules an installed distribution provides (its
  // top_level.txt or RECORD), when an artifact says; empty otherwise.
  std::vector<std::string> modules;
  std::vector<Advisory> advisories;    // filled by analysis/deps when a database is given
};

// The packages one file records: a lockfile, a manifest, or a deployment
// artifact (a Lambda .zip or layer, a folder of installed packages).
struct PackageSet {
  Ecosystem ecosystem = Ecosystem::kNpm;
  std::string path;    // display path of the file (for artifacts: the .zip or folder)
  std::string format;  // "package-lock.json v3", "yarn.lock v1", "requirements.txt", "go.mod", …
  // The versions are exact (a lockfile, installed packages); false for
  // manifests and requirements files, where each Package says whether it is
  // pinned by having a version.
  bool locked = true;
  std::vector<Package> packages;
  // What the manifest beside a lockfile (package.json, pyproject.toml,
  // Pipfile, go.mod) declares directly, to tell whether the lockfile is out
  // of date with it; empty when there is none.
  struct Declared {
    std::string name;
    std::string requirement;  // as written: "^4.17.0", ">=2,<3", "v1.2.3"; "" for any version
    bool dev = false;
    util::Loc loc;
  };
  std::vector<Declared> declared;
  std::string manifest_path;  // display path of that manifest
};

}  // namespace fnwarden::model

#endif  // FNWARDEN_MODEL_PACKAGES_H_
