// FNW-ISO-005: an internet-facing function and an internal function can both
// write to the same table, bucket, queue or topic.
#include <array>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "analysis/policy_query.h"
#include "analysis/store_query.h"
#include "rules/rule.h"

namespace fnwarden::rules {
namespace {

constexpr std::array<std::string_view, 14> kWriteActions = {
    "dynamodb:PutItem",
    "dynamodb:UpdateItem",
    "dynamodb:DeleteItem",
    "dynamodb:BatchWriteItem",
    "dynamodb:PartiQLInsert",
    "dynamodb:PartiQLUpdate",
    "dynamodb:PartiQLDelete",
    "s3:PutObject",
    "s3:DeleteObject",
    "s3:DeleteObjectVersion",
    "sqs:SendMessage",
    "sns:Publish",
    "dynamodb:TransactWriteItems",
    "s3:RestoreObject",
};

// What kind of store a logical ID is, for messages; "" when it is not one.
std::string StoreKind(const model::Model& m, std::string_view id) {
  for (const auto& t : m.tables) {
    if (t.id == id) return "table";
  }
  for (const auto& b : m.buckets) {
    if (b.id == id) return "bucket";
  }
  for (const auto& q : m.queues) {
    if (q.id == id) return "queue";
  }
  for (const auto& t : m.topics) {
    if (t.id == id) return "topic";
  }
  return "";
}

struct Grant {
  const analysis::FunctionFacts* fn;
  const model::Statement* statement;
};

void Check(Context& ctx) {
  // store id -> the functions that can write to it, with the granting statement.
  std::map<std::string, std::vector<Grant>> writers;
  for (const auto& fn : ctx.facts.functions()) {
    for (const auto& applied : fn.statements) {
      const model::Statement& s = *applied.statement;
      if (s.not_resource) continue;
      // Most statements name no store of the template: look for one before
      // matching the write actions.
      bool on_store = false;
      for (const auto& r : s.resources) {
        for (const auto& ref : r.refs) on_store = on_store || !StoreKind(ctx.model, ref).empty();
      }
      if (!on_store) continue;
      bool writes = false;
      for (std::string_view a : kWriteActions) writes = writes || analysis::AllowsAction(s, a);
      if (!writes) continue;
      for (const auto& r : s.resources) {
        for (const auto& ref : r.refs) {
          if (StoreKind(ctx.model, ref).empty()) continue;
          auto& list = writers[ref];
          bool already = false;
          for (const Grant& g : list) already = already || g.fn == &fn;
          if (!already) list.push_back({&fn, &s});
        }
      }
    }
  }
  for (const auto& [store, grants] : writers) {
    std::vector<std::string> internal;
    for (const Grant& g : grants) {
      if (!g.fn->internet_facing) internal.push_back(g.fn->function->id);
    }
    if (internal.empty()) continue;
    std::string kind = StoreKind(ctx.model, store);
    for (const Grant& g : grants) {
      if (!g.fn->internet_facing) continue;
      const model::Function& f = *g.fn->function;
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
