// A small streaming JSON writer with two-space indentation, used by the JSON
// and SARIF reporters. Strings are escaped per RFC 8259: quotes, backslashes
// and control characters are escaped, and bytes that are not valid UTF-8
// become U+FFFD, so the output is always valid JSON in valid UTF-8.
#ifndef FNWARDEN_REPORT_JSON_WRITER_H_
#define FNWARDEN_REPORT_JSON_WRITER_H_

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace fnwarden::report {

// Appends `s` as a quoted, escaped JSON string.
void AppendJsonString(std::string* out, std::string_view s);

// Usage: w.BeginObject(); w.Key("a"); w.Int(1); w.EndObject(); w.Take().
// Calls must nest correctly (checked only by tests).
class JsonWriter {
 public:
  JsonWriter() = default;
  // A writer for one value that another writer inserts with Raw() as an
  // element nested `depth` containers deep (its lines are indented to
  // match). TakeFragment() returns its text.
  static JsonWriter Fragment(size_t depth);
  // The same for a run of consecutive elements of a list `depth` containers
  // deep, inserted with one Raw(): the first starts without a separator,
  // the others have the list's. `depth` is at least 1.
  static JsonWriter ListFragment(size_t depth);

  // Makes room for `n` more bytes of output, for callers that know the
  // size roughly: saves the buffer's repeated growth.
  void Reserve(size_t n) { out_.reserve(out_.size() + n); }

  void BeginObject() { Open('{'); }
  void EndObject() { Close('}'); }
  void BeginArray() { Open('['); }
  void EndArray() { Close(']'); }
  void Key(std::string_view key);
  void String(std::string_view s);
  void Int(int64_t v);
  void Bool(bool v);
  void Null();

  // Key + value in one call.
  void Field(std::string_view key, std::string_view s) { Key(key); String(s); }
  void Field(std::string_view key, const char* s) { Key(key); String(s); }
  void Field(std::string_view key, const std::string& s) { Key(key); String(s); }
  void Field(std::string_view key, int64_t v) { Key(key); Int(v); }
  void Field(std::string_view key, uint64_t v) { Key(key); Int(static_cast<int64_t>(v)); }
  void Field(std::string_view key, uint32_t v) { Key(key); Int(v); }
  void Field(std::string_view key, int v) { Key(key); Int(v); }
  void Field(std::string_view key, bool v) { Key(key); Bool(v); }

  // A value written by a Fragment writer of this writer's depth, as the
  // next element.
  void Raw(std::string_view fragment);

  // Raw() for a document written in pieces (a large report goes out piece
  // by piece instead of being joined first): what was written so far
  // becomes the next of `pieces`, and `fragment` the one after it.
  void RawPiece(std::string fragment, std::vector<std::string>* pieces);

  // The document, ending in a newline.
  std::string Take();
  // The rest of a document written with RawPiece(), as its last piece
  // (JoinPieces below makes the whole document of them).
  void TakeLastPiece(std::vector<std::string>* pieces) { pieces->push_back(Take()); }

  // Elements 0..n-1 of the list being written, `depth` containers deep,
  // rendered side by side on `jobs` threads (0: every hardware thread) in
  // runs of consecutive elements, each run one of `pieces` (see
  // RawPiece): a report has up to hundreds of thousands of results.
  // `write(i, w)` writes element i, which is about `size_hint(i)` bytes.
  void ElementsInPieces(size_t n, size_t depth, unsigned jobs,
                        const std::function<size_t(size_t)>& size_hint,
                        const std::function<void(size_t, JsonWriter*)>& write,
                        std::vector<std::string>* pieces);
  // A Fragment writer's value, without the newline.
  std::string TakeFragment() { return std::move(out_); }

 private:
  void BeforeValue();
  // Writes what comes before the next element of the innermost container:
  // a comma unless it is the first, a new line and the indentation.
  void Separate();
  void Open(char c);
  void Close(char c);

  std::string out_;
  std::vector<size_t> counts_;  // values written in each open container
  // ",\n" and two spaces per open container: what goes before every element
  // but the first, kept up to date so that it is appended in one piece.
  std::string separator_ = ",\n";
  bool after_key_ = false;
};

// The document that `pieces` (written with RawPiece) make, in one string.
std::string JoinPieces(const std::vector<std::string>& pieces);

}  // namespace fnwarden::report

#endif  // FNWARDEN_REPORT_JSON_WRITER_H_
