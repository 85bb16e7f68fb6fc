#include "analysis/iam/fix_text.h"

#include <algorithm>
#include <cctype>
#include <cstdint>

#include "analysis/policy_query.h"
#include "model/names.h"
#include "util/strings.h"

namespace fnwarden::analysis::iam {
namespace {

// How a template names the ARN of its first resource of a kind that its
// author declared (not one SAM or the Serverless Framework generates, such
// as the deployment bucket); "" when it has none.
template <class T>
std::string First(const std::vector<T>& items, std::string_view before, std::string_view after) {
  for (const T& item : items) {
    if (item.origin == model::Origin::kWritten || item.origin == model::Origin::kCdk) {
      return std::string(before) + item.id + std::string(after);
    }
  }
  return "";
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

namespace {

// What the user wrote that holds a statement, as a fix names it.
enum class Shape : uint8_t {
  kManaged,      // an AWS managed policy, to replace with a customer managed one
  kSamTemplate,  // a SAM policy template of a function's Policies
  kSamPolicies,  // a statement of a function's Policies (the role SAM generates)
  kStatement,    // a statement of the template
};

struct Written {
  Shape shape;
  std::string where;     // "template.yaml:12"; "" when unknown
  std::string function;  // kSamTemplate, kSamPolicies: whose Policies
  std::string owner;     // kManaged: "role R"; kStatement: "policy P of role R"
  // kManaged: where a customer managed policy is declared and attached, in
  // the words of the file the role comes from.
  std::string customer_policy = "AWS::IAM::ManagedPolicy";
};

// How a fix names a role the Serverless Framework generates, whose
// statements the author wrote in serverless.yml: the service's role, or a
// function's own (serverless-iam-roles-per-function); "" for any other.
std::string ServerlessRole(const PrincipalPermissions& p, const model::Role& role) {
  if (role.origin != model::Origin::kServerless) return "";
  if (role.id == "IamRoleLambdaExecution") return "the service's role";
  if (p.function() != nullptr && role.functions.size() == 1) {
    return "the iamRoleStatements of function " + model::ShownName(*p.function());
  }
  return "role " + role.id;
}

Written Locate(const PrincipalPermissions& p, const AppliedStatement& origin) {
  const model::PolicyDocument* policy = origin.policy;
  const model::Role* role = p.role();
  Written w{Shape::kStatement, Where(origin.statement->loc), "", ""};
  std::string serverless = role != nullptr ? ServerlessRole(p, *role) : "";
  if (policy != nullptr && policy->source == model::PolicySource::kManaged) {
    std::string owner = p.OwnerOf(policy);
    w.shape = Shape::kManaged;
    w.owner = !serverless.empty() ? serverless : owner.empty() ? p.Holder() : owner;
    if (!serverless.empty()) {
      w.customer_policy = role->id == "IamRoleLambdaExecution"
                              ? "an AWS::IAM::ManagedPolicy under resources, listed in "
                                "provider.iam.role.managedPolicies"
                              : "an AWS::IAM::ManagedPolicy under resources";
    }
    return w;
  }
  if (!serverless.empty() && policy != nullptr) {
    w.owner = serverless;
    return w;
  }
  if (policy != nullptr && policy->source == model::PolicySource::kPolicyTemplate) {
    w.shape = Shape::kSamTemplate;
    w.function =
        role != nullptr && !role->generated_from.empty() ? role->generated_from : p.resource().id;
    w.where = Where(policy->loc);
    return w;
  }
  if (role != nullptr && !role->generated_from.empty() && policy != nullptr &&
      p.OwnerOf(policy) == "role " + role->id) {
    // A role SAM generates: what the user wrote is the function's Policies.
    w.shape = Shape::kSamPolicies;
    w.function = role->generated_from;
    return w;
  }
  std::string owner = policy != nullptr ? p.OwnerOf(policy) : "";
  w.owner = PolicyLabel(origin) + (owner.empty() ? "" : " of " + owner);
  return w;
}

// How a statement's Action entries name `actions`.
enum class Listing : uint8_t {
  kOnly,    // it lists them and nothing else: the statement can go
  kListed,  // it lists each of them by name
  kOther,   // a wildcard or NotAction grants some of them
};

Listing ListingOf(const model::Statement& s, const std::vector<std::string>& actions) {
  if (s.not_action) return Listing::kOther;
  auto listed = [&](std::string_view action) {
    return std::any_of(s.actions.begin(), s.actions.end(), [&](const model::String& entry) {
      return entry.known() && util::EqualsIgnoreCase(entry.value, action);
    });
  };
  if (!std::all_of(actions.begin(), actions.end(), listed)) return Listing::kOther;
  bool only = std::all_of(s.actions.begin(), s.actions.end(), [&](const model::String& entry) {
    return entry.known() && std::any_of(actions.begin(), actions.end(), [&](const std::string& a) {
             return util::EqualsIgnoreCase(entry.value, a);
           });
  });
  return only ? Listing::kOnly : Listing::kListed;
}

}  // namespace

std::string NarrowingFix(const PrincipalPermissions& p, const AppliedStatement& origin,
                         std::string_view narrowed) {
  Written w = Locate(p, origin);
  switch (w.shape) {
    case Shape::kManaged:
      return "Replace the AWS managed policy " + origin.policy->name + " of " + w.owner +
             " with a customer managed policy (" + w.customer_policy + ") that allows only " +
             std::string(narrowed) + ".";
    case Shape::kSamTemplate:
      return "In the Policies of " + w.function + ", replace " + origin.policy->name +
             (w.where.empty() ? "" : " (" + w.where + ")") + " with a statement that allows only " +
             std::string(narrowed) + ".";
    case Shape::kSamPolicies:
      return "In the Policies of " + w.function + ", replace the statement" +
             (w.where.empty() ? "" : " at " + w.where) + " with one that allows only " +
             std::string(narrowed) + ".";
    case Shape::kStatement:
      break;
  }
  return "Replace the statement" + (w.where.empty() ? "" : " at " + w.where) + " (" + w.owner +
         ") with one that allows only " + std::string(narrowed) + ".";
}

std::string RemovalFix(const PrincipalPermissions& p, const AppliedStatement& origin,
                       const std::vector<std::string>& actions, std::string_view many,
                       std::string_view instead) {
  Written w = Locate(p, origin);
  std::string named = actions.size() <= 6 ? analysis::JoinNames(actions) : std::string(many);
  std::string them = actions.size() == 1 ? "it" : "them";
  std::string only = instead.empty() ? "" : " only on " + std::string(instead);
  // What replaces a grant the user cannot edit action by action.
  std::string caller = w.function.empty() ? model::ShownName(p.resource()) : w.function;
  std::string without = "the actions " + caller + " calls, without " + named +
                        (only.empty() ? "" : ", or with " + them + only);
  switch (w.shape) {
    case Shape::kManaged:
      return "Replace the AWS managed policy " + origin.policy->name + " of " + w.owner +
             " with a customer managed policy (" + w.customer_policy + ") that allows " + without;
    case Shape::kSamTemplate:
      return "In the Policies of " + w.function + ", replace " + origin.policy->name +
             (w.where.empty() ? "" : " (" + w.where + ")") + " with a statement that allows " +
             without;
    case Shape::kSamPolicies:
    case Shape::kStatement:
      break;
  }
  std::string statement = "the statement" + (w.where.empty() ? "" : " at " + w.where) +
                          (w.shape == Shape::kStatement ? " (" + w.owner + ")" : "");
  std::string text;
  switch (ListingOf(*origin.statement, actions)) {
    case Listing::kOnly:
      text = "remove " + statement + (only.empty() ? "" : ", or allow " + named + only);
      break;
    case Listing::kListed:
      text = "remove " + named + " from " + statement +
             (only.empty() ? "" : ", or allow " + them + only);
      break;
    case Listing::kOther:
      text = "replace " + statement + " with one that allows " + without;
      break;
  }
  if (w.shape == Shape::kSamPolicies) return "In the Policies of " + w.function + ", " + text;
  text[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(text[0])));
  return text;
}

std::string GrantName(const AppliedStatement& origin) {
  const model::PolicyDocument* policy = origin.policy;
  if (policy != nullptr && policy->source == model::PolicySource::kManaged) {
    return "the AWS managed policy " + policy->name;
  }
  if (policy != nullptr && policy->source == model::PolicySource::kPolicyTemplate) {
    std::string where = Where(policy->loc);
    return policy->name + (where.empty() ? "" : " (" + where + ")");
  }
  std::string where = Where(origin.statement->loc);
  return where.empty() ? "a statement of " + PolicyLabel(origin) : "the statement at " + where;
}

std::string EscalationFix(const PrincipalPermissions& p, const EscalationUse& use,
                          std::string_view many, std::string_view instead, std::string_view why) {
  // The first step of each method goes through `use.primary`.
  std::vector<std::string> actions;
  auto add = [&](std::string_view action) {
    if (std::find(actions.begin(), actions.end(), action) == actions.end()) {
      actions.emplace_back(action);
    }
  };
  add(use.method->steps.front().action);
  for (const std::string& name : use.also) {
    for (const EscalationMethod& m : EscalationMethods()) {
      if (m.name == name && m.family == use.method->family) add(m.steps.front().action);
    }
  }
  std::string text = RemovalFix(p, use.primary, actions, many, instead);
  if (!why.empty()) text += "; " + std::string(why);
  text += ".";

  std::string primary = GrantName(use.primary);
  std::vector<std::string> others;
  for (const StepGrant& step : use.steps) {
    std::vector<AppliedStatement> origins = p.Origins(step.result);
    if (origins.empty() ||
        std::any_of(origins.begin(), origins.end(), [&](const AppliedStatement& a) {
          return a.statement == use.primary.statement;
        })) {
      continue;
    }
    // Another statement of the same managed policy or SAM policy template
    // is replaced with it.
    std::string name = GrantName(origins.front());
    if (name != primary && std::find(others.begin(), others.end(), name) == others.end()) {
      others.push_back(name);
    }
  }
  if (others.empty()) return text;
  std::string list =
      others.size() <= 2
          ? analysis::JoinNames(others)
          : others.front() + " and " + std::to_string(others.size() - 1) + " more statements";
  return text + " Its other steps come from " + list + ".";
}

}  // namespace fnwarden::analysis::iam
