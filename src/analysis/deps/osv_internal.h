// Shared by the osv*.cc files: one OSV record as read from its JSON, before
// it enters the database (osv.cc), and the reader that produces it
// (osv_record.cc), which keeps simdjson out of the other files.
#ifndef FNWARDEN_ANALYSIS_DEPS_OSV_INTERNAL_H_
#define FNWARDEN_ANALYSIS_DEPS_OSV_INTERNAL_H_

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "analysis/deps/osv.h"
#include "analysis/deps/version.h"
#include "model/packages.h"
#include "util/diagnostic.h"
#include "util/fs.h"
#include "util/source.h"
#include "util/strings.h"

namespace fnwarden::analysis::deps::osv_internal {

// Caps on one record's parts; what goes past them is skipped with a problem.
inline constexpr size_t kMaxIdBytes = 128;
inline constexpr size_t kMaxNameBytes = 512;
inline constexpr size_t kMaxVersionBytes = 256;
inline constexpr size_t kMaxUrlBytes = 2048;
inline constexpr size_t kMaxSummaryBytes = 120;
inline constexpr size_t kMaxAliases = 256;
inline constexpr size_t kMaxAffected = 4096;
inline constexpr size_t kMaxRanges = 256;
inline constexpr size_t kMaxEvents = 1024;
inline constexpr size_t kMaxVersions = 100'000;

// Something wrong in a record, at a byte offset of its text when known.
struct Problem {
  static constexpr size_t kNoOffset = static_cast<size_t>(-1);
  size_t offset = kNoOffset;
  util::DiagLevel level = util::DiagLevel::kError;
  std::string message;
};

struct ParsedAffected {
  model::Ecosystem ecosystem = model::Ecosystem::kNpm;
  std::string name;  // as written
  std::vector<Range> ranges;
  std::vector<std::string> versions;
  std::string severity;  // its database_specific.severity, as written ("" when none)
};

struct ParsedRecord {
  std::string id;
  std::string modified;
  bool withdrawn = false;
  std::vector<std::string> aliases;      // valid IDs only, as written
  std::string summary;                   // one line, cut (osv.h)
  std::string url;                       // http(s) only; "" when the record gives none
  std::string cvss_v3;                   // the first CVSS_V3 vector, as written
  std::string cvss_v2;                   // the first CVSS_V2 vector
  std::string cvss_other;                // the first other CVSS vector (CVSS_V4)
  std::string severity;                  // the record's database_specific.severity
  std::vector<ParsedAffected> affected;  // npm, PyPI and Go entries only
};

// Whether `id` can be an advisory ID: 1 to kMaxIdBytes of letters, digits
// and "-_.:".
bool IsValidId(std::string_view id);

// `s` in double quotes for a diagnostic's message: at most 64 bytes (cut
// at a UTF-8 boundary, with "…"), control characters shown as '?'.
std::string Quoted(std::string_view s);

// The summary osv.h describes, from `summary` or else `details`.
std::string OneLineSummary(std::string_view summary, std::string_view details);

// Reads OSV records with one reused simdjson parser. Not thread-safe.
class RecordReader {
 public:
  RecordReader();
  ~RecordReader();

  // Bytes that must be readable after a record's text (simdjson's padding).
  static size_t Padding();

  // Reads `json`, which must be followed by Padding() readable bytes, into
  // `*out` (both `*out` and `*problems` are reset first). False when the
  // record cannot be used at all (not JSON, not an object, no valid "id");
  // `problems` then says why, and otherwise what was skipped.
  bool Read(std::string_view json, ParsedRecord* out, std::vector<Problem>* problems);

 private:
  struct State;
  std::unique_ptr<State> state_;
};

// Copies of strings that never move: the database's texts, viewed by
// string_views that stay valid as long as the arena.
class Arena {
 public:
  std::string_view Copy(std::string_view s);

 private:
  static constexpr size_t kChunk = 1 << 20;
  std::vector<std::unique_ptr<char[]>> chunks_;
  size_t used_ = kChunk;  // of the last chunk
};

// "critical" 4, "high" 3, "medium" 2, "low" 1, none 0.
using SeverityRank = uint8_t;
std::string_view SeverityWord(SeverityRank rank);
// GitHub's CRITICAL, HIGH, MODERATE (or MEDIUM), LOW in any case; 0 else.
SeverityRank RankOfDatabaseSeverity(std::string_view word);

}  // namespace fnwarden::analysis::deps::osv_internal

namespace fnwarden::analysis::deps {

// The database's state, shared by osv.cc (records, index, matching) and
// osv_load.cc (files and archives).
struct AdvisoryDb::Impl {
  static constexpr uint32_t kNone = static_cast<uint32_t>(-1);

  // A kept record. Its texts live in `arena`.
  struct Record {
    uint32_t id = 0;             // an ID number (`id_text`)
    uint32_t aliases_begin = 0;  // its aliases' ID numbers: alias_ids[begin, begin + count)
    uint32_t aliases_count = 0;
    std::string_view summary;
    std::string_view url;  // "" for osv.dev's page
    std::string_view cvss_vector;
    float cvss_score = -1;
    bool live = true;  // false once a later copy supersedes it
  };
  // One package's compiled versions for one record.
  struct Entry {
    uint32_t record = 0;
    osv_internal::SeverityRank severity = 0;
    AffectedVersions versions;
  };
  // What is known of an ID that was a record's `id`.
  struct IdState {
    bool seen = false;
    uint32_t record = kNone;    // the kept record with this ID
    std::string_view modified;  // of the copy that counts
  };

  Impl(util::SourceSet* sources, OsvLimits limits) : sources(sources), limits(limits) {}

  // osv.cc
  uint32_t Intern(std::string_view id);
  // Adds a read record (`parsed`); problems of its meaning go to `problems`.
  void AddParsed(osv_internal::ParsedRecord* parsed, std::vector<osv_internal::Problem>* problems);
  // Reads the record in `text` (followed by RecordReader::Padding() bytes)
  // and reports its problems; true when it was read.
  bool AddText(std::string_view text, std::string_view display_name, util::DiagnosticSink* diags);
  void Report(std::string_view display_name, std::string_view text,
              const std::vector<osv_internal::Problem>& problems, util::DiagnosticSink* diags);
  // Adds a diagnostic unless the Load's budget is spent.
  void Emit(util::Diagnostic d, util::DiagnosticSink* diags);

  // osv_load.cc
  void LoadPath(const util::FileSystem& fs, const std::string& path, const std::string& display,
                util::EntryKind kind, size_t depth, util::DiagnosticSink* diags);
  void LoadFolder(const util::FileSystem& fs, const std::string& path, const std::string& display,
                  size_t depth, util::DiagnosticSink* diags);
  void LoadZip(std::string_view bytes, const std::string& display, util::DiagnosticSink* diags);
  bool Spend(uint64_t bytes, const std::string& display, util::DiagnosticSink* diags);

  util::SourceSet* sources;
  OsvLimits limits;

  // Loading.
  std::unique_ptr<osv_internal::RecordReader> reader;
  std::string buffer;  // one record's text and its padding
  osv_internal::ParsedRecord parsed;
  std::vector<osv_internal::Problem> problems;
  size_t records_read = 0;  // by the current Load
  size_t diag_budget = static_cast<size_t>(-1);
  size_t diags_dropped = 0;
  bool dropped_error = false;
  size_t sources_kept = 0;
  uint64_t bytes_read = 0;  // by the current Load
  bool out_of_bytes = false;
  std::vector<std::string> folders_seen;  // identities, against link loops

  // The database.
  osv_internal::Arena arena;
  std::unordered_map<std::string_view, uint32_t> id_numbers;
  std::vector<std::string_view> id_text;  // by ID number
  std::vector<IdState> id_states;         // by ID number
  std::vector<uint32_t> alias_ids;
  std::vector<Record> records;
  // By ecosystem (one byte) + NormalizeName(name).
  std::unordered_map<std::string, std::vector<Entry>, util::StringViewHash, std::equal_to<>> index;
  size_t kept = 0;
  std::string newest_modified;
};

}  // namespace fnwarden::analysis::deps

#endif  // FNWARDEN_ANALYSIS_DEPS_OSV_INTERNAL_H_
