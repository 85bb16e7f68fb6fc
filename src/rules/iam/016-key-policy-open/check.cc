// FNW-IAM-016: a KMS key policy lets anyone, or another account, use or
// manage the key with no condition. Everything encrypted with the key
// (environment variables, queues, tables, secrets) is then readable by them.
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

constexpr std::array<std::string_view, 6> kKeyActions = {
    "kms:Decrypt",     "kms:GenerateDataKey", "kms:ReEncryptFrom",
    "kms:CreateGrant", "kms:PutKeyPolicy",    "kms:ScheduleKeyDeletion",
};

// The key actions `principal` may call, by statement index.
std::map<uint32_t, std::vector<std::string>> Allowed(const iam::CompiledPolicy& policy,
                                                     const std::string& principal,
                                                     const std::string& key_arn) {
  std::map<uint32_t, std::vector<std::string>> out;
  for (std::string_view action : kKeyActions) {
    iam::Result r = iam::ResourcePolicyAllows(
        policy, iam::ResourcePolicyMode::kExplicitAllowRequired, principal, "", action, key_arn);
    if (r.decision != iam::Decision::kAllowed) continue;
    for (const iam::StatementRef& ref : r.statements) out[ref.index].emplace_back(action);
  }
  return out;
}

void Check(Context& ctx) {
  const iam::Resolver& resolver = ctx.facts.IamResolver();
  const std::string anyone = "arn:aws:iam::" + std::string(iam::kForeignAccount) + ":role/anyone";
  for (const auto& key : ctx.model.keys) {
    if (!key.has_key_policy || !key.key_policy.known) continue;
    std::optional<model::PolicyDocument> storage;
    const model::PolicyDocument& doc = resolver.Resolve(key.key_policy, &storage);
    iam::CompiledPolicy compiled = iam::Compile(doc, iam::PolicyKind::kResource);
    std::string arn = resolver.ArnOf(key.id);
    std::map<uint32_t, std::vector<std::string>> open = Allowed(compiled, anyone, arn);
    for (const auto& [index, actions] : open) {
      const model::Statement& s = key.key_policy.statements[index];
      ctx.Report(key, s.loc, analysis::StatementAttribute("key_policy", key.key_policy, s),
                 "the policy of key " + key.id + " lets any AWS account call " +
                     iam::SummarizeNames(actions) + " with no condition, " + iam::Where(s.loc),
                 "Name the accounts or roles that use " + key.id +
                     " as principals, or add a condition such as kms:CallerAccount or "
                     "aws:PrincipalOrgID.");
    }
    for (size_t i = 0; i < doc.statements.size(); ++i) {
      if (open.count(static_cast<uint32_t>(i)) != 0) continue;
      for (const std::string& principal : iam::ForeignPrincipals(doc.statements[i], resolver)) {
        std::map<uint32_t, std::vector<std::string>> allowed = Allowed(compiled, principal, arn);
        auto it = allowed.find(static_cast<uint32_t>(i));
        if (it == allowed.end()) continue;
        const model::Statement& s = key.key_policy.statements[i];
        ctx.RaiseSeverity(model::Severity::kHigh);
        ctx.Report(key, s.loc, analysis::StatementAttribute("key_policy", key.key_policy, s),
                   "the policy of key " + key.id + " lets account " +
                       std::string(iam::SplitArn(principal).part[4]) +
                       ", outside the account it is deployed to, call " +
                       iam::SummarizeNames(it->second) + " with no condition, " + iam::Where(s.loc),
                   "Limit what the other account may do with " + key.id +
                       " (kms:Decrypt only, with a kms:ViaService or kms:EncryptionContext "
                       "condition), or remove it.");
        break;
      }
    }
  }
}

}  // namespace

extern const RuleDef kRuleIam016;
const RuleDef kRuleIam016 = {
    .title = "KMS key policy open to everyone or to another account",
    .severity = model::Severity::kCritical,
    .tier = model::Tier::kRisk,
    .practice = model::Practice::kLeastPrivilege,
    .check = &Check,
};

}  // namespace fnwarden::rules
