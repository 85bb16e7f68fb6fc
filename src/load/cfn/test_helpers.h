// Test helpers for the CloudFormation evaluator: load a YAML template from a
// string and dump evaluated values compactly.
#ifndef FNWARDEN_LOAD_CFN_TEST_HELPERS_H_
#define FNWARDEN_LOAD_CFN_TEST_HELPERS_H_

#include <memory>
#include <string>
#include <vector>

#include "load/cfn/template.h"
#include "load/cfn/val.h"
#include "load/syntax/node.h"
#include "util/diagnostic.h"
#include "util/source.h"

namespace fnwarden::load::cfn::testing {

// A parsed template with its evaluator. Diagnostics of parsing, reading and
// evaluation all go to `diags`.
struct Loaded {
  std::unique_ptr<util::SourceFile> file;
  std::unique_ptr<syntax::Document> doc;
  Template tmpl;
  bool is_template = false;
  util::DiagnosticSink diags;
  std::unique_ptr<Evaluator> ev;

  // Evaluates Resources.<id>.Properties.<prop>.
  Val EvalProperty(std::string_view id, std::string_view prop) {
    const ResourceDecl* r = tmpl.FindResource(id);
    const syntax::Node* props = r != nullptr ? r->properties : nullptr;
    return ev->Eval(props != nullptr ? props->Get(prop) : nullptr);
  }
  // "t.yaml:3:5: error: message" for every diagnostic, sorted.
  std::vector<std::string> Diags() const {
    std::vector<std::string> out;
    for (const util::Diagnostic& d : diags.Sorted()) out.push_back(util::RenderHeadline(d));
    return out;
  }
};

inline std::unique_ptr<Loaded> Load(std::string yaml, EvalOptions options = {}) {
  auto out = std::make_unique<Loaded>();
  out->file = std::make_unique<util::SourceFile>("t.yaml", std::move(yaml));
  out->doc = syntax::ParseYaml(out->file.get(), syntax::ParseLimits{}, &out->diags);
  if (out->doc != nullptr) out->is_template = ReadTemplate(*out->doc, &out->tmpl, &out->diags);
  out->ev = std::make_unique<Evaluator>(out->tmpl, std::move(options), &out->diags);
  return out;
}

// Compact rendering: `"text"` strings, `3` numbers, `true`, `null`,
// `NoValue`, `[..]`, `{K: ..}`; `~` before a resolved value, `?(text ...)`
// for an unknown one with ` refs=[..]` and ` alts=[..]`; flags as
// ` #param`, ` #noecho`, ` #dynref`.
inline std::string DumpVal(const Val& v) {
  std::string out;
  if (v.state == model::ValueState::kResolved) out += "~";
  auto join = [](const std::vector<Val>& items) {
    std::string s;
    for (size_t i = 0; i < items.size(); ++i) s += (i > 0 ? ", " : "") + DumpVal(items[i]);
    return s;
  };
  switch (v.kind) {
    case Val::Kind::kNull:
      out += "null";
      break;
    case Val::Kind::kNoValue:
      out += "NoValue";
      break;
    case Val::Kind::kBool:
    case Val::Kind::kNumber:
      out += v.text;
      break;
    case Val::Kind::kString:
      out += "\"" + v.text + "\"";
      break;
    case Val::Kind::kList:
      out += "[" + join(v.items) + "]";
      break;
    case Val::Kind::kMap:
      out += "{";
      for (size_t i = 0; i < v.fields.size(); ++i) {
        out += (i > 0 ? ", " : "") + v.fields[i].key + ": " + DumpVal(v.fields[i].value);
      }
      out += "}";
      break;
    case Val::Kind::kUnknown: {
      out += "?(\"" + v.text + "\"";
      if (!v.refs().empty()) {
        out += " refs=[";
        for (size_t i = 0; i < v.refs().size(); ++i) out += (i > 0 ? "," : "") + v.refs()[i];
        out += "]";
      }
      if (!v.alternatives().empty()) out += " alts=[" + join(v.alternatives()) + "]";
      out += ")";
      break;
    }
  }
  if (v.flags & model::kFromParameter) out += " #param";
  if (v.flags & model::kFromNoEchoParameter) out += " #noecho";
  if (v.flags & model::kDynamicReference) out += " #dynref";
  return out;
}

}  // namespace fnwarden::load::cfn::testing

#endif  // FNWARDEN_LOAD_CFN_TEST_HELPERS_H_
