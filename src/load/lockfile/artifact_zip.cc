// Reading a Lambda `.zip` from memory with libarchive. The central directory
// is read first (libarchive's seekable zip reader): it knows every entry's
// sizes, so entries that are not metadata are passed over without being
// decompressed. When it is missing or damaged (a truncated upload), the
// entries are read from their local headers instead (the streamable
// reader), and an entry whose size only a trailing data descriptor gives
// is drained under the decompression budget rather than by libarchive,
// which would decompress it whole.
#include <archive.h>
#include <archive_entry.h>
#include <locale.h>

#include <algorithm>
#include <memory>
#include <set>
#include <string>
#include <string_view>

#include "load/lockfile/artifact.h"
#include "load/lockfile/artifact_internal.h"
#include "util/terminal.h"

namespace fnwarden::load::lockfile {
namespace {

using internal::ArtifactCollector;
using internal::MetaFile;
using internal::MetaPath;
using internal::Problem;

constexpr size_t kChunk = 64 << 10;

struct ArchiveDeleter {
  void operator()(archive* a) const { archive_read_free(a); }
};

// Entry names are UTF-8 (zip's "language encoding" flag) or bytes of an
// unknown code page. libarchive converts the former to the locale's
// charset, and in the "C" locale fnwarden runs in, fails on every non-ASCII
// name. So this thread uses C.UTF-8 while it reads an archive (uselocale
// changes only the calling thread); without C.UTF-8, such names are skipped
// as unsafe.
class ScopedUtf8Locale {
 public:
  ScopedUtf8Locale() {
    static const locale_t utf8 = newlocale(LC_CTYPE_MASK, "C.UTF-8", static_cast<locale_t>(0));
    if (utf8 != static_cast<locale_t>(0)) previous_ = uselocale(utf8);
  }
  ~ScopedUtf8Locale() {
    if (previous_ != static_cast<locale_t>(0)) uselocale(previous_);
  }
  ScopedUtf8Locale(const ScopedUtf8Locale&) = delete;
  ScopedUtf8Locale& operator=(const ScopedUtf8Locale&) = delete;

 private:
  locale_t previous_ = static_cast<locale_t>(0);
};

// How one pass over the archive ended.
struct Pass {
  size_t entries = 0;  // headers read
  bool opened = false;
  bool failed = false;  // stopped at damage (not at the end, not at a limit)
  std::string error;    // libarchive's reason when failed
};

class ZipReader {
 public:
  ZipReader(std::string_view bytes, const ArtifactLimits& limits, ArtifactCollector* collector,
            const std::string& display_path, util::DiagnosticSink* diags)
      : bytes_(bytes),
        limits_(limits),
        collector_(collector),
        display_path_(display_path),
        diags_(diags) {}

  // Reads every entry, by the central directory (`seekable`) or by the
  // local headers.
  Pass Run(bool seekable) {
    Pass pass;
    std::unique_ptr<archive, ArchiveDeleter> a(archive_read_new());
    if (a == nullptr) {
      pass.failed = true;
      pass.error = "out of memory";
      return pass;
    }
    if (seekable) {
      archive_read_support_format_zip_seekable(a.get());
    } else {
      archive_read_support_format_zip_streamable(a.get());
    }
    if (archive_read_open_memory(a.get(), bytes_.data(), bytes_.size()) != ARCHIVE_OK) {
      pass.failed = true;
      pass.error = ErrorOf(a.get());
      return pass;
    }
    pass.opened = true;
    while (!stopped_) {
      archive_entry* entry = nullptr;
      int r = archive_read_next_header(a.get(), &entry);
      if (r == ARCHIVE_EOF) break;
      if (r != ARCHIVE_OK && r != ARCHIVE_WARN) {
        pass.failed = true;
        pass.error = ErrorOf(a.get());
        break;
      }
      if (++pass.entries > limits_.max_entries) {
        Stop("the archive has more than " + std::to_string(limits_.max_entries) +
             " entries; the rest is not read");
        break;
      }
      if (!Entry(a.get(), entry, seekable, &pass)) break;
    }
    return pass;
  }

  bool stopped() const { return stopped_; }

 private:
  static std::string ErrorOf(archive* a) {
    const char* e = archive_error_string(a);
    // libarchive gives no message when an archive read from its local
    // headers ends before its central directory.
    std::string out = util::TerminalSafeLine(e != nullptr ? e : "unexpected end of the archive");
    while (!out.empty() && (out.back() == '\n' || out.back() == ' ' || out.back() == '.')) {
      out.pop_back();
    }
    return out;
  }

  // Reports a limit reached; nothing more is read.
  void Stop(std::string message) {
    stopped_ = true;
    diags_->FileError(display_path_, std::move(message));
  }

  // Counts `n` more decompressed bytes; false (and stops) past the budget.
  bool Spend(uint64_t n) {
    total_ += n;
    if (total_ <= limits_.max_total_bytes) return true;
    Stop("more than " + std::to_string(limits_.max_total_bytes) +
         " bytes would be decompressed; the rest of the archive is not read");
    return false;
  }

  // Reads what is left of the current entry and throws it away, under the
  // budget: in a pass over the local headers, libarchive would decompress an
  // entry of unknown size to find its end, without any cap.
  bool Drain(archive* a, bool seekable, archive_entry* entry, Pass* pass) {
    if (seekable || archive_entry_size_is_set(entry)) return true;
    char buf[kChunk];
    for (;;) {
      la_ssize_t n = archive_read_data(a, buf, sizeof buf);
      if (n == 0) return true;
      if (n < 0) {
        if (n == ARCHIVE_FATAL) {
          pass->failed = true;
          pass->error = ErrorOf(a);
          return false;
        }
        return true;
      }
      if (!Spend(static_cast<uint64_t>(n))) return false;
    }
  }

  // Handles one entry; false to stop the pass.
  bool Entry(archive* a, archive_entry* entry, bool seekable, Pass* pass) {
    const char* raw = archive_entry_pathname(entry);
    if (raw == nullptr) raw = archive_entry_pathname_utf8(entry);
    if (raw == nullptr) {
      collector_->Note(Problem::kUnsafeName, "", "not valid UTF-8");
      return Drain(a, seekable, entry, pass);
    }
    std::string_view name = raw;
    std::string path;
    if (!internal::NormalEntryName(name, &path)) {
      collector_->Note(Problem::kUnsafeName, name);
      return Drain(a, seekable, entry, pass);
    }
    mode_t type = archive_entry_filetype(entry);
    if (type == AE_IFLNK) {
      if (internal::IsPackageLink(path)) collector_->Note(Problem::kLink, path);
      return true;
    }
    if (type == AE_IFDIR || name.back() == '/') return true;
    if (type != AE_IFREG) return Drain(a, seekable, entry, pass);
    if (!seen_.insert(path).second) {
      collector_->Note(Problem::kDuplicate, path);
      return Drain(a, seekable, entry, pass);
    }
    if (archive_entry_is_encrypted(entry)) {
      collector_->Note(Problem::kEncrypted, path);
      return Drain(a, seekable, entry, pass);
    }
    MetaPath meta = internal::ClassifyPath(path);
    if (meta.kind == MetaFile::kNone) {
      if (internal::IsNestedArchive(path)) collector_->Note(Problem::kNestedArchive, path);
      return Drain(a, seekable, entry, pass);
    }
    if (archive_entry_size_is_set(entry) &&
        static_cast<uint64_t>(archive_entry_size(entry)) > limits_.max_metadata_bytes) {
      collector_->Note(Problem::kTooLarge, path,
                       "declares " + std::to_string(archive_entry_size(entry)) + " bytes");
      return Drain(a, seekable, entry, pass);
    }
    std::string text;
    char buf[kChunk];
    for (;;) {
      la_ssize_t n = archive_read_data(a, buf, sizeof buf);
      if (n == 0) break;
      if (n < 0) {
        collector_->Note(Problem::kUnreadable, path, ErrorOf(a));
        if (n == ARCHIVE_FATAL) {
          pass->failed = true;
          pass->error = ErrorOf(a);
          return false;
        }
        return true;
      }
      if (!Spend(static_cast<uint64_t>(n))) return false;
      if (text.size() + static_cast<size_t>(n) > limits_.max_metadata_bytes) {
        // The header said less (or nothing): a lying or streamed entry.
        collector_->Note(Problem::kTooLarge, path,
                         "more than " + std::to_string(limits_.max_metadata_bytes) + " bytes");
        return Drain(a, seekable, entry, pass);
      }
      text.append(buf, static_cast<size_t>(n));
    }
    collector_->Add(meta, path, std::move(text));
    return true;
  }

  std::string_view bytes_;
  const ArtifactLimits& limits_;
  ArtifactCollector* collector_;
  const std::string& display_path_;
  util::DiagnosticSink* diags_;
  std::set<std::string, std::less<>> seen_;
  uint64_t total_ = 0;
  bool stopped_ = false;
};

}  // namespace

bool ReadZipArtifact(std::string_view bytes, const std::string& display_path,
                     const ArtifactLimits& limits, util::SourceSet* sources,
                     util::DiagnosticSink* diags, InstalledPackages* out) {
  if (bytes.size() > limits.max_archive_bytes) {
    diags->FileError(display_path, "the archive is larger than " +
                                       std::to_string(limits.max_archive_bytes) +
                                       " bytes; it is not read");
    return false;
  }
  ScopedUtf8Locale utf8;
  ArtifactCollector collector(display_path, "Lambda zip", display_path + "!", limits, sources,
                              diags);
  ZipReader reader(bytes, limits, &collector, display_path, diags);
  Pass pass = reader.Run(/*seekable=*/true);
  if (pass.failed && pass.entries == 0) {
    // No central directory: a truncated or damaged zip, or not a zip.
    Pass local = reader.Run(/*seekable=*/false);
    if (local.entries == 0 && (local.failed || !local.opened)) {
      diags->FileError(display_path, "not a zip archive: " + pass.error);
      return false;
    }
    if (local.entries == 0) return true;  // an empty zip: nothing but its end record
    diags->FileError(display_path, "the zip's central directory cannot be read (" + pass.error +
                                       "); its entries were read from their local headers");
    pass = local;
  }
  if (pass.failed) {
    diags->FileError(display_path, "the archive is damaged after " + std::to_string(pass.entries) +
                                       " entries (" + pass.error +
                                       "); the packages read before are kept");
  }
  collector.Finish(out);
  return true;
}

bool ReadZipArtifactFile(const util::FileSystem& fs, const util::ScanRoots& roots,
                         const std::string& path, const std::string& display_path,
                         const ArtifactLimits& limits, util::SourceSet* sources,
                         util::DiagnosticSink* diags, InstalledPackages* out) {
  std::string real, err, bytes;
  if (!util::ResolveInsideRoots(fs, roots, path, &real, &err)) {
    diags->FileError(display_path, "cannot read the deployment package: " + err);
    return false;
  }
  util::ReadOptions options;
  options.max_bytes = limits.max_archive_bytes;
  if (fs.Read(real, options, &bytes, nullptr, &err) != util::ReadStatus::kOk) {
    diags->FileError(display_path, "cannot read the deployment package: " + err);
    return false;
  }
  return ReadZipArtifact(bytes, display_path, limits, sources, diags, out);
}

}  // namespace fnwarden::load::lockfile
