// FNW-API-008: a Cognito user pool whose password policy is weaker than the
// one Cognito applies when the template writes none.
#include <cstdint>
#include <string>
#include <vector>

#include "analysis/policy_query.h"
#include "analysis/store_query.h"
#include "rules/rule.h"

namespace fnwarden::rules {
namespace {

// Cognito's default policy.
constexpr int64_t kDefaultMinimumLength = 8;
constexpr int64_t kDefaultTemporaryDays = 7;

struct Weakness {
  std::string what;  // "a minimum length of 6 (the default is 8)"
  std::string fix;   // "MinimumLength: 8 or more"
  util::Loc at;
};

// A requirement the policy turns off (false, or omitted from a written
// policy).
void CheckRequirement(const model::Bool& required, std::string_view key, std::string_view kind,
                      std::vector<Weakness>* out) {
  if (!required.Always([](bool on) { return !on; })) return;
  std::string what = "no " + std::string(kind) + " required";
  if (required.has(model::kDefaulted)) what += " (" + std::string(key) + " is not set)";
  out->push_back({what, std::string(key) + ": true", analysis::WrittenAt(required)});
}

std::vector<Weakness> Weaknesses(const model::UserPool& pool) {
  std::vector<Weakness> out;
  const model::Int& length = pool.password_minimum_length;
  if (length.Always([](int64_t n) { return n < kDefaultMinimumLength; })) {
    out.push_back({"a minimum length of " + std::to_string(length.value) + " (the default is 8)",
                   "MinimumLength: 8 or more", analysis::WrittenAt(length)});
  }
  CheckRequirement(pool.password_requires_lowercase, "RequireLowercase", "lowercase letter", &out);
  CheckRequirement(pool.password_requires_uppercase, "RequireUppercase", "uppercase letter", &out);
  CheckRequirement(pool.password_requires_numbers, "RequireNumbers", "number", &out);
  CheckRequirement(pool.password_requires_symbols, "RequireSymbols", "symbol", &out);
  const model::Int& days = pool.temporary_password_validity_days;
  if (days.Always([](int64_t n) { return n > kDefaultTemporaryDays; })) {
    out.push_back(
        {"temporary passwords valid for " + std::to_string(days.value) + " days (the default is 7)",
         "TemporaryPasswordValidityDays: 7 or fewer", analysis::WrittenAt(days)});
  }
  return out;
}

void Check(Context& ctx) {
  for (const auto& pool : ctx.model.user_pools) {
    // Without a written policy Cognito applies its default one.
    if (!pool.has_password_policy) continue;
    std::vector<Weakness> weak = Weaknesses(pool);
    if (weak.empty()) continue;
    std::vector<std::string> whats, fixes;
    for (const Weakness& w : weak) {
      whats.push_back(w.what);
      fixes.push_back(w.fix);
    }
    util::Loc at = weak.front().at.known() ? weak.front().at : pool.password_policy_loc;
    ctx.Report(pool, at, "password_policy",
               "user pool " + pool.id + " has a password policy weaker than Cognito's default: " +
                   analysis::JoinNames(whats) +
                   "; its users' passwords are easier to guess, spray and stuff from other "
                   "breaches",
               "In Policies.PasswordPolicy of " + pool.id + ", set " + analysis::JoinNames(fixes) +
                   " (or remove PasswordPolicy to get Cognito's default).");
  }
}

}  // namespace

extern const RuleDef kRuleApi008;
const RuleDef kRuleApi008 = {
    .title = "User pool password policy weaker than Cognito's default",
    .severity = model::Severity::kMedium,
    .tier = model::Tier::kRisk,
    .practice = model::Practice::kApiAuthentication,
    .check = &Check,
};

}  // namespace fnwarden::rules
