// Plain-scalar resolution shared by the YAML and JSON parsers and Node::Type.
#ifndef FNWARDEN_LOAD_SYNTAX_SCALAR_H_
#define FNWARDEN_LOAD_SYNTAX_SCALAR_H_

#include <string_view>

#include "load/syntax/node.h"

namespace fnwarden::load::syntax {

// The type of an untagged plain scalar (see Node::Type for the rules).
ScalarType ResolvePlainScalar(std::string_view text);

// Whether a plain scalar spells null: "", "~", "null", "Null", "NULL".
inline bool IsNullText(std::string_view text) {
  return text.empty() || text == "~" || text == "null" || text == "Null" || text == "NULL";
}

}  // namespace fnwarden::load::syntax

#endif  // FNWARDEN_LOAD_SYNTAX_SCALAR_H_
