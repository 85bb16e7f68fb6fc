#include "load/code/sdk_catalog.h"

#include <gtest/gtest.h>

#include <string>
#include <string_view>
#include <vector>

#include "util/strings.h"

namespace fnwarden::load::code {
namespace {

using Actions = std::vector<std::string>;

// One call and what it needs, compact: "s3 GetObject [s3:GetObject]",
// "dynamodb ExecuteStatement partial [...]", "unknown s3", "unknown".
std::string Dump(const SdkAction& a) {
  if (!a.known) return a.service.empty() ? "unknown" : "unknown " + a.service;
  std::string out = a.service;
  if (!a.operation.empty()) out += " " + a.operation;
  if (a.partial) out += " partial";
  out += " [" + util::Join(a.actions, " ") + "]";
  return out;
}

std::string Boto3(std::string_view service, std::string_view method) {
  return Dump(ResolveSdkCall(Sdk::kBoto3Client, service, method));
}
std::string Resource(std::string_view service, std::string_view method) {
  return Dump(ResolveSdkCall(Sdk::kBoto3Resource, service, method));
}
std::string V2(std::string_view service, std::string_view method) {
  return Dump(ResolveSdkCall(Sdk::kJsV2, service, method));
}
std::string V3(std::string_view service, std::string_view command) {
  return Dump(ResolveSdkCall(Sdk::kJsV3, service, command));
}

TEST(SdkCatalog, HasTheWholeApi) {
  // aws-sdk 2.1693.0 has 385 services; the bounds leave room for updates.
  EXPECT_GT(SdkServiceCount(), 350u);
  EXPECT_LT(SdkServiceCount(), 600u);
  EXPECT_GT(SdkOperationCount(), 14000u);
  EXPECT_LT(SdkOperationCount(), 30000u);
}

TEST(SdkCatalog, Boto3MethodsAreBotocoreSnakeCase) {
  EXPECT_EQ(Boto3("s3", "get_object"), "s3 GetObject [s3:GetObject]");
  EXPECT_EQ(Boto3("sqs", "send_message"), "sqs SendMessage [sqs:SendMessage]");
  // Digits and runs of capitals, as botocore's xform_name splits them.
  EXPECT_EQ(Boto3("s3", "list_objects_v2"), "s3 ListObjectsV2 [s3:ListBucket]");
  EXPECT_EQ(Boto3("rds", "describe_db_instances"),
            "rds DescribeDBInstances [rds:DescribeDBInstances]");
  EXPECT_EQ(Boto3("s3", "get_bucket_acl"), "s3 GetBucketAcl [s3:GetBucketAcl]");
  EXPECT_EQ(Boto3("sns", "get_sms_attributes"), "sns GetSMSAttributes [sns:GetSMSAttributes]");
  // A trailing plural of capitals is one word: "ListWebACLs", "list_web_acls".
  EXPECT_EQ(Boto3("wafv2", "list_web_acls"), "wafv2 ListWebACLs [wafv2:ListWebACLs]");
  EXPECT_EQ(Boto3("memorydb", "describe_acls"), "memorydb DescribeACLs [memorydb:DescribeACLs]");
  EXPECT_EQ(Boto3("iam", "list_open_id_connect_providers"),
            "iam ListOpenIDConnectProviders [iam:ListOpenIDConnectProviders]");
  // botocore's own exceptions.
  EXPECT_EQ(Boto3("mturk", "list_hits_for_qualification_type"),
            "mechanicalturk ListHITsForQualificationType "
            "[mechanicalturk:ListHITsForQualificationType]");
  // Near misses: the API's spelling and camelCase are not boto3 methods.
  EXPECT_EQ(Boto3("s3", "GetObject"), "unknown s3");
  EXPECT_EQ(Boto3("s3", "getObject"), "unknown s3");
  EXPECT_EQ(Boto3("s3", "list_objects_v_2"), "unknown s3");
  EXPECT_EQ(Boto3("s3", ""), "unknown s3");
}

TEST(SdkCatalog, Boto3ServiceNames) {
  // Names that are neither the endpoint prefix nor the IAM prefix.
  EXPECT_EQ(Boto3("stepfunctions", "start_execution"),
            "states StartExecution [states:StartExecution]");
  EXPECT_EQ(Boto3("events", "put_events"), "events PutEvents [events:PutEvents]");
  EXPECT_EQ(Boto3("ses", "send_raw_email"), "ses SendRawEmail [ses:SendRawEmail]");
  EXPECT_EQ(Boto3("sesv2", "send_email"), "ses SendEmail [ses:SendEmail]");
  EXPECT_EQ(Boto3("cloudwatch", "put_metric_data"),
            "cloudwatch PutMetricData [cloudwatch:PutMetricData]");
  EXPECT_EQ(Boto3("logs", "put_log_events"), "logs PutLogEvents [logs:PutLogEvents]");
  EXPECT_EQ(Boto3("cognito-idp", "admin_get_user"),
            "cognito-idp AdminGetUser [cognito-idp:AdminGetUser]");
  EXPECT_EQ(Boto3("iot-data", "publish"), "iot Publish [iot:Publish]");
  EXPECT_EQ(Boto3("dynamodbstreams", "get_records"), "dynamodb GetRecords [dynamodb:GetRecords]");
  EXPECT_EQ(Boto3("sagemaker-runtime", "invoke_endpoint"),
            "sagemaker InvokeEndpoint [sagemaker:InvokeEndpoint]");
  EXPECT_EQ(Boto3("bedrock-runtime", "invoke_model"), "bedrock InvokeModel [bedrock:InvokeModel]");
  EXPECT_EQ(Boto3("rds-data", "execute_statement"),
            "rds-data ExecuteStatement [rds-data:ExecuteStatement "
            "secretsmanager:GetSecretValue]");
  // v2's file prefixes and endpoint prefixes are not boto3 names.
  EXPECT_EQ(Boto3("states", "start_execution"), "unknown");
  EXPECT_EQ(Boto3("email", "send_email"), "unknown");
  EXPECT_EQ(Boto3("monitoring", "put_metric_data"), "unknown");
  EXPECT_EQ(Boto3("S3", "get_object"), "unknown");
  EXPECT_EQ(Boto3("", "get_object"), "unknown");
}

TEST(SdkCatalog, Boto3PaginatorsAndWaiters) {
  EXPECT_EQ(Boto3("s3", "get_paginator:list_objects_v2"), "s3 ListObjectsV2 [s3:ListBucket]");
  EXPECT_EQ(Boto3("dynamodb", "get_paginator:query"), "dynamodb Query [dynamodb:Query]");
  EXPECT_EQ(Boto3("dynamodb", "get_waiter:table_exists"),
            "dynamodb DescribeTable [dynamodb:DescribeTable]");
  EXPECT_EQ(Boto3("s3", "get_waiter:object_exists"), "s3 HeadObject [s3:GetObject]");
  EXPECT_EQ(Boto3("s3", "get_paginator:ListObjectsV2"), "unknown s3");
  EXPECT_EQ(Boto3("s3", "get_paginator:"), "unknown s3");
  EXPECT_EQ(Boto3("dynamodb", "get_waiter:TableExists"), "unknown dynamodb");
  EXPECT_EQ(Boto3("dynamodb", "get_waiter:describe_table"), "unknown dynamodb");
  EXPECT_EQ(Boto3("dynamodb", "get_waiter:"), "unknown dynamodb");
}

TEST(SdkCatalog, Boto3ClientExtras) {
  EXPECT_EQ(Boto3("s3", "upload_file"), "s3 PutObject [s3:PutObject]");
  EXPECT_EQ(Boto3("s3", "upload_fileobj"), "s3 PutObject [s3:PutObject]");
  EXPECT_EQ(Boto3("s3", "download_file"), "s3 GetObject [s3:GetObject]");
  EXPECT_EQ(Boto3("s3", "download_fileobj"), "s3 GetObject [s3:GetObject]");
  EXPECT_EQ(Boto3("s3", "copy"), "s3 CopyObject [s3:GetObject s3:PutObject]");
  // Presigning needs nothing when it signs; it is known all the same.
  EXPECT_EQ(Boto3("s3", "generate_presigned_url"), "s3 []");
  EXPECT_EQ(Boto3("s3", "generate_presigned_post"), "s3 []");
  EXPECT_EQ(Boto3("lambda", "generate_presigned_url"), "lambda []");
  EXPECT_EQ(Boto3("rds", "generate_db_auth_token"), "rds [rds-db:connect]");
  // Managed transfers exist on S3 clients only; methods of every client on
  // known services only.
  EXPECT_EQ(Boto3("dynamodb", "upload_file"), "unknown dynamodb");
  EXPECT_EQ(Boto3("dynamodb", "generate_presigned_post"), "unknown dynamodb");
  EXPECT_EQ(Boto3("nosuchservice", "generate_presigned_url"), "unknown");
}

TEST(SdkCatalog, JsV2MethodsAreCamelCase) {
  EXPECT_EQ(V2("S3", "getObject"), "s3 GetObject [s3:GetObject]");
  EXPECT_EQ(V2("S3", "listObjectsV2"), "s3 ListObjectsV2 [s3:ListBucket]");
  EXPECT_EQ(V2("DynamoDB", "putItem"), "dynamodb PutItem [dynamodb:PutItem]");
  EXPECT_EQ(V2("StepFunctions", "startExecution"), "states StartExecution [states:StartExecution]");
  EXPECT_EQ(V2("CognitoIdentityServiceProvider", "adminCreateUser"),
            "cognito-idp AdminCreateUser [cognito-idp:AdminCreateUser]");
  EXPECT_EQ(V2("SNS", "getSMSAttributes"), "sns GetSMSAttributes [sns:GetSMSAttributes]");
  EXPECT_EQ(V2("CloudWatch", "putMetricData"),
            "cloudwatch PutMetricData [cloudwatch:PutMetricData]");
  EXPECT_EQ(V2("S3", "GetObject"), "unknown s3");
  EXPECT_EQ(V2("S3", "get_object"), "unknown s3");
  EXPECT_EQ(V2("S3", "getobject"), "unknown s3");
  EXPECT_EQ(V2("S3", ""), "unknown s3");
  EXPECT_EQ(V2("s3", "getObject"), "unknown");
  EXPECT_EQ(V2("AWS.S3", "getObject"), "unknown");
}

TEST(SdkCatalog, JsV2Extras) {
  EXPECT_EQ(V2("S3", "upload"), "s3 PutObject [s3:PutObject]");
  EXPECT_EQ(V2("S3", "getSignedUrl"), "s3 []");
  EXPECT_EQ(V2("S3", "getSignedUrlPromise"), "s3 []");
  EXPECT_EQ(V2("S3", "createPresignedPost"), "s3 []");
  EXPECT_EQ(V2("DynamoDB", "upload"), "unknown dynamodb");
}

TEST(SdkCatalog, JsV2DocumentClient) {
  const std::string_view kDoc = "DynamoDB.DocumentClient";
  EXPECT_EQ(V2(kDoc, "get"), "dynamodb GetItem [dynamodb:GetItem]");
  EXPECT_EQ(V2(kDoc, "put"), "dynamodb PutItem [dynamodb:PutItem]");
  EXPECT_EQ(V2(kDoc, "update"), "dynamodb UpdateItem [dynamodb:UpdateItem]");
  EXPECT_EQ(V2(kDoc, "delete"), "dynamodb DeleteItem [dynamodb:DeleteItem]");
  EXPECT_EQ(V2(kDoc, "query"), "dynamodb Query [dynamodb:Query]");
  EXPECT_EQ(V2(kDoc, "scan"), "dynamodb Scan [dynamodb:Scan]");
  EXPECT_EQ(V2(kDoc, "batchGet"), "dynamodb BatchGetItem [dynamodb:BatchGetItem]");
  EXPECT_EQ(V2(kDoc, "batchWrite"), "dynamodb BatchWriteItem [dynamodb:BatchWriteItem]");
  EXPECT_EQ(V2(kDoc, "transactGet"), "dynamodb TransactGetItems [dynamodb:GetItem]");
  EXPECT_EQ(V2(kDoc, "transactWrite"),
            "dynamodb TransactWriteItems partial [dynamodb:ConditionCheckItem "
            "dynamodb:DeleteItem dynamodb:PutItem dynamodb:UpdateItem]");
  EXPECT_EQ(V2(kDoc, "createSet"), "dynamodb []");
  // The document client has its own methods, not the API's.
  EXPECT_EQ(V2(kDoc, "getItem"), "unknown dynamodb");
  EXPECT_EQ(V2(kDoc, "executeStatement"), "unknown dynamodb");
}

TEST(SdkCatalog, JsV3Commands) {
  EXPECT_EQ(V3("@aws-sdk/client-s3", "GetObjectCommand"), "s3 GetObject [s3:GetObject]");
  EXPECT_EQ(V3("@aws-sdk/client-sfn", "StartExecutionCommand"),
            "states StartExecution [states:StartExecution]");
  EXPECT_EQ(V3("@aws-sdk/client-cognito-identity-provider", "AdminGetUserCommand"),
            "cognito-idp AdminGetUser [cognito-idp:AdminGetUser]");
  EXPECT_EQ(V3("@aws-sdk/client-secrets-manager", "GetSecretValueCommand"),
            "secretsmanager GetSecretValue [secretsmanager:GetSecretValue]");
  EXPECT_EQ(V3("@aws-sdk/client-cloudwatch-logs", "PutLogEventsCommand"),
            "logs PutLogEvents [logs:PutLogEvents]");
  EXPECT_EQ(V3("@aws-sdk/client-eventbridge", "PutEventsCommand"),
            "events PutEvents [events:PutEvents]");
  // Aggregated clients: camelCase methods on the same package.
  EXPECT_EQ(V3("@aws-sdk/client-s3", "getObject"), "s3 GetObject [s3:GetObject]");
  EXPECT_EQ(V3("@aws-sdk/client-s3", "listObjectsV2"), "s3 ListObjectsV2 [s3:ListBucket]");
  // Paginators name their operation.
  EXPECT_EQ(V3("@aws-sdk/client-s3", "paginateListObjectsV2"), "s3 ListObjectsV2 [s3:ListBucket]");
  EXPECT_EQ(V3("@aws-sdk/client-dynamodb", "paginateQuery"), "dynamodb Query [dynamodb:Query]");
  // Near misses.
  EXPECT_EQ(V3("@aws-sdk/client-s3", "Command"), "unknown s3");
  EXPECT_EQ(V3("@aws-sdk/client-s3", "GetObject"), "unknown s3");
  EXPECT_EQ(V3("@aws-sdk/client-s3", "getObjectCommand"), "unknown s3");
  EXPECT_EQ(V3("@aws-sdk/client-s3", "paginate"), "unknown s3");
  EXPECT_EQ(V3("@aws-sdk/client-s3", "paginateGetNothing"), "unknown s3");
  EXPECT_EQ(V3("@aws-sdk/client-s3", "send"), "unknown s3");
  EXPECT_EQ(V3("@aws-sdk/client-s3", "destroy"), "s3 []");
  EXPECT_EQ(V3("@aws-sdk/client-stepfunctions", "StartExecutionCommand"), "unknown");
  EXPECT_EQ(V3("@aws-sdk/client-", "GetObjectCommand"), "unknown");
  EXPECT_EQ(V3("client-s3", "GetObjectCommand"), "unknown");
  EXPECT_EQ(V3("S3", "GetObjectCommand"), "unknown");
}

TEST(SdkCatalog, JsV3LibDynamodb) {
  const std::string_view kLib = "@aws-sdk/lib-dynamodb";
  struct Case {
    std::string_view command, method, want;
  };
  const Case cases[] = {
      {"GetCommand", "get", "dynamodb GetItem [dynamodb:GetItem]"},
      {"PutCommand", "put", "dynamodb PutItem [dynamodb:PutItem]"},
      {"UpdateCommand", "update", "dynamodb UpdateItem [dynamodb:UpdateItem]"},
      {"DeleteCommand", "delete", "dynamodb DeleteItem [dynamodb:DeleteItem]"},
      {"QueryCommand", "query", "dynamodb Query [dynamodb:Query]"},
      {"ScanCommand", "scan", "dynamodb Scan [dynamodb:Scan]"},
      {"BatchGetCommand", "batchGet", "dynamodb BatchGetItem [dynamodb:BatchGetItem]"},
      {"BatchWriteCommand", "batchWrite", "dynamodb BatchWriteItem [dynamodb:BatchWriteItem]"},
      {"TransactGetCommand", "transactGet", "dynamodb TransactGetItems [dynamodb:GetItem]"},
      {"TransactWriteCommand", "transactWrite",
       "dynamodb TransactWriteItems partial [dynamodb:ConditionCheckItem dynamodb:DeleteItem "
       "dynamodb:PutItem dynamodb:UpdateItem]"},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(V3(kLib, c.command), c.want) << c.command;
    EXPECT_EQ(V3(kLib, c.method), c.want) << c.method;
  }
  EXPECT_EQ(Dump(ResolveSdkCall(Sdk::kJsV3, kLib, "ExecuteStatementCommand",
                                "SELECT * FROM orders WHERE pk = ?")),
            "dynamodb ExecuteStatement [dynamodb:PartiQLSelect]");
  EXPECT_EQ(Dump(ResolveSdkCall(Sdk::kJsV3, kLib, "executeStatement", "DELETE FROM t")),
            "dynamodb ExecuteStatement [dynamodb:PartiQLDelete]");
  EXPECT_EQ(Dump(ResolveSdkCall(Sdk::kJsV3, kLib, "BatchExecuteStatementCommand",
                                "INSERT INTO t VALUE {'pk': 1}")),
            "dynamodb BatchExecuteStatement [dynamodb:PartiQLInsert]");
  EXPECT_EQ(Dump(ResolveSdkCall(Sdk::kJsV3, kLib, "ExecuteTransactionCommand", "")),
            "dynamodb ExecuteTransaction partial [dynamodb:PartiQLDelete dynamodb:PartiQLInsert "
            "dynamodb:PartiQLSelect dynamodb:PartiQLUpdate]");
  EXPECT_EQ(V3(kLib, "paginateQuery"), "dynamodb Query [dynamodb:Query]");
  EXPECT_EQ(V3(kLib, "paginateScan"), "dynamodb Scan [dynamodb:Scan]");
  // The library's own names only: not the API's commands.
  EXPECT_EQ(V3(kLib, "GetItemCommand"), "unknown dynamodb");
  EXPECT_EQ(V3(kLib, "getItem"), "unknown dynamodb");
  EXPECT_EQ(V3(kLib, "paginateListTables"), "unknown dynamodb");
}

TEST(SdkCatalog, JsV3LibStorage) {
  EXPECT_EQ(V3("@aws-sdk/lib-storage", "Upload"), "s3 PutObject [s3:PutObject]");
  EXPECT_EQ(V3("@aws-sdk/lib-storage", "upload"), "unknown s3");
  EXPECT_EQ(V3("@aws-sdk/lib-storage", "PutObjectCommand"), "unknown s3");
}

TEST(SdkCatalog, PartiqlStatementPicksTheAction) {
  const std::string_view kAny =
      "[dynamodb:PartiQLDelete dynamodb:PartiQLInsert dynamodb:PartiQLSelect "
      "dynamodb:PartiQLUpdate]";
  struct Case {
    std::string_view statement, want;
  };
  const Case cases[] = {
      {"SELECT * FROM \"orders\"", "[dynamodb:PartiQLSelect]"},
      {"select pk from t", "[dynamodb:PartiQLSelect]"},
      {"  \n\tInsert into t value {'a': 1}", "[dynamodb:PartiQLInsert]"},
      {"UPDATE t SET a = 1 WHERE pk = 'x'", "[dynamodb:PartiQLUpdate]"},
      {"DELETE FROM t WHERE pk = 'x'", "[dynamodb:PartiQLDelete]"},
      {"(SELECT 1)", "[dynamodb:PartiQLSelect]"},
      // Unknown: any of the four, partially.
      {"", kAny},
      {"EXISTS(SELECT 1)", kAny},
      {"SELECTED", kAny},
      {"lect", kAny},
      {"t = 1", kAny},
      {"123", kAny},
  };
  for (const Case& c : cases) {
    std::string want = "dynamodb ExecuteStatement " +
                       std::string(c.want == kAny ? "partial " : "") + std::string(c.want);
    EXPECT_EQ(Dump(ResolveSdkCall(Sdk::kBoto3Client, "dynamodb", "execute_statement", c.statement)),
              want)
        << c.statement;
  }
  // Every SDK's spelling of the three PartiQL operations.
  EXPECT_EQ(Dump(ResolveSdkCall(Sdk::kJsV2, "DynamoDB", "executeStatement", "update t set a=1")),
            "dynamodb ExecuteStatement [dynamodb:PartiQLUpdate]");
  EXPECT_EQ(Dump(ResolveSdkCall(Sdk::kJsV3, "@aws-sdk/client-dynamodb",
                                "BatchExecuteStatementCommand", "DELETE FROM t")),
            "dynamodb BatchExecuteStatement [dynamodb:PartiQLDelete]");
  EXPECT_EQ(Dump(ResolveSdkCall(Sdk::kBoto3Client, "dynamodb", "execute_transaction", "")),
            "dynamodb ExecuteTransaction partial [dynamodb:PartiQLDelete dynamodb:PartiQLInsert "
            "dynamodb:PartiQLSelect dynamodb:PartiQLUpdate]");
  // A statement given to another call changes nothing.
  EXPECT_EQ(Dump(ResolveSdkCall(Sdk::kBoto3Client, "dynamodb", "get_item", "DELETE FROM t")),
            "dynamodb GetItem [dynamodb:GetItem]");
  // The whole SdkCall.
  SdkCall call;
  call.sdk = Sdk::kJsV3;
  call.service = "@aws-sdk/client-dynamodb";
  call.operation = "ExecuteStatementCommand";
  call.statement = "SELECT * FROM t";
  EXPECT_EQ(Dump(ResolveSdkCall(call)), "dynamodb ExecuteStatement [dynamodb:PartiQLSelect]");
}

TEST(SdkCatalog, CuratedS3) {
  EXPECT_EQ(Boto3("s3", "list_objects"), "s3 ListObjects [s3:ListBucket]");
  EXPECT_EQ(Boto3("s3", "head_object"), "s3 HeadObject [s3:GetObject]");
  EXPECT_EQ(Boto3("s3", "head_bucket"), "s3 HeadBucket [s3:ListBucket]");
  EXPECT_EQ(Boto3("s3", "copy_object"), "s3 CopyObject [s3:GetObject s3:PutObject]");
  EXPECT_EQ(Boto3("s3", "delete_objects"), "s3 DeleteObjects [s3:DeleteObject]");
  EXPECT_EQ(Boto3("s3", "upload_part"), "s3 UploadPart [s3:PutObject]");
  EXPECT_EQ(Boto3("s3", "create_multipart_upload"), "s3 CreateMultipartUpload [s3:PutObject]");
  EXPECT_EQ(Boto3("s3", "complete_multipart_upload"), "s3 CompleteMultipartUpload [s3:PutObject]");
  EXPECT_EQ(Boto3("s3", "list_object_versions"), "s3 ListObjectVersions [s3:ListBucketVersions]");
  EXPECT_EQ(Boto3("s3", "list_buckets"), "s3 ListBuckets [s3:ListAllMyBuckets]");
  EXPECT_EQ(Boto3("s3", "get_bucket_cors"), "s3 GetBucketCors [s3:GetBucketCORS]");
  EXPECT_EQ(Boto3("s3", "delete_bucket_lifecycle"),
            "s3 DeleteBucketLifecycle [s3:PutLifecycleConfiguration]");
  // Same name as the action.
  EXPECT_EQ(Boto3("s3", "put_object_acl"), "s3 PutObjectAcl [s3:PutObjectAcl]");
  EXPECT_EQ(Boto3("s3", "delete_object"), "s3 DeleteObject [s3:DeleteObject]");
}

TEST(SdkCatalog, CuratedLambda) {
  EXPECT_EQ(Boto3("lambda", "invoke"), "lambda Invoke [lambda:InvokeFunction]");
  EXPECT_EQ(V2("Lambda", "invokeAsync"), "lambda InvokeAsync [lambda:InvokeFunction]");
  EXPECT_EQ(V3("@aws-sdk/client-lambda", "InvokeWithResponseStreamCommand"),
            "lambda InvokeWithResponseStream [lambda:InvokeFunction]");
  EXPECT_EQ(Boto3("lambda", "create_function"),
            "lambda CreateFunction [iam:PassRole lambda:CreateFunction]");
  EXPECT_EQ(Boto3("lambda", "update_function_configuration"),
            "lambda UpdateFunctionConfiguration [iam:PassRole "
            "lambda:UpdateFunctionConfiguration]");
  EXPECT_EQ(Boto3("lambda", "update_function_code"),
            "lambda UpdateFunctionCode [lambda:UpdateFunctionCode]");
}

TEST(SdkCatalog, CuratedDynamodb) {
  EXPECT_EQ(Boto3("dynamodb", "transact_write_items"),
            "dynamodb TransactWriteItems partial [dynamodb:ConditionCheckItem dynamodb:DeleteItem "
            "dynamodb:PutItem dynamodb:UpdateItem]");
  EXPECT_EQ(Boto3("dynamodb", "transact_get_items"),
            "dynamodb TransactGetItems [dynamodb:GetItem]");
  EXPECT_EQ(Boto3("dynamodb", "batch_write_item"),
            "dynamodb BatchWriteItem [dynamodb:BatchWriteItem]");
}

TEST(SdkCatalog, CuratedApiGateway) {
  // The management API: the request's HTTP method.
  EXPECT_EQ(Boto3("apigateway", "get_rest_apis"), "apigateway GetRestApis [apigateway:GET]");
  EXPECT_EQ(Boto3("apigateway", "create_deployment"),
            "apigateway CreateDeployment [apigateway:POST]");
  EXPECT_EQ(Boto3("apigateway", "update_stage"), "apigateway UpdateStage [apigateway:PATCH]");
  EXPECT_EQ(Boto3("apigateway", "delete_api_key"), "apigateway DeleteApiKey [apigateway:DELETE]");
  EXPECT_EQ(Boto3("apigateway", "put_integration"), "apigateway PutIntegration [apigateway:PUT]");
  EXPECT_EQ(Boto3("apigateway", "flush_stage_cache"),
            "apigateway FlushStageCache [apigateway:DELETE]");
  EXPECT_EQ(V3("@aws-sdk/client-apigatewayv2", "GetApisCommand"),
            "apigateway GetApis [apigateway:GET]");
  EXPECT_EQ(V3("@aws-sdk/client-apigatewayv2", "CreateRouteCommand"),
            "apigateway CreateRoute [apigateway:POST]");
  // WebSocket connections.
  EXPECT_EQ(Boto3("apigatewaymanagementapi", "post_to_connection"),
            "execute-api PostToConnection [execute-api:ManageConnections]");
  EXPECT_EQ(V3("@aws-sdk/client-apigatewaymanagementapi", "GetConnectionCommand"),
            "execute-api GetConnection [execute-api:ManageConnections]");
  EXPECT_EQ(V2("ApiGatewayManagementApi", "deleteConnection"),
            "execute-api DeleteConnection [execute-api:ManageConnections]");
}

TEST(SdkCatalog, CuratedOthers) {
  EXPECT_EQ(Boto3("ses", "send_email"), "ses SendEmail [ses:SendEmail]");
  EXPECT_EQ(V3("@aws-sdk/client-sesv2", "SendEmailCommand"), "ses SendEmail [ses:SendEmail]");
  EXPECT_EQ(Boto3("ecs", "run_task"), "ecs RunTask [ecs:RunTask iam:PassRole]");
  EXPECT_EQ(Boto3("glue", "create_job"), "glue CreateJob [glue:CreateJob iam:PassRole]");
  EXPECT_EQ(Boto3("glue", "start_job_run"), "glue StartJobRun [glue:StartJobRun]");
  EXPECT_EQ(Boto3("stepfunctions", "create_state_machine"),
            "states CreateStateMachine [iam:PassRole states:CreateStateMachine]");
  EXPECT_EQ(Boto3("sts", "get_caller_identity"), "sts GetCallerIdentity []");
  EXPECT_EQ(Boto3("sts", "assume_role"), "sts AssumeRole [sts:AssumeRole]");
  EXPECT_EQ(Boto3("kms", "decrypt"), "kms Decrypt [kms:Decrypt]");
  EXPECT_EQ(Boto3("kms", "re_encrypt"), "kms ReEncrypt [kms:ReEncryptFrom kms:ReEncryptTo]");
  EXPECT_EQ(Boto3("sqs", "send_message_batch"), "sqs SendMessageBatch [sqs:SendMessage]");
  EXPECT_EQ(Boto3("sns", "publish_batch"), "sns PublishBatch [sns:Publish]");
  EXPECT_EQ(Boto3("bedrock-runtime", "converse"), "bedrock Converse [bedrock:InvokeModel]");
  // Unsigned operations need no permission.
  EXPECT_EQ(Boto3("cognito-idp", "initiate_auth"), "cognito-idp InitiateAuth []");
  EXPECT_EQ(V3("@aws-sdk/client-cognito-identity", "GetIdCommand"), "cognito-identity GetId []");
}

TEST(SdkCatalog, Boto3Resources) {
  EXPECT_EQ(Resource("dynamodb", "ServiceResource.Table"), "dynamodb []");
  EXPECT_EQ(Resource("dynamodb", "ServiceResource.create_table"),
            "dynamodb CreateTable [dynamodb:CreateTable]");
  EXPECT_EQ(Resource("dynamodb", "ServiceResource.batch_get_item"),
            "dynamodb BatchGetItem [dynamodb:BatchGetItem]");
  EXPECT_EQ(Resource("dynamodb", "ServiceResource.batch_write_item"),
            "dynamodb BatchWriteItem [dynamodb:BatchWriteItem]");
  EXPECT_EQ(Resource("dynamodb", "Table.put_item"), "dynamodb PutItem [dynamodb:PutItem]");
  EXPECT_EQ(Resource("dynamodb", "Table.get_item"), "dynamodb GetItem [dynamodb:GetItem]");
  EXPECT_EQ(Resource("dynamodb", "Table.update_item"), "dynamodb UpdateItem [dynamodb:UpdateItem]");
  EXPECT_EQ(Resource("dynamodb", "Table.delete_item"), "dynamodb DeleteItem [dynamodb:DeleteItem]");
  EXPECT_EQ(Resource("dynamodb", "Table.query"), "dynamodb Query [dynamodb:Query]");
  EXPECT_EQ(Resource("dynamodb", "Table.scan"), "dynamodb Scan [dynamodb:Scan]");
  EXPECT_EQ(Resource("dynamodb", "Table.batch_writer"),
            "dynamodb BatchWriteItem [dynamodb:BatchWriteItem]");
  EXPECT_EQ(Resource("dynamodb", "Table.load"), "dynamodb DescribeTable [dynamodb:DescribeTable]");
  EXPECT_EQ(Resource("dynamodb", "Table.reload"),
            "dynamodb DescribeTable [dynamodb:DescribeTable]");
  EXPECT_EQ(Resource("dynamodb", "Table.delete"), "dynamodb DeleteTable [dynamodb:DeleteTable]");

  EXPECT_EQ(Resource("s3", "ServiceResource.Bucket"), "s3 []");
  EXPECT_EQ(Resource("s3", "ServiceResource.Object"), "s3 []");
  EXPECT_EQ(Resource("s3", "Bucket.Object"), "s3 []");
  EXPECT_EQ(Resource("s3", "Bucket.upload_file"), "s3 PutObject [s3:PutObject]");
  EXPECT_EQ(Resource("s3", "Bucket.upload_fileobj"), "s3 PutObject [s3:PutObject]");
  EXPECT_EQ(Resource("s3", "Bucket.download_file"), "s3 GetObject [s3:GetObject]");
  EXPECT_EQ(Resource("s3", "Bucket.put_object"), "s3 PutObject [s3:PutObject]");
  EXPECT_EQ(Resource("s3", "Bucket.delete_objects"), "s3 DeleteObjects [s3:DeleteObject]");
  EXPECT_EQ(Resource("s3", "Bucket.objects.all"), "s3 ListObjects [s3:ListBucket]");
  EXPECT_EQ(Resource("s3", "Bucket.objects.filter"), "s3 ListObjects [s3:ListBucket]");
  EXPECT_EQ(Resource("s3", "Bucket.objects.page_size"), "s3 ListObjects [s3:ListBucket]");
  EXPECT_EQ(Resource("s3", "Bucket.objects.delete"), "s3 DeleteObjects [s3:DeleteObject]");
  EXPECT_EQ(Resource("s3", "Bucket.copy"), "s3 CopyObject [s3:GetObject s3:PutObject]");
  EXPECT_EQ(Resource("s3", "Bucket.create"), "s3 CreateBucket [s3:CreateBucket]");
  EXPECT_EQ(Resource("s3", "Bucket.delete"), "s3 DeleteBucket [s3:DeleteBucket]");
  EXPECT_EQ(Resource("s3", "Object.get"), "s3 GetObject [s3:GetObject]");
  EXPECT_EQ(Resource("s3", "Object.put"), "s3 PutObject [s3:PutObject]");
  EXPECT_EQ(Resource("s3", "Object.delete"), "s3 DeleteObject [s3:DeleteObject]");
  EXPECT_EQ(Resource("s3", "Object.upload_file"), "s3 PutObject [s3:PutObject]");
  EXPECT_EQ(Resource("s3", "Object.download_file"), "s3 GetObject [s3:GetObject]");
  EXPECT_EQ(Resource("s3", "Object.copy_from"), "s3 CopyObject [s3:GetObject s3:PutObject]");
  EXPECT_EQ(Resource("s3", "Object.load"), "s3 HeadObject [s3:GetObject]");

  EXPECT_EQ(Resource("sqs", "ServiceResource.get_queue_by_name"),
            "sqs GetQueueUrl [sqs:GetQueueUrl]");
  EXPECT_EQ(Resource("sqs", "ServiceResource.Queue"), "sqs []");
  EXPECT_EQ(Resource("sqs", "Queue.send_message"), "sqs SendMessage [sqs:SendMessage]");
  EXPECT_EQ(Resource("sqs", "Queue.send_messages"), "sqs SendMessageBatch [sqs:SendMessage]");
  EXPECT_EQ(Resource("sqs", "Queue.receive_messages"), "sqs ReceiveMessage [sqs:ReceiveMessage]");
  EXPECT_EQ(Resource("sqs", "Queue.delete_messages"), "sqs DeleteMessageBatch [sqs:DeleteMessage]");
  EXPECT_EQ(Resource("sqs", "Queue.purge"), "sqs PurgeQueue [sqs:PurgeQueue]");
  EXPECT_EQ(Resource("sns", "Topic.publish"), "sns Publish [sns:Publish]");
  EXPECT_EQ(Resource("sns", "ServiceResource.Topic"), "sns []");

  // Unknown methods, and client methods, are not resource methods.
  EXPECT_EQ(Resource("dynamodb", "Table.frobnicate"), "unknown dynamodb");
  EXPECT_EQ(Resource("dynamodb", "put_item"), "unknown dynamodb");
  EXPECT_EQ(Resource("dynamodb", "Table"), "unknown dynamodb");
  EXPECT_EQ(Resource("dynamodb", "Bucket.upload_file"), "unknown dynamodb");
  EXPECT_EQ(Resource("s3", "Table.put_item"), "unknown s3");
  EXPECT_EQ(Resource("nosuchservice", "Table.put_item"), "unknown");
}

TEST(SdkCatalog, UnknownServiceAndOperation) {
  EXPECT_EQ(Boto3("nosuchservice", "get_object"), "unknown");
  EXPECT_EQ(Boto3("s3", "no_such_method"), "unknown s3");
  EXPECT_EQ(V2("NoSuchService", "getObject"), "unknown");
  EXPECT_EQ(V3("@aws-sdk/client-nosuchservice", "GetObjectCommand"), "unknown");
  EXPECT_EQ(V3("@aws-sdk/client-s3", "NoSuchCommand"), "unknown s3");
  SdkAction unknown = ResolveSdkCall(Sdk::kBoto3Client, "s3", "no_such_method");
  EXPECT_FALSE(unknown.known);
  EXPECT_FALSE(unknown.partial);
  EXPECT_TRUE(unknown.operation.empty());
  EXPECT_TRUE(unknown.actions.empty());
  // Hostile names: long, with separators and NUL bytes.
  std::string long_name(100000, 'a');
  EXPECT_EQ(Boto3(long_name, long_name), "unknown");
  EXPECT_EQ(Boto3("s3", long_name), "unknown s3");
  EXPECT_EQ(V3("@aws-sdk/client-s3", long_name + "Command"), "unknown s3");
  EXPECT_EQ(Boto3(std::string_view("s3\0", 3), "get_object"), "unknown");
  EXPECT_EQ(Boto3("s3", std::string_view("get_object\0", 11)), "unknown s3");
  EXPECT_EQ(Boto3("s3\tGetObject", "get_object"), "unknown");
  EXPECT_EQ(Boto3("*", "generate_presigned_url"), "unknown");
}

TEST(SdkCatalog, IamPrefixOfEachSdk) {
  EXPECT_EQ(IamPrefixOf(Sdk::kBoto3Client, "s3"), "s3");
  EXPECT_EQ(IamPrefixOf(Sdk::kBoto3Client, "stepfunctions"), "states");
  EXPECT_EQ(IamPrefixOf(Sdk::kBoto3Client, "ses"), "ses");
  EXPECT_EQ(IamPrefixOf(Sdk::kBoto3Client, "cloudwatch"), "cloudwatch");
  EXPECT_EQ(IamPrefixOf(Sdk::kBoto3Client, "apigatewaymanagementapi"), "execute-api");
  EXPECT_EQ(IamPrefixOf(Sdk::kBoto3Client, "iot-data"), "iot");
  EXPECT_EQ(IamPrefixOf(Sdk::kBoto3Resource, "dynamodb"), "dynamodb");
  EXPECT_EQ(IamPrefixOf(Sdk::kJsV2, "StepFunctions"), "states");
  EXPECT_EQ(IamPrefixOf(Sdk::kJsV2, "CognitoIdentityServiceProvider"), "cognito-idp");
  EXPECT_EQ(IamPrefixOf(Sdk::kJsV2, "DynamoDB.DocumentClient"), "dynamodb");
  EXPECT_EQ(IamPrefixOf(Sdk::kJsV3, "@aws-sdk/client-sfn"), "states");
  EXPECT_EQ(IamPrefixOf(Sdk::kJsV3, "@aws-sdk/client-cognito-identity-provider"), "cognito-idp");
  EXPECT_EQ(IamPrefixOf(Sdk::kJsV3, "@aws-sdk/client-cloudwatch"), "cloudwatch");
  EXPECT_EQ(IamPrefixOf(Sdk::kJsV3, "@aws-sdk/lib-dynamodb"), "dynamodb");
  EXPECT_EQ(IamPrefixOf(Sdk::kJsV3, "@aws-sdk/lib-storage"), "s3");
  // Each SDK's names only.
  EXPECT_EQ(IamPrefixOf(Sdk::kBoto3Client, "StepFunctions"), "");
  EXPECT_EQ(IamPrefixOf(Sdk::kBoto3Client, "@aws-sdk/client-sfn"), "");
  EXPECT_EQ(IamPrefixOf(Sdk::kJsV2, "stepfunctions"), "");
  EXPECT_EQ(IamPrefixOf(Sdk::kJsV2, "@aws-sdk/lib-dynamodb"), "");
  EXPECT_EQ(IamPrefixOf(Sdk::kJsV3, "StepFunctions"), "");
  EXPECT_EQ(IamPrefixOf(Sdk::kJsV3, "DynamoDB.DocumentClient"), "");
  EXPECT_EQ(IamPrefixOf(Sdk::kJsV3, "sfn"), "");
  EXPECT_EQ(IamPrefixOf(Sdk::kBoto3Client, ""), "");
}

TEST(SdkCatalog, IsJsSdkModule) {
  EXPECT_TRUE(IsJsSdkModule("aws-sdk"));
  EXPECT_TRUE(IsJsSdkModule("aws-sdk/clients/s3"));
  EXPECT_TRUE(IsJsSdkModule("aws-sdk/clients/dynamodb"));
  EXPECT_TRUE(IsJsSdkModule("aws-sdk/clients/cognitoidentityserviceprovider"));
  EXPECT_TRUE(IsJsSdkModule("@aws-sdk/client-s3"));
  EXPECT_TRUE(IsJsSdkModule("@aws-sdk/client-sfn"));
  EXPECT_TRUE(IsJsSdkModule("@aws-sdk/client-cognito-identity-provider"));
  EXPECT_TRUE(IsJsSdkModule("@aws-sdk/lib-dynamodb"));
  EXPECT_TRUE(IsJsSdkModule("@aws-sdk/lib-storage"));
  EXPECT_FALSE(IsJsSdkModule(""));
  EXPECT_FALSE(IsJsSdkModule("aws-sdk/"));
  EXPECT_FALSE(IsJsSdkModule("aws-sdk/clients/"));
  EXPECT_FALSE(IsJsSdkModule("aws-sdk/clients/S3"));
  EXPECT_FALSE(IsJsSdkModule("aws-sdk/clients/nosuchservice"));
  EXPECT_FALSE(IsJsSdkModule("aws-sdk-mock"));
  EXPECT_FALSE(IsJsSdkModule("@aws-sdk/client-"));
  EXPECT_FALSE(IsJsSdkModule("@aws-sdk/client-nosuchservice"));
  EXPECT_FALSE(IsJsSdkModule("@aws-sdk/client-S3"));
  EXPECT_FALSE(IsJsSdkModule("@aws-sdk/credential-providers"));
  EXPECT_FALSE(IsJsSdkModule("@aws-sdk/util-dynamodb"));
  EXPECT_FALSE(IsJsSdkModule("DynamoDB.DocumentClient"));
  EXPECT_FALSE(IsJsSdkModule("boto3"));
  EXPECT_FALSE(IsJsSdkModule("./aws-sdk"));
}

}  // namespace
}  // namespace fnwarden::load::code
