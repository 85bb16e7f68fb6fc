// libFuzzer target for version semantics (analysis/deps/version.h): the
// first byte picks the ecosystem (npm, PyPI, Go), the rest is up to three
// strings separated by '\n'. Whatever the bytes, nothing crashes or hangs,
// and:
// - Compare is a total order: reflexive, antisymmetric, transitive, and
//   agrees with == and <;
// - an npm range that is a version matches exactly the equal versions;
// - a PEP 440 version is `<=V` or `>=V`, and `!=V` is the negation of `==V`;
// - an OSV range introduced at one version and fixed at another contains
//   exactly what the two versions bound, and listed versions are contained.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "analysis/deps/version.h"

using namespace fnwarden;
namespace deps = analysis::deps;

namespace {

void Check(bool ok) {
  if (!ok) std::abort();
}

int Sign(int c) { return c < 0 ? -1 : c > 0 ? 1 : 0; }

void CheckOrder(const std::vector<deps::Version>& v) {
  for (const deps::Version& a : v) {
    Check(a.Compare(a) == 0 && a == a && !(a < a));
    for (const deps::Version& b : v) {
      Check(Sign(a.Compare(b)) == -Sign(b.Compare(a)));
      Check((a == b) == (a.Compare(b) == 0) && (a < b) == (a.Compare(b) < 0));
      for (const deps::Version& c : v) {
        if (a < b && b < c) Check(a < c);
        if (a == b && b == c) Check(a == c);
      }
    }
  }
}

// "introduced": "0" is below every version, even PyPI's 0.dev0.
bool IsZero(std::string_view s) {
  size_t first = s.find_first_not_of(" \t\r\n\f\v");
  size_t last = s.find_last_not_of(" \t\r\n\f\v");
  return first != std::string_view::npos && s.substr(first, last - first + 1) == "0";
}

void CheckOsv(model::Ecosystem e, const std::string& a, const deps::Version& va,
              const std::string& b, const deps::Version& vb) {
  using Kind = deps::RangeEvent::Kind;
  bool zero = IsZero(a);
  // Sorted, the events are [a, b) when a < b, and "fixed b, introduced a"
  // (everything from a up) when a > b.
  deps::Range fixed{deps::Range::Type::kEcosystem, {{Kind::kIntroduced, a}, {Kind::kFixed, b}}};
  deps::AffectedVersions f = deps::AffectedVersions::Compile(e, {fixed}, {});
  Check(f.Contains(va) == (zero ? va < vb : !(va == vb)));
  Check(!f.Contains(vb));
  Check(f.FixedAfter(va) == (va < vb ? b : ""));
  deps::Range last{deps::Range::Type::kEcosystem,
                   {{Kind::kIntroduced, a}, {Kind::kLastAffected, b}}};
  deps::AffectedVersions l = deps::AffectedVersions::Compile(e, {last}, {a});
  Check(l.Contains(va) && l.Contains(a));
  Check(l.Contains(vb) == (zero || va < vb || va == vb));
  Check(l.FixedAfter(vb).empty());
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  auto ecosystem = static_cast<model::Ecosystem>(data[0] % 3);
  std::string_view rest(reinterpret_cast<const char*>(data + 1), size - 1);
  std::vector<std::string> parts;
  while (parts.size() < 2) {
    size_t nl = rest.find('\n');
    if (nl == std::string_view::npos) break;
    parts.emplace_back(rest.substr(0, nl));
    rest.remove_prefix(nl + 1);
  }
  parts.emplace_back(rest);

  std::vector<deps::Version> parsed;
  std::vector<std::string> texts;
  for (const std::string& p : parts) {
    if (std::optional<deps::Version> v = deps::Version::Parse(ecosystem, p)) {
      Check(v->ecosystem() == ecosystem);
      Check(!(v->IsPseudo() && v->IsPrerelease()));
      parsed.push_back(*v);
      texts.push_back(p);
    }
  }
  CheckOrder(parsed);

  const std::string& a = parts[0];
  const std::string& b = parts.size() > 1 ? parts[1] : parts[0];
  std::optional<bool> npm = deps::SatisfiesNpmRange(a, b);
  std::optional<deps::Version> na = deps::Version::Parse(model::Ecosystem::kNpm, a);
  std::optional<deps::Version> nb = deps::Version::Parse(model::Ecosystem::kNpm, b);
  if (!na) Check(!npm.has_value());
  if (na && nb) Check(npm == std::optional<bool>(*na == *nb));

  std::optional<bool> pep = deps::SatisfiesPep440(a, b);
  (void)pep;
  std::optional<deps::Version> pa = deps::Version::Parse(model::Ecosystem::kPyPI, a);
  std::optional<deps::Version> pb = deps::Version::Parse(model::Ecosystem::kPyPI, b);
  if (pa && pb && b.find('+') == std::string::npos) {
    std::optional<bool> le = deps::SatisfiesPep440(a, "<=" + b);
    std::optional<bool> ge = deps::SatisfiesPep440(a, ">=" + b);
    Check(le.has_value() && ge.has_value() && (*le || *ge));
  }
  if (pa && pb) {
    std::optional<bool> eq = deps::SatisfiesPep440(a, "==" + b);
    std::optional<bool> ne = deps::SatisfiesPep440(a, "!=" + b);
    Check(eq.has_value() && ne.has_value() && *eq != *ne);
  }

  if (parsed.size() >= 2) CheckOsv(ecosystem, texts[0], parsed[0], texts[1], parsed[1]);
  deps::NormalizeName(ecosystem, a);
  return 0;
}
