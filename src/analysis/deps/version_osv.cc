// AffectedVersions: OSV `affected` ranges and versions, compiled once and
// matched without allocation.
#include <algorithm>
#include <string>
#include <utility>

#include "analysis/deps/version.h"
#include "analysis/deps/version_internal.h"
#include "util/strings.h"

namespace fnwarden::analysis::deps {
namespace {

// How an unparsable listed version is compared: as written, trimmed (and
// lowercased in PyPI, where versions are case-insensitive).
std::string NormalizedText(model::Ecosystem e, std::string_view text) {
  std::string_view s = TrimBlanks(text);
  return e == model::Ecosystem::kPyPI ? util::ToLower(s) : std::string(s);
}

}  // namespace

AffectedVersions AffectedVersions::Compile(model::Ecosystem ecosystem,
                                           const std::vector<Range>& ranges,
                                           const std::vector<std::string>& versions) {
  AffectedVersions out;
  out.ecosystem_ = ecosystem;
  for (const Range& range : ranges) {
    if (range.type == Range::Type::kGit) continue;
    // SEMVER ranges in npm and Go read the same as the ecosystem's own.
    bool semver = range.type == Range::Type::kSemver && ecosystem == model::Ecosystem::kPyPI;
    model::Ecosystem rules = semver ? model::Ecosystem::kNpm : ecosystem;
    std::vector<Event> events;
    std::string fixed_text;
    bool usable = true;
    bool unlimited = false;
    for (const RangeEvent& e : range.events) {
      Event event;
      event.kind = e.kind;
      if (e.kind == RangeEvent::Kind::kIntroduced && TrimBlanks(e.version) == "0") {
        event.zero = true;
        events.push_back(std::move(event));
        continue;
      }
      if (e.kind == RangeEvent::Kind::kLimit && e.version.find('*') != std::string::npos) {
        unlimited = true;
        continue;
      }
      std::optional<Version> v = Version::Parse(rules, e.version);
      if (!v) {
        usable = false;  // an event that cannot be placed: the range cannot be evaluated
        break;
      }
      event.version = std::move(*v);
      if (e.kind == RangeEvent::Kind::kFixed) {
        event.text_offset = static_cast<uint32_t>(out.fixed_text_.size() + fixed_text.size());
        event.text_size = static_cast<uint16_t>(e.version.size());  // at most 4 * 256 bytes
        fixed_text += e.version;
      }
      events.push_back(std::move(event));
    }
    if (!usable) continue;
    if (unlimited) {
      std::erase_if(events, [](const Event& e) { return e.kind == RangeEvent::Kind::kLimit; });
    }
    std::stable_sort(events.begin(), events.end(), [](const Event& a, const Event& b) {
      if (a.zero || b.zero) return a.zero && !b.zero;
      return a.version.key_ < b.version.key_;
    });
    CompiledRange compiled;
    compiled.first = static_cast<uint32_t>(out.events_.size());
    compiled.last = static_cast<uint32_t>(out.events_.size() + events.size());
    compiled.semver = semver;
    compiled.has_limit = std::any_of(events.begin(), events.end(), [](const Event& e) {
      return e.kind == RangeEvent::Kind::kLimit;
    });
    std::move(events.begin(), events.end(), std::back_inserter(out.events_));
    out.fixed_text_ += fixed_text;
    out.ranges_.push_back(compiled);
  }
  for (const std::string& text : versions) {
    std::optional<Version> v = Version::Parse(ecosystem, text);
    if (!v) {
      out.unparsed_.push_back(NormalizedText(ecosystem, text));
    } else if (!out.ForEachRange(*v, [&](const CompiledRange& r, std::string_view key) {
                 return out.InRange(r, key);
               })) {
      out.versions_.push_back(std::move(*v));  // only what the ranges do not already cover
    }
  }
  std::sort(out.versions_.begin(), out.versions_.end());
  out.versions_.erase(std::unique(out.versions_.begin(), out.versions_.end()), out.versions_.end());
  std::sort(out.unparsed_.begin(), out.unparsed_.end());
  out.unparsed_.erase(std::unique(out.unparsed_.begin(), out.unparsed_.end()), out.unparsed_.end());
  // An index holds hundreds of thousands of these: no spare capacity.
  out.ranges_.shrink_to_fit();
  out.events_.shrink_to_fit();
  out.versions_.shrink_to_fit();
  out.unparsed_.shrink_to_fit();
  out.fixed_text_.shrink_to_fit();
  return out;
}

template <typename F>
bool AffectedVersions::ForEachRange(const Version& v, F f) const {
  KeyWriter semver_key;  // v read as SemVer, for SEMVER ranges in PyPI
  enum { kUnknown, kYes, kNo } as_semver = kUnknown;
  for (const CompiledRange& range : ranges_) {
    std::string_view key = v.key_;
    if (range.semver) {
      if (as_semver == kUnknown) {
        as_semver = Pep440KeyAsSemver(v.key_, &semver_key) && semver_key.ok() ? kYes : kNo;
      }
      if (as_semver == kNo) continue;
      key = semver_key.view();
    }
    if (f(range, key)) return true;
  }
  return false;
}

bool AffectedVersions::InRange(const CompiledRange& range, std::string_view key) const {
  const Event* begin = events_.data() + range.first;
  const Event* end = events_.data() + range.last;
  if (range.has_limit) {
    bool below_a_limit = false;
    for (const Event* e = begin; e != end && !below_a_limit; ++e) {
      below_a_limit = e->kind == RangeEvent::Kind::kLimit && key < e->version.key_;
    }
    if (!below_a_limit) return false;
  }
  bool affected = false;
  for (const Event* e = begin; e != end; ++e) {
    if (e->zero) {
      affected = true;
      continue;
    }
    std::string_view at = e->version.key_;
    if (key < at) break;  // this and every later event leave `affected` as it is
    switch (e->kind) {
      case RangeEvent::Kind::kIntroduced:
        affected = true;
        break;
      case RangeEvent::Kind::kFixed:
        affected = false;
        break;
      case RangeEvent::Kind::kLastAffected:
        if (key > at) affected = false;
        break;
      case RangeEvent::Kind::kLimit:
        break;
    }
  }
  return affected;
}

bool AffectedVersions::Contains(const Version& v) const {
  if (v.ecosystem_ != ecosystem_) return false;
  if (ForEachRange(v,
                   [&](const CompiledRange& r, std::string_view key) { return InRange(r, key); })) {
    return true;
  }
  return std::binary_search(versions_.begin(), versions_.end(), v);
}

bool AffectedVersions::Contains(std::string_view version) const {
  std::optional<Version> v = Version::Parse(ecosystem_, version);
  if (v && Contains(*v)) return true;
  return !unparsed_.empty() && std::binary_search(unparsed_.begin(), unparsed_.end(),
                                                  NormalizedText(ecosystem_, version));
}

std::string AffectedVersions::FixedAfter(const Version& v) const {
  if (v.ecosystem_ != ecosystem_) return "";
  const Event* best = nullptr;
  bool best_semver = false;
  ForEachRange(v, [&](const CompiledRange& r, std::string_view key) {
    if (!InRange(r, key)) return false;
    for (uint32_t i = r.first; i < r.last; ++i) {
      const Event& e = events_[i];
      if (e.kind != RangeEvent::Kind::kFixed || !(key < std::string_view(e.version.key_))) continue;
      // Events are sorted: the first fixed one above is the range's lowest.
      if (best == nullptr || (best_semver == r.semver && e.version.key_ < best->version.key_)) {
        best = &e;
        best_semver = r.semver;
      }
      break;
    }
    return false;
  });
  return best == nullptr ? "" : fixed_text_.substr(best->text_offset, best->text_size);
}

}  // namespace fnwarden::analysis::deps
