// FNW-IAM-015: an Allow statement gives an action only resources of the
// wrong type (s3:GetObject on arn:aws:s3:::bucket without /*, s3:ListBucket
// on object ARNs, a DynamoDB action on a bucket): the action is granted on
// nothing, and the usual reaction is to widen Resource to "*".
#include <map>
#include <set>
#include <string>
#include <vector>

#include "analysis/iam/effective.h"
#include "analysis/iam/match.h"
#include "analysis/policy_query.h"
#include "analysis/store_query.h"
#include "rules/rule.h"

namespace fnwarden::rules {
namespace {

namespace iam = analysis::iam;

std::string TypeNames(const std::vector<iam::ResourceTypeInfo>& types) {
  std::vector<std::string> names;
  for (const auto& t : types)
    names.push_back(std::string(t.name) + " (" + std::string(t.arn_pattern) + ")");
  return iam::SummarizeNames(names, 2);
}

void Check(Context& ctx) {
  const iam::Catalog& catalog = iam::Catalog::Get();
  const iam::Resolver& resolver = ctx.facts.IamResolver();
  // The functions of each role, in model order.
  std::map<const model::Role*, std::vector<std::string>> users_of;
  for (const auto& fn : ctx.facts.functions()) {
    if (fn.role != nullptr) users_of[fn.role].push_back(model::ShownName(*fn.function));
  }
  std::set<const model::Role*> seen;
  for (const auto& fn : ctx.facts.functions()) {
    if (fn.role == nullptr || !seen.insert(fn.role).second) {
      continue;
    }
    const std::vector<std::string>& users = users_of[fn.role];
    for (const auto& applied : fn.statements) {
      const model::PolicyDocument& doc = *applied.policy;
      if (doc.source != model::PolicySource::kInline &&
          doc.source != model::PolicySource::kCustomerManaged) {
        continue;
      }
      const model::Statement& s = *applied.statement;
      if (!s.known || !s.effect.Is(model::Effect::kAllow) || s.not_action || s.not_resource)
        continue;
      // Every resource must be a known ARN: "*" or an unknown value may cover anything.
      std::vector<std::string> arns, shown;
      bool judgeable = !s.resources.empty();
      for (const auto& r : s.resources) {
        model::String v = resolver.Resolve(r);
        if (!v.known() || !iam::SplitArn(v.value).valid) {
          judgeable = false;
          break;
        }
        arns.push_back(v.value);
        shown.push_back(r.value);  // as written, not as fnwarden resolved it
      }
      if (!judgeable) continue;
      for (const auto& a : s.actions) {
        if (!a.known() || a.value.find_first_of("*?") != std::string::npos) continue;
        std::optional<iam::ActionInfo> info = catalog.FindAction(a.value);
        if (!info || info->wildcard_only) continue;
        std::vector<iam::ResourceTypeInfo> types = catalog.ResourceTypes(info->id);
        if (types.empty()) continue;
        bool any = false;
        for (const auto& arn : arns) {
          for (const auto& t : types) any = any || iam::ArnFormatOverlaps(arn, t.arn_pattern);
        }
        if (any) continue;
        ctx.Report(*fn.function, a.loc, analysis::StatementAttribute(applied) + ".action." + a.value,
                   analysis::JoinNames(users) + " gets nothing from " + a.value +
                       " here: it acts on " + TypeNames(types) + ", but the statement names only " +
                       iam::SummarizeNames(shown, 2) + ", " + iam::Where(s.loc),
                   "Give " + a.value +
                       " a resource of the right type in its own statement (for "
                       "S3 objects, the bucket ARN followed by /*); do not widen it to \"*\".");
      }
    }
  }
}

}  // namespace

extern const RuleDef kRuleIam015;
const RuleDef kRuleIam015 = {
    .title = "Action granted only on resources of the wrong type",
    .severity = model::Severity::kLow,
    .tier = model::Tier::kHardening,
    .practice = model::Practice::kLeastPrivilege,
    .check = &Check,
};

}  // namespace fnwarden::rules
