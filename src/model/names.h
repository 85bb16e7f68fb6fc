// The names messages call resources by.
#ifndef FNWARDEN_MODEL_NAMES_H_
#define FNWARDEN_MODEL_NAMES_H_

#include <string>
#include <string_view>

#include "model/model.h"

namespace fnwarden::model {

// The name its author wrote when a framework derived the logical ID from it
// (the Serverless function `api` of `ApiLambdaFunction`), else the logical
// ID. Messages use it; resource IDs, attributes and fingerprints keep `id`.
inline const std::string& ShownName(const Resource& r) {
  return r.source_name.empty() ? r.id : r.source_name;
}

// The same for a function of `m` given by logical ID; the ID when `m` has
// no such function.
inline std::string ShownFunctionName(const Model& m, std::string_view id) {
  const Function* f = m.FindFunction(id);
  return f != nullptr ? ShownName(*f) : std::string(id);
}

}  // namespace fnwarden::model

#endif  // FNWARDEN_MODEL_NAMES_H_
