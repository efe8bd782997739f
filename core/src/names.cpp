// JSON names of enumerations (the inverse of the codec's readers).
#include "taoquote/names.hpp"

namespace taoquote {

std::string_view platform_name(Platform p) noexcept {
  switch (p) {
  case Platform::p1688: return "1688";
  case Platform::taobao: return "taobao";
  case Platform::pinduoduo: return "pinduoduo";
  }
  return "";
}

std::string_view mode_name(LineMode m) noexcept {
  switch (m) {
  case LineMode::courier: return "courier";
  case LineMode::postal: return "postal";
  case LineMode::freight: return "freight";
  }
  return "";
}

std::string_view basis_name(Valuation::Basis b) noexcept {
  switch (b) {
  case Valuation::Basis::fob: return "fob";
  case Valuation::Basis::cif: return "cif";
  case Valuation::Basis::price_rate: return "price_rate";
  }
  return "";
}

std::string_view basis_name(Threshold::Basis b) noexcept {
  return b == Threshold::Basis::goods ? "goods" : "customs_value";
}

} // namespace taoquote
