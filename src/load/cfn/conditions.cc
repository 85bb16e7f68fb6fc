// Conditions: the Conditions section, Fn::Equals/And/Or/Not/Condition and
// Fn::If. A condition is decided when its operands are known (literals,
// parameter defaults and --param overrides, or parameters whose every
// AllowedValue gives the same answer); otherwise it is undecided and Fn::If
// keeps both branches as alternatives. Each condition is evaluated once;
// circular ones and those nested past kMaxConditionDepth are undecided.
#include <algorithm>
#include <cstdint>
#include <limits>
#include <utility>

#include "load/cfn/evaluator_internal.h"

namespace fnwarden::load::cfn {

namespace {

using syntax::Node;

bool CollectTexts(const Val& v, std::vector<std::string>* out, int depth) {
  if (v.known_scalar()) {
    out->push_back(v.text);
    return true;
  }
  if (!v.is_unknown() || v.alternatives().empty() || depth > 8) return false;
  for (const Val& alt : v.alternatives()) {
    if (!CollectTexts(alt, out, depth + 1)) return false;
  }
  return true;
}

void MergeDetail(const Val& v, CondResult* detail) {
  if (detail == nullptr) return;
  for (const std::string& t : v.trail()) AddTrail(&detail->trail, t);
  detail->flags |= v.flags;
}

std::optional<bool> BoolOfVal(const Val& v) {
  if (v.kind == Val::Kind::kBool) return v.flag;
  if (v.kind == Val::Kind::kString) {
    if (v.text == "true" || v.text == "True") return true;
    if (v.text == "false" || v.text == "False") return false;
  }
  return std::nullopt;
}

// Adds a branch of an undecided Fn::If to `out`'s alternatives, flattening
// the branch's own alternatives.
void AddAlternative(Val branch, Val* out) {
  if (branch.is_unknown() && !branch.alternatives().empty()) {
    for (Val& alt : *branch.mutable_alternatives()) {
      out->mutable_alternatives()->push_back(std::move(alt));
    }
  } else {
    out->mutable_alternatives()->push_back(std::move(branch));
  }
}

// A reference from one condition's body to another condition.
struct CondRef {
  std::string_view name;
  util::Loc loc;
};

// The conditions `body` refers to, in source order: `Condition` calls, and
// the condition of any Fn::If, which the Conditions section does not allow
// but the evaluator follows all the same.
std::vector<CondRef> ReferencedConditions(const Node* body) {
  std::vector<CondRef> out;
  std::vector<const Node*> stack = {body};
  while (!stack.empty()) {
    const Node* n = stack.back();
    stack.pop_back();
    if (n == nullptr) continue;
    std::string fn;
    Arg arg;
    if (CallOf(n, false, &fn, &arg) && arg.node != nullptr) {
      const Node* a = arg.node;
      if (fn == "Condition" && a->is_scalar()) {
        out.push_back({a->scalar, a->loc});
      } else if (fn == "Fn::If" && a->is_seq() && !a->items.empty() && a->items[0]->is_scalar()) {
        out.push_back({a->items[0]->scalar, a->items[0]->loc});
      }
    }
    // Pushed in reverse, so that they come off the stack in source order.
    for (auto it = n->items.rbegin(); it != n->items.rend(); ++it) stack.push_back(*it);
    for (auto it = n->entries.rbegin(); it != n->entries.rend(); ++it) stack.push_back(it->value);
  }
  return out;
}

// "A -> B -> C -> A" for the conditions of a cycle; a long cycle shows its
// first and last few.
std::string CycleText(const std::vector<std::string_view>& cycle) {
  constexpr size_t kShown = 8;
  std::string out;
  for (size_t i = 0; i < cycle.size(); ++i) {
    if (cycle.size() > 2 * kShown && i == kShown) {
      out += "... (" + std::to_string(cycle.size() - 2 * kShown) + " more) -> ";
      i = cycle.size() - kShown;
    }
    out.append(cycle[i]);
    out += " -> ";
  }
  out.append(cycle.front());
  return out;
}

}  // namespace

void Evaluator::Impl::PlanConditions() {
  const Node* section = tmpl.conditions;
  if (section == nullptr || !section->is_map()) return;
  std::vector<std::string_view> names;  // in order of first declaration
  std::unordered_map<std::string_view, size_t> index;
  for (const syntax::MapEntry& e : section->entries) {
    if (index.emplace(e.key->scalar, names.size()).second) names.push_back(e.key->scalar);
    cond_bodies[e.key->scalar] = e.value;
  }
  std::vector<std::vector<CondRef>> refs(names.size());
  for (size_t i = 0; i < names.size(); ++i) refs[i] = ReferencedConditions(cond_bodies[names[i]]);

  // A depth-first walk with an explicit path. A condition's depth is one
  // more than the deepest condition it refers to; kCircular marks one on or
  // depending on a cycle.
  constexpr int kCircular = std::numeric_limits<int>::max();
  enum class Visit : uint8_t { kNew, kOnPath, kDone };
  std::vector<Visit> visit(names.size(), Visit::kNew);
  std::vector<int> depth(names.size(), 1);
  struct Step {
    size_t cond;
    size_t next_ref = 0;
  };
  std::vector<Step> path;
  const CondRef* first_past = nullptr;  // where the first chain crosses the cap
  std::string_view first_past_name;
  auto uses = [&](size_t user, size_t used, const CondRef& ref) {
    if (depth[user] == kCircular) return;
    if (depth[used] == kCircular) {
      depth[user] = kCircular;
      return;
    }
    const int d = depth[used] + 1;
    if (d == kMaxConditionDepth + 1 && first_past == nullptr) {
      first_past = &ref;
      first_past_name = names[user];
    }
    depth[user] = std::max(depth[user], d);
  };
  for (size_t root = 0; root < names.size(); ++root) {
    if (visit[root] != Visit::kNew) continue;
    visit[root] = Visit::kOnPath;
    path.push_back({root});
    while (!path.empty()) {
      const size_t user = path.back().cond;
      if (path.back().next_ref == refs[user].size()) {
        visit[user] = Visit::kDone;
        path.pop_back();
        if (!path.empty()) {
          const size_t parent = path.back().cond;
          uses(parent, user, refs[parent][path.back().next_ref - 1]);
        }
        continue;
      }
      const CondRef& ref = refs[user][path.back().next_ref++];
      auto it = index.find(ref.name);
      if (it == index.end()) continue;  // undeclared: said where it is evaluated
      const size_t used = it->second;
      if (visit[used] == Visit::kNew) {
        visit[used] = Visit::kOnPath;
        path.push_back({used});
      } else if (visit[used] == Visit::kDone) {
        uses(user, used, ref);
      } else {  // on the path: the steps from `used` to here are a cycle
        size_t from = path.size() - 1;
        while (path[from].cond != used) --from;
        std::vector<std::string_view> cycle;
        for (size_t k = from; k < path.size(); ++k) {
          cycle.push_back(names[path[k].cond]);
          depth[path[k].cond] = kCircular;
        }
        Error(ref.loc, "circular condition: " + CycleText(cycle));
      }
    }
  }

  size_t past = 0;  // nested past the cap, cycles apart
  for (size_t i = 0; i < names.size(); ++i) {
    if (depth[i] <= kMaxConditionDepth) continue;
    cond_undecidable.insert(names[i]);
    if (depth[i] != kCircular) ++past;
  }
  if (first_past != nullptr && past > 0) {
    std::string message = "condition '" + std::string(first_past_name) + "' is nested more than " +
                          std::to_string(kMaxConditionDepth) + " conditions deep: ";
    if (past == 1) {
      message += "it stays undecided";
    } else {
      message += "it and " + std::to_string(past - 1) + " more condition" + (past == 2 ? "" : "s") +
                 " nested deeper stay undecided";
    }
    Error(first_past->loc, std::move(message));
  }
}

std::optional<std::vector<std::string>> PossibleTexts(const Val& v) {
  std::vector<std::string> out;
  if (!CollectTexts(v, &out, 0)) return std::nullopt;
  return out;
}

std::optional<bool> Evaluator::Impl::Condition(std::string_view name, util::Loc use,
                                               CondResult* detail) {
  std::string key(name);
  if (auto it = cond_cache.find(key); it != cond_cache.end()) {
    if (it->second.computing) {
      Error(use, "condition '" + key + "' refers to itself (circular condition)");
      return std::nullopt;
    }
    if (detail != nullptr) {
      for (const std::string& t : it->second.trail) AddTrail(&detail->trail, t);
      detail->flags |= it->second.flags;
    }
    return it->second.value;
  }
  auto body = cond_bodies.find(name);
  if (body == cond_bodies.end()) {
    if (use.known()) Error(use, "condition '" + key + "' is not declared");
    return std::nullopt;
  }
  cond_cache.emplace(key, CondResult{});  // marks it as being computed
  CondResult r;
  r.computing = false;
  if (cond_undecidable.count(name) == 0) r.value = EvalCondition(body->second, false, &r);
  // The condition's own entry comes last, even after a full trail.
  if (r.trail.size() >= kMaxTrailEntries) r.trail.resize(kMaxTrailEntries - 1);
  r.trail.push_back("condition " + key + " is " +
                    (r.value ? (*r.value ? "true" : "false") : "undecided"));
  std::optional<bool> value = r.value;
  if (detail != nullptr) {
    for (const std::string& t : r.trail) AddTrail(&detail->trail, t);
    detail->flags |= r.flags;
  }
  cond_cache[key] = std::move(r);
  return value;
}

std::optional<bool> Evaluator::Impl::EvalCondition(const Node* n, bool strip_tag,
                                                   CondResult* detail) {
  if (n == nullptr || TooDeep(n->loc)) return std::nullopt;
  DepthGuard guard(&depth);
  std::string fn;
  Arg arg;
  if (CallOf(n, strip_tag, &fn, &arg)) return ConditionFn(fn, arg, n->loc, detail);
  Val v = EvalNode(n, strip_tag);
  MergeDetail(v, detail);
  return BoolOfVal(v);
}

std::optional<bool> Evaluator::Impl::ConditionFn(std::string_view fn, Arg arg, util::Loc loc,
                                                 CondResult* detail) {
  const Node* a = arg.node;
  if (fn == "Condition") {
    if (a != nullptr && a->is_scalar()) return Condition(a->scalar, a->loc, detail);
    Error(loc, "Condition needs the name of a condition");
    return std::nullopt;
  }
  if (fn == "Fn::Equals") {
    if (a == nullptr || !a->is_seq() || a->items.size() != 2) {
      Error(loc, "Fn::Equals needs a list of two values");
      return std::nullopt;
    }
    Val lhs = Eval(a->items[0]);
    Val rhs = Eval(a->items[1]);
    MergeDetail(lhs, detail);
    MergeDetail(rhs, detail);
    std::optional<std::vector<std::string>> l = PossibleTexts(lhs);
    std::optional<std::vector<std::string>> r = PossibleTexts(rhs);
    if (!l || !r) return std::nullopt;
    bool any_equal = false;
    bool all_equal = true;
    for (const std::string& x : *l) {
      for (const std::string& y : *r) {
        if (x == y) {
          any_equal = true;
        } else {
          all_equal = false;
        }
      }
    }
    if (!any_equal) return false;
    if (all_equal) return true;
    return std::nullopt;
  }
  if (fn == "Fn::And" || fn == "Fn::Or") {
    if (a == nullptr || !a->is_seq() || a->items.empty()) {
      Error(loc, std::string(fn) + " needs a list of conditions");
      return std::nullopt;
    }
    const bool is_and = fn == "Fn::And";
    bool undecided = false;
    bool decisive = false;  // a false operand of And, a true operand of Or
    for (const Node* item : a->items) {
      std::optional<bool> c = EvalCondition(item, false, detail);
      if (!c) {
        undecided = true;
      } else if (*c != is_and) {
        decisive = true;
      }
    }
    if (decisive) return !is_and;
    if (undecided) return std::nullopt;
    return is_and;
  }
  if (fn == "Fn::Not") {
    const Node* operand = a;
    bool strip = arg.strip_tag;
    if (a != nullptr && a->is_seq()) {
      if (a->items.size() != 1) {
        Error(loc, "Fn::Not needs a list of one condition");
        return std::nullopt;
      }
      operand = a->items[0];
      strip = false;
    }
    std::optional<bool> c = EvalCondition(operand, strip, detail);
    if (!c) return std::nullopt;
    return !*c;
  }
  Val v = Intrinsic(fn, arg, loc);
  MergeDetail(v, detail);
  return BoolOfVal(v);
}

Val Evaluator::Impl::BoolFn(std::string_view fn, Arg arg, util::Loc loc) {
  CondResult detail;
  std::optional<bool> value = ConditionFn(fn, arg, loc, &detail);
  if (!value) {
    std::string shown =
        fn.substr(0, 4) == "Fn::" ? "!" + std::string(fn.substr(4)) : "!" + std::string(fn);
    Val out = UnknownVal(shown, loc);
    out.flags = detail.flags;
    return out;
  }
  Val out;
  out.kind = Val::Kind::kBool;
  out.state = model::ValueState::kResolved;
  out.flag = *value;
  out.text = *value ? "true" : "false";
  out.loc = loc;
  if (!detail.trail.empty()) *out.mutable_trail() = std::move(detail.trail);
  out.flags = detail.flags;
  return out;
}

Val Evaluator::Impl::If(Arg arg, util::Loc loc) {
  const Node* a = arg.node;
  if (a == nullptr || !a->is_seq() || a->items.size() != 3 || !a->items[0]->is_scalar()) {
    Error(loc, "Fn::If needs [ConditionName, value if true, value if false]");
    return UnknownVal("!If", loc);
  }
  std::string_view name = a->items[0]->scalar;
  CondResult detail;
  std::optional<bool> c = Condition(name, a->items[0]->loc, &detail);
  if (c) {
    Val chosen = Eval(a->items[*c ? 1 : 2]);
    if (chosen.is_novalue()) return chosen;
    if (chosen.state == model::ValueState::kLiteral) chosen.state = model::ValueState::kResolved;
    for (std::string& t : detail.trail) AddTrail(chosen.mutable_trail(), std::move(t));
    chosen.flags |= detail.flags & model::kFromParameter;
    return chosen;
  }
  Val yes = Eval(a->items[1]);
  Val no = Eval(a->items[2]);
  Val out =
      UnknownVal("!If [" + std::string(name) + ", " + Shown(yes) + ", " + Shown(no) + "]", loc);
  for (const Val* branch : {&yes, &no}) {
    for (const std::string& r : branch->refs()) AddRef(out.mutable_refs(), r);
    out.flags |= branch->flags;
  }
  out.flags |= detail.flags & model::kFromParameter;
  if (!detail.trail.empty()) *out.mutable_trail() = std::move(detail.trail);
  AddAlternative(std::move(yes), &out);
  AddAlternative(std::move(no), &out);
  if (out.alternatives().size() > kMaxAlternatives) out.mutable_alternatives()->clear();
  return out;
}

}  // namespace fnwarden::load::cfn
