// Version semantics of the package ecosystems fnwarden reads: SemVer for npm
// (with npm's range syntax), PEP 440 for PyPI (with its specifiers), and Go
// module versions (SemVer with a "v", pseudo-versions, +incompatible); and
// the OSV `affected` ranges evaluated with them.
//
// Everything here is a pure function of its arguments or an immutable value:
// safe to use from any number of threads at once. Inputs are treated as
// hostile: a version longer than 256 bytes, a number that does not fit in
// 64 bits (npm: above 2^53-1, as npm itself) or anything the grammar does not
// allow is "not a version", never a crash.
#ifndef FNWARDEN_ANALYSIS_DEPS_VERSION_H_
#define FNWARDEN_ANALYSIS_DEPS_VERSION_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/packages.h"

namespace fnwarden::analysis::deps {

// A version parsed under its ecosystem's rules. Versions compare only with
// versions of the same ecosystem (versions of different ecosystems order by
// ecosystem, so that sorting mixed lists stays well defined).
//
// What each ecosystem accepts (surrounding blanks are ignored everywhere):
// - npm: SemVer 2.0 `MAJOR.MINOR.PATCH[-PRE][+BUILD]`, with an optional
//   leading "=" and/or "v" as npm tolerates ("=v1.2.3"); partial forms
//   ("1.2", "1.x") are ranges, not versions.
// - PyPI: any PEP 440 spelling, normalised ("1.0-1" is 1.0.post1, "1.0a" is
//   1.0a0, "V1.0.RC.1" is 1.0rc1); 1.0 and 1.0.0 are equal.
// - Go: `vMAJOR.MINOR.PATCH[-PRE][+BUILD]`, also without the "v" as OSV
//   writes Go versions; pseudo-versions are SemVer pre-releases and compare
//   as such; build metadata (`+incompatible`) is ignored in comparisons.
class Version {
 public:
  // nullopt when `text` is not a version of that ecosystem. At most one heap
  // allocation (none for most versions).
  static std::optional<Version> Parse(model::Ecosystem ecosystem, std::string_view text);

  model::Ecosystem ecosystem() const { return ecosystem_; }
  // <0, 0 or >0 as this version sorts before, equal to or after `other`
  // (SemVer precedence: build metadata ignored; PEP 440 ordering: epochs,
  // pre/post/dev releases, local versions).
  int Compare(const Version& other) const;
  bool operator==(const Version& other) const { return Compare(other) == 0; }
  bool operator<(const Version& other) const { return Compare(other) < 0; }
  bool IsPrerelease() const;  // SemVer pre-release; PEP 440 a/b/rc/dev; Go pre-release (not pseudo)
  // A Go pseudo-version (`v0.0.0-20191109021931-daa7c04131f5`,
  // `v1.2.4-0.20191109021931-daa7c04131f5`, `v1.2.3-pre.0.2019…-…`).
  bool IsPseudo() const;

  // The codec between parsed versions and `key_`; defined in
  // version_internal.h for the version_*.cc files.
  struct Rep;

 private:
  friend class AffectedVersions;
  Version() = default;

  // An order-preserving byte encoding of the version (version_internal.h):
  // Compare is one byte-string comparison, and a typical version fits in
  // the string's inline buffer.
  std::string key_;
  model::Ecosystem ecosystem_ = model::Ecosystem::kNpm;
  uint8_t flags_ = 0;
};

// One OSV range event ("introduced": "0" means from the first version).
struct RangeEvent {
  enum class Kind : uint8_t { kIntroduced, kFixed, kLastAffected, kLimit };
  Kind kind = Kind::kIntroduced;
  std::string version;
};

// One OSV `affected[].ranges[]` entry.
struct Range {
  enum class Type : uint8_t { kSemver, kEcosystem, kGit };
  Type type = Type::kEcosystem;
  std::vector<RangeEvent> events;
};

// The versions of one package that one advisory affects, compiled from its
// OSV `ranges` and `versions` for fast matching. Immutable once compiled.
//
// Evaluation follows the OSV schema's pseudocode exactly: a version is
// affected when it is listed in `versions` or lies in any range; in a range,
// the events are sorted by version ("introduced": "0" first; events of equal
// versions keep their order), then `introduced` (v >= it) turns "affected"
// on, `fixed` (v >= it) and `last_affected` (v > it) turn it off; `limit`
// events bound the whole range (v must be below one of them), and a limit
// containing "*" means no limit.
// - ECOSYSTEM ranges use the ecosystem's rules; SEMVER ranges use SemVer
//   rules (in PyPI a version is read as SemVer only when it is a plain
//   release or an a/b/rc pre-release of at most three numbers, else no
//   SEMVER range contains it). GIT ranges are ignored (they name commits).
// - A range with an event version that does not parse never matches (it
//   cannot be sorted), and neither does a version that does not parse: such
//   versions can only match the `versions` list, by their text (trimmed,
//   lowercased for PyPI).
// - A listed version matches versions equal to it (PyPI "1.0" lists 1.0.0).
class AffectedVersions {
 public:
  static AffectedVersions Compile(model::Ecosystem ecosystem, const std::vector<Range>& ranges,
                                  const std::vector<std::string>& versions);
  // Whether `v` (of the compiled ecosystem; false for another) is affected.
  // No allocation.
  bool Contains(const Version& v) const;
  // The same for a version as written: parsed under the ecosystem's rules,
  // or, when it does not parse, matched against the unparsable listed
  // versions by text.
  bool Contains(std::string_view version) const;
  // The lowest `fixed` event above `v` in the range that contains it, as
  // written; "" when there is none (also when only the `versions` list
  // contains `v`).
  std::string FixedAfter(const Version& v) const;
  // Nothing can match: no usable range and no listed version.
  bool MatchesNothing() const { return ranges_.empty() && versions_.empty() && unparsed_.empty(); }

 private:
  struct Event {
    Version version;           // empty for "introduced": "0"
    uint32_t text_offset = 0;  // `fixed` events: the version as written, in `fixed_text_`
    uint16_t text_size = 0;
    RangeEvent::Kind kind = RangeEvent::Kind::kIntroduced;
    bool zero = false;  // "introduced": "0": before every version
  };
  struct CompiledRange {
    uint32_t first = 0;  // its events are events_[first, last), sorted
    uint32_t last = 0;
    bool semver = false;     // a SEMVER range in PyPI: compared as SemVer
    bool has_limit = false;  // has finite `limit` events
  };
  // Whether a version whose key (in the range's key space) is `key` lies in
  // the range, by the OSV pseudocode.
  bool InRange(const CompiledRange& range, std::string_view key) const;
  // Calls `f(range, key)` for each range with `v`'s key in its key space
  // until `f` returns true; whether one did.
  template <typename F>
  bool ForEachRange(const Version& v, F f) const;

  model::Ecosystem ecosystem_ = model::Ecosystem::kNpm;
  std::vector<CompiledRange> ranges_;
  std::vector<Event> events_;
  std::vector<Version> versions_;      // listed versions no range contains, sorted
  std::vector<std::string> unparsed_;  // listed versions that do not parse, normalised, sorted
  std::string fixed_text_;
};

// Whether `version` satisfies an npm range (`^1.2.3`, `~1.2`, `1.x`,
// `>=1.0.0 <2.0.0 || 3.x`, `1.2.3 - 2.3.4`, `*`, with npm's pre-release
// rules). nullopt when either does not parse (a git URL, a tag, `latest`).
// npm's pre-release rule: a pre-release version satisfies a comparator set
// only if some comparator of the set names a pre-release of the same
// MAJOR.MINOR.PATCH (`1.3.0-beta` is not in `^1.2.0`, but is in
// `>=1.3.0-alpha <2`).
std::optional<bool> SatisfiesNpmRange(std::string_view version, std::string_view range);
// Whether `version` satisfies a PEP 440 specifier set (`>=2.0,<3`, `~=1.4.2`,
// `==1.*`, `!=1.5`, `===x`). nullopt when either does not parse (the version
// may be any string when every clause is `===`). PEP 440's rules apply:
// `<V` excludes the pre-releases of V unless V is one, `>V` excludes the
// post-releases of V unless V is one and the local versions of V, `==V`
// without a local label ignores the candidate's, `==V.*` pads with zeros
// (`1` is in `==1.0.*`). A pre-release satisfies a specifier it otherwise
// meets: the version is installed, and PEP 440 accepts installed
// pre-releases.
std::optional<bool> SatisfiesPep440(std::string_view version, std::string_view specifier);

// The name under which an ecosystem compares package names: PEP 503 for
// PyPI (lowercase, runs of '-', '_' and '.' become '-': `PyYAML` → `pyyaml`,
// `zope.interface` → `zope-interface`); npm and Go names as written.
std::string NormalizeName(model::Ecosystem ecosystem, std::string_view name);

}  // namespace fnwarden::analysis::deps

#endif  // FNWARDEN_ANALYSIS_DEPS_VERSION_H_
