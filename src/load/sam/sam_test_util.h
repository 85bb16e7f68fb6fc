// Test helpers for the SAM transform: expand a YAML template into a model and
// render its parts as compact one-line dumps.
#ifndef FNWARDEN_LOAD_SAM_SAM_TEST_UTIL_H_
#define FNWARDEN_LOAD_SAM_SAM_TEST_UTIL_H_

#include <cstdint>
#include <memory>
#include <string>
#include <type_traits>
#include <vector>

#include "load/cfn/template.h"
#include "load/sam/sam.h"
#include "load/syntax/node.h"
#include "model/model.h"
#include "util/diagnostic.h"
#include "util/source.h"

namespace fnwarden::load::sam::testing {

struct Expanded {
  std::unique_ptr<util::SourceFile> file;
  std::unique_ptr<syntax::Document> doc;
  cfn::Template tmpl;
  util::DiagnosticSink diags;
  model::Model model;

  std::vector<std::string> Diags() const {
    std::vector<std::string> out;
    for (const util::Diagnostic& d : diags.Sorted()) out.push_back(util::RenderHeadline(d));
    return out;
  }
  const model::Function& Fn(std::string_view id) const {
    static const model::Function kNone;
    for (const auto& f : model.functions) {
      if (f.id == id) return f;
    }
    return kNone;
  }
  const model::Role* Role(std::string_view id) const {
    for (const auto& r : model.roles) {
      if (r.id == id) return &r;
    }
    return nullptr;
  }
  const model::Api* Api(std::string_view id) const {
    for (const auto& a : model.apis) {
      if (a.id == id) return &a;
    }
    return nullptr;
  }
};

// ParseYaml + ReadTemplate + Evaluator + DeclareGeneratedResources + Expand
// (no AdaptResources or Link: only what the transform builds). `dir` is the
// template's display folder.
inline std::unique_ptr<Expanded> Expand(std::string yaml, std::string dir = "app",
                                        cfn::EvalOptions options = {}, unsigned jobs = 1) {
  auto out = std::make_unique<Expanded>();
  out->file = std::make_unique<util::SourceFile>(dir.empty() ? "template.yaml"
                                                             : dir + "/template.yaml",
                                                 std::move(yaml));
  out->doc = syntax::ParseYaml(out->file.get(), syntax::ParseLimits{}, &out->diags);
  if (out->doc == nullptr || !cfn::ReadTemplate(*out->doc, &out->tmpl, &out->diags)) return out;
  cfn::Evaluator ev(out->tmpl, std::move(options), &out->diags);
  DeclareGeneratedResources(out->tmpl, ev);
  sam::Expand(out->tmpl, ev, dir, &out->diags, &out->model, jobs);
  return out;
}

// `-` absent, `"x"` literal, `~"x"` resolved, `?"display"` unknown;
// `(default)` for service defaults and `@A,B` for the logical IDs referenced.
template <class T>
std::string Dump(const model::Value<T>& v) {
  std::string text;
  if constexpr (std::is_same_v<T, std::string>) {
    text = "\"" + v.value + "\"";
  } else if constexpr (std::is_same_v<T, bool>) {
    text = v.value ? "true" : "false";
  } else if constexpr (std::is_same_v<T, double>) {
    text = std::to_string(static_cast<int64_t>(v.value));
  } else if constexpr (std::is_same_v<T, model::Effect>) {
    text = v.value == model::Effect::kAllow ? "Allow" : "Deny";
  } else {
    text = std::to_string(v.value);
  }
  std::string out;
  switch (v.state) {
    case model::ValueState::kAbsent: return "-";
    case model::ValueState::kLiteral: out = text; break;
    case model::ValueState::kResolved: out = "~" + text; break;
    case model::ValueState::kUnknown: out = "?" + text; break;
  }
  if (v.has(model::kDefaulted)) out += "(default)";
  if (!v.refs.empty()) {
    out += "@";
    for (size_t i = 0; i < v.refs.size(); ++i) out += (i > 0 ? "," : "") + v.refs[i];
  }
  return out;
}

template <class T>
std::string DumpList(const std::vector<model::Value<T>>& items) {
  std::string out = "[";
  for (size_t i = 0; i < items.size(); ++i) out += (i > 0 ? " " : "") + Dump(items[i]);
  return out + "]";
}

inline const char* SourceName(model::PolicySource s) {
  switch (s) {
    case model::PolicySource::kInline: return "inline";
    case model::PolicySource::kManaged: return "managed";
    case model::PolicySource::kCustomerManaged: return "customer";
    case model::PolicySource::kPolicyTemplate: return "template";
    case model::PolicySource::kConnector: return "connector";
    case model::PolicySource::kUnresolved: return "unresolved";
  }
  return "?";
}

// "Allow [a b] on [r1 r2]".
inline std::string DumpStatement(const model::Statement& s) {
  std::string out = Dump(s.effect) + " " + DumpList(s.actions);
  if (s.has_resource) out += " on " + DumpList(s.resources);
  if (s.has_principal) {
    out += " to [";
    for (size_t i = 0; i < s.principals.size(); ++i) {
      out += (i > 0 ? " " : "") + s.principals[i].kind + ":" + Dump(s.principals[i].id);
    }
    out += "]";
  }
  for (const model::Condition& c : s.conditions) out += " if " + c.op + ":" + c.key;
  return out;
}

// "name(source)" for each policy of a role.
inline std::string PolicyNames(const model::Role& r) {
  std::string out;
  for (const model::PolicyDocument& p : r.policies) {
    out += (out.empty() ? "" : " ") + p.name + "(" + SourceName(p.source) + ")";
  }
  return out;
}

inline const model::PolicyDocument* FindPolicy(const model::Role& r, std::string_view name) {
  for (const model::PolicyDocument& p : r.policies) {
    if (p.name == name) return &p;
  }
  return nullptr;
}

inline std::string DumpRoute(const model::Route& r) {
  std::string out = Dump(r.method) + " " + Dump(r.path) + " auth=" + Dump(r.authorization_type);
  if (!r.authorizer.absent()) out += " authorizer=" + Dump(r.authorizer);
  if (!r.api_key_required.absent()) out += " key=" + Dump(r.api_key_required);
  if (!r.function_id.empty()) out += " fn=" + r.function_id;
  return out;
}

inline std::string DumpTrigger(const model::Trigger& t) {
  std::string out = std::string(model::TriggerKindName(t.kind)) + " " + t.name + " src=" +
                    Dump(t.source);
  if (!t.on_failure_destination.absent()) out += " onfail=" + Dump(t.on_failure_destination);
  if (t.asynchronous) out += " async";
  return out;
}

inline std::string DumpPermission(const model::Permission& p) {
  std::string out = p.id + " " + Dump(p.action) + " " + Dump(p.principal) + " fn=" + p.function_id;
  if (!p.source_arn.absent()) out += " arn=" + Dump(p.source_arn);
  if (!p.source_account.absent()) out += " account=" + Dump(p.source_account);
  if (!p.function_url_auth_type.absent()) out += " urlauth=" + Dump(p.function_url_auth_type);
  return out;
}

}  // namespace fnwarden::load::sam::testing

#endif  // FNWARDEN_LOAD_SAM_SAM_TEST_UTIL_H_
