#include "rules/engine.h"

#include <algorithm>
#include <exception>
#include <memory>
#include <set>
#include <span>
#include <utility>

#include "analysis/facts.h"
#include "analysis/iam/effective.h"
#include "analysis/iam/validate_model.h"
#include "util/strings.h"
#include "util/thread_pool.h"

namespace fnwarden::rules {
namespace {

std::string ToUpper(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  }
  return out;
}

std::string_view TrimSpaces(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

std::vector<std::string> KnownAreas(const std::vector<Rule>& catalog) {
  std::set<std::string> areas;
  for (int p = 1; p <= 10; ++p) {
    std::string area = model::AreaOfPractice(static_cast<model::Practice>(p));
    if (!area.empty()) areas.insert(area);
  }
  for (const Rule& r : catalog) {
    if (!r.info.area().empty()) areas.insert(std::string(r.info.area()));
  }
  return {areas.begin(), areas.end()};
}

constexpr std::string_view kIdPrefix = "FNW-";

bool HasIdPrefix(std::string_view id) {
  return id.size() >= kIdPrefix.size() && util::EqualsIgnoreCase(id.substr(0, 4), kIdPrefix);
}

// Adds the rules `entry` names to `out`; false when it names nothing known.
bool Resolve(const std::vector<Rule>& catalog, const std::vector<std::string>& areas,
             std::string_view entry, std::set<const Rule*>* out) {
  for (const Rule& r : catalog) {
    if (NamesRule(entry, r.info)) {
      out->insert(&r);
      return true;
    }
  }
  std::string area = ToUpper(entry);
  if (area.starts_with("FNW-")) area = area.substr(4);
  if (std::find(areas.begin(), areas.end(), area) == areas.end()) return false;
  for (const Rule& r : catalog) {
    if (r.info.area() == area) out->insert(&r);
  }
  return true;
}

bool ResolveAll(const std::vector<Rule>& catalog, const std::vector<std::string>& entries,
                std::set<const Rule*>* out, std::string* err) {
  std::vector<std::string> areas = KnownAreas(catalog);
  for (const std::string& list : entries) {
    for (std::string_view piece : util::Split(list, ',')) {
      std::string_view entry = TrimSpaces(piece);
      if (entry.empty()) continue;
      if (Resolve(catalog, areas, entry, out)) continue;
      std::vector<std::string> candidates = KnownIds(catalog);
      candidates.insert(candidates.end(), areas.begin(), areas.end());
      *err = "unknown rule or area '" + std::string(entry) + "'";
      std::string guess = ClosestId(entry, candidates);
      if (guess.empty()) guess = ClosestId(FullRuleId(entry), candidates);
      if (!guess.empty()) *err += "; did you mean " + guess + "?";
      return false;
    }
  }
  return true;
}

// The order of findings (see FindingLess), as <0, 0 or >0. Most findings of
// a model share its file and many share a rule: equal pointers settle those
// fields without comparing text.
int CompareFindings(const model::Finding& a, const model::Finding& b) {
  if (a.loc.file != b.loc.file) {
    if (int c = a.loc.path().compare(b.loc.path()); c != 0) return c;
  }
  if (a.loc.line != b.loc.line) return a.loc.line < b.loc.line ? -1 : 1;
  if (a.loc.col != b.loc.col) return a.loc.col < b.loc.col ? -1 : 1;
  if (a.rule != b.rule) {
    std::string_view x = a.rule ? a.rule->id : std::string_view();
    std::string_view y = b.rule ? b.rule->id : std::string_view();
    if (int c = x.compare(y); c != 0) return c;
  }
  for (auto field :
       {&model::Finding::resource, &model::Finding::attribute, &model::Finding::message}) {
    if (int c = (a.*field).compare(b.*field); c != 0) return c;
  }
  return 0;
}

// A finding and its place in the list, so that equal ones keep their order.
// The position is copied in, so that most comparisons of a large list
// (findings of one file, on different lines) touch only the keys.
struct SortKey {
  const model::Finding* f;
  size_t index;
  const util::SourceFile* file;
  uint32_t line;
  uint32_t col;

  static SortKey Of(const model::Finding& f, size_t index) {
    return {&f, index, f.loc.file, f.loc.line, f.loc.col};
  }

  bool operator<(const SortKey& o) const {
    if (file == o.file) {
      if (line != o.line) return line < o.line;
      if (col != o.col) return col < o.col;
    }
    int c = CompareFindings(*f, *o.f);
    return c != 0 ? c < 0 : index < o.index;
  }
};

// Sorts keys, which are all different (they hold their index). Keys in a
// few sorted runs (the models' lists, each sorted, one after another, of
// which a nested template's file may sort before its parent's) are merged
// run by run, in a few linear passes; others get one sort. False when they
// were in order already.
bool SortKeys(std::vector<SortKey>* keys) {
  std::vector<size_t> starts{0};  // of the runs, then the end
  for (size_t i = 1; i < keys->size(); ++i) {
    if ((*keys)[i] < (*keys)[i - 1]) starts.push_back(i);
  }
  if (starts.size() == 1) return false;
  if (starts.size() * 8 > keys->size()) {
    std::sort(keys->begin(), keys->end());
    return true;
  }
  starts.push_back(keys->size());
  auto at = [&](size_t i) { return keys->begin() + static_cast<std::ptrdiff_t>(i); };
  while (starts.size() > 2) {
    const size_t runs = starts.size() - 1;
    std::vector<size_t> merged{0};
    for (size_t r = 0; r < runs; r += 2) {
      if (r + 1 < runs) std::inplace_merge(at(starts[r]), at(starts[r + 1]), at(starts[r + 2]));
      merged.push_back(starts[std::min(r + 2, runs)]);
    }
    starts = std::move(merged);
  }
  return true;
}

// Moves the findings of `lists` into `out` in the order one stable sort of
// the lists, one after another, would give them (FindingLess), emptying the
// lists. A large template's model has tens of thousands of findings of
// several strings each: keys pointing to them are put in order, and every
// finding then moves once; lists that are each sorted are merged run by
// run, not sorted again. One list already in order going into an empty
// `out` is handed over whole.
void MoveInOrder(std::span<std::vector<model::Finding>> lists, std::vector<model::Finding>* out) {
  size_t total = 0;
  for (const std::vector<model::Finding>& list : lists) total += list.size();
  std::vector<SortKey> keys;
  std::vector<model::Finding*> at;  // by SortKey::index
  keys.reserve(total);
  at.reserve(total);
  for (std::vector<model::Finding>& list : lists) {
    for (model::Finding& f : list) {
      keys.push_back(SortKey::Of(f, at.size()));
      at.push_back(&f);
    }
  }
  if (!SortKeys(&keys) && lists.size() == 1 && out->empty()) {
    out->swap(lists[0]);
    return;
  }
  out->reserve(out->size() + keys.size());
  for (const SortKey& key : keys) out->push_back(std::move(*at[key.index]));
  for (std::vector<model::Finding>& list : lists) std::vector<model::Finding>().swap(list);
}

// Sorts findings by FindingLess, keeping the order of equal ones.
void SortFindings(std::vector<model::Finding>* findings) {
  std::vector<model::Finding> sorted;
  MoveInOrder(std::span<std::vector<model::Finding>>(findings, 1), &sorted);
  findings->swap(sorted);
}

// Sorts `findings` and drops repeats: a rule may report the same finding
// twice (two paths to one statement), the report shows it once.
void SortUnique(std::vector<model::Finding>* findings) {
  SortFindings(findings);
  findings->erase(std::unique(findings->begin(), findings->end(),
                              [](const model::Finding& a, const model::Finding& b) {
                                return CompareFindings(a, b) == 0;
                              }),
                  findings->end());
}

// A guess at how long a model's rules take, to start the longest first: on
// two threads a long model started last leaves the other thread idle. The
// IAM analysis dominates, and its work grows with the Action entries of the
// principals' policies (AWS's ReadOnlyAccess alone has hundreds); the other
// rules grow with the functions.
size_t WorkEstimate(const model::Model& m) {
  size_t work = 16 * m.functions.size();
  auto add = [&work](const std::vector<model::PolicyDocument>& docs) {
    for (const model::PolicyDocument& doc : docs) {
      for (const model::Statement& s : doc.statements) work += 1 + s.actions.size();
    }
  };
  for (const model::Role& r : m.roles) add(r.policies);
  for (const model::User& u : m.users) add(u.policies);
  for (const model::Group& g : m.groups) add(g.policies);
  return work;
}

// A large model (a template of thousands of functions, each with its role)
// gets every job: its facts build its roles in parallel (Facts' jobs), its
// principals' breadth, which FNW-IAM-001 and the rules after it ask for, is
// computed in parallel when an IAM rule runs, and then its rules run side by
// side. Otherwise one large template runs on one thread. A principal whose
// analysis fails is left to the rule that asks for it, which reports the
// error.
constexpr size_t kLargeModel = 256;  // principals or functions

bool IsLarge(const model::Model& m) {
  return m.roles.size() + m.users.size() >= kLargeModel || m.functions.size() >= kLargeModel;
}

// Policy documents IAM would reject or misread, as warnings. With
// `warm_up` (a large model), every principal's breadth is worked out at the
// same time, the check being one more task for whichever job is free.
void CheckPolicies(const model::Model& model, const analysis::Facts& facts, bool warm_up,
                   util::DiagnosticSink* diags) {
  const analysis::iam::Catalog& catalog = analysis::iam::Catalog::Get();
  if (!warm_up) {
    analysis::iam::ValidateModelPolicies(model, catalog, diags);
    return;
  }
  const std::vector<analysis::iam::PrincipalPermissions>& principals =
      facts.Permissions().principals();
  std::vector<util::Diagnostic> invalid;
  util::ParallelFor(principals.size() + 1, facts.jobs(), [&](size_t i) {
    if (i == 0) {
      invalid = analysis::iam::ValidateModelPolicies(model, catalog);
      return;
    }
    try {
      principals[i - 1].breadth();
    } catch (const std::exception&) {
    }
  });
  for (util::Diagnostic& d : invalid) diags->Add(std::move(d));
}

}  // namespace

bool NamesId(std::string_view written, std::string_view id) {
  if (util::EqualsIgnoreCase(written, id)) return true;
  return !HasIdPrefix(written) && HasIdPrefix(id) &&
         util::EqualsIgnoreCase(written, id.substr(kIdPrefix.size()));
}

bool NamesRule(std::string_view written, const model::RuleInfo& rule) {
  return NamesId(written, rule.id) ||
         std::any_of(rule.aliases.begin(), rule.aliases.end(),
                     [&](std::string_view alias) { return NamesId(written, alias); });
}

std::string FullRuleId(std::string_view written) {
  std::string id = ToUpper(written);
  return HasIdPrefix(id) ? id : std::string(kIdPrefix) + id;
}

std::string ClosestId(std::string_view word, const std::vector<std::string>& candidates) {
  std::vector<std::string> upper;
  upper.reserve(candidates.size());
  for (const std::string& c : candidates) upper.push_back(ToUpper(c));
  std::string best = util::ClosestMatch(ToUpper(word), upper);
  if (best.empty()) return best;
  for (size_t i = 0; i < upper.size(); ++i) {
    if (upper[i] == best) return candidates[i];
  }
  return best;
}

std::vector<std::string> KnownIds(const std::vector<Rule>& catalog) {
  std::vector<std::string> ids;
  for (const Rule& r : catalog) {
    ids.emplace_back(r.info.id);
    for (std::string_view a : r.info.aliases) ids.emplace_back(a);
  }
  return ids;
}

bool SelectRules(const std::vector<Rule>& catalog, const std::vector<std::string>& only,
                 const std::vector<std::string>& skip, std::vector<const Rule*>* out,
                 std::string* err) {
  std::set<const Rule*> selected, skipped;
  if (!ResolveAll(catalog, only, &selected, err)) return false;
  if (!ResolveAll(catalog, skip, &skipped, err)) return false;
  bool only_given = std::any_of(only.begin(), only.end(), [](const std::string& s) {
    return s.find_first_not_of(", \t") != std::string::npos;
  });
  out->clear();
  for (const Rule& r : catalog) {
    if (only_given && selected.count(&r) == 0) continue;
    if (skipped.count(&r) > 0) continue;
    out->push_back(&r);
  }
  return true;
}

bool FindingLess(const model::Finding& a, const model::Finding& b) {
  return CompareFindings(a, b) < 0;
}

void RunEngine(const std::vector<model::Model>& models, const EngineOptions& options,
               util::DiagnosticSink* diags, EngineResult* out) {
  const size_t num_rules = options.rules.size();
  // One task per model, longest first: its facts, the check of its policy
  // documents, and every rule. The rules of a model share lazily computed
  // facts (IAM permissions), which two threads working on the same model
  // would wait for in turn; one pass over the models also has a single end
  // to wait for. Only a large model (IsLarge) builds those facts first,
  // on every job, and then runs its rules side by side.
  std::vector<std::vector<model::Finding>> per_task(models.size() * num_rules);
  std::vector<std::vector<model::Finding>> per_model(models.size());
  // Each model's findings are matched with the ignores on its own thread,
  // by a Suppressor of its own; what they saw used is merged at the end.
  std::vector<Suppressor> suppressors;
  suppressors.reserve(models.size());
  for (size_t m = 0; m < models.size(); ++m) suppressors.emplace_back(options.suppressions);
  std::vector<std::vector<Suppressed>> suppressed(models.size());
  // Seconds per task when timing: facts and validation in the first two
  // slots of each model, then one per rule.
  const size_t slots = num_rules + 2;
  std::vector<double> seconds(options.time_rules ? models.size() * slots : 0);
  using Clock = std::chrono::steady_clock;
  auto lap = [&](Clock::time_point* start, size_t slot) {
    if (!options.time_rules) return;
    Clock::time_point now = Clock::now();
    seconds[slot] = std::chrono::duration<double>(now - *start).count();
    *start = now;
  };
  const bool asks_breadth = std::any_of(options.rules.begin(), options.rules.end(),
                                        [](const Rule* r) { return r->info.area() == "IAM"; });
  std::vector<size_t> order(models.size());
  std::vector<size_t> work(models.size());
  for (size_t m = 0; m < models.size(); ++m) {
    order[m] = m;
    work[m] = WorkEstimate(models[m]);
  }
  std::stable_sort(order.begin(), order.end(),
                   [&work](size_t a, size_t b) { return work[a] > work[b]; });
  util::ParallelFor(models.size(), options.jobs, [&](size_t k) {
    const size_t m = order[k];
    const bool large = IsLarge(models[m]);
    std::unique_ptr<analysis::Facts> facts;
    Clock::time_point start = options.time_rules ? Clock::now() : Clock::time_point();
    try {
      facts = std::make_unique<analysis::Facts>(models[m], large ? options.jobs : 1);
      lap(&start, m * slots);
      CheckPolicies(models[m], *facts, large && asks_breadth, diags);
      lap(&start, m * slots + 1);
    } catch (const std::exception& e) {
      diags->Add({util::DiagLevel::kError, util::Loc{}, models[m].root,
                  std::string("internal error while analysing this project: ") + e.what()});
    }
    if (!facts) return;
    // A large model's rules run side by side: its shared facts are built
    // once (CheckPolicies did the largest), and each rule writes and sorts
    // its own list. Timing rules needs them one after the other.
    const bool side_by_side = large && !options.time_rules;
    auto run_rule = [&](size_t r) {
      const Rule& rule = *options.rules[r];
      size_t task = m * num_rules + r;
      Context ctx(models[m], *facts, rule.info, options.today, &per_task[task]);
      try {
        rule.check(ctx);
        if (side_by_side) SortUnique(&per_task[task]);
      } catch (const std::exception& e) {
        per_task[task].clear();
        diags->Add({util::DiagLevel::kError, util::Loc{}, models[m].root,
                    "internal error in rule " + std::string(rule.info.id) + ": " + e.what()});
      }
    };
    // The model's findings in order, each once, sorted on its own thread.
    std::vector<model::Finding>& found = per_model[m];
    std::span<std::vector<model::Finding>> tasks(per_task.data() + m * num_rules, num_rules);
    if (side_by_side) {
      util::ParallelFor(num_rules, options.jobs, run_rule);
      // Findings of different rules are never equal: the sorted lists only
      // need merging.
      MoveInOrder(tasks, &found);
    } else {
      for (size_t r = 0; r < num_rules; ++r) {
        run_rule(r);
        lap(&start, m * slots + 2 + r);
      }
      size_t model_total = 0;
      for (const auto& task : tasks) model_total += task.size();
      found.reserve(model_total);
      for (auto& task : tasks) {
        std::move(task.begin(), task.end(), std::back_inserter(found));
        std::vector<model::Finding>().swap(task);
      }
      SortUnique(&found);
    }
    suppressors[m].Apply(models[m], &found, &suppressed[m]);
    suppressors[m].Prepare(models[m]);
  });
  if (options.time_rules) {
    out->timing = EngineTiming{};
    out->timing.rule_s.assign(num_rules, 0);
    for (size_t m = 0; m < models.size(); ++m) {
      out->timing.facts_s += seconds[m * slots];
      out->timing.validate_s += seconds[m * slots + 1];
      for (size_t r = 0; r < num_rules; ++r) out->timing.rule_s[r] += seconds[m * slots + 2 + r];
    }
  }

  Suppressor suppressor(options.suppressions);
  for (Suppressor& s : suppressors) suppressor.Merge(std::move(s));
  out->findings.clear();
  out->suppressed.clear();
  if (models.size() == 1) {
    // One model's findings are in order already.
    out->findings = std::move(per_model[0]);
    out->suppressed = std::move(suppressed[0]);
  } else {
    // Models come in path order, so their lists, one after another, are
    // in order but in a few places.
    MoveInOrder(per_model, &out->findings);
    for (std::vector<Suppressed>& list : suppressed) {
      std::move(list.begin(), list.end(), std::back_inserter(out->suppressed));
    }
  }
  std::stable_sort(out->suppressed.begin(), out->suppressed.end(),
                   [](const Suppressed& a, const Suppressed& b) {
                     return FindingLess(a.finding, b.finding);
                   });

  std::vector<const model::Model*> model_ptrs;
  for (const model::Model& m : models) model_ptrs.push_back(&m);
  std::vector<const model::RuleInfo*> ran;
  for (const Rule* rule : options.rules) ran.push_back(&rule->info);
  suppressor.Diagnose(model_ptrs, options.known_ids, ran, diags);
}

}  // namespace fnwarden::rules
