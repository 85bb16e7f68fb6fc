// The advisory database: records kept once (texts in an arena, IDs as
// numbers), an index from package to compiled versions, and matching with
// alias merging. Reading files and archives is in osv_load.cc, reading one
// record's JSON in osv_record.cc.
#include "analysis/deps/osv.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <numeric>
#include <optional>
#include <tuple>
#include <utility>

#include "analysis/deps/cvss.h"
#include "analysis/deps/osv_internal.h"
#include "analysis/deps/version.h"

namespace fnwarden::analysis::deps {
namespace osv_internal {

std::string_view Arena::Copy(std::string_view s) {
  if (s.empty()) return {};
  if (s.size() > kChunk / 4) {
    // Large texts get their own block, placed before the current chunk so
    // that the chunk keeps filling.
    auto block = std::make_unique<char[]>(s.size());
    std::memcpy(block.get(), s.data(), s.size());
    std::string_view out(block.get(), s.size());
    chunks_.insert(chunks_.empty() ? chunks_.end() : chunks_.end() - 1, std::move(block));
    return out;
  }
  if (kChunk - used_ < s.size()) {
    chunks_.push_back(std::make_unique<char[]>(kChunk));
    used_ = 0;
  }
  char* at = chunks_.back().get() + used_;
  std::memcpy(at, s.data(), s.size());
  used_ += s.size();
  return std::string_view(at, s.size());
}

std::string_view SeverityWord(SeverityRank rank) {
  constexpr std::string_view kWords[] = {"", "low", "medium", "high", "critical"};
  return rank < 5 ? kWords[rank] : "";
}

SeverityRank RankOfDatabaseSeverity(std::string_view word) {
  if (util::EqualsIgnoreCase(word, "critical")) return 4;
  if (util::EqualsIgnoreCase(word, "high")) return 3;
  if (util::EqualsIgnoreCase(word, "moderate") || util::EqualsIgnoreCase(word, "medium")) return 2;
  if (util::EqualsIgnoreCase(word, "low")) return 1;
  return 0;
}

}  // namespace osv_internal

namespace {

using osv_internal::Problem;
using osv_internal::SeverityRank;
using Impl = AdvisoryDb::Impl;

SeverityRank RankOfWord(std::string_view word) {
  for (SeverityRank r = 1; r <= 4; ++r) {
    if (osv_internal::SeverityWord(r) == word) return r;
  }
  return 0;
}

// The index key of a package: its ecosystem, then its normalised name.
std::string IndexKey(model::Ecosystem ecosystem, std::string_view name) {
  std::string key(1, static_cast<char>('0' + static_cast<int>(ecosystem)));
  key += NormalizeName(ecosystem, name);
  return key;
}

// Which record ID to report: GHSA first (the widest-used IDs, and the
// advisories with summaries and scores), then the language databases'
// own, then any other, each group by its text.
std::tuple<int, std::string_view> IdPreference(std::string_view id) {
  int group = id.starts_with("GHSA-")                             ? 0
              : id.starts_with("PYSEC-") || id.starts_with("GO-") ? 1
                                                                  : 2;
  return {group, id};
}

// Disjoint sets over a match's hits.
struct DisjointSets {
  explicit DisjointSets(size_t n) : parent(n) { std::iota(parent.begin(), parent.end(), 0); }
  size_t Find(size_t i) {
    while (parent[i] != i) i = parent[i] = parent[parent[i]];
    return i;
  }
  void Union(size_t a, size_t b) { parent[Find(a)] = Find(b); }
  std::vector<size_t> parent;
};

}  // namespace

uint32_t Impl::Intern(std::string_view id) {
  auto it = id_numbers.find(id);
  if (it != id_numbers.end()) return it->second;
  std::string_view stored = arena.Copy(id);
  uint32_t n = static_cast<uint32_t>(id_text.size());
  id_text.push_back(stored);
  id_states.emplace_back();
  id_numbers.emplace(stored, n);
  return n;
}

void Impl::AddParsed(osv_internal::ParsedRecord* r, std::vector<Problem>* problems) {
  if (r->modified > newest_modified) newest_modified = r->modified;
  uint32_t id = Intern(r->id);
  {
    IdState& state = id_states[id];
    // Of two copies the later `modified` counts; the first read on a tie.
    if (state.seen && r->modified <= state.modified) return;
    if (state.record != kNone) {
      records[state.record].live = false;
      --kept;
    }
    state.seen = true;
    state.record = kNone;
    state.modified = arena.Copy(r->modified);
  }
  if (r->withdrawn) return;

  Record record;
  record.id = id;
  // Severity: the CVSS base score when a vector can be scored, else the
  // database's own word.
  std::optional<CvssScore> score;
  std::string_view vector;
  for (const std::string* candidate : {&r->cvss_v3, &r->cvss_v2}) {
    if (candidate->empty()) continue;
    score = ScoreCvss(*candidate);
    if (score) {
      vector = *candidate;
      break;
    }
    problems->push_back({Problem::kNoOffset, util::DiagLevel::kWarning,
                         "CVSS vector " + osv_internal::Quoted(*candidate) +
                             " cannot be scored; the database's severity is used"});
  }
  if (!score) {
    vector = !r->cvss_v3.empty()   ? std::string_view(r->cvss_v3)
             : !r->cvss_v2.empty() ? std::string_view(r->cvss_v2)
                                   : std::string_view(r->cvss_other);
  }
  SeverityRank record_rank = score ? RankOfWord(SeverityOfScore(*score))
                                   : osv_internal::RankOfDatabaseSeverity(r->severity);
  record.cvss_score = score ? static_cast<float>(score->base) : -1.0f;
  record.cvss_vector = arena.Copy(vector);
  record.summary = arena.Copy(r->summary);
  record.url = arena.Copy(r->url);
  record.aliases_begin = static_cast<uint32_t>(alias_ids.size());
  for (const std::string& alias : r->aliases) alias_ids.push_back(Intern(alias));
  record.aliases_count = static_cast<uint32_t>(alias_ids.size()) - record.aliases_begin;

  uint32_t index_of_record = static_cast<uint32_t>(records.size());
  size_t entries = 0;
  for (osv_internal::ParsedAffected& affected : r->affected) {
    AffectedVersions versions =
        AffectedVersions::Compile(affected.ecosystem, affected.ranges, affected.versions);
    if (versions.MatchesNothing()) continue;
    SeverityRank rank = record_rank;
    if (!score && !affected.severity.empty()) {
      SeverityRank own = osv_internal::RankOfDatabaseSeverity(affected.severity);
      if (own != 0) rank = own;
    }
    index[IndexKey(affected.ecosystem, affected.name)].push_back(
        Entry{index_of_record, rank, std::move(versions)});
    ++entries;
  }
  if (entries == 0) {
    alias_ids.resize(record.aliases_begin);
    return;
  }
  records.push_back(record);
  id_states[id].record = index_of_record;
  ++kept;
}

void Impl::Emit(util::Diagnostic d, util::DiagnosticSink* diags) {
  if (diag_budget == 0) {
    ++diags_dropped;
    dropped_error = dropped_error || d.level == util::DiagLevel::kError;
    return;
  }
  if (diag_budget != static_cast<size_t>(-1)) --diag_budget;
  diags->Add(std::move(d));
}

void Impl::Report(std::string_view display_name, std::string_view text,
                  const std::vector<Problem>& found, util::DiagnosticSink* diags) {
  const util::SourceFile* file = nullptr;
  for (const Problem& p : found) {
    util::Diagnostic d;
    d.level = p.level;
    d.path = std::string(display_name);
    d.message = p.message;
    if (p.offset != Problem::kNoOffset && p.offset <= text.size() && sources != nullptr &&
        (file != nullptr || sources_kept < 64)) {
      if (file == nullptr) {
        file = sources->Add(std::string(display_name), std::string(text));
        ++sources_kept;
      }
      util::SourceFile::LineCol at = file->Position(p.offset);
      d.loc = util::Loc{file, at.line, at.col};
    }
    Emit(std::move(d), diags);
  }
}

bool Impl::AddText(std::string_view text, std::string_view display_name,
                   util::DiagnosticSink* diags) {
  if (!reader) reader = std::make_unique<osv_internal::RecordReader>();
  problems.clear();
  bool ok = reader->Read(text, &parsed, &problems);
  if (ok) AddParsed(&parsed, &problems);
  if (!problems.empty()) Report(display_name, text, problems, diags);
  if (ok) ++records_read;
  return ok;
}

AdvisoryDb::AdvisoryDb(util::SourceSet* sources, OsvLimits limits)
    : impl_(std::make_unique<Impl>(sources, limits)) {}
AdvisoryDb::~AdvisoryDb() = default;
AdvisoryDb::AdvisoryDb(AdvisoryDb&&) noexcept = default;
AdvisoryDb& AdvisoryDb::operator=(AdvisoryDb&&) noexcept = default;

bool AdvisoryDb::AddRecord(std::string_view json, std::string_view display_name,
                           util::DiagnosticSink* diags) {
  Impl& d = *impl_;
  size_t padding = osv_internal::RecordReader::Padding();
  d.buffer.assign(json);
  d.buffer.append(padding, '\0');
  return d.AddText(std::string_view(d.buffer.data(), json.size()), display_name, diags);
}

void AdvisoryDb::Finish() {
  Impl& d = *impl_;
  for (auto& [key, entries] : d.index) {
    std::erase_if(entries, [&](const Impl::Entry& e) { return !d.records[e.record].live; });
    entries.shrink_to_fit();
  }
  std::erase_if(d.index, [](const auto& item) { return item.second.empty(); });
  d.reader.reset();
  d.parsed = osv_internal::ParsedRecord();
  std::string().swap(d.buffer);
  d.problems.clear();
  d.problems.shrink_to_fit();
}

size_t AdvisoryDb::size() const { return impl_->kept; }

std::string AdvisoryDb::newest_modified() const { return impl_->newest_modified; }

std::vector<model::Advisory> AdvisoryDb::Match(model::Ecosystem ecosystem, std::string_view name,
                                               std::string_view version) const {
  const Impl& d = *impl_;
  auto it = d.index.find(IndexKey(ecosystem, name));
  if (it == d.index.end()) return {};
  std::optional<Version> parsed = Version::Parse(ecosystem, version);

  struct Hit {
    const Impl::Entry* entry;
    std::string fixed;
  };
  std::vector<Hit> hits;
  for (const Impl::Entry& entry : it->second) {
    if (!d.records[entry.record].live) continue;
    bool affected = parsed ? entry.versions.Contains(*parsed) : entry.versions.Contains(version);
    if (!affected) continue;
    hits.push_back({&entry, parsed ? entry.versions.FixedAfter(*parsed) : std::string()});
  }
  if (hits.empty()) return {};

  // Hits that share an ID, directly or through other hits, are one
  // advisory: sort (ID, hit) pairs and join neighbours with equal IDs.
  std::vector<std::pair<uint32_t, size_t>> ids;
  for (size_t i = 0; i < hits.size(); ++i) {
    const Impl::Record& r = d.records[hits[i].entry->record];
    ids.emplace_back(r.id, i);
    for (uint32_t a = 0; a < r.aliases_count; ++a) {
      ids.emplace_back(d.alias_ids[r.aliases_begin + a], i);
    }
  }
  std::sort(ids.begin(), ids.end());
  DisjointSets sets(hits.size());
  for (size_t i = 1; i < ids.size(); ++i) {
    if (ids[i].first == ids[i - 1].first) sets.Union(ids[i].second, ids[i - 1].second);
  }

  std::vector<std::vector<size_t>> groups;
  std::vector<size_t> group_of_root(hits.size(), static_cast<size_t>(-1));
  for (size_t i = 0; i < hits.size(); ++i) {
    size_t root = sets.Find(i);
    if (group_of_root[root] == static_cast<size_t>(-1)) {
      group_of_root[root] = groups.size();
      groups.emplace_back();
    }
    groups[group_of_root[root]].push_back(i);
  }

  std::vector<model::Advisory> out;
  std::vector<SeverityRank> ranks;
  for (const std::vector<size_t>& group : groups) {
    // The record whose ID is reported.
    const Impl::Record* chosen = nullptr;
    for (size_t i : group) {
      const Impl::Record& r = d.records[hits[i].entry->record];
      if (chosen == nullptr ||
          IdPreference(d.id_text[r.id]) < IdPreference(d.id_text[chosen->id])) {
        chosen = &r;
      }
    }
    model::Advisory a;
    a.id = std::string(d.id_text[chosen->id]);
    SeverityRank rank = 0;
    const Impl::Record* scored = nullptr;
    std::optional<Version> lowest_fix;
    for (size_t i : group) {
      const Impl::Record& r = d.records[hits[i].entry->record];
      rank = std::max(rank, hits[i].entry->severity);
      if (r.cvss_score >= 0 && (scored == nullptr || r.cvss_score > scored->cvss_score)) {
        scored = &r;
      }
      auto add_id = [&](uint32_t n) {
        if (n != chosen->id) a.aliases.emplace_back(d.id_text[n]);
      };
      add_id(r.id);
      for (uint32_t k = 0; k < r.aliases_count; ++k) add_id(d.alias_ids[r.aliases_begin + k]);
      const std::string& fixed = hits[i].fixed;
      if (fixed.empty()) continue;
      std::optional<Version> v = Version::Parse(ecosystem, fixed);
      if (a.fixed.empty() || (v && lowest_fix && *v < *lowest_fix) || (!lowest_fix && v)) {
        a.fixed = fixed;
        lowest_fix = v;
      }
    }
    std::sort(a.aliases.begin(), a.aliases.end());
    a.aliases.erase(std::unique(a.aliases.begin(), a.aliases.end()), a.aliases.end());
    a.summary = std::string(chosen->summary);
    for (size_t i : group) {
      if (!a.summary.empty()) break;
      a.summary = std::string(d.records[hits[i].entry->record].summary);
    }
    a.severity = std::string(osv_internal::SeverityWord(rank));
    const Impl::Record* vector_of = scored != nullptr ? scored : chosen;
    a.cvss_score = scored != nullptr ? std::round(scored->cvss_score * 10) / 10.0 : -1;
    a.cvss_vector = std::string(vector_of->cvss_vector);
    if (ecosystem == model::Ecosystem::kGo && !a.fixed.empty() && a.fixed[0] != 'v') {
      a.fixed.insert(0, "v");
    }
    a.url =
        chosen->url.empty() ? "https://osv.dev/vulnerability/" + a.id : std::string(chosen->url);
    out.push_back(std::move(a));
    ranks.push_back(rank);
  }
  std::vector<size_t> order(out.size());
  std::iota(order.begin(), order.end(), 0);
  std::sort(order.begin(), order.end(), [&](size_t x, size_t y) {
    return std::tie(ranks[y], out[x].id) < std::tie(ranks[x], out[y].id);
  });
  std::vector<model::Advisory> sorted;
  sorted.reserve(out.size());
  for (size_t i : order) sorted.push_back(std::move(out[i]));
  return sorted;
}

void MatchPackages(const AdvisoryDb& db, model::PackageSet* set) {
  for (model::Package& p : set->packages) {
    p.advisories.clear();
    if (p.version.empty() || p.source != model::PackageSource::kRegistry) continue;
    p.advisories = db.Match(set->ecosystem, p.name, p.version);
  }
}

}  // namespace fnwarden::analysis::deps
