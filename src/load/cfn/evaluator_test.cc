#include <gtest/gtest.h>

#include <atomic>
#include <string>
#include <vector>

#include "load/cfn/evaluator_internal.h"
#include "load/cfn/template.h"
#include "load/cfn/test_helpers.h"

namespace fnwarden::load::cfn {
namespace {

using testing::DumpVal;
using testing::Load;

// Every case evaluates `V: <expr>` on the last line of this template, so a
// diagnostic's column is 10 plus the offset in `expr`.
constexpr char kPrelude[] = R"(AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  Stage: {Type: String, Default: prod, AllowedValues: [dev, prod]}
  Env: {Type: String, AllowedValues: [dev, test]}
  Secret: {Type: String, NoEcho: true, Default: hunter2}
  NoDefault: {Type: String}
  Subnets: {Type: CommaDelimitedList, Default: "a, b,c"}
  Count: {Type: Number, Default: 3}
  SsmParam: {Type: "AWS::SSM::Parameter::Value<String>", Default: /app/key}
Mappings:
  RegionMap:
    us-east-1: {Ami: ami-1, Size: small}
    eu-west-1: {Ami: ami-2, Size: large}
  StageMap:
    prod: {Memory: 1024}
    dev: {Memory: 128}
Conditions:
  IsProd: !Equals [!Ref Stage, prod]
  IsDev: !Not [!Condition IsProd]
  IsEnvTest: !Equals [!Ref Env, test]
  Undecided: !Equals [!Ref NoDefault, x]
  NeverQa: !Equals [!Ref Env, qa]
  Both: !And [!Condition IsProd, !Condition Undecided]
  Either: !Or [!Condition IsProd, !Condition Undecided]
  LongForm: {"Fn::Equals": [{"Ref": "Stage"}, "prod"]}
  LongNot: {"Fn::Not": [{"Condition": "IsProd"}]}
  InRegion: !Equals [!Ref "AWS::Region", eu-west-1]
Resources:
  Bucket: {Type: "AWS::S3::Bucket"}
  Fn:
    Type: AWS::Lambda::Function
    Properties:
      V: )";

int PreludeLines() {
  int lines = 1;
  for (const char* p = kPrelude; *p != '\0'; ++p) lines += *p == '\n';
  return lines;
}

struct Case {
  const char* expr;
  const char* dump;
  const char* diag = "";  // "COL: message", or "" for none
};

void Check(const std::vector<Case>& cases, EvalOptions options = {}) {
  for (const Case& c : cases) {
    SCOPED_TRACE(c.expr);
    auto t = Load(std::string(kPrelude) + c.expr + "\n", options);
    ASSERT_TRUE(t->is_template);
    EXPECT_EQ(DumpVal(t->EvalProperty("Fn", "V")), c.dump);
    std::vector<std::string> want;
    if (*c.diag != '\0') {
      want.push_back("t.yaml:" + std::to_string(PreludeLines()) + ":" +
                     std::string(c.diag).replace(std::string(c.diag).find(": "), 2, ": error: "));
    }
    EXPECT_EQ(t->Diags(), want);
  }
}

TEST(EvaluatorTest, Literals) {
  Check({
      {"hello", R"("hello")"},
      {"42", "42"},
      {"true", "true"},
      {R"("true")", R"("true")"},
      {"~", "null"},
      {"[a, 1]", R"(["a", 1])"},
      {"{A: x, B: [y]}", R"({A: "x", B: ["y"]})"},
      {R"("{{resolve:secretsmanager:db:SecretString:pw}}")",
       R"("{{resolve:secretsmanager:db:SecretString:pw}}" #dynref)"},
      {R"("{{resolve:ssm-secure:/k}}")", R"("{{resolve:ssm-secure:/k}}" #dynref)"},
      {R"("{{resolve:other:/k}}")", R"("{{resolve:other:/k}}")"},
  });
}

TEST(EvaluatorTest, RefToParameters) {
  Check({
      {"!Ref Stage", R"(~"prod" #param)"},
      {"{Ref: Stage}", R"(~"prod" #param)"},
      {"!Ref Secret", R"(~"hunter2" #param #noecho)"},
      {"!Ref NoDefault", R"(?("${NoDefault}") #param)"},
      {"!Ref Env", R"(?("${Env}" alts=[~"dev" #param, ~"test" #param]) #param)"},
      {"!Ref Subnets", R"(~[~"a" #param, ~"b" #param, ~"c" #param] #param)"},
      {"!Ref Count", "~3 #param"},
      {"!Ref SsmParam", R"(?("${SsmParam}") #param)"},
      {"!Ref Bucket", R"(?("${Bucket}" refs=[Bucket]))"},
      {"!Ref FnRole", R"(?("${FnRole}" refs=[FnRole]))"},  // SAM-generated name
      {"!Ref Missing", R"(?("${Missing}" refs=[Missing]))",
       "10: Ref to undeclared parameter or resource 'Missing'"},
      {"{Ref: Missing}", R"(?("${Missing}" refs=[Missing]))",
       "10: Ref to undeclared parameter or resource 'Missing'"},
  });
}

TEST(EvaluatorTest, ParameterOverrides) {
  EvalOptions options;
  options.parameters = {{"Stage", "dev"},
                        {"NoDefault", "x"},
                        {"Undeclared", "1"},
                        {"Secret", "{{resolve:secretsmanager:s}}"}};
  Check(
      {
          {"!Ref Stage", R"(~"dev" #param)"},
          {"!Ref NoDefault", R"(~"x" #param)"},
          {"!Ref Secret", R"(~"{{resolve:secretsmanager:s}}" #param #noecho #dynref)"},
          {"!If [IsProd, a, b]", R"(~"b" #param)"},
          {"!If [Undecided, a, b]", R"(~"a" #param)"},
      },
      options);
}

TEST(EvaluatorTest, PseudoParameters) {
  Check({
      {"!Ref AWS::Region", R"(?("${AWS::Region}"))"},
      {R"(!Ref "AWS::AccountId")", R"(?("${AWS::AccountId}"))"},
      {"!Ref AWS::NoValue", "NoValue"},
      {"[a, !Ref AWS::NoValue, b]", R"(["a", "b"])"},
      {"{A: !Ref AWS::NoValue, B: b}", R"({B: "b"})"},
      {"!Ref AWS::Bogus", R"(?("${AWS::Bogus}"))", "10: unknown pseudo parameter AWS::Bogus"},
      {"!Sub arn:${AWS::Partition}:s3:::x", R"(?("arn:${AWS::Partition}:s3:::x"))"},
      {"!If [InRegion, a, b]", R"(?("!If [InRegion, a, b]" alts=["a", "b"]))"},
  });
  EvalOptions options;
  options.parameters = {{"AWS::Region", "eu-west-1"}, {"AWS::Partition", "aws"}};
  Check(
      {
          {"!Ref AWS::Region", R"(~"eu-west-1" #param)"},
          {"!Sub arn:${AWS::Partition}:s3:::x", R"(~"arn:aws:s3:::x" #param)"},
          {"!If [InRegion, a, b]", R"(~"a" #param)"},
          {"!FindInMap [RegionMap, !Ref AWS::Region, Ami]", R"(~"ami-2" #param)"},
      },
      options);
}

TEST(EvaluatorTest, GetAtt) {
  Check({
      {"!GetAtt Bucket.Arn", R"(?("${Bucket.Arn}" refs=[Bucket]))"},
      {R"({"Fn::GetAtt": [Bucket, Arn]})", R"(?("${Bucket.Arn}" refs=[Bucket]))"},
      {"!GetAtt [Bucket, !Ref Stage]", R"(?("${Bucket.prod}" refs=[Bucket]))"},
      {"!GetAtt Fn.Endpoint.Address", R"(?("${Fn.Endpoint.Address}" refs=[Fn]))"},
      {"!GetAtt Nope.Arn", R"(?("${Nope.Arn}" refs=[Nope]))",
       "10: Fn::GetAtt to undeclared resource 'Nope'"},
      {"!GetAtt Stage.Arn", R"(?("${Stage.Arn}" refs=[Stage]))",
       "10: Fn::GetAtt needs a resource, but 'Stage' is a parameter"},
      {"!GetAtt NoDot", R"(?("${NoDot}"))",
       "10: Fn::GetAtt needs \"Resource.Attribute\" or [Resource, Attribute]"},
  });
}

// The pieces of the unknown value of `V: <expr>`, as DisplayPieces shows
// them, and its flags.
struct Typed {
  std::string pieces;
  uint8_t flags = 0;
};
Typed PiecesOf(const std::string& expr, EvalOptions options = {}) {
  auto t = Load(std::string(kPrelude) + expr + "\n", options);
  Val v = t->EvalProperty("Fn", "V");
  return {model::DisplayPieces(v.pieces()), v.flags};
}

// References and pseudo parameters become typed pieces in neutral terms,
// through Sub and Join; what no analysis resolves stays opaque.
TEST(EvaluatorTest, UnknownStringsAreMadeOfTypedPieces) {
  EXPECT_EQ(PiecesOf("!GetAtt Bucket.Arn").pieces, "${Bucket.arn}");
  EXPECT_EQ(PiecesOf("!Ref Bucket").pieces, "${Bucket.ref}");
  EXPECT_EQ(PiecesOf("!GetAtt Fn.Endpoint.Address").pieces, "") << "no neutral attribute";
  EXPECT_EQ(PiecesOf(R"(!Sub "arn:${AWS::Partition}:s3:::${Bucket}/*")").pieces,
            "arn:${partition}:s3:::${Bucket.ref}/*");
  EXPECT_EQ(PiecesOf(R"(!Join ["", ["arn:aws:sqs:", !Ref "AWS::Region", ":", !GetAtt Bucket.QueueName]])")
                .pieces,
            "arn:aws:sqs:${region}:${Bucket.name}");
  EXPECT_EQ(PiecesOf(R"(!Sub "${NoDefault}-${Bucket.StreamArn}")").pieces,
            "${NoDefault}-${Bucket.stream_arn}")
      << "a parameter without a default is an opaque piece";
  EXPECT_EQ(PiecesOf(R"(!Sub "${NoDefault}-x")").pieces, "") << "nothing typed: no pieces";
  Typed account = PiecesOf(R"(!Sub "arn:aws:lambda:us-east-1:${AWS::AccountId}:layer:x:1")");
  EXPECT_EQ(account.pieces, "arn:aws:lambda:us-east-1:${account}:layer:x:1");
  EXPECT_TRUE(account.flags & model::kFromOwnAccount);
  EvalOptions options;
  options.parameters = {{"AWS::AccountId", "123456789012"}};
  Typed given = PiecesOf(R"(!Sub "arn:aws:lambda:us-east-1:${AWS::AccountId}:layer:x:1")", options);
  EXPECT_EQ(given.pieces, "") << "known";
  EXPECT_TRUE(given.flags & model::kFromOwnAccount);
  EXPECT_FALSE(PiecesOf(R"(!Sub "arn:aws:lambda:${AWS::Region}:1:layer:x:1")").flags &
               model::kFromOwnAccount);
}

TEST(EvaluatorTest, DisplayedStringsParseIntoTheSamePieces) {
  EXPECT_EQ(model::DisplayPieces(PiecesOfDisplay("arn:${AWS::Partition}:s3:::${Uploads}/*")),
            "arn:${partition}:s3:::${Uploads.ref}/*");
  EXPECT_EQ(model::DisplayPieces(PiecesOfDisplay("${Fn.Arn}:${AWS::StackName}${X.Odd}")),
            "${Fn.arn}:${AWS::StackName}${X.Odd}");
  std::vector<model::Piece> p = PiecesOfDisplay("${Fn.Arn}:${AWS::StackName}");
  ASSERT_EQ(p.size(), 3u);
  EXPECT_EQ(p[2].kind, model::Piece::Kind::kOpaque);
  EXPECT_EQ(model::DisplayPieces(PiecesOfDisplay("open ${x")), "open ${x");
}

TEST(EvaluatorTest, Sub) {
  Check({
      {R"(!Sub "${Stage}-app")", R"(~"prod-app" #param)"},
      {R"({"Fn::Sub": "${Stage}-app"})", R"(~"prod-app" #param)"},
      {R"(!Sub "arn:${AWS::Partition}:s3:::${Bucket}/*")",
       R"(?("arn:${AWS::Partition}:s3:::${Bucket}/*" refs=[Bucket]))"},
      {R"(!Sub "${Bucket.Arn}/x")", R"(?("${Bucket.Arn}/x" refs=[Bucket]))"},
      {R"(!Sub "${!Literal}-${Stage}")", R"(~"${Literal}-prod" #param)"},
      {"!Sub plain", R"("plain")"},
      {R"(!Sub "${ Stage }")", R"(~"prod" #param)"},
      {R"(!Sub "open ${Stage")", R"("open ${Stage")"},
      {R"(!Sub ["${A}-${Stage}", {A: !Ref Count}])", R"(~"3-prod" #param)"},
      {R"({"Fn::Sub": ["x-${V}", {V: !GetAtt Bucket.Arn}]})",
       R"(?("x-${Bucket.Arn}" refs=[Bucket]))"},
      {R"(!Sub "${Env}-x")", R"(?("${Env}-x" alts=[~"dev-x" #param, ~"test-x" #param]) #param)"},
      {R"(!Sub "${Secret}")", R"(~"hunter2" #param #noecho)"},
      {R"(!Sub "${Missing}")", R"(?("${Missing}" refs=[Missing]))",
       "10: Fn::Sub refers to undeclared parameter or resource 'Missing'"},
      {"!Sub [a, b, c]", R"(?("!Sub"))", "10: Fn::Sub needs a string or [string, {variables}]"},
  });
}

TEST(EvaluatorTest, JoinSelectSplit) {
  Check({
      {R"(!Join ["-", [a, !Ref Stage]])", R"(~"a-prod" #param)"},
      {R"({"Fn::Join": ["", [a, b]]})", R"("ab")"},
      {R"(!Join [",", !Ref Subnets])", R"(~"a,b,c" #param)"},
      {R"(!Join ["", ["arn:", !Ref Bucket]])", R"(?("arn:${Bucket}" refs=[Bucket]))"},
      {R"(!Join ["", [a, !Ref AWS::NoValue, b]])", R"("ab")"},
      {R"(!Join [",", !GetAZs ""])", R"(?("!Join [,, !GetAZs]"))"},
      {"!Join [a]", R"(?("!Join"))", "10: Fn::Join needs [delimiter, [values]]"},
      {"!Select [1, [a, b]]", R"("b")"},
      {R"({"Fn::Select": ["0", [a, b]]})", R"("a")"},
      {"!Select [!Ref Count, [a, b, c, d]]", R"(~"d" #param)"},
      {"!Select [1, !Ref Subnets]", R"(~"b" #param)"},
      {"!Select [3, [a, b]]", R"(?("!Select [3, [list]]"))",
       "10: Fn::Select index 3 is out of range for a list of 2"},
      {R"(!Select [0, !GetAZs ""])", R"(?("!Select [0, !GetAZs]"))"},
      {R"(!Select [1, !Split [",", "x,y"]])", R"("y")"},
      {R"(!Split [",", "a,b"])", R"(["a", "b"])"},
      {R"({"Fn::Split": ["|", "a||b"]})", R"(["a", "", "b"])"},
      {R"(!Split [",", !Ref NoDefault])", R"(?("!Split [,, ${NoDefault}]") #param)"},
  });
}

TEST(EvaluatorTest, FindInMap) {
  Check({
      {"!FindInMap [StageMap, !Ref Stage, Memory]", "~1024 #param"},
      {R"({"Fn::FindInMap": [StageMap, dev, Memory]})", "~128"},
      {R"(!FindInMap [RegionMap, !Ref "AWS::Region", Ami])",
       R"(?("!FindInMap [RegionMap, ${AWS::Region}, Ami]" alts=[~"ami-1", ~"ami-2"]))"},
      {"!FindInMap [RegionMap, us-west-2, Ami, {DefaultValue: ami-0}]", R"(~"ami-0")"},
      {"!FindInMap [RegionMap, us-west-2, Ami]", R"(?("!FindInMap [RegionMap, us-west-2, Ami]"))",
       "10: Fn::FindInMap: mapping 'RegionMap' has no key 'us-west-2'"},
      {"!FindInMap [RegionMap, us-east-1, Nope]", R"(?("!FindInMap [RegionMap, us-east-1, Nope]"))",
       "10: Fn::FindInMap: key 'us-east-1' of mapping 'RegionMap' has no 'Nope'"},
      {"!FindInMap [Nope, a, b]", R"(?("!FindInMap [Nope, a, b]"))",
       "22: Fn::FindInMap refers to undeclared mapping 'Nope'"},
  });
}

TEST(EvaluatorTest, ConditionsAndIf) {
  Check({
      {"!If [IsProd, big, small]", R"(~"big" #param)"},
      {R"({"Fn::If": [IsProd, big, small]})", R"(~"big" #param)"},
      {"!If [IsDev, big, small]", R"(~"small" #param)"},
      {"!If [LongForm, a, b]", R"(~"a" #param)"},
      {"!If [LongNot, a, b]", R"(~"b" #param)"},
      {"!If [Undecided, big, small]",
       R"(?("!If [Undecided, big, small]" alts=["big", "small"]) #param)"},
      {"!If [IsEnvTest, a, b]", R"(?("!If [IsEnvTest, a, b]" alts=["a", "b"]) #param)"},
      {"!If [NeverQa, a, b]", R"(~"b" #param)"},
      {"!If [Both, a, b]", R"(?("!If [Both, a, b]" alts=["a", "b"]) #param)"},
      {"!If [Either, a, b]", R"(~"a" #param)"},
      {"!If [IsProd, !Ref AWS::NoValue, x]", "NoValue"},
      {"!If [Undecided, !GetAtt Bucket.Arn, '*']",
       R"(?("!If [Undecided, ${Bucket.Arn}, *]" refs=[Bucket] alts=[?("${Bucket.Arn}" refs=[Bucket]), "*"]) #param)"},
      {"!If [Undecided, !If [IsProd, a, b], !If [Undecided, c, d]]",
       R"(?("!If [Undecided, a, !If [Undecided, c, d]]" alts=[~"a" #param, "c", "d"]) #param)"},
      {"!If [Nope, a, b]", R"(?("!If [Nope, a, b]" alts=["a", "b"]))",
       "15: condition 'Nope' is not declared"},
      {"!If [IsProd, a]", R"(?("!If"))",
       "10: Fn::If needs [ConditionName, value if true, value if false]"},
      {"!Equals [a, a]", "~true"},
      {"!Not [!Equals [a, a]]", "~false"},
      {"!Condition IsProd", "~true #param"},
  });
}

TEST(EvaluatorTest, CircularConditionIsReported) {
  auto t = Load(R"(Conditions:
  Loop1: !Condition Loop2
  Loop2: !Condition Loop1
Resources:
  R:
    Type: AWS::S3::Bucket
    Properties: {V: !If [Loop1, a, b]}
)");
  EXPECT_EQ(DumpVal(t->EvalProperty("R", "V")), R"(?("!If [Loop1, a, b]" alts=["a", "b"]))");
  EXPECT_EQ(t->Diags(), std::vector<std::string>{
                            "t.yaml:3:10: error: circular condition: Loop1 -> Loop2 -> Loop1"});
  EXPECT_EQ(t->ev->Condition("Loop2"), std::nullopt);
}

// A cycle is named once, where it closes, whichever condition is asked for
// first. CloudFormation rejects such a template, so every condition that
// depends on a cycle is undecided (even where another operand would decide
// it), without a diagnostic of its own; the others are still decided.
TEST(EvaluatorTest, ConditionCyclesAreNamedOnce) {
  auto t = Load(R"(Conditions:
  Uses: !Or [!Condition A, !Equals [x, x]]
  A: !And [!Equals [a, a], !Condition B]
  B: !Not [!Condition C]
  C: !Or [!Condition A, !Equals [a, b]]
  Self: !Not [!Condition Self]
  Fine: !Equals [a, a]
Resources:
  R: {Type: AWS::S3::Bucket, Condition: C}
)");
  EXPECT_EQ(t->ev->Condition("C"), std::nullopt);
  EXPECT_EQ(t->ev->Condition("Uses"), std::nullopt);
  EXPECT_EQ(t->ev->Condition("A"), std::nullopt);
  EXPECT_EQ(t->ev->Condition("Self"), std::nullopt);
  EXPECT_EQ(t->ev->Condition("Fine"), true);
  EXPECT_EQ(t->Diags(), (std::vector<std::string>{
                            "t.yaml:5:11: error: circular condition: A -> B -> C -> A",
                            "t.yaml:6:15: error: circular condition: Self -> Self",
                        }));
}

// "C<i>: !Not [!Condition C<i-1>]" for i in 1..n-1, after C0: !Equals [a, a].
std::string ConditionChain(int n, std::string_view resources) {
  std::string yaml = "Conditions:\n  C0: !Equals [a, a]\n";
  for (int i = 1; i < n; ++i) {
    yaml += "  C" + std::to_string(i) + ": !Not [!Condition C" + std::to_string(i - 1) + "]\n";
  }
  return yaml + "Resources:\n" + std::string(resources);
}

// A chain of conditions deeper than the cap costs linear time and bounded
// stack: the conditions past the cap are undecided (never guessed), with one
// diagnostic where the chain crosses it, whatever is asked for first.
TEST(EvaluatorTest, ConditionChainsPastTheCapStayUndecided) {
  const int n = 7000;
  auto t = Load(ConditionChain(n,
                               "  R:\n    Type: AWS::S3::Bucket\n    Condition: C6999\n"
                               "    Properties: {V: !If [C6999, a, b]}\n"));
  EXPECT_EQ(DumpVal(t->EvalProperty("R", "V")), R"(?("!If [C6999, a, b]" alts=["a", "b"]))");
  EXPECT_EQ(t->ev->Condition("C6999"), std::nullopt);
  const int last = kMaxConditionDepth - 1;  // the deepest condition still decided
  EXPECT_EQ(t->ev->Condition("C" + std::to_string(last)), last % 2 == 0);
  EXPECT_EQ(t->ev->Condition("C" + std::to_string(last + 1)), std::nullopt);
  // "  C100: !Not [!Condition C99]": the reference starts at column 11 plus
  // the digits of the name.
  const std::string first_past = "C" + std::to_string(last + 1);
  EXPECT_EQ(t->Diags(),
            std::vector<std::string>{"t.yaml:" + std::to_string(last + 3) + ":" +
                                     std::to_string(11 + first_past.size()) +
                                     ": error: condition '" + first_past +
                                     "' is nested more than " + std::to_string(kMaxConditionDepth) +
                                     " conditions deep: it and " + std::to_string(n - last - 2) +
                                     " more conditions nested deeper stay undecided"});
}

TEST(EvaluatorTest, OneConditionPastTheCapIsNamedAlone) {
  const std::string top = "C" + std::to_string(kMaxConditionDepth);
  auto t = Load(ConditionChain(kMaxConditionDepth + 1, "  R: {Type: AWS::S3::Bucket}\n"));
  EXPECT_EQ(t->ev->Condition(top), std::nullopt);
  ASSERT_EQ(t->Diags().size(), 1u);
  EXPECT_NE(t->Diags()[0].find("error: condition '" + top + "' is nested more than " +
                               std::to_string(kMaxConditionDepth) +
                               " conditions deep: it stays undecided"),
            std::string::npos);
}

// Within the cap every condition is decided, from either end of the chain,
// and what a value remembers of them stays short.
TEST(EvaluatorTest, ConditionChainsWithinTheCapAreDecided) {
  const int n = kMaxConditionDepth;
  const std::string top = "C" + std::to_string(n - 1);
  auto t = Load(ConditionChain(n,
                               "  R:\n    Type: AWS::S3::Bucket\n"
                               "    Properties: {V: !If [" +
                                   top + ", a, b]}\n"));
  Val v = t->EvalProperty("R", "V");
  EXPECT_EQ(DumpVal(v), (n - 1) % 2 == 0 ? R"(~"a")" : R"(~"b")");
  EXPECT_LE(v.trail().size(), kMaxTrailEntries);
  EXPECT_EQ(v.trail().back(), "condition " + top + " is " + ((n - 1) % 2 == 0 ? "true" : "false"));
  EXPECT_EQ(t->ev->Condition("C0"), true);
  EXPECT_EQ(t->Diags(), std::vector<std::string>{});
}

// Conditions within the cap whose bodies nest 200 levels deep each: the
// evaluation depth cap stops the recursion, so the stack stays bounded and
// the condition asked for is undecided, with one diagnostic.
TEST(EvaluatorTest, DeeplyNestedConditionBodiesStopAtTheDepthCap) {
  std::string yaml = "Conditions:\n  C0: !Equals [a, a]\n";
  for (int i = 1; i < 90; ++i) {
    yaml += "  C" + std::to_string(i) + ": ";
    for (int k = 0; k < 200; ++k) yaml += "!Not [";
    yaml += "!Condition C" + std::to_string(i - 1) + std::string(200, ']') + "\n";
  }
  yaml += "Resources:\n  R: {Type: AWS::S3::Bucket}\n";
  auto t = Load(yaml);
  EXPECT_EQ(t->ev->Condition("C89"), std::nullopt);
  ASSERT_EQ(t->Diags().size(), 1u);
  EXPECT_NE(t->Diags()[0].find("error: intrinsic functions are nested too deeply"),
            std::string::npos);
}

// Mapping values that look each other up 7,000 deep (not valid
// CloudFormation, but evaluated all the same) stop at the evaluation depth
// cap, unknown, with one diagnostic.
TEST(EvaluatorTest, MappingChainsPastTheCapAreUnknown) {
  std::string yaml = "Mappings:\n";
  for (int i = 0; i < 7000; ++i) {
    yaml += "  M" + std::to_string(i) + ": {k: {v: !FindInMap [M" + std::to_string(i + 1) +
            ", k, v]}}\n";
  }
  yaml +=
      "  M7000: {k: {v: leaf}}\nResources:\n  R:\n    Type: AWS::S3::Bucket\n"
      "    Properties: {V: !FindInMap [M0, k, v]}\n";
  auto t = Load(yaml);
  Val v = t->EvalProperty("R", "V");
  EXPECT_TRUE(v.is_unknown());
  EXPECT_LE(v.trail().size(), kMaxTrailEntries);
  ASSERT_EQ(t->Diags().size(), 1u);
  EXPECT_NE(t->Diags()[0].find("error: intrinsic functions are nested too deeply"),
            std::string::npos);
}

TEST(EvaluatorTest, OtherFunctions) {
  Check({
      {"!Base64 hello", R"("hello")"},
      {R"(!GetAZs "")", R"(?("!GetAZs"))"},
      {R"({"Fn::ImportValue": !Sub "${Stage}-vpc"})", R"(?("!ImportValue prod-vpc") #param)"},
      {R"({"Fn::ImportValue": shared-vpc})", R"(?("!ImportValue shared-vpc"))"},
      {"!Cidr [10.0.0.0/16, 4, 8]", R"(?("!Cidr [list]"))"},
      {"!Length [a, b]", "~2"},
      {R"({"Fn::Length": !Ref Subnets})", "~3 #param"},
      {"!ToJsonString {a: [1, x, true]}", R"(~"{"a":[1,"x",true]}")"},
      {"!ToJsonString {a: !Ref Bucket}", R"(?("{"a":"${Bucket}"}" refs=[Bucket]))"},
      {R"({"Fn::Transform": {Name: "AWS::Include"}})", R"(?("!Transform {map}"))"},
      {R"({"Fn::Foo": x})", R"(?("Fn::Foo"))", "10: unknown intrinsic function Fn::Foo"},
      {"!Foo x", R"(?("Fn::Foo"))", "10: unknown intrinsic function Fn::Foo"},
  });
}

TEST(EvaluatorTest, TrailsNameTheirSources) {
  auto t = Load(std::string(kPrelude) + R"(!If [IsProd, !Sub "${Secret}-${Stage}", x])" + "\n");
  Val v = t->EvalProperty("Fn", "V");
  EXPECT_EQ(v.trail(), (std::vector<std::string>{
                           R"(parameter Secret = "****" (default, NoEcho))",
                           R"(parameter Stage = "prod" (default))",
                           "condition IsProd is true",
                       }));
}

TEST(EvaluatorTest, ImplicitResourcesAreNotReported) {
  auto t = Load(std::string(kPrelude) + "[!Ref ServerlessRestApi, !GetAtt MyFnAliaslive.Arn]\n");
  t->ev->AddImplicitResource("ServerlessRestApi");
  EXPECT_EQ(DumpVal(t->EvalProperty("Fn", "V")),
            R"([?("${ServerlessRestApi}" refs=[ServerlessRestApi]), )"
            R"(?("${MyFnAliaslive.Arn}" refs=[MyFnAliaslive])])");
  EXPECT_EQ(t->Diags(), std::vector<std::string>{});
}

TEST(EvaluatorTest, ParameterValuesHideNoEcho) {
  EvalOptions options;
  options.parameters = {{"AWS::Region", "us-east-1"}};
  auto t = Load(std::string(kPrelude) + "x\n", options);
  std::map<std::string, std::string> want = {
      {"AWS::Region", "us-east-1"}, {"Count", "3"}, {"Secret", "****"}, {"Stage", "prod"},
      {"Subnets", "a,b,c"},
  };
  EXPECT_EQ(t->ev->ParameterValues(), want);
}

TEST(EvaluatorTest, AllowedValuesViolationIsReported) {
  EvalOptions options;
  options.parameters = {{"Stage", "qa"}};
  auto t = Load(std::string(kPrelude) + "!Ref Stage\n", options);
  EXPECT_EQ(DumpVal(t->EvalProperty("Fn", "V")), R"(~"qa" #param)");
  EXPECT_EQ(t->Diags(), std::vector<std::string>{
                            "t.yaml:3:3: error: parameter 'Stage' value \"qa\" is not one of its "
                            "AllowedValues"});
}

TEST(EvaluatorTest, SelfReferencingMappingStops) {
  auto t = Load(R"(Mappings:
  M:
    a: {b: !FindInMap [M, a, b]}
Resources:
  R:
    Type: AWS::S3::Bucket
    Properties:
      V: !FindInMap [M, a, b]
)");
  Val v = t->EvalProperty("R", "V");
  EXPECT_TRUE(v.is_unknown());
  EXPECT_EQ(t->Diags(),
            std::vector<std::string>{
                "t.yaml:3:12: error: Fn::FindInMap reaches the mapping value it is part "
                "of (circular mapping)"});
}

// Each mapping value refers twice to the next one: evaluated naively this
// is 2^40 evaluations; each value must be evaluated once.
TEST(EvaluatorTest, MappingChainsAreEvaluatedOnce) {
  std::string yaml =
      "Parameters: {P: {Type: String}}\nConditions: {C: !Equals [!Ref P, x]}\n"
      "Mappings:\n  M:\n";
  for (int i = 0; i < 40; ++i) {
    yaml += "    k" + std::to_string(i) + ": {v: !If [C, !FindInMap [M, k" + std::to_string(i + 1) +
            ", v], !Join ['', [!FindInMap [M, k" + std::to_string(i + 1) +
            ", v], !FindInMap [M, k" + std::to_string(i + 1) + ", v]]]]}\n";
  }
  yaml +=
      "    k40: {v: leaf}\nResources:\n  R:\n    Type: AWS::S3::Bucket\n"
      "    Properties:\n      V: !FindInMap [M, k0, v]\n";
  auto t = Load(yaml);
  Val v = t->EvalProperty("R", "V");
  EXPECT_TRUE(v.is_unknown());
  EXPECT_LE(v.text.size(), 1000u);
  EXPECT_LE(v.alternatives().size(), 64u);
  EXPECT_EQ(t->Diags(), std::vector<std::string>{});
}

// Each mapping value is a list of two look-ups of the next one: evaluated
// once each, the values still hold 2^40 copies of the leaf. What mapping
// look-ups copy is bounded: the value becomes unknown, with one diagnostic.
TEST(EvaluatorTest, MappingValuesThatDoubleStayBounded) {
  std::string yaml = "Mappings:\n";
  for (int i = 0; i < 40; ++i) {
    const std::string next = "!FindInMap [M" + std::to_string(i + 1) + ", k, v]";
    yaml += "  M" + std::to_string(i) + ": {k: {v: [" + next + ", " + next + "]}}\n";
  }
  yaml +=
      "  M40: {k: {v: leaf}}\nResources:\n  R:\n    Type: AWS::S3::Bucket\n"
      "    Properties: {V: !FindInMap [M0, k, v]}\n";
  auto t = Load(yaml);
  Val v = t->EvalProperty("R", "V");
  EXPECT_TRUE(v.is_list());  // the outer levels are still known
  ASSERT_EQ(t->Diags().size(), 1u);
  EXPECT_NE(t->Diags()[0].find(
                "error: Fn::FindInMap: copies of parameter and mapping values hold more than"),
            std::string::npos)
      << t->Diags()[0];
}

// Mapping values that nest one level more each, looked up from the deepest
// one first: every look-up is shallow, but the values would nest 700 deep.
// The nesting of a value is bounded like the evaluation's depth.
TEST(EvaluatorTest, MappingValuesNestNoDeeperThanTheDepthCap) {
  const int n = 700;
  std::string yaml = "Mappings:\n";
  for (int i = 0; i < n; ++i) {
    yaml += "  M" + std::to_string(i) + ": {k: {v: [!FindInMap [M" + std::to_string(i + 1) +
            ", k, v]]}}\n";
  }
  yaml += "  M" + std::to_string(n) + ": {k: {v: leaf}}\nResources:\n  R:\n" +
          "    Type: AWS::S3::Bucket\n    Properties:\n";
  for (int i = n; i >= 0; --i) {
    yaml += "      V" + std::to_string(i) + ": !FindInMap [M" + std::to_string(i) + ", k, v]\n";
  }
  auto t = Load(yaml);
  Val v = t->ev->Eval(t->tmpl.FindResource("R")->properties);
  int depth = 0;
  for (const Val* at = v.Get("V0"); at != nullptr && at->is_list() && !at->items.empty();
       at = &at->items[0]) {
    ++depth;
  }
  EXPECT_LE(depth, kMaxEvalDepth);
  EXPECT_EQ(DumpVal(*v.Get("V" + std::to_string(n - 1))), R"(~[~"leaf"])");
  ASSERT_EQ(t->Diags().size(), 1u);
  EXPECT_NE(t->Diags()[0].find("error: intrinsic functions are nested too deeply"),
            std::string::npos)
      << t->Diags()[0];
}

// Fn::Sub copies no list or map variable, however often the format names it,
// nor more text than a value may hold; Fn::Join no delimiter whose copies
// could not fit in a value.
TEST(EvaluatorTest, SubAndJoinCopyNoHugeParts) {
  std::string format;
  for (int i = 0; i < 20'000; ++i) format += "${X}";
  std::string items;
  for (int i = 0; i < 20'000; ++i) items += i > 0 ? ", a" : "a";
  std::string yaml = "Mappings:\n  Big:\n    k:\n      v: [";
  for (int i = 0; i < 1000; ++i) yaml += i > 0 ? ", x" : "x";
  yaml +=
      "]\nResources:\n  R:\n    Type: AWS::S3::Bucket\n    Properties:\n"
      "      S: !Sub ['" +
      format +
      "', {X: !FindInMap [Big, k, v]}]\n"
      "      T: !Sub ['" +
      format + "', {X: " + std::string(100'000, 'y') +
      "}]\n"
      "      J: !Join ['" +
      std::string(100'000, '-') + "', [" + items + "]]\n";
  auto t = Load(yaml);
  Val s = t->EvalProperty("R", "S");
  EXPECT_TRUE(s.is_unknown());
  EXPECT_EQ(s.text.size(), 4u * 20'000);  // "${?}" for each use of X
  Val text = t->EvalProperty("R", "T");
  EXPECT_TRUE(text.is_unknown());
  EXPECT_LE(text.text.size(), 1000u);
  Val j = t->EvalProperty("R", "J");
  EXPECT_TRUE(j.is_unknown());
  EXPECT_LE(j.text.size(), 1000u);
  EXPECT_EQ(t->Diags().size(), 1u);  // the list variable of Fn::Sub
}

TEST(EvaluatorTest, HugeJoinsBecomeUnknown) {
  std::string big(100'000, 'x');
  std::string yaml =
      "Resources:\n  R:\n    Type: AWS::S3::Bucket\n    Properties:\n"
      "      A: &a " +
      big + "\n      V: !Join ['', [";
  for (int i = 0; i < 20; ++i) yaml += std::string(i > 0 ? ", " : "") + "*a";
  yaml += "]]\n      W: !Join ['', [*a, *a]]\n";
  auto t = Load(yaml);
  Val v = t->EvalProperty("R", "V");
  EXPECT_TRUE(v.is_unknown());
  EXPECT_LE(v.text.size(), 1000u);
  Val w = t->EvalProperty("R", "W");
  EXPECT_TRUE(w.is_string());
  EXPECT_EQ(w.text.size(), 200'000u);
}

// A mapping of many keys is looked up through an index; it must find what
// Node::Get finds, the last of duplicate keys included.
TEST(EvaluatorTest, FindInMapOnLargeMappings) {
  std::string yaml = "Mappings:\n  Big:\n";
  for (int i = 0; i < 40; ++i) {
    yaml += "    k" + std::to_string(i) + ": {v: value" + std::to_string(i) + "}\n";
  }
  yaml += "    k7: {v: again}\n";
  for (int i = 0; i < 30; ++i) yaml += "  M" + std::to_string(i) + ": {a: {b: m}}\n";
  yaml +=
      "Resources:\n  R:\n    Type: AWS::S3::Bucket\n    Properties:\n"
      "      A: !FindInMap [Big, k39, v]\n      B: !FindInMap [Big, k7, v]\n"
      "      C: !FindInMap [M29, a, b]\n      D: !FindInMap [Big, k40, v]\n";
  auto t = Load(yaml);
  EXPECT_EQ(DumpVal(t->EvalProperty("R", "A")), R"(~"value39")");
  EXPECT_EQ(DumpVal(t->EvalProperty("R", "B")), R"(~"again")");
  EXPECT_EQ(DumpVal(t->EvalProperty("R", "C")), R"(~"m")");
  EXPECT_EQ(DumpVal(t->EvalProperty("R", "D")), R"(?("!FindInMap [Big, k40, v]"))");
  EXPECT_EQ(t->Diags().size(), 2u);  // the duplicate key, and k40
}

// What the SAM transform generates is named after a SAM resource: a
// reference that starts with a SAM resource's ID is not reported, one that
// only resembles it is.
TEST(EvaluatorTest, ReferencesToGeneratedSamResources) {
  auto t = Load(R"(Transform: AWS::Serverless-2016-10-31
Resources:
  Fn: {Type: AWS::Serverless::Function}
  LongerFunctionName: {Type: AWS::Serverless::Function}
  Api: {Type: AWS::Serverless::Api}
  R:
    Type: AWS::S3::Bucket
    Properties:
      V: [!Ref FnUrl, !Ref ApiProdStage, !Ref LongerFunctionNameUrl, !Ref ServerlessRestApiX,
          !Ref Fn, !Ref FxUrl, !Ref LongerFunctionNam]
)");
  (void)t->EvalProperty("R", "V");
  EXPECT_EQ(t->Diags(), (std::vector<std::string>{
                            "t.yaml:10:20: error: Ref to undeclared parameter or resource 'FxUrl'",
                            "t.yaml:10:32: error: Ref to undeclared parameter or resource "
                            "'LongerFunctionNam'",
                        }));
}

TEST(EvaluatorTest, LenientWhenTemplateGeneratesResources) {
  auto t = Load(R"(Transform: [AWS::LanguageExtensions]
Resources:
  Fn::ForEach::Topics:
    - Name
    - [a, b]
    - Topic${Name}: {Type: AWS::SNS::Topic}
  R:
    Type: AWS::S3::Bucket
    Properties:
      V: !Ref Topica
)");
  EXPECT_EQ(DumpVal(t->EvalProperty("R", "V")), R"(?("${Topica}" refs=[Topica]))");
  EXPECT_EQ(t->Diags(), std::vector<std::string>{});
}

// A template of `n` resources whose values use parameters, mappings,
// conditions, Sub and GetAtt; resource `dangling` (if any) also refers to a
// resource that does not exist.
std::string ManyResources(int n, int dangling) {
  std::string yaml = R"(AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  Stage: {Type: String, Default: prod, AllowedValues: [dev, prod]}
  NoDefault: {Type: String}
Mappings:
  StageMap:
    prod: {Memory: 1024}
    dev: {Memory: 128}
Conditions:
  IsProd: !Equals [!Ref Stage, prod]
Resources:
)";
  for (int i = 0; i < n; ++i) {
    std::string id = "R" + std::to_string(i);
    yaml += "  " + id +
            ":\n    Type: AWS::SQS::Queue\n    Properties:\n      V: [!Sub \"q-${Stage}-" + id +
            "\", !FindInMap [StageMap, !Ref Stage, Memory], !If [IsProd, a, b], " + "!GetAtt R" +
            std::to_string(i > 0 ? i - 1 : 0) + ".Arn, !Ref NoDefault" +
            (i == dangling ? ", !Ref Missing" : "") + "]\n";
  }
  return yaml;
}

// Evaluating on copies side by side answers as evaluating in order: the
// same values, diagnostics and parameter values. A problem met on a copy
// has every call made again, in order, on the evaluator itself.
TEST(EvaluatorTest, SideBySideAnswersAsInOrder) {
  constexpr int kN = 4096;
  for (int dangling : {-1, 3000}) {
    SCOPED_TRACE(dangling);
    std::string yaml = ManyResources(kN, dangling);
    auto run = [&](unsigned jobs, size_t* calls) {
      auto t = Load(yaml);
      std::vector<std::string> out(kN);
      std::atomic<size_t> made{0};
      t->ev->SideBySide(kN, jobs, [&](size_t i, Evaluator& ev) {
        ++made;
        const ResourceDecl* r = t->tmpl.FindResource("R" + std::to_string(i));
        out[i] = DumpVal(ev.Eval(r->properties->Get("V")));
      });
      *calls = made;
      out.push_back(::testing::PrintToString(t->Diags()));
      out.push_back(::testing::PrintToString(t->ev->ParameterValues()));
      return out;
    };
    size_t in_order = 0, side_by_side = 0;
    std::vector<std::string> one = run(1, &in_order);
    std::vector<std::string> four = run(4, &side_by_side);
    EXPECT_EQ(one, four);
    EXPECT_EQ(in_order, size_t{kN});
    if (dangling < 0) {
      EXPECT_EQ(side_by_side, size_t{kN});  // the copies' work was kept
      EXPECT_EQ(one[kN], "{}");             // no diagnostics
    } else {
      EXPECT_GT(side_by_side, size_t{kN});  // made again in order
      EXPECT_NE(one[kN].find("'Missing'"), std::string::npos) << one[kN];
    }
  }
}

}  // namespace
}  // namespace fnwarden::load::cfn
