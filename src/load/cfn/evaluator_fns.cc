// The string, list and mapping intrinsics: Fn::Sub, Fn::Join, Fn::Select,
// Fn::Split, Fn::FindInMap, Fn::Length, Fn::ToJsonString, and the ones whose
// value only AWS knows (Fn::GetAZs, Fn::ImportValue, Fn::Cidr,
// Fn::Transform).
#include <algorithm>
#include <cstdio>
#include <string>
#include <utility>

#include "load/cfn/evaluator_internal.h"
#include "util/strings.h"

namespace fnwarden::load::cfn {

namespace {

using syntax::Node;

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

Val StringVal(std::string text, util::Loc loc) {
  Val v;
  v.kind = Val::Kind::kString;
  v.text = std::move(text);
  v.loc = loc;
  if (HasDynamicReference(v.text)) v.flags |= model::kDynamicReference;
  return v;
}

// The possible texts of every part, for the alternatives of a concatenation;
// empty when some part cannot be enumerated or there would be too many.
std::vector<std::string> ConcatAlternatives(const std::vector<Val>& parts) {
  std::vector<std::string> out = {""};
  for (const Val& part : parts) {
    if (part.is_novalue()) continue;
    std::optional<std::vector<std::string>> texts = PossibleTexts(part);
    if (!texts || texts->empty() || out.size() * texts->size() > kMaxAlternatives) return {};
    for (const std::string& t : *texts) {
      if (t.size() > kMaxShownBytes) return {};
    }
    std::vector<std::string> next;
    next.reserve(out.size() * texts->size());
    for (const std::string& prefix : out) {
      for (const std::string& t : *texts) next.push_back(prefix + t);
    }
    out = std::move(next);
  }
  return out;
}

// Compact JSON of `v`; false when some part is unknown (shown by its display
// form as a string).
bool ToJson(const Val& v, std::string* out) {
  switch (v.kind) {
    case Val::Kind::kNull:
    case Val::Kind::kNoValue:
      *out += "null";
      return true;
    case Val::Kind::kBool:
    case Val::Kind::kNumber:
      *out += v.text;
      return true;
    case Val::Kind::kString:
      util::AppendJsonString(v.text, out);
      return true;
    case Val::Kind::kUnknown:
      util::AppendJsonString(Display(v), out);
      return false;
    case Val::Kind::kList: {
      bool known = true;
      out->push_back('[');
      for (size_t i = 0; i < v.items.size(); ++i) {
        if (i > 0) out->push_back(',');
        known = ToJson(v.items[i], out) && known;
      }
      out->push_back(']');
      return known;
    }
    case Val::Kind::kMap: {
      bool known = true;
      out->push_back('{');
      for (size_t i = 0; i < v.fields.size(); ++i) {
        if (i > 0) out->push_back(',');
        util::AppendJsonString(v.fields[i].key, out);
        out->push_back(':');
        known = ToJson(v.fields[i].value, out) && known;
      }
      out->push_back('}');
      return known;
    }
  }
  return true;
}

// Refs, trail and flags of every value inside `v`.
void MergeDeep(const Val& v, Val* into, int depth = 0) {
  MergeMeta(v, into);
  if (depth > 64) return;
  for (const Val& item : v.items) MergeDeep(item, into, depth + 1);
  for (const Val::Field& field : v.fields) MergeDeep(field.value, into, depth + 1);
}

}  // namespace

Val Concat(std::vector<Val> parts, util::Loc loc) {
  Val out;
  out.loc = loc;
  bool known = true;
  bool resolved = false;
  std::string text;
  for (const Val& part : parts) {
    MergeMeta(part, &out);
    if (part.is_novalue()) continue;
    if (part.known_scalar()) {
      if (part.state == model::ValueState::kResolved) resolved = true;
    } else {
      known = false;
    }
    if (text.size() <= kMaxTextBytes) text += Display(part);
  }
  if (text.size() > kMaxTextBytes) {  // too long to be a real value: keep a prefix
    text.resize(kMaxShownBytes);
    text += "...";
    out.kind = Val::Kind::kUnknown;
    out.state = model::ValueState::kUnknown;
    out.text = std::move(text);
    return out;
  }
  out.text = std::move(text);
  if (known) {
    out.kind = Val::Kind::kString;
    out.state = resolved ? model::ValueState::kResolved : model::ValueState::kLiteral;
    return out;
  }
  out.kind = Val::Kind::kUnknown;
  out.state = model::ValueState::kUnknown;
  // Typed pieces when a part has them: the rest is text or opaque.
  bool typed = std::any_of(parts.begin(), parts.end(),
                           [](const Val& part) { return !part.pieces().empty(); });
  if (typed) {
    std::vector<model::Piece>* pieces = out.mutable_pieces();
    for (const Val& part : parts) {
      if (part.is_novalue()) continue;
      if (part.known_scalar()) {
        model::AppendPiece(pieces, model::Piece::Text(part.text));
      } else if (!part.pieces().empty()) {
        for (const model::Piece& p : part.pieces()) model::AppendPiece(pieces, p);
      } else {
        model::AppendPiece(pieces, {model::Piece::Kind::kOpaque, model::Attribute::kRef,
                                    std::string(Display(part))});
      }
    }
  }
  for (std::string& alt : ConcatAlternatives(parts)) {
    Val a = StringVal(std::move(alt), loc);
    a.state = model::ValueState::kResolved;
    a.flags |= out.flags;
    out.mutable_alternatives()->push_back(std::move(a));
  }
  return out;
}

Val Evaluator::Impl::Sub(Arg arg, util::Loc loc) {
  const Node* a = arg.node;
  const Node* format = nullptr;
  Val vars;
  if (a != nullptr && a->is_scalar()) {
    format = a;
  } else if (a != nullptr && a->is_seq() && (a->items.size() == 1 || a->items.size() == 2) &&
             a->items[0]->is_scalar()) {
    format = a->items[0];
    if (a->items.size() == 2) {
      vars = Eval(a->items[1]);
      if (!vars.is_map()) {
        Error(a->items[1]->loc, "Fn::Sub variables must be a map");
        vars = Val();
      }
    }
  } else {
    Error(loc, "Fn::Sub needs a string or [string, {variables}]");
    return UnknownVal("!Sub", loc);
  }

  std::string_view s = format->scalar;
  std::vector<Val> parts;
  std::string literal;
  // Text of the parts so far: past kMaxTextBytes the result is unknown
  // anyway, and the rest is not copied.
  size_t bytes = 0;
  size_t i = 0;
  while (i < s.size() && bytes <= kMaxTextBytes) {
    size_t open = s.find("${", i);
    if (open == std::string_view::npos) {
      literal.append(s.substr(i));
      break;
    }
    literal.append(s.substr(i, open - i));
    size_t close = s.find('}', open + 2);
    if (close == std::string_view::npos) {  // not a variable: CloudFormation keeps it
      literal.append(s.substr(open));
      break;
    }
    std::string_view inner = s.substr(open + 2, close - open - 2);
    i = close + 1;
    if (!inner.empty() && inner.front() == '!') {  // ${!Literal} writes ${Literal}
      literal += "${";
      literal.append(inner.substr(1));
      literal += "}";
      continue;
    }
    if (!literal.empty()) {
      bytes += literal.size();
      parts.push_back(StringVal(std::move(literal), format->loc));
    }
    literal.clear();
    std::string_view name = Trim(inner);
    if (const Val* var = vars.Get(name); var != nullptr && (var->is_list() || var->is_map())) {
      Error(format->loc, "Fn::Sub variable is a list or map, not a string");
      Val bad = UnknownVal("${?}", var->loc);
      MergeMeta(*var, &bad);
      parts.push_back(std::move(bad));
    } else if (var != nullptr) {
      parts.push_back(*var);
    } else if (format != a && a->items.size() == 2 && a->items[1]->Get(name) != nullptr) {
      Val removed;  // a variable set to AWS::NoValue
      removed.kind = Val::Kind::kNoValue;
      parts.push_back(std::move(removed));
    } else if (size_t dot = name.find('.');
               dot != std::string_view::npos && name.substr(0, 5) != "AWS::") {
      parts.push_back(GetAtt(name.substr(0, dot), StringVal(std::string(name.substr(dot + 1)), loc),
                             format->loc));
    } else {
      parts.push_back(RefName(name, format->loc, "Fn::Sub"));
    }
    bytes += parts.back().text.size();
  }
  if (!literal.empty() || parts.empty())
    parts.push_back(StringVal(std::move(literal), format->loc));
  for (Val& part : parts) {
    if (part.is_list() || part.is_map()) {
      Error(format->loc, "Fn::Sub variable is a list or map, not a string");
      Val bad = UnknownVal("${?}", part.loc);
      MergeMeta(part, &bad);
      part = std::move(bad);
    }
  }
  return Concat(std::move(parts), loc);
}

Val Evaluator::Impl::Join(Arg arg, util::Loc loc) {
  const Node* a = arg.node;
  if (a == nullptr || !a->is_seq() || a->items.size() != 2) {
    Error(loc, "Fn::Join needs [delimiter, [values]]");
    return UnknownVal("!Join", loc);
  }
  Val delim = Eval(a->items[0]);
  if (delim.kind == Val::Kind::kNull) delim = StringVal("", a->items[0]->loc);
  Val list = Eval(a->items[1]);
  if (!list.is_list()) {
    if (!list.is_unknown()) Error(a->items[1]->loc, "Fn::Join needs a list of values to join");
    Val out = UnknownVal("!Join [" + Shown(delim) + ", " + Shown(list) + "]", loc);
    MergeMeta(delim, &out);
    MergeDeep(list, &out);
    return out;
  }
  // The delimiter is copied between every two items: when those copies
  // alone are longer than a value may be, the result is unknown without
  // them.
  if (list.items.size() > 1 && delim.text.size() > kMaxTextBytes / (list.items.size() - 1)) {
    Val out = UnknownVal("!Join [" + Shown(delim) + ", [list]]", loc);
    MergeMeta(delim, &out);
    MergeDeep(list, &out);
    return out;
  }
  std::vector<Val> parts;
  parts.reserve(list.items.size() * 2);
  for (size_t k = 0; k < list.items.size(); ++k) {
    if (k > 0) parts.push_back(delim);
    Val& item = list.items[k];
    if (item.is_list() || item.is_map()) {
      Error(item.loc, "Fn::Join values must be strings, not a list or map");
      Val bad = UnknownVal("${?}", item.loc);
      MergeDeep(item, &bad);
      parts.push_back(std::move(bad));
    } else {
      parts.push_back(std::move(item));
    }
  }
  if (parts.empty()) parts.push_back(StringVal("", loc));
  Val out = Concat(std::move(parts), loc);
  if (list.state == model::ValueState::kResolved && out.state == model::ValueState::kLiteral) {
    out.state = model::ValueState::kResolved;
    MergeMeta(list, &out);
  }
  return out;
}

Val Evaluator::Impl::Select(Arg arg, util::Loc loc) {
  const Node* a = arg.node;
  if (a == nullptr || !a->is_seq() || a->items.size() != 2) {
    Error(loc, "Fn::Select needs [index, [values]]");
    return UnknownVal("!Select", loc);
  }
  Val index = Eval(a->items[0]);
  Val list = Eval(a->items[1]);
  std::optional<int64_t> i;
  if (index.kind == Val::Kind::kNumber || index.kind == Val::Kind::kString) {
    model::Int n = ToInt(&index);
    if (n.known()) {
      i = n.value;
    } else {
      Error(index.loc, "Fn::Select index \"" + index.text + "\" is not a number");
    }
  }
  if (!i || !list.is_list()) {
    if (!list.is_list() && !list.is_unknown()) {
      Error(a->items[1]->loc, "Fn::Select needs a list to select from");
    }
    Val out = UnknownVal("!Select [" + Shown(index) + ", " + Shown(list) + "]", loc);
    MergeMeta(index, &out);
    MergeDeep(list, &out);
    return out;
  }
  if (*i < 0 || static_cast<uint64_t>(*i) >= list.items.size()) {
    Error(loc, "Fn::Select index " + std::to_string(*i) + " is out of range for a list of " +
                   std::to_string(list.items.size()));
    Val out = UnknownVal("!Select [" + std::to_string(*i) + ", " + Shown(list) + "]", loc);
    MergeDeep(list, &out);
    return out;
  }
  Val out = std::move(list.items[static_cast<size_t>(*i)]);
  if (index.state == model::ValueState::kResolved || list.state == model::ValueState::kResolved) {
    if (out.state == model::ValueState::kLiteral) out.state = model::ValueState::kResolved;
    MergeMeta(index, &out);
    MergeMeta(list, &out);
  }
  return out;
}

Val Evaluator::Impl::Split(Arg arg, util::Loc loc) {
  const Node* a = arg.node;
  if (a == nullptr || !a->is_seq() || a->items.size() != 2) {
    Error(loc, "Fn::Split needs [delimiter, string]");
    return UnknownVal("!Split", loc);
  }
  Val delim = Eval(a->items[0]);
  Val source = Eval(a->items[1]);
  if (!delim.known_scalar() || delim.text.empty() || !source.known_scalar() ||
      source.text.size() / delim.text.size() > kMaxSplitItems) {
    Val out = UnknownVal("!Split [" + Shown(delim) + ", " + Shown(source) + "]", loc);
    MergeMeta(delim, &out);
    MergeMeta(source, &out);
    return out;
  }
  Val out;
  out.kind = Val::Kind::kList;
  out.loc = loc;
  out.state = source.state;
  std::string_view s = source.text;
  size_t start = 0;
  while (true) {
    size_t at = s.find(delim.text, start);
    Val item =
        StringVal(std::string(s.substr(
                      start, at == std::string_view::npos ? std::string_view::npos : at - start)),
                  source.loc);
    item.state = source.state;
    MergeMeta(source, &item);
    out.items.push_back(std::move(item));
    if (at == std::string_view::npos) break;
    start = at + delim.text.size();
  }
  MergeMeta(source, &out);
  return out;
}

Val Evaluator::Impl::FindInMap(Arg arg, util::Loc loc) {
  const Node* a = arg.node;
  if (a == nullptr || !a->is_seq() || a->items.size() < 3 || a->items.size() > 4) {
    Error(loc, "Fn::FindInMap needs [MapName, TopLevelKey, SecondLevelKey]");
    return UnknownVal("!FindInMap", loc);
  }
  Val keys[3] = {Eval(a->items[0]), Eval(a->items[1]), Eval(a->items[2])};
  const Node* fallback = nullptr;  // AWS::LanguageExtensions DefaultValue
  if (a->items.size() == 4) {
    fallback = a->items[3]->Get("DefaultValue");
    if (fallback == nullptr) {
      Error(a->items[3]->loc, "Fn::FindInMap's fourth argument must be {DefaultValue: value}");
    }
  }
  auto shown = [&] {
    return "[" + Shown(keys[0]) + ", " + Shown(keys[1]) + ", " + Shown(keys[2]) + "]";
  };
  auto finish = [&](Val v, std::string step) {
    if (v.state == model::ValueState::kLiteral) v.state = model::ValueState::kResolved;
    for (const Val& k : keys) MergeMeta(k, &v);
    AddTrail(v.mutable_trail(), std::move(step));
    return v;
  };

  const Node* mapping = nullptr;
  if (keys[0].known_scalar()) {
    mapping = KeyOf(tmpl.mappings, keys[0].text);
    if (mapping == nullptr && fallback == nullptr) {
      Error(a->items[0]->loc, "Fn::FindInMap refers to undeclared mapping '" + keys[0].text + "'");
    }
  }
  if (mapping != nullptr && keys[1].known_scalar() && keys[2].known_scalar()) {
    const Node* top = KeyOf(mapping, keys[1].text);
    const Node* value = KeyOf(top, keys[2].text);
    if (value != nullptr) return finish(MappingValue(value, loc), "Fn::FindInMap " + shown());
    if (fallback == nullptr) {
      if (top == nullptr) {
        Error(loc,
              "Fn::FindInMap: mapping '" + keys[0].text + "' has no key '" + keys[1].text + "'");
      } else {
        Error(loc, "Fn::FindInMap: key '" + keys[1].text + "' of mapping '" + keys[0].text +
                       "' has no '" + keys[2].text + "'");
      }
    }
  }
  if (fallback != nullptr &&
      (mapping == nullptr || (keys[1].known_scalar() && keys[2].known_scalar()))) {
    return finish(Eval(fallback), "Fn::FindInMap DefaultValue");
  }

  Val out = UnknownVal("!FindInMap " + shown(), loc);
  for (const Val& k : keys) MergeMeta(k, &out);
  // One key unknown: every entry it may select is an alternative.
  if (mapping != nullptr && mapping->is_map() &&
      (keys[1].known_scalar() != keys[2].known_scalar())) {
    const bool top_known = keys[1].known_scalar();
    std::optional<std::vector<std::string>> allowed = PossibleTexts(top_known ? keys[2] : keys[1]);
    std::vector<const Node*> candidates;
    if (top_known) {
      const Node* top = KeyOf(mapping, keys[1].text);
      if (top != nullptr && top->is_map()) {
        for (const syntax::MapEntry& e : top->entries) candidates.push_back(e.value);
      }
    } else {
      for (const syntax::MapEntry& e : mapping->entries) {
        if (allowed &&
            std::find(allowed->begin(), allowed->end(), e.key->scalar) == allowed->end()) {
          continue;
        }
        candidates.push_back(KeyOf(e.value, keys[2].text));
      }
    }
    if (!candidates.empty() && candidates.size() <= kMaxAlternatives) {
      for (const Node* c : candidates) {
        if (c == nullptr) {
          out.mutable_alternatives()->clear();
          break;
        }
        out.mutable_alternatives()->push_back(
            finish(MappingValue(c, loc), "Fn::FindInMap " + shown()));
      }
    }
  }
  return out;
}

Val Evaluator::Impl::MappingValue(const Node* value, util::Loc loc) {
  auto c = mapping_cache.find(value);
  if (c == mapping_cache.end()) {
    if (!mapping_active.insert(value).second) {
      Error(loc, "Fn::FindInMap reaches the mapping value it is part of (circular mapping)");
      return UnknownVal("!FindInMap", loc);
    }
    Val v = Eval(value);
    mapping_active.erase(value);
    c = mapping_cache.emplace(value, CachedVal(std::move(v))).first;
  }
  if (!MayCopy(c->second, loc, "Fn::FindInMap")) return UnknownVal("!FindInMap", loc);
  return c->second.value;
}

Val Evaluator::Impl::Length(Arg arg, util::Loc loc) {
  Val list = EvalArg(arg);
  if (!list.is_list()) {
    if (!list.is_unknown()) Error(loc, "Fn::Length needs a list");
    Val out = UnknownVal("!Length " + Shown(list), loc);
    MergeMeta(list, &out);
    return out;
  }
  Val out;
  out.kind = Val::Kind::kNumber;
  out.state = model::ValueState::kResolved;
  out.text = std::to_string(list.items.size());
  out.loc = loc;
  MergeMeta(list, &out);
  return out;
}

Val Evaluator::Impl::ToJsonString(Arg arg, util::Loc loc) {
  Val v = EvalArg(arg);
  std::string json;
  bool known = ToJson(v, &json);
  if (json.size() > kMaxTextBytes) {
    json.resize(kMaxShownBytes);
    json += "...";
    known = false;
  }
  Val out = known ? StringVal(std::move(json), loc) : UnknownVal(std::move(json), loc);
  if (known) out.state = model::ValueState::kResolved;
  MergeDeep(v, &out);
  return out;
}

Val Evaluator::Impl::Opaque(std::string_view display, Arg arg, util::Loc loc, Val::Kind) {
  Val v = EvalArg(arg);
  std::string shown(display);
  if (std::string d = Shown(v); !d.empty()) shown += " " + d;
  Val out = UnknownVal(std::move(shown), loc);
  MergeDeep(v, &out);
  if (!out.trail().empty()) out.mutable_trail()->clear();
  return out;
}

}  // namespace fnwarden::load::cfn
