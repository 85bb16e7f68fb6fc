// FNW-ISO-005: an internet-facing function and an internal function can both
// write to the same table, bucket, queue or topic of the application, as the
// IAM engine evaluates their roles. Writes allowed on every resource are the
// breadth rules' (FNW-IAM-002, FNW-IAM-008).
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

constexpr std::array<std::string_view, 13> kWriteActions = {
    "dynamodb:PutItem",        "dynamodb:UpdateItem",    "dynamodb:DeleteItem",
    "dynamodb:BatchWriteItem", "dynamodb:PartiQLInsert", "dynamodb:PartiQLUpdate",
    "dynamodb:PartiQLDelete",  "s3:PutObject",           "s3:DeleteObject",
    "s3:DeleteObjectVersion",  "sqs:SendMessage",        "sns:Publish",
    "s3:RestoreObject",
};

struct Store {
  std::string kind;  // "table", "bucket", "queue", "topic"
  std::string arn;   // what the actions act on (a bucket's objects)
};

std::map<std::string, Store> Stores(const model::Model& m, const iam::Resolver& resolver) {
  std::map<std::string, Store> out;
  for (const auto& t : m.tables) out[t.id] = {"table", resolver.ArnOf(t.id)};
  for (const auto& b : m.buckets) out[b.id] = {"bucket", resolver.ArnOf(b.id) + "/fnwarden-any"};
  for (const auto& q : m.queues) out[q.id] = {"queue", resolver.ArnOf(q.id)};
  for (const auto& t : m.topics) out[t.id] = {"topic", resolver.ArnOf(t.id)};
  return out;
}

// The statement through which `p` may write to a store, not as part of a
// grant on every resource; null when it may not.
const model::Statement* WriteGrant(const iam::PrincipalPermissions& p, const Store& store) {
  for (std::string_view action : kWriteActions) {
    if (!action.starts_with(store.kind == "table"    ? "dynamodb:"
                            : store.kind == "bucket" ? "s3:"
                            : store.kind == "queue"  ? "sqs:"
                                                     : "sns:")) {
      continue;
    }
    iam::Result r = p.Can(action, store.arn);
    if (r.decision != iam::Decision::kAllowed) continue;
    if (p.CanOnAny(action).decision == iam::Decision::kAllowed) continue;
    std::vector<analysis::AppliedStatement> origins = p.Origins(r);
    if (!origins.empty()) return origins.front().statement;
  }
  return nullptr;
}

struct Grant {
  const iam::PrincipalPermissions* fn;
  const model::Statement* statement;
};

void Check(Context& ctx) {
  const iam::ModelPermissions& perms = ctx.facts.Permissions();
  std::map<std::string, Store> stores = Stores(ctx.model, perms.resolver());
  std::vector<std::pair<std::string, std::string>> arns;
  for (const auto& [id, store] : stores) arns.emplace_back(id, store.arn);
  const iam::NamedResources named(std::move(arns));
  // store id -> the functions that can write to it, with the granting statement.
  std::map<std::string, std::vector<Grant>> writers;
  for (const iam::PrincipalPermissions& p : perms.functions()) {
    for (const std::string& id : named.Candidates(p, kWriteActions)) {
      if (const model::Statement* s = WriteGrant(p, stores.at(id))) writers[id].push_back({&p, s});
    }
  }
  for (const auto& [store, grants] : writers) {
    std::vector<std::string> internal;
    for (const Grant& g : grants) {
      if (!ctx.facts.ForFunction(g.fn->function()->id)->internet_facing) {
        internal.push_back(g.fn->function()->id);
      }
    }
    if (internal.empty()) continue;
    const std::string& kind = stores.at(store).kind;
    for (const Grant& g : grants) {
      const model::Function& f = *g.fn->function();
      if (!ctx.facts.ForFunction(f.id)->internet_facing) continue;
      ctx.Report(f, g.statement->loc, "Role.Policies.Write." + store,
                 "internet-facing function " + f.id + " and internal function" +
                     (internal.size() > 1 ? "s " : " ") + analysis::JoinNames(internal) +
                     " can all write to " + kind + " " + store + ": whoever compromises " + f.id +
                     " can plant data that " + analysis::JoinNames(internal) + " will trust",
                 "Give " + f.id + " read-only access to " + store +
                     ", or separate the data the public side writes from what internal functions "
                     "consume (a queue with validation in between).");
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
