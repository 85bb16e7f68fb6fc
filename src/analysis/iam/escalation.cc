#include "analysis/iam/escalation.h"

#include <algorithm>
#include <array>

#include "analysis/iam/breadth.h"
#include "util/strings.h"

namespace fnwarden::analysis::iam {
namespace {

constexpr std::string_view kRhino =
    "https://rhinosecuritylabs.com/aws/aws-privilege-escalation-methods-mitigation/";
constexpr std::string_view kPathfinding = "https://pathfinding.cloud";

using F = EscalationFamily;
constexpr StepTarget kOwn = StepTarget::kOwnRole;

std::vector<EscalationMethod> BuildMethods() {
  return {
      // ---- IAM itself
      {"iam:CreatePolicyVersion",
       F::kIamPolicy,
       "publish a new default version of any customer managed policy, including those of its "
       "own role",
       {{"iam:CreatePolicyVersion"}},
       kRhino},
      {"iam:SetDefaultPolicyVersion",
       F::kIamPolicy,
       "switch any customer managed policy back to an older, broader version",
       {{"iam:SetDefaultPolicyVersion"}},
       kRhino},
      {"iam:AttachRolePolicy",
       F::kIamPolicy,
       "attach any policy to its own role",
       {{"iam:AttachRolePolicy", kOwn}},
       kRhino},
      {"iam:PutRolePolicy",
       F::kIamPolicy,
       "write any inline policy into its own role",
       {{"iam:PutRolePolicy", kOwn}},
       kRhino},
      {"iam:DeleteRolePermissionsBoundary",
       F::kIamPolicy,
       "remove the permissions boundary of its own role",
       {{"iam:DeleteRolePermissionsBoundary", kOwn}},
       kPathfinding},
      {"iam:PutRolePermissionsBoundary",
       F::kIamPolicy,
       "replace the permissions boundary of its own role with a broader one",
       {{"iam:PutRolePermissionsBoundary", kOwn}},
       kPathfinding},
      {"iam:UpdateAssumeRolePolicy + sts:AssumeRole",
       F::kIamPolicy,
       "make any role trust it, then assume that role",
       {{"iam:UpdateAssumeRolePolicy"}, {"sts:AssumeRole"}},
       kRhino},
      {"iam:CreateAccessKey",
       F::kIamPolicy,
       "create access keys for any IAM user",
       {{"iam:CreateAccessKey"}},
       kRhino},
      {"iam:CreateLoginProfile",
       F::kIamPolicy,
       "give any IAM user without a password a console password of its choice",
       {{"iam:CreateLoginProfile"}},
       kRhino},
      {"iam:UpdateLoginProfile",
       F::kIamPolicy,
       "change the console password of any IAM user",
       {{"iam:UpdateLoginProfile"}},
       kRhino},
      {"iam:AttachUserPolicy + iam:CreateAccessKey",
       F::kIamPolicy,
       "attach any policy to an IAM user and create access keys for it",
       {{"iam:AttachUserPolicy"}, {"iam:CreateAccessKey"}},
       kRhino},
      {"iam:PutUserPolicy + iam:CreateAccessKey",
       F::kIamPolicy,
       "write any inline policy into an IAM user and create access keys for it",
       {{"iam:PutUserPolicy"}, {"iam:CreateAccessKey"}},
       kRhino},
      {"iam:AddUserToGroup + iam:CreateAccessKey",
       F::kIamPolicy,
       "add an IAM user to any group (an administrators group) and create access keys for it",
       {{"iam:AddUserToGroup"}, {"iam:CreateAccessKey"}},
       kRhino},

      // ---- iam:PassRole to new compute
      {"iam:PassRole + lambda:CreateFunction + lambda:InvokeFunction",
       F::kPassRole,
       "create a function that runs with any role and invoke it",
       {{"iam:PassRole"}, {"lambda:CreateFunction"}, {"lambda:InvokeFunction"}},
       kRhino},
      {"iam:PassRole + lambda:CreateFunction + lambda:CreateEventSourceMapping",
       F::kPassRole,
       "create a function that runs with any role and trigger it from a queue or stream",
       {{"iam:PassRole"}, {"lambda:CreateFunction"}, {"lambda:CreateEventSourceMapping"}},
       kRhino},
      {"iam:PassRole + ec2:RunInstances",
       F::kPassRole,
       "launch an instance with any role and read the role's credentials from it",
       {{"iam:PassRole"}, {"ec2:RunInstances"}},
       kRhino},
      {"iam:PassRole + cloudformation:CreateStack",
       F::kPassRole,
       "create a stack that deploys with any role",
       {{"iam:PassRole"}, {"cloudformation:CreateStack"}},
       kRhino},
      {"iam:PassRole + datapipeline:CreatePipeline",
       F::kPassRole,
       "create and run a data pipeline with any role",
       {{"iam:PassRole"},
        {"datapipeline:CreatePipeline"},
        {"datapipeline:PutPipelineDefinition"},
        {"datapipeline:ActivatePipeline"}},
       kRhino},
      {"iam:PassRole + glue:CreateDevEndpoint",
       F::kPassRole,
       "create a Glue development endpoint with any role and log in to it",
       {{"iam:PassRole"}, {"glue:CreateDevEndpoint"}},
       kRhino},
      {"iam:PassRole + glue:CreateJob + glue:StartJobRun",
       F::kPassRole,
       "create and run a Glue job with any role",
       {{"iam:PassRole"}, {"glue:CreateJob"}, {"glue:StartJobRun"}},
       kPathfinding},
      {"iam:PassRole + codebuild:CreateProject + codebuild:StartBuild",
       F::kPassRole,
       "create and run a CodeBuild project with any role",
       {{"iam:PassRole"}, {"codebuild:CreateProject"}, {"codebuild:StartBuild"}},
       kPathfinding},
      {"iam:PassRole + ecs:RegisterTaskDefinition + ecs:RunTask",
       F::kPassRole,
       "register an ECS task definition with any role and run it",
       {{"iam:PassRole"}, {"ecs:RegisterTaskDefinition"}, {"ecs:RunTask"}},
       kPathfinding},
      {"iam:PassRole + ecs:RegisterTaskDefinition + ecs:CreateService",
       F::kPassRole,
       "register an ECS task definition with any role and start a service from it",
       {{"iam:PassRole"}, {"ecs:RegisterTaskDefinition"}, {"ecs:CreateService"}},
       kPathfinding},
      {"iam:PassRole + sagemaker:CreateNotebookInstance",
       F::kPassRole,
       "create a SageMaker notebook with any role and open it",
       {{"iam:PassRole"},
        {"sagemaker:CreateNotebookInstance"},
        {"sagemaker:CreatePresignedNotebookInstanceUrl"}},
       kPathfinding},
      {"iam:PassRole + sagemaker:CreateTrainingJob",
       F::kPassRole,
       "run a SageMaker training job with any role and its own container",
       {{"iam:PassRole"}, {"sagemaker:CreateTrainingJob"}},
       kPathfinding},
      {"iam:PassRole + sagemaker:CreateProcessingJob",
       F::kPassRole,
       "run a SageMaker processing job with any role and its own container",
       {{"iam:PassRole"}, {"sagemaker:CreateProcessingJob"}},
       kPathfinding},
      {"iam:PassRole + states:CreateStateMachine + states:StartExecution",
       F::kPassRole,
       "create and start a state machine that calls AWS APIs with any role",
       {{"iam:PassRole"}, {"states:CreateStateMachine"}, {"states:StartExecution"}},
       kPathfinding},
      {"iam:PassRole + apprunner:CreateService",
       F::kPassRole,
       "create an App Runner service that runs with any role",
       {{"iam:PassRole"}, {"apprunner:CreateService"}},
       kPathfinding},
      {"iam:PassRole + autoscaling:CreateLaunchConfiguration",
       F::kPassRole,
       "launch instances with any role through an Auto Scaling group",
       {{"iam:PassRole"},
        {"autoscaling:CreateLaunchConfiguration"},
        {"autoscaling:CreateAutoScalingGroup"}},
       kPathfinding},

      // ---- compute that already runs with another role
      {"lambda:UpdateFunctionCode",
       F::kExistingCompute,
       "replace the code of any function and act with that function's role",
       {{"lambda:UpdateFunctionCode"}},
       kRhino},
      {"lambda:UpdateFunctionConfiguration",
       F::kExistingCompute,
       "add a layer to any function, running its code with that function's role",
       {{"lambda:UpdateFunctionConfiguration"}},
       kPathfinding},
      {"glue:UpdateDevEndpoint",
       F::kExistingCompute,
       "add its SSH key to any Glue development endpoint and use the endpoint's role",
       {{"glue:UpdateDevEndpoint"}},
       kRhino},
      {"glue:UpdateJob + glue:StartJobRun",
       F::kExistingCompute,
       "change the script of any Glue job and run it with the job's role",
       {{"glue:UpdateJob"}, {"glue:StartJobRun"}},
       kPathfinding},
      {"codebuild:StartBuild",
       F::kExistingCompute,
       "start a build of any CodeBuild project with its own buildspec, with the project's role",
       {{"codebuild:StartBuild"}},
       kPathfinding},
      {"ssm:SendCommand",
       F::kExistingCompute,
       "run commands on any managed instance, with the instance's role",
       {{"ssm:SendCommand"}},
       kPathfinding},
      {"ssm:StartSession",
       F::kExistingCompute,
       "open a shell on any managed instance, with the instance's role",
       {{"ssm:StartSession"}},
       kPathfinding},
      {"ecs:ExecuteCommand",
       F::kExistingCompute,
       "open a shell in any running ECS task, with the task's role",
       {{"ecs:ExecuteCommand"}},
       kPathfinding},
      {"ec2-instance-connect:SendSSHPublicKey",
       F::kExistingCompute,
       "log in to any instance over SSH, with the instance's role",
       {{"ec2-instance-connect:SendSSHPublicKey"}},
       kPathfinding},
      {"sagemaker:CreatePresignedNotebookInstanceUrl",
       F::kExistingCompute,
       "open any SageMaker notebook, with the notebook's role",
       {{"sagemaker:CreatePresignedNotebookInstanceUrl"}},
       kPathfinding},
      {"cloudformation:UpdateStack",
       F::kExistingCompute,
       "change any stack, deploying with the stack's service role",
       {{"cloudformation:UpdateStack"}},
       kPathfinding},
      {"cloudformation:CreateChangeSet + cloudformation:ExecuteChangeSet",
       F::kExistingCompute,
       "change any stack through a change set, deploying with the stack's service role",
       {{"cloudformation:CreateChangeSet"}, {"cloudformation:ExecuteChangeSet"}},
       kPathfinding},
      {"ec2:ModifyInstanceAttribute + ec2:StopInstances + ec2:StartInstances",
       F::kExistingCompute,
       "rewrite the user data of any instance and restart it, running code with its role",
       {{"ec2:ModifyInstanceAttribute"}, {"ec2:StopInstances"}, {"ec2:StartInstances"}},
       kPathfinding},
  };
}

constexpr std::array<std::string_view, 14> kCredentialActions = {
    "iam:CreateAccessKey",
    "iam:CreateLoginProfile",
    "iam:UpdateLoginProfile",
    "iam:CreateServiceSpecificCredential",
    "sts:AssumeRole",
    "secretsmanager:GetSecretValue",
    "ssm:GetParameter",
    "ssm:GetParameters",
    "ssm:GetParametersByPath",
    "kms:Decrypt",
    "lambda:GetFunctionConfiguration",
    "ec2:GetPasswordData",
    "redshift:GetClusterCredentials",
    "rds-db:connect",
};

constexpr std::array<std::string_view, 14> kExfiltrationActions = {
    "s3:GetObject",
    "s3:GetObjectVersion",
    "dynamodb:Scan",
    "dynamodb:Query",
    "dynamodb:GetItem",
    "dynamodb:BatchGetItem",
    "dynamodb:ExportTableToPointInTime",
    "rds-data:ExecuteStatement",
    "sqs:ReceiveMessage",
    "kinesis:GetRecords",
    "logs:GetLogEvents",
    "logs:FilterLogEvents",
    "athena:GetQueryResults",
    "es:ESHttpGet",
};

constexpr std::array<std::string_view, 12> kDefenseEvasionActions = {
    "cloudtrail:StopLogging",       "cloudtrail:DeleteTrail",   "cloudtrail:UpdateTrail",
    "cloudtrail:PutEventSelectors", "logs:DeleteLogGroup",      "logs:DeleteLogStream",
    "logs:PutRetentionPolicy",      "guardduty:DeleteDetector", "guardduty:UpdateDetector",
    "kms:ScheduleKeyDeletion",      "kms:DisableKey",           "backup:DeleteRecoveryPoint",
};

}  // namespace

const std::vector<EscalationMethod>& EscalationMethods() {
  static const std::vector<EscalationMethod> methods = [] {
    std::vector<EscalationMethod> built = BuildMethods();
    for (EscalationMethod& m : built) {
      for (EscalationStep& step : m.steps) {
        if (auto info = Catalog::Get().FindAction(step.action)) step.action_id = info->id;
      }
    }
    return built;
  }();
  return methods;
}

namespace {

// The step of the service a method passes a role to: its first step after
// iam:PassRole ("lambda:CreateFunction"); null when it passes none.
const EscalationStep* PassedTo(const EscalationMethod& m) {
  bool passes = false;
  for (const EscalationStep& step : m.steps) {
    if (step.action == "iam:PassRole") {
      passes = true;
      continue;
    }
    if (passes) return &step;
  }
  return nullptr;
}

// The service principal of a PassedTo step's service: "lambda:CreateFunction"
// -> "lambda.amazonaws.com".
std::string ServicePrincipal(const EscalationStep& step) {
  std::string_view service = step.action.substr(0, step.action.find(':'));
  if (service == "ecs") return "ecs-tasks.amazonaws.com";
  return std::string(service) + ".amazonaws.com";
}

}  // namespace

bool CanUse(const FunctionPermissions& fn, const Resolver& resolver, const EscalationMethod& m,
            std::vector<StepGrant>* steps) {
  steps->clear();
  const EscalationStep* passed_to_step = PassedTo(m);
  // Most methods fail at a step that only a grant on any resource
  // satisfies: look those up before evaluating anything.
  for (const EscalationStep& step : m.steps) {
    if (step.target == StepTarget::kOwnRole) {
      if (fn.role() == nullptr) return false;
      continue;
    }
    if (step.action == "iam:PassRole" && passed_to_step != nullptr) continue;
    if (!step.action_id || fn.FindOnAny(*step.action_id) == nullptr) return false;
  }
  std::string passed_to = passed_to_step ? ServicePrincipal(*passed_to_step) : "";
  // The request context the method creates by itself: a role passed to
  // Lambda is passed with iam:PassedToService lambda.amazonaws.com.
  Context created;
  if (!passed_to.empty()) created.Set("iam:PassedToService", passed_to);
  for (const EscalationStep& step : m.steps) {
    // "Its own role": a user, group or policy has none (the user methods
    // say what they can do to a user).
    if (step.target == StepTarget::kOwnRole && fn.role() == nullptr) return false;
    StepGrant g;
    g.step = &step;
    if (const ActionGrant* on_any = step.action_id ? fn.FindOnAny(*step.action_id) : nullptr) {
      g.result = *on_any->result;
    }
    if (g.result.decision != Decision::kAllowed && step.action == "iam:PassRole" &&
        !passed_to.empty()) {
      g.result =
          fn.Can(step.action, "arn:aws:iam::" + std::string(kAssumedAccount) + ":role/fnwarden-any",
                 created);
    }
    if (g.result.decision != Decision::kAllowed && step.target == StepTarget::kOwnRole &&
        fn.role() != nullptr) {
      std::string arn = resolver.ArnOf(fn.role()->id);
      Result own = fn.Can(step.action, arn);
      if (own.decision == Decision::kAllowed) {
        g.result = std::move(own);
        g.on_own_role_only = true;
      }
    }
    if (g.result.decision != Decision::kAllowed) return false;
    steps->push_back(std::move(g));
  }
  return true;
}

std::vector<EscalationUse> FindEscalations(const FunctionPermissions& fn, const Resolver& resolver,
                                           EscalationFamily family) {
  std::vector<EscalationUse> out;
  std::vector<StepGrant> steps;
  for (const EscalationMethod& m : EscalationMethods()) {
    if (m.family != family || !CanUse(fn, resolver, m, &steps)) continue;
    AppliedStatement primary{nullptr, nullptr};
    const Breadth& breadth = fn.breadth();
    for (const StepGrant& g : steps) {
      for (const AppliedStatement& a : fn.Origins(g.result)) {
        if (!breadth.IsAdmin(a.statement) && !IsServiceDesignGrant(fn, a)) {
          primary = a;
          break;
        }
      }
      if (primary.statement != nullptr) break;
    }
    if (primary.statement == nullptr) continue;
    auto it = std::find_if(out.begin(), out.end(), [&](const EscalationUse& u) {
      return u.primary.statement == primary.statement;
    });
    if (it != out.end()) {
      it->also.emplace_back(m.name);
      continue;
    }
    out.push_back({primary, &m, steps, {}});
  }
  return out;
}

std::string DescribeSteps(const FunctionPermissions& fn, const EscalationUse& use) {
  // Consecutive steps allowed by the same statement share one citation.
  std::vector<std::string> parts;
  std::vector<std::string> actions;
  AppliedStatement current{nullptr, nullptr};
  bool own_only = false;
  auto flush = [&] {
    if (actions.empty() || current.statement == nullptr) return;
    std::string text = GrantText(actions, current);
    if (own_only && fn.role() != nullptr) {
      std::string target = ResourceSummary(*current.statement);
      text.replace(text.find(" on ") + 4, target.size(), "its own role " + fn.role()->id);
    }
    parts.push_back(std::move(text));
    actions.clear();
  };
  for (const StepGrant& g : use.steps) {
    std::vector<AppliedStatement> origins = fn.Origins(g.result);
    if (origins.empty()) continue;
    if (origins.front().statement != current.statement || g.on_own_role_only != own_only) {
      flush();
      current = origins.front();
      own_only = g.on_own_role_only;
    }
    actions.emplace_back(g.step->action);
  }
  flush();
  std::string out;
  for (size_t i = 0; i < parts.size(); ++i) out += (i ? "; " : "") + parts[i];
  return out;
}

namespace {

std::vector<uint32_t> CatalogIds(std::span<const std::string_view> actions) {
  std::vector<uint32_t> ids;
  for (std::string_view a : actions) {
    if (std::optional<ActionInfo> info = Catalog::Get().FindAction(a)) ids.push_back(info->id);
  }
  return ids;
}

}  // namespace

const std::vector<uint32_t>& CredentialActionIds() {
  static const std::vector<uint32_t> ids = CatalogIds(kCredentialActions);
  return ids;
}
const std::vector<uint32_t>& ExfiltrationActionIds() {
  static const std::vector<uint32_t> ids = CatalogIds(kExfiltrationActions);
  return ids;
}
const std::vector<uint32_t>& DefenseEvasionActionIds() {
  static const std::vector<uint32_t> ids = CatalogIds(kDefenseEvasionActions);
  return ids;
}

std::span<const std::string_view> CredentialActions() { return kCredentialActions; }
std::span<const std::string_view> ExfiltrationActions() { return kExfiltrationActions; }
std::span<const std::string_view> DefenseEvasionActions() { return kDefenseEvasionActions; }

namespace {

// Every action the lists and methods name, lower-cased and sorted.
const std::vector<std::string>& NamedActions() {
  static const std::vector<std::string> named = [] {
    std::vector<std::string> all;
    for (auto list : {std::span<const std::string_view>(kCredentialActions),
                      std::span<const std::string_view>(kExfiltrationActions),
                      std::span<const std::string_view>(kDefenseEvasionActions)}) {
      for (std::string_view a : list) all.push_back(util::ToLower(a));
    }
    for (const EscalationMethod& m : EscalationMethods()) {
      for (const EscalationStep& s : m.steps) all.push_back(util::ToLower(s.action));
    }
    std::sort(all.begin(), all.end());
    return all;
  }();
  return named;
}

}  // namespace

bool HasNamedImpact(std::string_view action) {
  const std::vector<std::string>& named = NamedActions();
  return std::binary_search(named.begin(), named.end(), util::ToLower(action));
}

bool HasNamedImpact(const ActionInfo& action) {
  // FindAction ignores case as HasNamedImpact(name) does: the catalog
  // actions among the named ones, by id.
  static const std::vector<uint32_t> ids = [] {
    std::vector<uint32_t> out;
    for (const std::string& a : NamedActions()) {
      if (std::optional<ActionInfo> info = Catalog::Get().FindAction(a)) out.push_back(info->id);
    }
    std::sort(out.begin(), out.end());
    return out;
  }();
  return std::binary_search(ids.begin(), ids.end(), action.id);
}

}  // namespace fnwarden::analysis::iam
