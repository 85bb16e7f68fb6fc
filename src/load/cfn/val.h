// Val: a CloudFormation value after intrinsic functions are evaluated.
//
// The evaluator turns every syntax node of a template into a Val: literals
// stay literals, `!Ref Param` becomes the parameter's value with a trail,
// `!GetAtt Fn.Arn` becomes an unknown string that still names `Fn` in
// `refs`, an undecidable `!If` becomes unknown with both branches in
// `alternatives`. Adapters turn Vals into model fields with the To* helpers,
// so the model never sees intrinsic syntax.
#ifndef FNWARDEN_LOAD_CFN_VAL_H_
#define FNWARDEN_LOAD_CFN_VAL_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "model/model.h"
#include "model/value.h"
#include "util/source.h"

namespace fnwarden::load::cfn {

struct Val {
  // Declared here, defaulted below the class: `fields` holds pairs of the
  // still incomplete Val, which clang rejects in implicitly defined members.
  // Inline, because Vals are moved and destroyed by the ten thousand: the
  // compiler then sees that a moved-from Val has nothing left to free.
  Val();
  ~Val();
  Val(const Val&);
  Val(Val&&) noexcept;
  Val& operator=(const Val&);
  Val& operator=(Val&&) noexcept;

  enum class Kind : uint8_t {
    kNull, kBool, kNumber, kString, kList, kMap,
    kNoValue,   // AWS::NoValue: the property is removed
    kUnknown,   // not knowable statically; `text` may hold a display form
  };
  Kind kind = Kind::kNull;
  model::ValueState state = model::ValueState::kLiteral;  // kLiteral, kResolved or kUnknown
  std::string text;   // scalars: the text ("true", "30", "python3.12"); unknown: a display
                      // form such as "arn:${AWS::Partition}:s3:::${Bucket}/*"
  bool flag = false;  // kBool value
  std::vector<Val> items;                           // kList
  std::vector<std::pair<std::string, Val>> fields;  // kMap, in source order
  std::vector<util::Loc> key_locs;                  // kMap: position of each field's key
  util::Loc loc;
  std::vector<std::string> trail;
  std::vector<std::string> refs;    // logical IDs referenced (Ref, GetAtt, Sub, DependsOn excluded)
  std::vector<Val> alternatives;    // unknown because a condition is undecided: possible values
  uint8_t flags = 0;                // model::ValueFlag bits

  bool is_map() const { return kind == Kind::kMap; }
  bool is_list() const { return kind == Kind::kList; }
  bool is_string() const { return kind == Kind::kString; }
  bool is_unknown() const { return kind == Kind::kUnknown; }
  bool is_novalue() const { return kind == Kind::kNoValue; }
  bool known_scalar() const {
    return kind == Kind::kString || kind == Kind::kNumber || kind == Kind::kBool;
  }

  // Field of a map, nullptr when absent, not a map, or AWS::NoValue.
  const Val* Get(std::string_view key) const;
  // Position of a field's key (for findings about an absent value, point at
  // the parent); the map's own loc when absent.
  util::Loc KeyLoc(std::string_view key) const;
};

inline Val::Val() = default;
inline Val::~Val() = default;
inline Val::Val(const Val&) = default;
inline Val::Val(Val&&) noexcept = default;
inline Val& Val::operator=(const Val&) = default;
inline Val& Val::operator=(Val&&) noexcept = default;

// Conversions into model values. A missing or AWS::NoValue `v` gives an
// absent value located at `fallback`. Strings accept numbers and booleans as
// their text (CloudFormation does); ToInt and ToBool accept numeric and
// "true"/"false" strings. A value of the wrong shape is unknown.
model::String ToString(const Val* v, util::Loc fallback = {});
model::Int ToInt(const Val* v, util::Loc fallback = {});
model::Bool ToBool(const Val* v, util::Loc fallback = {});
model::Value<double> ToDouble(const Val* v, util::Loc fallback = {});
// A string or a list of strings (IAM's "string or array" fields).
std::vector<model::String> ToStringList(const Val* v);

// An IAM policy document (identity, resource-based or trust) in any valid
// shape: Statement as a map or a list, Action/Resource/Principal as string or
// list, NotAction/NotResource/NotPrincipal, Condition blocks.
model::PolicyDocument ToPolicyDocument(const Val* v, model::PolicySource source,
                                       std::string name, util::Loc loc);

}  // namespace fnwarden::load::cfn

#endif  // FNWARDEN_LOAD_CFN_VAL_H_
