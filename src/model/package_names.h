// Package names as their registries compare them.
#ifndef FNWARDEN_MODEL_PACKAGE_NAMES_H_
#define FNWARDEN_MODEL_PACKAGE_NAMES_H_

#include <string>
#include <string_view>

namespace fnwarden::model {

// PEP 503's normalised name of a Python distribution: lowercase, each run
// of '-', '_' and '.' one '-' (`PyYAML` → `pyyaml`, `zope.interface` →
// `zope-interface`, `Foo__Bar` → `foo-bar`). Lockfiles, manifests,
// installed metadata and advisories spell one distribution differently;
// this is the name they are joined on.
std::string PypiName(std::string_view name);

}  // namespace fnwarden::model

#endif  // FNWARDEN_MODEL_PACKAGE_NAMES_H_
