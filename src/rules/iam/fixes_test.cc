// The fixes of the IAM and isolation rules name what the template wrote
// (analysis/iam/fix_text.h): the statement, the entry of a function's
// Policies, the SAM policy template or the AWS managed policy. Each case
// runs one rule over one of its fixtures, so the fixture tests check the
// same findings are there and these check what they tell the user to do.
#include <gtest/gtest.h>

#include <chrono>
#include <memory>
#include <string>
#include <vector>

#include "analysis/facts.h"
#include "load/project.h"
#include "load/syntax/node.h"
#include "rules/rule.h"
#include "test_util.h"

namespace fnwarden::rules {
namespace {

// "<line> <severity>: <fix>" of each finding of rule `id` on its fixture
// `fixture`, in report order. The fixture is read as "<fixture>", so that
// fixes name it by its file name alone.
std::vector<std::string> Fixes(std::string_view id, const std::string& fixture) {
  const Rule* rule = FindRule(id);
  EXPECT_NE(rule, nullptr) << id;
  if (rule == nullptr) return {};
  std::string path =
      testing::SourceDir() + "/src/rules/" + std::string(rule->folder) + "/fixtures/" + fixture;
  util::SourceSet sources;
  const util::SourceFile* file = sources.Add(fixture, testing::ReadFileOrDie(path));
  util::DiagnosticSink diags;
  std::unique_ptr<load::syntax::Document> doc =
      load::syntax::ParseYaml(file, load::syntax::ParseLimits{}, &diags);
  EXPECT_NE(doc, nullptr) << path;
  if (doc == nullptr) return {};
  model::Model model;
  load::LoadOptions options;
  EXPECT_TRUE(load::BuildTemplateModel(*doc, options, &diags, &model)) << path;
  analysis::Facts facts(model);
  std::vector<model::Finding> findings;
  Context ctx(model, facts, rule->info, std::chrono::sys_days{std::chrono::year{2026} / 12 / 1},
              &findings);
  rule->check(ctx);
  std::vector<std::string> out;
  for (const model::Finding& f : findings) {
    out.push_back(std::to_string(f.loc.line) + " " + std::string(model::SeverityName(f.severity)) +
                  ": " + f.fix);
  }
  return out;
}

TEST(IamFixesTest, AdminEquivalentNamesTheStatementOrManagedPolicy) {
  EXPECT_EQ(Fixes("FNW-IAM-003", "shapes.yaml"),
            (std::vector<std::string>{
                "18 critical: Replace the statement at shapes.yaml:18 (provisioning of role "
                "ProvisionerRole) with one that allows only the actions ProvisionerFunction calls, "
                "on the resources it uses (IAM actions only on the roles it manages, a path such "
                "as role/tenants/*).",
                "37 critical: Replace the AWS managed policy IAMFullAccess of role AuditorRole "
                "with a customer managed policy (AWS::IAM::ManagedPolicy) that allows only the "
                "actions AuditorFunction calls, on the resources it uses (IAM actions only on the "
                "roles it manages, a path such as role/tenants/*).",
                // ReadOnlyAccess has two statements; reading everything is high.
                "38 high: Replace the AWS managed policy ReadOnlyAccess of role AuditorRole with a "
                "customer managed policy (AWS::IAM::ManagedPolicy) that allows only the read "
                "actions AuditorFunction calls, on the resources it reads.",
                "38 high: Replace the AWS managed policy ReadOnlyAccess of role AuditorRole with a "
                "customer managed policy (AWS::IAM::ManagedPolicy) that allows only the read "
                "actions AuditorFunction calls, on the resources it reads.",
            }));
  std::vector<std::string> sam = Fixes("FNW-IAM-003", "sam.yaml");
  ASSERT_EQ(sam.size(), 3u);
  EXPECT_EQ(sam[1],
            "25 critical: In the Policies of NotActionFunction, replace the statement at "
            "sam.yaml:25 with one that allows only the actions NotActionFunction calls, listed "
            "under Action (not NotAction), on the resources it uses.");
}

TEST(IamFixesTest, PassRoleNamesEachGrantingStatement) {
  EXPECT_EQ(Fixes("FNW-IAM-004", "shapes.yaml"),
            (std::vector<std::string>{
                "18 critical: Remove the statement at shapes.yaml:18 (deploy of role "
                "DeployerRole), or allow iam:PassRole only on the roles DeployerFunction passes, "
                "with an iam:PassedToService condition. Its other steps come from the statement "
                "at shapes.yaml:21.",
                "45 critical: Remove iam:PassRole from the statement at shapes.yaml:45 (launch of "
                "role LauncherRole), or allow it only on the roles LauncherFunction passes, with "
                "an iam:PassedToService condition. Its other steps come from the AWS managed "
                "policy AmazonEC2FullAccess.",
                "64 critical: Replace the AWS managed policy AWSLambda_FullAccess of role "
                "BuilderRole with a customer managed policy (AWS::IAM::ManagedPolicy) that allows "
                "the actions BuilderFunction calls, without iam:PassRole, or with it only on the "
                "roles BuilderFunction passes, with an iam:PassedToService condition.",
            }));
  EXPECT_EQ(Fixes("FNW-IAM-004", "sam.yaml"),
            (std::vector<std::string>{
                "25 critical: In the Policies of DeployerFunction, remove iam:PassRole from the "
                "statement at sam.yaml:25, or allow it only on the roles DeployerFunction passes, "
                "with an iam:PassedToService condition.",
                "33 critical: In the Policies of SplitGrantsFunction, remove the statement at "
                "sam.yaml:33, or allow iam:PassRole only on the roles SplitGrantsFunction passes, "
                "with an iam:PassedToService condition. Its other steps come from the statement "
                "at sam.yaml:36.",
            }));
}

TEST(IamFixesTest, IamEscalationRemovesTheStatementOrItsIamWrites) {
  EXPECT_EQ(Fixes("FNW-IAM-005", "shapes.yaml"),
            (std::vector<std::string>{
                "18 critical: Remove the statement at shapes.yaml:18 (tenants of role "
                "TenantAdminRole); permissions belong in the template, deployed by CI/CD.",
                "24 critical: Replace the statement at shapes.yaml:24 (tenants of role "
                "TenantAdminRole) with one that allows the actions TenantAdminFunction calls, "
                "without iam:PutRolePolicy, iam:PutRolePermissionsBoundary and "
                "iam:PutUserPolicy; permissions belong in the template, deployed by CI/CD.",
                "21 critical: Remove iam:CreateAccessKey from the statement at shapes.yaml:21 "
                "(tenants of role TenantAdminRole); permissions belong in the template, deployed "
                "by CI/CD.",
                "43 critical: Replace the AWS managed policy IAMFullAccess of role DirectoryRole "
                "with a customer managed policy (AWS::IAM::ManagedPolicy) that allows the actions "
                "DirectoryFunction calls, without IAM write actions; permissions belong in the "
                "template, deployed by CI/CD.",
            }));
  std::vector<std::string> sam = Fixes("FNW-IAM-005", "sam.yaml");
  ASSERT_EQ(sam.size(), 3u);
  EXPECT_EQ(sam[2],
            "33 critical: In the Policies of TrustFunction, remove iam:CreatePolicyVersion and "
            "iam:UpdateAssumeRolePolicy from the statement at sam.yaml:33; permissions belong in "
            "the template, deployed by CI/CD.");
}

TEST(IamFixesTest, ComputeTakeoverNamesTheActions) {
  EXPECT_EQ(Fixes("FNW-IAM-006", "shapes.yaml"),
            (std::vector<std::string>{
                "18 high: Remove the statement at shapes.yaml:18 (patch of role PatcherRole), or "
                "allow lambda:UpdateFunctionCode only on the resources PatcherFunction manages; "
                "deployments belong to the CI/CD role.",
                "21 high: Remove ssm:SendCommand from the statement at shapes.yaml:21 (patch of "
                "role PatcherRole), or allow it only on the resources PatcherFunction manages; "
                "deployments belong to the CI/CD role.",
                "40 high: Replace the AWS managed policy AWSLambda_FullAccess of role ConsoleRole "
                "with a customer managed policy (AWS::IAM::ManagedPolicy) that allows the actions "
                "ConsoleFunction calls, without lambda:UpdateFunctionCode and "
                "lambda:UpdateFunctionConfiguration, or with them only on the resources "
                "ConsoleFunction manages; deployments belong to the CI/CD role.",
            }));
}

TEST(IamFixesTest, IamWriteNarrowsTheStatement) {
  EXPECT_EQ(Fixes("FNW-IAM-007", "shapes.yaml"),
            (std::vector<std::string>{
                "17 high: Replace the statement at shapes.yaml:17 (role-editing of role "
                "RoleEditorRole) with one that allows only the IAM actions RoleEditorFunction "
                "needs, on the roles or policies it manages (a path such as role/tenants/*).",
            }));
}

TEST(IamFixesTest, PermissionsManagementNamesEachShape) {
  EXPECT_EQ(Fixes("FNW-IAM-019", "shapes.yaml"),
            (std::vector<std::string>{
                "18 high: Remove the statement at shapes.yaml:18 (sharing of role SharerRole), or "
                "allow sqs:AddPermission and sqs:RemovePermission only on the resources "
                "SharerFunction manages (for example !GetAtt Uploads.Arn).",
                "37 high: Replace the AWS managed policy AmazonMQFullAccess of role BrokerRole "
                "with a customer managed policy (AWS::IAM::ManagedPolicy) that allows the actions "
                "BrokerFunction calls, without ec2:CreateNetworkInterfacePermission and "
                "ec2:DeleteNetworkInterfacePermission, or with them only on the resources "
                "BrokerFunction manages.",
            }));
  EXPECT_EQ(Fixes("FNW-IAM-019", "sam-template.yaml"),
            (std::vector<std::string>{
                "15 high: In the Policies of NotifierFunction, replace SNSCrudPolicy "
                "(sam-template.yaml:15) with a statement that allows the actions NotifierFunction "
                "calls, without sns:SetTopicAttributes, or with it only on the resources "
                "NotifierFunction manages (for example !Ref Alerts).",
            }));
  // No object ARN as the example of a bucket policy's resource.
  EXPECT_EQ(Fixes("FNW-IAM-019", "sam.yaml"),
            (std::vector<std::string>{
                "19 high: In the Policies of PolicyFunction, remove the statement at sam.yaml:19, "
                "or allow s3:PutBucketPolicy and sqs:AddPermission only on the resources "
                "PolicyFunction manages.",
            }));
}

TEST(IamFixesTest, DefenseEvasionNamesWhatTheFunctionOwns) {
  EXPECT_EQ(Fixes("FNW-IAM-020", "shapes.yaml"),
            (std::vector<std::string>{
                "18 high: Remove the statement at shapes.yaml:18 (cleanup of role JanitorRole), "
                "or allow logs:DeleteLogGroup only on the log groups JanitorFunction owns (for "
                "example !GetAtt JanitorLogs.Arn).",
                "21 high: Replace the statement at shapes.yaml:21 (cleanup of role JanitorRole) "
                "with one that allows the actions JanitorFunction calls, without "
                "kms:ScheduleKeyDeletion and kms:DisableKey, or with them only on the keys "
                "JanitorFunction owns.",
                "40 high: Replace the AWS managed policy CloudWatchFullAccess of role "
                "DashboardRole with a customer managed policy (AWS::IAM::ManagedPolicy) that "
                "allows the actions DashboardFunction calls, without logs:DeleteLogGroup, "
                "logs:DeleteLogStream and logs:PutRetentionPolicy, or with them only on the log "
                "groups DashboardFunction owns (for example !GetAtt JanitorLogs.Arn).",
            }));
}

TEST(IsoFixesTest, ModifyFunctionsRemovesTheActions) {
  EXPECT_EQ(Fixes("FNW-ISO-002", "cfn.yaml"),
            (std::vector<std::string>{
                "19 high: Replace the statement at cfn.yaml:19 (ops of role OpsRole) with one that "
                "allows the actions OpsFunction calls, without lambda:UpdateFunctionCode and "
                "lambda:UpdateFunctionConfiguration; deployments belong to the CI/CD role, not to "
                "a function.",
                "43 high: Remove the statement at cfn.yaml:43 (deploy of role DeployRole); "
                "deployments belong to the CI/CD role, not to a function.",
            }));
  std::vector<std::string> sam = Fixes("FNW-ISO-002", "sam.yaml");
  ASSERT_FALSE(sam.empty());
  EXPECT_EQ(sam[0],
            "23 high: In the Policies of DeployerFunction, remove the statement at sam.yaml:23; "
            "deployments belong to the CI/CD role, not to a function.");
}

TEST(IsoFixesTest, InvokeAnyNamesEachShape) {
  EXPECT_EQ(Fixes("FNW-ISO-003", "shapes.yaml"),
            (std::vector<std::string>{
                "14 medium: Replace the AWS managed policy AWSLambdaRole of role RouterRole with a "
                "customer managed policy (AWS::IAM::ManagedPolicy) that allows only "
                "lambda:InvokeFunction on the functions RouterFunction calls.",
            }));
  EXPECT_EQ(Fixes("FNW-ISO-003", "sam.yaml"),
            (std::vector<std::string>{
                "16 medium: In the Policies of OrchestratorFunction, replace the statement at "
                "sam.yaml:16 with one that allows only lambda:InvokeFunction on the functions "
                "OrchestratorFunction calls (for example !GetAtt FulfilmentFunction.Arn).",
            }));
  EXPECT_EQ(Fixes("FNW-ISO-003", "sam-template.yaml"),
            (std::vector<std::string>{
                "19 medium: In the Policies of DispatcherFunction, replace LambdaInvokePolicy "
                "(sam-template.yaml:19) with a statement that allows only lambda:InvokeFunction "
                "on the functions DispatcherFunction calls (for example !GetAtt "
                "FulfilmentFunction.Arn).",
            }));
}

}  // namespace
}  // namespace fnwarden::rules
