// Val accessors and the conversions from evaluated CloudFormation values into
// model values, including IAM policy documents in every shape IAM accepts.
#include "load/cfn/val.h"

#include <charconv>
#include <cmath>
#include <cstdlib>
#include <optional>
#include <utility>

#include "util/strings.h"

namespace fnwarden::load::cfn {

namespace {

using model::ValueState;

// Copies state, position, trail, refs and flags of `v` into `out`.
template <class T>
void CopyMeta(const Val& v, model::Value<T>* out) {
  out->state = v.state;
  out->loc = v.loc;
  out->trail = v.trail();
  out->refs = v.refs();
  out->pieces = v.pieces();
  out->flags = v.flags;
}

template <class T>
model::Value<T> Absent(util::Loc at) {
  model::Value<T> out;
  out.state = ValueState::kAbsent;
  out.loc = at;
  return out;
}

template <class T>
model::Value<T> UnknownFrom(const Val& v) {
  model::Value<T> out;
  CopyMeta(v, &out);
  out.state = ValueState::kUnknown;
  return out;
}

bool IsMissing(const Val* v) {
  return v == nullptr || v->kind == Val::Kind::kNoValue || v->kind == Val::Kind::kNull;
}

// Adds every possible value of an undecided `v` to `out` through `convert`;
// false (and `out` unusable) when one of them is not a known value.
template <class T, class F>
bool CollectAlternatives(const Val& v, const F& convert, std::vector<T>* out, int depth = 0) {
  if (v.alternatives().empty() || depth > 8) return false;
  for (const Val& alt : v.alternatives()) {
    if (alt.kind == Val::Kind::kUnknown) {
      if (!CollectAlternatives(alt, convert, out, depth + 1)) return false;
      continue;
    }
    std::optional<T> x = convert(alt);
    if (!x) return false;
    out->push_back(std::move(*x));
  }
  return true;
}

// The conversion of one known scalar; nullopt when it has the wrong shape.
std::optional<std::string> ScalarText(const Val& v) {
  if (v.known_scalar()) return v.text;
  return std::nullopt;
}

std::optional<int64_t> ParseInt(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  if (!s.empty() && s.front() == '+') s.remove_prefix(1);
  if (s.empty()) return std::nullopt;
  int64_t x = 0;
  auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), x);
  if (ec == std::errc() && ptr == s.data() + s.size()) return x;
  // "30.0" is an integer too.
  std::string copy(s);
  char* end = nullptr;
  double d = std::strtod(copy.c_str(), &end);
  if (end != copy.c_str() + copy.size() || !std::isfinite(d) || d != std::floor(d) ||
      std::fabs(d) > 9.0e18) {
    return std::nullopt;
  }
  return static_cast<int64_t>(d);
}

std::optional<double> ParseDouble(std::string_view s) {
  std::string copy(s);
  if (copy.empty()) return std::nullopt;
  char* end = nullptr;
  double d = std::strtod(copy.c_str(), &end);
  if (end != copy.c_str() + copy.size() || !std::isfinite(d)) return std::nullopt;
  return d;
}

std::optional<int64_t> IntOf(const Val& v) {
  if (v.kind != Val::Kind::kNumber && v.kind != Val::Kind::kString) return std::nullopt;
  return ParseInt(v.text);
}

std::optional<double> DoubleOf(const Val& v) {
  if (v.kind != Val::Kind::kNumber && v.kind != Val::Kind::kString) return std::nullopt;
  return ParseDouble(v.text);
}

std::optional<bool> BoolOf(const Val& v) {
  if (v.kind == Val::Kind::kBool) return v.flag;
  if (v.kind == Val::Kind::kString) {
    if (v.text == "true" || v.text == "True" || v.text == "TRUE") return true;
    if (v.text == "false" || v.text == "False" || v.text == "FALSE") return false;
  }
  return std::nullopt;
}

// Shared shape of the scalar conversions.
template <class T, class F>
model::Value<T> Convert(const Val* v, util::Loc fallback, const F& convert) {
  if (IsMissing(v)) {
    return Absent<T>(v != nullptr && v->loc.known() ? v->loc : fallback);
  }
  if (v->kind == Val::Kind::kUnknown) {
    model::Value<T> out = UnknownFrom<T>(*v);
    std::vector<T> alternatives;
    if (CollectAlternatives<T>(*v, convert, &alternatives)) {
      out.alternatives = std::move(alternatives);
    }
    return out;
  }
  std::optional<T> x = convert(*v);
  if (!x) return UnknownFrom<T>(*v);
  model::Value<T> out;
  CopyMeta(*v, &out);
  out.value = std::move(*x);
  return out;
}

// ---------------------------------------------------------------- policies

// Principal values: "*", {AWS: ...}, {Service: ...}, {Federated: ...},
// {CanonicalUser: ...}; anything else unknown.
void ReadPrincipals(const Val& v, std::vector<model::Principal>* out) {
  if (v.kind == Val::Kind::kString && v.text == "*") {
    out->push_back({"*", ToString(&v)});
    return;
  }
  if (v.is_map()) {
    for (const Val::Field& kind : v.fields) {
      if (kind.value.is_novalue()) continue;
      for (model::String& id : ToStringList(&kind.value)) {
        out->push_back({kind.key, std::move(id)});
      }
    }
    return;
  }
  if (v.is_list()) {  // not valid IAM, but an If may produce it: read each item
    for (const Val& item : v.items) ReadPrincipals(item, out);
    return;
  }
  if (v.known_scalar()) {  // a bare account or ARN: IAM treats it as AWS
    out->push_back({"AWS", ToString(&v)});
    return;
  }
  // Unknown: the kind cannot be known either.
  model::Principal p;
  p.id = ToString(&v);
  out->push_back(std::move(p));
}

void ReadConditions(const Val& v, std::vector<model::Condition>* out) {
  if (!v.is_map()) {
    // An unresolved Condition block still restricts the statement: keep a
    // placeholder so that "no condition" checks stay quiet.
    model::Condition c;
    c.loc = v.loc;
    out->push_back(std::move(c));
    return;
  }
  for (const auto& [op, block, op_at] : v.fields) {
    if (block.is_novalue()) continue;
    if (!block.is_map()) {
      model::Condition c;
      c.op = op;
      c.loc = op_at;
      out->push_back(std::move(c));
      continue;
    }
    for (const auto& [key, values, key_at] : block.fields) {
      if (values.is_novalue()) continue;
      model::Condition c;
      c.op = op;
      c.key = key;
      c.loc = key_at;
      c.values = ToStringList(&values);
      out->push_back(std::move(c));
    }
  }
}

model::Statement ReadStatement(const Val& v) {
  model::Statement s;
  s.loc = v.loc;
  if (!v.is_map()) {
    s.known = false;
    return s;
  }
  s.sid = ToString(v.Get("Sid"), v.loc);
  const Val* effect = v.Get("Effect");
  model::String effect_text = ToString(effect, v.loc);
  if (effect_text.known() && (effect_text.value == "Allow" || effect_text.value == "Deny")) {
    s.effect = effect_text.With(effect_text.value == "Allow" ? model::Effect::kAllow
                                                             : model::Effect::kDeny);
  } else if (effect_text.absent()) {
    s.effect = model::Value<model::Effect>();
    s.effect.loc = effect_text.loc;
  } else {
    s.effect = effect_text.With(model::Effect::kAllow);
    s.effect.state = ValueState::kUnknown;
    for (const std::string& alt : effect_text.alternatives) {
      if (alt != "Allow" && alt != "Deny") {
        s.effect.alternatives.clear();
        break;
      }
      s.effect.alternatives.push_back(alt == "Allow" ? model::Effect::kAllow
                                                     : model::Effect::kDeny);
    }
  }
  if (const Val* a = v.Get("Action")) {
    s.actions = ToStringList(a);
  } else if (const Val* na = v.Get("NotAction")) {
    s.not_action = true;
    s.actions = ToStringList(na);
  }
  if (const Val* r = v.Get("Resource")) {
    s.has_resource = true;
    s.resources = ToStringList(r);
  } else if (const Val* nr = v.Get("NotResource")) {
    s.has_resource = true;
    s.not_resource = true;
    s.resources = ToStringList(nr);
  }
  if (const Val* p = v.Get("Principal")) {
    s.has_principal = true;
    ReadPrincipals(*p, &s.principals);
  } else if (const Val* np = v.Get("NotPrincipal")) {
    s.has_principal = true;
    s.not_principal = true;
    ReadPrincipals(*np, &s.principals);
  }
  if (const Val* c = v.Get("Condition")) ReadConditions(*c, &s.conditions);
  return s;
}

}  // namespace

const Val* Val::Get(std::string_view key) const {
  if (kind != Kind::kMap) return nullptr;
  const Val* found = nullptr;
  for (const Field& field : fields) {
    if (field.key == key) found = &field.value;  // the last duplicate wins, as in CloudFormation
  }
  if (found != nullptr && found->kind == Kind::kNoValue) return nullptr;
  return found;
}

util::Loc Val::KeyLoc(std::string_view key) const {
  if (kind != Kind::kMap) return loc;
  util::Loc found = loc;
  for (const Field& field : fields) {
    if (field.key == key) found = field.key_loc;
  }
  return found;
}

std::optional<model::Attribute> NeutralAttribute(std::string_view attr) {
  using model::Attribute;
  if (attr == "Arn" || attr == "TopicArn") return Attribute::kArn;
  if (attr == "StreamArn") return Attribute::kStreamArn;
  if (attr == "QueueUrl") return Attribute::kUrl;
  if (attr == "Name" || attr == "QueueName" || attr == "TopicName") return Attribute::kName;
  if (attr == "KeyId") return Attribute::kId;
  if (attr == "Id") return Attribute::kRef;  // a secret's: its ARN, as its Ref
  return std::nullopt;
}

std::map<std::string, model::String> StackParameters(const Val* parameters) {
  std::map<std::string, model::String> out;
  if (parameters == nullptr || !parameters->is_map()) return out;
  for (const Val::Field& f : parameters->fields) {
    if (f.value.is_novalue()) continue;
    if (f.value.is_list()) {
      model::String joined = ToString(&f.value, f.key_loc);
      std::vector<std::string> items;
      bool known = true;
      for (const Val& item : f.value.items) {
        known = known && item.known_scalar();
        items.push_back(item.text);
      }
      if (known) {
        joined = model::String::Literal(util::Join(items, ","), f.value.loc);
        joined.state = f.value.state;
      }
      out[f.key] = std::move(joined);
      continue;
    }
    out[f.key] = ToString(&f.value, f.key_loc);
  }
  return out;
}

std::optional<model::Piece::Kind> PseudoPiece(std::string_view name) {
  using Kind = model::Piece::Kind;
  if (name == "AWS::AccountId") return Kind::kAccount;
  if (name == "AWS::Region") return Kind::kRegion;
  if (name == "AWS::Partition") return Kind::kPartition;
  if (name == "AWS::URLSuffix") return Kind::kUrlSuffix;
  return std::nullopt;
}

std::vector<model::Piece> PiecesOfDisplay(std::string_view display) {
  using model::Piece;
  std::vector<Piece> out;
  size_t i = 0;
  while (i < display.size()) {
    size_t open = display.find("${", i);
    size_t close = open == std::string_view::npos ? open : display.find('}', open);
    if (close == std::string_view::npos) break;
    model::AppendPiece(&out, Piece::Text(std::string(display.substr(i, open - i))));
    std::string_view name = display.substr(open + 2, close - open - 2);
    i = close + 1;
    if (name.starts_with("AWS::")) {
      std::optional<Piece::Kind> kind = PseudoPiece(name);
      out.push_back(kind ? Piece::Deployment(*kind)
                         : Piece{Piece::Kind::kOpaque, model::Attribute::kRef,
                                 "${" + std::string(name) + "}"});
      continue;
    }
    size_t dot = name.find('.');
    if (dot == std::string_view::npos) {
      out.push_back(Piece::Of(std::string(name), model::Attribute::kRef));
    } else if (auto attr = NeutralAttribute(name.substr(dot + 1))) {
      out.push_back(Piece::Of(std::string(name.substr(0, dot)), *attr));
    } else {
      out.push_back({Piece::Kind::kOpaque, model::Attribute::kRef, "${" + std::string(name) + "}"});
    }
  }
  model::AppendPiece(&out, Piece::Text(std::string(display.substr(i))));
  return out;
}

model::String ToString(const Val* v, util::Loc fallback) {
  model::String out = Convert<std::string>(v, fallback, ScalarText);
  // An unknown string keeps its display form, for reports.
  if (out.unknown() && v != nullptr) out.value = v->text;
  return out;
}

model::Int ToInt(const Val* v, util::Loc fallback) { return Convert<int64_t>(v, fallback, IntOf); }

model::Bool ToBool(const Val* v, util::Loc fallback) { return Convert<bool>(v, fallback, BoolOf); }

model::Value<double> ToDouble(const Val* v, util::Loc fallback) {
  return Convert<double>(v, fallback, DoubleOf);
}

std::vector<model::String> ToStringList(const Val* v) {
  std::vector<model::String> out;
  if (IsMissing(v)) return out;
  if (v->is_list()) {
    out.reserve(v->items.size());
    for (const Val& item : v->items) {
      if (IsMissing(&item)) continue;
      out.push_back(ToString(&item));
    }
    return out;
  }
  out.push_back(ToString(v));
  return out;
}

model::PolicyDocument ToPolicyDocument(const Val* v, model::PolicySource source, std::string name,
                                       util::Loc loc) {
  model::PolicyDocument doc;
  doc.name = std::move(name);
  doc.source = source;
  doc.loc = loc;
  if (IsMissing(v) || !v->is_map()) {
    doc.known = false;
    return doc;
  }
  doc.version = ToString(v->Get("Version"), v->loc);
  const Val* statements = v->Get("Statement");
  if (statements == nullptr) return doc;
  if (statements->is_list()) {
    doc.statements.reserve(statements->items.size());
    for (const Val& item : statements->items) {
      if (IsMissing(&item)) continue;
      doc.statements.push_back(ReadStatement(item));
    }
  } else {
    doc.statements.push_back(ReadStatement(*statements));
  }
  return doc;
}

}  // namespace fnwarden::load::cfn
