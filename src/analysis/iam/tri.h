// Three-valued logic for static policy evaluation: a match is true, false or
// unknown (it depends on a value fnwarden cannot know). AND and OR follow
// Kleene's rules, so "unknown" never turns into a silent true or false.
#ifndef FNWARDEN_ANALYSIS_IAM_TRI_H_
#define FNWARDEN_ANALYSIS_IAM_TRI_H_

#include <cstdint>

namespace fnwarden::analysis::iam {

enum class Tri : uint8_t { kFalse, kTrue, kUnknown };

constexpr Tri ToTri(bool b) { return b ? Tri::kTrue : Tri::kFalse; }
constexpr Tri Not(Tri a) {
  return a == Tri::kUnknown ? a : (a == Tri::kTrue ? Tri::kFalse : Tri::kTrue);
}
constexpr Tri And(Tri a, Tri b) {
  if (a == Tri::kFalse || b == Tri::kFalse) return Tri::kFalse;
  if (a == Tri::kTrue && b == Tri::kTrue) return Tri::kTrue;
  return Tri::kUnknown;
}
constexpr Tri Or(Tri a, Tri b) {
  if (a == Tri::kTrue || b == Tri::kTrue) return Tri::kTrue;
  if (a == Tri::kFalse && b == Tri::kFalse) return Tri::kFalse;
  return Tri::kUnknown;
}

}  // namespace fnwarden::analysis::iam

#endif  // FNWARDEN_ANALYSIS_IAM_TRI_H_
