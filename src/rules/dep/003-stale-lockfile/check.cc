// FNW-DEP-003: a lockfile is out of date with the manifest beside it.
#include <optional>
#include <unordered_map>
#include <string>

#include "analysis/deps/version.h"
#include "rules/package_findings.h"

namespace fnwarden::rules {
namespace {

// Whether `version` meets `requirement`; nullopt when either cannot be
// judged (a git URL, a Poetry caret, a tag).
std::optional<bool> Meets(model::Ecosystem e, const std::string& version,
                          const std::string& requirement) {
  if (requirement.empty() || requirement == "*") return true;
  if (e == model::Ecosystem::kNpm) return analysis::deps::SatisfiesNpmRange(version, requirement);
  if (e == model::Ecosystem::kPyPI) return analysis::deps::SatisfiesPep440(version, requirement);
  return std::nullopt;
}

void Check(Context& ctx) {
  ForEachShippedSet(ctx, [&](const model::PackageSet& set,
                             const std::vector<const model::Function*>& functions) {
    if (!set.locked || set.declared.empty() || set.ecosystem == model::Ecosystem::kGo) return;
    // The packages by the names a manifest may declare them under: their
    // own, and an npm alias's folder name.
    std::unordered_multimap<std::string, const model::Package*> by_name;
    for (const model::Package& p : set.packages) {
      by_name.emplace(analysis::deps::NormalizeName(set.ecosystem, p.name), &p);
      if (!p.installed_as.empty() && p.installed_as != p.name) by_name.emplace(p.installed_as, &p);
    }
    std::vector<std::string> stale;
    util::Loc first;
    for (const model::PackageSet::Declared& d : set.declared) {
      auto [begin, end] = by_name.equal_range(analysis::deps::NormalizeName(set.ecosystem, d.name));
      bool listed = false;
      std::optional<bool> met = false;
      for (auto it = begin; it != end; ++it) {
        const model::Package& p = *it->second;
        listed = true;
        if (p.version.empty() || p.source != model::PackageSource::kRegistry) {
          met = std::nullopt;  // not judged: a git or local package
          break;
        }
        std::optional<bool> m = Meets(set.ecosystem, p.version, d.requirement);
        if (!m) {
          met = std::nullopt;
          break;
        }
        if (*m) {
          met = true;
          break;
        }
      }
      if (listed && met != std::optional<bool>(false)) continue;
      if (stale.empty()) first = d.loc;
      stale.push_back(listed ? d.name + " " + d.requirement + " (locked outside it)"
                             : d.name + " " + d.requirement + " (not in the lockfile)");
    }
    if (stale.empty()) return;
    std::string list;
    for (size_t i = 0; i < stale.size() && i < 3; ++i) list += (i == 0 ? "" : ", ") + stale[i];
    if (stale.size() > 3) list += " and " + std::to_string(stale.size() - 3) + " more";
    ctx.Report(*functions.front(), first, "lockfile." + set.path,
               set.path + " is out of date with " + set.manifest_path + ", which " +
                   ShippedBy(functions) + " builds from: " + list +
                   "; a build that installs from the manifest ships versions nobody checked, one "
                   "that installs from the lockfile fails or ships the old ones",
               "Regenerate the lockfile from the manifest (`npm install`, `yarn install`, `pnpm "
               "install`, `poetry lock`, `uv lock`, `pipenv lock`), review the changes, and "
               "commit both files together.");
  });
}

}  // namespace

extern const RuleDef kRuleDep003;
const RuleDef kRuleDep003 = {
    .title = "Lockfile out of date with its manifest",
    .severity = model::Severity::kLow,
    .tier = model::Tier::kHardening,
    .practice = model::Practice::kDependencies,
    .check = &Check,
};

}  // namespace fnwarden::rules
