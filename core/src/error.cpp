// Error names, the one exception-to-Error translation, and JSON Pointer helpers.
#include "taoquote/error.hpp"

#include "taoquote/decimal.hpp"

#include <new>
#include <stdexcept>

namespace taoquote {

void fail(ErrorCode code, ErrorDoc doc, std::string path, std::string message) {
  throw Failure{Error{code, doc, std::move(path), std::move(message), {}}};
}

Error current_exception_error(ErrorDoc doc) {
  auto error = [doc](ErrorCode code, std::string message) {
    return Error{code, doc, "", std::move(message), {}};
  };
  try {
    throw;
  } catch (const Failure& failure) {
    return failure.error;
  } catch (const OverflowError& o) {
    return error(ErrorCode::overflow, std::string("A number left the documented range (") + o.what +
                                          "): magnitudes must stay below 10^18.");
  } catch (const std::overflow_error& e) {
    // Boost's checked integers report overflow as std::overflow_error.
    return error(ErrorCode::overflow,
                 std::string("A number left the documented range: ") + e.what() + ".");
  } catch (const std::bad_alloc&) {
    return error(ErrorCode::limit_exceeded, "The input needs more memory than is available.");
  } catch (const std::exception& e) {
    return error(ErrorCode::internal, std::string("Internal error: ") + e.what());
  } catch (...) {
    return error(ErrorCode::internal, "Internal error: an unknown exception.");
  }
}

std::string pointer_join(std::string_view base, std::string_view token) {
  std::string out(base);
  out += '/';
  for (char c : token) {
    if (c == '~')
      out += "~0";
    else if (c == '/')
      out += "~1";
    else
      out += c;
  }
  return out;
}

std::string pointer_join(std::string_view base, std::size_t index) {
  std::string out(base);
  out += '/';
  out += std::to_string(index);
  return out;
}

Path Path::operator/(std::string_view token) const {
  return Path(pointer_join(text_, token));
}

Path Path::operator/(std::size_t index) const {
  return Path(pointer_join(text_, index));
}

} // namespace taoquote
