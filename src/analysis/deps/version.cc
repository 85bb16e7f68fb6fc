// Version: parsing SemVer (npm, Go) into keys, comparing keys, and package
// name normalisation. PEP 440 lives in version_pep440.cc, npm ranges in
// version_npm.cc, OSV ranges in version_osv.cc.
#include "analysis/deps/version.h"

#include <algorithm>

#include "analysis/deps/version_internal.h"
#include "model/package_names.h"
#include "util/strings.h"

namespace fnwarden::analysis::deps {

void KeyWriter::Number(uint64_t n) {
  uint8_t bytes = 0;
  for (uint64_t m = n; m != 0; m >>= 8) ++bytes;
  Byte(static_cast<uint8_t>(0x01 + bytes));
  for (int i = bytes - 1; i >= 0; --i) Byte(static_cast<uint8_t>(n >> (8 * i)));
}

void KeyWriter::DigitString(std::string_view digits) {
  size_t first = digits.find_first_not_of('0');
  digits = first == std::string_view::npos ? std::string_view() : digits.substr(first);
  if (digits.size() > 0xff) {  // longer than any version we accept
    overflow_ = true;
    return;
  }
  Byte(static_cast<uint8_t>(digits.size()));
  Text(digits);
}

bool ReadKeyNumber(std::string_view key, size_t* pos, uint64_t* n) {
  if (*pos >= key.size()) return false;
  uint8_t tag = static_cast<uint8_t>(key[*pos]);
  if (tag < 0x01 || tag > 0x09 || key.size() - *pos - 1 < size_t{tag} - 1u) return false;
  *n = 0;
  for (uint8_t i = 1; i < tag; ++i) *n = (*n << 8) | static_cast<uint8_t>(key[*pos + i]);
  *pos += tag;
  return true;
}

std::string_view TrimBlanks(std::string_view s) {
  constexpr std::string_view kBlanks = " \t\r\n\f\v";
  size_t first = s.find_first_not_of(kBlanks);
  if (first == std::string_view::npos) return {};
  return s.substr(first, s.find_last_not_of(kBlanks) - first + 1);
}

bool ParseNumber(std::string_view digits, uint64_t max, uint64_t* out) {
  if (digits.empty()) return false;
  uint64_t n = 0;
  for (char c : digits) {
    if (!IsDigit(c)) return false;
    uint64_t d = static_cast<uint64_t>(c - '0');
    if (n > (max - d) / 10) return false;
    n = n * 10 + d;
  }
  *out = n;
  return true;
}

bool ValidIdentifiers(std::string_view s, bool build) {
  if (s.empty()) return false;
  size_t start = 0;
  while (true) {
    size_t dot = s.find('.', start);
    std::string_view id = s.substr(start, dot == std::string_view::npos ? s.npos : dot - start);
    if (id.empty()) return false;
    bool numeric = true;
    for (char c : id) {
      if (!IsAlnum(c) && c != '-') return false;
      numeric = numeric && IsDigit(c);
    }
    if (!build && numeric && id.size() > 1 && id[0] == '0') return false;
    if (dot == std::string_view::npos) return true;
    start = dot + 1;
  }
}

namespace {

// A SemVer core number: "0" or digits without a leading zero.
bool ReadCoreNumber(std::string_view s, size_t* pos, uint64_t max, uint64_t* out) {
  size_t end = *pos;
  while (end < s.size() && IsDigit(s[end])) ++end;
  std::string_view digits = s.substr(*pos, end - *pos);
  if (digits.size() > 1 && digits[0] == '0') return false;
  if (!ParseNumber(digits, max, out)) return false;
  *pos = end;
  return true;
}

}  // namespace

bool ParseSemverCore(std::string_view s, uint64_t max_number, SemverParts* out) {
  if (s.empty() || s.size() > kMaxVersionLength) return false;
  size_t pos = 0;
  if (!ReadCoreNumber(s, &pos, max_number, &out->major)) return false;
  if (pos >= s.size() || s[pos++] != '.') return false;
  if (!ReadCoreNumber(s, &pos, max_number, &out->minor)) return false;
  if (pos >= s.size() || s[pos++] != '.') return false;
  if (!ReadCoreNumber(s, &pos, max_number, &out->patch)) return false;
  std::string_view rest = s.substr(pos);
  size_t plus = rest.find('+');
  out->build = {};
  if (plus != std::string_view::npos) {
    out->build = rest.substr(plus + 1);
    if (!ValidIdentifiers(out->build, /*build=*/true)) return false;
    rest = rest.substr(0, plus);
  }
  out->pre = {};
  if (!rest.empty()) {
    if (rest[0] != '-') return false;
    out->pre = rest.substr(1);
    if (!ValidIdentifiers(out->pre, /*build=*/false)) return false;
  }
  return true;
}

bool ParseNpmParts(std::string_view text, SemverParts* out) {
  std::string_view s = TrimBlanks(text);
  if (!s.empty() && s[0] == '=') s.remove_prefix(1);
  if (!s.empty() && s[0] == 'v') s.remove_prefix(1);
  return ParseSemverCore(s, kMaxNpmNumber, out);
}

bool ParseGoParts(std::string_view text, SemverParts* out) {
  std::string_view s = TrimBlanks(text);
  if (!s.empty() && s[0] == 'v') s.remove_prefix(1);
  return ParseSemverCore(s, UINT64_MAX, out);
}

// Go's module.IsPseudoVersion: the pre-release ends in a 14-digit UTC time
// and a revision ("20191109021931-daa7c04131f5"), after "0." (the forms for
// a base release or pre-release) or alone when the base is vX.0.0.
bool IsGoPseudo(const SemverParts& p) {
  std::string_view pre = p.pre;
  size_t dot = pre.rfind('.');
  std::string_view last = dot == std::string_view::npos ? pre : pre.substr(dot + 1);
  if (last.size() < 16 || last[14] != '-') return false;
  for (size_t i = 0; i < 14; ++i) {
    if (!IsDigit(last[i])) return false;
  }
  for (size_t i = 15; i < last.size(); ++i) {
    if (!IsAlnum(last[i])) return false;
  }
  if (dot == std::string_view::npos) return p.minor == 0 && p.patch == 0;
  std::string_view before = pre.substr(0, dot);  // "0" or "….0"
  return before == "0" || (before.size() > 2 && before.substr(before.size() - 2) == ".0");
}

void EncodeSemver(const SemverParts& p, KeyWriter* w) {
  w->Number(p.major);
  w->Number(p.minor);
  w->Number(p.patch);
  if (p.pre.empty()) {
    w->Byte(0x02);
    return;
  }
  w->Byte(0x01);
  size_t start = 0;
  while (start <= p.pre.size()) {
    size_t dot = p.pre.find('.', start);
    if (dot == std::string_view::npos) dot = p.pre.size();
    std::string_view id = p.pre.substr(start, dot - start);
    if (std::all_of(id.begin(), id.end(), IsDigit)) {
      w->Byte(0x01);
      w->DigitString(id);
    } else {
      w->Byte(0x02);
      w->Text(id);
      w->Byte(0x00);
    }
    start = dot + 1;
  }
  w->Byte(0x00);
}

std::optional<Version> Version::Parse(model::Ecosystem ecosystem, std::string_view text) {
  if (text.size() > 4 * kMaxVersionLength) return std::nullopt;  // before trimming a huge input
  KeyWriter w;
  uint8_t flags = 0;
  switch (ecosystem) {
    case model::Ecosystem::kNpm:
    case model::Ecosystem::kGo: {
      SemverParts p;
      bool go = ecosystem == model::Ecosystem::kGo;
      if (!(go ? ParseGoParts(text, &p) : ParseNpmParts(text, &p))) return std::nullopt;
      bool pseudo = go && IsGoPseudo(p);
      if (pseudo) flags |= Rep::kPseudo;
      if (!p.pre.empty() && !pseudo) flags |= Rep::kPrerelease;
      EncodeSemver(p, &w);
      break;
    }
    case model::Ecosystem::kPyPI: {
      Pep440Parts p;
      if (!ParsePep440(text, &p)) return std::nullopt;
      if (p.IsPrerelease()) flags |= Rep::kPrerelease;
      EncodePep440(p, /*with_local=*/true, &w);
      break;
    }
  }
  if (!w.ok()) return std::nullopt;
  return Rep::Make(ecosystem, w.view(), flags);
}

int Version::Compare(const Version& other) const {
  if (ecosystem_ != other.ecosystem_) return ecosystem_ < other.ecosystem_ ? -1 : 1;
  int c = std::string_view(key_).compare(other.key_);
  return c < 0 ? -1 : c > 0 ? 1 : 0;
}

bool Version::IsPrerelease() const { return (flags_ & Rep::kPrerelease) != 0; }
bool Version::IsPseudo() const { return (flags_ & Rep::kPseudo) != 0; }

std::string NormalizeName(model::Ecosystem ecosystem, std::string_view name) {
  if (ecosystem != model::Ecosystem::kPyPI) return std::string(name);
  return model::PypiName(name);
}

}  // namespace fnwarden::analysis::deps
