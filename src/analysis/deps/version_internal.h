// Internal to the version_*.cc files: the order-preserving byte keys that
// Version stores, and the parsed forms the ecosystems' parsers produce.
//
// A key is built so that comparing two keys as unsigned byte strings gives
// the ecosystem's version order:
// - a number is one tag byte 0x01 + n (n = its length in bytes, 0 for zero)
//   followed by n big-endian bytes, so shorter numbers sort first and every
//   number sorts after the 0x00 that ends a list;
// - a digit string of any length (a SemVer numeric pre-release identifier,
//   a PEP 440 local numeric segment) is a length byte and the digits without
//   leading zeros;
// - text (an alphanumeric identifier) ends with 0x00, so a prefix sorts
//   first.
// SemVer (npm, Go): major, minor, patch; then 0x02 for a release, or 0x01,
// the identifiers (0x01 + digit string, or 0x02 + text) and 0x00.
// PEP 440: epoch; release numbers without trailing zeros, 0x00; the phase
// (0x00 dev release of the final, 0x01 + {1 a, 2 b, 3 rc} + number, 0x02
// final); post (0x00 none, 0x01 + number); dev (0x00 + number, 0x01 none);
// local (0x00 none, 0x01 + segments (0x01 + lowercase text, or 0x02 + digit
// string) + 0x00).
#ifndef FNWARDEN_ANALYSIS_DEPS_VERSION_INTERNAL_H_
#define FNWARDEN_ANALYSIS_DEPS_VERSION_INTERNAL_H_

#include <array>
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "analysis/deps/version.h"

namespace fnwarden::analysis::deps {

inline constexpr size_t kMaxVersionLength = 256;
inline constexpr uint64_t kMaxNpmNumber = (uint64_t{1} << 53) - 1;  // JavaScript's MAX_SAFE_INTEGER

// Builds a key in a fixed buffer: no allocation. A key of a version of at
// most kMaxVersionLength bytes fits; `ok()` is false if one ever did not.
class KeyWriter {
 public:
  void Byte(uint8_t b) {
    if (size_ < buf_.size()) {
      buf_[size_++] = static_cast<char>(b);
    } else {
      overflow_ = true;
    }
  }
  void Text(std::string_view s) {
    for (char c : s) Byte(static_cast<uint8_t>(c));
  }
  void Number(uint64_t n);
  void DigitString(std::string_view digits);
  std::string_view view() const { return std::string_view(buf_.data(), size_); }
  bool ok() const { return !overflow_; }

 private:
  std::array<char, 640> buf_;
  size_t size_ = 0;
  bool overflow_ = false;
};

// Reads what KeyWriter::Number wrote at `*pos`; false when the key holds
// something else there.
bool ReadKeyNumber(std::string_view key, size_t* pos, uint64_t* n);

inline bool IsDigit(char c) { return c >= '0' && c <= '9'; }
inline bool IsAlnum(char c) {
  return IsDigit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
std::string_view TrimBlanks(std::string_view s);
// A non-empty run of ASCII digits whose value is at most `max`.
bool ParseNumber(std::string_view digits, uint64_t max, uint64_t* out);

// A SemVer version as written: numbers, and the pre-release and build parts
// without their '-' and '+' ("" when absent).
struct SemverParts {
  uint64_t major = 0;
  uint64_t minor = 0;
  uint64_t patch = 0;
  std::string_view pre;
  std::string_view build;
};
// Exactly `MAJOR.MINOR.PATCH[-PRE][+BUILD]` (no prefix, no blanks), numbers
// without leading zeros and at most `max_number`.
bool ParseSemverCore(std::string_view s, uint64_t max_number, SemverParts* out);
// A valid dot-separated pre-release (numeric identifiers without leading
// zeros) or build (`build` = true: any [0-9A-Za-z-]+ identifiers).
bool ValidIdentifiers(std::string_view s, bool build);
// An npm version: blanks, then optional "=" and "v", then ParseSemverCore.
bool ParseNpmParts(std::string_view text, SemverParts* out);
// A Go version: blanks, optional "v", then ParseSemverCore.
bool ParseGoParts(std::string_view text, SemverParts* out);
bool IsGoPseudo(const SemverParts& p);
void EncodeSemver(const SemverParts& p, KeyWriter* w);

// A PEP 440 version, normalised: release numbers as written (trailing zeros
// kept; the key drops them), pre-release kind 0 none, 1 a, 2 b, 3 rc.
struct Pep440Parts {
  static constexpr size_t kMaxRelease = kMaxVersionLength / 2 + 1;
  uint64_t epoch = 0;
  std::array<uint64_t, kMaxRelease> release;
  size_t release_size = 0;
  int pre_kind = 0;
  uint64_t pre = 0;
  bool has_post = false;
  uint64_t post = 0;
  bool has_dev = false;
  uint64_t dev = 0;
  std::string_view local;  // as written after '+', "" when none

  bool IsPrerelease() const { return pre_kind != 0 || has_dev; }
};
// Blanks, an optional "v", then a PEP 440 version in any spelling that
// packaging's VERSION_PATTERN accepts (case-insensitive).
bool ParsePep440(std::string_view text, Pep440Parts* out);
// `with_local` = false encodes the public version (the local label dropped).
void EncodePep440(const Pep440Parts& p, bool with_local, KeyWriter* w);
// The SemVer key of a PyPI version that reads as SemVer (see
// AffectedVersions in version.h); false for any other.
bool Pep440KeyAsSemver(std::string_view pep440_key, KeyWriter* w);

// The codec between parsed forms and Version.
struct Version::Rep {
  enum Flag : uint8_t { kPrerelease = 1, kPseudo = 2 };
  static Version Make(model::Ecosystem e, std::string_view key, uint8_t flags) {
    Version v;
    v.key_.assign(key.data(), key.size());
    v.ecosystem_ = e;
    v.flags_ = flags;
    return v;
  }
  static std::string_view Key(const Version& v) { return v.key_; }
};

}  // namespace fnwarden::analysis::deps

#endif  // FNWARDEN_ANALYSIS_DEPS_VERSION_INTERNAL_H_
