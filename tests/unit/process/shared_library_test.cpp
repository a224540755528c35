#include <bpv/process/shared_library.hpp>

#include <gtest/gtest.h>

#include <cstddef>
#include <string>

namespace bpv::process {
namespace {

bool starts_with(const std::string& text, const std::string& prefix) { return text.rfind(prefix, 0) == 0; }
bool ends_with(const std::string& text, const std::string& suffix) {
  return text.size() >= suffix.size() && text.compare(text.size() - suffix.size(), suffix.size(), suffix) == 0;
}

TEST(SharedLibrary, ALibraryThatCannotBeLoadedIsNamedWithWhatNeedsItAndWhatToDo) {
  auto library = SharedLibrary::open("libbpv-no-such-library.so.1", "Sending pigeons", "libpigeon",
                                     "install it (Debian: apt-get install libpigeon1)");
  ASSERT_FALSE(library.has_value());
  EXPECT_EQ(library.error().kind, ErrorKind::unexpected);
  const std::string& message = library.error().message;
  EXPECT_TRUE(starts_with(message, "Sending pigeons needs libpigeon, which cannot be loaded (")) << message;
  EXPECT_NE(message.find("libbpv-no-such-library.so.1"), std::string::npos) << message;  // dlerror's reason
  EXPECT_TRUE(ends_with(message, "); install it (Debian: apt-get install libpigeon1)")) << message;
}

TEST(SharedLibrary, FunctionsAreResolvedAndTheFirstMissingOneIsNamed) {
  auto library = SharedLibrary::open("libc.so.6", "Counting", "glibc", "reinstall it");
  ASSERT_TRUE(library.has_value()) << library.error().message;
  std::size_t (*length)(const char*) = nullptr;
  library->resolve(length, "strlen");
  ASSERT_NE(length, nullptr);
  EXPECT_EQ(length("bpv-jobs"), 8u);
  EXPECT_TRUE(library->complete("2.36").has_value());

  int (*missing)() = nullptr;
  library->resolve(missing, "bpv_no_such_function");
  EXPECT_EQ(missing, nullptr);
  int (*also_missing)() = nullptr;
  library->resolve(also_missing, "bpv_nor_this_one");
  library->resolve(length, "strlen");  // found after the missing ones: still incomplete
  auto complete = library->complete("9.99");
  ASSERT_FALSE(complete.has_value());
  EXPECT_EQ(complete.error().message,
            "the installed libc.so.6 lacks bpv_no_such_function; install glibc 9.99 or newer");
}

}  // namespace
}  // namespace bpv::process
