#include "analysis/iam/policy.h"

#include "util/strings.h"

namespace fnwarden::analysis::iam {
namespace {

VariableMode VariablesOf(const model::PolicyDocument& doc) {
  if (doc.version.absent()) return VariableMode::kLiteral;
  if (!doc.version.known()) {
    const auto& alts = doc.version.alternatives;
    if (alts.empty()) return VariableMode::kUnknown;
    bool all_new = true, all_old = true;
    for (const std::string& a : alts) {
      all_new = all_new && a == "2012-10-17";
      all_old = all_old && a != "2012-10-17";
    }
    return all_new ? VariableMode::kSubstitute : all_old ? VariableMode::kLiteral
                                                         : VariableMode::kUnknown;
  }
  return doc.version.value == "2012-10-17" ? VariableMode::kSubstitute : VariableMode::kLiteral;
}

void SetArnStarts(CompiledEntry* e) {
  ArnParts parts = SplitArn(e->text);
  e->arn = parts.valid;
  if (!parts.valid) return;
  for (size_t i = 0; i < 6; ++i) {
    e->arn_start[i] = static_cast<uint16_t>(parts.part[i].data() - e->text.data());
  }
}

CompiledEntry LiteralEntry(std::string_view text, bool is_action, VariableMode vars) {
  CompiledEntry e;
  // Variables count only in an ARN's resource part (after the fifth colon):
  // elsewhere ${...} is literal text, as in IAM.
  if (!is_action && HasArnVariable(text) && vars != VariableMode::kLiteral) {
    e.state = vars == VariableMode::kSubstitute ? CompiledEntry::kVariable : CompiledEntry::kUnknown;
    e.text = std::string(text);
    return e;
  }
  // Copied once and lower-cased (actions) in place: this runs for every
  // entry of every policy compiled. A backslash, rare, is escaped after.
  e.text.assign(text);
  bool backslash = false;
  for (char& c : e.text) {
    if (c == '*' || c == '?') {
      e.wildcard = true;
    } else if (c == '\\') {
      backslash = true;
    } else if (is_action) {
      c = util::AsciiLower(c);
    }
  }
  if (backslash) e.text = EscapePattern(e.text);
  if (!is_action && e.text.size() < 0xffff) SetArnStarts(&e);
  return e;
}

CompiledEntry CompileEntry(const model::String& v, bool is_action, VariableMode vars) {
  if (v.known()) return LiteralEntry(v.value, is_action, vars);
  CompiledEntry e;
  e.state = CompiledEntry::kUnknown;
  if (v.unknown()) {
    for (const std::string& alt : v.alternatives) {
      e.alternatives.push_back(LiteralEntry(alt, is_action, vars));
    }
  }
  return e;
}

CompiledPrincipal CompilePrincipal(const model::Principal& p) {
  CompiledPrincipal out;
  out.known = p.id.known() && !p.kind.empty();
  out.id = p.id.value;
  if (p.kind == "*") {
    out.kind = CompiledPrincipal::kEveryone;
    out.known = true;
  } else if (p.kind == "AWS") {
    out.kind = out.known && out.id == "*" ? CompiledPrincipal::kEveryone : CompiledPrincipal::kAws;
  } else if (p.kind == "Service") {
    out.kind = CompiledPrincipal::kService;
  } else if (p.kind == "Federated") {
    out.kind = CompiledPrincipal::kFederated;
  } else if (p.kind == "CanonicalUser") {
    out.kind = CompiledPrincipal::kCanonicalUser;
  } else {
    out.kind = CompiledPrincipal::kUnknown;
    out.known = false;
  }
  return out;
}

CompiledStatement CompileStatement(const model::Statement& s, VariableMode vars) {
  CompiledStatement out;
  out.source = &s;
  out.known = s.known;
  if (s.effect.known()) {
    out.effect = s.effect.value == model::Effect::kAllow ? CompiledStatement::kAllow
                                                          : CompiledStatement::kDeny;
  } else if (s.effect.unknown() && !s.effect.alternatives.empty()) {
    model::Effect first = s.effect.alternatives.front();
    bool same = true;
    for (model::Effect e : s.effect.alternatives) same = same && e == first;
    if (same) {
      out.effect = first == model::Effect::kAllow ? CompiledStatement::kAllow
                                                  : CompiledStatement::kDeny;
    }
  }
  out.not_action = s.not_action;
  out.actions.reserve(s.actions.size());
  out.resources.reserve(s.resources.size());
  out.principals.reserve(s.principals.size());
  out.conditions.reserve(s.conditions.size());
  for (const model::String& a : s.actions) out.actions.push_back(CompileEntry(a, true, vars));
  out.has_resource = s.has_resource;
  out.not_resource = s.not_resource;
  for (const model::String& r : s.resources) out.resources.push_back(CompileEntry(r, false, vars));
  out.has_principal = s.has_principal;
  out.not_principal = s.not_principal;
  for (const model::Principal& p : s.principals) out.principals.push_back(CompilePrincipal(p));
  for (const model::Condition& c : s.conditions) {
    out.conditions.push_back(CompileCondition(c, vars));
  }
  return out;
}

}  // namespace

ArnParts EntryArnParts(const CompiledEntry& e) {
  ArnParts parts;
  if (!e.arn) return parts;
  std::string_view t = e.text;
  for (size_t i = 0; i < 5; ++i) {
    parts.part[i] = t.substr(e.arn_start[i], e.arn_start[i + 1] - 1 - e.arn_start[i]);
  }
  parts.part[5] = t.substr(e.arn_start[5]);
  parts.valid = true;
  return parts;
}

CompiledPolicy Compile(const model::PolicyDocument& doc, PolicyKind kind) {
  CompiledPolicy out;
  out.source = &doc;
  out.kind = kind;
  out.known = doc.known;
  out.variables = VariablesOf(doc);
  out.statements.reserve(doc.statements.size());
  for (const model::Statement& s : doc.statements) {
    out.statements.push_back(CompileStatement(s, out.variables));
  }
  return out;
}

}  // namespace fnwarden::analysis::iam
