// FNW-DEP-002: a function's dependencies are not pinned to exact versions.
#include <string>

#include "rules/package_findings.h"

namespace fnwarden::rules {
namespace {

void Check(Context& ctx) {
  ForEachShippedSet(ctx, [&](const model::PackageSet& set,
                             const std::vector<const model::Function*>& functions) {
    if (set.locked) return;
    if (set.ecosystem == model::Ecosystem::kNpm) {
      // A package.json without a lockfile: one finding for the file, at its
      // first shipped dependency.
      for (const model::Package& p : set.packages) {
        if (p.dev) continue;
        ctx.Report(*functions.front(), p.loc, "lockfile." + set.path,
                   ShippedBy(functions) + " installs the dependencies of " + set.path +
                       " without a lockfile: each build resolves `" + p.name + "@" +
                       (p.requirement.empty() ? "*" : p.requirement) +
                       "` and the rest again, so what is deployed is not what was reviewed "
                       "or checked for vulnerabilities",
                   "Commit the lockfile: run `npm install --package-lock-only` (or `yarn "
                   "install`, `pnpm install`) next to " +
                       set.path + ", commit package-lock.json, and install with `npm ci` in "
                       "the build.");
        return;
      }
      return;
    }
    for (const model::Package& p : set.packages) {
      if (p.dev || !p.version.empty() || p.source != model::PackageSource::kRegistry) continue;
      std::string asked = p.requirement.empty() ? "any version" : "`" + p.requirement + "`";
      ctx.Report(*functions.front(), p.loc, "requirement." + p.name,
                 set.path + " asks for " + p.name + " at " + asked + " without pinning it, for " +
                     ShippedBy(functions) + ": each build may install another version, a "
                     "vulnerable one included, and fnwarden cannot check which",
                 "Pin every requirement to the version you tested (`" + p.name +
                     "==X.Y.Z`), with hashes if you can: generate the file with `pip-compile "
                     "--generate-hashes` (pip-tools) or `uv pip compile`, or use a lockfile "
                     "(poetry.lock, uv.lock, Pipfile.lock).");
    }
  });
}

}  // namespace

extern const RuleDef kRuleDep002;
const RuleDef kRuleDep002 = {
    .title = "Dependencies not pinned to exact versions",
    .severity = model::Severity::kLow,
    .tier = model::Tier::kHardening,
    .practice = model::Practice::kDependencies,
    .check = &Check,
};

}  // namespace fnwarden::rules
