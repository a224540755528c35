#include <bpv/import/csv_reader.hpp>

#include "support/temp_dir.hpp"

#include <gtest/gtest.h>

namespace bpv::import {
namespace {

using Records = std::vector<std::vector<std::string>>;

struct ReadResult {
  std::vector<std::string> header;
  char separator = 0;
  Records records;
  std::vector<std::size_t> lines;
};

ReadResult read_all(const std::string& content) {
  test::TempDir dir;
  auto reader = CsvReader::open(dir.write("in.csv", content));
  EXPECT_TRUE(reader.has_value()) << (reader ? "" : reader.error().message);
  ReadResult result;
  if (!reader) {
    return result;
  }
  result.header = reader->header();
  result.separator = reader->separator();
  std::vector<std::string_view> fields;
  while (true) {
    auto more = reader->next(fields);
    EXPECT_TRUE(more.has_value()) << (more ? "" : more.error().message);
    if (!more || !*more) {
      break;
    }
    result.records.emplace_back(fields.begin(), fields.end());
    result.lines.push_back(reader->line());
  }
  return result;
}

TEST(CsvReader, ReadsCommaSeparatedWithHeader) {
  auto result = read_all("a,b,c\n1,2,3\n4,5,6\n");
  EXPECT_EQ(result.separator, ',');
  EXPECT_EQ(result.header, (std::vector<std::string>{"a", "b", "c"}));
  EXPECT_EQ(result.records, (Records{{"1", "2", "3"}, {"4", "5", "6"}}));
  EXPECT_EQ(result.lines, (std::vector<std::size_t>{2, 3}));
}

TEST(CsvReader, DetectsSemicolonAndTab) {
  EXPECT_EQ(read_all("a;b;c\n1,5;2;3\n").separator, ';');
  EXPECT_EQ(read_all("a;b;c\n1,5;2;3\n").records, (Records{{"1,5", "2", "3"}}));
  EXPECT_EQ(read_all("a\tb\n1\t2\n").separator, '\t');
}

TEST(CsvReader, SkipsByteOrderMarkAndHandlesCrLf) {
  auto result = read_all("\xEF\xBB\xBFnaam;uren\r\nÇelik;7,5\r\nÖzdemir;8\r\n");
  EXPECT_EQ(result.header, (std::vector<std::string>{"naam", "uren"}));
  EXPECT_EQ(result.records, (Records{{"Çelik", "7,5"}, {"Özdemir", "8"}}));
}

TEST(CsvReader, UnquotesSeparatorsQuotesAndLineBreaks) {
  auto result = read_all("a;b\n\"x;y\";\"say \"\"hi\"\"\"\n\"two\nlines\";z\nlast;row\n");
  EXPECT_EQ(result.records, (Records{{"x;y", "say \"hi\""}, {"two\nlines", "z"}, {"last", "row"}}));
  // The record after a quoted line break starts on line 5.
  EXPECT_EQ(result.lines, (std::vector<std::size_t>{2, 3, 5}));
}

TEST(CsvReader, SkipsBlankLinesAndKeepsEmptyFields) {
  auto result = read_all("a,b,c\n\n1,,3\n\n4,5,\n\n");
  EXPECT_EQ(result.records, (Records{{"1", "", "3"}, {"4", "5", ""}}));
  EXPECT_EQ(result.lines, (std::vector<std::size_t>{3, 5}));
}

TEST(CsvReader, ReadsLastLineWithoutLineBreak) {
  EXPECT_EQ(read_all("a,b\n1,2").records, (Records{{"1", "2"}}));
}

TEST(CsvReader, ReportsUnclosedQuoteWithItsLine) {
  test::TempDir dir;
  auto reader = CsvReader::open(dir.write("in.csv", "a,b\n1,2\n\"open,3\n4,5\n"));
  ASSERT_TRUE(reader.has_value());
  std::vector<std::string_view> fields;
  ASSERT_TRUE(*reader->next(fields));
  auto broken = reader->next(fields);
  ASSERT_FALSE(broken.has_value());
  EXPECT_NE(broken.error().message.find(":3: a quoted field is not closed"), std::string::npos)
      << broken.error().message;
}

TEST(CsvReader, RefusesEmptyFileAndMissingFile) {
  test::TempDir dir;
  auto empty = CsvReader::open(dir.write("empty.csv", ""));
  ASSERT_FALSE(empty.has_value());
  EXPECT_NE(empty.error().message.find("empty"), std::string::npos);
  auto missing = CsvReader::open(dir / "missing.csv");
  ASSERT_FALSE(missing.has_value());
  EXPECT_NE(missing.error().message.find("cannot read"), std::string::npos);
}

TEST(CsvReader, StreamsRecordsAcrossBufferBoundaries) {
  // Far more than one 1 MiB read, with quoted line breaks falling on arbitrary offsets.
  std::string content = "n,note\n";
  constexpr int k_rows = 60'000;
  for (int i = 0; i < k_rows; ++i) {
    content += std::to_string(i) + ",\"note " + std::to_string(i) + "\nsecond, line\"\n";
  }
  auto result = read_all(content);
  ASSERT_EQ(result.records.size(), static_cast<std::size_t>(k_rows));
  for (int i = 0; i < k_rows; i += 997) {
    EXPECT_EQ(result.records[static_cast<std::size_t>(i)][0], std::to_string(i));
    EXPECT_EQ(result.records[static_cast<std::size_t>(i)][1],
              "note " + std::to_string(i) + "\nsecond, line");
    EXPECT_EQ(result.lines[static_cast<std::size_t>(i)], static_cast<std::size_t>(2 + 2 * i));
  }
}

TEST(Columns, FindsNamesWithoutRegardToCase) {
  Columns columns({"Student_Number", "date", "Hours"});
  EXPECT_EQ(columns.find("student_number"), 0u);
  EXPECT_EQ(columns.find("hours"), 2u);
  EXPECT_FALSE(columns.find("activity").has_value());
}

}  // namespace
}  // namespace bpv::import
