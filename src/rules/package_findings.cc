#include "rules/package_findings.h"

#include "model/names.h"

namespace fnwarden::rules {

void ForEachShippedSet(
    const Context& ctx,
    const std::function<void(const model::PackageSet&,
                             const std::vector<const model::Function*>&)>& fn) {
  const model::Model& m = ctx.model;
  std::vector<std::vector<const model::Function*>> shippers(m.package_sets.size());
  for (const model::Function& f : m.functions) {
    for (uint32_t i : f.package_sets) {
      if (i < shippers.size()) shippers[i].push_back(&f);
    }
  }
  for (size_t i = 0; i < m.package_sets.size(); ++i) {
    if (!shippers[i].empty()) fn(m.package_sets[i], shippers[i]);
  }
}

std::string ShippedBy(const std::vector<const model::Function*>& functions) {
  if (functions.empty()) return "no function";
  if (functions.size() == 1) return "function " + model::ShownName(*functions[0]);
  std::string out = "functions " + model::ShownName(*functions[0]);
  if (functions.size() == 2) return out + " and " + model::ShownName(*functions[1]);
  if (functions.size() == 3) {
    return out + ", " + model::ShownName(*functions[1]) + " and " +
           model::ShownName(*functions[2]);
  }
  return out + ", " + model::ShownName(*functions[1]) + " and " +
         std::to_string(functions.size() - 2) + " others";
}

std::string PackageLabel(const model::Package& p) {
  std::string name = p.installed_as.empty() || p.installed_as == p.name
                         ? p.name
                         : p.installed_as + " (npm:" + p.name;
  std::string out = name;
  if (!p.version.empty()) out += " " + p.version;
  if (!p.installed_as.empty() && p.installed_as != p.name) out += ")";
  return out;
}

}  // namespace fnwarden::rules
