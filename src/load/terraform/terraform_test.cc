// The Terraform frontend end to end: evaluation (module.h), the workspace
// of root modules and local modules, variables files, and the bad inputs
// it must survive with a diagnostic.

#include "load/terraform/terraform.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "load/project.h"
#include "load/syntax/hcl.h"
#include "load/terraform/module.h"
#include "util/diagnostic.h"
#include "util/fs.h"
#include "util/source.h"

namespace fnwarden::load::terraform {
namespace {

namespace hcl = syntax::hcl;

std::vector<std::string> Headlines(const util::DiagnosticSink& diags) {
  std::vector<std::string> out;
  for (const util::Diagnostic& d : diags.Sorted()) out.push_back(util::RenderHeadline(d));
  return out;
}

// One module of one file, evaluated.
class Module {
 public:
  explicit Module(std::string text, std::map<std::string, ValuePtr> vars = {})
      : source_("main.tf", std::move(text)) {
    file_ = hcl::ParseHcl(&source_, {}, &diags_);
    if (file_ == nullptr) return;
    config_.dir = ".";
    config_.files.push_back(file_.get());
    config_.Index(&diags_);
    EvalEnvironment env;
    env.diags = &diags_;
    env.max_instances = 100;
    ev_ = std::make_unique<Evaluator>(config_, std::move(vars), std::move(env));
  }

  // An output's value as Show prints it.
  std::string Out(std::string_view name) {
    if (ev_ == nullptr) return "(no module)";
    ValuePtr v = ev_->Output(name);
    return v == nullptr ? "(no output)" : Show(*v);
  }
  std::vector<std::string> Addresses() {
    std::vector<std::string> out;
    for (const ResourceInstance& i : ev_->Instances()) out.push_back(i.address);
    return out;
  }
  std::vector<ResourceInstance> Instances() { return ev_->Instances(); }
  util::DiagnosticSink& diags() { return diags_; }

 private:
  util::SourceFile source_;
  util::DiagnosticSink diags_;
  std::unique_ptr<hcl::File> file_;
  ModuleConfig config_;
  std::unique_ptr<Evaluator> ev_;
};

TEST(TerraformEval, VariablesLocalsAndOperators) {
  Module m(R"(
variable "stage" { default = "prod" }
variable "size" { default = 3 }
variable "given" {}
variable "missing" {}
locals {
  name   = "orders-${var.stage}"
  double = var.size * 2
  big    = local.double > 5 && var.stage == "prod"
  pick   = var.stage == "dev" ? "small" : "large"
  list   = [for s in ["a", "b", "c"] : upper(s) if s != "b"]
  map    = { for k, v in { a = 1, b = 2 } : k => v + 1 }
  group  = { for s in ["x1", "x2", "y1"] : substr(s, 0, 1) => s... }
  tmpl   = "%{ for s in ["a", "b"] }[${s}]%{ endfor }%{ if var.size > 1 }many%{ else }one%{ endif }"
  heredoc = <<-EOT
    hello ${var.stage}
    EOT
}
output "name" { value = local.name }
output "double" { value = local.double }
output "big" { value = local.big }
output "pick" { value = local.pick }
output "list" { value = local.list }
output "map" { value = local.map }
output "group" { value = local.group }
output "tmpl" { value = local.tmpl }
output "heredoc" { value = local.heredoc }
output "given" { value = var.given }
output "missing" { value = "x-${var.missing}" }
output "unknown_cond" { value = var.missing == "a" ? 1 : 2 }
output "same_branches" { value = var.missing == "a" ? "same" : "same" }
output "try" { value = try(local.map.nope, "fallback") }
output "can" { value = can(local.map.nope) }
output "splat" { value = [{ n = 1 }, { n = 2 }][*].n }
)",
           {{"given", String("from-tfvars", {})}});
  EXPECT_EQ(m.Out("name"), "\"orders-prod\"");
  EXPECT_EQ(m.Out("double"), "6");
  EXPECT_EQ(m.Out("big"), "true");
  EXPECT_EQ(m.Out("pick"), "\"large\"");
  EXPECT_EQ(m.Out("list"), "[\"A\", \"C\"]");
  EXPECT_EQ(m.Out("map"), "{a = 2, b = 3}");
  EXPECT_EQ(m.Out("group"), "{x = [\"x1\", \"x2\"], y = [\"y1\"]}");
  EXPECT_EQ(m.Out("tmpl"), "\"[a][b]many\"");
  EXPECT_EQ(m.Out("heredoc"), "\"hello prod\n\"");
  EXPECT_EQ(m.Out("given"), "\"from-tfvars\"");
  EXPECT_EQ(m.Out("missing"), "\"x-${(unknown: var.missing)}\"");
  EXPECT_EQ(m.Out("unknown_cond"), "(unknown: var.missing == \"a\" ? 1 : 2)");
  EXPECT_EQ(m.Out("same_branches"), "\"same\"");
  EXPECT_EQ(m.Out("try"), "\"fallback\"");
  EXPECT_EQ(m.Out("can"), "false");
  EXPECT_EQ(m.Out("splat"), "[1, 2]");
  EXPECT_EQ(Headlines(m.diags()), std::vector<std::string>{});
}

TEST(TerraformEval, ReferencesToResourcesAreTypedParts) {
  Module m(R"(
resource "aws_s3_bucket" "data" { bucket = "orders-data" }
resource "aws_iam_role" "exec" { name_prefix = "exec" }
data "aws_caller_identity" "me" {}
data "aws_region" "here" {}
output "bucket_name" { value = aws_s3_bucket.data.bucket }
output "bucket_arn" { value = "${aws_s3_bucket.data.arn}/*" }
output "role_name" { value = aws_iam_role.exec.name }
output "account" { value = "arn:aws:iam::${data.aws_caller_identity.me.account_id}:root" }
output "region" { value = data.aws_region.here.name }
output "other_data" { value = data.aws_caller_identity.me.arn }
)");
  EXPECT_EQ(m.Out("bucket_name"), "\"orders-data\"");
  EXPECT_EQ(m.Out("bucket_arn"), "\"${aws_s3_bucket.data.arn}/*\"");
  EXPECT_EQ(m.Out("role_name"), "\"${aws_iam_role.exec.name}\"");
  EXPECT_EQ(m.Out("account"), "\"arn:aws:iam::${.AWS::AccountId}:root\"");
  EXPECT_EQ(m.Out("region"), "\"${.AWS::Region}\"");
  EXPECT_EQ(m.Out("other_data"), "(unknown: data.aws_caller_identity.me.arn)");
}

TEST(TerraformEval, CountAndForEachInstances) {
  Module m(R"(
variable "queues" { default = ["orders", "billing"] }
resource "aws_sqs_queue" "q" {
  for_each = toset(var.queues)
  name     = "${each.key}-queue"
}
resource "aws_sns_topic" "t" {
  count = 2
  name  = "topic-${count.index}"
}
resource "aws_s3_bucket" "maybe" {
  count  = var.unknown_flag ? 1 : 0
  bucket = "b-${count.index}"
}
variable "unknown_flag" {}
output "names" { value = [for q in aws_sqs_queue.q : q.name] }
output "billing" { value = aws_sqs_queue.q["billing"].name }
output "second" { value = aws_sns_topic.t[1].name }
output "arns" { value = aws_sns_topic.t[*].arn }
)");
  EXPECT_EQ(m.Addresses(), (std::vector<std::string>{
                               "aws_sqs_queue.q[\"billing\"]", "aws_sqs_queue.q[\"orders\"]",
                               "aws_sns_topic.t[0]", "aws_sns_topic.t[1]", "aws_s3_bucket.maybe"}));
  EXPECT_EQ(m.Out("names"), "[\"billing-queue\", \"orders-queue\"]");
  EXPECT_EQ(m.Out("billing"), "\"billing-queue\"");
  EXPECT_EQ(m.Out("second"), "\"topic-1\"");
  EXPECT_EQ(m.Out("arns"), "[\"${aws_sns_topic.t[0].arn}\", \"${aws_sns_topic.t[1].arn}\"]");
  // A count fnwarden cannot know: one instance, its index unknown.
  for (const ResourceInstance& i : m.Instances()) {
    if (i.address == "aws_s3_bucket.maybe") {
      EXPECT_EQ(Show(*i.body->FieldPtr("bucket")), "\"b-${(unknown: count.index)}\"");
    }
  }
}

TEST(TerraformEval, DynamicBlocksAndPolicyDocuments) {
  Module m(R"(
locals { buckets = ["a", "b"] }
data "aws_iam_policy_document" "read" {
  statement {
    sid       = "Read"
    actions   = ["s3:GetObject"]
    resources = [for b in local.buckets : "arn:aws:s3:::${b}/*"]
    principals {
      type        = "Service"
      identifiers = ["lambda.amazonaws.com"]
    }
    condition {
      test     = "StringEquals"
      variable = "aws:SourceAccount"
      values   = ["123456789012"]
    }
  }
  dynamic "statement" {
    for_each = local.buckets
    content {
      effect      = "Deny"
      not_actions = ["s3:Get*"]
      resources   = ["arn:aws:s3:::${statement.value}"]
    }
  }
}
data "aws_iam_policy_document" "merged" {
  source_policy_documents = [data.aws_iam_policy_document.read.json]
  statement {
    sid     = "Read"
    actions = ["s3:ListBucket"]
    resources = ["*"]
  }
}
output "read" { value = data.aws_iam_policy_document.read.json }
output "merged" { value = data.aws_iam_policy_document.merged.json }
)");
  EXPECT_EQ(m.Out("read"),
            "json{Statement = [{Action = [\"s3:GetObject\"], Condition = {StringEquals = "
            "{aws:SourceAccount = [\"123456789012\"]}}, Effect = \"Allow\", Principal = {Service "
            "= [\"lambda.amazonaws.com\"]}, Resource = [\"arn:aws:s3:::a/*\", "
            "\"arn:aws:s3:::b/*\"], Sid = \"Read\"}, {Effect = \"Deny\", NotAction = "
            "[\"s3:Get*\"], Resource = [\"arn:aws:s3:::a\"]}, {Effect = \"Deny\", NotAction = "
            "[\"s3:Get*\"], Resource = [\"arn:aws:s3:::b\"]}], Version = \"2012-10-17\"}");
  // The statement of the same Sid replaces the source document's.
  EXPECT_EQ(m.Out("merged"),
            "json{Statement = [{Action = [\"s3:ListBucket\"], Effect = \"Allow\", Resource = "
            "[\"*\"], Sid = \"Read\"}, {Effect = \"Deny\", NotAction = [\"s3:Get*\"], Resource = "
            "[\"arn:aws:s3:::a\"]}, {Effect = \"Deny\", NotAction = [\"s3:Get*\"], Resource = "
            "[\"arn:aws:s3:::b\"]}], Version = \"2012-10-17\"}");
}

TEST(TerraformEval, CyclicLocalsAreUnknownWithADiagnostic) {
  Module m(R"(
locals {
  a = "x${local.b}"
  b = local.a
}
output "a" { value = local.a }
)");
  EXPECT_EQ(m.Out("a"), "\"x${(unknown: local.b)}\"");
  EXPECT_EQ(Headlines(m.diags()),
            std::vector<std::string>{
                "main.tf:4:7: warning: local value a refers to itself (a cycle); its value is "
                "unknown"});
}

TEST(TerraformEval, HugeForEachIsCappedWithADiagnostic) {
  Module m(R"(
resource "aws_sqs_queue" "many" {
  count = 10000000
  name  = "q${count.index}"
}
resource "aws_sns_topic" "range" {
  for_each = toset([for i in range(10000000) : tostring(i)])
  name     = each.key
}
)");
  std::vector<std::string> addresses = m.Addresses();
  EXPECT_EQ(addresses.size(), 101u);  // 100 queues (the test's cap) and one unknown topic
  EXPECT_EQ(addresses.back(), "aws_sns_topic.range");
  EXPECT_EQ(Headlines(m.diags()),
            (std::vector<std::string>{
                "main.tf:3:3: warning: aws_sqs_queue.many: count of 10000000 is more than the "
                "100 instances fnwarden reads; the first 100 are scanned",
                "main.tf:7:30: warning: range(): the result is larger than 100000 elements or "
                "1048576 bytes; it is left unknown"}));
}

TEST(TerraformEval, DeepNestingIsCapped) {
  std::string deep = "locals { x = ";
  for (int i = 0; i < 240; ++i) deep += "(";
  deep += "1";
  for (int i = 0; i < 240; ++i) deep += ")";
  deep += " }\noutput \"x\" { value = local.x }\n";
  Module m(deep);
  EXPECT_EQ(m.Out("x").substr(0, 10), "(unknown: ");
  ASSERT_EQ(Headlines(m.diags()).size(), 1u);
  EXPECT_NE(Headlines(m.diags())[0].find("nested deeper than 200 levels"), std::string::npos);
}

// A scan of a folder tree through LoadProjects.
struct Scan {
  util::MemoryFileSystem fs;
  util::DiagnosticSink diags;
  LoadResult result;
  void Run(const std::vector<std::string>& paths, LoadOptions options = {}) {
    options.jobs = 1;  // MemoryFileSystem is read from the calling thread only
    LoadProjects(fs, paths, options, &diags, &result);
  }
  const model::Model* Model(std::string_view root) const {
    for (const model::Model& m : result.models) {
      if (m.root == root) return &m;
    }
    return nullptr;
  }
};

constexpr char kFunctionModule[] = R"(
variable "name" {}
variable "policy_arn" { default = "arn:aws:iam::aws:policy/AWSLambdaBasicExecutionRole" }
resource "aws_iam_role" "this" {
  name = "${var.name}-role"
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "sts:AssumeRole",
                   Principal = { Service = "lambda.amazonaws.com" } }]
  })
}
resource "aws_iam_role_policy_attachment" "basic" {
  role       = aws_iam_role.this.name
  policy_arn = var.policy_arn
}
resource "aws_lambda_function" "this" {
  function_name = var.name
  role          = aws_iam_role.this.arn
  runtime       = "python3.12"
  handler       = "app.handler"
}
output "arn" { value = aws_lambda_function.this.arn }
)";

// A role named from what only the deployment knows: the attachment that
// names it by the same pieces attaches to it.
TEST(TerraformWorkspace, AttachmentFindsARoleNamedFromDeploymentValues) {
  Scan s;
  s.fs.AddFile("repo/main.tf", R"(
resource "random_id" "seed" { byte_length = 4 }
locals { prefix = "orders" }
resource "aws_iam_role" "role" {
  name = "${local.prefix}-role-${random_id.seed.hex}"
  assume_role_policy = "{}"
}
resource "aws_iam_role" "other" {
  name = "${local.prefix}-other-${random_id.seed.hex}"
  assume_role_policy = "{}"
}
resource "aws_iam_policy" "policy" {
  name   = "${local.prefix}-policy-${random_id.seed.hex}"
  policy = jsonencode({ Statement = [{ Effect = "Allow", Action = "sqs:SendMessage", Resource = "*" }] })
}
resource "aws_iam_role_policy_attachment" "a" {
  role       = "${local.prefix}-role-${random_id.seed.hex}"
  policy_arn = aws_iam_policy.policy.arn
}
)");
  s.Run({"repo"});
  const model::Model* m = s.Model("repo");
  ASSERT_NE(m, nullptr);
  std::vector<std::string> attached;
  for (const model::Role& r : m->roles) {
    for (const model::PolicyDocument& p : r.policies) attached.push_back(r.id + " " + p.name);
  }
  EXPECT_EQ(attached, std::vector<std::string>{"aws_iam_role.role aws_iam_policy.policy"});
}

// Target groups, their attachments, listeners and rules: the function
// behind the public balancer's rule is internet-facing, the one behind the
// internal balancer is not, and a listener that signs users in says so.
TEST(TerraformWorkspace, LoadBalancerTargetGroupsInvokeTheirFunctions) {
  Scan s;
  s.fs.AddFile("repo/main.tf", R"(
variable "internal" { type = bool }
resource "aws_lambda_function" "api" {
  function_name = "api"
  role          = "arn:aws:iam::123456789012:role/api"
  runtime       = "python3.12"
  handler       = "app.handler"
}
resource "aws_lb" "public" { load_balancer_type = "application" }
resource "aws_alb" "private" { internal = true }
resource "aws_lb" "chosen" { internal = var.internal }
resource "aws_lb_target_group" "open" {
  name        = "open"
  target_type = "lambda"
}
resource "aws_alb_target_group" "inside" { target_type = "lambda" }
resource "aws_lb_target_group" "signed" { target_type = "lambda" }
resource "aws_lb_target_group" "maybe" { target_type = "lambda" }
resource "aws_lb_target_group_attachment" "open" {
  target_group_arn = aws_lb_target_group.open.arn
  target_id        = aws_lambda_function.api.arn
}
resource "aws_alb_target_group_attachment" "inside" {
  target_group_arn = aws_alb_target_group.inside.arn
  target_id        = aws_lambda_function.api.arn
}
resource "aws_lb_target_group_attachment" "signed" {
  target_group_arn = aws_lb_target_group.signed.arn
  target_id        = aws_lambda_function.api.arn
}
resource "aws_lb_target_group_attachment" "maybe" {
  target_group_arn = aws_lb_target_group.maybe.arn
  target_id        = aws_lambda_function.api.arn
}
resource "aws_lb_listener" "http" {
  load_balancer_arn = aws_lb.public.arn
  default_action {
    type = "fixed-response"
  }
}
resource "aws_lb_listener_rule" "open" {
  listener_arn = aws_lb_listener.http.arn
  action {
    type = "forward"
    forward {
      target_group { arn = aws_lb_target_group.open.arn }
    }
  }
}
resource "aws_lb_listener" "https" {
  load_balancer_arn = aws_lb.public.arn
  default_action {
    type = "authenticate-oidc"
  }
  default_action {
    type             = "forward"
    target_group_arn = aws_lb_target_group.signed.arn
  }
}
resource "aws_alb_listener" "inside" {
  load_balancer_arn = aws_alb.private.arn
  default_action {
    type             = "forward"
    target_group_arn = aws_alb_target_group.inside.arn
  }
}
resource "aws_lb_listener" "chosen" {
  load_balancer_arn = aws_lb.chosen.arn
  default_action {
    type             = "forward"
    target_group_arn = aws_lb_target_group.maybe.arn
  }
}
)");
  s.Run({"repo"});
  const model::Model* m = s.Model("repo");
  ASSERT_NE(m, nullptr);
  std::vector<std::string> triggers;
  for (const model::Trigger& t : m->triggers) {
    if (t.kind != model::TriggerKind::kLoadBalancer) continue;
    std::string facing = t.internet_facing.absent()   ? "absent"
                         : !t.internet_facing.known() ? "unknown"
                         : t.internet_facing.value    ? "internet-facing"
                                                      : "internal";
    triggers.push_back(t.name + " -> " + t.function_id + " " + facing +
                       (t.authenticates ? " signed-in" : ""));
  }
  std::sort(triggers.begin(), triggers.end());
  EXPECT_EQ(triggers, (std::vector<std::string>{
                          "aws_alb_target_group.inside -> aws_lambda_function.api internal",
                          "aws_lb_target_group.maybe -> aws_lambda_function.api unknown",
                          "aws_lb_target_group.open -> aws_lambda_function.api internet-facing",
                          "aws_lb_target_group.signed -> aws_lambda_function.api "
                          "internet-facing signed-in",
                      }));
}

TEST(TerraformWorkspace, RootModulesCallLocalModules) {
  Scan s;
  s.fs.AddFile("repo/modules/fn/main.tf", kFunctionModule);
  s.fs.AddFile("repo/env/prod/main.tf", R"(
module "orders" {
  source     = "../../modules/fn"
  name       = "orders"
  policy_arn = "arn:aws:iam::aws:policy/AdministratorAccess"
}
module "billing" {
  source = "../../modules/fn"
  name   = var.billing_name
}
variable "billing_name" { default = "billing" }
)");
  s.fs.AddFile("repo/env/prod/terraform.tfvars", "billing_name = \"invoices\"\n");
  s.Run({"repo"});
  EXPECT_EQ(Headlines(s.diags), std::vector<std::string>{});
  ASSERT_EQ(s.result.models.size(), 1u);  // modules/fn is called: not a root of its own
  const model::Model* m = s.Model("repo/env/prod");
  ASSERT_NE(m, nullptr);
  EXPECT_EQ(m->framework, model::Framework::kTerraform);
  ASSERT_EQ(m->functions.size(), 2u);
  std::vector<std::string> names;
  for (const model::Function& f : m->functions) {
    names.push_back(f.id + " " + f.function_name.value + " " + f.role_id);
    EXPECT_EQ(f.origin, model::Origin::kTerraformModule);
    EXPECT_EQ(f.loc.path(), "repo/modules/fn/main.tf");
  }
  std::sort(names.begin(), names.end());
  EXPECT_EQ(names, (std::vector<std::string>{"module.billing.aws_lambda_function.this invoices "
                                             "module.billing.aws_iam_role.this",
                                             "module.orders.aws_lambda_function.this orders "
                                             "module.orders.aws_iam_role.this"}));
  // The attachment reached the role; the value is shown where the module
  // uses it.
  bool found = false;
  for (const model::Role& r : m->roles) {
    if (r.id != "module.orders.aws_iam_role.this") continue;
    for (const model::PolicyDocument& p : r.policies) {
      if (p.source != model::PolicySource::kManaged) continue;
      found = true;
      EXPECT_EQ(p.arn.value, "arn:aws:iam::aws:policy/AdministratorAccess");
      EXPECT_EQ(p.arn.loc.path(), "repo/modules/fn/main.tf");
      EXPECT_EQ(p.arn.loc.line, 14u);
    }
  }
  EXPECT_TRUE(found);
}

TEST(TerraformWorkspace, ModulesThatTerraformInitDownloadedAreRead) {
  Scan s;
  s.fs.AddFile("repo/app/main.tf", R"(
module "fn" {
  source  = "acme/function/aws"
  version = "1.0.0"
  name    = "orders"
}
module "gone" {
  source = "acme/other/aws"
}
)");
  s.fs.AddFile("repo/app/.terraform/modules/modules.json",
               R"({"Modules": [{"Key": "", "Source": "", "Dir": "."},
                  {"Key": "fn", "Source": "registry.terraform.io/acme/function/aws",
                   "Version": "1.0.0", "Dir": ".terraform/modules/fn"},
                  {"Key": "escape", "Source": "x", "Dir": "../../elsewhere"}]})");
  s.fs.AddFile("repo/app/.terraform/modules/fn/main.tf", kFunctionModule);
  s.fs.AddFile("elsewhere/main.tf", "resource \"aws_s3_bucket\" \"x\" {}\n");
  s.Run({"repo"});
  EXPECT_EQ(Headlines(s.diags),
            (std::vector<std::string>{
                "repo/app/.terraform/modules/modules.json:4:59: warning: module escape: folder "
                "../../elsewhere is outside the scanned folders; not read",
                "repo/app/main.tf:8:12: warning: module source acme/other/aws is not a local "
                "folder nor downloaded by terraform init (.terraform/modules); its resources are "
                "not scanned"}));
  ASSERT_EQ(s.result.models.size(), 1u);  // the downloaded module is not a root
  const model::Model* m = s.Model("repo/app");
  ASSERT_NE(m, nullptr);
  ASSERT_EQ(m->functions.size(), 1u);
  EXPECT_EQ(m->functions[0].id, "module.fn.aws_lambda_function.this");
  EXPECT_EQ(m->functions[0].function_name.value, "orders");
  EXPECT_EQ(m->functions[0].loc.path(), "repo/app/.terraform/modules/fn/main.tf");
}

TEST(TerraformWorkspace, ModuleCyclesAndEscapesAreRefused) {
  Scan s;
  s.fs.AddFile("repo/app/main.tf", R"(
module "self" { source = "./" }
module "parent" { source = "../app" }
module "outside" { source = "../../elsewhere" }
module "registry" {
  source  = "terraform-aws-modules/lambda/aws"
  version = "7.0.0"
}
)");
  s.fs.AddFile("elsewhere/main.tf", "resource \"aws_s3_bucket\" \"x\" {}\n");
  s.Run({"repo"});
  EXPECT_EQ(Headlines(s.diags),
            (std::vector<std::string>{
                "repo/app/main.tf:2:26: warning: module self: source ./ is this module or one "
                "that calls it (a cycle); not read",
                "repo/app/main.tf:3:28: warning: module parent: source ../app is this module or "
                "one that calls it (a cycle); not read",
                "repo/app/main.tf:4:29: warning: module source ../../elsewhere is outside the "
                "scanned folders; not read",
                "repo/app/main.tf:6:13: warning: module source terraform-aws-modules/lambda/aws "
                "is not a local folder nor downloaded by terraform init (.terraform/modules); its "
                "resources are not scanned"}));
  std::vector<std::string> reads = s.fs.reads();
  for (const std::string& r : reads) EXPECT_EQ(r.find("elsewhere"), std::string::npos) << r;
}

TEST(TerraformWorkspace, FilesAreReadInsideTheRootsOnly) {
  Scan s;
  s.fs.AddFile("repo/app/main.tf", R"(
resource "aws_iam_policy" "inside" {
  policy = file("${path.module}/policy.json")
}
resource "aws_iam_policy" "outside" {
  policy = file("../../secrets/policy.json")
}
resource "aws_iam_policy" "templated" {
  policy = templatefile("policy.tpl", { bucket = "orders" })
}
)");
  s.fs.AddFile("repo/app/policy.json",
               R"({"Version": "2012-10-17", "Statement": [{"Effect": "Allow",
                 "Action": "*", "Resource": "*"}]})");
  s.fs.AddFile("repo/app/policy.tpl",
               R"({"Statement": [{"Effect": "Allow", "Action": "s3:*",
                 "Resource": "arn:aws:s3:::${bucket}/*"}]})");
  s.fs.AddFile("secrets/policy.json", "{}");
  s.Run({"repo"});
  EXPECT_EQ(Headlines(s.diags),
            std::vector<std::string>{
                "repo/app/main.tf:6:12: warning: file ../../secrets/policy.json is outside the "
                "scanned folders; not read, and its value is unknown"});
  for (const std::string& r : s.fs.reads()) EXPECT_EQ(r.find("secrets"), std::string::npos) << r;
  const model::Model* m = s.Model("repo/app");
  ASSERT_NE(m, nullptr);
  std::map<std::string, std::string> actions;
  for (const model::StandalonePolicy& p : m->standalone_policies) {
    std::string a;
    for (const model::Statement& st : p.document.statements) {
      for (const model::String& action : st.actions) a += action.value + " ";
      for (const model::String& r : st.resources) a += r.value + " ";
    }
    actions[p.id] = a;
  }
  EXPECT_EQ(actions["aws_iam_policy.inside"], "* * ");
  EXPECT_EQ(actions["aws_iam_policy.templated"], "s3:* arn:aws:s3:::orders/* ");
  EXPECT_EQ(actions["aws_iam_policy.outside"], "");
}

TEST(TerraformWorkspace, FunctionCodeComesFromTheArchiveThatZipsIt) {
  Scan s;
  s.fs.AddFile("repo/app/main.tf", R"(
data "archive_file" "orders" {
  type        = "zip"
  source_dir  = "${path.module}/src/orders"
  output_path = "${path.module}/build/orders.zip"
}
data "archive_file" "single" {
  type        = "zip"
  source_file = "handlers/billing.py"
  output_path = "build/billing.zip"
}
data "archive_file" "escape" {
  type        = "zip"
  source_dir  = "../../outside"
  output_path = "build/escape.zip"
}
resource "aws_lambda_function" "orders" {
  function_name = "orders"
  filename      = data.archive_file.orders.output_path
}
resource "aws_lambda_function" "billing" {
  function_name = "billing"
  filename      = "build/billing.zip"
}
resource "aws_lambda_function" "escape" {
  function_name = "escape"
  filename      = data.archive_file.escape.output_path
}
resource "aws_lambda_function" "prebuilt" {
  function_name = "prebuilt"
  filename      = "dist/prebuilt.zip"
}
)");
  s.fs.AddFile("repo/app/src/orders/app.py", "def handler(event, context): pass\n");
  s.fs.AddFile("outside/app.py", "secret = 1\n");
  s.Run({"repo"});
  EXPECT_EQ(Headlines(s.diags),
            std::vector<std::string>{
                "repo/app/main.tf:14:17: warning: function aws_lambda_function.escape: code folder "
                "../../outside is outside the scanned folders; its code is not read"});
  const model::Model* m = s.Model("repo/app");
  ASSERT_NE(m, nullptr);
  std::map<std::string, std::string> dirs;
  for (const model::Function& f : m->functions) dirs[f.id] = f.code_dir;
  EXPECT_EQ(dirs, (std::map<std::string, std::string>{
                      {"aws_lambda_function.billing", "repo/app/handlers"},
                      {"aws_lambda_function.escape", ""},
                      {"aws_lambda_function.orders", "repo/app/src/orders"},
                      // Built outside Terraform: the package itself, read for
                      // the packages it ships (load/lockfile/attach.h).
                      {"aws_lambda_function.prebuilt", "repo/app/dist/prebuilt.zip"}}));
}

TEST(TerraformWorkspace, VariablesFilesHoldLiteralsOnly) {
  Scan s;
  s.fs.AddFile("repo/main.tf", R"(
variable "a" { default = "default-a" }
variable "b" { default = "default-b" }
variable "c" { default = "default-c" }
resource "aws_sqs_queue" "a" { name = var.a }
resource "aws_sqs_queue" "b" { name = var.b }
resource "aws_sqs_queue" "c" { name = var.c }
)");
  // A tfvars file may not refer to variables: no cycle through it.
  s.fs.AddFile("repo/terraform.tfvars", "a = var.b\nb = \"from-tfvars\"\n");
  s.fs.AddFile("repo/z.auto.tfvars", "b = \"from-auto\"\n");
  LoadOptions options;
  options.tf_vars = {{"c", "from-option"}};
  s.Run({"repo"}, options);
  EXPECT_EQ(Headlines(s.diags),
            std::vector<std::string>{
                "repo/terraform.tfvars:1:5: warning: variable a: a variables file holds literal "
                "values only (no references or functions); ignored"});
  const model::Model* m = s.Model("repo");
  ASSERT_NE(m, nullptr);
  std::map<std::string, std::string> names;
  for (const model::Queue& q : m->queues) names[q.id] = q.queue_name.value;
  EXPECT_EQ(names, (std::map<std::string, std::string>{{"aws_sqs_queue.a", "default-a"},
                                                       {"aws_sqs_queue.b", "from-auto"},
                                                       {"aws_sqs_queue.c", "from-option"}}));
}

TEST(TerraformWorkspace, BadFilesAreDiagnosedAndTheRestLoads) {
  Scan s;
  s.fs.AddFile("repo/a/main.tf", "locals { x = \"${var.y\" }\n");  // unterminated interpolation
  s.fs.AddFile("repo/b/main.tf", "x = <<EOT\nnever ends\n");       // unterminated heredoc
  s.fs.AddFile("repo/c/main.tf", "resource \"aws_s3_bucket\" \"b\" {\n");  // unbalanced brace
  s.fs.AddFile("repo/d/main.tf", "resource \"aws_s3_bucket\" \"ok\" { bucket = \"ok\" }\n");
  s.Run({"repo"});
  std::vector<std::string> h = Headlines(s.diags);
  ASSERT_EQ(h.size(), 3u);
  EXPECT_EQ(h[0].substr(0, 23), "repo/a/main.tf:1:22: er");
  EXPECT_EQ(h[1].substr(0, 22), "repo/b/main.tf:1:5: er");
  EXPECT_EQ(h[2].substr(0, 22), "repo/c/main.tf:1:30: e");
  ASSERT_NE(s.Model("repo/d"), nullptr);
  EXPECT_EQ(s.Model("repo/d")->buckets.size(), 1u);
}

TEST(TerraformCompile, HeredocPoliciesKeepTheLinesOfTheirStatements) {
  util::SourceFile source("main.tf", R"(resource "aws_s3_bucket" "data" { bucket = "data" }
resource "aws_iam_policy" "p" {
  policy = <<-EOT
    {
      "Version": "2012-10-17",
      "Statement": [
        {"Effect": "Allow", "Action": "s3:GetObject",
         "Resource": "${aws_s3_bucket.data.arn}/*"},
        {"Effect": "Deny", "Action": "s3:DeleteObject", "Resource": "*"}
      ]
    }
  EOT
}
)");
  util::DiagnosticSink diags;
  std::unique_ptr<hcl::File> file = hcl::ParseHcl(&source, {}, &diags);
  ASSERT_NE(file, nullptr);
  model::Model m;
  ASSERT_TRUE(BuildFileModel(*file, LoadOptions{}, &diags, &m));
  ASSERT_EQ(m.standalone_policies.size(), 1u);
  const model::PolicyDocument& doc = m.standalone_policies[0].document;
  ASSERT_EQ(doc.statements.size(), 2u);
  EXPECT_EQ(doc.statements[0].loc.line, 7u);
  EXPECT_EQ(doc.statements[0].loc.col, 9u);  // the indentation <<- removed is counted
  EXPECT_EQ(doc.statements[1].loc.line, 9u);
  ASSERT_EQ(doc.statements[0].resources.size(), 1u);
  EXPECT_EQ(doc.statements[0].resources[0].loc.line, 8u);
  EXPECT_EQ(doc.statements[0].actions[0].value, "s3:GetObject");
}

TEST(TerraformJson, TfJsonFilesReadLikeTheNativeSyntax) {
  Scan s;
  s.fs.AddFile("repo/app/main.tf.json", R"({
  "//": "written by cdktf",
  "variable": {"stage": {"default": "prod-${literal}"}},
  "locals": {"prefix": "orders-${var.stage}"},
  "data": {"aws_iam_policy_document": {"assume": {
    "statement": {"actions": ["sts:AssumeRole"],
                  "principals": {"type": "Service", "identifiers": ["lambda.amazonaws.com"]}}}}},
  "resource": {
    "aws_iam_role": {"exec": {
      "name": "${local.prefix}-exec",
      "assume_role_policy": "${data.aws_iam_policy_document.assume.json}"}},
    "aws_lambda_function": {"fn": {
      "function_name": "${local.prefix}",
      "role": "${aws_iam_role.exec.arn}",
      "runtime": "nodejs16.x",
      "handler": "index.handler",
      "count": 2,
      "tracing_config": {"mode": "Active"},
      "environment": {"variables": {"STAGE": "${var.stage}"}}}}
  }
})");
  s.Run({"repo"});
  EXPECT_EQ(Headlines(s.diags), std::vector<std::string>{});
  const model::Model* m = s.Model("repo/app");
  ASSERT_NE(m, nullptr);
  ASSERT_EQ(m->functions.size(), 2u);
  const model::Function& f = m->functions[0];
  EXPECT_EQ(f.id, "aws_lambda_function.fn[0]");
  EXPECT_EQ(f.function_name.value, "orders-prod-${literal}");  // a default is never a template
  EXPECT_EQ(f.role_id, "aws_iam_role.exec");
  EXPECT_EQ(f.runtime.value, "nodejs16.x");
  EXPECT_EQ(f.runtime.loc.line, 15u);
  EXPECT_EQ(f.tracing.value, "Active");
  ASSERT_EQ(m->roles.size(), 1u);
  ASSERT_EQ(m->roles[0].trust.statements.size(), 1u);
  EXPECT_EQ(m->roles[0].trust.statements[0].actions[0].value, "sts:AssumeRole");
}

TEST(TerraformJson, BadJsonIsReportedAtItsLine) {
  Scan s;
  s.fs.AddFile("repo/app/main.tf.json", "{\n  \"resource\": {\n    \"aws_s3_bucket\": [1, 2\n}\n");
  s.fs.AddFile("repo/app/other.tf.json", "{\"locals\": {\"x\": \"${var.\"}}");
  s.Run({"repo"});
  std::vector<std::string> h = Headlines(s.diags);
  ASSERT_EQ(h.size(), 2u);
  EXPECT_EQ(h[0].substr(0, 26), "repo/app/main.tf.json:4:1:");
  EXPECT_EQ(h[1].substr(0, 34), "repo/app/other.tf.json:1:25: error");
}

// `terraform show -json plan.out`, as the format documents it.
constexpr char kPlan[] = R"({
  "format_version": "1.2",
  "terraform_version": "1.9.5",
  "planned_values": {
    "root_module": {
      "resources": [
        {"address": "aws_iam_role.exec", "mode": "managed", "type": "aws_iam_role",
         "name": "exec", "provider_name": "registry.terraform.io/hashicorp/aws",
         "schema_version": 0,
         "values": {"name": "orders-exec", "path": "/",
                    "assume_role_policy": "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Service\":\"lambda.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"}]}"}},
        {"address": "aws_iam_role_policy_attachment.admin", "mode": "managed",
         "type": "aws_iam_role_policy_attachment", "name": "admin",
         "values": {"role": "orders-exec",
                    "policy_arn": "arn:aws:iam::aws:policy/AdministratorAccess"}},
        {"address": "aws_lambda_function.fn[\"orders\"]", "mode": "managed",
         "type": "aws_lambda_function", "name": "fn", "index": "orders",
         "values": {"function_name": "orders", "runtime": "python3.8", "handler": "app.handler",
                    "environment": [{"variables": {"STAGE": "prod"}}],
                    "tracing_config": [{"mode": "PassThrough"}]}}
      ],
      "child_modules": [
        {"address": "module.store",
         "resources": [
           {"address": "module.store.aws_s3_bucket.this", "mode": "managed",
            "type": "aws_s3_bucket", "name": "this", "values": {"bucket": "orders-data"}}
         ]}
      ]
    }
  },
  "resource_changes": [
    {"address": "aws_lambda_function.fn[\"orders\"]", "mode": "managed",
     "type": "aws_lambda_function", "name": "fn", "index": "orders",
     "change": {"actions": ["create"],
                "after_unknown": {"arn": true, "role": true, "kms_key_arn": true}}}
  ],
  "configuration": {
    "root_module": {
      "resources": [
        {"address": "aws_lambda_function.fn", "mode": "managed", "type": "aws_lambda_function",
         "name": "fn",
         "expressions": {"role": {"references": ["aws_iam_role.exec.arn", "aws_iam_role.exec"]},
                         "runtime": {"constant_value": "python3.8"}},
         "for_each_expression": {"references": ["local.names"]}}
      ],
      "module_calls": {"store": {"source": "./store", "module": {"resources": []}}}
    }
  }
})";

TEST(TerraformPlan, PlannedValuesAndConfigurationReferencesMakeTheModel) {
  Scan s;
  s.fs.AddFile("repo/plans/tfplan.json", kPlan);
  s.Run({"repo"});
  EXPECT_EQ(Headlines(s.diags), std::vector<std::string>{});
  const model::Model* m = s.Model("repo/plans/tfplan.json");
  ASSERT_NE(m, nullptr);
  EXPECT_EQ(m->framework, model::Framework::kTerraform);
  ASSERT_EQ(m->functions.size(), 1u);
  const model::Function& f = m->functions[0];
  EXPECT_EQ(f.id, "aws_lambda_function.fn[\"orders\"]");
  EXPECT_EQ(f.runtime.value, "python3.8");
  EXPECT_EQ(f.role_id, "aws_iam_role.exec");  // from the configuration's references
  // Set by the apply, from an expression the configuration does not show.
  EXPECT_EQ(f.kms_key_arn.state, model::ValueState::kUnknown);
  EXPECT_EQ(f.loc.path(), "repo/plans/tfplan.json");
  ASSERT_EQ(m->roles.size(), 1u);
  bool admin = false;
  for (const model::PolicyDocument& p : m->roles[0].policies) {
    admin = admin || p.arn.value == "arn:aws:iam::aws:policy/AdministratorAccess";
  }
  EXPECT_TRUE(admin);  // the attachment names the role by its planned name
  ASSERT_EQ(m->buckets.size(), 1u);
  EXPECT_EQ(m->buckets[0].id, "module.store.aws_s3_bucket.this");
}

}  // namespace
}  // namespace fnwarden::load::terraform
