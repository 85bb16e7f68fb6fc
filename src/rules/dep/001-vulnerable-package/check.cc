// FNW-DEP-001: a function ships a package with a known vulnerability.
#include <algorithm>
#include <cstdio>
#include <optional>
#include <string>

#include "analysis/deps/imports.h"
#include "analysis/deps/version.h"
#include "rules/package_findings.h"

namespace fnwarden::rules {
namespace {

model::Severity AdvisorySeverity(const model::Advisory& a) {
  std::optional<model::Severity> s = model::ParseSeverity(a.severity);
  return s ? *s : model::Severity::kMedium;  // the database gives none: not known to be low
}

std::string AdvisoryLine(const model::Advisory& a) {
  std::string ids = a.id;
  for (const std::string& alias : a.aliases) {
    if (alias.starts_with("CVE-")) {
      ids += ", " + alias;
      break;
    }
  }
  std::string out = ids + (a.severity.empty() ? "" : ", " + a.severity);
  if (a.cvss_score >= 0) {
    char score[16];
    std::snprintf(score, sizeof score, "%.1f", a.cvss_score);
    out += " " + std::string(score);
  }
  out = "(" + out + ")";
  if (!a.summary.empty()) out = a.summary + " " + out;
  return out;
}

// Whether version `a` sorts after `b`; versions that do not parse compare
// as text.
bool Later(model::Ecosystem e, const std::string& a, const std::string& b) {
  std::optional<analysis::deps::Version> va = analysis::deps::Version::Parse(e, a);
  std::optional<analysis::deps::Version> vb = analysis::deps::Version::Parse(e, b);
  if (va && vb) return vb->Compare(*va) < 0;
  return a > b;
}

void Check(Context& ctx) {
  ForEachShippedSet(ctx, [&](const model::PackageSet& set,
                             const std::vector<const model::Function*>& functions) {
    analysis::deps::PackageUse use(set, functions);
    for (uint32_t i = 0; i < set.packages.size(); ++i) {
      const model::Package& p = set.packages[i];
      if (p.advisories.empty() || p.dev) continue;
      model::Severity severity = model::Severity::kLow;
      for (const model::Advisory& a : p.advisories) {
        severity = std::max(severity, AdvisorySeverity(a));
      }
      std::string how;
      if (use.Imported(i)) {
        how = "; its handler code imports it";
      } else if (!use.PulledInBy(i).empty()) {
        how = "; its handler code imports " + use.PulledInBy(i) + ", which requires it";
      } else if (use.Known()) {
        // Shipped but never loaded by the code fnwarden read: reachable only
        // through code it could not see, so it ranks below the imported ones.
        how = "; no handler code imports it";
        if (severity > model::Severity::kLow) {
          severity = static_cast<model::Severity>(static_cast<int>(severity) - 1);
        }
      }
      std::string list;
      size_t shown = std::min<size_t>(p.advisories.size(), 3);
      for (size_t k = 0; k < shown; ++k) {
        list += (k == 0 ? "" : "; ") + AdvisoryLine(p.advisories[k]);
      }
      if (p.advisories.size() > shown) {
        list += "; and " + std::to_string(p.advisories.size() - shown) + " more";
      }
      std::string fixed;
      for (const model::Advisory& a : p.advisories) {
        if (a.fixed.empty()) {
          fixed.clear();  // one advisory without a fix: no version fixes them all
          break;
        }
        fixed = fixed.empty() || Later(set.ecosystem, a.fixed, fixed) ? a.fixed : fixed;
      }
      std::string advisories = std::to_string(p.advisories.size()) +
                               (p.advisories.size() == 1 ? " known vulnerability" : " known vulnerabilities");
      ctx.RaiseSeverity(severity);
      ctx.Report(*functions.front(), p.loc, "package." + p.name + "@" + p.version,
                 ShippedBy(functions) + " ships " + PackageLabel(p) + " (" + set.path + "), with " +
                     advisories + ": " + list + how,
                 fixed.empty()
                     ? "No released version fixes " +
                           std::string(p.advisories.size() == 1 ? "it" : "all of them") +
                           " yet: read the advisories for a workaround, or replace " + p.name +
                           ", and regenerate the lockfile."
                     : "Upgrade " + p.name + " to " + fixed + " or later" +
                           (p.direct ? "" : " (it comes with another package: upgrade that one, or "
                                            "pin it through npm `overrides`, yarn `resolutions` or "
                                            "a constraints file)") +
                           ", regenerate the lockfile and redeploy.");
    }
  });
}

}  // namespace

extern const RuleDef kRuleDep001;
const RuleDef kRuleDep001 = {
    .title = "Function ships a package with a known vulnerability",
    .severity = model::Severity::kHigh,
    .tier = model::Tier::kRisk,
    .practice = model::Practice::kDependencies,
    .check = &Check,
};

}  // namespace fnwarden::rules
