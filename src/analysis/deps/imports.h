// Whether a function's handler code imports a package it ships: the
// vulnerable packages a handler loads come first in reports.
#ifndef FNWARDEN_ANALYSIS_DEPS_IMPORTS_H_
#define FNWARDEN_ANALYSIS_DEPS_IMPORTS_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "model/model.h"

namespace fnwarden::analysis::deps {

// The top-level modules a package is imported as: its name for npm
// ("lodash", "@aws-sdk/client-s3") and Go (the module path); for PyPI the
// import names of the distributions whose names differ from them
// ("PyYAML" → "yaml", "beautifulsoup4" → "bs4", "python-jose" → "jose"),
// else the PEP 503 name with '-' read as '_' ("aws-xray-sdk" →
// "aws_xray_sdk").
std::vector<std::string> ImportNames(model::Ecosystem ecosystem, std::string_view package);

// How a set's packages are used by the functions that ship it.
class PackageUse {
 public:
  // `functions`: the functions of the model that ship `set`.
  PackageUse(const model::PackageSet& set, const std::vector<const model::Function*>& functions);

  // The handler code of one of the functions imports package `i`.
  bool Imported(uint32_t i) const { return imported_[i]; }
  // Package `i` is not imported, but an imported package requires it,
  // directly or not: the name of the nearest such package; "" else.
  const std::string& PulledInBy(uint32_t i) const { return pulled_by_[i]; }
  // Whether "not imported" can be trusted: every function's code was read
  // in full (no dynamic import, nothing unreadable).
  bool Known() const { return known_; }

 private:
  std::vector<bool> imported_;
  std::vector<std::string> pulled_by_;
  bool known_ = true;
};

}  // namespace fnwarden::analysis::deps

#endif  // FNWARDEN_ANALYSIS_DEPS_IMPORTS_H_
