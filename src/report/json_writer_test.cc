#include "report/json_writer.h"

#include <gtest/gtest.h>

#include <string>
#include <utility>
#include <vector>

namespace fnwarden::report {
namespace {

std::string Quote(std::string_view s) {
  std::string out;
  AppendJsonString(&out, s);
  return out;
}

TEST(AppendJsonString, EscapesWhatJsonRequires) {
  EXPECT_EQ(Quote("plain"), "\"plain\"");
  EXPECT_EQ(Quote("a\"b\\c"), "\"a\\\"b\\\\c\"");
  EXPECT_EQ(Quote("\n\r\t\b\f"), "\"\\n\\r\\t\\b\\f\"");
  EXPECT_EQ(Quote(std::string("\x01\x1f\x7f", 3)), "\"\\u0001\\u001f\\u007f\"");
  EXPECT_EQ(Quote(std::string("a\0b", 3)), "\"a\\u0000b\"");
}

TEST(AppendJsonString, KeepsValidUtf8AndReplacesInvalidBytes) {
  EXPECT_EQ(Quote("caf\xC3\xA9 \xF0\x9F\x98\x80 \xE2\x82\xAC"), "\"caf\xC3\xA9 \xF0\x9F\x98\x80 \xE2\x82\xAC\"");
  const std::string fffd = "\xEF\xBF\xBD";
  EXPECT_EQ(Quote("a\xFF" "b"), "\"a" + fffd + "b\"");
  EXPECT_EQ(Quote("\xE2\x82"), "\"" + fffd + fffd + "\"");  // truncated sequence
  EXPECT_EQ(Quote("\xC0\xAF"), "\"" + fffd + fffd + "\"");  // overlong '/'
  EXPECT_EQ(Quote("\xED\xA0\x80"), "\"" + fffd + fffd + fffd + "\"");  // a UTF-16 surrogate
  EXPECT_EQ(Quote("\xF4\x90\x80\x80"), "\"" + fffd + fffd + fffd + fffd + "\"");  // > U+10FFFF
  EXPECT_EQ(Quote("\xE2\x80\xA8"), "\"\\u2028\"");
}

// Long strings are scanned in blocks: a byte that needs escaping is found at
// every position, in the first block, a later one or the overlapping tail.
TEST(AppendJsonString, FindsSpecialBytesAtEveryPosition) {
  const std::pair<std::string, std::string> cases[] = {
      {"\"", "\\\""},      {"\\", "\\\\"},           {"\n", "\\n"},           {"\x7f", "\\u007f"},
      {"\x01", "\\u0001"}, {"\xC3\xA9", "\xC3\xA9"}, {"\xFF", "\xEF\xBF\xBD"}};
  for (size_t n = 1; n <= 40; ++n) {
    for (size_t at = 0; at < n; ++at) {
      for (const auto& [raw, escaped] : cases) {
        std::string s = std::string(at, 'a') + raw + std::string(n - at - 1, 'b');
        std::string want =
            "\"" + std::string(at, 'a') + escaped + std::string(n - at - 1, 'b') + "\"";
        EXPECT_EQ(Quote(s), want) << "length " << n << ", at " << at;
      }
    }
    EXPECT_EQ(Quote(std::string(n, 'x')), "\"" + std::string(n, 'x') + "\"");
  }
}

TEST(JsonWriter, NestsAndIndents) {
  JsonWriter w;
  w.BeginObject();
  w.Field("a", 1);
  w.Key("b");
  w.BeginArray();
  w.String("x");
  w.BeginObject();
  w.EndObject();
  w.Bool(false);
  w.Null();
  w.EndArray();
  w.Key("c");
  w.BeginArray();
  w.EndArray();
  w.EndObject();
  EXPECT_EQ(w.Take(),
            "{\n"
            "  \"a\": 1,\n"
            "  \"b\": [\n"
            "    \"x\",\n"
            "    {},\n"
            "    false,\n"
            "    null\n"
            "  ],\n"
            "  \"c\": []\n"
            "}\n");
}

// Runs of list elements written by ListFragment writers go in with Raw()
// or, for a document in pieces, RawPiece(): the joined pieces are the
// same document.
TEST(JsonWriter, PiecesJoinToTheDocumentRawWrites) {
  auto run = [](int from, int to) {
    JsonWriter f = JsonWriter::ListFragment(2);
    for (int i = from; i < to; ++i) {
      f.BeginObject();
      f.Field("i", i);
      f.EndObject();
    }
    return f.TakeFragment();
  };
  auto write = [&](bool in_pieces) {
    std::vector<std::string> pieces;
    JsonWriter w;
    w.BeginObject();
    w.Field("first", true);
    w.Key("items");
    w.BeginArray();
    for (int k = 0; k < 3; ++k) {
      if (in_pieces) {
        w.RawPiece(run(2 * k, 2 * k + 2), &pieces);
      } else {
        w.Raw(run(2 * k, 2 * k + 2));
      }
    }
    w.EndArray();
    w.Field("last", 0);
    w.EndObject();
    w.TakeLastPiece(&pieces);
    return pieces;
  };
  std::vector<std::string> pieces = write(true);
  std::vector<std::string> whole = write(false);
  ASSERT_EQ(whole.size(), 1u);
  EXPECT_EQ(pieces.size(), 7u);  // before each run, each run, the rest
  EXPECT_EQ(JoinPieces(pieces), whole[0]);
  EXPECT_NE(whole[0].find("  \"items\": [\n    {\n      \"i\": 0\n    },\n    {\n      \"i\": 1\n  "
                          "  },\n    {\n      \"i\": 2\n"),
            std::string::npos)
      << whole[0];
}

}  // namespace
}  // namespace fnwarden::report
