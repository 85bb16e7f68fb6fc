#include "load/cfn/val.h"

#include <gtest/gtest.h>

#include <string>
#include <type_traits>
#include <vector>

#include "load/cfn/test_helpers.h"
#include "util/strings.h"

namespace fnwarden::load::cfn {
namespace {

using testing::Load;

constexpr char kPrelude[] = R"(AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  Env: {Type: String, AllowedValues: [dev, test]}
  NoDefault: {Type: String}
  Stage: {Type: String, Default: prod}
Conditions:
  Undecided: !Equals [!Ref NoDefault, x]
  IsProd: !Equals [!Ref Stage, prod]
Resources:
  Bucket: {Type: "AWS::S3::Bucket"}
  R:
    Type: AWS::IAM::Role
    Properties:
      V: )";

// Evaluates `expr` as the value of a property.
struct Evaluated {
  std::unique_ptr<testing::Loaded> t;
  Val v;
};
Evaluated EvalExpr(const std::string& expr) {
  Evaluated e;
  e.t = Load(std::string(kPrelude) + expr + "\n");
  e.v = e.t->EvalProperty("R", "V");
  EXPECT_EQ(e.t->Diags(), std::vector<std::string>{}) << expr;
  return e;
}

template <class T>
std::string DumpValue(const model::Value<T>& v) {
  std::string out;
  switch (v.state) {
    case model::ValueState::kAbsent:
      return "absent";
    case model::ValueState::kLiteral:
      break;
    case model::ValueState::kResolved:
      out = "~";
      break;
    case model::ValueState::kUnknown:
      out = "?";
      break;
  }
  if constexpr (std::is_same_v<T, std::string>) {
    out += v.value;  // an unknown string keeps its display form
  } else if (v.unknown()) {
  } else if constexpr (std::is_same_v<T, bool>) {
    out += v.value ? "true" : "false";
  } else {
    out += std::to_string(v.value);
  }
  if (!v.refs.empty()) out += " refs=" + util::Join(v.refs, ",");
  if (!v.alternatives.empty()) {
    out += " alts=";
    for (size_t i = 0; i < v.alternatives.size(); ++i) {
      if constexpr (std::is_same_v<T, std::string>) {
        out += (i > 0 ? "|" : "") + v.alternatives[i];
      } else {
        out += (i > 0 ? "|" : "") + std::to_string(v.alternatives[i]);
      }
    }
  }
  return out;
}

std::string DumpList(const std::vector<model::String>& list);
// The string list of `expr`'s value.
std::string DumpListOf(const std::string& expr);

std::string DumpList(const std::vector<model::String>& list) {
  std::string out;
  for (size_t i = 0; i < list.size(); ++i) out += (i > 0 ? ", " : "") + DumpValue(list[i]);
  return "[" + out + "]";
}

std::string DumpListOf(const std::string& expr) {
  Evaluated e = EvalExpr(expr);
  return DumpList(ToStringList(&e.v));
}

// One statement per line: `Allow A=[..] R=[..] P=[kind:id ..] C=[op key=[..]]`.
std::string DumpPolicy(const model::PolicyDocument& doc) {
  std::string out = doc.known ? "" : "UNKNOWN ";
  if (!doc.version.absent()) out += "v=" + DumpValue(doc.version) + " ";
  for (const model::Statement& s : doc.statements) {
    out += "{";
    if (!s.known) {
      out += "?}";
      continue;
    }
    if (!s.sid.absent()) out += "Sid=" + DumpValue(s.sid) + " ";
    if (s.effect.absent()) {
      out += "NoEffect";
    } else if (!s.effect.known()) {
      out += "?Effect";
    } else {
      out += s.effect.value == model::Effect::kAllow ? "Allow" : "Deny";
    }
    if (!s.actions.empty()) out += (s.not_action ? " NA=" : " A=") + DumpList(s.actions);
    if (s.has_resource) out += (s.not_resource ? " NR=" : " R=") + DumpList(s.resources);
    if (s.has_principal) {
      out += s.not_principal ? " NP=[" : " P=[";
      for (size_t i = 0; i < s.principals.size(); ++i) {
        out += (i > 0 ? ", " : "") + s.principals[i].kind + ":" + DumpValue(s.principals[i].id);
      }
      out += "]";
    }
    if (!s.conditions.empty()) {
      out += " C=[";
      for (size_t i = 0; i < s.conditions.size(); ++i) {
        const model::Condition& c = s.conditions[i];
        out += (i > 0 ? ", " : "") + c.op + " " + c.key + "=" + DumpList(c.values);
      }
      out += "]";
    }
    out += "}";
  }
  return out;
}

TEST(ValTest, PolicyDocumentShapes) {
  struct Case {
    const char* expr;
    const char* want;
  };
  const Case cases[] = {
      {"{Version: '2012-10-17', Statement: {Effect: Allow, Action: 's3:GetObject', Resource: "
       "'*'}}",
       "v=2012-10-17 {Allow A=[s3:GetObject] R=[*]}"},
      {"{Statement: [{Sid: One, Effect: Deny, NotAction: [iam:*, 'sts:*'], NotResource: [a]}]}",
       "{Sid=One Deny NA=[iam:*, sts:*] NR=[a]}"},
      {"{Statement: [{Effect: Allow, Principal: '*', Action: 'sqs:*'}]}",
       "{Allow A=[sqs:*] P=[*:*]}"},
      {"{Statement: [{Effect: Allow, Principal: {AWS: '*'}}]}", "{Allow P=[AWS:*]}"},
      {"{Statement: [{Effect: Allow, Principal: {AWS: ['123456789012', !GetAtt Bucket.Arn]}}]}",
       "{Allow P=[AWS:123456789012, AWS:?${Bucket.Arn} refs=Bucket]}"},
      {"{Statement: [{Effect: Allow, Principal: {Service: [lambda.amazonaws.com]}}]}",
       "{Allow P=[Service:lambda.amazonaws.com]}"},
      {"{Statement: [{Effect: Allow, Principal: {Federated: cognito-identity.amazonaws.com}}]}",
       "{Allow P=[Federated:cognito-identity.amazonaws.com]}"},
      {"{Statement: [{Effect: Allow, Principal: {CanonicalUser: abc}}]}",
       "{Allow P=[CanonicalUser:abc]}"},
      {"{Statement: [{Effect: Deny, NotPrincipal: {AWS: [arn:aws:iam::1:root]}}]}",
       "{Deny NP=[AWS:arn:aws:iam::1:root]}"},
      {"{Statement: [{Effect: Allow, Principal: !Ref NoDefault}]}", "{Allow P=[:?${NoDefault}]}"},
      {"{Statement: [{Effect: Allow, Condition: {StringEquals: {'aws:SourceAccount': '1'}, "
       "ArnLike: {'aws:SourceArn': [a, b]}, 'ForAnyValue:StringLike': {k: !Ref Stage}}}]}",
       "{Allow C=[StringEquals aws:SourceAccount=[1], ArnLike aws:SourceArn=[a, b], "
       "ForAnyValue:StringLike k=[~prod]]}"},
      {"{Statement: [{Effect: Allow, Condition: {Bool: {'aws:SecureTransport': false}}}]}",
       "{Allow C=[Bool aws:SecureTransport=[false]]}"},
      {"{Statement: [{Effect: Allow, Condition: !Ref NoDefault}]}", "{Allow C=[ =[]]}"},
      {"{Statement: [{Effect: Allow, Condition: {StringEquals: !Ref NoDefault}}]}",
       "{Allow C=[StringEquals =[]]}"},
      {"{Statement: [{Effect: !Ref NoDefault, Action: '*'}]}", "{?Effect A=[*]}"},
      {"{Statement: [{Effect: !If [Undecided, Allow, Deny], Action: '*'}]}", "{?Effect A=[*]}"},
      {"{Statement: [{Action: '*'}]}", "{NoEffect A=[*]}"},
      {"{Statement: [{Effect: Allow, Action: '*', Resource: !Sub '${Bucket.Arn}/*'}]}",
       "{Allow A=[*] R=[?${Bucket.Arn}/* refs=Bucket]}"},
      {"{Statement: [!If [Undecided, {Effect: Allow, Action: '*'}, !Ref AWS::NoValue], "
       "{Effect: Deny, Action: x}]}",
       "{?}{Deny A=[x]}"},
      {"{Statement: [!If [IsProd, {Effect: Allow, Action: a}, {Effect: Deny, Action: b}], "
       "!If [IsProd, !Ref AWS::NoValue, {Effect: Deny, Action: c}]]}",
       "{Allow A=[a]}"},
      {"{Statement: !Ref NoDefault}", "{?}"},
      {"{Statement: [{Effect: Allow, Action: [a, !Ref AWS::NoValue, b]}]}", "{Allow A=[a, b]}"},
      {"{Version: '2012-10-17'}", "v=2012-10-17 "},
      {"!Ref NoDefault", "UNKNOWN "},
      {"just-a-string", "UNKNOWN "},
      {"[a, b]", "UNKNOWN "},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.expr);
    Evaluated e = EvalExpr(c.expr);
    model::PolicyDocument doc =
        ToPolicyDocument(&e.v, model::PolicySource::kInline, "P", util::Loc{});
    EXPECT_EQ(DumpPolicy(doc), c.want);
    EXPECT_EQ(doc.name, "P");
  }
}

TEST(ValTest, PolicyDocumentPositions) {
  Evaluated e = EvalExpr("{Statement: [{Effect: Allow, Condition: {Bool: {k: true}}}]}");
  model::PolicyDocument doc = ToPolicyDocument(&e.v, model::PolicySource::kManaged, "P", e.v.loc);
  EXPECT_EQ(doc.source, model::PolicySource::kManaged);
  ASSERT_EQ(doc.statements.size(), 1u);
  EXPECT_EQ(doc.statements[0].loc.line, 14u);
  EXPECT_EQ(doc.statements[0].loc.col, 23u);
  ASSERT_EQ(doc.statements[0].conditions.size(), 1u);
  EXPECT_EQ(doc.statements[0].conditions[0].loc.col, 58u);  // the key "k"
  EXPECT_EQ(doc.statements[0].effect.loc.col, 32u);
  EXPECT_FALSE(ToPolicyDocument(nullptr, model::PolicySource::kInline, "", {}).known);
}

TEST(ValTest, ScalarConversions) {
  util::Loc fallback{nullptr, 7, 3};
  EXPECT_EQ(DumpValue(ToString(nullptr, fallback)), "absent");
  EXPECT_EQ(ToString(nullptr, fallback).loc.line, 7u);

  struct Case {
    const char* expr;
    const char* str;
    const char* integer;
    const char* boolean;
  };
  const Case cases[] = {
      {"python3.12", "python3.12", "?", "?"},
      {"30", "30", "30", "?"},
      {"'30'", "30", "30", "?"},
      {"30.0", "30.0", "30", "?"},
      {"true", "true", "?", "true"},
      {"'false'", "false", "?", "false"},
      {"yes-please", "yes-please", "?", "?"},
      {"!Ref Stage", "~prod", "?", "?"},
      {"{a: b}", "?", "?", "?"},
      {"[a]", "?", "?", "?"},
      {"!Ref AWS::NoValue", "absent", "absent", "absent"},
      {"~", "absent", "absent", "absent"},
      {"!GetAtt Bucket.Arn", "?${Bucket.Arn} refs=Bucket", "? refs=Bucket", "? refs=Bucket"},
      {"!Ref Env", "?${Env} alts=dev|test", "?", "?"},
      {"!If [Undecided, 10, 20]", "?!If [Undecided, 10, 20] alts=10|20", "? alts=10|20", "?"},
      {"!If [Undecided, x, !Ref AWS::NoValue]", "?!If [Undecided, x, ]", "?", "?"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.expr);
    Evaluated e = EvalExpr(c.expr);
    const Val* v = e.v.is_novalue() ? nullptr : &e.v;
    EXPECT_EQ(DumpValue(ToString(v)), c.str);
    EXPECT_EQ(DumpValue(ToInt(v)), c.integer);
    EXPECT_EQ(DumpValue(ToBool(v)), c.boolean);
  }
  Evaluated d = EvalExpr("'1.5'");
  model::Value<double> x = ToDouble(&d.v);
  EXPECT_TRUE(x.known());
  EXPECT_DOUBLE_EQ(x.value, 1.5);
  Evaluated abc = EvalExpr("abc");
  EXPECT_TRUE(ToDouble(&abc.v).unknown());
}

TEST(ValTest, StringLists) {
  EXPECT_EQ(DumpList(ToStringList(nullptr)), "[]");
  EXPECT_EQ(DumpListOf(("a")), "[a]");
  EXPECT_EQ(DumpListOf(("[a, 1, !Ref AWS::NoValue, !Ref Stage]")), "[a, 1, ~prod]");
  EXPECT_EQ(DumpListOf(("!Split [',', 'x,y']")), "[x, y]");
  EXPECT_EQ(DumpListOf(("!GetAZs ''")), "[?!GetAZs]");
}

TEST(ValTest, GetAndKeyLoc) {
  Evaluated e = EvalExpr("{A: 1, B: !Ref AWS::NoValue, C: 2}");
  ASSERT_TRUE(e.v.is_map());
  ASSERT_NE(e.v.Get("A"), nullptr);
  EXPECT_EQ(e.v.Get("A")->text, "1");
  EXPECT_EQ(e.v.Get("C")->text, "2");
  EXPECT_EQ(e.v.KeyLoc("C").col, 39u);
  EXPECT_EQ(e.v.Get("B"), nullptr);
  EXPECT_EQ(e.v.Get("D"), nullptr);
  EXPECT_EQ(e.v.KeyLoc("D").col, e.v.loc.col);
  EXPECT_EQ(e.v.loc.col, 10u);
  Val list;
  list.kind = Val::Kind::kList;
  EXPECT_EQ(list.Get("A"), nullptr);
}

}  // namespace
}  // namespace fnwarden::load::cfn
