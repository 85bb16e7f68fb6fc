// Value<T>: a model field together with where it came from and whether it is
// known.
//
// Rules compare values through the helpers below. Every comparison on a value
// that is absent or unknown is false, so a rule cannot flag what fnwarden
// cannot know; a rule that wants "unknown" must ask `unknown()` explicitly.
#ifndef FNWARDEN_MODEL_VALUE_H_
#define FNWARDEN_MODEL_VALUE_H_

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "util/lazy_vector.h"
#include "util/source.h"

namespace fnwarden::model {

enum class ValueState : uint8_t {
  kAbsent,    // not written in the source and no default applies
  kLiteral,   // written as a literal in the source (or the service default, see `defaulted`)
  kResolved,  // computed from references, parameters, mappings, conditions: see `trail`
  kUnknown,   // depends on something fnwarden cannot know (a parameter without a
              // default, an import, a runtime attribute); see `alternatives`
};

// Where a resolved string came from, as far as it matters to rules. The
// names are the concepts; the comments say what sets them in each framework.
enum ValueFlag : uint8_t {
  // A secret input: a CloudFormation parameter with NoEcho: true (later a
  // Terraform variable marked sensitive). Rules never print its value.
  kFromNoEchoParameter = 1 << 0,
  // Read at deployment from a parameter or secret store, so the text is a
  // reference and not the value: {{resolve:ssm|ssm-secure|secretsmanager:...}}.
  kDynamicReference = 1 << 1,
  kFromParameter = 1 << 2,  // depends on an input of the unit (a parameter's default or --param)
  kDefaulted = 1 << 3,      // not in the source: the service's documented default
  // Depends on the account the unit is deployed to (AWS::AccountId,
  // ${aws:accountId}), or is that account's ID given with --param.
  kFromOwnAccount = 1 << 4,
};

// What a reference to a resource asks for, in neutral terms. Frontends map
// their own spelling onto these (CloudFormation's `!GetAtt Q.QueueUrl` is
// kUrl, its `!Ref` kRef); `Resource::ref_attribute` says what kRef is for a
// given resource.
enum class Attribute : uint8_t {
  kRef,        // what a plain reference to the resource yields (see Resource::ref_attribute)
  kArn,
  kName,
  kId,         // a generated identifier (a KMS key ID, an API ID)
  kUrl,        // a queue's URL
  kStreamArn,  // a table's stream
};

const char* AttributeName(Attribute a);  // "ref", "arn", "name", "id", "url", "stream_arn"

// One piece of a string that is unknown because the deployment decides part
// of it: the ARN of a bucket the unit creates, a name built from the
// account ID. A Value's `pieces`, in order, are what it is made of; the IAM
// engine substitutes the deployment it assumes for the non-text pieces.
struct Piece {
  enum class Kind : uint8_t {
    kText,       // `text` as written
    kResource,   // `attribute` of the resource whose id is `text`
    kAccount,    // the account, region, partition and URL suffix deployed to
    kRegion,
    kPartition,
    kUrlSuffix,
    kGenerated,  // a part AWS generates (a secret's random suffix); `text` is a sample of its form
    kOpaque,     // anything else fnwarden cannot know; `text` is its display form
  };
  Kind kind = Kind::kText;
  Attribute attribute = Attribute::kRef;  // kResource only
  std::string text;

  static Piece Text(std::string s) { return {Kind::kText, Attribute::kRef, std::move(s)}; }
  static Piece Of(std::string id, Attribute a) { return {Kind::kResource, a, std::move(id)}; }
  static Piece Deployment(Kind k) { return {k, Attribute::kRef, {}}; }
  bool operator==(const Piece&) const = default;
};

// Appends `p` to `pieces`, joining adjacent text.
void AppendPiece(std::vector<Piece>* pieces, Piece p);
inline void AppendPiece(util::LazyVector<Piece>* pieces, Piece p) {
  AppendPiece(&pieces->mut(), std::move(p));
}
// A display form of `pieces`: "arn:${partition}:s3:::${UploadsBucket.name}/*".
std::string DisplayPieces(const std::vector<Piece>& pieces);

template <class T>
struct Value {
  ValueState state = ValueState::kAbsent;
  uint8_t flags = 0;  // ValueFlag bits
  T value{};
  util::Loc loc;                    // the node the value was read from (its key if absent)
  // The lists below are empty for nearly every value, and cost a pointer
  // each while they are (util::LazyVector).
  // Resolution steps, e.g. "!Ref Stage", "parameter default \"prod\"".
  util::LazyVector<std::string> trail;
  util::LazyVector<std::string> refs;  // logical IDs this value refers to (Ref, GetAtt, Sub)
  // Unknown strings built from references and deployment facts: what they
  // are made of (see Piece). Empty otherwise, and for an unknown whose
  // parts fnwarden cannot name at all (an import from another stack).
  util::LazyVector<Piece> pieces;
  util::LazyVector<T> alternatives;  // when unknown only because a condition could not be
                                     // decided: every value it may take (all known)

  bool known() const { return state == ValueState::kLiteral || state == ValueState::kResolved; }
  bool absent() const { return state == ValueState::kAbsent; }
  bool unknown() const { return state == ValueState::kUnknown; }
  bool has(ValueFlag f) const { return (flags & f) != 0; }

  // True only when the value is known and equal to `x`.
  bool Is(const T& x) const { return known() && value == x; }
  // True when `pred` holds for every value this may take: the known value,
  // or every alternative of an undecided condition. False when unknown
  // otherwise or absent.
  bool Always(const std::function<bool(const T&)>& pred) const {
    if (known()) return pred(value);
    if (unknown() && !alternatives.empty()) {
      for (const T& alt : alternatives) {
        if (!pred(alt)) return false;
      }
      return true;
    }
    return false;
  }

  static Value Literal(T v, util::Loc at) {
    Value out;
    out.state = ValueState::kLiteral;
    out.value = std::move(v);
    out.loc = at;
    return out;
  }
  static Value Default(T v, util::Loc at) {
    Value out = Literal(std::move(v), at);
    out.flags |= kDefaulted;
    return out;
  }
  static Value Unknown(util::Loc at) {
    Value out;
    out.state = ValueState::kUnknown;
    out.loc = at;
    return out;
  }
  // A value of another type that keeps this one's state, position and trail.
  template <class U>
  Value<U> With(U v) const {
    Value<U> out;
    out.state = state;
    out.value = std::move(v);
    out.loc = loc;
    out.trail = trail;
    out.refs = refs;
    out.pieces = pieces;
    out.flags = flags;
    return out;
  }
};

using String = Value<std::string>;
using Int = Value<int64_t>;
using Bool = Value<bool>;

}  // namespace fnwarden::model

#endif  // FNWARDEN_MODEL_VALUE_H_
