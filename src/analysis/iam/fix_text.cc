#include "analysis/iam/fix_text.h"

#include <algorithm>

#include "analysis/policy_query.h"

namespace fnwarden::analysis::iam {
namespace {

// How a template names the ARN of its first resource of a kind; "" when
// it has none.
template <class T>
std::string First(const std::vector<T>& items, std::string_view before, std::string_view after) {
  if (items.empty()) return "";
  return std::string(before) + items.front().id + std::string(after);
}

std::string ExampleFor(const model::Model& m, std::string_view service) {
  if (service == "dynamodb") return First(m.tables, "!GetAtt ", ".Arn");
  if (service == "s3") return First(m.buckets, "!Sub ${", ".Arn}/*");
  if (service == "sqs") return First(m.queues, "!GetAtt ", ".Arn");
  if (service == "sns") return First(m.topics, "!Ref ", "");
  if (service == "secretsmanager") return First(m.secrets, "!Ref ", "");
  if (service == "kms") return First(m.keys, "!GetAtt ", ".Arn");
  if (service == "lambda") return First(m.functions, "!GetAtt ", ".Arn");
  if (service == "states") return First(m.state_machines, "!Ref ", "");
  if (service == "logs") return First(m.log_groups, "!GetAtt ", ".Arn");
  if (service == "events") return First(m.event_buses, "!GetAtt ", ".Arn");
  return "";
}

}  // namespace

std::string ResourceExample(const model::Model& m, const std::vector<std::string>& services) {
  for (const std::string& service : services) {
    std::string example = ExampleFor(m, service);
    if (!example.empty()) return " (for example " + example + ")";
  }
  return "";
}

std::vector<std::string> ServicesOf(const std::vector<std::string>& actions) {
  std::vector<std::string> out;
  for (const std::string& a : actions) {
    std::string service = a.substr(0, a.find(':'));
    if (std::find(out.begin(), out.end(), service) == out.end()) out.push_back(service);
  }
  return out;
}

std::string NarrowingFix(const PrincipalPermissions& p, const AppliedStatement& origin,
                         std::string_view narrowed) {
  const model::PolicyDocument* policy = origin.policy;
  const model::Role* role = p.role();
  std::string where = Where(origin.statement->loc);
  if (policy != nullptr && policy->source == model::PolicySource::kManaged) {
    std::string owner = p.OwnerOf(policy);
    return "Replace the AWS managed policy " + policy->name + " of " +
           (owner.empty() ? p.Holder() : owner) +
           " with a customer managed policy (AWS::IAM::ManagedPolicy) that allows only " +
           std::string(narrowed) + ".";
  }
  if (policy != nullptr && policy->source == model::PolicySource::kSamTemplate) {
    std::string fn =
        role != nullptr && !role->generated_from.empty() ? role->generated_from : p.resource().id;
    where = Where(policy->loc);
    return "In the Policies of " + fn + ", replace " + policy->name +
           (where.empty() ? "" : " (" + where + ")") + " with a statement that allows only " +
           std::string(narrowed) + ".";
  }
  if (role != nullptr && !role->generated_from.empty() && policy != nullptr &&
      p.OwnerOf(policy) == "role " + role->id) {
    // A role SAM generates: what the user wrote is the function's Policies.
    return "In the Policies of " + role->generated_from + ", replace the statement" +
           (where.empty() ? "" : " at " + where) + " with one that allows only " +
           std::string(narrowed) + ".";
  }
  std::string label = PolicyLabel(origin);
  std::string owner = policy != nullptr ? p.OwnerOf(policy) : "";
  std::string held = label + (owner.empty() ? "" : " of " + owner);
  return "Replace the statement" + (where.empty() ? "" : " at " + where) + " (" + held +
         ") with one that allows only " + std::string(narrowed) + ".";
}

}  // namespace fnwarden::analysis::iam
