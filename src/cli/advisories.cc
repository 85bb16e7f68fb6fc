#include "cli/advisories.h"

#include <algorithm>

#include "analysis/deps/imports.h"
#include "analysis/deps/osv.h"
#include "cli/osv_cache.h"

namespace fnwarden::cli {

bool MatchAdvisories(const util::FileSystem& fs, const AdvisoryOptions& options,
                     std::vector<model::Model>* models, util::SourceSet* sources,
                     util::DiagnosticSink* diags, AdvisoryResult* result, std::string* err) {
  size_t shipped = 0;
  for (const model::Model& m : *models) {
    for (const model::PackageSet& set : m.package_sets) {
      shipped += set.packages.size();
      for (const model::Package& p : set.packages) result->packages += !p.version.empty();
    }
  }
  std::string dir = options.osv_db;
  if (dir.empty()) {
    dir = DefaultOsvCacheDir(CacheEnvFromProcess());
    DbStatus status = ReadOsvDbStatus(dir, options.now_unix);
    std::string warning = OsvDbWarning(dir, status);
    // Without a database, say so only when there was something to check.
    if (!warning.empty() && (status.present || shipped > 0)) {
      diags->Add({util::DiagLevel::kWarning, {}, "fnwarden",
                  warning + (status.present ? "" : ": the packages the functions ship are "
                                                   "not checked for known vulnerabilities")});
    }
    if (!status.present) return true;
  } else {
    uint64_t size = 0;
    if (fs.Stat(dir, &size) == util::EntryKind::kMissing) {
      *err = "--osv-db " + dir + ": no such file or folder";
      return false;
    }
    DbStatus status = ReadOsvDbStatus(dir, options.now_unix);
    if (status.present) {
      std::string warning = OsvDbWarning(dir, status);
      if (!warning.empty()) diags->Add({util::DiagLevel::kWarning, {}, "fnwarden", warning});
    }
  }
  analysis::deps::AdvisoryDb db(sources);
  if (!db.Load(fs, dir, diags)) {
    *err = "--osv-db " + dir + ": no OSV advisory could be read there";
    return false;
  }
  db.Finish();
  result->db = dir;
  result->advisories = db.size();
  for (model::Model& m : *models) {
    for (model::PackageSet& set : m.package_sets) {
      analysis::deps::MatchPackages(db, &set);
      for (const model::Package& p : set.packages) result->vulnerable += !p.advisories.empty();
    }
  }
  return true;
}

report::SbomInput SbomOf(const std::vector<model::Model>& models, const std::string& name,
                         std::string_view tool_version) {
  report::SbomInput in;
  in.tool_version = std::string(tool_version);
  in.name = name;
  for (const model::Model& m : models) {
    for (const model::Function& fn : m.functions) {
      if (fn.package_sets.empty()) continue;
      report::SbomFunction out;
      out.project = m.root;
      out.id = fn.id;
      if (fn.function_name.known()) out.name = fn.function_name.value;
      if (fn.runtime.known()) out.runtime = fn.runtime.value;
      for (uint32_t i : fn.package_sets) {
        if (i >= m.package_sets.size()) continue;
        const model::PackageSet& set = m.package_sets[i];
        out.sets.push_back(&set);
        analysis::deps::PackageUse use(set, {&fn});
        for (uint32_t k = 0; k < set.packages.size(); ++k) {
          const model::Package& p = set.packages[k];
          if (!use.Imported(k)) continue;
          out.imported.push_back(p.installed_as.empty() ? p.name : p.installed_as);
        }
      }
      std::sort(out.imported.begin(), out.imported.end());
      out.imported.erase(std::unique(out.imported.begin(), out.imported.end()),
                         out.imported.end());
      in.functions.push_back(std::move(out));
    }
  }
  return in;
}

}  // namespace fnwarden::cli
