// FNW-ISO-005: an internet-facing function can write to a table or bucket of
// the application that an internal function reads, as the IAM engine
// evaluates their roles; internet-facing is what the reachability analysis
// says (a route or function URL a caller without AWS credentials can use).
// Queues, topics and a table's stream are left out: passing what the public
// side writes to an internal consumer is what they are for, and the fix this
// rule gives. Writes allowed on every resource are the breadth rules'
// (FNW-IAM-002, FNW-IAM-008).
#include <array>
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "analysis/iam/effective.h"
#include "analysis/iam/named.h"
#include "analysis/policy_query.h"
#include "rules/rule.h"

namespace fnwarden::rules {
namespace {

namespace iam = analysis::iam;

constexpr std::array<std::string_view, 11> kWriteActions = {
    "dynamodb:PutItem",        "dynamodb:UpdateItem",    "dynamodb:DeleteItem",
    "dynamodb:BatchWriteItem", "dynamodb:PartiQLInsert", "dynamodb:PartiQLUpdate",
    "dynamodb:PartiQLDelete",  "s3:PutObject",           "s3:DeleteObject",
    "s3:DeleteObjectVersion",  "s3:RestoreObject",
};

constexpr std::array<std::string_view, 6> kReadActions = {
    "dynamodb:GetItem",      "dynamodb:Query",         "dynamodb:Scan",
    "dynamodb:BatchGetItem", "dynamodb:PartiQLSelect", "s3:GetObject",
};

struct Store {
  std::string kind;  // "table", "bucket"
  std::string arn;   // what the actions act on (a bucket's objects)
};

std::string_view ServicePrefix(const Store& store) {
  return store.kind == "table" ? "dynamodb:" : "s3:";
}

std::map<std::string, Store> Stores(const model::Model& m, const iam::Resolver& resolver) {
  std::map<std::string, Store> out;
  for (const auto& t : m.tables) out[t.id] = {"table", resolver.ArnOf(t.id)};
  for (const auto& b : m.buckets) out[b.id] = {"bucket", resolver.ArnOf(b.id) + "/fnwarden-any"};
  return out;
}

// The statement through which `p` may write to a store, not as part of a
// grant on every resource; null when it may not.
const model::Statement* WriteGrant(const iam::PrincipalPermissions& p, const Store& store,
                                   std::vector<analysis::AppliedStatement>* origin) {
  for (std::string_view action : kWriteActions) {
    if (!action.starts_with(ServicePrefix(store))) continue;
    iam::Result r = p.Can(action, store.arn);
    if (r.decision != iam::Decision::kAllowed) continue;
    if (p.IsAllowedOnAny(action)) continue;
    *origin = p.Origins(r);
    if (!origin->empty()) return origin->front().statement;
  }
  return nullptr;
}

// Whether `p` may read a store.
bool CanRead(const iam::PrincipalPermissions& p, const Store& store) {
  for (std::string_view action : kReadActions) {
    if (!action.starts_with(ServicePrefix(store))) continue;
    if (p.Can(action, store.arn).decision == iam::Decision::kAllowed) return true;
  }
  return false;
}

struct Grant {
  const iam::PrincipalPermissions* fn;
  const model::Statement* statement;
  const model::PolicyDocument* policy;
};

bool InternetFacing(const Context& ctx, const model::Function& f) {
  const analysis::FunctionFacts* facts = ctx.facts.ForFunction(f.id);
  return facts != nullptr && facts->internet_facing;
}

// The internal functions that can read `store`, in model order.
std::vector<std::string> Consumers(const Context& ctx, const iam::ModelPermissions& perms,
                                   const Store& store) {
  std::vector<std::string> out;
  for (const iam::PrincipalPermissions& p : perms.functions()) {
    const model::Function& f = *p.function();
    if (!InternetFacing(ctx, f) && CanRead(p, store)) out.push_back(model::ShownName(f));
  }
  return out;
}

void Check(Context& ctx) {
  const iam::ModelPermissions& perms = ctx.facts.Permissions();
  std::map<std::string, Store> stores = Stores(ctx.model, perms.resolver());
  std::vector<std::pair<std::string, std::string>> arns;
  for (const auto& [id, store] : stores) arns.emplace_back(id, store.arn);
  const iam::NamedResources named(std::move(arns), &perms.resolver());
  // store id -> the internet-facing functions that can write to it, with
  // the granting statement.
  std::map<std::string, std::vector<Grant>> writers;
  // Candidates depend only on the statements: functions that share a role
  // share them.
  std::map<std::vector<const model::PolicyDocument*>, std::vector<std::string>> candidates;
  for (const iam::PrincipalPermissions& p : perms.functions()) {
    if (!InternetFacing(ctx, *p.function())) continue;
    auto [it, fresh] = candidates.try_emplace(p.policies());
    if (fresh) it->second = named.Candidates(p, kWriteActions);
    for (const std::string& id : it->second) {
      std::vector<analysis::AppliedStatement> origin;
      if (const model::Statement* s = WriteGrant(p, stores.at(id), &origin)) {
        writers[id].push_back({&p, s, origin.front().policy});
      }
    }
  }
  for (const auto& [store, grants] : writers) {
    std::vector<std::string> consumers = Consumers(ctx, perms, stores.at(store));
    if (consumers.empty()) continue;
    const std::string& kind = stores.at(store).kind;
    std::string who = analysis::JoinNames(consumers);
    for (const Grant& g : grants) {
      const model::Function& f = *g.fn->function();
      std::string entry =
          g.policy != nullptr && g.policy->source == model::PolicySource::kPolicyTemplate
              ? g.policy->name + " in the Policies of " + f.id
              : "the statement at " + iam::Where(g.statement->loc);
      ctx.Report(f, g.statement->loc, "role.policies.write." + store,
                 "internet-facing function " + model::ShownName(f) + " can write to " + kind + " " + store +
                     ", which internal function" + (consumers.size() > 1 ? "s " : " ") + who +
                     " read" + (consumers.size() > 1 ? "" : "s") + ": whoever compromises " + model::ShownName(f) +
                     " can plant data that " + who + " will trust",
                 "If " + f.id + " only reads " + store + ", grant it read actions only (" + entry +
                     "); if it must write, have " + who + " validate what " +
                     (consumers.size() > 1 ? "they read" : "it reads") + " from " + store +
                     ", or pass what " + f.id +
                     " writes through a queue whose consumer validates it.");
    }
  }
}

}  // namespace

extern const RuleDef kRuleIso005;
const RuleDef kRuleIso005 = {
    .title = "Internet-facing and internal functions share a writable store",
    .severity = model::Severity::kMedium,
    .tier = model::Tier::kRisk,
    .practice = model::Practice::kIsolation,
    .check = &Check,
};

}  // namespace fnwarden::rules
