// Function events: triggers, the permissions SAM generates for push sources
// and the role policies it adds for pull sources.
#include <gtest/gtest.h>

#include "load/sam/sam_test_util.h"

namespace fnwarden::load::sam {
namespace {

using testing::Dump;
using testing::DumpPermission;
using testing::DumpStatement;
using testing::DumpTrigger;
using testing::Expand;
using testing::PolicyNames;

std::string WithEvent(const std::string& event) {
  return "AWSTemplateFormatVersion: '2010-09-09'\n"
         "Transform: AWS::Serverless-2016-10-31\n"
         "Resources:\n"
         "  Bucket: {Type: AWS::S3::Bucket}\n"
         "  Topic: {Type: AWS::SNS::Topic}\n"
         "  Queue: {Type: AWS::SQS::Queue}\n"
         "  Dlq: {Type: AWS::SQS::Queue}\n"
         "  Stream: {Type: AWS::Kinesis::Stream}\n"
         "  Table: {Type: AWS::DynamoDB::Table}\n"
         "  Pool: {Type: AWS::Cognito::UserPool}\n"
         "  Fn:\n"
         "    Type: AWS::Serverless::Function\n"
         "    Properties:\n"
         "      Handler: a.h\n"
         "      Events:\n"
         "        Ev:\n" +
         event;
}

struct Case {
  const char* event;
  const char* trigger;
  const char* permission;  // "" when SAM adds none
  const char* policies;    // of FnRole
};

TEST(SamEvents, EveryEventType) {
  const Case cases[] = {
      {"          Type: S3\n          Properties: {Bucket: !Ref Bucket, Events: s3:ObjectCreated:*}\n",
       "S3 Ev src=?\"${Bucket}\"@Bucket async",
       "FnEvPermission \"lambda:InvokeFunction\" \"s3.amazonaws.com\" fn=Fn "
       "account=?\"${AWS::AccountId}\"",
       "AWSLambdaBasicExecutionRole(managed)"},
      {"          Type: SNS\n          Properties: {Topic: !Ref Topic}\n",
       "SNS Ev src=?\"${Topic}\"@Topic async",
       "FnEvPermission \"lambda:InvokeFunction\" \"sns.amazonaws.com\" fn=Fn arn=?\"${Topic}\"@Topic",
       "AWSLambdaBasicExecutionRole(managed)"},
      {"          Type: SQS\n          Properties:\n            Queue: !GetAtt Queue.Arn\n",
       "SQS Ev src=?\"${Queue.Arn}\"@Queue", "",
       "AWSLambdaBasicExecutionRole(managed) AWSLambdaSQSQueueExecutionRole(managed)"},
      {"          Type: Kinesis\n          Properties:\n            Stream: !GetAtt Stream.Arn\n"
       "            StartingPosition: LATEST\n"
       "            DestinationConfig: {OnFailure: {Type: SQS, Destination: !GetAtt Dlq.Arn}}\n",
       "Kinesis Ev src=?\"${Stream.Arn}\"@Stream onfail=?\"${Dlq.Arn}\"@Dlq", "",
       "AWSLambdaBasicExecutionRole(managed) AWSLambdaKinesisExecutionRole(managed) "
       "FnEvSQSPolicy(inline)"},
      {"          Type: DynamoDB\n          Properties: {Stream: !GetAtt Table.StreamArn, "
       "StartingPosition: LATEST}\n",
       "DynamoDB Ev src=?\"${Table.StreamArn}\"@Table", "",
       "AWSLambdaBasicExecutionRole(managed) AWSLambdaDynamoDBExecutionRole(managed)"},
      {"          Type: Schedule\n          Properties: {Schedule: rate(5 minutes)}\n",
       "Schedule Ev src=\"rate(5 minutes)\" async",
       "FnEvPermission \"lambda:InvokeFunction\" \"events.amazonaws.com\" fn=Fn "
       "arn=?\"${FnEv.Arn}\"@FnEv",
       "AWSLambdaBasicExecutionRole(managed)"},
      {"          Type: ScheduleV2\n          Properties: {ScheduleExpression: rate(1 hour)}\n",
       "Schedule Ev src=\"rate(1 hour)\" async", "", "AWSLambdaBasicExecutionRole(managed)"},
      {"          Type: EventBridgeRule\n          Properties: {Pattern: {source: [aws.ec2]}}\n",
       "EventBridgeRule Ev src=\"default\"(default) async",
       "FnEvPermission \"lambda:InvokeFunction\" \"events.amazonaws.com\" fn=Fn "
       "arn=?\"${FnEv.Arn}\"@FnEv",
       "AWSLambdaBasicExecutionRole(managed)"},
      {"          Type: CloudWatchEvent\n          Properties: {EventBusName: bus, Pattern: {}}\n",
       "EventBridgeRule Ev src=\"bus\" async",
       "FnEvPermission \"lambda:InvokeFunction\" \"events.amazonaws.com\" fn=Fn "
       "arn=?\"${FnEv.Arn}\"@FnEv",
       "AWSLambdaBasicExecutionRole(managed)"},
      {"          Type: CloudWatchLogs\n          Properties: {LogGroupName: /app, FilterPattern: ''}\n",
       "CloudWatchLogs Ev src=\"/app\" async",
       "FnEvPermission \"lambda:InvokeFunction\" \"logs.amazonaws.com\" fn=Fn "
       "arn=?\"arn:${AWS::Partition}:logs:${AWS::Region}:${AWS::AccountId}:log-group:/app:*\"",
       "AWSLambdaBasicExecutionRole(managed)"},
      {"          Type: IoTRule\n          Properties: {Sql: SELECT * FROM 't'}\n",
       "IoTRule Ev src=\"SELECT * FROM 't'\" async",
       "FnEvPermission \"lambda:InvokeFunction\" \"iot.amazonaws.com\" fn=Fn "
       "arn=?\"${FnEv.Arn}\"@FnEv account=?\"${AWS::AccountId}\"",
       "AWSLambdaBasicExecutionRole(managed)"},
      {"          Type: AlexaSkill\n          Properties: {SkillId: amzn1.ask.skill.1}\n",
       "AlexaSkill Ev src=\"amzn1.ask.skill.1\"",
       "FnEvPermission \"lambda:InvokeFunction\" \"alexa-appkit.amazon.com\" fn=Fn",
       "AWSLambdaBasicExecutionRole(managed)"},
      {"          Type: Cognito\n          Properties: {UserPool: !Ref Pool, Trigger: PreSignUp}\n",
       "Cognito Ev src=?\"${Pool}\"@Pool async",
       "FnEvPermission \"lambda:InvokeFunction\" \"cognito-idp.amazonaws.com\" fn=Fn "
       "arn=?\"${Pool.Arn}\"@Pool",
       "AWSLambdaBasicExecutionRole(managed)"},
      {"          Type: MSK\n          Properties: {Stream: arn:aws:kafka:us-east-1:1:cluster/c, "
       "StartingPosition: LATEST, Topics: [t]}\n",
       "MSK Ev src=\"arn:aws:kafka:us-east-1:1:cluster/c\"", "",
       "AWSLambdaBasicExecutionRole(managed) AWSLambdaMSKExecutionRole(managed)"},
      {"          Type: MQ\n          Properties:\n            Broker: arn:aws:mq:us-east-1:1:broker:b\n"
       "            Queues: [q]\n"
       "            SourceAccessConfigurations: [{Type: BASIC_AUTH, URI: arn:aws:secretsmanager:s}]\n",
       "MQ Ev src=\"arn:aws:mq:us-east-1:1:broker:b\"", "",
       "AWSLambdaBasicExecutionRole(managed) SamAutoGeneratedAMQPolicy(inline)"},
      {"          Type: SelfManagedKafka\n          Properties:\n"
       "            KafkaBootstrapServers: [b1:9092]\n            Topics: [t]\n",
       "SelfManagedKafka Ev src=\"b1:9092\"", "",
       "AWSLambdaBasicExecutionRole(managed) SelfManagedKafkaExecutionRolePolicy(inline)"},
      {"          Type: DocumentDB\n          Properties:\n            Cluster: arn:aws:rds:c\n"
       "            DatabaseName: d\n            CollectionName: c\n"
       "            SourceAccessConfigurations: [{Type: BASIC_AUTH, URI: arn:aws:secretsmanager:s}]\n",
       "DocumentDB Ev src=\"arn:aws:rds:c\"", "",
       "AWSLambdaBasicExecutionRole(managed) SamAutoGeneratedDocumentDBPolicy(inline)"},
  };
  for (const Case& c : cases) {
    auto e = Expand(WithEvent(c.event));
    ASSERT_EQ(e->model.triggers.size(), 1u) << c.event;
    const model::Trigger& t = e->model.triggers[0];
    EXPECT_EQ(DumpTrigger(t), c.trigger) << c.event;
    EXPECT_EQ(t.function_id, "Fn");
    EXPECT_EQ(t.loc.line, 16u);
    std::string perms;
    for (const model::Permission& p : e->model.permissions) perms += DumpPermission(p);
    EXPECT_EQ(perms, c.permission) << c.event;
    const model::Role* role = e->Role("FnRole");
    ASSERT_NE(role, nullptr);
    EXPECT_EQ(PolicyNames(*role), c.policies) << c.event;
    EXPECT_TRUE(e->Diags().empty()) << c.event << e->Diags().front();
  }
}

TEST(SamEvents, MqPolicyReadsTheSecretAndTheBroker) {
  auto e = Expand(WithEvent(
      "          Type: MQ\n          Properties:\n            Broker: arn:aws:mq:us-east-1:1:broker:b\n"
      "            Queues: [q]\n"
      "            SourceAccessConfigurations: [{Type: BASIC_AUTH, URI: arn:aws:secretsmanager:s}]\n"));
  const model::Role* role = e->Role("FnRole");
  ASSERT_NE(role, nullptr);
  const model::PolicyDocument* doc = testing::FindPolicy(*role, "SamAutoGeneratedAMQPolicy");
  ASSERT_NE(doc, nullptr);
  ASSERT_GE(doc->statements.size(), 2u);
  EXPECT_EQ(DumpStatement(doc->statements[0]),
            "Allow [\"secretsmanager:GetSecretValue\"] on [\"arn:aws:secretsmanager:s\"]");
  EXPECT_EQ(DumpStatement(doc->statements[1]),
            "Allow [\"mq:DescribeBroker\"] on [\"arn:aws:mq:us-east-1:1:broker:b\"]");
}

TEST(SamEvents, ExplicitRoleGetsNoPolicies) {
  auto e = Expand(
      "Transform: AWS::Serverless-2016-10-31\n"
      "Resources:\n"
      "  Fn:\n"
      "    Type: AWS::Serverless::Function\n"
      "    Properties:\n"
      "      Handler: a.h\n"
      "      Role: arn:aws:iam::123456789012:role/r\n"
      "      Events:\n"
      "        Q: {Type: SQS, Properties: {Queue: arn:aws:sqs:us-east-1:1:q}}\n");
  EXPECT_TRUE(e->model.roles.empty());
  ASSERT_EQ(e->model.triggers.size(), 1u);
  EXPECT_EQ(DumpTrigger(e->model.triggers[0]), "SQS Q src=\"arn:aws:sqs:us-east-1:1:q\"");
}

TEST(SamEvents, UnknownEventTypeIsReported) {
  auto e = Expand(WithEvent("          Type: Carrier\n"));
  EXPECT_TRUE(e->model.triggers.empty());
  EXPECT_EQ(e->Diags(), std::vector<std::string>{
                            "app/template.yaml:16:9: warning: event 'Ev' has type 'Carrier', "
                            "which is not a SAM function event type"});
}

}  // namespace
}  // namespace fnwarden::load::sam
