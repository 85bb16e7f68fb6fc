// AWS::Serverless::Api / HttpApi, implicit APIs, routes from events and from
// inline OpenAPI definitions.
#include <gtest/gtest.h>

#include "load/sam/sam_test_util.h"

namespace fnwarden::load::sam {
namespace {

using testing::Dump;
using testing::DumpList;
using testing::DumpPermission;
using testing::DumpRoute;
using testing::DumpStatement;
using testing::Expand;

constexpr const char* kHeader =
    "AWSTemplateFormatVersion: '2010-09-09'\n"
    "Transform: AWS::Serverless-2016-10-31\n";

std::vector<std::string> Routes(const model::Api& api) {
  std::vector<std::string> out;
  for (const model::Route& r : api.routes) out.push_back(DumpRoute(r));
  return out;
}

TEST(SamImplicitApi, CreatedFromEventsWithoutRestApiId) {
  auto e = Expand(std::string(kHeader) + R"(Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Handler: a.h
      Events:
        List: {Type: Api, Properties: {Path: /orders, Method: get}}
        Create:
          Type: Api
          Properties:
            Path: /orders
            Method: post
            Auth: {ApiKeyRequired: true}
)");
  ASSERT_EQ(e->model.apis.size(), 1u);
  const model::Api& api = e->model.apis[0];
  EXPECT_EQ(api.id, "ServerlessRestApi");
  EXPECT_TRUE(api.from_events);
  EXPECT_EQ(api.origin, model::Origin::kSam);
  EXPECT_EQ(api.generated_from, "Fn");
  EXPECT_EQ(api.kind, model::ApiKind::kRest);
  EXPECT_EQ(api.loc.line, 9u);  // the first event that needs it
  ASSERT_EQ(api.stages.size(), 1u);
  EXPECT_EQ(api.stages[0].id, "ServerlessRestApiProdStage");
  EXPECT_EQ(Dump(api.stages[0].stage_name), "\"Prod\"(default)");
  EXPECT_EQ(Dump(api.endpoint_type), "\"EDGE\"(default)");
  EXPECT_EQ(Routes(api), (std::vector<std::string>{
                             "\"GET\" \"/orders\" auth=\"NONE\"(default) key=false(default) fn=Fn",
                             "\"POST\" \"/orders\" auth=\"NONE\"(default) key=true fn=Fn"}));
  EXPECT_EQ(api.routes[0].loc.line, 9u);
  EXPECT_EQ(api.routes[0].source_id, "Fn");

  ASSERT_EQ(e->model.triggers.size(), 2u);
  EXPECT_EQ(e->model.triggers[0].source_id, "ServerlessRestApi");
  ASSERT_EQ(e->model.permissions.size(), 2u);
  EXPECT_EQ(DumpPermission(e->model.permissions[0]),
            "FnListPermission \"lambda:InvokeFunction\" \"apigateway.amazonaws.com\" fn=Fn "
            "arn=?\"arn:${AWS::Partition}:execute-api:${AWS::Region}:${AWS::AccountId}:"
            "${ServerlessRestApi}/*/GET/orders\"@ServerlessRestApi");
}

TEST(SamImplicitApi, GlobalsAuthDefaultAuthorizerAndNoneOverride) {
  auto e = Expand(std::string(kHeader) + R"(Globals:
  Api:
    Cors: "'*'"
    Auth:
      DefaultAuthorizer: Cognito
      Authorizers:
        Cognito: {UserPoolArn: !GetAtt Pool.Arn}
        Token: {FunctionArn: !GetAtt AuthFn.Arn}
Resources:
  Pool: {Type: AWS::Cognito::UserPool}
  AuthFn:
    Type: AWS::Serverless::Function
    Properties: {Handler: auth.h}
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Handler: a.h
      Events:
        Private: {Type: Api, Properties: {Path: /me, Method: get}}
        Public:
          Type: Api
          Properties: {Path: /health, Method: get, Auth: {Authorizer: NONE}}
        Custom:
          Type: Api
          Properties: {Path: /c, Method: any, Auth: {Authorizer: Token}}
        Iam:
          Type: Api
          Properties: {Path: /i, Method: get, Auth: {Authorizer: AWS_IAM}}
)");
  const model::Api* api = e->Api("ServerlessRestApi");
  ASSERT_NE(api, nullptr);
  EXPECT_EQ(Dump(api->default_authorizer), "\"Cognito\"");
  ASSERT_EQ(api->authorizers.size(), 2u);
  EXPECT_EQ(Dump(api->authorizers[0].type), "\"COGNITO_USER_POOLS\"");
  EXPECT_EQ(Dump(api->authorizers[1].type), "\"TOKEN\"");
  EXPECT_EQ(api->authorizers[1].function_id, "AuthFn");
  EXPECT_TRUE(api->cors.present);
  EXPECT_EQ(DumpList(api->cors.allow_origins), "[\"*\"]");
  EXPECT_EQ(Routes(*api),
            (std::vector<std::string>{
                "\"GET\" \"/me\" auth=\"COGNITO_USER_POOLS\" authorizer=\"Cognito\" "
                "key=false(default) fn=Fn",
                "\"GET\" \"/health\" auth=\"NONE\" key=false(default) fn=Fn",
                "\"ANY\" \"/c\" auth=\"CUSTOM\" authorizer=\"Token\" key=false(default) fn=Fn",
                "\"GET\" \"/i\" auth=\"AWS_IAM\" key=false(default) fn=Fn"}));
  // The default authorizer's position is where it was written (in Globals).
  EXPECT_EQ(api->routes[0].authorization_type.loc.line, 7u);
  EXPECT_EQ(api->routes[1].authorization_type.loc.line, 24u);
}

TEST(SamImplicitApi, HttpApiDefaultRoute) {
  auto e = Expand(std::string(kHeader) + R"(Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Handler: a.h
      Events:
        All: {Type: HttpApi}
)");
  const model::Api* api = e->Api("ServerlessHttpApi");
  ASSERT_NE(api, nullptr);
  EXPECT_EQ(api->kind, model::ApiKind::kHttp);
  EXPECT_TRUE(api->from_events);
  ASSERT_EQ(api->stages.size(), 1u);
  EXPECT_EQ(api->stages[0].id, "ServerlessHttpApiApiGatewayDefaultStage");
  EXPECT_EQ(Dump(api->stages[0].stage_name), "\"$default\"(default)");
  EXPECT_EQ(Routes(*api), std::vector<std::string>{
                              "\"ANY\"(default) \"$default\"(default) auth=\"NONE\"(default) fn=Fn"});
  EXPECT_EQ(e->model.triggers.at(0).kind, model::TriggerKind::kHttpApi);
}

TEST(SamApi, ExplicitRestApi) {
  auto e = Expand(std::string(kHeader) + R"(Resources:
  Api:
    Type: AWS::Serverless::Api
    Properties:
      Name: orders
      StageName: prod
      TracingEnabled: true
      EndpointConfiguration: {Type: REGIONAL}
      DisableExecuteApiEndpoint: true
      AccessLogSetting: {DestinationArn: !GetAtt Logs.Arn, Format: x}
      MethodSettings:
        - {ResourcePath: "/*", HttpMethod: "*", LoggingLevel: INFO, ThrottlingRateLimit: 100,
           ThrottlingBurstLimit: 50, CachingEnabled: true, CacheDataEncrypted: false}
        - {ResourcePath: "/x", HttpMethod: GET, LoggingLevel: OFF}
      Cors:
        AllowOrigin: "'https://example.com'"
        AllowCredentials: true
      Domain:
        DomainName: api.example.com
        CertificateArn: arn:aws:acm:c
        SecurityPolicy: TLS_1_2
        EndpointConfiguration: REGIONAL
      Auth:
        ApiKeyRequired: true
        UsagePlan:
          CreateUsagePlan: PER_API
          Throttle: {RateLimit: 10, BurstLimit: 20}
          Quota: {Limit: 1000, Period: DAY}
        ResourcePolicy:
          CustomStatements:
            - {Effect: Allow, Principal: "*", Action: execute-api:Invoke, Resource: "*"}
          IpRangeBlacklist: [10.0.0.0/8]
  Logs: {Type: AWS::Logs::LogGroup}
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Handler: a.h
      Events:
        Get: {Type: Api, Properties: {RestApiId: !Ref Api, Path: /x, Method: get}}
        Open: {Type: Api, Properties: {RestApiId: !Ref Api, Path: /o, Method: get,
                                       Auth: {ApiKeyRequired: false}}}
)");
  ASSERT_EQ(e->model.apis.size(), 1u);
  const model::Api& api = e->model.apis[0];
  EXPECT_FALSE(api.from_events);
  EXPECT_EQ(Dump(api.name), "\"orders\"");
  EXPECT_EQ(Dump(api.endpoint_type), "\"REGIONAL\"");
  EXPECT_EQ(Dump(api.disable_execute_api_endpoint), "true");
  ASSERT_EQ(api.stages.size(), 1u);
  const model::Stage& st = api.stages[0];
  EXPECT_EQ(st.id, "ApiprodStage");
  EXPECT_EQ(Dump(st.stage_name), "\"prod\"");
  EXPECT_EQ(Dump(st.tracing_enabled), "true");
  EXPECT_EQ(st.access_log_destination.refs, std::vector<std::string>{"Logs"});
  EXPECT_EQ(Dump(st.logging_level), "\"INFO\"");
  EXPECT_EQ(Dump(st.throttling_rate_limit), "100");
  EXPECT_EQ(Dump(st.throttling_burst_limit), "50");
  EXPECT_EQ(Dump(st.cache_enabled), "true");
  EXPECT_EQ(Dump(st.cache_encrypted), "false");
  EXPECT_EQ(DumpList(api.cors.allow_origins), "[\"https://example.com\"]");
  EXPECT_EQ(Dump(api.cors.allow_credentials), "true");
  ASSERT_EQ(api.domains.size(), 1u);
  EXPECT_EQ(Dump(api.domains[0].domain_name), "\"api.example.com\"");
  EXPECT_EQ(Dump(api.domains[0].security_policy), "\"TLS_1_2\"");
  EXPECT_EQ(Dump(api.domains[0].endpoint_type), "\"REGIONAL\"");
  EXPECT_TRUE(api.has_resource_policy);
  ASSERT_EQ(api.resource_policy.statements.size(), 3u);
  EXPECT_EQ(DumpStatement(api.resource_policy.statements[2]),
            "Deny [\"execute-api:Invoke\"] on [\"execute-api:/*\"] to [*:\"*\"] "
            "if IpAddress:aws:SourceIp");
  EXPECT_EQ(Routes(api),
            (std::vector<std::string>{"\"GET\" \"/x\" auth=\"NONE\"(default) key=true fn=Fn",
                                      "\"GET\" \"/o\" auth=\"NONE\"(default) key=false fn=Fn"}));
  ASSERT_EQ(e->model.usage_plans.size(), 1u);
  const model::UsagePlan& plan = e->model.usage_plans[0];
  EXPECT_EQ(plan.id, "ApiUsagePlan");
  EXPECT_EQ(plan.generated_from, "Api");
  ASSERT_EQ(plan.api_stages.size(), 1u);
  EXPECT_EQ(plan.api_stages[0].api_id, "Api");
  EXPECT_EQ(Dump(plan.api_stages[0].stage), "\"prod\"");
  EXPECT_EQ(Dump(plan.throttle_rate_limit), "10");
  EXPECT_EQ(Dump(plan.throttle_burst_limit), "20");
  EXPECT_EQ(Dump(plan.quota_limit), "1000");
  EXPECT_TRUE(e->Diags().empty()) << e->Diags().front();
}

TEST(SamApi, InlineOpenApiDefinition) {
  auto e = Expand(std::string(kHeader) + R"(Resources:
  Api:
    Type: AWS::Serverless::Api
    Properties:
      StageName: v1
      DefinitionBody:
        openapi: "3.0.1"
        components:
          securitySchemes:
            Users:
              type: apiKey
              name: Authorization
              in: header
              x-amazon-apigateway-authtype: cognito_user_pools
              x-amazon-apigateway-authorizer:
                type: cognito_user_pools
                providerARNs: [arn:aws:cognito-idp:us-east-1:1:userpool/p]
            Key: {type: apiKey, name: x-api-key, in: header}
        paths:
          /items:
            get:
              security: [{Users: []}]
              x-amazon-apigateway-integration:
                type: aws_proxy
                httpMethod: POST
                uri: !Sub arn:aws:apigateway:${AWS::Region}:lambda:path/2015-03-31/functions/${Fn.Arn}/invocations
            post:
              security: [{Key: []}]
            x-amazon-apigateway-any-method: {}
  Fn:
    Type: AWS::Serverless::Function
    Properties: {Handler: a.h}
)");
  const model::Api* api = e->Api("Api");
  ASSERT_NE(api, nullptr);
  EXPECT_FALSE(api->definition_opaque);
  EXPECT_EQ(Routes(*api),
            (std::vector<std::string>{
                "\"GET\" \"/items\" auth=\"COGNITO_USER_POOLS\" authorizer=\"Users\" "
                "key=false(default) fn=Fn",
                "\"POST\" \"/items\" auth=\"NONE\"(default) key=true",
                "\"ANY\" \"/items\" auth=\"NONE\"(default) key=false(default)"}));
  EXPECT_EQ(api->routes[0].loc.line, 23u);
  ASSERT_EQ(api->authorizers.size(), 1u);
  EXPECT_EQ(api->authorizers[0].name, "Users");
}

// Auth.ResourcePolicy as the SAM transform writes it: an allow list denies
// what is outside it, a block list what is inside; SourceVpc* entries name
// VPCs or VPC endpoints by their prefix.
TEST(SamApi, ResourcePolicyLists) {
  struct Row {
    const char* auth;
    std::vector<std::string> statements;
  };
  const std::vector<Row> rows = {
      {"IpRangeWhitelist: [203.0.113.0/24]",
       {"Allow [\"execute-api:Invoke\"] on [\"execute-api:/*\"] to [*:\"*\"]",
        "Deny [\"execute-api:Invoke\"] on [\"execute-api:/*\"] to [*:\"*\"] "
        "if NotIpAddress:aws:SourceIp"}},
      {"IpRangeBlacklist: [10.0.0.0/8]",
       {"Allow [\"execute-api:Invoke\"] on [\"execute-api:/*\"] to [*:\"*\"]",
        "Deny [\"execute-api:Invoke\"] on [\"execute-api:/*\"] to [*:\"*\"] "
        "if IpAddress:aws:SourceIp"}},
      {"SourceVpcWhitelist: [vpc-1, vpce-2]",
       {"Allow [\"execute-api:Invoke\"] on [\"execute-api:/*\"] to [*:\"*\"]",
        "Deny [\"execute-api:Invoke\"] on [\"execute-api:/*\"] to [*:\"*\"] "
        "if StringNotEquals:aws:SourceVpc if StringNotEquals:aws:SourceVpce"}},
      {"SourceVpcBlacklist: [vpce-2]",
       {"Allow [\"execute-api:Invoke\"] on [\"execute-api:/*\"] to [*:\"*\"]",
        "Deny [\"execute-api:Invoke\"] on [\"execute-api:/*\"] to [*:\"*\"] "
        "if StringEquals:aws:SourceVpce"}},
      {"IntrinsicVpceWhitelist: [!Ref Endpoint]",
       {"Allow [\"execute-api:Invoke\"] on [\"execute-api:/*\"] to [*:\"*\"]",
        "Deny [\"execute-api:Invoke\"] on [\"execute-api:/*\"] to [*:\"*\"] "
        "if StringNotEquals:aws:SourceVpce"}},
      {"AwsAccountWhitelist: [\"111122223333\"]",
       {"Allow [\"execute-api:Invoke\"] on [\"execute-api:/*\"] to [AWS:\"111122223333\"]"}},
      {"AwsAccountBlacklist: [\"111122223333\"]",
       {"Deny [\"execute-api:Invoke\"] on [\"execute-api:/*\"] to [AWS:\"111122223333\"]"}},
  };
  for (const Row& r : rows) {
    auto e = Expand(std::string(kHeader) + R"(Parameters:
  Endpoint: {Type: String}
Resources:
  Api:
    Type: AWS::Serverless::Api
    Properties:
      StageName: prod
      Auth:
        ResourcePolicy:
          )" + r.auth +
                    "\n");
    const model::Api* api = e->Api("Api");
    ASSERT_NE(api, nullptr) << r.auth;
    std::vector<std::string> got;
    for (const model::Statement& s : api->resource_policy.statements) {
      got.push_back(DumpStatement(s));
    }
    EXPECT_EQ(got, r.statements) << r.auth;
  }
}

// The policy of an inline definition comes first; SAM adds Auth.ResourcePolicy.
TEST(SamApi, DefinitionPolicyAndAuthPolicy) {
  auto e = Expand(std::string(kHeader) + R"(Resources:
  Api:
    Type: AWS::Serverless::Api
    Properties:
      StageName: prod
      Auth:
        ResourcePolicy:
          AwsAccountBlacklist: ["111122223333"]
      DefinitionBody:
        swagger: "2.0"
        x-amazon-apigateway-policy:
          Version: "2012-10-17"
          Statement:
            - {Effect: Allow, Principal: "*", Action: execute-api:Invoke, Resource: execute-api:/*}
        paths: {}
)");
  const model::Api* api = e->Api("Api");
  ASSERT_NE(api, nullptr);
  EXPECT_TRUE(api->has_resource_policy);
  EXPECT_EQ(api->resource_policy.name, "x-amazon-apigateway-policy");
  ASSERT_EQ(api->resource_policy.statements.size(), 2u);
  EXPECT_EQ(DumpStatement(api->resource_policy.statements[0]),
            "Allow [\"execute-api:Invoke\"] on [\"execute-api:/*\"] to [*:\"*\"]");
  EXPECT_EQ(DumpStatement(api->resource_policy.statements[1]),
            "Deny [\"execute-api:Invoke\"] on [\"execute-api:/*\"] to [AWS:\"111122223333\"]");
  EXPECT_EQ(api->resource_policy.statements[0].loc.line, 16u);
}

TEST(SamApi, ExternalDefinitionsAreOpaque) {
  auto e = Expand(std::string(kHeader) + R"(Resources:
  A:
    Type: AWS::Serverless::Api
    Properties: {StageName: p, DefinitionUri: ./openapi.yaml}
  B:
    Type: AWS::Serverless::Api
    Properties:
      StageName: p
      DefinitionBody:
        Fn::Transform:
          Name: AWS::Include
          Parameters: {Location: ./openapi.yaml}
)");
  ASSERT_EQ(e->model.apis.size(), 2u);
  EXPECT_TRUE(e->model.apis[0].definition_opaque);
  EXPECT_TRUE(e->model.apis[1].definition_opaque);
}

TEST(SamHttpApi, ExplicitHttpApi) {
  auto e = Expand(std::string(kHeader) + R"(Resources:
  Http:
    Type: AWS::Serverless::HttpApi
    Properties:
      CorsConfiguration:
        AllowOrigins: ["https://a.example", "https://b.example"]
        AllowCredentials: true
      DefaultRouteSettings: {ThrottlingBurstLimit: 5, ThrottlingRateLimit: 10}
      AccessLogSettings: {DestinationArn: arn:aws:logs:l, Format: x}
      Auth:
        EnableIamAuthorizer: true
        DefaultAuthorizer: Jwt
        Authorizers:
          Jwt:
            IdentitySource: $request.header.Authorization
            JwtConfiguration: {issuer: https://issuer, audience: [a]}
          Lambda:
            FunctionArn: !GetAtt AuthFn.Arn
  AuthFn:
    Type: AWS::Serverless::Function
    Properties: {Handler: auth.h}
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Handler: a.h
      Events:
        Get: {Type: HttpApi, Properties: {ApiId: !Ref Http, Path: /x, Method: GET}}
        Iam:
          Type: HttpApi
          Properties: {ApiId: !Ref Http, Path: /i, Method: POST, Auth: {Authorizer: AWS_IAM}}
        Lam:
          Type: HttpApi
          Properties: {ApiId: !Ref Http, Path: /l, Method: GET, Auth: {Authorizer: Lambda}}
        Open:
          Type: HttpApi
          Properties: {ApiId: !Ref Http, Path: /o, Method: GET, Auth: {Authorizer: NONE}}
)");
  const model::Api* api = e->Api("Http");
  ASSERT_NE(api, nullptr);
  EXPECT_EQ(api->kind, model::ApiKind::kHttp);
  EXPECT_EQ(Dump(api->endpoint_type), "\"REGIONAL\"(default)");
  EXPECT_EQ(DumpList(api->cors.allow_origins), "[\"https://a.example\" \"https://b.example\"]");
  EXPECT_EQ(Dump(api->cors.allow_credentials), "true");
  ASSERT_EQ(api->stages.size(), 1u);
  EXPECT_EQ(api->stages[0].id, "HttpApiGatewayDefaultStage");
  EXPECT_EQ(Dump(api->stages[0].throttling_burst_limit), "5");
  EXPECT_EQ(Dump(api->stages[0].throttling_rate_limit), "10");
  EXPECT_EQ(Dump(api->stages[0].access_log_destination), "\"arn:aws:logs:l\"");
  std::string authorizers;
  for (const model::Authorizer& a : api->authorizers) {
    authorizers += a.name + ":" + Dump(a.type) + ":" + a.function_id + " ";
  }
  EXPECT_EQ(authorizers, "Jwt:\"JWT\": Lambda:\"REQUEST\":AuthFn AWS_IAM:\"AWS_IAM\": ");
  EXPECT_EQ(Routes(*api),
            (std::vector<std::string>{
                "\"GET\" \"/x\" auth=\"JWT\" authorizer=\"Jwt\" fn=Fn",
                "\"POST\" \"/i\" auth=\"AWS_IAM\" fn=Fn",
                "\"GET\" \"/l\" auth=\"CUSTOM\" authorizer=\"Lambda\" fn=Fn",
                "\"GET\" \"/o\" auth=\"NONE\" fn=Fn"}));
  EXPECT_TRUE(e->Diags().empty()) << e->Diags().front();
}

TEST(SamApi, EventOnAnApiOutsideTheTemplateAddsNoRoute) {
  auto e = Expand(std::string(kHeader) + R"(Parameters:
  ApiId: {Type: String}
Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Handler: a.h
      Events:
        Get: {Type: Api, Properties: {RestApiId: !Ref ApiId, Path: /x, Method: get}}
)");
  EXPECT_TRUE(e->model.apis.empty());
  ASSERT_EQ(e->model.triggers.size(), 1u);
  EXPECT_EQ(e->model.triggers[0].source_id, "");
  ASSERT_EQ(e->model.permissions.size(), 1u);
}

}  // namespace
}  // namespace fnwarden::load::sam
