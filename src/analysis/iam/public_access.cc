#include "analysis/iam/public_access.h"

#include <algorithm>
#include <optional>

#include "analysis/iam/caller_keys.h"
#include "analysis/iam/catalog.h"
#include "util/strings.h"

namespace fnwarden::analysis::iam {
Context OutsiderContext(const model::PolicyDocument& doc,
                        std::initializer_list<std::string_view> also_absent) {
  Context ctx;
  ctx.Set("aws:SecureTransport", "true");
  for (const model::Statement& s : doc.statements) {
    for (const model::Condition& c : s.conditions) {
      std::string key = util::ToLower(c.key);
      bool absent = AbsentFor(Caller::kOutsider, key) ||
                    std::find(also_absent.begin(), also_absent.end(), key) != also_absent.end();
      bool builtin = key == "aws:principalarn" || key == "aws:principalaccount" ||
                     key == "aws:securetransport";
      if (!absent && !builtin)
        ctx.SetUnknown(key, c.op.starts_with("ForAnyValue") || c.op.starts_with("ForAllValues"));
    }
  }
  ctx.Close();
  return ctx;
}

bool StatementRequest(const model::Statement& s, std::string_view fallback, std::string* action,
                      std::string* resource) {
  action->clear();
  for (const auto& a : s.actions) {
    if (!a.known()) continue;
    std::vector<ActionInfo> expanded = Catalog::Get().Expand(a.value);
    if (!expanded.empty()) {
      *action = std::string(expanded.front().name);
      break;
    }
  }
  *resource = fallback;
  for (const auto& r : s.resources) {
    if (!r.known() || r.value == "*") continue;
    resource->clear();
    for (char c : r.value) {
      if (c == '*') {
        *resource += "fnwarden-any";
      } else {
        resource->push_back(c == '?' ? 'x' : c);
      }
    }
    break;
  }
  return !action->empty() && !resource->empty();
}

std::vector<const model::Statement*> PublicStatements(const model::PolicyDocument& original,
                                                      const Resolver& resolver,
                                                      std::string_view owner_arn) {
  std::vector<const model::Statement*> out;
  if (!original.known) return out;
  std::optional<model::PolicyDocument> storage;
  const model::PolicyDocument& doc = resolver.Resolve(original, &storage);
  CompiledPolicy compiled = Compile(doc, PolicyKind::kResource);
  Context ctx = OutsiderContext(doc);
  const std::string caller_arn =
      "arn:aws:iam::" + std::string(kForeignAccount) + ":role/fnwarden-any";
  RequestPrincipal caller;
  caller.arn = caller_arn;
  for (size_t i = 0; i < doc.statements.size(); ++i) {
    const model::Statement& s = doc.statements[i];
    if (!s.known || !s.effect.Is(model::Effect::kAllow) || !s.has_principal) continue;
    std::string action, resource;
    if (!StatementRequest(s, owner_arn.empty() ? "*" : owner_arn, &action, &resource)) continue;
    // A resource policy can only name its own store: a resource entry the
    // scan could not resolve (a computed bucket name) is the store's own,
    // whatever its name turns out to be.
    bool unresolved = std::any_of(s.resources.begin(), s.resources.end(),
                                  [](const model::String& r) { return !r.known(); });
    std::optional<model::PolicyDocument> own;
    std::optional<CompiledPolicy> own_compiled;
    if (unresolved) {
      own = doc;
      own->statements[i].resources = {model::String::Literal(resource, s.loc)};
      own_compiled = Compile(*own, PolicyKind::kResource);
    }
    Result r = ResourcePolicyAllows(own_compiled ? *own_compiled : compiled,
                                    ResourcePolicyMode::kOrdinary, caller, action, resource, &ctx);
    if (r.decision != Decision::kAllowed) continue;
    for (const StatementRef& ref : r.statements) {
      if (ref.index == i) {
        out.push_back(&original.statements[i]);
        break;
      }
    }
  }
  return out;
}

}  // namespace fnwarden::analysis::iam
