#include "analysis/aws_layers.h"

#include <array>

namespace fnwarden::analysis {
namespace {

constexpr std::string_view kTableDate = "2026-12-05";

// Sources, each giving the layer ARN of every region:
//  - Lambda Insights (version 1.0.498.0, x86_64 and arm64):
//    https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/Lambda-Insights-extension-versions.html
//  - AWS Parameters and Secrets Lambda extension (1.0.103):
//    https://docs.aws.amazon.com/secretsmanager/latest/userguide/retrieving-secrets_lambda.html
//  - AWS AppConfig Agent Lambda extension:
//    https://docs.aws.amazon.com/appconfig/latest/userguide/appconfig-integration-lambda-extensions-versions.html
//    (these three as the AWS CDK's region-info fact tables and
//    aws-appconfig module carried them in 2026)
//  - AWS Distro for OpenTelemetry: https://aws-otel.github.io/docs/getting-started/lambda
//    (as the AWS CDK's region-info ADOT tables carried it in 2026)
//  - Powertools for AWS Lambda (Python, TypeScript): the "Lambda layers"
//    pages of https://docs.powertools.aws.dev/lambda/
// Vendors' accounts are the ones their documentation gives for every region.
constexpr auto kPublishers = std::to_array<LayerPublisher>({
    {"580247275435", "AWS Lambda Insights",
     "us-east-1 us-east-2 us-west-1 us-west-2 ap-south-1 ap-northeast-1 ap-northeast-2 "
     "ap-southeast-1 ap-southeast-2 ca-central-1 eu-central-1 eu-west-1 eu-west-2 eu-west-3 "
     "eu-north-1 sa-east-1"},
    {"012438385374", "AWS Lambda Insights", "af-south-1"},
    {"519774774795", "AWS Lambda Insights", "ap-east-1"},
    {"145023102084", "AWS Lambda Insights", "ap-east-2"},
    {"194566237122", "AWS Lambda Insights", "ap-northeast-3"},
    {"891564319516", "AWS Lambda Insights", "ap-south-2"},
    {"439286490199", "AWS Lambda Insights", "ap-southeast-3"},
    {"158895979263", "AWS Lambda Insights", "ap-southeast-4"},
    {"605207715842", "AWS Lambda Insights", "ap-southeast-4"},
    {"590183865173", "AWS Lambda Insights", "ap-southeast-5"},
    {"727646510379", "AWS Lambda Insights", "ap-southeast-6"},
    {"761018874580", "AWS Lambda Insights", "ap-southeast-7"},
    {"946466191631", "AWS Lambda Insights", "ca-west-1"},
    {"761377655185", "AWS Lambda Insights", "ca-west-1"},
    {"033019950311", "AWS Lambda Insights", "eu-central-2"},
    {"339249233099", "AWS Lambda Insights", "eu-south-1"},
    {"352183217350", "AWS Lambda Insights", "eu-south-2"},
    {"459530977127", "AWS Lambda Insights", "il-central-1"},
    {"066549572091", "AWS Lambda Insights", "il-central-1"},
    {"732604637566", "AWS Lambda Insights", "me-central-1"},
    {"285320876703", "AWS Lambda Insights", "me-south-1"},
    {"879381266642", "AWS Lambda Insights", "mx-central-1"},
    {"488211338238", "AWS Lambda Insights", "cn-north-1 cn-northwest-1"},
    {"122132214140", "AWS Lambda Insights", "us-gov-east-1"},
    {"751350123760", "AWS Lambda Insights", "us-gov-west-1"},
    {"198461476570", "AWS Lambda Insights", "us-gov-east-1 us-gov-west-1"},

    {"317013901791", "AWS Parameters and Secrets extension", "af-south-1"},
    {"768336418462", "AWS Parameters and Secrets extension", "ap-east-1"},
    {"133490724326", "AWS Parameters and Secrets extension", "ap-northeast-1"},
    {"738900069198", "AWS Parameters and Secrets extension", "ap-northeast-2"},
    {"576959938190", "AWS Parameters and Secrets extension", "ap-northeast-3"},
    {"176022468876", "AWS Parameters and Secrets extension", "ap-south-1"},
    {"070087711984", "AWS Parameters and Secrets extension", "ap-south-2"},
    {"044395824272", "AWS Parameters and Secrets extension", "ap-southeast-1"},
    {"665172237481", "AWS Parameters and Secrets extension", "ap-southeast-2"},
    {"490737872127", "AWS Parameters and Secrets extension", "ap-southeast-3"},
    {"200266452380", "AWS Parameters and Secrets extension", "ca-central-1"},
    {"287114880934", "AWS Parameters and Secrets extension", "cn-north-1"},
    {"287310001119", "AWS Parameters and Secrets extension", "cn-northwest-1"},
    {"187925254637", "AWS Parameters and Secrets extension", "eu-central-1"},
    {"772501565639", "AWS Parameters and Secrets extension", "eu-central-2"},
    {"427196147048", "AWS Parameters and Secrets extension", "eu-north-1"},
    {"325218067255", "AWS Parameters and Secrets extension", "eu-south-1"},
    {"524103009944", "AWS Parameters and Secrets extension", "eu-south-2"},
    {"015030872274", "AWS Parameters and Secrets extension", "eu-west-1"},
    {"133256977650", "AWS Parameters and Secrets extension", "eu-west-2"},
    {"780235371811", "AWS Parameters and Secrets extension", "eu-west-3"},
    {"858974508948", "AWS Parameters and Secrets extension", "me-central-1"},
    {"832021897121", "AWS Parameters and Secrets extension", "me-south-1"},
    {"933737806257", "AWS Parameters and Secrets extension", "sa-east-1"},
    {"177933569100", "AWS Parameters and Secrets extension", "us-east-1"},
    {"590474943231", "AWS Parameters and Secrets extension", "us-east-2"},
    {"129776340158", "AWS Parameters and Secrets extension", "us-gov-east-1"},
    {"127562683043", "AWS Parameters and Secrets extension", "us-gov-west-1"},
    {"997803712105", "AWS Parameters and Secrets extension", "us-west-1"},
    {"345057560386", "AWS Parameters and Secrets extension", "us-west-2"},

    {"027255383542", "AWS AppConfig extension", "us-east-1"},
    {"728743619870", "AWS AppConfig extension", "us-east-2"},
    {"958113053741", "AWS AppConfig extension", "us-west-1"},
    {"359756378197", "AWS AppConfig extension", "us-west-2"},
    {"039592058896", "AWS AppConfig extension", "ca-central-1"},
    {"436199621743", "AWS AppConfig extension", "ca-west-1"},
    {"066940009817", "AWS AppConfig extension", "eu-central-1"},
    {"758369105281", "AWS AppConfig extension", "eu-central-2"},
    {"434848589818", "AWS AppConfig extension", "eu-west-1"},
    {"282860088358", "AWS AppConfig extension", "eu-west-2"},
    {"493207061005", "AWS AppConfig extension", "eu-west-3"},
    {"646970417810", "AWS AppConfig extension", "eu-north-1"},
    {"203683718741", "AWS AppConfig extension", "eu-south-1"},
    {"586093569114", "AWS AppConfig extension", "eu-south-2"},
    {"426221636601", "AWS AppConfig extension", "eusc-de-east-1"},
    {"615057806174", "AWS AppConfig extension", "cn-north-1"},
    {"615084187847", "AWS AppConfig extension", "cn-northwest-1"},
    {"630222743974", "AWS AppConfig extension", "ap-east-1"},
    {"730335625313", "AWS AppConfig extension", "ap-east-2"},
    {"980059726660", "AWS AppConfig extension", "ap-northeast-1"},
    {"826293736237", "AWS AppConfig extension", "ap-northeast-2"},
    {"706869817123", "AWS AppConfig extension", "ap-northeast-3"},
    {"421114256042", "AWS AppConfig extension", "ap-southeast-1"},
    {"080788657173", "AWS AppConfig extension", "ap-southeast-2"},
    {"418787028745", "AWS AppConfig extension", "ap-southeast-3"},
    {"307021474294", "AWS AppConfig extension", "ap-southeast-4"},
    {"631746059939", "AWS AppConfig extension", "ap-southeast-5"},
    {"381491832265", "AWS AppConfig extension", "ap-southeast-6"},
    {"851725616657", "AWS AppConfig extension", "ap-southeast-7"},
    {"554480029851", "AWS AppConfig extension", "ap-south-1"},
    {"489524808438", "AWS AppConfig extension", "ap-south-2"},
    {"000010852771", "AWS AppConfig extension", "sa-east-1"},
    {"574348263942", "AWS AppConfig extension", "af-south-1"},
    {"895787185223", "AWS AppConfig extension", "il-central-1"},
    {"662846165436", "AWS AppConfig extension", "me-central-1"},
    {"559955524753", "AWS AppConfig extension", "me-south-1"},
    {"891376990304", "AWS AppConfig extension", "mx-central-1"},
    {"136373027889", "AWS AppConfig extension", "us-northeast-1"},
    {"946561847325", "AWS AppConfig extension", "us-gov-east-1"},
    {"946746059096", "AWS AppConfig extension", "us-gov-west-1"},

    {"901920570463", "AWS Distro for OpenTelemetry",
     "us-east-1 us-east-2 us-west-1 us-west-2 ap-south-1 ap-northeast-1 ap-northeast-2 "
     "ap-southeast-1 ap-southeast-2 ca-central-1 eu-central-1 eu-north-1 eu-west-1 eu-west-2 "
     "eu-west-3 sa-east-1"},

    {"017000801446", "Powertools for AWS Lambda (Python)",
     "af-south-1 ap-east-1 ap-northeast-1 ap-northeast-2 ap-northeast-3 ap-south-1 ap-south-2 "
     "ap-southeast-1 ap-southeast-2 ap-southeast-3 ap-southeast-4 ap-southeast-5 ap-southeast-7 "
     "ca-central-1 ca-west-1 eu-central-1 eu-central-2 eu-north-1 eu-south-1 eu-south-2 "
     "eu-west-1 eu-west-2 eu-west-3 il-central-1 me-central-1 me-south-1 mx-central-1 "
     "sa-east-1 us-east-1 us-east-2 us-west-1 us-west-2"},
    {"094274105915", "Powertools for AWS Lambda (TypeScript)",
     "us-east-1 us-east-2 us-west-1 us-west-2 ap-south-1 ap-south-2 ap-east-1 ap-northeast-1 "
     "ap-northeast-2 ap-northeast-3 ap-southeast-1 ap-southeast-2 ap-southeast-3 ap-southeast-4 "
     "ap-southeast-5 ap-southeast-7 eu-central-1 eu-central-2 eu-west-1 eu-west-2 eu-west-3 "
     "eu-north-1 eu-south-1 eu-south-2 ca-central-1 ca-west-1 sa-east-1 af-south-1 "
     "me-south-1 me-central-1 il-central-1 mx-central-1"},
    {"165093116878", "Powertools for AWS Lambda (TypeScript)", "us-gov-west-1"},
    {"165087284144", "Powertools for AWS Lambda (TypeScript)", "us-gov-east-1"},
    {"498634801083", "Powertools for AWS Lambda (TypeScript)", "cn-north-1"},

    {"753240598075", "AWS Lambda Web Adapter (awslabs)", "*"},
    {"464622532012", "Datadog", "*"},
    {"451483290750", "New Relic", "*"},
    {"114300393969", "Lumigo", "*"},
    {"943013980633", "Sentry", "*"},
    {"184161586896", "OpenTelemetry (community Lambda layers)", "*"},
    {"725887861453", "Dynatrace", "*"},
});

}  // namespace

std::string_view LayerTableDate() { return kTableDate; }

std::span<const LayerPublisher> LayerPublishers() { return kPublishers; }

std::string_view KnownLayerPublisher(std::string_view account) {
  for (const LayerPublisher& p : kPublishers) {
    if (p.account == account) return p.publisher;
  }
  return {};
}

}  // namespace fnwarden::analysis
