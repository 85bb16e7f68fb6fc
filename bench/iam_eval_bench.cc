// The IAM evaluation benchmark: single-request evaluations per second on one
// core, against the policies of a typical function role (the statements SAM
// writes for DynamoDBCrudPolicy, SQSSendMessagePolicy, S3ReadPolicy and
// the basic execution role, plus a TLS-only deny with a condition).
//
//   iam_eval_bench [--seconds S]
//
// Figures: evaluations per second over a rotating mix of requests (allowed,
// implicitly denied, explicitly denied), with and without a context; the
// issue's target is at least 1,000,000 per second per core. Nothing here
// asserts it.

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include "analysis/iam/evaluate.h"
#include "analysis/iam/iam_test_util.h"

namespace {

using fnwarden::analysis::iam::Compile;
using fnwarden::analysis::iam::CompiledPolicy;
using fnwarden::analysis::iam::Context;
using fnwarden::analysis::iam::Decision;
using fnwarden::analysis::iam::Evaluate;
using fnwarden::analysis::iam::PolicyKind;
using fnwarden::analysis::iam::PolicySet;
using fnwarden::analysis::iam::Request;
using Clock = std::chrono::steady_clock;

constexpr const char* kPolicies[] = {
    R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":[
      "dynamodb:GetItem","dynamodb:DeleteItem","dynamodb:PutItem","dynamodb:Scan","dynamodb:Query",
      "dynamodb:UpdateItem","dynamodb:BatchWriteItem","dynamodb:BatchGetItem",
      "dynamodb:DescribeTable","dynamodb:ConditionCheckItem"],
      "Resource":["arn:aws:dynamodb:us-east-1:111122223333:table/Orders",
                  "arn:aws:dynamodb:us-east-1:111122223333:table/Orders/index/*"]}]})",
    R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["sqs:SendMessage*"],
      "Resource":"arn:aws:sqs:us-east-1:111122223333:orders-queue"}]})",
    R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["s3:GetObject",
      "s3:ListBucket","s3:GetBucketLocation","s3:GetObjectVersion","s3:GetLifecycleConfiguration"],
      "Resource":["arn:aws:s3:::orders-bucket","arn:aws:s3:::orders-bucket/*"]},
      {"Effect":"Deny","Action":"s3:*","Resource":"*",
       "Condition":{"Bool":{"aws:SecureTransport":"false"}}}]})",
    R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["logs:CreateLogGroup",
      "logs:CreateLogStream","logs:PutLogEvents"],"Resource":"*"}]})",
};

struct Probe {
  const char* action;
  const char* resource;
};

constexpr Probe kProbes[] = {
    {"dynamodb:GetItem", "arn:aws:dynamodb:us-east-1:111122223333:table/Orders"},
    {"dynamodb:Query", "arn:aws:dynamodb:us-east-1:111122223333:table/Orders/index/byDate"},
    {"dynamodb:DeleteTable", "arn:aws:dynamodb:us-east-1:111122223333:table/Orders"},
    {"sqs:SendMessage", "arn:aws:sqs:us-east-1:111122223333:orders-queue"},
    {"s3:GetObject", "arn:aws:s3:::orders-bucket/2024/01/receipt.pdf"},
    {"s3:PutObject", "arn:aws:s3:::orders-bucket/2024/01/receipt.pdf"},
    {"logs:PutLogEvents", "arn:aws:logs:us-east-1:111122223333:log-group:/aws/lambda/f:*"},
    {"lambda:InvokeFunction", "arn:aws:lambda:us-east-1:111122223333:function:other"},
};

double Run(const PolicySet& set, const Context* ctx, double seconds, size_t* decisions) {
  Request req;
  req.principal.arn = "arn:aws:iam::111122223333:role/orders-fn";
  req.context = ctx;
  constexpr size_t kProbeCount = sizeof kProbes / sizeof kProbes[0];
  size_t n = 0;
  size_t allowed = 0;
  Clock::time_point start = Clock::now();
  double elapsed = 0;
  while (elapsed < seconds) {
    for (int batch = 0; batch < 10000; ++batch, ++n) {
      const Probe& p = kProbes[n % kProbeCount];
      req.action = p.action;
      req.resource = p.resource;
      allowed += Evaluate(req, set).decision == Decision::kAllowed;
    }
    elapsed = std::chrono::duration<double>(Clock::now() - start).count();
  }
  *decisions = allowed;
  return static_cast<double>(n) / elapsed;
}

}  // namespace

int main(int argc, char** argv) {
  double seconds = 2.0;
  for (int i = 1; i + 1 < argc; ++i) {
    if (std::strcmp(argv[i], "--seconds") == 0) seconds = std::atof(argv[i + 1]);
  }
  fnwarden::analysis::iam::testing::PolicyReader reader;
  std::vector<fnwarden::model::PolicyDocument> docs;
  for (const char* p : kPolicies) docs.push_back(reader.Read(p));
  std::vector<CompiledPolicy> compiled;
  compiled.reserve(docs.size());
  for (const auto& d : docs) compiled.push_back(Compile(d, PolicyKind::kIdentity));
  PolicySet set;
  for (const CompiledPolicy& c : compiled) set.identity.push_back(&c);

  Context closed;
  closed.Set("aws:SecureTransport", "true").Close();
  size_t allowed = 0;
  double with_context = Run(set, &closed, seconds, &allowed);
  std::printf("iam eval, closed context:  %12.0f evaluations/s (one core; target >= 1,000,000)\n",
              with_context);
  double open = Run(set, nullptr, seconds, &allowed);
  std::printf("iam eval, open context:    %12.0f evaluations/s (conditions stay unknown)\n", open);
  std::printf("(checksum %zu)\n", allowed);
  return 0;
}
