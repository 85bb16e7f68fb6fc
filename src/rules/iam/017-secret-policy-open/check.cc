// FNW-IAM-017: a Secrets Manager resource policy lets anyone, or another
// account, read or change the secret with no condition.
#include <array>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "analysis/iam/effective.h"
#include "analysis/policy_query.h"
#include "analysis/store_query.h"
#include "rules/rule.h"

namespace fnwarden::rules {
namespace {

namespace iam = analysis::iam;

constexpr std::array<std::string_view, 4> kSecretActions = {
    "secretsmanager:GetSecretValue",
    "secretsmanager:PutSecretValue",
    "secretsmanager:PutResourcePolicy",
    "secretsmanager:DeleteSecret",
};

// The secret actions `principal` may call, by statement index.
std::map<uint32_t, std::vector<std::string>> Allowed(const iam::CompiledPolicy& policy,
                                                     const std::string& principal,
                                                     const std::string& secret_arn) {
  std::map<uint32_t, std::vector<std::string>> out;
  for (std::string_view action : kSecretActions) {
    iam::Result r = iam::ResourcePolicyAllows(policy, iam::ResourcePolicyMode::kOrdinary, principal,
                                              "", action, secret_arn);
    if (r.decision != iam::Decision::kAllowed) continue;
    for (const iam::StatementRef& ref : r.statements) out[ref.index].emplace_back(action);
  }
  return out;
}

void CheckDocument(Context& ctx, const iam::Resolver& resolver, const model::Secret& secret,
                   const model::PolicyDocument& original) {
  const std::string anyone = "arn:aws:iam::" + std::string(iam::kForeignAccount) + ":role/anyone";
  std::optional<model::PolicyDocument> storage;
  const model::PolicyDocument& doc = resolver.Resolve(original, &storage);
  iam::CompiledPolicy compiled = iam::Compile(doc, iam::PolicyKind::kResource);
  std::string arn = resolver.ArnOf(secret.id);
  std::map<uint32_t, std::vector<std::string>> open = Allowed(compiled, anyone, arn);
  for (const auto& [index, actions] : open) {
    const model::Statement& s = original.statements[index];
    ctx.Report(secret, s.loc, analysis::StatementAttribute("resource_policy", original, s),
               "the resource policy of secret " + secret.id + " lets any AWS account call " +
                   iam::SummarizeNames(actions) + " with no condition, " + iam::Where(s.loc),
               "Name the roles that read " + secret.id +
                   " as principals, or add a condition such as aws:PrincipalOrgID.");
  }
  for (size_t i = 0; i < doc.statements.size(); ++i) {
    if (open.count(static_cast<uint32_t>(i)) != 0) continue;
    for (const std::string& principal : iam::ForeignPrincipals(doc.statements[i], resolver)) {
      std::map<uint32_t, std::vector<std::string>> allowed = Allowed(compiled, principal, arn);
      auto it = allowed.find(static_cast<uint32_t>(i));
      if (it == allowed.end()) continue;
      const model::Statement& s = original.statements[i];
      ctx.RaiseSeverity(model::Severity::kHigh);
      ctx.Report(secret, s.loc, analysis::StatementAttribute("resource_policy", original, s),
                 "the resource policy of secret " + secret.id + " lets account " +
                     std::string(iam::SplitArn(principal).part[4]) +
                     ", outside the account it is deployed to, call " +
                     iam::SummarizeNames(it->second) + " with no condition, " + iam::Where(s.loc),
                 "Name the role of the other account that reads " + secret.id +
                     " and add a condition such as aws:PrincipalOrgID, or remove the statement.");
      break;
    }
  }
}

void Check(Context& ctx) {
  const iam::Resolver& resolver = ctx.facts.IamResolver();
  for (const auto& secret : ctx.model.secrets) {
    for (const auto& doc : secret.policies) {
      if (doc.known) CheckDocument(ctx, resolver, secret, doc);
    }
  }
}

}  // namespace

extern const RuleDef kRuleIam017;
const RuleDef kRuleIam017 = {
    .title = "Secret resource policy open to everyone or to another account",
    .severity = model::Severity::kCritical,
    .tier = model::Tier::kRisk,
    .practice = model::Practice::kLeastPrivilege,
    .check = &Check,
};

}  // namespace fnwarden::rules
