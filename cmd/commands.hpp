#pragma once

namespace CLI {
class App;
}

namespace bpv::cmd {

class Context;

// One register function per command group; main() calls each once.
void register_init(CLI::App& app, Context& context);
void register_import(CLI::App& app, Context& context);

}  // namespace bpv::cmd
