// Random IAM evaluation cases (see oracle_cases.h for the model) from a fixed
// vocabulary, reproducible from a seed. Header-only; test and benchmark code
// only.
//
// The vocabulary is chosen so that statements match the request about as
// often as not: action patterns are built from the requested action,
// resource patterns from the requested ARN, condition values from the same
// small sets the context draws from. Every key a case refers to is either in
// its context or absent from it: fnwarden's engine must decide every case.
//
// Left out, because the oracle is wrong there and no rewrite can say what AWS
// means without reimplementing it (fnwarden's unit tests pin these):
//  - a policy variable in a resource part that has no "type/" or "type:"
//    prefix ("...:sqs:...:${aws:username}-queue"): the oracle splits the ARN
//    at the variable's own colon, so it never matches;
//  - a policy variable in the account part of an ARN inside NotResource (AWS
//    substitutes variables only in the resource part, after the fifth colon,
//    and does not say whether the rest is then literal or invalid);
//  - "0.0.0.0/0" (the oracle's /0 mask is all ones) and a bare IPv4 address
//    against an IPv6 request in NotIpAddress (the oracle answers false);
//  - a resource policy naming the role session ARN when a session policy is
//    present: AWS grants that in addition to the session policy (STS
//    GetFederationToken and AssumeRole documentation); the oracle applies the
//    session policy to it.
#ifndef FNWARDEN_TESTS_ORACLE_ORACLE_GENERATOR_H_
#define FNWARDEN_TESTS_ORACLE_ORACLE_GENERATOR_H_

#include <algorithm>
#include <cstdint>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "oracle_cases.h"

namespace fnwarden::testing::oracle {

class Generator {
 public:
  explicit Generator(uint64_t seed) : rng_(seed) {}

  Case Next(uint32_t id) {
    Case c;
    c.id = id;
    const Target& t = kTargets[Below(kTargetCount)];
    target_ = &t;
    bool cross_account = !t.wildcard_only && Chance(0.3);
    c.resource_account = cross_account ? kOtherAccount : kAccount;
    c.action = t.action;
    c.resource = Fill(t.arn, c.resource_account);
    c.explicit_allow_required = t.explicit_allow;
    c.trust_policy = t.trust;

    int caller = Below(10);
    if (t.resource_policy && caller == 0) {
      c.caller = Caller::kService;
      c.service_principal = Chance(0.7) ? "lambda.amazonaws.com" : "sns.amazonaws.com";
    } else {
      c.caller = caller < 7 ? Caller::kRoleSession : Caller::kUser;
    }
    used_keys_.clear();

    if (c.caller != Caller::kService) {
      int n = Below(3) + (Chance(0.85) ? 1 : 0);
      for (int i = 0; i < n; ++i) c.identity.push_back(IdentityPolicy(c));
      if (Chance(0.3)) c.boundary = IdentityPolicy(c);
      if (c.caller == Caller::kRoleSession && Chance(0.15)) c.session = IdentityPolicy(c);
    }
    // Keys, trust policies and role trust policies always exist; other
    // resources have a policy about half the time.
    if (t.resource_policy && (t.explicit_allow || Chance(0.55))) c.resource_policy = ResourcePolicy(c);
    FillContext(&c);
    return c;
  }

 private:
  struct Target {
    const char* action;
    const char* arn;  // "{acct}" stands for the resource's account
    bool wildcard_only;
    bool resource_policy;
    bool explicit_allow;
    bool trust;
    std::vector<const char*> siblings;  // other actions of the same service
  };

  inline static const std::vector<Target> kTargets = {
      {"s3:GetObject", "arn:aws:s3:::orders-bucket/blue/receipt.pdf", false, true, false, false,
       {"s3:PutObject", "s3:GetObjectAcl", "s3:DeleteObject"}},
      {"s3:ListBucket", "arn:aws:s3:::orders-bucket", false, true, false, false,
       {"s3:ListBucketVersions", "s3:GetBucketPolicy"}},
      {"sqs:SendMessage", "arn:aws:sqs:us-east-1:{acct}:blue-queue", false, true, false, false,
       {"sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:SendMessageBatch"}},
      {"sns:Publish", "arn:aws:sns:us-east-1:{acct}:blue-alerts", false, true, false, false,
       {"sns:Subscribe", "sns:DeleteTopic"}},
      {"lambda:InvokeFunction", "arn:aws:lambda:us-east-1:{acct}:function:blue-fn", false, true, false,
       false, {"lambda:GetFunction", "lambda:InvokeAsync", "lambda:UpdateFunctionCode"}},
      {"dynamodb:GetItem", "arn:aws:dynamodb:us-east-1:{acct}:table/blue-orders", false, true, false,
       false, {"dynamodb:PutItem", "dynamodb:Query", "dynamodb:GetRecords"}},
      {"kms:Decrypt", "arn:aws:kms:us-east-1:{acct}:key/1234abcd-12ab-34cd-56ef-1234567890ab", false,
       true, true, false, {"kms:Encrypt", "kms:GenerateDataKey", "kms:DescribeKey"}},
      {"sts:AssumeRole", "arn:aws:iam::{acct}:role/blue-target", false, true, true, true,
       {"sts:TagSession", "sts:AssumeRoleWithWebIdentity"}},
      {"secretsmanager:GetSecretValue", "arn:aws:secretsmanager:us-east-1:{acct}:secret:blue-db-AbCdEf",
       false, true, false, false, {"secretsmanager:PutSecretValue", "secretsmanager:DescribeSecret"}},
      {"sqs:ListQueues", "*", true, false, false, false, {"sqs:SendMessage", "sqs:ListQueueTags"}},
      {"s3:ListAllMyBuckets", "*", true, false, false, false, {"s3:ListBucket", "s3:GetObject"}},
      {"ec2:DescribeInstances", "*", true, false, false, false, {"ec2:DescribeVpcs", "ec2:RunInstances"}},
  };
  inline static const int kTargetCount = static_cast<int>(kTargets.size());

  enum class KeyType { kString, kArn, kBool, kNumeric, kDate, kIp, kBinary, kMulti };
  struct Key {
    const char* name;
    KeyType type;
    std::vector<const char*> request;  // values a request may carry
    std::vector<const char*> policy;   // values a condition may name
  };

  inline static const std::vector<Key> kKeys = {
      {"aws:username", KeyType::kString, {"alice", "bob", "Alice"},
       {"alice", "bob", "ALICE", "al*", "*e", "b?b", "${aws:PrincipalTag/team}", "carol"}},
      {"aws:PrincipalTag/team", KeyType::kString, {"blue", "red", "Blue"},
       {"blue", "red", "BLUE", "bl*", "r?d", "${aws:username}", "${aws:PrincipalTag/team}", "green"}},
      {"aws:RequestedRegion", KeyType::kString, {"us-east-1", "eu-west-1"},
       {"us-east-1", "eu-west-1", "us-*", "*-1", "ap-south-1"}},
      {"aws:PrincipalOrgID", KeyType::kString, {"o-abc123", "o-zzz999"}, {"o-abc123", "o-zzz999", "o-*"}},
      {"aws:SourceVpc", KeyType::kString, {"vpc-111", "vpc-222"}, {"vpc-111", "vpc-2*", "vpc-333"}},
      {"aws:SourceArn", KeyType::kArn,
       {"arn:aws:sns:us-east-1:111122223333:blue-alerts", "arn:aws:s3:::orders-bucket",
        "arn:aws:lambda:us-east-1:444455556666:function:x"},
       {"arn:aws:sns:us-east-1:111122223333:blue-alerts", "arn:aws:sns:*:111122223333:*",
        "arn:aws:s3:::orders-*", "arn:aws:lambda:*:444455556666:function:*",
        "arn:aws:sns:us-east-1:${aws:PrincipalAccount}:*", "arn:aws:sqs:us-east-1:111122223333:q"}},
      {"aws:PrincipalArn", KeyType::kArn, {},
       {kRoleArn, "arn:aws:iam::111122223333:role/*", kUserArn, "arn:aws:iam::*:user/alice",
        "arn:aws:iam::444455556666:role/x", "arn:aws:iam::111122223333:*"}},
      {"aws:PrincipalAccount", KeyType::kString, {}, {kAccount, kOtherAccount, "1111*"}},
      {"aws:ResourceAccount", KeyType::kString, {},
       {kAccount, kOtherAccount, "${aws:PrincipalAccount}", "4444*"}},
      {"aws:SecureTransport", KeyType::kBool, {"true", "false"}, {"true", "false"}},
      {"aws:MultiFactorAuthPresent", KeyType::kBool, {"true", "false"}, {"true", "false"}},
      {"aws:MultiFactorAuthAge", KeyType::kNumeric, {"0", "299", "300", "3600.0", "7200"},
       {"0", "300", "3600", "12.5", "86400"}},
      {"aws:CurrentTime", KeyType::kDate,
       {"2024-03-15T10:00:00Z", "2024-01-01T00:00:00Z", "2025-02-01T00:00:00Z"},
       {"2024-01-01T00:00:00Z", "2024-06-30", "1704067200", "1719748800", "2025-01-01T00:00:00Z"}},
      {"aws:EpochTime", KeyType::kDate, {"1704067200", "1710496800", "1738368000"},
       {"1704067200", "2024-06-30T00:00:00Z", "1719748800", "2025-01-01"}},
      {"aws:TokenIssueTime", KeyType::kDate, {"2024-03-15T09:00:00Z", "2023-12-31T23:59:59Z"},
       {"2024-01-01T00:00:00Z", "2024-03-15T09:00:00Z", "1704067200"}},
      {"aws:SourceIp", KeyType::kIp, {"10.0.0.5", "10.1.2.3", "192.0.2.77", "2001:db8::5", "198.51.100.1"},
       {"10.0.0.0/8", "10.0.0.5/32", "192.0.2.0/24", "2001:db8::/32", "10.0.0.0/30"}},
      {"aws:userid", KeyType::kBinary, {"QUlEQTEyMw==", "QUlEQTQ1Ng=="},
       {"QUlEQTEyMw==", "QUlEQTQ1Ng==", "QUlEQTc4OQ=="}},
      {"aws:TagKeys", KeyType::kMulti, {"env", "team", "cost"}, {"env", "team", "cost", "owner", "t*"}},
      {"aws:CalledVia", KeyType::kMulti, {"cloudformation.amazonaws.com", "athena.amazonaws.com"},
       {"cloudformation.amazonaws.com", "athena.amazonaws.com", "*.amazonaws.com", "glue.amazonaws.com"}},
      {"aws:PrincipalOrgPaths", KeyType::kMulti, {"o-abc123/r-ab12/ou-1/", "o-abc123/r-ab12/ou-2/"},
       {"o-abc123/r-ab12/ou-1/", "o-abc123/*", "o-abc123/r-ab12/ou-2/*", "o-zzz999/*"}},
  };

  // Randomness.
  int Below(int n) { return std::uniform_int_distribution<int>(0, n - 1)(rng_); }
  bool Chance(double p) { return std::uniform_real_distribution<double>(0, 1)(rng_) < p; }
  template <class T>
  const T& Pick(const std::vector<T>& v) {
    return v[static_cast<size_t>(Below(static_cast<int>(v.size())))];
  }

  static std::string Fill(std::string text, const std::string& account) {
    size_t at = text.find("{acct}");
    if (at != std::string::npos) text.replace(at, 6, account);
    return text;
  }

  static std::string CaseVariant(std::string s, int how) {
    for (char& ch : s) {
      if (how == 0 && ch >= 'a' && ch <= 'z') ch = static_cast<char>(ch - 'a' + 'A');
      if (how == 1 && ch >= 'A' && ch <= 'Z') ch = static_cast<char>(ch - 'A' + 'a');
    }
    return s;
  }

  std::string ActionPattern() {
    std::string action = target_->action;
    size_t colon = action.find(':');
    std::string service = action.substr(0, colon);
    std::string name = action.substr(colon + 1);
    switch (Below(12)) {
      case 0: return action;
      case 1: return CaseVariant(action, Below(2));
      case 2: return service + ":*";
      case 3: return service + ":" + name.substr(0, 1 + static_cast<size_t>(Below(static_cast<int>(name.size())))) + "*";
      case 4: return service + ":*" + name.substr(static_cast<size_t>(Below(static_cast<int>(name.size()))));
      case 5: {
        std::string n = name;
        n[static_cast<size_t>(Below(static_cast<int>(n.size())))] = '?';
        return service + ":" + n;
      }
      case 6: return "*";
      case 7:
      case 8: return Pick(target_->siblings);
      case 9: return Pick(std::vector<const char*>{"iam:PassRole", "logs:PutLogEvents", "ec2:RunInstances",
                                                   "s3:PutObject", "kms:Encrypt"});
      case 10:
        if (Chance(0.4)) {
          // A wildcard in the service prefix (a documented divergence class).
          switch (Below(4)) {
            case 0: return service.substr(0, 1) + "*:" + name;
            case 1: return "*:" + name;
            case 2: return service.substr(0, 1) + "?" + service.substr(2) + ":" + name.substr(0, 3) + "*";
            default: return service + "*:*";
          }
        }
        return action;
      default: return Pick(target_->siblings);
    }
  }

  std::string Variable() {
    switch (Below(5)) {
      case 0: return "${aws:PrincipalTag/team}";
      case 1: return "${aws:PrincipalTag/team, 'blue'}";
      case 2: return "${aws:PrincipalTag/team, 'red'}";
      case 3: return "${aws:username}";
      default: return "${aws:PrincipalTag/team}";
    }
  }

  // A pattern for the resource part after its product ("blue-orders" of
  // "table/blue-orders"): the oracle, like AWS's guidance, allows no
  // wildcard in the product itself.
  std::string IdPattern(const std::string& id, bool variables) {
    std::string out = id;
    size_t blue = out.find("blue");
    switch (Below(11)) {
      case 0: return out;
      case 1: return "*";
      case 2:
        if (blue != std::string::npos) out.replace(blue, 4, "red");
        return out;
      case 3:
        if (blue != std::string::npos) out.replace(blue, 4, "Blue");
        return out;
      case 4:
      case 5:
        if (blue != std::string::npos && variables) {
          out.replace(blue, 4, Variable());
          used_keys_.insert("aws:PrincipalTag/team");
          used_keys_.insert("aws:username");
        }
        return out;
      case 6: return out.substr(0, 1 + static_cast<size_t>(Below(static_cast<int>(out.size())))) + "*";
      case 7: out[static_cast<size_t>(Below(static_cast<int>(out.size())))] = '?'; return out;
      case 8: return "*" + out.substr(static_cast<size_t>(Below(static_cast<int>(out.size()))));
      case 9:
        if (blue != std::string::npos) out.replace(blue, 4, Chance(0.5) ? "${*}" : "b${?}ue");
        return out;
      default: return out + (Chance(0.5) ? "*" : ":1");
    }
  }

  std::string ResourcePattern(const Case& c, bool not_resource) {
    if (c.resource == "*" || Chance(0.12)) {
      if (Chance(0.7)) return "*";
      return Pick(std::vector<const char*>{"arn:aws:sqs:us-east-1:111122223333:blue-queue",
                                           "arn:aws:s3:::orders-bucket/*", "arn:aws:ec2:*:*:instance/*"});
    }
    // arn:partition:service:region:account:resource
    std::vector<std::string> parts;
    size_t start = 0;
    for (int i = 0; i < 5; ++i) {
      size_t colon = c.resource.find(':', start);
      parts.push_back(c.resource.substr(start, colon - start));
      start = colon + 1;
    }
    std::string rest = c.resource.substr(start);
    switch (Below(8)) {
      case 0:
        if (!parts[3].empty()) parts[3] = Chance(0.5) ? "*" : (Chance(0.5) ? "us-*" : "eu-west-1");
        break;
      case 1:
        if (!parts[4].empty()) {
          parts[4] = Pick(std::vector<std::string>{"*", kAccount, kOtherAccount, "${aws:PrincipalAccount}"});
          if (not_resource && parts[4][0] == '$') parts[4] = "*";
        }
        break;
      case 2: parts[2] = Pick(std::vector<std::string>{"sns", "sqs", "lambda"}); break;
      default: break;
    }
    // The product: "table/" of "table/blue-orders", "function:" of
    // "function:blue-fn"; S3 has none.
    std::string product;
    if (parts[2] != "s3") {
      size_t cut = rest.find_first_of("/:");
      if (cut != std::string::npos) product = rest.substr(0, cut + 1);
    }
    std::string id = rest.substr(product.size());
    if (Chance(0.75)) id = IdPattern(id, parts[2] == "s3" || !product.empty());
    if (parts[4] == "${aws:PrincipalAccount}") used_keys_.insert("aws:PrincipalAccount");
    return parts[0] + ":" + parts[1] + ":" + parts[2] + ":" + parts[3] + ":" + parts[4] + ":" + product + id;
  }

  Condition RandomCondition() {
    const Key& k = Pick(kKeys);
    used_keys_.insert(k.name);
    Condition cond;
    cond.key = k.name;
    std::string base;
    switch (k.type) {
      case KeyType::kString:
        base = Pick(std::vector<std::string>{"StringEquals", "StringNotEquals", "StringEqualsIgnoreCase",
                                             "StringNotEqualsIgnoreCase", "StringLike", "StringNotLike"});
        break;
      case KeyType::kArn:
        base = Pick(std::vector<std::string>{"ArnEquals", "ArnLike", "ArnNotEquals", "ArnNotLike",
                                             "StringLike", "StringEquals"});
        break;
      case KeyType::kBool: base = "Bool"; break;
      case KeyType::kNumeric:
        base = Pick(std::vector<std::string>{"NumericEquals", "NumericNotEquals", "NumericLessThan",
                                             "NumericLessThanEquals", "NumericGreaterThan",
                                             "NumericGreaterThanEquals"});
        break;
      case KeyType::kDate:
        base = Pick(std::vector<std::string>{"DateEquals", "DateNotEquals", "DateLessThan",
                                             "DateLessThanEquals", "DateGreaterThan", "DateGreaterThanEquals"});
        break;
      case KeyType::kIp: base = Chance(0.6) ? "IpAddress" : "NotIpAddress"; break;
      case KeyType::kBinary: base = Chance(0.7) ? "BinaryEquals" : "StringEquals"; break;
      case KeyType::kMulti:
        base = Pick(std::vector<std::string>{"StringEquals", "StringNotEquals", "StringLike", "StringNotLike",
                                             "StringEqualsIgnoreCase"});
        break;
    }
    int values = 1 + (Chance(0.35) ? 1 + Below(2) : 0);
    if (Chance(0.08)) {
      cond.op = "Null";
      cond.values.push_back(Chance(0.5) ? "true" : "false");
      return cond;
    }
    std::string op = base;
    if (Chance(0.25)) op += "IfExists";
    if (k.type == KeyType::kMulti) {
      op = (Chance(0.5) ? "ForAnyValue:" : "ForAllValues:") + op;
    } else if (Chance(0.06)) {
      op = (Chance(0.5) ? "ForAnyValue:" : "ForAllValues:") + op;
    }
    cond.op = op;
    std::set<std::string> seen;
    for (int i = 0; i < values; ++i) {
      std::string v = Pick(k.policy);
      if (!seen.insert(v).second) continue;
      if (v.find("${") != std::string::npos) {
        // A variable means something to the String and Arn families only.
        bool takes = base.rfind("String", 0) == 0 || base.rfind("Arn", 0) == 0;
        if (!takes) continue;
        if (v.find("aws:PrincipalTag/team") != std::string::npos) used_keys_.insert("aws:PrincipalTag/team");
        if (v.find("aws:username") != std::string::npos) used_keys_.insert("aws:username");
      }
      cond.values.push_back(v);
    }
    if (cond.values.empty()) cond.values.push_back(k.policy[0]);
    return cond;
  }

  std::string Version() {
    int v = Below(100);
    if (v < 84) return "2012-10-17";
    if (v < 93) return "2008-10-17";
    return "";
  }

  void Body(const Case& c, Statement* s, bool resource_side) {
    s->allow = Chance(resource_side ? 0.75 : 0.7);
    s->not_action = Chance(0.12);
    int n = 1 + (Chance(0.35) ? 1 + Below(2) : 0);
    for (int i = 0; i < n; ++i) s->actions.push_back(ActionPattern());
    if (resource_side && c.trust_policy) {
      s->has_resource = false;  // a trust policy has no Resource
    } else {
      s->not_resource = Chance(0.12);
      int r = 1 + (Chance(0.3) ? 1 : 0);
      for (int i = 0; i < r; ++i) s->resources.push_back(ResourcePattern(c, s->not_resource));
    }
    int conds = Chance(0.45) ? 1 + (Chance(0.3) ? 1 : 0) : 0;
    for (int i = 0; i < conds; ++i) {
      Condition cond = RandomCondition();
      // One operator names a key once in a condition block.
      bool again = std::any_of(s->conditions.begin(), s->conditions.end(), [&](const Condition& o) {
        return o.op == cond.op && o.key == cond.key;
      });
      if (!again) s->conditions.push_back(std::move(cond));
    }
  }

  Policy IdentityPolicy(const Case& c) {
    Policy p;
    p.version = Version();
    int n = 1 + (Chance(0.4) ? 1 + Below(2) : 0);
    for (int i = 0; i < n; ++i) {
      Statement s;
      Body(c, &s, false);
      p.statements.push_back(std::move(s));
    }
    return p;
  }

  Principal RandomPrincipal(const Case& c) {
    static const std::vector<Principal> kChoices = {
        {"AWS", kRoleArn},
        {"AWS", kSessionArn},
        {"AWS", kUserArn},
        {"AWS", kAccount},
        {"AWS", "arn:aws:iam::111122223333:root"},
        {"AWS", kOtherAccount},
        {"AWS", "arn:aws:iam::444455556666:role/other"},
        {"AWS", "arn:aws:iam::111122223333:user/bob"},
        {"Service", "lambda.amazonaws.com"},
        {"Service", "sns.amazonaws.com"},
    };
    Principal p = Pick(kChoices);
    if (c.session && p.id == kSessionArn) p.id = kRoleArn;
    return p;
  }

  Policy ResourcePolicy(const Case& c) {
    Policy p;
    p.version = Version();
    int n = 1 + (Chance(0.5) ? 1 + Below(2) : 0);
    for (int i = 0; i < n; ++i) {
      Statement s;
      Body(c, &s, true);
      s.has_principal = true;
      if (Chance(0.25)) {
        s.principals.push_back({"*", "*"});
      } else {
        s.not_principal = Chance(0.08);
        int k = 1 + (Chance(0.3) ? 1 : 0);
        for (int j = 0; j < k; ++j) s.principals.push_back(RandomPrincipal(c));
      }
      p.statements.push_back(std::move(s));
    }
    return p;
  }

  void FillContext(Case* c) {
    // What the request itself says.
    if (c->caller != Caller::kService) {
      c->context.push_back({"aws:PrincipalArn", {c->caller == Caller::kUser ? kUserArn : kRoleArn}, false});
      c->context.push_back({"aws:PrincipalAccount", {kAccount}, false});
    } else {
      c->context.push_back({"aws:PrincipalServiceName", {c->service_principal}, false});
    }
    c->context.push_back({"aws:ResourceAccount", {c->resource_account}, false});
    // Every other key the policies name: present or absent.
    for (const Key& k : kKeys) {
      if (k.request.empty() || used_keys_.count(k.name) == 0 || Chance(0.3)) continue;
      ContextKey entry;
      entry.key = k.name;
      entry.multi = k.type == KeyType::kMulti;
      int n = entry.multi ? 1 + Below(3) : 1;
      std::set<std::string> seen;
      for (int i = 0; i < n; ++i) {
        std::string v = Pick(k.request);
        if (seen.insert(v).second) entry.values.push_back(v);
      }
      c->context.push_back(std::move(entry));
    }
  }

  std::mt19937_64 rng_;
  const Target* target_ = nullptr;
  std::set<std::string> used_keys_;
};

}  // namespace fnwarden::testing::oracle

#endif  // FNWARDEN_TESTS_ORACLE_ORACLE_GENERATOR_H_
