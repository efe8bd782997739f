// Command-line parsing for taoquote's subcommands.
#include "args.hpp"

#include <algorithm>

namespace taoquote::cli {

std::optional<Args> Args::parse(const std::vector<std::string>& args,
                                std::initializer_list<OptionSpec> spec, std::string& error) {
  Args out;
  bool options_done = false;
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    if (options_done || a == "-" || a.empty() || a[0] != '-') {
      out.positional_.push_back(a);
      continue;
    }
    if (a == "--") {
      options_done = true;
      continue;
    }
    if (a == "-h" || a == "--help") {
      out.values_["help"] = "";
      continue;
    }
    if (a.rfind("--", 0) != 0) {
      error = "unknown option " + a;
      return std::nullopt;
    }
    const auto eq = a.find('=');
    const std::string name = a.substr(2, eq == std::string::npos ? std::string::npos : eq - 2);
    const auto s =
        std::find_if(spec.begin(), spec.end(), [&](const OptionSpec& o) { return o.name == name; });
    if (s == spec.end()) {
      error = "unknown option --" + name;
      return std::nullopt;
    }
    if (out.values_.count(name)) {
      error = "--" + name + " given twice";
      return std::nullopt;
    }
    if (!s->takes_value) {
      if (eq != std::string::npos) {
        error = "--" + name + " takes no value";
        return std::nullopt;
      }
      out.values_[name] = "";
    } else if (eq != std::string::npos) {
      out.values_[name] = a.substr(eq + 1);
    } else if (i + 1 < args.size()) {
      out.values_[name] = args[++i];
    } else {
      error = "--" + name + " needs a value";
      return std::nullopt;
    }
  }
  return out;
}

std::optional<std::string> Args::value(std::string_view name) const {
  const auto it = values_.find(std::string(name));
  if (it == values_.end()) return std::nullopt;
  return it->second;
}

} // namespace taoquote::cli
