#include "analysis/iam/service_roles.h"

#include <algorithm>
#include <array>

#include "util/strings.h"

namespace fnwarden::analysis::iam {
namespace {

constexpr std::string_view kServiceRole = "service-role/";

// The principals, one array per distinct set.
constexpr std::array<std::string_view, 1> kApiGateway = {"apigateway.amazonaws.com"};
constexpr std::array<std::string_view, 1> kAppAutoScaling = {
    "application-autoscaling.amazonaws.com"};
constexpr std::array<std::string_view, 1> kAppRunnerBuild = {"build.apprunner.amazonaws.com"};
constexpr std::array<std::string_view, 1> kAppSync = {"appsync.amazonaws.com"};
constexpr std::array<std::string_view, 1> kAutoScaling = {"autoscaling.amazonaws.com"};
constexpr std::array<std::string_view, 1> kBackup = {"backup.amazonaws.com"};
constexpr std::array<std::string_view, 1> kBatch = {"batch.amazonaws.com"};
constexpr std::array<std::string_view, 1> kCodeDeploy = {"codedeploy.amazonaws.com"};
constexpr std::array<std::string_view, 1> kConfig = {"config.amazonaws.com"};
constexpr std::array<std::string_view, 1> kDataLifecycle = {"dlm.amazonaws.com"};
constexpr std::array<std::string_view, 1> kDms = {"dms.amazonaws.com"};
constexpr std::array<std::string_view, 1> kEc2 = {"ec2.amazonaws.com"};
// A managed instance: an EC2 instance, or a server registered through a
// hybrid activation, whose role Systems Manager assumes.
constexpr std::array<std::string_view, 2> kEc2OrSsm = {"ec2.amazonaws.com", "ssm.amazonaws.com"};
constexpr std::array<std::string_view, 1> kEcs = {"ecs.amazonaws.com"};
constexpr std::array<std::string_view, 1> kEcsTasks = {"ecs-tasks.amazonaws.com"};
constexpr std::array<std::string_view, 1> kEks = {"eks.amazonaws.com"};
constexpr std::array<std::string_view, 1> kElasticBeanstalk = {"elasticbeanstalk.amazonaws.com"};
constexpr std::array<std::string_view, 1> kEmr = {"elasticmapreduce.amazonaws.com"};
constexpr std::array<std::string_view, 1> kEvents = {"events.amazonaws.com"};
constexpr std::array<std::string_view, 1> kIot = {"iot.amazonaws.com"};
constexpr std::array<std::string_view, 1> kLambda = {"lambda.amazonaws.com"};
constexpr std::array<std::string_view, 1> kRdsMonitoring = {"monitoring.rds.amazonaws.com"};
constexpr std::array<std::string_view, 1> kSns = {"sns.amazonaws.com"};
constexpr std::array<std::string_view, 1> kSpotFleet = {"spotfleet.amazonaws.com"};
constexpr std::array<std::string_view, 1> kSsm = {"ssm.amazonaws.com"};
constexpr std::array<std::string_view, 1> kTransfer = {"transfer.amazonaws.com"};

// Sorted by name. Left out on purpose: policies AWS has deprecated in favour
// of narrower ones (AmazonEC2RoleforSSM, AmazonElasticMapReduceRole,
// AmazonElasticMapReduceforEC2Role, AWSElasticBeanstalkService), whose
// grants a reviewer should still see; AWSLambdaRole, which lets any holder
// invoke every function; AWSGlueServiceRole, whose glue:* lets the scripts a
// Glue job runs take over the roles of development endpoints; and policies
// for people or any use, wherever AWS files them.
constexpr std::array<ServiceRolePolicy, 53> kPolicies = {{
    {"AWSAppRunnerServicePolicyForECRAccess", kServiceRole, kAppRunnerBuild},
    {"AWSAppSyncPushToCloudWatchLogs", kServiceRole, kAppSync},
    {"AWSBackupServiceRolePolicyForBackup", kServiceRole, kBackup},
    {"AWSBackupServiceRolePolicyForRestores", kServiceRole, kBackup},
    {"AWSBatchServiceEventTargetRole", kServiceRole, kEvents},
    {"AWSBatchServiceRole", kServiceRole, kBatch},
    {"AWSCodeDeployRole", kServiceRole, kCodeDeploy},
    {"AWSCodeDeployRoleForCloudFormation", kServiceRole, kCodeDeploy},
    {"AWSCodeDeployRoleForECS", "", kCodeDeploy},
    {"AWSCodeDeployRoleForLambda", kServiceRole, kCodeDeploy},
    {"AWSCodeDeployRoleForLambdaLimited", kServiceRole, kCodeDeploy},
    {"AWSDataLifecycleManagerServiceRole", kServiceRole, kDataLifecycle},
    {"AWSDataLifecycleManagerServiceRoleForAMIManagement", kServiceRole, kDataLifecycle},
    {"AWSElasticBeanstalkEnhancedHealth", kServiceRole, kElasticBeanstalk},
    {"AWSIoTLogging", kServiceRole, kIot},
    {"AWSIoTRuleActions", kServiceRole, kIot},
    {"AWSIoTThingsRegistration", kServiceRole, kIot},
    {"AWSLambdaBasicDurableExecutionRolePolicy", kServiceRole, kLambda},
    {"AWSLambdaBasicExecutionRole", kServiceRole, kLambda},
    {"AWSLambdaDynamoDBExecutionRole", kServiceRole, kLambda},
    {"AWSLambdaENIManagementAccess", kServiceRole, kLambda},
    {"AWSLambdaKinesisExecutionRole", kServiceRole, kLambda},
    {"AWSLambdaMSKExecutionRole", kServiceRole, kLambda},
    {"AWSLambdaSQSQueueExecutionRole", kServiceRole, kLambda},
    {"AWSLambdaVPCAccessExecutionRole", kServiceRole, kLambda},
    {"AWSTransferLoggingAccess", kServiceRole, kTransfer},
    {"AWS_ConfigRole", kServiceRole, kConfig},
    {"AmazonAPIGatewayPushToCloudWatchLogs", kServiceRole, kApiGateway},
    {"AmazonDMSCloudWatchLogsRole", kServiceRole, kDms},
    {"AmazonDMSRedshiftS3Role", kServiceRole, kDms},
    {"AmazonDMSVPCManagementRole", kServiceRole, kDms},
    {"AmazonEC2ContainerServiceAutoscaleRole", kServiceRole, kAppAutoScaling},
    {"AmazonEC2ContainerServiceEventsRole", kServiceRole, kEvents},
    {"AmazonEC2ContainerServiceRole", kServiceRole, kEcs},
    {"AmazonEC2ContainerServiceforEC2Role", kServiceRole, kEc2},
    {"AmazonEC2SpotFleetAutoscaleRole", kServiceRole, kAppAutoScaling},
    {"AmazonEC2SpotFleetTaggingRole", kServiceRole, kSpotFleet},
    {"AmazonECSTaskExecutionRolePolicy", kServiceRole, kEcsTasks},
    {"AmazonEKSClusterPolicy", "", kEks},
    {"AmazonEKSWorkerNodePolicy", "", kEc2},
    {"AmazonEKS_CNI_Policy", "", kEc2},
    {"AmazonEMRServicePolicy_v2", kServiceRole, kEmr},
    {"AmazonRDSEnhancedMonitoringRole", kServiceRole, kRdsMonitoring},
    {"AmazonS3ObjectLambdaExecutionRolePolicy", kServiceRole, kLambda},
    {"AmazonSNSRole", kServiceRole, kSns},
    {"AmazonSSMAutomationRole", kServiceRole, kSsm},
    {"AmazonSSMMaintenanceWindowRole", kServiceRole, kSsm},
    {"AmazonSSMManagedInstanceCore", "", kEc2OrSsm},
    {"AutoScalingNotificationAccessRole", kServiceRole, kAutoScaling},
    {"CloudWatchAgentServerPolicy", "", kEc2},
    {"CloudWatchEventsBuiltInTargetExecutionAccess", kServiceRole, kEvents},
    {"CloudWatchEventsInvocationAccess", kServiceRole, kEvents},
    {"EC2InstanceProfileForImageBuilder", "", kEc2},
}};

constexpr bool Sorted() {
  for (size_t i = 1; i < kPolicies.size(); ++i) {
    if (!(kPolicies[i - 1].name < kPolicies[i].name)) return false;
  }
  return true;
}
static_assert(Sorted(), "kPolicies must be sorted by name");

const ServiceRolePolicy* Find(std::string_view name) {
  auto it =
      std::lower_bound(kPolicies.begin(), kPolicies.end(), name,
                       [](const ServiceRolePolicy& p, std::string_view n) { return p.name < n; });
  return it != kPolicies.end() && it->name == name ? &*it : nullptr;
}

}  // namespace

std::span<const ServiceRolePolicy> ServiceRolePolicies() { return kPolicies; }

std::span<const std::string_view> ServicesOfServiceRolePolicy(const model::PolicyDocument& policy) {
  // The loaders resolve a name to the catalog's one policy of that name (a
  // written path must be the catalog's), so the name identifies it.
  if (policy.source != model::PolicySource::kManaged) return {};
  const ServiceRolePolicy* entry = Find(policy.name);
  if (entry == nullptr) return {};
  return entry->services;
}

std::vector<const model::PolicyDocument*> ServiceDesignedPolicies(
    const model::Role& role, const std::vector<std::string>& trusted) {
  std::vector<const model::PolicyDocument*> out;
  if (trusted.empty()) return out;
  for (const model::PolicyDocument& p : role.policies) {
    std::span<const std::string_view> services = ServicesOfServiceRolePolicy(p);
    bool designed =
        !services.empty() && std::all_of(trusted.begin(), trusted.end(), [&](const std::string& t) {
          return std::any_of(services.begin(), services.end(),
                             [&](std::string_view s) { return util::EqualsIgnoreCase(s, t); });
        });
    if (designed) out.push_back(&p);
  }
  return out;
}

}  // namespace fnwarden::analysis::iam
