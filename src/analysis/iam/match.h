// String matching for IAM policies: wildcard patterns, ARNs and policy
// variables.
//
// A *pattern* here is policy text prepared for matching: `*` matches any run
// of characters (also empty), `?` exactly one, and a backslash makes the next
// character literal (so that `${*}`, `${?}` and values substituted from the
// request match only themselves). EscapePattern() prepares literal policy
// text. Matching is case-sensitive; callers lower-case both sides where IAM
// ignores case (actions).
#ifndef FNWARDEN_ANALYSIS_IAM_MATCH_H_
#define FNWARDEN_ANALYSIS_IAM_MATCH_H_

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "analysis/iam/context.h"
#include "analysis/iam/tri.h"

namespace fnwarden::analysis::iam {

// Policy text as a pattern: backslashes doubled; `*` and `?` stay wildcards.
std::string EscapePattern(std::string_view text);
// True when `text` has an unescaped `*` or `?`.
bool HasWildcard(std::string_view pattern);
bool GlobMatch(std::string_view pattern, std::string_view text);

// The six parts of an ARN: arn:partition:service:region:account:resource
// (the resource part keeps any further colons and slashes).
struct ArnParts {
  std::array<std::string_view, 6> part;
  bool valid = false;  // "arn" followed by at least five colons
};
ArnParts SplitArn(std::string_view arn);

// IAM's ARN matching: "*" matches everything; otherwise pattern and ARN are
// compared part by part, so a wildcard never spans a colon before the
// resource part ("arn:aws:lambda:*:*:function:f" never matches
// "...:function:f:1", while "...:function:f:*" matches only qualified ARNs).
// An ARN never matches a pattern that is not one (and the reverse); two
// non-ARNs ("*" as the resource of a wildcard-only action) compare as wholes.
bool ArnMatch(std::string_view pattern, const ArnParts& pattern_parts, std::string_view text,
              const ArnParts& text_parts);
bool ArnMatch(std::string_view pattern, std::string_view text);

// ------------------------------------------------------------- ARN shapes
//
// A *shape* is a set of strings written as literal text in which two
// placeholder bytes stand for a run of characters: kAnyText for any text
// ('/' included), kAnySegment for text without '/'.
inline constexpr char kAnyText = '\x01';
inline constexpr char kAnySegment = '\x02';

// True when some string matches both `pattern` (policy text, whose `*` and
// `?` are wildcards) and `shape`. ArnShapeOverlaps compares ARNs part by part,
// as ArnMatch does (a pattern or a shape that is not an ARN overlaps any ARN
// only when it is "*").
bool ShapeOverlaps(std::string_view pattern, std::string_view shape);
bool ArnShapeOverlaps(std::string_view pattern, std::string_view shape);

// A resource type's ARN format as the service authorization reference writes
// it (catalog.h): "arn:${Partition}:s3:::${BucketName}/${ObjectName}". Each
// ${Placeholder} stands for any value AWS allows there, and so does a "*";
// a few formats list alternatives separated by ", ". A placeholder may take
// a value with '/' in it (secret names, log groups, paths, object keys,
// repository names...) unless PlaceholderHasNoSlash says AWS's naming rules
// forbid it.
//
// True when the policy pattern `pattern` could name a resource of the format
// (or the format is not an ARN, and fnwarden cannot tell).
bool ArnFormatOverlaps(std::string_view pattern, std::string_view format);
// The shapes of a format, one per alternative.
std::vector<std::string> ArnFormatShapes(std::string_view format);
// True for the placeholders whose values AWS's naming rules keep free of '/':
// Partition, Region, Account, BucketName, TableName, IndexName, StreamLabel,
// FunctionName, QueueName, TopicName, StateMachineName, RuleName, KeyId.
bool PlaceholderHasNoSlash(std::string_view name);

// Policy variables: replaces ${key} (and ${key, 'default'}) with the key's
// single value from `keys`, and ${*}, ${?}, ${$} with the literal character.
// With `as_pattern`, literal text keeps its wildcards and substituted values
// are escaped (they match only themselves); otherwise the result is plain text.
// Returns kTrue with `out` set; kFalse when a key is absent (or multi-valued)
// without a default: the entry then matches nothing; kUnknown when a key's
// value is unknown.
Tri Substitute(std::string_view text, const KeySource& keys, bool as_pattern, std::string* out);
bool HasVariable(std::string_view text);
// For ARNs (Resource entries, Arn* condition values): IAM substitutes
// variables only in the resource part, after the fifth colon; the rest stays
// literal text. Text that is not an ARN is substituted whole.
Tri SubstituteArn(std::string_view text, const KeySource& keys, bool as_pattern, std::string* out);
bool HasArnVariable(std::string_view text);

}  // namespace fnwarden::analysis::iam

#endif  // FNWARDEN_ANALYSIS_IAM_MATCH_H_
