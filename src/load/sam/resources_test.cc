// SimpleTable, StateMachine, Application and Connectors.
#include <gtest/gtest.h>

#include "load/sam/sam_test_util.h"

namespace fnwarden::load::sam {
namespace {

using testing::Dump;
using testing::DumpPermission;
using testing::DumpStatement;
using testing::Expand;
using testing::PolicyNames;

constexpr const char* kHeader =
    "AWSTemplateFormatVersion: '2010-09-09'\n"
    "Transform: AWS::Serverless-2016-10-31\n";

TEST(SamSimpleTable, WithGlobals) {
  auto e = Expand(std::string(kHeader) + R"(Globals:
  SimpleTable:
    SSESpecification: {SSEEnabled: true}
Resources:
  Plain:
    Type: AWS::Serverless::SimpleTable
  Named:
    Type: AWS::Serverless::SimpleTable
    Properties:
      TableName: orders
      SSESpecification: {SSEEnabled: false}
)");
  ASSERT_EQ(e->model.tables.size(), 2u);
  EXPECT_EQ(Dump(e->model.tables[0].sse_enabled), "true");
  EXPECT_EQ(Dump(e->model.tables[0].table_name), "-");
  EXPECT_EQ(Dump(e->model.tables[1].table_name), "\"orders\"");
  EXPECT_EQ(Dump(e->model.tables[1].sse_enabled), "false");
}

TEST(SamStateMachine, GeneratedRoleAndSettings) {
  auto e = Expand(std::string(kHeader) + R"(Resources:
  Sm:
    Type: AWS::Serverless::StateMachine
    Properties:
      Type: EXPRESS
      Tracing: {Enabled: true}
      Logging:
        Level: ALL
        Destinations: [{CloudWatchLogsLogGroup: {LogGroupArn: !GetAtt Logs.Arn}}]
      Policies:
        - LambdaInvokePolicy: {FunctionName: !Ref Fn}
      Events:
        Start: {Type: Api, Properties: {Path: /start, Method: post}}
  Logs: {Type: AWS::Logs::LogGroup}
  Fn:
    Type: AWS::Serverless::Function
    Properties: {Handler: a.h}
  Other:
    Type: AWS::Serverless::StateMachine
    Properties: {Role: arn:aws:iam::1:role/r}
)");
  ASSERT_EQ(e->model.state_machines.size(), 2u);
  const model::StateMachine& sm = e->model.state_machines[0];
  EXPECT_EQ(Dump(sm.type), "\"EXPRESS\"");
  EXPECT_EQ(Dump(sm.tracing_enabled), "true");
  EXPECT_EQ(Dump(sm.logging_level), "\"ALL\"");
  EXPECT_TRUE(sm.has_log_destination);
  EXPECT_EQ(sm.role_id, "SmRole");
  const model::Role* role = e->Role("SmRole");
  ASSERT_NE(role, nullptr);
  EXPECT_EQ(DumpStatement(role->trust.statements.at(0)),
            "Allow [\"sts:AssumeRole\"] to [Service:\"states.amazonaws.com\"]");
  EXPECT_EQ(PolicyNames(*role), "LambdaInvokePolicy(template) AWSXrayWriteOnlyAccess(managed)");
  EXPECT_EQ(Dump(e->model.state_machines[1].type), "\"STANDARD\"(default)");
  EXPECT_EQ(Dump(e->model.state_machines[1].role), "\"arn:aws:iam::1:role/r\"");
  EXPECT_EQ(e->Role("OtherRole"), nullptr);
  // The Api event of the state machine: a route on the implicit API.
  const model::Api* api = e->Api("ServerlessRestApi");
  ASSERT_NE(api, nullptr);
  ASSERT_EQ(api->routes.size(), 1u);
  EXPECT_EQ(api->routes[0].source_id, "Sm");
  EXPECT_EQ(api->routes[0].function_id, "");
}

TEST(SamApplication, IsANestedStack) {
  auto e = Expand(std::string(kHeader) + R"(Resources:
  App:
    Type: AWS::Serverless::Application
    Properties:
      Location:
        ApplicationId: arn:aws:serverlessrepo:us-east-1:1:applications/x
        SemanticVersion: 1.0.0
  Local:
    Type: AWS::Serverless::Application
    Properties: {Location: ./nested.yaml}
)");
  ASSERT_EQ(e->model.nested_stacks.size(), 2u);
  EXPECT_EQ(Dump(e->model.nested_stacks[0].location),
            "~\"arn:aws:serverlessrepo:us-east-1:1:applications/x@1.0.0\"");
  EXPECT_EQ(Dump(e->model.nested_stacks[1].location), "\"./nested.yaml\"");
}

TEST(SamConnector, FunctionToTableAndBucket) {
  auto e = Expand(std::string(kHeader) + R"(Resources:
  Table: {Type: AWS::Serverless::SimpleTable}
  Bucket: {Type: AWS::S3::Bucket}
  Fn:
    Type: AWS::Serverless::Function
    Properties: {Handler: a.h}
    Connectors:
      Files:
        Properties:
          Destination: {Id: Bucket}
          Permissions: [Read]
  Conn:
    Type: AWS::Serverless::Connector
    Properties:
      Source: {Id: Fn}
      Destination: {Id: Table}
      Permissions: [Read, Write]
)");
  const model::Role* role = e->Role("FnRole");
  ASSERT_NE(role, nullptr);
  EXPECT_EQ(PolicyNames(*role),
            "AWSLambdaBasicExecutionRole(managed) ConnPolicyDestination0(connector) "
            "FnFilesPolicyDestination0(connector)");
  const model::PolicyDocument& table = role->policies[1];
  ASSERT_EQ(table.statements.size(), 2u);
  EXPECT_EQ(table.statements[0].actions.size(), 6u);
  EXPECT_EQ(table.statements[1].actions.size(), 7u);
  EXPECT_EQ(Dump(table.statements[0].resources.at(1)), "?\"${Table.Arn}/index/*\"@Table");
  const model::PolicyDocument& bucket = role->policies[2];
  ASSERT_EQ(bucket.statements.size(), 1u);
  EXPECT_EQ(Dump(bucket.statements[0].resources.at(0)),
            "?\"arn:${AWS::Partition}:s3:::${Bucket}\"@Bucket");
}

TEST(SamConnector, ApiToFunctionIsAPermission) {
  auto e = Expand(std::string(kHeader) + R"(Resources:
  Api:
    Type: AWS::Serverless::Api
    Properties: {StageName: p}
  Fn:
    Type: AWS::Serverless::Function
    Properties: {Handler: a.h}
  Conn:
    Type: AWS::Serverless::Connector
    Properties:
      Source: {Id: Api}
      Destination: {Id: Fn}
      Permissions: [Write]
)");
  ASSERT_EQ(e->model.permissions.size(), 1u);
  EXPECT_EQ(DumpPermission(e->model.permissions[0]),
            "ConnWriteLambdaPermissionDestination0 \"lambda:InvokeFunction\" "
            "\"apigateway.amazonaws.com\" fn=Fn arn=?\"arn:${AWS::Partition}:execute-api:"
            "${AWS::Region}:${AWS::AccountId}:${Api}/*\"@Api");
}

TEST(SamConnector, QueueToFunctionGoesOnTheFunctionsRole) {
  auto e = Expand(std::string(kHeader) + R"(Resources:
  Queue: {Type: AWS::SQS::Queue}
  Fn:
    Type: AWS::Serverless::Function
    Properties: {Handler: a.h}
  Conn:
    Type: AWS::Serverless::Connector
    Properties:
      Source: {Id: Queue}
      Destination: {Id: Fn}
      Permissions: [Read, Write]
)");
  const model::Role* role = e->Role("FnRole");
  ASSERT_NE(role, nullptr);
  const model::PolicyDocument* doc = testing::FindPolicy(*role, "ConnPolicyDestination0");
  ASSERT_NE(doc, nullptr);
  ASSERT_EQ(doc->statements.size(), 2u);
  EXPECT_EQ(DumpStatement(doc->statements[1]),
            "Allow [\"sqs:DeleteMessage\"] on [?\"${Queue.Arn}\"@Queue]");
}

}  // namespace
}  // namespace fnwarden::load::sam
