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
