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

#include "util/source.h"

namespace fnwarden::model {

enum class ValueState : uint8_t {
  kAbsent,    // not written in the source and no default applies
  kLiteral,   // written as a literal in the source (or the service default, see `defaulted`)
  kResolved,  // computed from references, parameters, mappings, conditions: see `trail`
  kUnknown,   // depends on something fnwarden cannot know (a parameter without a
              // default, an import, a runtime attribute); see `alternatives`
};

// Where a resolved string came from, as far as it matters to rules.
enum ValueFlag : uint8_t {
  kFromNoEchoParameter = 1 << 0,  // a Ref to a parameter with NoEcho: true
  kDynamicReference = 1 << 1,     // contains {{resolve:ssm|ssm-secure|secretsmanager:...}}
  kFromParameter = 1 << 2,        // depends on a template parameter (default or --param)
  kDefaulted = 1 << 3,            // not in the source: the service's documented default
};

template <class T>
struct Value {
  ValueState state = ValueState::kAbsent;
  T value{};
  util::Loc loc;                    // the node the value was read from (its key if absent)
  std::vector<std::string> trail;   // resolution steps, e.g. "!Ref Stage", "parameter default \"prod\""
  std::vector<std::string> refs;    // logical IDs this value refers to (Ref, GetAtt, Sub)
  std::vector<T> alternatives;      // when unknown only because a condition could not be
                                    // decided: every value it may take (all known)
  uint8_t flags = 0;

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
    out.flags = flags;
    return out;
  }
};

using String = Value<std::string>;
using Int = Value<int64_t>;
using Bool = Value<bool>;

}  // namespace fnwarden::model

#endif  // FNWARDEN_MODEL_VALUE_H_
