// The curated table of dependent actions: what else AWS authorizes when an
// action is called with the parameters that need it. The source data's
// dependentActions fields are empty in the pinned version, so fnwarden keeps
// the ones its rules need, each from the service's documentation. Every entry
// names catalog actions (dependent_actions_test checks it).

#include <algorithm>
#include <string_view>
#include <utility>
#include <vector>

#include "analysis/iam/catalog.h"
#include "util/strings.h"

namespace fnwarden::analysis::iam {
namespace {

struct Dependency {
  std::string_view action;
  std::string_view needs;
};

// Sorted by action (lower-cased), then by dependent action.
constexpr Dependency kDependencies[] = {
    {"cloudformation:CreateChangeSet", "iam:PassRole"},
    {"cloudformation:CreateStack", "iam:PassRole"},
    {"cloudformation:UpdateStack", "iam:PassRole"},
    {"codebuild:CreateProject", "iam:PassRole"},
    {"codebuild:UpdateProject", "iam:PassRole"},
    {"datapipeline:CreatePipeline", "iam:PassRole"},
    {"ec2:RunInstances", "iam:PassRole"},
    {"ecs:RegisterTaskDefinition", "iam:PassRole"},
    {"ecs:RunTask", "iam:PassRole"},
    {"events:PutTargets", "iam:PassRole"},
    {"glue:CreateDevEndpoint", "iam:PassRole"},
    {"glue:CreateJob", "iam:PassRole"},
    {"glue:UpdateJob", "iam:PassRole"},
    {"lambda:CreateFunction", "iam:PassRole"},
    {"lambda:CreateFunction", "lambda:GetLayerVersion"},
    {"lambda:UpdateFunctionConfiguration", "iam:PassRole"},
    {"lambda:UpdateFunctionConfiguration", "lambda:GetLayerVersion"},
    {"sagemaker:CreateNotebookInstance", "iam:PassRole"},
    {"sagemaker:CreateTrainingJob", "iam:PassRole"},
    {"scheduler:CreateSchedule", "iam:PassRole"},
    {"states:CreateStateMachine", "iam:PassRole"},
    {"states:UpdateStateMachine", "iam:PassRole"},
};

}  // namespace

std::vector<std::string_view> Catalog::DependentActions(std::string_view action) const {
  std::vector<std::string_view> out;
  for (const Dependency& d : kDependencies) {
    if (util::EqualsIgnoreCase(d.action, action)) out.push_back(d.needs);
  }
  return out;
}

std::vector<std::pair<std::string_view, std::string_view>> Catalog::DependentActionTable() {
  std::vector<std::pair<std::string_view, std::string_view>> out;
  for (const Dependency& d : kDependencies) out.emplace_back(d.action, d.needs);
  return out;
}

}  // namespace fnwarden::analysis::iam
