// Pieces shared by the Python lockfile and manifest readers
// (requirements.cc, pipfile.cc, poetry_lock.cc, uv_lock.cc, pyproject.cc):
// PEP 508 requirements, PEP 503 names, pinned specifiers and `algorithm:hex`
// hashes; and with the Go readers (go_mod.cc): lines, positions and the
// package-count cap. Private to load/lockfile.
#ifndef FNWARDEN_LOAD_LOCKFILE_PYTHON_INTERNAL_H_
#define FNWARDEN_LOAD_LOCKFILE_PYTHON_INTERNAL_H_

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "load/lockfile/lockfile.h"
#include "model/packages.h"
#include "util/diagnostic.h"
#include "util/source.h"

namespace fnwarden::load::lockfile::python {

// `s` without leading and trailing spaces, tabs, CR and LF.
std::string_view TrimBlanks(std::string_view s);

// The PEP 503 form of a Python package name, for matching only (lower case,
// each run of '-', '_' and '.' becomes one '-'): `Typing_Extensions` →
// `typing-extensions`. Packages keep their names as written. (The analysis
// layer has the same rule in analysis::deps::NormalizeName; the load layer
// cannot call it.)
std::string NormalizePythonName(std::string_view name);

// One PEP 508 dependency specification, `name[extra,…] specifier ; marker`
// or `name[extra,…] @ url ; marker`. The views point into the parsed text.
struct Pep508 {
  std::string_view name;   // as written
  size_t name_offset = 0;  // byte offset of the name in the parsed text
  std::vector<std::string_view> extras;
  // The version specifier as written, without the parentheses of the old
  // `name (>=1.0)` form and outer blanks: ">=2.0,<3", "== 1.2.3"; "" for any
  // version or a URL.
  std::string_view specifier;
  std::string_view url;     // after '@'; "" when none
  std::string_view marker;  // after ';', not evaluated; "" when none
};

// Parses `text` as a PEP 508 requirement. On failure returns false with a
// one-sentence `error` ("expected a version specifier or ';' after the
// name") and the byte offset in `text` where the problem is.
bool ParsePep508(std::string_view text, Pep508* out, std::string* error, size_t* error_offset);

// The version a specifier pins exactly: the version of its `==V` clause
// (without a wildcard) or its `===V` clause; "" when it pins none (`>=1`,
// `~=1.4`, `==1.*`, "").
std::string PinnedVersion(std::string_view specifier);

// Reads an `algorithm:hex` digest as pip, Pipenv, Poetry and uv write them
// (`sha256:9f86…`). Returns false with a one-sentence `error` when the
// algorithm is missing or unknown or the digits are not that algorithm's
// length of hexadecimal digits. Algorithms: md5, sha1, sha256, sha384,
// sha512 (any letter case).
bool ParsePythonHash(std::string_view text, model::PackageHash* out, std::string* error);

// Appends `hash` unless the same digest is already there.
void AddHash(model::PackageHash hash, std::vector<model::PackageHash>* hashes);

// Whether a requirements file's name says it is for development or tests:
// one of the words of its base name (split at anything that is not a letter
// or a digit) is dev, devel, develop, development, test, tests or testing
// (`requirements-dev.txt`, `requirements_test.txt`, `dev-requirements.txt`,
// `requirements/tests.txt`; not `requirements-latest.txt`).
bool IsDevFileName(std::string_view path);

// The end of the line that starts at `pos` (its terminator excluded), with
// `*next` set to where the next line starts: lines end at "\n", "\r\n" or a
// lone "\r", as util::SourceFile counts them. Past the text, returns its size.
size_t LineEnd(std::string_view text, size_t pos, size_t* next);

// The position of byte `offset` of `file`.
util::Loc LocAt(const util::SourceFile& file, size_t offset);

// Whether one more package fits under limits.max_packages. Reports once, at
// `loc`, when the cap is reached (`*reported` remembers it).
bool RoomForPackage(const model::PackageSet& set, const LockLimits& limits, util::Loc loc,
                    util::DiagnosticSink* diags, bool* reported);

}  // namespace fnwarden::load::lockfile::python

#endif  // FNWARDEN_LOAD_LOCKFILE_PYTHON_INTERNAL_H_
