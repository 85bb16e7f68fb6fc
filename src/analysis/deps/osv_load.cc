// Loading OSV records from a folder, a .zip or a .json file. Archives are
// read in memory with libarchive, one entry at a time into one reused
// buffer: nothing is extracted, and an entry's name is only ever a label.
#include <archive.h>
#include <archive_entry.h>

#include <algorithm>
#include <cstring>
#include <memory>
#include <string>
#include <string_view>
#include <utility>

#include "analysis/deps/osv.h"
#include "analysis/deps/osv_internal.h"
#include "util/strings.h"

namespace fnwarden::analysis::deps {
namespace {

using Impl = AdvisoryDb::Impl;

bool EndsWithIgnoreCase(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() &&
         util::EqualsIgnoreCase(s.substr(s.size() - suffix.size()), suffix);
}

// Names of archives that might hide more records: never opened inside an
// archive.
bool IsArchiveName(std::string_view name) {
  for (std::string_view ext :
       {".zip", ".tar", ".tgz", ".gz", ".xz", ".bz2", ".zst", ".7z", ".jar", ".rar"}) {
    if (EndsWithIgnoreCase(name, ext)) return true;
  }
  return false;
}

// Whether an archive entry's name would leave a folder it was extracted to:
// absolute, a drive letter, or a ".." component ('\\' counts as a separator).
bool ClimbsOut(std::string_view name) {
  if (name.empty() || name[0] == '/' || name[0] == '\\') return true;
  if (name.size() >= 2 && name[1] == ':') return true;
  size_t start = 0;
  while (start <= name.size()) {
    size_t end = name.find_first_of("/\\", start);
    if (end == std::string_view::npos) end = name.size();
    if (name.substr(start, end - start) == "..") return true;
    start = end + 1;
  }
  return false;
}

std::string JoinPath(const std::string& folder, const std::string& name) {
  if (folder.empty()) return name;
  return folder.back() == '/' ? folder + name : folder + "/" + name;
}

std::string Megabytes(uint64_t bytes) { return std::to_string(bytes >> 20) + " MB"; }

// libarchive's message as part of one sentence: on one line, without its
// trailing newline or period.
std::string ArchiveError(archive* a) {
  const char* message = archive_error_string(a);
  std::string out;
  for (char c : std::string_view(message != nullptr ? message : "").substr(0, 200)) {
    unsigned char u = static_cast<unsigned char>(c);
    out.push_back(u < 0x20 || u == 0x7f ? ' ' : c);
  }
  while (!out.empty() && (out.back() == ' ' || out.back() == '.')) out.pop_back();
  return out.empty() ? "unknown error" : out;
}

struct ArchiveFree {
  void operator()(archive* a) const { archive_read_free(a); }
};

}  // namespace

bool Impl::Spend(uint64_t bytes, const std::string& display, util::DiagnosticSink* diags) {
  if (out_of_bytes) return false;
  if (bytes > limits.max_total_bytes - std::min(bytes_read, limits.max_total_bytes)) {
    out_of_bytes = true;
    Emit({util::DiagLevel::kError, util::Loc{}, display,
          "the OSV database holds more than " + Megabytes(limits.max_total_bytes) +
              " of records; the rest is not read"},
         diags);
    return false;
  }
  bytes_read += bytes;
  return true;
}

void Impl::LoadZip(std::string_view bytes, const std::string& display,
                   util::DiagnosticSink* diags) {
  std::unique_ptr<archive, ArchiveFree> a(archive_read_new());
  if (!a) return;
  archive_read_support_format_zip(a.get());
  if (archive_read_open_memory(a.get(), bytes.data(), bytes.size()) != ARCHIVE_OK) {
    Emit({util::DiagLevel::kError, util::Loc{}, display,
          "cannot read the archive: " + ArchiveError(a.get())},
         diags);
    return;
  }
  size_t padding = osv_internal::RecordReader::Padding();
  size_t entries = 0;
  while (!out_of_bytes) {
    archive_entry* entry = nullptr;
    int status = archive_read_next_header(a.get(), &entry);
    if (status == ARCHIVE_EOF) break;
    if (status < ARCHIVE_WARN) {
      Emit({util::DiagLevel::kError, util::Loc{}, display,
            "the archive is damaged (" + ArchiveError(a.get()) + "); the rest is not read"},
           diags);
      break;
    }
    if (++entries > limits.max_archive_entries) {
      Emit({util::DiagLevel::kError, util::Loc{}, display,
            "the archive has more than " + std::to_string(limits.max_archive_entries) +
                " entries; the rest are not read"},
           diags);
      break;
    }
    if (archive_entry_filetype(entry) != AE_IFREG) continue;  // folders, links
    const char* raw_name = archive_entry_pathname_utf8(entry);
    if (raw_name == nullptr) raw_name = archive_entry_pathname(entry);
    if (raw_name == nullptr) {
      Emit({util::DiagLevel::kError, util::Loc{}, display,
            "archive entry " + std::to_string(entries) + " has an unreadable name; skipped"},
           diags);
      continue;
    }
    std::string name(raw_name, strnlen(raw_name, 4096));
    std::string entry_display = display + "/" + name;
    if (ClimbsOut(name)) {
      Emit({util::DiagLevel::kError, util::Loc{}, entry_display,
            "archive entry name leaves the archive's folder; skipped"},
           diags);
      continue;
    }
    if (IsArchiveName(name)) {
      Emit({util::DiagLevel::kError, util::Loc{}, entry_display,
            "archive inside the archive is not read"},
           diags);
      continue;
    }
    if (!EndsWithIgnoreCase(name, ".json")) continue;
    if (archive_entry_size_is_set(entry) &&
        static_cast<uint64_t>(archive_entry_size(entry)) > limits.max_record_bytes) {
      Emit({util::DiagLevel::kError, util::Loc{}, entry_display,
            "archive entry is larger than " + Megabytes(limits.max_record_bytes) + "; skipped"},
           diags);
      continue;
    }
    // Read the entry, stopping at the cap whatever its header claimed.
    size_t length = 0;
    bool too_large = false;
    bool failed = false;
    bool fatal = false;
    constexpr size_t kBlock = 256 << 10;
    while (true) {
      if (buffer.size() < length + kBlock) buffer.resize(length + kBlock);
      la_ssize_t n = archive_read_data(a.get(), buffer.data() + length, kBlock);
      if (n == 0) break;
      if (n < 0) {
        failed = true;
        fatal = n == ARCHIVE_FATAL;
        break;
      }
      length += static_cast<size_t>(n);
      if (length > limits.max_record_bytes) {
        too_large = true;
        break;
      }
    }
    if (failed) {
      Emit({util::DiagLevel::kError, util::Loc{}, entry_display,
            "cannot read the archive entry: " + ArchiveError(a.get()) +
                (fatal ? "; the rest of the archive is not read" : "")},
           diags);
      if (fatal) break;
      continue;
    }
    if (too_large) {
      Emit({util::DiagLevel::kError, util::Loc{}, entry_display,
            "archive entry is larger than " + Megabytes(limits.max_record_bytes) + "; skipped"},
           diags);
      continue;
    }
    if (!Spend(length, display, diags)) break;
    if (buffer.size() < length + padding) buffer.resize(length + padding);
    std::memset(buffer.data() + length, 0, padding);
    AddText(std::string_view(buffer.data(), length), entry_display, diags);
  }
}

void Impl::LoadFolder(const util::FileSystem& fs, const std::string& path,
                      const std::string& display, size_t depth, util::DiagnosticSink* diags) {
  if (depth > limits.max_folder_depth) {
    Emit({util::DiagLevel::kError, util::Loc{}, display,
          "folder is nested more than " + std::to_string(limits.max_folder_depth) +
              " levels deep in the OSV database; not read"},
         diags);
    return;
  }
  std::string identity = fs.Identity(path);
  if (!identity.empty()) {
    if (std::find(folders_seen.begin(), folders_seen.end(), identity) != folders_seen.end()) {
      return;  // a link back to a folder already read
    }
    folders_seen.push_back(identity);
  }
  std::vector<util::DirEntry> entries;
  std::string err;
  if (!fs.ListDir(path, &entries, &err)) {
    Emit({util::DiagLevel::kError, util::Loc{}, display, "cannot list the folder: " + err}, diags);
    return;
  }
  std::sort(entries.begin(), entries.end(),
            [](const util::DirEntry& x, const util::DirEntry& y) { return x.name < y.name; });
  for (const util::DirEntry& e : entries) {
    if (out_of_bytes) return;
    if (e.name.empty() || e.name[0] == '.') continue;  // .git and other hidden entries
    util::EntryKind kind = e.kind;
    std::string child = JoinPath(path, e.name);
    if (kind == util::EntryKind::kSymlink) kind = fs.Stat(child, nullptr);
    bool wanted = kind == util::EntryKind::kDirectory ||
                  (kind == util::EntryKind::kFile &&
                   (EndsWithIgnoreCase(e.name, ".json") || EndsWithIgnoreCase(e.name, ".zip")));
    if (wanted) LoadPath(fs, child, JoinPath(display, e.name), kind, depth + 1, diags);
  }
}

void Impl::LoadPath(const util::FileSystem& fs, const std::string& path, const std::string& display,
                    util::EntryKind kind, size_t depth, util::DiagnosticSink* diags) {
  if (kind == util::EntryKind::kDirectory) {
    LoadFolder(fs, path, display, depth, diags);
    return;
  }
  bool zip_name = EndsWithIgnoreCase(path, ".zip");
  uint64_t cap = zip_name ? limits.max_archive_bytes : limits.max_record_bytes;
  std::string contents;
  std::string err;
  uint64_t size = 0;
  util::ReadStatus status = fs.Read(path, util::ReadOptions{cap, true}, &contents, &size, &err);
  if (status == util::ReadStatus::kTooLarge) {
    Emit({util::DiagLevel::kError, util::Loc{}, display,
          std::string(zip_name ? "archive" : "OSV record") + " is larger than " + Megabytes(cap) +
              "; skipped"},
         diags);
    return;
  }
  if (status != util::ReadStatus::kOk) {
    Emit({util::DiagLevel::kError, util::Loc{}, display, "cannot read the file: " + err}, diags);
    return;
  }
  if (zip_name || std::string_view(contents).starts_with("PK\x03\x04")) {
    LoadZip(contents, display, diags);
    return;
  }
  if (!Spend(contents.size(), display, diags)) return;
  size_t length = contents.size();
  contents.append(osv_internal::RecordReader::Padding(), '\0');
  AddText(std::string_view(contents.data(), length), display, diags);
}

bool AdvisoryDb::Load(const util::FileSystem& fs, const std::string& path,
                      util::DiagnosticSink* diags) {
  Impl& d = *impl_;
  d.records_read = 0;
  d.diag_budget = d.limits.max_diagnostics;
  d.diags_dropped = 0;
  d.dropped_error = false;
  d.sources_kept = 0;
  d.bytes_read = 0;
  d.out_of_bytes = false;
  d.folders_seen.clear();
  size_t diags_before = diags->size();

  util::EntryKind kind = fs.Stat(path, nullptr);
  if (kind == util::EntryKind::kMissing) {
    diags->FileError(path, "cannot read the OSV database: no such file or folder");
  } else if (kind != util::EntryKind::kDirectory && kind != util::EntryKind::kFile) {
    diags->FileError(path, "cannot read the OSV database: not a file or a folder");
  } else {
    d.LoadPath(fs, path, path, kind, 0, diags);
  }
  size_t dropped = d.diags_dropped;
  bool dropped_error = d.dropped_error;
  d.diag_budget = static_cast<size_t>(-1);
  if (dropped > 0) {
    diags->Add({dropped_error ? util::DiagLevel::kError : util::DiagLevel::kWarning, util::Loc{},
                path, std::to_string(dropped) + " more problems in the OSV database not shown"});
  }
  if (d.records_read == 0 && kind != util::EntryKind::kMissing && diags->size() == diags_before) {
    diags->FileError(path, "no OSV records found");
  }
  d.folders_seen.clear();
  return d.records_read > 0;
}

}  // namespace fnwarden::analysis::deps
