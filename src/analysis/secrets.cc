#include "analysis/secrets.h"

#include <re2/re2.h>

#include <array>
#include <cctype>
#include <cmath>
#include <memory>
#include <vector>

#include "util/strings.h"
#include "util/thread_pool.h"

namespace fnwarden::analysis {
namespace {

// A token shape: the regular expression, and the literal text any match
// contains. Most values contain none of it, so the expression (compiled on
// first use: compiling all of them is a tenth of a small scan) rarely runs.
struct TokenSpec {
  std::string_view kind;
  const char* pattern;
  // The pattern captures a password part (group 1) that may be a template
  // placeholder rather than a credential: "${DB_PASSWORD}", "<password>".
  bool captures_password;
  std::array<std::string_view, 5> needles;  // a match contains one of these
  bool needles_ignore_case = false;
};

// Shapes published by the issuers (prefixes and lengths). Every pattern is
// anchored on a distinctive prefix so that ordinary values cannot match.
constexpr std::array<TokenSpec, 13> kSpecs = {{
    {"an AWS access key ID",
     R"(\b((?:AKIA|ASIA|ABIA|ACCA)[0-9A-Z]{16})\b)",
     false,
     {"AKIA", "ASIA", "ABIA", "ACCA"}},
    {"a GitHub token",
     R"(\b(?:ghp|gho|ghu|ghs|ghr)_[A-Za-z0-9]{36}\b)",
     false,
     {"ghp_", "gho_", "ghu_", "ghs_", "ghr_"}},
    {"a GitHub fine-grained token", R"(\bgithub_pat_[A-Za-z0-9_]{22,})", false, {"github_pat_"}},
    {"a GitLab token", R"(\bglpat-[A-Za-z0-9_-]{20,})", false, {"glpat-"}},
    {"a Slack token", R"(\bxox[baprs]-[A-Za-z0-9-]{10,})", false, {"xox"}},
    {"a Slack webhook URL",
     R"(https://hooks\.slack\.com/services/T[A-Za-z0-9_]+/B[A-Za-z0-9_]+/[A-Za-z0-9_]+)",
     false,
     {"hooks.slack.com"}},
    {"a Stripe live key", R"(\b[sr]k_live_[A-Za-z0-9]{16,})", false, {"k_live_"}},
    {"a Google API key", R"(\bAIza[0-9A-Za-z_-]{35})", false, {"AIza"}},
    {"a SendGrid API key", R"(\bSG\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43})", false, {"SG."}},
    {"a private key",
     R"(-----BEGIN (?:RSA |EC |DSA |OPENSSH |ENCRYPTED |PGP )?PRIVATE KEY(?: BLOCK)?-----)",
     false,
     {"PRIVATE KEY"}},
    {"a JSON Web Token",
     R"(\beyJ[A-Za-z0-9_-]{10,}\.eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,})",
     false,
     {"eyJ"}},
    {"credentials in a URL", R"(\b[a-zA-Z][a-zA-Z0-9+.-]*://[^/\s:@]+:([^/\s@]+)@)", true, {"://"}},
    {"a password in a connection string",
     R"((?i)\b(?:password|passwd|pwd)\s*[=:]\s*([^\s;&,'"]{4,}))",
     true,
     {"pass", "pwd"},
     /*needles_ignore_case=*/true},
}};

bool MayMatch(const TokenSpec& spec, std::string_view value) {
  for (std::string_view needle : spec.needles) {
    if (needle.empty()) break;
    if (spec.needles_ignore_case ? util::ContainsIgnoreCase(value, needle)
                                 : value.find(needle) != std::string_view::npos) {
      return true;
    }
  }
  return false;
}

// The compiled expression of kSpecs[i]; compiled once, by the first caller.
const RE2& Compiled(size_t i) {
  static std::array<util::Once, kSpecs.size()> once;
  static std::array<std::unique_ptr<RE2>, kSpecs.size()> compiled;
  once[i].Call([i] {
    RE2::Options options;
    options.set_log_errors(false);
    compiled[i] = std::make_unique<RE2>(kSpecs[i].pattern, options);
  });
  return *compiled[i];
}

// A password part that is a placeholder for the real one: "${DbPassword}",
// "<password>", "{password}", "%s", "****".
bool IsPlaceholder(std::string_view s) {
  if (s.empty()) return true;
  char first = s.front();
  if (first == '$' || first == '<' || first == '{' || first == '%') return true;
  return s.find_first_not_of("*xX.") == std::string_view::npos;
}

// "dbPassword" -> "DB_PASSWORD", "api-key.v2" -> "API_KEY_V2".
std::string NormalizeName(std::string_view name) {
  std::string out;
  out.reserve(name.size() + 4);
  for (size_t i = 0; i < name.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(name[i]);
    if (i > 0 && std::isupper(c) && std::islower(static_cast<unsigned char>(name[i - 1]))) {
      out.push_back('_');
    }
    out.push_back(c == '-' || c == '.' ? '_' : static_cast<char>(std::toupper(c)));
  }
  return out;
}

bool IsHex(std::string_view s) {
  for (char c : s) {
    if (!std::isxdigit(static_cast<unsigned char>(c))) return false;
  }
  return true;
}

// Values that are text, URLs or paths rather than a random token: their
// entropy says nothing about secrecy.
bool LooksStructured(std::string_view v) {
  for (char c : v) {
    if (std::isspace(static_cast<unsigned char>(c))) return true;
  }
  return v.find("://") != std::string_view::npos || v.starts_with("arn:") || v.starts_with("/");
}

}  // namespace

double ShannonEntropy(std::string_view s) {
  if (s.empty()) return 0;
  std::array<size_t, 256> counts{};
  for (char c : s) ++counts[static_cast<unsigned char>(c)];
  double entropy = 0;
  const double n = static_cast<double>(s.size());
  for (size_t count : counts) {
    if (count == 0) continue;
    double p = static_cast<double>(count) / n;
    entropy -= p * std::log2(p);
  }
  return entropy;
}

bool IsSecretLikeName(std::string_view name) {
  static constexpr std::array<std::string_view, 17> kSecretWords = {
      "PASSWORD", "PASSWD",      "PASSPHRASE", "SECRET",         "TOKEN",      "API_KEY",
      "APIKEY",   "PRIVATE_KEY", "PRIVATEKEY", "CREDENTIAL",     "ACCESS_KEY", "ACCESSKEY",
      "AUTH_KEY", "SIGNING_KEY", "MASTER_KEY", "ENCRYPTION_KEY", "CLIENT_KEY",
  };
  // The last word of names that point at a secret instead of holding it.
  static constexpr std::array<std::string_view, 20> kPointerWords = {
      "ARN",    "NAME",   "ID",     "IDS",     "PATH",   "PARAM",    "PARAMETER",
      "TTL",    "LENGTH", "LEN",    "URL",     "URI",    "ENDPOINT", "FILE",
      "HEADER", "TABLE",  "BUCKET", "TIMEOUT", "EXPIRY", "REGION",
  };
  std::string n = NormalizeName(name);
  bool secret = false;
  for (std::string_view w : kSecretWords) {
    if (n.find(w) != std::string::npos) secret = true;
  }
  if (n.ends_with("_PWD")) secret = true;  // DB_PWD; a bare PWD is the working directory
  if (!secret) return false;
  // A name that says which store holds the secret names the secret
  // (SecretsManagerSecretForMQ, SSM_DB_PASSWORD) rather than holding it.
  for (std::string_view store : {"SECRETS_MANAGER", "SECRETSMANAGER", "SSM_", "_SSM"}) {
    if (n.find(store) != std::string::npos) return false;
  }
  size_t last_sep = n.rfind('_');
  std::string_view last = last_sep == std::string::npos ? std::string_view(n)
                                                        : std::string_view(n).substr(last_sep + 1);
  for (std::string_view w : kPointerWords) {
    if (last == w) return false;
  }
  return true;
}

bool IsSecretStoreReference(std::string_view value) {
  if (value.find("{{resolve:") != std::string_view::npos) return true;
  // arn:<partition>:secretsmanager:... / arn:<partition>:ssm:...
  if (!value.starts_with("arn:")) return false;
  std::vector<std::string_view> parts = util::Split(value, ':');
  return parts.size() > 2 && (parts[2] == "secretsmanager" || parts[2] == "ssm");
}

std::optional<SecretMatch> FindTokenFormat(std::string_view value) {
  for (size_t i = 0; i < kSpecs.size(); ++i) {
    const TokenSpec& spec = kSpecs[i];
    if (!MayMatch(spec, value)) continue;
    const RE2& re = Compiled(i);
    if (!re.ok()) continue;
    re2::StringPiece input(value.data(), value.size());
    re2::StringPiece group;
    bool found = re.NumberOfCapturingGroups() >= 1 ? RE2::PartialMatch(input, re, &group)
                                                   : RE2::PartialMatch(input, re);
    if (!found) continue;
    std::string_view captured(group.data(), group.size());
    if (spec.captures_password && IsPlaceholder(captured)) continue;
    // AWS's documentation key AKIAIOSFODNN7EXAMPLE and its relatives.
    if (!spec.captures_password && captured.ends_with("EXAMPLE")) continue;
    return SecretMatch{std::string(spec.kind), true};
  }
  return std::nullopt;
}

std::optional<SecretMatch> ClassifySecret(std::string_view name, std::string_view value) {
  if (IsSecretStoreReference(value)) return std::nullopt;
  if (auto m = FindTokenFormat(value)) return m;
  if (!IsSecretLikeName(name) || LooksStructured(value)) return std::nullopt;
  double entropy = ShannonEntropy(value);
  bool random =
      IsHex(value) ? value.size() >= 32 && entropy > 3.0 : value.size() >= 20 && entropy > 4.0;
  if (!random) return std::nullopt;
  return SecretMatch{"a high-entropy value", false};
}

}  // namespace fnwarden::analysis
