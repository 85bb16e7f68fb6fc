// Test helpers for the resource adapters: build a model from a YAML template
// and render its parts as compact one-line dumps.
#ifndef FNWARDEN_LOAD_CFN_RESOURCES_TEST_UTIL_H_
#define FNWARDEN_LOAD_CFN_RESOURCES_TEST_UTIL_H_

#include <cstdint>
#include <memory>
#include <string>
#include <type_traits>
#include <vector>

#include "load/cfn/template.h"
#include "load/link.h"
#include "load/syntax/node.h"
#include "model/model.h"
#include "util/diagnostic.h"
#include "util/source.h"

namespace fnwarden::load::cfn::testing {

struct Built {
  std::unique_ptr<util::SourceFile> file;
  std::unique_ptr<syntax::Document> doc;
  Template tmpl;
  util::DiagnosticSink diags;
  model::Model model;

  std::vector<std::string> Diags() const {
    std::vector<std::string> out;
    for (const util::Diagnostic& d : diags.Sorted()) out.push_back(util::RenderHeadline(d));
    return out;
  }
};

// ParseYaml + ReadTemplate + Evaluator + AdaptResources (on `jobs`) + Link.
inline std::unique_ptr<Built> Build(std::string yaml, std::string path = "t.yaml",
                                    unsigned jobs = 1) {
  auto out = std::make_unique<Built>();
  out->file = std::make_unique<util::SourceFile>(std::move(path), std::move(yaml));
  out->doc = syntax::ParseYaml(out->file.get(), syntax::ParseLimits{}, &out->diags);
  if (out->doc == nullptr || !ReadTemplate(*out->doc, &out->tmpl, &out->diags)) return out;
  Evaluator ev(out->tmpl, EvalOptions{}, &out->diags);
  AdaptResources(out->tmpl, ev, &out->diags, &out->model, jobs);
  Link(&out->model);
  return out;
}

// `-` absent, `"x"` literal, `~"x"` resolved, `?"display"` unknown;
// `(default)` for service defaults and `@A,B` for the logical IDs referenced.
template <class T>
std::string Dump(const model::Value<T>& v) {
  std::string out;
  std::string text;
  if constexpr (std::is_same_v<T, std::string>) {
    text = "\"" + v.value + "\"";
  } else if constexpr (std::is_same_v<T, bool>) {
    text = v.value ? "true" : "false";
  } else if constexpr (std::is_same_v<T, double>) {
    text = std::to_string(static_cast<int64_t>(v.value));
  } else {
    text = std::to_string(v.value);
  }
  switch (v.state) {
    case model::ValueState::kAbsent:
      return "-";
    case model::ValueState::kLiteral:
      out = text;
      break;
    case model::ValueState::kResolved:
      out = "~" + text;
      break;
    case model::ValueState::kUnknown:
      out = "?" + text;
      break;
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

inline std::string DumpIds(const std::vector<std::string>& ids) {
  std::string out = "[";
  for (size_t i = 0; i < ids.size(); ++i) out += (i > 0 ? " " : "") + ids[i];
  return out + "]";
}

inline std::string DumpPolicy(const model::PolicyDocument& p) {
  static const char* kSources[] = {"inline", "managed",   "customer",
                                   "sam",    "connector", "unresolved"};
  std::string out = p.name + ":" + kSources[static_cast<int>(p.source)];
  if (!p.known) out += ":unknown";
  // Catalog documents change with the pinned package: list actions only for
  // the documents written in the template.
  if (p.source == model::PolicySource::kManaged) return out;
  out += " {";
  for (size_t i = 0; i < p.statements.size(); ++i) {
    const model::Statement& s = p.statements[i];
    out += i > 0 ? "; " : "";
    out += s.effect.Is(model::Effect::kDeny) ? "Deny " : "Allow ";
    if (s.not_action) out += "not ";
    out += DumpList(s.actions);
    if (s.has_resource) out += " on " + DumpList(s.resources);
    for (const model::Principal& pr : s.principals) out += " to " + pr.kind + ":" + Dump(pr.id);
    for (const model::Condition& c : s.conditions) out += " if " + c.op + ":" + c.key;
  }
  return out + "}";
}

}  // namespace fnwarden::load::cfn::testing

#endif  // FNWARDEN_LOAD_CFN_RESOURCES_TEST_UTIL_H_
