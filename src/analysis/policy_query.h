// Queries over policy statements and small message helpers that several
// IAM, CFG, ISO and API rules share.
//
// Like every analysis, these follow the model's rule for unknown values: an
// answer that depends on something fnwarden cannot know is the answer that
// keeps rules quiet. All functions are pure and thread-safe.
#ifndef FNWARDEN_ANALYSIS_POLICY_QUERY_H_
#define FNWARDEN_ANALYSIS_POLICY_QUERY_H_

#include <string>
#include <string_view>
#include <vector>

#include "analysis/facts.h"
#include "model/model.h"

namespace fnwarden::analysis {

// True for an AWS service principal: "<name>.amazonaws.com" (also the China
// partition's ".amazonaws.com.cn").
bool IsServicePrincipal(std::string_view principal);

// A stable attribute path for a statement of a function's role:
// "role.policies.<policy name>.statement[<index in the policy>]".
std::string StatementAttribute(const AppliedStatement& applied);

// The same for a statement of a resource policy: "<prefix>.statement[<i>]",
// where i is its index in `doc`.
std::string StatementAttribute(std::string_view prefix, const model::PolicyDocument& doc,
                               const model::Statement& s);

// How a finding names the policy a statement comes from: its name
// ("AmazonS3FullAccess", "DynamoDBCrudPolicy") or "an inline policy".
std::string PolicyLabel(const AppliedStatement& applied);

// "A", "A and B", "A, B and C".
std::string JoinNames(const std::vector<std::string>& names);

// A role with what uses it, for messages: "role R (of function A)", "role R
// (of functions A and B)", "role R (of state machine P and function A)";
// "role R" when nothing of the model uses it.
std::string RoleLabel(const model::Role& role);

// The actions of a statement for a message: "s3:GetObject",
// "s3:GetObject, s3:PutObject and 2 more", "every action but iam:*"; "its
// actions" when none is known.
std::string ActionSummary(const model::Statement& s);
// The same naming only the entries that name one of `services` ("lambda"
// matches "lambda:*", "lambda:Get*" and "*"), the others counted: "lambda:*
// and 25 more". How a finding about those services cites a statement that
// grants many others. Without such entries, ActionSummary(s).
std::string ActionSummary(const model::Statement& s, const std::vector<std::string>& services);

// "GET /orders/{id}" ("?" for an unknown part).
std::string RouteLabel(const model::Route& route);

// True when `v` is a known string equal to one of `options`, ignoring case.
bool IsOneOf(const model::String& v, std::initializer_list<std::string_view> options);

}  // namespace fnwarden::analysis

#endif  // FNWARDEN_ANALYSIS_POLICY_QUERY_H_
