// Secret detection in configuration values (environment variables today,
// other plain-text settings later).
//
// Two signals, both needed by FNW-CFG-002 and shared with the code rules:
//   - token formats: a value that contains a credential with a recognisable
//     shape (AWS access key IDs, GitHub and Slack tokens, Stripe live keys,
//     Google API keys, JWTs, PEM private keys, credentials inside a URL or a
//     connection string). These are secrets whatever the variable is called.
//   - entropy: a long random-looking value under a name that says it holds a
//     secret (DB_PASSWORD, API_KEY, CLIENT_SECRET...).
// References to a secret store (Secrets Manager and SSM ARNs, dynamic
// references) are not secrets. All functions are pure and thread-safe; the
// compiled patterns are built once on first use.
#ifndef FNWARDEN_ANALYSIS_SECRETS_H_
#define FNWARDEN_ANALYSIS_SECRETS_H_

#include <optional>
#include <string>
#include <string_view>

namespace fnwarden::analysis {

// Why a value looks like a secret. `kind` is a short human label, e.g.
// "an AWS access key ID" or "a high-entropy value"; it never contains the
// secret itself, so it is safe to put in a finding.
struct SecretMatch {
  std::string kind;
  bool by_format = false;  // a token format matched (false: entropy under a secret-like name)
};

// Shannon entropy of the bytes of `s`, in bits per character (0 for "").
double ShannonEntropy(std::string_view s);

// True when a variable or key name says it holds a secret: it contains
// PASSWORD, PASSWD, SECRET, TOKEN, API_KEY, APIKEY, PRIVATE_KEY, CREDENTIAL,
// ACCESS_KEY, AUTH_KEY, SIGNING_KEY, ENCRYPTION_KEY... (case-insensitive,
// `-` and `.` count as `_`), unless its last word names a pointer to the
// secret rather than the secret (`..._ARN`, `..._NAME`, `..._ID`, `..._PATH`,
// `..._PARAM`, `..._PARAMETER`, `..._TTL`, `..._LENGTH`, `..._URL`...).
bool IsSecretLikeName(std::string_view name);

// True when `value` points at a secret store instead of holding a secret: a
// Secrets Manager or SSM ARN, or a `{{resolve:...}}` dynamic reference.
bool IsSecretStoreReference(std::string_view value);

// The first token format found in `value` (AWS documentation placeholders
// such as AKIAIOSFODNN7EXAMPLE excluded); nullopt when none.
std::optional<SecretMatch> FindTokenFormat(std::string_view value);

// Classifies a name/value pair: a token format anywhere in the value, or a
// high-entropy value under a secret-like name (length >= 20 and entropy
// above 4.0 bits per character; for hexadecimal strings, whose entropy
// cannot exceed 4.0, length >= 32 and entropy above 3.0). nullopt for
// ordinary values and for references to a secret store.
std::optional<SecretMatch> ClassifySecret(std::string_view name, std::string_view value);

}  // namespace fnwarden::analysis

#endif  // FNWARDEN_ANALYSIS_SECRETS_H_
