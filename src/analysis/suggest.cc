#include "analysis/suggest.h"

#include <algorithm>
#include <map>
#include <set>
#include <string_view>
#include <utility>

#include "analysis/iam/catalog.h"
#include "model/names.h"

namespace fnwarden::analysis {
namespace {

namespace iam = analysis::iam;

// A resource entry: the pieces of a string, compared by their display form.
struct Target {
  std::string key;  // display form, for grouping and order
  model::String value;
};

Target Star() {
  Target t;
  t.key = "*";
  t.value = model::String::Literal("*", {});
  return t;
}

Target OfResource(std::string_view id, model::Attribute attribute, std::string_view suffix) {
  Target t;
  t.value.state = model::ValueState::kUnknown;
  t.value.pieces.push_back(model::Piece::Of(std::string(id), attribute));
  if (!suffix.empty()) model::AppendPiece(&t.value.pieces, model::Piece::Text(std::string(suffix)));
  t.value.refs.push_back(std::string(id));
  t.key = model::DisplayPieces(t.value.pieces);
  return t;
}

// Whether `action` acts on the objects of a bucket rather than the bucket.
bool ActsOnObjects(const iam::Catalog& catalog, std::string_view action) {
  std::optional<iam::ActionInfo> info = catalog.FindAction(action);
  if (!info) return false;
  for (const iam::ResourceTypeInfo& t : catalog.ResourceTypes(info->id)) {
    if (t.name == "object") return true;
  }
  return false;
}

// Whether `action` can be scoped to a resource at all.
bool TakesResources(const iam::Catalog& catalog, std::string_view action) {
  std::optional<iam::ActionInfo> info = catalog.FindAction(action);
  return info && !info->wildcard_only;
}

}  // namespace

const model::Resource* CallResource(const model::CodeCall& call, const model::Model& m) {
  if (call.resource.pieces.size() == 1 &&
      call.resource.pieces[0].kind == model::Piece::Kind::kResource) {
    return m.FindResource(call.resource.pieces[0].text);
  }
  if (call.resource.known()) {
    // A literal that is the physical name or ARN of a resource of the model.
    const model::Resource* found = nullptr;
    model::ForEachResource(m, [&](const model::Resource& r) {
      if (found == nullptr &&
          ((r.deployed_name.known() && r.deployed_name.value == call.resource.value) ||
           (r.deployed_arn.known() && r.deployed_arn.value == call.resource.value))) {
        found = &r;
      }
    });
    return found;
  }
  return nullptr;
}

Suggestion SuggestPolicy(const model::Function& fn, const model::Model& m, bool with_platform) {
  Suggestion out;
  out.function = &fn;
  const model::HandlerCode& code = fn.code;
  if (!code.analysed) {
    out.complete = false;
    out.notes.push_back("the handler's code was not found or not read");
  }
  if (code.partial) {
    out.complete = false;
    out.notes.push_back("part of the code could not be followed: " + code.partial_reason);
  }
  for (const std::string& s : code.partial_services) {
    out.complete = false;
    out.notes.push_back("some calls to " + s + " could not be understood");
  }
  const iam::Catalog& catalog = iam::Catalog::Get();
  std::map<std::string, std::pair<Target, std::set<std::string>>> by_target;
  auto grant = [&](const std::string& action, const Target& target) {
    auto [it, fresh] = by_target.try_emplace(target.key, target, std::set<std::string>{});
    it->second.second.insert(action);
  };
  std::set<std::string> on_star_noted;
  for (const model::CodeCall& call : code.calls) {
    const model::Resource* r = CallResource(call, m);
    for (const std::string& action : call.actions) {
      if (!catalog.FindAction(action)) continue;
      if (!TakesResources(catalog, action)) {
        grant(action, Star());
        continue;
      }
      if (r == nullptr || r->deployed_arn.absent()) {
        grant(action, Star());
        std::string where = std::string(call.loc.path()) + ":" + std::to_string(call.loc.line);
        if (on_star_noted.insert(action).second) {
          out.notes.push_back(action + " is granted on \"*\": the call at " + where +
                              " does not name a resource of the application");
        }
        continue;
      }
      bool objects = call.service == "s3" && ActsOnObjects(catalog, action);
      // A query of an index acts on the index, not on the table.
      std::string suffix = objects ? "/*" : call.index.empty() ? "" : "/index/" + call.index;
      grant(action, OfResource(r->id, model::Attribute::kArn, suffix));
    }
  }
  if (with_platform) {
    for (std::string_view a :
         {"logs:CreateLogGroup", "logs:CreateLogStream", "logs:PutLogEvents"}) {
      grant(std::string(a), Star());
    }
    if (fn.in_vpc) {
      for (std::string_view a : {"ec2:CreateNetworkInterface", "ec2:DescribeNetworkInterfaces",
                                 "ec2:DeleteNetworkInterface", "ec2:AssignPrivateIpAddresses",
                                 "ec2:UnassignPrivateIpAddresses"}) {
        grant(std::string(a), Star());
      }
    }
    if (fn.tracing.Is("Active")) {
      for (std::string_view a : {"xray:PutTraceSegments", "xray:PutTelemetryRecords"}) {
        grant(std::string(a), Star());
      }
    }
    for (const model::Trigger& t : m.triggers) {
      if (t.function_id != fn.id) continue;
      std::vector<std::string_view> actions;
      model::Attribute attribute = model::Attribute::kArn;
      switch (t.kind) {
        case model::TriggerKind::kSqs:
          actions = {"sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:GetQueueAttributes"};
          break;
        case model::TriggerKind::kKinesis:
          actions = {"kinesis:GetRecords", "kinesis:GetShardIterator", "kinesis:DescribeStream",
                     "kinesis:ListShards"};
          break;
        case model::TriggerKind::kDynamoDb:
          actions = {"dynamodb:GetRecords", "dynamodb:GetShardIterator", "dynamodb:DescribeStream",
                     "dynamodb:ListStreams"};
          attribute = model::Attribute::kStreamArn;
          break;
        default:
          break;
      }
      if (actions.empty()) continue;
      Target target = t.source_id.empty() ? Star() : OfResource(t.source_id, attribute, "");
      for (std::string_view a : actions) grant(std::string(a), target);
    }
  }
  // One statement per set of resources that share the same actions.
  std::map<std::set<std::string>, std::vector<Target>> by_actions;
  for (auto& [key, entry] : by_target) by_actions[entry.second].push_back(entry.first);
  out.policy.name = "least privilege of " + model::ShownName(fn);
  out.policy.version = model::String::Literal("2012-10-17", {});
  for (auto& [actions, targets] : by_actions) {
    model::Statement& s = out.policy.statements.emplace_back();
    s.effect = model::Value<model::Effect>::Literal(model::Effect::kAllow, {});
    for (const std::string& a : actions) s.actions.push_back(model::String::Literal(a, {}));
    s.has_resource = true;
    for (Target& t : targets) s.resources.push_back(std::move(t.value));
  }
  return out;
}

}  // namespace fnwarden::analysis
