// The evaluator's dispatch: literals, maps and lists, the long (`Fn::X:`) and
// short (`!X`) forms of intrinsic functions, Ref, Fn::GetAtt, parameters and
// pseudo parameters.
#include <algorithm>
#include <utility>

#include "load/cfn/evaluator_internal.h"
#include "load/cfn/template.h"
#include "load/syntax/synthetic.h"
#include "util/strings.h"
#include "util/thread_pool.h"

namespace fnwarden::load::cfn {

namespace {

using syntax::Node;

bool StartsWith(std::string_view s, std::string_view p) { return s.substr(0, p.size()) == p; }
bool EndsWith(std::string_view s, std::string_view p) {
  return s.size() >= p.size() && s.substr(s.size() - p.size()) == p;
}

// The SAM transform names what it generates after the source resource:
// "<Fn>Role", "<Fn>Alias<Name>", "<Fn>Version<hash>", "<Fn>.Alias".
bool HasGeneratedSuffix(std::string_view id) {
  return EndsWith(id, "Role") || id.find("Alias") != std::string_view::npos ||
         id.find("Version") != std::string_view::npos;
}

constexpr std::string_view kPseudo[] = {
    "AWS::AccountId", "AWS::NotificationARNs", "AWS::Partition", "AWS::Region",
    "AWS::StackId",   "AWS::StackName",        "AWS::URLSuffix",
};

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

// The short forms templates use most, looked up before the general rule
// below builds the name.
constexpr std::pair<std::string_view, std::string_view> kCommonShortForms[] = {
    {"!Ref", "Ref"},         {"!Sub", "Fn::Sub"},       {"!GetAtt", "Fn::GetAtt"},
    {"!Join", "Fn::Join"},   {"!If", "Fn::If"},         {"!Select", "Fn::Select"},
    {"!Split", "Fn::Split"}, {"!Equals", "Fn::Equals"}, {"!FindInMap", "Fn::FindInMap"},
};

}  // namespace

// ---------------------------------------------------------------- shared helpers

std::string FunctionOfTag(std::string_view tag) {
  for (const auto& [short_form, fn] : kCommonShortForms) {
    if (tag == short_form) return std::string(fn);
  }
  if (tag.empty() || StartsWith(tag, "!!") || StartsWith(tag, "tag:") || tag == "!") return "";
  std::string_view name = tag.substr(1);
  if (name == "Ref" || name == "Condition") return std::string(name);
  return "Fn::" + std::string(name);
}

bool CallOf(const Node* n, bool strip_tag, std::string* fn, Arg* arg) {
  if (n == nullptr) return false;
  if (!strip_tag && !n->tag.empty()) {
    *fn = FunctionOfTag(n->tag);
    if (!fn->empty()) {
      *arg = Arg{n, true};
      return true;
    }
  }
  if (n->is_map() && n->entries.size() == 1) {
    std::string_view key = n->entries[0].key->scalar;
    const Node* value = n->entries[0].value;
    if (key == "Ref" || StartsWith(key, "Fn::") ||
        (key == "Condition" && value != nullptr && value->is_scalar())) {
      *fn = std::string(key);
      *arg = Arg{value, false};
      return true;
    }
  }
  return false;
}

Val UnknownVal(std::string text, util::Loc loc) {
  Val v;
  v.kind = Val::Kind::kUnknown;
  v.state = model::ValueState::kUnknown;
  v.text = std::move(text);
  v.loc = loc;
  return v;
}

void AddRef(std::vector<std::string>* refs, std::string_view id) {
  if (std::find(refs->begin(), refs->end(), id) == refs->end()) refs->emplace_back(id);
}

void AddTrail(std::vector<std::string>* trail, std::string entry) {
  if (trail->size() < kMaxTrailEntries &&
      std::find(trail->begin(), trail->end(), entry) == trail->end()) {
    trail->push_back(std::move(entry));
  }
}

void MergeMeta(const Val& from, Val* into) {
  for (const std::string& r : from.refs()) AddRef(into->mutable_refs(), r);
  for (const std::string& t : from.trail()) AddTrail(into->mutable_trail(), t);
  into->flags |= from.flags;
}

bool HasDynamicReference(std::string_view s) {
  size_t at = s.find("{{resolve:");
  while (at != std::string_view::npos) {
    std::string_view rest = s.substr(at + 10);
    if (StartsWith(rest, "ssm:") || StartsWith(rest, "ssm-secure:") ||
        StartsWith(rest, "secretsmanager:")) {
      return true;
    }
    at = s.find("{{resolve:", at + 10);
  }
  return false;
}

std::string_view Display(const Val& v) {
  switch (v.kind) {
    case Val::Kind::kString:
    case Val::Kind::kNumber:
    case Val::Kind::kBool:
      return v.text;
    case Val::Kind::kUnknown:
      if (v.text.empty()) return "${?}";
      return v.text;
    case Val::Kind::kNull:
    case Val::Kind::kNoValue:
      return "";
    case Val::Kind::kList:
      return "[list]";
    case Val::Kind::kMap:
      return "{map}";
  }
  return "";
}

std::string Shown(const Val& v) {
  std::string_view shown = Display(v);
  if (shown.size() > kMaxShownBytes) return std::string(shown.substr(0, kMaxShownBytes)) + "...";
  return std::string(shown);
}

CachedVal::CachedVal(Val v) : value(std::move(v)) {
  // A fixed amount per value stands for its own size and allocations.
  constexpr size_t kPerValue = 160;
  std::vector<std::pair<const Val*, int>> stack = {{&value, 1}};
  while (!stack.empty()) {
    auto [at, level] = stack.back();
    stack.pop_back();
    depth = std::max(depth, level);
    bytes += kPerValue + at->text.size();
    for (const std::string& t : at->trail()) bytes += t.size();
    for (const std::string& r : at->refs()) bytes += r.size();
    for (const Val& item : at->items) stack.push_back({&item, level + 1});
    for (const Val::Field& field : at->fields) {
      bytes += field.key.size();
      stack.push_back({&field.value, level + 1});
    }
    for (const Val& alt : at->alternatives()) stack.push_back({&alt, level + 1});
  }
}

// ---------------------------------------------------------------- Impl

Evaluator::Impl::Impl(const Template& t, EvalOptions opts, util::DiagnosticSink* sink)
    : tmpl(t), options(std::move(opts)), diags(sink) {
  for (const ParameterDecl& p : t.parameters) params[p.name] = &p;
  for (const ResourceDecl& r : t.resources) {
    known->resources.insert(r.id);
    if (StartsWith(r.type, "AWS::Serverless::")) known->sam_prefixes.insert(r.id);
  }
  if (t.is_sam()) {
    for (const char* api : {"ServerlessRestApi", "ServerlessHttpApi"}) {
      known->sam_prefixes.insert(api);
      known->implicit.insert(api);
    }
  }
  for (std::string_view prefix : known->sam_prefixes) {
    std::vector<size_t>& lengths = known->sam_prefix_lengths;
    if (std::find(lengths.begin(), lengths.end(), prefix.size()) == lengths.end()) {
      lengths.push_back(prefix.size());
    }
  }
  // A file with neither the version line nor a transform may be a fragment
  // of a larger template (Serverless Framework `resources:` files).
  if (!t.has_format_version && t.transforms.empty()) lenient_refs = true;
  if (t.doc != nullptr && t.doc->root() != nullptr) {
    const Node* all = t.doc->root()->Get("Resources");
    if (all != nullptr && all->is_map()) {
      for (const syntax::MapEntry& e : all->entries) {
        known->resources.insert(e.key->scalar);
        if (StartsWith(e.key->scalar, "Fn::ForEach")) lenient_refs = true;
      }
    }
  }
  for (const std::string& tr : t.transforms) {
    if (!StartsWith(tr, "AWS::Serverless") && tr != "AWS::LanguageExtensions") {
      lenient_refs = true;  // AWS::Include or a macro may add resources
    }
  }
  PlanConditions();
}

void Evaluator::Impl::Error(util::Loc loc, std::string message) {
  if (speculative) {
    impure = true;
    return;
  }
  if (diags == nullptr) return;
  if (!reported.emplace(loc.file, loc.line, loc.col, message).second) return;
  diags->Error(loc, std::move(message));
}

bool Evaluator::Impl::IsKnownResource(std::string_view id) const {
  if (known->resources.count(id) != 0) return true;
  if (known->implicit.contains(id)) return true;
  for (size_t length : known->sam_prefix_lengths) {
    if (id.size() > length && known->sam_prefixes.count(id.substr(0, length)) != 0) return true;
  }
  return lenient_refs || HasGeneratedSuffix(id);
}

const Node* Evaluator::Impl::KeyOf(const Node* map, std::string_view key) {
  constexpr size_t kScanned = 16;  // smaller maps are scanned
  if (map == nullptr || !map->is_map() || map->entries.size() <= kScanned) {
    return map != nullptr ? map->Get(key) : nullptr;
  }
  auto [it, added] = key_index.try_emplace(map);
  if (added) {
    for (const syntax::MapEntry& e : map->entries) it->second[e.key->scalar] = e.value;
  }
  auto found = it->second.find(key);
  return found == it->second.end() ? nullptr : found->second;
}

Val Evaluator::Impl::Eval(const Node* n) { return EvalNode(n, false); }

Val Evaluator::Impl::EvalNode(const Node* n, bool strip_tag) {
  Val out;
  EvalInto(n, strip_tag, &out);
  return out;
}

bool Evaluator::Impl::TooDeep(util::Loc loc) {
  if (depth < kMaxEvalDepth) return false;
  impure = impure || speculative;
  ReportTooDeep(loc);
  return true;
}

void Evaluator::Impl::ReportTooDeep(util::Loc loc) {
  if (depth_reported) return;
  depth_reported = true;
  Error(loc, "intrinsic functions are nested too deeply (more than " +
                 std::to_string(kMaxEvalDepth) + " levels): the value here stays unknown");
}

bool Evaluator::Impl::MayCopy(const CachedVal& cached, util::Loc loc, std::string_view what) {
  if (depth + cached.depth > kMaxEvalDepth) {
    impure = impure || speculative;
    ReportTooDeep(loc);
    return false;
  }
  if (copied_bytes + cached.bytes > kMaxCopiedBytes) {
    impure = impure || speculative;
    if (!copies_reported) {
      copies_reported = true;
      Error(loc, std::string(what) + ": copies of parameter and mapping values hold more than " +
                     std::to_string(kMaxCopiedBytes >> 20) +
                     " MB in this template; this and later references stay unknown");
    }
    return false;
  }
  copied_bytes += cached.bytes;
  return true;
}

void Evaluator::Impl::EvalInto(const Node* n, bool strip_tag, Val* out) {
  if (n == nullptr) return;
  if (TooDeep(n->loc)) {
    *out = UnknownVal("${?}", n->loc);
    return;
  }
  DepthGuard guard(&depth);
  // A value a frontend could not know (syntax::NodeArena::Unknown).
  if (n->tag == syntax::kUnknownTag) {
    *out = UnknownVal(std::string(n->scalar), n->loc);
    return;
  }

  std::string fn;
  Arg arg;
  if (CallOf(n, strip_tag, &fn, &arg)) {
    *out = Intrinsic(fn, arg, n->loc);
    return;
  }
  EvalPlainInto(n, out);
}

// Maps and lists evaluate their children straight into their own fields and
// items: templates are mostly plain values, and each Val moved into its
// parent would cost a move and a destruction at every level.
void Evaluator::Impl::EvalPlainInto(const Node* n, Val* out) {
  out->loc = n->loc;
  switch (n->kind) {
    case syntax::NodeKind::kNull:
      break;
    case syntax::NodeKind::kScalar: {
      out->text = std::string(n->scalar);
      syntax::ScalarType type = n->Type();
      if (n->tag == "!!str") type = syntax::ScalarType::kString;
      switch (type) {
        case syntax::ScalarType::kString:
          out->kind = Val::Kind::kString;
          if (HasDynamicReference(out->text)) out->flags |= model::kDynamicReference;
          break;
        case syntax::ScalarType::kBool: {
          out->kind = Val::Kind::kBool;
          char c = n->scalar.empty() ? 'f' : n->scalar[0];
          out->flag = c == 't' || c == 'T' || c == 'y' || c == 'Y' || n->scalar == "on" ||
                      n->scalar == "On" || n->scalar == "ON";
          out->text = out->flag ? "true" : "false";
          break;
        }
        case syntax::ScalarType::kInt:
        case syntax::ScalarType::kFloat:
          out->kind = Val::Kind::kNumber;
          break;
        case syntax::ScalarType::kNull:
          out->text.clear();
          break;
      }
      break;
    }
    case syntax::NodeKind::kMap: {
      out->kind = Val::Kind::kMap;
      out->fields.reserve(n->entries.size());
      for (const syntax::MapEntry& e : n->entries) {
        Val::Field& field = out->fields.emplace_back(e.key->scalar, e.key->loc);
        EvalInto(e.value, false, &field.value);
        if (field.value.is_novalue()) {
          out->fields.pop_back();
          continue;
        }
        if (field.value.state == model::ValueState::kResolved) {
          out->state = model::ValueState::kResolved;
        }
      }
      break;
    }
    case syntax::NodeKind::kSeq: {
      out->kind = Val::Kind::kList;
      out->items.reserve(n->items.size());
      for (const Node* item : n->items) {
        Val& v = out->items.emplace_back();
        EvalInto(item, false, &v);
        if (v.is_novalue()) {
          out->items.pop_back();
          continue;
        }
        if (v.state == model::ValueState::kResolved) out->state = model::ValueState::kResolved;
      }
      break;
    }
  }
}

Val Evaluator::Impl::Intrinsic(std::string_view fn, Arg arg, util::Loc loc) {
  const Node* a = arg.node;
  if (fn == "Ref") {
    if (a != nullptr && a->is_scalar()) return RefName(a->scalar, loc, "Ref");
    Val name = EvalArg(arg);
    if (name.is_string()) return RefName(name.text, loc, "Ref");
    if (name.is_unknown()) {
      Val out = UnknownVal("${" + Shown(name) + "}", loc);
      MergeMeta(name, &out);
      return out;
    }
    Error(loc, "Ref needs the name of a parameter or resource");
    return UnknownVal("${?}", loc);
  }
  if (fn == "Fn::GetAtt") {
    if (a != nullptr && a->is_scalar()) {
      std::string_view s = a->scalar;
      size_t dot = s.find('.');
      if (dot == std::string_view::npos) {
        Error(loc, "Fn::GetAtt needs \"Resource.Attribute\" or [Resource, Attribute]");
        return UnknownVal("${" + std::string(s) + "}", loc);
      }
      Val attr;
      attr.kind = Val::Kind::kString;
      attr.text = std::string(s.substr(dot + 1));
      return GetAtt(s.substr(0, dot), std::move(attr), loc);
    }
    if (a != nullptr && a->is_seq() && a->items.size() == 2 && a->items[0]->is_scalar()) {
      return GetAtt(a->items[0]->scalar, Eval(a->items[1]), loc);
    }
    Error(loc, "Fn::GetAtt needs \"Resource.Attribute\" or [Resource, Attribute]");
    return UnknownVal("${?}", loc);
  }
  if (fn == "Fn::Sub") return Sub(arg, loc);
  if (fn == "Fn::Join") return Join(arg, loc);
  if (fn == "Fn::If") return If(arg, loc);
  if (fn == "Fn::Select") return Select(arg, loc);
  if (fn == "Fn::Split") return Split(arg, loc);
  if (fn == "Fn::FindInMap") return FindInMap(arg, loc);
  if (fn == "Fn::Equals" || fn == "Fn::And" || fn == "Fn::Or" || fn == "Fn::Not" ||
      fn == "Condition") {
    return BoolFn(fn, arg, loc);
  }
  if (fn == "Fn::Base64") {
    // The value is kept as the text before encoding: that is what rules
    // look for secrets and commands in.
    Val v = EvalArg(arg);
    if (v.known_scalar()) {
      AddTrail(v.mutable_trail(), "Fn::Base64 (shown before encoding)");
      v.kind = Val::Kind::kString;
      return v;
    }
    return Opaque("!Base64", arg, loc, Val::Kind::kString);
  }
  if (fn == "Fn::GetAZs") return Opaque("!GetAZs", arg, loc, Val::Kind::kList);
  if (fn == "Fn::ImportValue") return Opaque("!ImportValue", arg, loc, Val::Kind::kString);
  if (fn == "Fn::Cidr") return Opaque("!Cidr", arg, loc, Val::Kind::kList);
  if (fn == "Fn::Transform") return Opaque("!Transform", arg, loc, Val::Kind::kMap);
  if (fn == "Fn::Length") return Length(arg, loc);
  if (fn == "Fn::ToJsonString") return ToJsonString(arg, loc);
  if (StartsWith(fn, "Fn::ForEach") || fn == "Fn::GetParam") {
    return UnknownVal(std::string(fn), loc);
  }
  Error(loc, "unknown intrinsic function " + std::string(fn));
  return UnknownVal(std::string(fn), loc);
}

Val Evaluator::Impl::RefName(std::string_view raw, util::Loc loc, std::string_view context) {
  std::string_view name = Trim(raw);
  if (name == "AWS::NoValue") {
    Val v;
    v.kind = Val::Kind::kNoValue;
    v.loc = loc;
    return v;
  }
  if (StartsWith(name, "AWS::")) return Pseudo(name, loc);
  if (auto p = params.find(name); p != params.end()) {
    const CachedVal& cached = Parameter(*p->second);
    if (!MayCopy(cached, loc, context)) {
      Val v = UnknownVal("${" + std::string(name) + "}", loc);
      v.flags = cached.value.flags;
      return v;
    }
    Val v = cached.value;
    v.loc = loc;
    return v;
  }
  Val v = UnknownVal("${" + std::string(name) + "}", loc);
  AddRef(v.mutable_refs(), name);
  v.mutable_pieces()->push_back(model::Piece::Of(std::string(name), model::Attribute::kRef));
  if (!IsKnownResource(name)) {
    if (context == "Ref") {
      Error(loc, "Ref to undeclared parameter or resource '" + std::string(name) + "'");
    } else {
      Error(loc, std::string(context) + " refers to undeclared parameter or resource '" +
                     std::string(name) + "'");
    }
  }
  return v;
}

Val Evaluator::Impl::GetAtt(std::string_view resource, Val attribute, util::Loc loc) {
  std::string attr = Shown(attribute);
  if (options.stack_outputs != nullptr && attr.starts_with("Outputs.")) {
    if (auto s = options.stack_outputs->find(std::string(resource));
        s != options.stack_outputs->end()) {
      if (auto o = s->second.find(attr.substr(8)); o != s->second.end()) {
        return StackOutput(resource, o->second, std::string(resource) + "." + attr, loc);
      }
    }
  }
  Val v = UnknownVal("${" + std::string(resource) + "." + attr + "}", loc);
  AddRef(v.mutable_refs(), resource);
  if (std::optional<model::Attribute> neutral = NeutralAttribute(attr)) {
    v.mutable_pieces()->push_back(model::Piece::Of(std::string(resource), *neutral));
  }
  if (!attribute.known_scalar()) MergeMeta(attribute, &v);
  if (params.count(resource) != 0) {
    Error(loc, "Fn::GetAtt needs a resource, but '" + std::string(resource) + "' is a parameter");
  } else if (!IsKnownResource(resource)) {
    Error(loc, "Fn::GetAtt to undeclared resource '" + std::string(resource) + "'");
  }
  return v;
}

Val Evaluator::Impl::StackOutput(std::string_view stack, const model::String& output,
                                 std::string_view shown, util::Loc loc) {
  Val v;
  v.loc = loc;
  v.flags = output.flags;
  *v.mutable_refs() = output.refs;
  AddRef(v.mutable_refs(), stack);
  if (output.known()) {
    v.kind = Val::Kind::kString;
    v.state = model::ValueState::kResolved;
    v.text = output.value;
  } else {
    // Unknown in the nested template too: its references to that template's
    // resources and its pieces carry over.
    v.kind = Val::Kind::kUnknown;
    v.state = model::ValueState::kUnknown;
    v.text = output.value.empty() ? "${" + std::string(shown) + "}" : output.value;
    *v.mutable_pieces() = output.pieces;
  }
  std::string text = v.text;
  if (text.size() > kMaxShownBytes) text = text.substr(0, kMaxShownBytes) + "...";
  v.mutable_trail()->push_back(std::string(shown) + " = " + text +
                               " (an output of the nested stack)");
  return v;
}

Val Evaluator::Impl::Pseudo(std::string_view name, util::Loc loc) {
  if (std::find(std::begin(kPseudo), std::end(kPseudo), name) == std::end(kPseudo)) {
    Error(loc, "unknown pseudo parameter " + std::string(name));
    return UnknownVal("${" + std::string(name) + "}", loc);
  }
  if (auto o = options.parameters.find(std::string(name)); o != options.parameters.end()) {
    Val v;
    v.loc = loc;
    v.state = model::ValueState::kResolved;
    v.flags = model::kFromParameter;
    if (name == "AWS::AccountId") v.flags |= model::kFromOwnAccount;
    v.mutable_trail()->push_back("pseudo parameter " + std::string(name) + " = \"" + o->second +
                                 "\" (--param)");
    if (name == "AWS::NotificationARNs") {
      v.kind = Val::Kind::kList;
      for (std::string_view item : util::Split(o->second, ',')) {
        Val s;
        s.kind = Val::Kind::kString;
        s.state = model::ValueState::kResolved;
        s.text = std::string(Trim(item));
        s.loc = loc;
        v.items.push_back(std::move(s));
      }
    } else {
      v.kind = Val::Kind::kString;
      v.text = o->second;
    }
    return v;
  }
  Val v = UnknownVal("${" + std::string(name) + "}", loc);
  if (std::optional<model::Piece::Kind> kind = PseudoPiece(name)) {
    v.mutable_pieces()->push_back(model::Piece::Deployment(*kind));
    if (*kind == model::Piece::Kind::kAccount) v.flags |= model::kFromOwnAccount;
  }
  return v;
}

const CachedVal& Evaluator::Impl::Parameter(const ParameterDecl& p) {
  if (auto c = param_cache.find(p.name); c != param_cache.end()) return c->second;
  Val v;
  v.loc = p.loc;
  v.flags = model::kFromParameter;
  if (p.no_echo) v.flags |= model::kFromNoEchoParameter;

  std::optional<std::string> text;
  std::string origin;
  const model::String* passed = nullptr;
  if (options.inputs != nullptr) {
    if (auto in = options.inputs->find(p.name); in != options.inputs->end()) passed = &in->second;
  }
  if (passed != nullptr && !passed->known()) {
    // What the parent stack passes, unknown here: its references to the
    // parent's resources and its pieces carry over.
    v.kind = Val::Kind::kUnknown;
    v.state = model::ValueState::kUnknown;
    v.text = passed->value.empty() ? "${" + p.name + "}" : passed->value;
    v.flags |= passed->flags;
    *v.mutable_refs() = passed->refs;
    *v.mutable_pieces() = passed->pieces;
    v.mutable_trail()->push_back("parameter " + p.name + " = " + v.text + " (passed by the parent stack)");
    return param_cache.emplace(p.name, CachedVal(std::move(v))).first->second;
  }
  if (passed != nullptr) {
    text = passed->value;
    origin = "passed by the parent stack";
    v.flags |= passed->flags;
  } else if (auto o = options.parameters.find(p.name); o != options.parameters.end()) {
    text = o->second;
    origin = "--param";
  } else if (const Node* d = p.default_value; d != nullptr) {
    if (d->is_scalar()) {
      text = std::string(d->scalar);
    } else if (d->is_seq()) {  // not valid CloudFormation, but unambiguous
      std::vector<std::string> parts;
      for (const Node* item : d->items) parts.emplace_back(item->scalar);
      text = util::Join(parts, ",");
    }
    origin = "default";
  }
  const bool is_list = p.type == "CommaDelimitedList" || StartsWith(p.type, "List<");
  const bool is_ssm = StartsWith(p.type, "AWS::SSM::Parameter::Value<");
  // Trails are copied with every reference: they quote a long value's start.
  std::string shown = p.no_echo ? "****" : (text ? *text : "");
  if (shown.size() > kMaxShownBytes) shown = shown.substr(0, kMaxShownBytes) + "...";

  if (!text || is_ssm) {
    v.kind = Val::Kind::kUnknown;
    v.state = model::ValueState::kUnknown;
    v.text = "${" + p.name + "}";
    if (is_ssm && text) {
      v.mutable_trail()->push_back("parameter " + p.name + " = value of SSM parameter \"" + shown +
                                   "\" (" + origin + ")");
    } else if (!is_list) {
      for (const std::string& allowed : p.allowed_values) {
        Val alt;
        alt.kind = Val::Kind::kString;
        alt.state = model::ValueState::kResolved;
        alt.text = allowed;
        alt.loc = p.loc;
        alt.flags = v.flags;
        v.mutable_alternatives()->push_back(std::move(alt));
      }
    }
    return param_cache.emplace(p.name, CachedVal(std::move(v))).first->second;
  }

  v.state = model::ValueState::kResolved;
  if (HasDynamicReference(*text)) v.flags |= model::kDynamicReference;
  v.mutable_trail()->push_back("parameter " + p.name + " = \"" + shown + "\" (" + origin +
                               (p.no_echo ? ", NoEcho" : "") + ")");
  auto check_allowed = [&](const std::string& value) {
    if (p.allowed_values.empty() || std::find(p.allowed_values.begin(), p.allowed_values.end(),
                                              value) != p.allowed_values.end()) {
      return;
    }
    Error(p.loc, "parameter '" + p.name + "' value \"" + (p.no_echo ? "****" : value) +
                     "\" is not one of its AllowedValues");
  };
  if (is_list) {
    v.kind = Val::Kind::kList;
    if (!text->empty()) {
      for (std::string_view item : util::Split(*text, ',')) {
        Val s;
        s.kind = Val::Kind::kString;
        s.state = model::ValueState::kResolved;
        s.text = std::string(Trim(item));
        s.loc = p.loc;
        s.flags = v.flags;
        *s.mutable_trail() = v.trail();
        check_allowed(s.text);
        v.items.push_back(std::move(s));
      }
    }
  } else {
    v.kind = p.type == "Number" ? Val::Kind::kNumber : Val::Kind::kString;
    v.text = *text;
    check_allowed(v.text);
  }
  return param_cache.emplace(p.name, CachedVal(std::move(v))).first->second;
}

// ---------------------------------------------------------------- Evaluator

Evaluator::Evaluator(const Template& t, EvalOptions options, util::DiagnosticSink* diags)
    : impl_(std::make_shared<Impl>(t, std::move(options), diags)) {}

Val Evaluator::Eval(const syntax::Node* node) { return impl_->Eval(node); }

std::optional<bool> Evaluator::Condition(std::string_view name) {
  return impl_->Condition(name, util::Loc{}, nullptr);
}

void Evaluator::AddImplicitResource(std::string id) {
  impl_->known->implicit.insert(std::move(id));
}

void Evaluator::Impl::Absorb(Impl&& copy) {
  for (auto& [name, v] : copy.param_cache) param_cache.try_emplace(name, std::move(v));
  for (auto& [name, r] : copy.cond_cache) cond_cache.try_emplace(name, std::move(r));
  for (auto& [node, v] : copy.mapping_cache) mapping_cache.try_emplace(node, std::move(v));
  for (auto& [node, keys] : copy.key_index) key_index.try_emplace(node, std::move(keys));
}

void Evaluator::SideBySide(size_t n, unsigned jobs,
                           const std::function<void(size_t, Evaluator&)>& fn) {
  constexpr size_t kRun = 1024;  // calls for which a copy of the evaluator pays
  const size_t parts = std::min<size_t>(util::Threads(jobs), n / kRun);
  auto in_order = [&] {
    for (size_t i = 0; i < n; ++i) fn(i, *this);
  };
  if (parts < 2) {
    in_order();
    return;
  }
  // Each part works on a copy with the caches as they are now. A copy that
  // neither reported nor reached a cap computed what this evaluator would
  // have, whatever the order: a cached value then does not depend on where
  // it was first asked for.
  std::vector<std::shared_ptr<Impl>> copies(parts);
  for (std::shared_ptr<Impl>& copy : copies) {
    copy = std::make_shared<Impl>(*impl_);
    copy->speculative = true;
  }
  util::ParallelFor(parts, jobs, [&](size_t k) {
    Evaluator ev(copies[k]);
    Impl& copy = *copies[k];
    for (size_t i = n * k / parts; i < n * (k + 1) / parts && !copy.impure; ++i) {
      try {
        fn(i, ev);
      } catch (...) {
        copy.impure = true;  // made again in order, where it throws as it would
      }
    }
  });
  const size_t before = impl_->copied_bytes;
  size_t copied = before;
  bool pure = true;
  for (const std::shared_ptr<Impl>& copy : copies) {
    pure = pure && !copy->impure;
    copied += copy->copied_bytes - before;
  }
  // Each copy kept within the budget on its own; together they must too.
  if (!pure || copied > kMaxCopiedBytes) {
    in_order();
    return;
  }
  for (std::shared_ptr<Impl>& copy : copies) impl_->Absorb(std::move(*copy));
  impl_->copied_bytes = copied;
}

bool Evaluator::MayReport() {
  if (impl_->speculative) impl_->impure = true;
  return !impl_->speculative;
}

std::map<std::string, std::string> Evaluator::ParameterValues() const {
  std::map<std::string, std::string> out;
  for (const ParameterDecl& p : impl_->tmpl.parameters) {
    const Val& v = impl_->Parameter(p).value;
    if (v.is_unknown()) continue;
    if (p.no_echo) {
      out[p.name] = "****";
    } else if (v.is_list()) {
      std::vector<std::string> parts;
      for (const Val& item : v.items) parts.push_back(item.text);
      out[p.name] = util::Join(parts, ",");
    } else {
      out[p.name] = v.text;
    }
  }
  for (const auto& [name, value] : impl_->options.parameters) {
    if (StartsWith(name, "AWS::")) out[name] = value;
  }
  return out;
}

}  // namespace fnwarden::load::cfn
