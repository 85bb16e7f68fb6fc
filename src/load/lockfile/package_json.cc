// ReadPackageJson: what a package.json declares directly.
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "load/lockfile/lockfile.h"
#include "load/lockfile/npm_internal.h"
#include "load/syntax/node.h"

namespace fnwarden::load::lockfile {

bool ReadPackageJson(const util::SourceFile& file, util::DiagnosticSink* diags,
                     std::vector<model::PackageSet::Declared>* out) {
  npm::Reporter report(diags);
  std::unique_ptr<syntax::Document> doc = syntax::ParseJson(&file, syntax::ParseLimits{}, diags);
  if (doc == nullptr) return false;
  const syntax::Node* root = doc->root();
  if (root == nullptr || !root->is_map()) {
    report.Error(root ? root->loc : util::Loc{&file, 1, 1}, "package.json must be a JSON object");
    return false;
  }
  // peerDependencies are the host's to install, not this package's.
  struct Field {
    std::string_view name;
    bool dev;
  };
  constexpr Field kFields[] = {
      {"dependencies", false}, {"devDependencies", true}, {"optionalDependencies", false}};
  for (const Field& field : kFields) {
    const syntax::Node* deps = root->Get(field.name);
    if (deps == nullptr || deps->is_null()) continue;
    if (!deps->is_map()) {
      report.Error(deps->loc, std::string(field.name) + " must be an object of requirements");
      continue;
    }
    for (const syntax::MapEntry& e : deps->entries) {
      if (e.key->scalar.empty()) {
        report.Warning(e.key->loc, "a dependency without a name; ignored");
        continue;
      }
      if (!e.value->is_scalar() || e.value->style != syntax::ScalarStyle::kQuoted) {
        report.Warning(e.value->loc, "the requirement of " + npm::Quoted(e.key->scalar) +
                                         " must be a string; ignored");
        continue;
      }
      model::PackageSet::Declared d;
      d.name = e.key->scalar;
      d.requirement = e.value->scalar;
      d.dev = field.dev;
      d.loc = e.key->loc;
      out->push_back(std::move(d));
    }
  }
  return true;
}

}  // namespace fnwarden::load::lockfile
