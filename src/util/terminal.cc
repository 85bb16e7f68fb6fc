#include "util/terminal.h"

#include <algorithm>
#include <array>
#include <cstring>

namespace fnwarden::util {
namespace {

constexpr char kHex[] = "0123456789abcdef";

void AppendByteEscape(unsigned char c, std::string* out) {
  out->append("\\x");
  out->push_back(kHex[c >> 4]);
  out->push_back(kHex[c & 0xF]);
}

void AppendCodePointEscape(char32_t c, std::string* out) {
  out->append("\\u");
  for (int shift = 12; shift >= 0; shift -= 4) out->push_back(kHex[(c >> shift) & 0xF]);
}

struct Range {
  char32_t first, last;
};

// Code points a terminal shows in no column: combining marks, zero-width
// spaces and joiners, variation selectors.
constexpr Range kZeroWidth[] = {
    {0x0300, 0x036F}, {0x0483, 0x0489}, {0x0591, 0x05BD}, {0x05BF, 0x05BF}, {0x05C1, 0x05C2},
    {0x05C4, 0x05C5}, {0x05C7, 0x05C7}, {0x0610, 0x061A}, {0x064B, 0x065F}, {0x0670, 0x0670},
    {0x06D6, 0x06DC}, {0x06DF, 0x06E4}, {0x0E31, 0x0E31}, {0x0E34, 0x0E3A}, {0x0E47, 0x0E4E},
    {0x1160, 0x11FF}, {0x1AB0, 0x1AFF}, {0x1DC0, 0x1DFF}, {0x200B, 0x200F}, {0x2060, 0x2064},
    {0x20D0, 0x20FF}, {0xFE00, 0xFE0F}, {0xFE20, 0xFE2F}, {0xFEFF, 0xFEFF}, {0xE0100, 0xE01EF},
};

// East Asian wide and fullwidth code points (Unicode's EastAsianWidth W and
// F, by block where a block is wholly wide), and the emoji shown wide.
constexpr Range kWide[] = {
    {0x1100, 0x115F},   {0x231A, 0x231B},   {0x2329, 0x232A},   {0x23E9, 0x23EC},
    {0x23F0, 0x23F0},   {0x23F3, 0x23F3},   {0x25FD, 0x25FE},   {0x2614, 0x2615},
    {0x2648, 0x2653},   {0x267F, 0x267F},   {0x2693, 0x2693},   {0x26A1, 0x26A1},
    {0x26AA, 0x26AB},   {0x26BD, 0x26BE},   {0x26C4, 0x26C5},   {0x26CE, 0x26CE},
    {0x26D4, 0x26D4},   {0x26EA, 0x26EA},   {0x26F2, 0x26F3},   {0x26F5, 0x26F5},
    {0x26FA, 0x26FA},   {0x26FD, 0x26FD},   {0x2705, 0x2705},   {0x270A, 0x270B},
    {0x2728, 0x2728},   {0x274C, 0x274C},   {0x274E, 0x274E},   {0x2753, 0x2755},
    {0x2757, 0x2757},   {0x2795, 0x2797},   {0x27B0, 0x27B0},   {0x27BF, 0x27BF},
    {0x2B1B, 0x2B1C},   {0x2B50, 0x2B50},   {0x2B55, 0x2B55},   {0x2E80, 0x303E},
    {0x3041, 0x33FF},   {0x3400, 0x4DBF},   {0x4E00, 0x9FFF},   {0xA000, 0xA4CF},
    {0xA960, 0xA97F},   {0xAC00, 0xD7A3},   {0xF900, 0xFAFF},   {0xFE10, 0xFE19},
    {0xFE30, 0xFE6F},   {0xFF00, 0xFF60},   {0xFFE0, 0xFFE6},   {0x16FE0, 0x16FE4},
    {0x17000, 0x18CFF}, {0x1B000, 0x1B2FF}, {0x1F004, 0x1F004}, {0x1F0CF, 0x1F0CF},
    {0x1F18E, 0x1F18E}, {0x1F191, 0x1F19A}, {0x1F200, 0x1F265}, {0x1F300, 0x1F320},
    {0x1F32D, 0x1F335}, {0x1F337, 0x1F37C}, {0x1F37E, 0x1F393}, {0x1F3A0, 0x1F3CA},
    {0x1F3CF, 0x1F3D3}, {0x1F3E0, 0x1F3F0}, {0x1F3F4, 0x1F3F4}, {0x1F3F8, 0x1F43E},
    {0x1F440, 0x1F440}, {0x1F442, 0x1F4FC}, {0x1F4FF, 0x1F53D}, {0x1F54B, 0x1F54E},
    {0x1F550, 0x1F567}, {0x1F57A, 0x1F57A}, {0x1F595, 0x1F596}, {0x1F5A4, 0x1F5A4},
    {0x1F5FB, 0x1F64F}, {0x1F680, 0x1F6C5}, {0x1F6CC, 0x1F6CC}, {0x1F6D0, 0x1F6D2},
    {0x1F6D5, 0x1F6D7}, {0x1F6DC, 0x1F6DF}, {0x1F6EB, 0x1F6EC}, {0x1F6F4, 0x1F6FC},
    {0x1F7E0, 0x1F7EB}, {0x1F7F0, 0x1F7F0}, {0x1F90C, 0x1F93A}, {0x1F93C, 0x1F945},
    {0x1F947, 0x1F9FF}, {0x1FA70, 0x1FAFF}, {0x20000, 0x2FFFD}, {0x30000, 0x3FFFD},
};

template <size_t N>
bool InRanges(const Range (&ranges)[N], char32_t c) {
  const Range* it = std::upper_bound(std::begin(ranges), std::end(ranges), c,
                                     [](char32_t v, const Range& r) { return v < r.first; });
  return it != std::begin(ranges) && c <= (it - 1)->last;
}

// Bidirectional embeddings, overrides and isolates: they reorder what a
// terminal shows around them, so a name could read as something else.
bool IsBidiControl(char32_t c) {
  return (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069);
}

// One unit of a line as a terminal shows it: a character, an escape, a tab
// or a masked secret, with the bytes of the line it stands for.
struct Piece {
  size_t begin = 0, end = 0;  // bytes of the line
  size_t width = 0;           // columns on a terminal (a tab: 1, it is kept as a tab)
  bool tab = false;
  bool masked = false;
};

// Columns a tab is assumed to take when deciding where to cut a long line.
constexpr size_t kTabBudget = 4;
// A line longer than twice this is first cut to this many bytes on each
// side of the caret: more than any window of columns can show.
constexpr size_t kSliceBytes = 2048;
constexpr std::string_view kMask = "****";
constexpr std::string_view kEllipsis = "...";

// Appends the terminal-safe form of the one character at line[i]; returns
// its length in bytes and sets `*width` to the columns the output takes.
size_t AppendOne(std::string_view line, size_t i, bool escape_newline, std::string* out,
                 size_t* width) {
  auto c = static_cast<unsigned char>(line[i]);
  if (c < 0x80) {
    bool control = (c < 0x20 && c != '\t' && (c != '\n' || escape_newline)) || c == 0x7F;
    if (control) {
      AppendByteEscape(c, out);
      *width = 4;
    } else {
      out->push_back(static_cast<char>(c));
      *width = 1;
    }
    return 1;
  }
  size_t length = ValidUtf8Length(line, i);
  if (length == 0) {
    AppendByteEscape(c, out);
    *width = 4;
    return 1;
  }
  char32_t cp = DecodeUtf8(line, i, length);
  if (cp <= 0x9F || IsBidiControl(cp)) {  // C1 controls start at U+0080
    AppendCodePointEscape(cp, out);
    *width = 6;
  } else {
    out->append(line.substr(i, length));
    *width = static_cast<size_t>(CodePointWidth(cp));
  }
  return length;
}

// Length of the prefix of `text` made of printable ASCII (and tabs, and
// newlines unless `line`): what every function here copies as it is, one
// column a byte. Most of what fnwarden prints is such a run.
size_t PlainAsciiLength(std::string_view text, bool line) {
  // Eight bytes at a time while none is below 0x20, 0x7F or above.
  constexpr uint64_t kOnes = 0x0101010101010101ull, kHighs = 0x8080808080808080ull;
  size_t i = 0;
  for (; i + 8 <= text.size(); i += 8) {
    uint64_t x;
    std::memcpy(&x, text.data() + i, 8);
    uint64_t del = x ^ (0x7F * kOnes);
    uint64_t special = (x | ((x - 0x20 * kOnes) & ~x) | ((del - kOnes) & ~del)) & kHighs;
    if (special != 0) break;
  }
  while (i < text.size()) {
    auto c = static_cast<unsigned char>(text[i]);
    bool plain = (c >= 0x20 && c < 0x7F) || c == '\t' || (c == '\n' && !line);
    if (!plain) break;
    ++i;
  }
  return i;
}

}  // namespace

size_t ValidUtf8Length(std::string_view s, size_t i) {
  auto byte = [&](size_t k) { return static_cast<unsigned char>(s[k]); };
  auto cont = [&](size_t k) { return k < s.size() && (byte(k) & 0xC0) == 0x80; };
  unsigned char c = byte(i);
  if (c < 0x80) return 1;
  if (c >= 0xC2 && c <= 0xDF) return cont(i + 1) ? 2 : 0;
  if (c >= 0xE0 && c <= 0xEF) {
    if (!cont(i + 1) || !cont(i + 2)) return 0;
    unsigned char c1 = byte(i + 1);
    if (c == 0xE0 && c1 < 0xA0) return 0;  // overlong
    if (c == 0xED && c1 > 0x9F) return 0;  // surrogate
    return 3;
  }
  if (c >= 0xF0 && c <= 0xF4) {
    if (!cont(i + 1) || !cont(i + 2) || !cont(i + 3)) return 0;
    unsigned char c1 = byte(i + 1);
    if (c == 0xF0 && c1 < 0x90) return 0;  // overlong
    if (c == 0xF4 && c1 > 0x8F) return 0;  // past U+10FFFF
    return 4;
  }
  return 0;
}

char32_t DecodeUtf8(std::string_view s, size_t i, size_t length) {
  static constexpr std::array<unsigned char, 5> kLeadMask = {0, 0x7F, 0x1F, 0x0F, 0x07};
  char32_t cp = static_cast<unsigned char>(s[i]) & kLeadMask[length];
  for (size_t k = 1; k < length; ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
  return cp;
}

int CodePointWidth(char32_t c) {
  if (c < 0x300) return 1;
  if (InRanges(kZeroWidth, c)) return 0;
  return InRanges(kWide, c) ? 2 : 1;
}

size_t DisplayWidth(std::string_view text) {
  size_t width = 0;
  for (size_t i = 0; i < text.size();) {
    if (static_cast<unsigned char>(text[i]) < 0x80) {
      ++width;
      ++i;
      continue;
    }
    size_t length = ValidUtf8Length(text, i);
    if (length <= 1) {
      width += 1;
      i += 1;
      continue;
    }
    width += static_cast<size_t>(CodePointWidth(DecodeUtf8(text, i, length)));
    i += length;
  }
  return width;
}

void AppendTerminalSafe(std::string_view text, std::string* out) {
  size_t width = 0;
  for (size_t i = 0; i < text.size();) {
    size_t plain = PlainAsciiLength(text.substr(i), false);
    out->append(text.substr(i, plain));
    i += plain;
    if (i < text.size()) i += AppendOne(text, i, false, out, &width);
  }
}

std::string TerminalSafe(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  AppendTerminalSafe(text, &out);
  return out;
}

std::string TerminalSafeLine(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  size_t width = 0;
  for (size_t i = 0; i < text.size();) {
    size_t plain = PlainAsciiLength(text.substr(i), true);
    out.append(text.substr(i, plain));
    i += plain;
    if (i < text.size()) i += AppendOne(text, i, true, &out, &width);
  }
  return out;
}

CaretLines SourceWithCaret(std::string_view line, uint32_t col, const SecretFinder& secrets,
                           size_t max_columns) {
  size_t target = col > 0 ? col - 1 : 0;  // the byte the caret points at
  // A very long line (minified JSON) is first cut to the bytes around the
  // caret, so the secret finder and the layout stay cheap; no window of
  // max_columns can reach past them.
  bool cut_left = false, cut_right = false;
  if (line.size() > 2 * kSliceBytes) {
    size_t at = std::min(target, line.size());
    size_t begin = at > kSliceBytes ? at - kSliceBytes : 0;
    size_t end = std::min(line.size(), begin + 2 * kSliceBytes);
    while (begin > 0 && (static_cast<unsigned char>(line[begin]) & 0xC0) == 0x80) --begin;
    while (end < line.size() && (static_cast<unsigned char>(line[end]) & 0xC0) == 0x80) ++end;
    cut_left = begin > 0;
    cut_right = end < line.size();
    line = line.substr(begin, end - begin);
    target -= std::min(target, begin);
  }
  ByteRanges hidden;
  if (secrets) hidden = secrets(line);
  std::sort(hidden.begin(), hidden.end());

  // The common case: a short printable ASCII line, shown as it is.
  if (!cut_left && !cut_right && hidden.empty() && line.size() <= max_columns &&
      PlainAsciiLength(line, true) == line.size() && line.find('\t') == std::string_view::npos) {
    CaretLines out{std::string(line), std::string(std::min(target, line.size()), ' ')};
    out.caret += '^';
    return out;
  }

  // The line as pieces, each rendered into `text` at [offsets[k], offsets[k + 1]).
  std::vector<Piece> pieces;
  std::string text;
  std::vector<size_t> offsets = {0};
  size_t next_hidden = 0;
  for (size_t i = 0; i < line.size();) {
    while (next_hidden < hidden.size() && hidden[next_hidden].second <= i) ++next_hidden;
    Piece p;
    p.begin = i;
    if (next_hidden < hidden.size() && hidden[next_hidden].first <= i) {
      p.end = std::min(line.size(), hidden[next_hidden].second);
      p.width = kMask.size();
      p.masked = true;
      text += kMask;
    } else if (line[i] == '\t') {
      p.end = i + 1;
      p.width = 1;
      p.tab = true;
      text += '\t';
    } else {
      p.end = i + AppendOne(line, i, true, &text, &p.width);
    }
    i = p.end;
    pieces.push_back(p);
    offsets.push_back(text.size());
  }

  // The piece the caret sits under: the one holding the target byte, or
  // one past the last.
  size_t caret_piece = pieces.size();
  for (size_t k = 0; k < pieces.size(); ++k) {
    if (target < pieces[k].end) {
      caret_piece = k;
      break;
    }
  }
  // Columns for the cut: a tab may take several, and a zero-width piece
  // counts as one so that a window never holds unbounded bytes.
  std::vector<size_t> start_column(pieces.size() + 1, 0);
  for (size_t k = 0; k < pieces.size(); ++k) {
    size_t budget = pieces[k].tab ? kTabBudget : std::max<size_t>(pieces[k].width, 1);
    start_column[k + 1] = start_column[k] + budget;
  }
  size_t total = start_column.back();

  // The pieces shown: all, or a window around the caret when too wide.
  size_t first = 0, last = pieces.size();
  if (total > max_columns || cut_left || cut_right) {
    size_t room = max_columns > 2 * kEllipsis.size() ? max_columns - 2 * kEllipsis.size() : 1;
    size_t caret_column = start_column[caret_piece];
    size_t from = caret_column + room / 4 < room ? 0 : caret_column - room / 2;
    size_t to = std::min(total + 1, from + room);  // + 1: the caret may sit past the end
    if (to - from < room) from = to > room ? to - room : 0;
    while (first < pieces.size() && start_column[first] < from) ++first;
    last = first;
    while (last < pieces.size() && start_column[last + 1] <= to) ++last;
    first = std::min(first, caret_piece);
    last = std::max(last, std::min(caret_piece + 1, pieces.size()));
  }

  CaretLines out;
  bool more_left = first > 0 || cut_left, more_right = last < pieces.size() || cut_right;
  if (more_left) out.source += kEllipsis;
  out.source += std::string_view(text).substr(offsets[first], offsets[last] - offsets[first]);
  if (more_right) out.source += kEllipsis;
  if (more_left) out.caret.append(kEllipsis.size(), ' ');
  for (size_t k = first; k < caret_piece && k < last; ++k) {
    if (pieces[k].tab) {
      out.caret += '\t';
    } else {
      out.caret.append(pieces[k].width, ' ');
    }
  }
  out.caret += '^';
  return out;
}

}  // namespace fnwarden::util
