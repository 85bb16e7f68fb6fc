// The scale benchmark: does a template twice as large take twice as long?
//
//   scale_bench [--sizes 1000,5000,20000] [--kinds sam,cfn,sls] [--runs N] [--jobs N]
//               [--profile]
//   scale_bench --emit sam|cfn|sls N  (writes the generated template to stdout)
//
// For each size N it generates, in memory, two templates of N functions:
//   sam   AWS::Serverless::Function resources with a handler, runtime,
//         environment, policy templates (generated roles), an API event on
//         the implicit REST API, an SQS event from a queue of their own; every
//         fourth one with an explicit role of its own, every tenth one
//         writing to a shared table and topic;
//   cfn   the same application in plain CloudFormation: a function, its
//         role with an inline policy, a queue, an event source mapping, a log
//         group and an API Gateway resource, method and permission each;
//   sls   the same application as a Serverless Framework service (http and
//         sqs events, queues in `resources`, per-function roles for some),
//         whose MB/s is compared with the SAM one's.
// and times each phase separately (each the median of N runs):
//   parse   the YAML text to a syntax tree (syntax::ParseYaml)
//   model   the tree to the model: evaluator, SAM transform, adapters, Link
//           (load::BuildTemplateModel)
//   rules   facts and every rule through the engine (rules::RunEngine)
// and prints each phase's time per function: a figure that grows with N is
// super-linear work. The target is a 20,000-function template loaded and
// scanned in under a second; nothing here asserts it. With --profile, one
// more scan of each template runs its rules one after the other, and the
// facts, the policy checks and the slowest rules are printed.

#include <sys/resource.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "bench_util.h"
#include "load/frontend.h"
#include "load/project.h"
#include "load/syntax/node.h"
#include "model/model.h"
#include "rules/engine.h"
#include "rules/rule.h"
#include "util/diagnostic.h"
#include "util/memory.h"
#include "util/source.h"
#include "util/strings.h"

namespace {

using fnwarden::bench::Clock;
using fnwarden::bench::Median;
using fnwarden::bench::Seconds;

std::string Sam(int n) {
  std::string out =
      "AWSTemplateFormatVersion: '2010-09-09'\n"
      "Transform: AWS::Serverless-2016-10-31\n"
      "Parameters:\n  Stage: {Type: String, Default: prod}\n"
      "Globals:\n  Function:\n    Timeout: 10\n    MemorySize: 256\n"
      "Resources:\n"
      "  Orders:\n    Type: AWS::Serverless::SimpleTable\n"
      "  Events:\n    Type: AWS::SNS::Topic\n";
  out.reserve(static_cast<size_t>(n) * 700);
  for (int i = 0; i < n; ++i) {
    const std::string id = std::to_string(i);
    out += "  Fn" + id +
           ":\n    Type: AWS::Serverless::Function\n    Properties:\n"
           "      Handler: app.handler\n      Runtime: python3.12\n      CodeUri: src/\n"
           "      Environment:\n        Variables:\n          STAGE: !Ref Stage\n"
           "          QUEUE_URL: !Ref Queue" +
           id + "\n";
    if (i % 4 == 3) {
      out += "      Role: !GetAtt Role" + id + ".Arn\n";
    } else {
      out += "      Policies:\n        - SQSPollerPolicy: {QueueName: !GetAtt Queue" + id +
             ".QueueName}\n";
      if (i % 10 == 0) {
        out +=
            "        - DynamoDBCrudPolicy: {TableName: !Ref Orders}\n"
            "        - SNSPublishMessagePolicy: {TopicName: !GetAtt Events.TopicName}\n";
      }
    }
    out +=
        "      Events:\n        Get:\n          Type: Api\n"
        "          Properties: {Path: /items" +
        id +
        ", Method: get}\n        Work:\n          Type: SQS\n"
        "          Properties: {Queue: !GetAtt Queue" +
        id + ".Arn, BatchSize: 10}\n";
    out += "  Queue" + id + ":\n    Type: AWS::SQS::Queue\n    Properties:\n" +
           "      VisibilityTimeout: 60\n";
    if (i % 4 == 3) {
      out += "  Role" + id +
             ":\n    Type: AWS::IAM::Role\n    Properties:\n"
             "      AssumeRolePolicyDocument:\n        Version: '2012-10-17'\n"
             "        Statement:\n          - Effect: Allow\n"
             "            Principal: {Service: lambda.amazonaws.com}\n"
             "            Action: sts:AssumeRole\n"
             "      ManagedPolicyArns:\n"
             "        - arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole\n"
             "      Policies:\n        - PolicyName: queue\n          PolicyDocument:\n"
             "            Statement:\n              - Effect: Allow\n"
             "                Action: [sqs:ReceiveMessage, sqs:DeleteMessage, "
             "sqs:GetQueueAttributes]\n"
             "                Resource: !GetAtt Queue" +
             id + ".Arn\n";
    }
  }
  return out;
}

std::string Cfn(int n) {
  std::string out =
      "AWSTemplateFormatVersion: '2010-09-09'\n"
      "Parameters:\n  Stage: {Type: String, Default: prod}\n"
      "Resources:\n"
      "  Api:\n    Type: AWS::ApiGateway::RestApi\n    Properties: {Name: !Ref Stage}\n";
  out.reserve(static_cast<size_t>(n) * 1900);
  for (int i = 0; i < n; ++i) {
    const std::string id = std::to_string(i);
    out += "  Fn" + id +
           ":\n    Type: AWS::Lambda::Function\n    Properties:\n"
           "      Handler: app.handler\n      Runtime: python3.12\n"
           "      Code: {S3Bucket: artifacts, S3Key: fn.zip}\n"
           "      Role: !GetAtt Role" +
           id +
           ".Arn\n      Timeout: 10\n"
           "      Environment:\n        Variables: {STAGE: !Ref Stage, QUEUE_URL: !Ref Queue" +
           id + "}\n";
    out += "  Role" + id +
           ":\n    Type: AWS::IAM::Role\n    Properties:\n"
           "      AssumeRolePolicyDocument:\n        Version: '2012-10-17'\n"
           "        Statement:\n          - Effect: Allow\n"
           "            Principal: {Service: lambda.amazonaws.com}\n"
           "            Action: sts:AssumeRole\n"
           "      Policies:\n        - PolicyName: work\n          PolicyDocument:\n"
           "            Statement:\n              - Effect: Allow\n"
           "                Action: [sqs:ReceiveMessage, sqs:DeleteMessage, "
           "sqs:GetQueueAttributes]\n"
           "                Resource: !GetAtt Queue" +
           id +
           ".Arn\n              - Effect: Allow\n"
           "                Action: [logs:CreateLogStream, logs:PutLogEvents]\n"
           "                Resource: !GetAtt Logs" +
           id + ".Arn\n";
    out +=
        "  Queue" + id + ":\n    Type: AWS::SQS::Queue\n    Properties: {VisibilityTimeout: 60}\n";
    out += "  Mapping" + id +
           ":\n    Type: AWS::Lambda::EventSourceMapping\n    Properties:\n"
           "      FunctionName: !Ref Fn" +
           id + "\n      EventSourceArn: !GetAtt Queue" + id + ".Arn\n      BatchSize: 10\n";
    out += "  Logs" + id +
           ":\n    Type: AWS::Logs::LogGroup\n    Properties:\n"
           "      LogGroupName: !Sub /aws/lambda/${Fn" +
           id + "}\n      RetentionInDays: 30\n";
    out += "  Resource" + id +
           ":\n    Type: AWS::ApiGateway::Resource\n    Properties:\n"
           "      RestApiId: !Ref Api\n      ParentId: !GetAtt Api.RootResourceId\n"
           "      PathPart: items" +
           id + "\n";
    out += "  Method" + id +
           ":\n    Type: AWS::ApiGateway::Method\n    Properties:\n"
           "      RestApiId: !Ref Api\n      ResourceId: !Ref Resource" +
           id +
           "\n      HttpMethod: GET\n      AuthorizationType: NONE\n"
           "      Integration:\n        Type: AWS_PROXY\n        IntegrationHttpMethod: POST\n"
           "        Uri: !Sub arn:${AWS::Partition}:apigateway:${AWS::Region}:lambda:path/"
           "2015-03-31/functions/${Fn" +
           id + ".Arn}/invocations\n";
    out += "  Permission" + id +
           ":\n    Type: AWS::Lambda::Permission\n    Properties:\n"
           "      Action: lambda:InvokeFunction\n      FunctionName: !Ref Fn" +
           id +
           "\n      Principal: apigateway.amazonaws.com\n"
           "      SourceArn: !Sub arn:${AWS::Partition}:execute-api:${AWS::Region}:"
           "${AWS::AccountId}:${Api}/*/GET/items" +
           id + "\n";
  }
  return out;
}

// The same application as a Serverless Framework service: N functions with
// an http and an sqs event each, a queue of their own in `resources`, the
// shared execution role from provider.iam; every fourth one with a role of
// its own (iamRoleStatements), every tenth one writing to the table and
// topic.
std::string Sls(int n) {
  std::string out =
      "service: scale\n"
      "provider:\n  name: aws\n  runtime: python3.12\n  stage: ${opt:stage, 'prod'}\n"
      "  timeout: 10\n  memorySize: 256\n"
      "  iam:\n    role:\n      statements:\n"
      "        - Effect: Allow\n          Action: [sqs:ReceiveMessage, sqs:DeleteMessage]\n"
      "          Resource: !Sub arn:aws:sqs:${AWS::Region}:${AWS::AccountId}:*\n"
      "custom:\n  table: orders-${sls:stage}\n"
      "functions:\n";
  out.reserve(static_cast<size_t>(n) * 700);
  for (int i = 0; i < n; ++i) {
    const std::string id = std::to_string(i);
    out += "  fn" + id +
           ":\n    handler: app.handler\n"
           "    environment:\n      STAGE: ${sls:stage}\n      QUEUE_URL: !Ref Queue" +
           id + "\n";
    if (i % 4 == 3 || i % 10 == 0) {
      out +=
          "    iamRoleStatements:\n      - Effect: Allow\n        Action: [sqs:*]\n"
          "        Resource: !GetAtt Queue" +
          id + ".Arn\n";
      if (i % 10 == 0) {
        out +=
            "      - Effect: Allow\n        Action: [dynamodb:PutItem, sns:Publish]\n"
            "        Resource: ['arn:aws:dynamodb:*:*:table/${self:custom.table}', !Ref Events]\n";
      }
    }
    out += "    events:\n      - http: GET /items" + id + "\n      - sqs: {arn: !GetAtt Queue" +
           id + ".Arn, batchSize: 10}\n";
  }
  out +=
      "resources:\n  Resources:\n"
      "    Orders:\n      Type: AWS::DynamoDB::Table\n"
      "      Properties: {TableName: '${self:custom.table}'}\n"
      "    Events:\n      Type: AWS::SNS::Topic\n";
  for (int i = 0; i < n; ++i) {
    out += "    Queue" + std::to_string(i) +
           ":\n      Type: AWS::SQS::Queue\n      Properties:\n        VisibilityTimeout: 60\n";
  }
  return out;
}

bool IsKind(std::string_view kind) { return kind == "sam" || kind == "cfn" || kind == "sls"; }

std::string Generate(const std::string& kind, int n) {
  return kind == "sam" ? Sam(n) : kind == "cfn" ? Cfn(n) : Sls(n);
}

struct Phases {
  double parse = 0, model = 0, rules = 0;
  size_t resources = 0, functions = 0, findings = 0, diagnostics = 0;
};

size_t CountResources(const fnwarden::model::Model& m) {
  size_t n = 0;
  fnwarden::model::ForEachResourceList(m, [&](const auto& list) { n += list.size(); });
  return n;
}

Phases ScanOnce(const std::string& name, const std::string& text, unsigned jobs,
                bool profile = false) {
  namespace fl = fnwarden::load;
  namespace fr = fnwarden::rules;
  Phases p;
  fnwarden::util::DiagnosticSink diags;
  fnwarden::util::SourceFile file(name, text);
  auto start = Clock::now();
  std::unique_ptr<fl::syntax::Document> doc =
      fl::syntax::ParseYaml(&file, fl::syntax::ParseLimits{}, &diags);
  p.parse = Seconds(start);
  std::vector<fnwarden::model::Model> models(1);
  start = Clock::now();
  fl::LoadOptions load;
  load.jobs = jobs;
  if (doc == nullptr || !fl::BuildUnitModel(*doc, load, &diags, &models[0])) {
    std::fprintf(stderr, "scale_bench: %s did not load\n", name.c_str());
    for (const auto& d : diags.Sorted()) std::fputs(fnwarden::util::Render(d).c_str(), stderr);
    std::exit(1);
  }
  p.model = Seconds(start);

  fr::EngineOptions options;
  std::string err;
  fr::SelectRules(fr::AllRules(), {}, {}, &options.rules, &err);
  options.jobs = jobs;
  options.known_ids = fr::KnownIds(fr::AllRules());
  options.time_rules = profile;
  fr::EngineResult result;
  start = Clock::now();
  fr::RunEngine(models, options, &diags, &result);
  p.rules = Seconds(start);
  if (profile) {
    const fr::EngineTiming& t = result.timing;
    std::printf("  %s, rules one after the other: facts %.3f s, policy checks %.3f s\n",
                name.c_str(), t.facts_s, t.validate_s);
    fnwarden::bench::PrintSlowestRules(t, options.rules, 10);
  }

  p.resources = CountResources(models[0]);
  p.functions = models[0].functions.size();
  p.findings = result.findings.size();
  p.diagnostics = diags.size();
  return p;
}

int Usage() {
  std::fputs(
      "usage: scale_bench [--sizes N,N,...] [--kinds sam,cfn,sls] [--runs N] [--jobs N] "
      "[--profile]\n"
      "       scale_bench --emit sam|cfn|sls N\n",
      stderr);
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  fnwarden::util::KeepFreedMemory();  // as the fnwarden executable does
  std::vector<int> sizes = {1000, 5000, 20000};
  std::vector<std::string> kinds = {"sam", "cfn", "sls"};
  int runs = 3;
  unsigned jobs = 0;
  bool profile = false;
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    if (arg == "--profile") {
      profile = true;
      continue;
    }
    if (arg == "--emit" && i + 2 < argc) {
      std::string kind = argv[i + 1];
      int n = std::atoi(argv[i + 2]);
      if (!IsKind(kind) || n <= 0) return Usage();
      std::string text = Generate(kind, n);
      std::fwrite(text.data(), 1, text.size(), stdout);
      return 0;
    }
    if (i + 1 >= argc) return Usage();
    std::string value = argv[++i];
    if (arg == "--sizes") {
      sizes.clear();
      for (std::string_view part : fnwarden::util::Split(value, ',')) {
        int n = std::atoi(std::string(part).c_str());
        if (n <= 0) return Usage();
        sizes.push_back(n);
      }
    } else if (arg == "--kinds") {
      kinds.clear();
      for (std::string_view kind : fnwarden::util::Split(value, ',')) {
        if (!IsKind(kind)) return Usage();
        kinds.emplace_back(kind);
      }
    } else if (arg == "--runs") {
      runs = std::max(1, std::atoi(value.c_str()));
    } else if (arg == "--jobs") {
      jobs = static_cast<unsigned>(std::atoi(value.c_str()));
    } else {
      return Usage();
    }
  }

  std::printf("%-4s %9s %10s %8s  %9s %9s %9s %9s %7s  %s\n", "kind", "functions", "resources",
              "MB", "parse s", "model s", "rules s", "total s", "MB/s",
              "us/function (parse model rules)");
  std::map<int, double> sam_rate;  // MB/s of the SAM template of each size
  std::vector<std::string> profiles;  // printed after the table
  for (const std::string& kind : kinds) {
    for (int n : sizes) {
      const std::string text = Generate(kind, n);
      std::vector<double> parse, model, rules, total;
      Phases p;
      for (int r = 0; r < runs; ++r) {
        p = ScanOnce(kind + std::to_string(n) + ".yaml", text, jobs);
        parse.push_back(p.parse);
        model.push_back(p.model);
        rules.push_back(p.rules);
        total.push_back(p.parse + p.model + p.rules);
      }
      const double per = 1e6 / p.functions;
      const double rate = static_cast<double>(text.size()) / 1e6 / Median(total);
      std::printf("%-4s %9zu %10zu %8.2f  %9.3f %9.3f %9.3f %9.3f %7.2f  %.1f %.1f %.1f",
                  kind.c_str(), p.functions, p.resources, static_cast<double>(text.size()) / 1e6,
                  Median(parse), Median(model), Median(rules), Median(total), rate,
                  Median(parse) * per, Median(model) * per, Median(rules) * per);
      if (kind == "sam") sam_rate[n] = rate;
      if (kind == "sls" && sam_rate.count(n) != 0) {
        std::printf("  (%.0f%% of SAM's MB/s; target >= 80%%)", 100.0 * rate / sam_rate[n]);
      }
      std::printf("\n");
      if (profile) profiles.push_back(text);
    }
  }
  if (profile) {
    size_t k = 0;
    for (const std::string& kind : kinds) {
      for (int n : sizes) ScanOnce(kind + std::to_string(n) + ".yaml", profiles[k++], jobs, true);
    }
  }
  struct rusage usage;
  ::getrusage(RUSAGE_SELF, &usage);
  std::printf("peak RSS %.1f MB; target: 20,000 functions loaded and scanned in < 1 s\n",
              static_cast<double>(usage.ru_maxrss) / 1024.0);
  std::printf("(median of %d runs; benchmarks are never asserted in tests)\n", runs);
  return 0;
}
