#include "load/lockfile/python_internal.h"

#include <cstddef>
#include <string>
#include <string_view>
#include <utility>

#include "model/package_names.h"
#include "util/encoding.h"
#include "util/strings.h"

namespace fnwarden::load::lockfile::python {
namespace {

bool IsBlank(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

bool IsAlnum(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

bool IsNameChar(char c) { return IsAlnum(c) || c == '-' || c == '_' || c == '.'; }

bool IsOperatorChar(char c) { return c == '<' || c == '>' || c == '=' || c == '!' || c == '~'; }

// Bytes a version may hold after an operator: PEP 440 letters, digits and
// separators, '*' for `==1.*`, '+' and '!' for local versions and epochs.
bool IsVersionChar(char c) {
  return IsAlnum(c) || c == '.' || c == '*' || c == '+' || c == '!' || c == '-' || c == '_';
}

size_t SkipBlanks(std::string_view s, size_t i) {
  while (i < s.size() && (s[i] == ' ' || s[i] == '\t')) ++i;
  return i;
}

// Quotes a piece of input for a message, cut short when long.
std::string Quote(std::string_view s) {
  if (s.size() > 40) return "'" + std::string(s.substr(0, 40)) + "…'";
  return "'" + std::string(s) + "'";
}

// Reads one identifier (a name or an extra) at `i`; returns its end, or `i`
// when there is none.
size_t ReadIdentifier(std::string_view s, size_t i) {
  if (i >= s.size() || !IsAlnum(s[i])) return i;
  size_t end = i;
  while (end < s.size() && IsNameChar(s[end])) ++end;
  // A name ends with a letter or a digit: `foo-` stops before the '-'.
  while (end > i && !IsAlnum(s[end - 1])) --end;
  return end;
}

// Checks a comma-separated list of `op version` clauses.
bool CheckSpecifier(std::string_view s, size_t base, std::string* error, size_t* error_offset) {
  size_t i = 0;
  while (true) {
    i = SkipBlanks(s, i);
    size_t op_start = i;
    while (i < s.size() && IsOperatorChar(s[i])) ++i;
    std::string_view op = s.substr(op_start, i - op_start);
    if (op != "==" && op != "===" && op != "!=" && op != "<=" && op != ">=" && op != "~=" &&
        op != "<" && op != ">") {
      *error = op.empty() ? "expected a comparison such as '>=' or '=='"
                          : "unknown comparison " + Quote(op);
      *error_offset = base + op_start;
      return false;
    }
    i = SkipBlanks(s, i);
    size_t v_start = i;
    if (op == "===") {
      while (i < s.size() && !IsBlank(s[i]) && s[i] != ',') ++i;
    } else {
      while (i < s.size() && IsVersionChar(s[i])) ++i;
    }
    if (i == v_start) {
      *error = "expected a version after " + Quote(op);
      *error_offset = base + i;
      return false;
    }
    i = SkipBlanks(s, i);
    if (i == s.size()) return true;
    if (s[i] != ',') {
      *error = "expected ',' or the end of the version specifier, not " + Quote(s.substr(i, 1));
      *error_offset = base + i;
      return false;
    }
    ++i;
  }
}

}  // namespace

std::string_view TrimBlanks(std::string_view s) {
  size_t b = 0;
  while (b < s.size() && IsBlank(s[b])) ++b;
  size_t e = s.size();
  while (e > b && IsBlank(s[e - 1])) --e;
  return s.substr(b, e - b);
}

std::string NormalizePythonName(std::string_view name) {
  // PEP 503, without the separators a name cannot start or end with.
  std::string out = model::PypiName(name);
  while (!out.empty() && out.back() == '-') out.pop_back();
  size_t first = out.find_first_not_of('-');
  return first == std::string::npos ? "" : out.substr(first);
}

bool ParsePep508(std::string_view text, Pep508* out, std::string* error, size_t* error_offset) {
  *out = Pep508{};
  size_t i = SkipBlanks(text, 0);
  size_t name_end = ReadIdentifier(text, i);
  if (name_end == i) {
    *error = i < text.size() ? "expected a package name, not " + Quote(text.substr(i, 1))
                             : "expected a package name";
    *error_offset = i;
    return false;
  }
  out->name = text.substr(i, name_end - i);
  out->name_offset = i;
  i = SkipBlanks(text, name_end);
  if (i < text.size() && text[i] == '[') {
    ++i;
    while (true) {
      i = SkipBlanks(text, i);
      if (i < text.size() && text[i] == ']') break;
      size_t e = ReadIdentifier(text, i);
      if (e == i) {
        *error = "expected the name of an extra";
        *error_offset = i;
        return false;
      }
      out->extras.push_back(text.substr(i, e - i));
      i = SkipBlanks(text, e);
      if (i < text.size() && text[i] == ',') {
        ++i;
        continue;
      }
      if (i < text.size() && text[i] == ']') break;
      *error = "expected ',' or ']' in the extras";
      *error_offset = i;
      return false;
    }
    i = SkipBlanks(text, i + 1);
  }
  if (i < text.size() && text[i] == '@') {
    i = SkipBlanks(text, i + 1);
    size_t e = i;
    while (e < text.size() && !IsBlank(text[e])) ++e;
    // `name @ url;marker` without a blank: the marker starts at the ';'.
    if (size_t semi = text.substr(i, e - i).find(';'); semi != std::string_view::npos) {
      e = i + semi;
    }
    if (e == i) {
      *error = "expected a URL after '@'";
      *error_offset = i;
      return false;
    }
    out->url = text.substr(i, e - i);
    i = SkipBlanks(text, e);
  } else if (i < text.size() && text[i] == '(') {
    size_t close = text.find(')', i);
    if (close == std::string_view::npos) {
      *error = "'(' is not closed";
      *error_offset = i;
      return false;
    }
    std::string_view inner = text.substr(i + 1, close - i - 1);
    if (!TrimBlanks(inner).empty()) {
      if (!CheckSpecifier(inner, i + 1, error, error_offset)) return false;
      out->specifier = TrimBlanks(inner);
    }
    i = SkipBlanks(text, close + 1);
  } else if (i < text.size() && IsOperatorChar(text[i])) {
    size_t end = text.find(';', i);
    if (end == std::string_view::npos) end = text.size();
    std::string_view spec = text.substr(i, end - i);
    if (!CheckSpecifier(spec, i, error, error_offset)) return false;
    out->specifier = TrimBlanks(spec);
    i = end;
  }
  if (i < text.size() && text[i] == ';') {
    std::string_view marker = TrimBlanks(text.substr(i + 1));
    if (marker.empty()) {
      *error = "expected an environment marker after ';'";
      *error_offset = i + 1;
      return false;
    }
    out->marker = marker;
    return true;
  }
  if (i < text.size()) {
    *error = "expected a version specifier or ';' after " + Quote(out->name) + ", not " +
             Quote(TrimBlanks(text.substr(i)));
    *error_offset = i;
    return false;
  }
  return true;
}

std::string PinnedVersion(std::string_view specifier) {
  for (std::string_view clause : util::Split(specifier, ',')) {
    clause = TrimBlanks(clause);
    if (clause.starts_with("===")) return std::string(TrimBlanks(clause.substr(3)));
    if (clause.starts_with("==")) {
      std::string_view v = TrimBlanks(clause.substr(2));
      if (!v.empty() && v.find('*') == std::string_view::npos) return std::string(v);
    }
  }
  return "";
}

bool ParsePythonHash(std::string_view text, model::PackageHash* out, std::string* error) {
  size_t colon = text.find(':');
  if (colon == std::string_view::npos || colon == 0) {
    *error = "hash " + Quote(text) + " has no algorithm (expected 'sha256:' and the digest)";
    return false;
  }
  std::string algorithm = util::ToLower(text.substr(0, colon));
  std::string_view digits = text.substr(colon + 1);
  static constexpr struct {
    std::string_view name;
    std::string_view cyclonedx;
    size_t hex_digits;
  } kAlgorithms[] = {
      {"md5", "MD5", 32},        {"sha1", "SHA-1", 40},      {"sha256", "SHA-256", 64},
      {"sha384", "SHA-384", 96}, {"sha512", "SHA-512", 128},
  };
  for (const auto& a : kAlgorithms) {
    if (algorithm != a.name) continue;
    bool hex = digits.size() == a.hex_digits;
    for (size_t i = 0; hex && i < digits.size(); ++i) hex = util::HexDigitValue(digits[i]) >= 0;
    if (!hex) {
      *error = "the " + std::string(a.name) + " digest " + Quote(digits) + " is not " +
               std::to_string(a.hex_digits) + " hexadecimal digits";
      return false;
    }
    out->algorithm = std::string(a.cyclonedx);
    out->hex = util::ToLower(digits);
    return true;
  }
  *error = "unknown hash algorithm " + Quote(text.substr(0, colon));
  return false;
}

void AddHash(model::PackageHash hash, std::vector<model::PackageHash>* hashes) {
  for (const model::PackageHash& h : *hashes) {
    if (h.algorithm == hash.algorithm && h.hex == hash.hex) return;
  }
  hashes->push_back(std::move(hash));
}

bool IsDevFileName(std::string_view path) {
  size_t slash = path.find_last_of("/\\");
  std::string_view base = slash == std::string_view::npos ? path : path.substr(slash + 1);
  size_t i = 0;
  while (i < base.size()) {
    while (i < base.size() && !IsAlnum(base[i])) ++i;
    size_t start = i;
    while (i < base.size() && IsAlnum(base[i])) ++i;
    std::string word = util::ToLower(base.substr(start, i - start));
    if (word == "dev" || word == "devel" || word == "develop" || word == "development" ||
        word == "test" || word == "tests" || word == "testing") {
      return true;
    }
  }
  return false;
}

size_t LineEnd(std::string_view text, size_t pos, size_t* next) {
  size_t end = pos;
  while (end < text.size() && text[end] != '\n' && text[end] != '\r') ++end;
  *next = end;
  if (end < text.size()) {
    *next = end + (text[end] == '\r' && end + 1 < text.size() && text[end + 1] == '\n' ? 2 : 1);
  }
  return end;
}

util::Loc LocAt(const util::SourceFile& file, size_t offset) {
  util::SourceFile::LineCol lc = file.Position(offset);
  return util::Loc{&file, lc.line, lc.col};
}

bool RoomForPackage(const model::PackageSet& set, const LockLimits& limits, util::Loc loc,
                    util::DiagnosticSink* diags, bool* reported) {
  if (set.packages.size() < limits.max_packages) return true;
  if (!*reported) {
    *reported = true;
    diags->Error(loc, "more than " + std::to_string(limits.max_packages) +
                          " packages; the rest are not read");
  }
  return false;
}

}  // namespace fnwarden::load::lockfile::python
