// Condition blocks: operators, typed values, and their evaluation against a
// request's keys.
//
// Every documented operator family is supported: String*, Numeric*, Date*,
// Bool, BinaryEquals, IpAddress/NotIpAddress (IPv4 and IPv6 CIDR), Arn*,
// Null, each with ...IfExists and the ForAnyValue:/ForAllValues: set
// prefixes. Semantics follow AWS's documentation:
//  - a key absent from the request makes a positive operator false and a
//    negated one (StringNotEquals, ArnNotLike, NotIpAddress...) true;
//  - ...IfExists is true when the key is absent;
//  - ForAllValues is true for an absent key or an empty set, ForAnyValue
//    false; otherwise every (any) request value must match one policy value;
//  - Null:true holds when the key is absent (or an empty set), Null:false when
//    present.
// Whatever depends on an unknown value (in the policy or the request) is
// Tri::kUnknown.
#ifndef FNWARDEN_ANALYSIS_IAM_CONDITION_H_
#define FNWARDEN_ANALYSIS_IAM_CONDITION_H_

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "analysis/iam/context.h"
#include "analysis/iam/tri.h"
#include "model/model.h"

namespace fnwarden::analysis::iam {

enum class ConditionFamily : uint8_t {
  kString, kStringIgnoreCase, kStringLike, kNumeric, kDate, kBool, kBinary, kIpAddress, kArn,
  kNull,
};
enum class Comparison : uint8_t { kEquals, kLess, kLessEquals, kGreater, kGreaterEquals };
enum class SetOperator : uint8_t { kNone, kForAnyValue, kForAllValues };

struct Operator {
  bool valid = false;
  ConditionFamily family = ConditionFamily::kString;
  Comparison comparison = Comparison::kEquals;
  bool negated = false;    // StringNotEquals, StringNotLike, NotIpAddress, ArnNotLike...
  bool if_exists = false;
  SetOperator set = SetOperator::kNone;
};
// "ForAnyValue:StringNotLikeIfExists" and friends; operator names are
// case-sensitive, as in IAM. `valid` is false for anything else.
Operator ParseOperator(std::string_view op);

// How ${...} in policy text is read: substituted (Version 2012-10-17),
// literal (Version 2008-10-17 or no Version) or unknown (the Version itself
// is an unresolved value).
enum class VariableMode : uint8_t { kSubstitute, kLiteral, kUnknown };

struct IpRange {
  std::array<uint8_t, 16> addr{};  // IPv4 as IPv4-mapped IPv6
  int prefix = 0;                  // in bits of the 128
};
bool ParseIp(std::string_view text, bool allow_prefix, IpRange* out);
bool IpInRange(const IpRange& ip, const IpRange& range);
// ISO 8601 ("2024-01-31", "2024-01-31T12:00:00Z", "...T12:00:00.5+02:00") or
// epoch seconds, as milliseconds since the epoch.
bool ParseDate(std::string_view text, int64_t* millis);
bool ParseNumber(std::string_view text, double* out);

struct ConditionValue {
  bool known = true;
  bool variable = false;  // has ${...} to substitute at evaluation
  bool parsed = false;    // typed families: the text read as the operator's type
  std::string text;       // plain text, or a pattern (see match.h) for Like and Arn families
  double number = 0;      // Numeric
  int64_t millis = 0;     // Date
  IpRange ip;             // IpAddress
};

struct CompiledCondition {
  Operator op;
  std::string key;  // lower-cased; empty when the block was unresolved
  std::vector<ConditionValue> values;
  util::Loc loc;
};

CompiledCondition CompileCondition(const model::Condition& c, VariableMode vars);

Tri EvaluateCondition(const CompiledCondition& c, const KeySource& keys, VariableMode vars);

}  // namespace fnwarden::analysis::iam

#endif  // FNWARDEN_ANALYSIS_IAM_CONDITION_H_
