// The one exception-to-Error translation (error.hpp `guarded`): each kind of failure becomes
// its documented code, with the document it concerns.
#include "taoquote/decimal.hpp"
#include "taoquote/error.hpp"

#include <doctest/doctest.h>

#include <new>
#include <stdexcept>

namespace {

using namespace taoquote;

template <class F> Error error_of(ErrorDoc doc, F&& thrower) {
  const Result<int> r = guarded(doc, [&]() -> Result<int> {
    thrower();
    return 0;
  });
  REQUIRE(!r.ok());
  return r.error();
}

} // namespace

TEST_CASE("guarded turns every exception into its error value") {
  const Error failure = error_of(ErrorDoc::request, [] {
    fail(ErrorCode::below_moq, ErrorDoc::request, "/items/0/quantity", "Too few.");
  });
  CHECK(failure.code == ErrorCode::below_moq);
  CHECK(failure.path == "/items/0/quantity");
  CHECK(failure.message == "Too few.");

  const Error overflow = error_of(ErrorDoc::rulebook, [] {
    const Decimal big = Decimal::from_int(999'999'999'999'999'999);
    (void)(big + big);
  });
  CHECK(overflow.code == ErrorCode::overflow);
  CHECK(overflow.doc == ErrorDoc::rulebook);

  const Error boost_overflow =
      error_of(ErrorDoc::request, [] { throw std::overflow_error("checked integer"); });
  CHECK(boost_overflow.code == ErrorCode::overflow);

  const Error memory = error_of(ErrorDoc::request, [] { throw std::bad_alloc(); });
  CHECK(memory.code == ErrorCode::limit_exceeded);
  CHECK(memory.message == "The input needs more memory than is available.");

  const Error internal = error_of(ErrorDoc::request, [] { throw std::logic_error("bug"); });
  CHECK(internal.code == ErrorCode::internal);
  CHECK(internal.message == "Internal error: bug");

  const Error unknown = error_of(ErrorDoc::request, [] { throw 42; });
  CHECK(unknown.code == ErrorCode::internal);
}

TEST_CASE("guarded passes values through untouched") {
  const Result<int> r = guarded(ErrorDoc::request, []() -> Result<int> { return 7; });
  REQUIRE(r.ok());
  CHECK(r.value() == 7);
}
