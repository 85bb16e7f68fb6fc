// Small string helpers shared by every layer.
#ifndef FNWARDEN_UTIL_STRINGS_H_
#define FNWARDEN_UTIL_STRINGS_H_

#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace fnwarden::util {

// Hashes a std::string key by its characters, so that an unordered_map with
// std::equal_to<> can be searched with a std::string_view (no allocation).
struct StringViewHash {
  using is_transparent = void;
  size_t operator()(std::string_view s) const { return std::hash<std::string_view>()(s); }
};

// ASCII lower case, as in the "C" locale fnwarden runs in; inline because
// action names and wildcard matches lower-case on hot paths.
inline char AsciiLower(char c) {
  return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}

std::string ToLower(std::string_view s);
bool EqualsIgnoreCase(std::string_view a, std::string_view b);
// True when `text` contains `needle`, ignoring ASCII case.
bool ContainsIgnoreCase(std::string_view text, std::string_view needle);
std::vector<std::string_view> Split(std::string_view s, char sep);
std::string Join(const std::vector<std::string>& parts, std::string_view sep);
// Appends `s` as a JSON string: in double quotes, with `"`, `\\` and
// control characters escaped.
void AppendJsonString(std::string_view s, std::string* out);

// IAM-style wildcard match: `*` matches any run of characters (also empty),
// `?` exactly one. Linear time in practice (greedy with backtracking to the
// last star only).
bool WildcardMatch(std::string_view pattern, std::string_view text, bool ignore_case);

// Glob match on '/'-separated paths: `**` matches any run of characters
// (also '/'), `*` any run without '/', `?` one character other than '/'. A
// pattern ending in '/' matches everything under that folder; a pattern
// without '/' also matches the base name alone. Linear in pattern length
// times path length, whatever the pattern.
bool PathGlobMatch(std::string_view pattern, std::string_view path);

// Levenshtein distance, capped: returns max_distance + 1 when larger.
size_t EditDistance(std::string_view a, std::string_view b, size_t max_distance);
// The candidate closest to `word` within a distance that scales with its
// length (the "did you mean" of a mistyped command or rule ID); empty if none.
// Letter case does not count.
std::string ClosestMatch(std::string_view word, const std::vector<std::string>& candidates);
std::string ClosestMatchOf(std::string_view word, const std::vector<std::string_view>& candidates);

// A stable 64-bit FNV-1a hash, rendered as 16 lowercase hex digits.
std::string StableHash(std::string_view data);

}  // namespace fnwarden::util

#endif  // FNWARDEN_UTIL_STRINGS_H_
