#include "analysis/iam/validate.h"

#include <string>

#include "analysis/iam/condition.h"
#include "analysis/iam/match.h"
#include "util/strings.h"

namespace fnwarden::analysis::iam {
namespace {

class Checker {
 public:
  Checker(const Catalog& catalog, const ValidateOptions& options,
          std::vector<util::Diagnostic>* out)
      : catalog_(catalog), options_(options), out_(out) {}

  void Error(util::Loc loc, std::string message) { Add(util::DiagLevel::kError, loc, std::move(message)); }
  void Warning(util::Loc loc, std::string message) {
    Add(util::DiagLevel::kWarning, loc, std::move(message));
  }

  void Action(const model::String& a) {
    if (!a.known()) return;
    const std::string& text = a.value;
    if (text == "*") return;
    size_t colon = text.find(':');
    if (colon == std::string::npos || colon == 0 || colon + 1 == text.size()) {
      if (!options_.unknown_actions) return;
      return Error(a.loc, "action \"" + text + "\" is not of the form service:action");
    }
    std::string_view service = std::string_view(text).substr(0, colon);
    if (service.find_first_of("*?") != std::string_view::npos) {
      return Error(a.loc, "action \"" + text + "\" has a wildcard in its service prefix");
    }
    if (!catalog_.loaded() || !options_.unknown_actions) return;
    if (!catalog_.HasService(service)) {
      return Error(a.loc, "unknown service prefix \"" + std::string(service) + "\" in action \"" +
                              text + "\"");
    }
    if (text.find_first_of("*?") != std::string::npos) {
      if (catalog_.Expand(text).empty()) {
        Error(a.loc, "action pattern \"" + text + "\" matches no " + std::string(service) + " action");
      }
      return;
    }
    if (!catalog_.FindAction(text)) {
      std::string msg = "unknown action \"" + text + "\"";
      std::string close = catalog_.ClosestAction(text);
      if (!close.empty()) msg += " (did you mean \"" + close + "\"?)";
      Error(a.loc, std::move(msg));
    }
  }

  // `resource_policy`: API Gateway resource policies may write the API's
  // own ARN as "execute-api:/stage/METHOD/path", which API Gateway expands.
  void Resource(const model::String& r, bool resource_policy) {
    if (!r.known()) return;
    const std::string& text = r.value;
    if (text == "*") return;
    if (resource_policy && text.starts_with("execute-api:/")) return;
    ArnParts parts = SplitArn(text);
    if (!parts.valid && text.starts_with("arn:")) {
      // IAM stores "arn:aws:logs:*"; Access Analyzer rejects it (Missing ARN
      // field) and fnwarden's matching, like its own, never matches it.
      return Error(r.loc, "resource \"" + text +
                              "\" has fewer than the six fields of an ARN "
                              "(arn:partition:service:region:account:resource)");
    }
    if (!parts.valid) {
      return Error(r.loc, "resource \"" + text + "\" is neither \"*\" nor an ARN (arn:partition:service:region:account:resource)");
    }
    if (parts.part[1].empty() || parts.part[2].empty()) {
      Error(r.loc, "resource \"" + text + "\" has an empty partition or service part");
    }
  }

  void Condition(const model::Condition& c) {
    if (c.op.empty()) return;  // an unresolved block
    Operator op = ParseOperator(c.op);
    if (!op.valid) return Error(c.loc, "unknown condition operator \"" + c.op + "\"");
    if (c.key.empty()) return;
    std::optional<ConditionKeyInfo> key;
    // Keys of identity providers (token.actions.githubusercontent.com:sub,
    // accounts.google.com:aud, cognito-identity.amazonaws.com:amr) are
    // whatever the provider's tokens carry: only aws: keys and AWS services'
    // keys are known in full, with their types.
    std::string_view prefix = std::string_view(c.key).substr(0, c.key.find(':'));
    bool aws_key = util::EqualsIgnoreCase(prefix, "aws") || catalog_.HasService(prefix);
    if (catalog_.loaded()) {
      key = catalog_.FindConditionKey(c.key);
      if (!key && aws_key) {
        Error(c.loc, "unknown condition key \"" + c.key + "\"");
      }
    }
    for (const model::String& v : c.values) {
      if (!v.known()) continue;
      ConditionValue cv;
      cv.text = v.value;
      bool ok = true;
      const char* want = "";
      switch (op.family) {
        case ConditionFamily::kNumeric: ok = ParseNumber(cv.text, &cv.number); want = "a number"; break;
        case ConditionFamily::kDate: ok = ParseDate(cv.text, &cv.millis); want = "a date (ISO 8601 or epoch seconds)"; break;
        case ConditionFamily::kIpAddress: ok = ParseIp(cv.text, true, &cv.ip); want = "an IP address or CIDR range"; break;
        case ConditionFamily::kBool:
        case ConditionFamily::kNull:
          ok = util::EqualsIgnoreCase(cv.text, "true") || util::EqualsIgnoreCase(cv.text, "false");
          want = "true or false";
          break;
        default: break;
      }
      if (!ok) {
        Error(v.loc, c.op + " needs " + want + ", not \"" + v.value + "\"");
      }
    }
    if (!key) return;
    ConditionKeyType element = ElementType(key->type);
    auto mismatch = [&](const char* family) {
      Error(c.loc, std::string(family) + " operator " + c.op + " on " +
                       ConditionKeyTypeName(key->type) + " key " + c.key);
    };
    switch (op.family) {
      case ConditionFamily::kNumeric:
        if (element != ConditionKeyType::kNumeric) mismatch("numeric");
        break;
      case ConditionFamily::kDate:
        if (element != ConditionKeyType::kDate) mismatch("date");
        break;
      case ConditionFamily::kBool:
        if (element != ConditionKeyType::kBool) mismatch("boolean");
        break;
      case ConditionFamily::kIpAddress:
        if (element != ConditionKeyType::kIpAddress) mismatch("IP address");
        break;
      case ConditionFamily::kArn:
        if (element != ConditionKeyType::kArn && element != ConditionKeyType::kString) mismatch("ARN");
        break;
      default: break;
    }
    // A provider's claim may be a list whatever the catalog says: AWS's own
    // examples use ForAnyValue:StringLike on cognito-identity.amazonaws.com:amr.
    if (!aws_key) return;
    bool multi = IsMultiValued(key->type);
    if (op.set != SetOperator::kNone && !multi) {
      Warning(c.loc, c.op + " on single-valued key " + c.key + ": use " +
                         c.op.substr(c.op.find(':') + 1) + " without the set prefix");
    } else if (op.set == SetOperator::kNone && multi && op.family != ConditionFamily::kNull) {
      Warning(c.loc, c.op + " on multi-valued key " + c.key +
                         ": use ForAnyValue: or ForAllValues: to say how its values combine");
    }
  }

 private:
  void Add(util::DiagLevel level, util::Loc loc, std::string message) {
    util::Diagnostic d;
    d.level = level;
    d.loc = loc;
    d.path = std::string(loc.path());
    d.message = std::move(message);
    out_->push_back(std::move(d));
  }

  const Catalog& catalog_;
  const ValidateOptions& options_;
  std::vector<util::Diagnostic>* out_;
};

}  // namespace

void Validate(const model::PolicyDocument& doc, PolicyKind kind, const Catalog& catalog,
              std::vector<util::Diagnostic>* out) {
  Validate(doc, kind, catalog, ValidateOptions{}, out);
}

void Validate(const model::PolicyDocument& doc, PolicyKind kind, const Catalog& catalog,
              const ValidateOptions& options, std::vector<util::Diagnostic>* out) {
  if (!doc.known) return;
  Checker check(catalog, options, out);
  if (doc.version.known() && doc.version.value != "2012-10-17" &&
      doc.version.value != "2008-10-17") {
    check.Error(doc.version.loc, "unknown policy Version \"" + doc.version.value +
                                     "\" (use \"2012-10-17\")");
  }
  const bool identity_shaped = kind == PolicyKind::kIdentity || kind == PolicyKind::kBoundary ||
                               kind == PolicyKind::kSession;
  for (const model::Statement& s : doc.statements) {
    if (!s.known) continue;
    if (s.effect.absent()) check.Error(s.loc, "statement has no Effect");
    if (s.actions.empty()) check.Error(s.loc, "statement has no Action or NotAction");
    for (const model::String& a : s.actions) check.Action(a);
    if (identity_shaped && !s.has_resource) {
      check.Error(s.loc, "statement has no Resource or NotResource");
    }
    if (kind == PolicyKind::kTrust && s.has_resource) {
      check.Error(s.loc, "a trust policy statement takes no Resource");
    }
    for (const model::String& r : s.resources) check.Resource(r, kind == PolicyKind::kResource);
    if (identity_shaped && s.has_principal) {
      check.Error(s.loc, "an identity-based policy statement takes no Principal");
    }
    if (!identity_shaped && !s.has_principal) {
      check.Error(s.loc, "statement has no Principal or NotPrincipal");
    }
    for (const model::Condition& c : s.conditions) check.Condition(c);
  }
}

}  // namespace fnwarden::analysis::iam
