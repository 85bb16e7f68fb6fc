#include "analysis/code_permissions.h"

#include <algorithm>
#include <initializer_list>
#include <map>
#include <set>
#include <string_view>

#include "analysis/iam/breadth.h"
#include "analysis/iam/catalog.h"
#include "analysis/suggest.h"
#include "util/strings.h"

namespace fnwarden::analysis {
namespace {

void AddAll(std::set<std::string>* out, std::initializer_list<std::string_view> actions) {
  for (std::string_view a : actions) out->insert(util::ToLower(a));
}

bool Granting(iam::Decision d) {
  return d == iam::Decision::kAllowed || d == iam::Decision::kConditional;
}

bool HasWildcard(std::string_view s) {
  return s.find('*') != std::string_view::npos || s.find('?') != std::string_view::npos;
}

// Whether the principal may call `action` on some resource: on one its
// policies do not name, or on one an Allow statement names (requested as
// written: the engine matches the statement's pattern against itself, and
// decides denies, boundaries and conditions).
iam::Result CanOnSome(const iam::PrincipalPermissions& p, const iam::Resolver& resolver,
                      std::string_view action, const std::vector<std::string>& extra) {
  iam::Result any = p.CanOnAny(action);
  if (Granting(any.decision)) return any;
  iam::Result denied = any;
  auto consider = [&](std::string_view resource) {
    iam::Result r = p.Can(action, resource);
    if (Granting(r.decision)) return true;
    if (r.decision == iam::Decision::kExplicitlyDenied &&
        denied.decision != iam::Decision::kExplicitlyDenied) {
      denied = std::move(r);
    }
    return false;
  };
  for (const std::string& r : extra) {
    if (consider(r)) return {iam::Decision::kAllowed, {}};
  }
  for (const model::PolicyDocument* doc : p.policies()) {
    for (const model::Statement& s : doc->statements) {
      if (!s.known || !s.effect.Is(model::Effect::kAllow) || s.not_resource) continue;
      for (const model::String& res : s.resources) {
        model::String resolved = resolver.Resolve(res);
        if (!resolved.known()) return {iam::Decision::kConditional, {}};
        if (consider(resolved.value)) return {iam::Decision::kAllowed, {}};
      }
    }
  }
  return denied;
}

// The ARNs a call's request names when its resource is one of the model's.
std::vector<std::string> CallResources(const model::CodeCall& call, const model::Model& m,
                                       const iam::Resolver& resolver) {
  std::vector<std::string> out;
  const model::Resource* r = CallResource(call, m);
  if (r == nullptr) return out;
  std::string arn = resolver.ArnOf(r->id);
  if (arn.empty()) return out;
  if (call.service == "s3") out.push_back(arn + "/*");
  if (!call.index.empty()) out.push_back(arn + "/index/" + call.index);
  out.push_back(std::move(arn));
  return out;
}

// Whether `doc` grants something of one of the services `needed`: a policy
// template or managed policy is a bundle chosen whole, reported only when
// the functions need none of it.
bool GrantsAnyService(const model::PolicyDocument& doc, const std::set<std::string>& needed) {
  for (const model::Statement& s : doc.statements) {
    for (const model::String& a : s.actions) {
      if (!a.known()) return true;
      size_t colon = a.value.find(':');
      std::string service = util::ToLower(a.value.substr(0, colon));
      if (colon == std::string::npos || HasWildcard(service) || needed.count(service) != 0) {
        return true;
      }
    }
  }
  return false;
}

}  // namespace

std::vector<std::string> PlatformActions(const model::Function& fn, const model::Model& m) {
  std::set<std::string> out;
  // logs:TagResource: the Serverless Framework tags the log groups it creates.
  AddAll(&out,
         {"logs:CreateLogGroup", "logs:CreateLogStream", "logs:PutLogEvents", "logs:TagResource",
          "xray:PutTraceSegments", "xray:PutTelemetryRecords", "xray:GetSamplingRules",
          "xray:GetSamplingTargets", "xray:GetSamplingStatisticSummaries"});
  AddAll(&out, {"ec2:CreateNetworkInterface", "ec2:DescribeNetworkInterfaces",
                "ec2:DeleteNetworkInterface", "ec2:AssignPrivateIpAddresses",
                "ec2:UnassignPrivateIpAddresses", "ec2:DetachNetworkInterface",
                "ec2:DescribeSubnets", "ec2:DescribeSecurityGroups", "ec2:DescribeVpcs",
                "elasticfilesystem:ClientMount", "elasticfilesystem:ClientWrite",
                "elasticfilesystem:ClientRootAccess", "elasticfilesystem:DescribeMountTargets"});
  bool destinations = fn.dead_letter_target.known() || fn.dead_letter_target.unknown() ||
                      fn.on_failure_destination.known() || fn.on_failure_destination.unknown();
  for (const model::Trigger& t : m.triggers) {
    if (t.function_id != fn.id) continue;
    if (!t.on_failure_destination.absent()) destinations = true;
    switch (t.kind) {
      case model::TriggerKind::kSqs:
        AddAll(&out, {"sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:GetQueueAttributes",
                      "sqs:ChangeMessageVisibility", "kms:Decrypt"});
        break;
      case model::TriggerKind::kKinesis:
        AddAll(&out, {"kinesis:GetRecords", "kinesis:GetShardIterator", "kinesis:DescribeStream",
                      "kinesis:DescribeStreamSummary", "kinesis:ListShards", "kinesis:ListStreams",
                      "kinesis:SubscribeToShard", "kinesis:DescribeStreamConsumer", "kms:Decrypt"});
        break;
      case model::TriggerKind::kDynamoDb:
        AddAll(&out, {"dynamodb:GetRecords", "dynamodb:GetShardIterator", "dynamodb:DescribeStream",
                      "dynamodb:ListStreams"});
        break;
      case model::TriggerKind::kMsk:
      case model::TriggerKind::kSelfManagedKafka:
      case model::TriggerKind::kMq:
      case model::TriggerKind::kDocumentDb:
        // Lambda polls these through the network, with the secrets and keys
        // of their authentication: whole services.
        AddAll(&out, {"kafka:*", "kafka-cluster:*", "mq:*", "rds:*",
                      "secretsmanager:GetSecretValue", "kms:Decrypt"});
        break;
      default:
        break;
    }
  }
  if (destinations) {
    AddAll(&out, {"sqs:SendMessage", "sns:Publish", "lambda:InvokeFunction", "events:PutEvents",
                  "s3:PutObject", "s3:ListBucket"});
  }
  if (!fn.kms_key_arn.absent()) AddAll(&out, {"kms:Decrypt"});
  return {out.begin(), out.end()};
}

std::vector<MissingGrant> MissingGrants(const iam::PrincipalPermissions& p, const model::Model& m,
                                        const iam::Resolver& resolver) {
  std::vector<MissingGrant> out;
  const model::Function* fn = p.function();
  if (fn == nullptr || !fn->code.analysed || fn->code.other_credentials || p.role() == nullptr ||
      p.has_unreadable_policies()) {
    return out;
  }
  const iam::Catalog& catalog = iam::Catalog::Get();
  std::set<std::string> done;
  for (const model::CodeCall& call : fn->code.calls) {
    if (!call.reached || call.partial) continue;
    std::vector<std::string> resources = CallResources(call, m, resolver);
    for (const std::string& action : call.actions) {
      if (!catalog.FindAction(action) || done.count(action) != 0) continue;
      iam::Result r = CanOnSome(p, resolver, action, resources);
      if (Granting(r.decision)) continue;
      done.insert(action);
      MissingGrant& missing = out.emplace_back();
      missing.action = action;
      missing.call = &call;
      if (r.decision == iam::Decision::kExplicitlyDenied && !r.statements.empty()) {
        missing.deny = p.Origin(r.statements.front());
      }
    }
  }
  return out;
}

std::vector<UnusedGrant> UnusedGrants(const iam::PrincipalPermissions& p, const model::Model& m,
                                      const iam::Resolver& resolver) {
  std::vector<UnusedGrant> out;
  if (p.kind() != iam::PrincipalKind::kFunction || p.role() == nullptr) return out;
  // What the functions of the role call, and what Lambda needs for them.
  std::set<std::string> used;     // lower-case actions
  std::set<std::string> called;   // services
  std::set<std::string> partial;  // services whose use is not fully known
  for (const model::Function* fn : p.sharing()) {
    const model::HandlerCode& code = fn->code;
    if (!code.analysed || code.partial) return out;
    partial.insert(code.partial_services.begin(), code.partial_services.end());
    for (const model::CodeCall& call : code.calls) {
      called.insert(call.service);
      for (const std::string& a : call.actions) used.insert(util::ToLower(a));
      if (call.partial) partial.insert(call.service);
    }
    for (std::string& a : PlatformActions(*fn, m)) used.insert(std::move(a));
  }
  // Services that read the S3 objects a call names with the caller's own
  // permissions (an image, a document, a recording).
  for (std::string_view reader : {"rekognition", "textract", "transcribe"}) {
    if (called.count(std::string(reader)) != 0) {
      used.insert("s3:getobject");
      used.insert("s3:getobjectversion");
    }
  }
  // Athena reads its tables and writes its results with the caller's
  // permissions: what it needs of S3 and the Glue catalog depends on them.
  if (called.count("athena") != 0) {
    partial.insert("s3");
    partial.insert("glue");
  }
  // The services Lambda uses for the functions (their event sources'
  // secrets, say): a bundle that grants one of them is needed.
  std::set<std::string> needed = called;
  for (const std::string& a : used) needed.insert(a.substr(0, a.find(':')));
  auto is_used = [&](std::string_view action) {
    std::string lower = util::ToLower(action);
    if (used.count(lower) != 0) return true;
    std::string_view service = std::string_view(lower).substr(0, lower.find(':'));
    return used.count(std::string(service) + ":*") != 0;
  };
  const iam::Catalog& catalog = iam::Catalog::Get();
  std::map<std::string, size_t> by_service;  // index in `out`
  std::map<std::string, bool> granted;       // action -> allowed somewhere (memo)
  auto is_granted = [&](const std::string& action) {
    auto [g, fresh] = granted.try_emplace(action, false);
    if (fresh) {
      g->second = CanOnSome(p, resolver, action, {}).decision == iam::Decision::kAllowed;
    }
    return g->second;
  };
  auto add = [&](const std::string& service, bool service_called, const AppliedStatement& applied,
                 const model::String& entry, std::string action) {
    auto [at, added] = by_service.try_emplace(service, out.size());
    if (added) {
      UnusedGrant& u = out.emplace_back();
      u.service = service;
      u.service_unused = !service_called;
      u.origin = applied;
      u.at = entry.loc.known() ? entry.loc : applied.statement->loc;
    }
    out[at->second].actions.push_back(std::move(action));
  };
  for (const model::PolicyDocument* doc : p.policies()) {
    bool bundle = doc->source != model::PolicySource::kInline &&
                  doc->source != model::PolicySource::kCustomerManaged;
    if (bundle && GrantsAnyService(*doc, needed)) continue;
    for (const model::Statement& s : doc->statements) {
      if (!s.known || s.not_action || !s.effect.Is(model::Effect::kAllow)) continue;
      AppliedStatement applied{doc, &s};
      if (iam::IsServiceDesignGrant(p, applied)) continue;
      for (const model::String& entry : s.actions) {
        if (!entry.known()) continue;
        size_t colon = entry.value.find(':');
        // "*" and "s*:Get*" grant many services: other rules report them.
        if (colon == std::string::npos || HasWildcard(entry.value.substr(0, colon))) continue;
        std::string service = util::ToLower(entry.value.substr(0, colon));
        if (partial.count(service) != 0) continue;
        bool service_called = called.count(service) != 0;
        const std::vector<uint32_t>& ids = catalog.ExpandIds(entry.value);
        if (HasWildcard(entry.value)) {
          // How broad a wildcard is within a service the code calls, other
          // rules say; one that grants a service it never calls is unused.
          if (service_called) continue;
          bool any = false;
          for (uint32_t id : ids) {
            iam::ActionInfo info = catalog.action(id);
            if (is_used(info.name)) {
              any = false;
              break;
            }
            if (!any && is_granted(std::string(info.name))) any = true;
          }
          if (any) add(service, false, applied, entry, entry.value);
          continue;
        }
        for (uint32_t id : ids) {
          iam::ActionInfo info = catalog.action(id);
          if (is_used(info.name) || !is_granted(std::string(info.name))) continue;
          add(service, service_called, applied, entry, std::string(info.name));
        }
      }
    }
  }
  for (UnusedGrant& u : out) {
    std::sort(u.actions.begin(), u.actions.end());
    u.actions.erase(std::unique(u.actions.begin(), u.actions.end()), u.actions.end());
  }
  return out;
}

}  // namespace fnwarden::analysis
