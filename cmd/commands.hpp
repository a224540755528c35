#pragma once

namespace CLI {
class App;
}

namespace bpv::cmd {

class Context;

// One register function per command group; main() calls each once.
void register_init(CLI::App& app, Context& context);
void register_import(CLI::App& app, Context& context);
void register_session(CLI::App& app, Context& context);    // login, logout, whoami, passwd
void register_users(CLI::App& app, Context& context);      // users add|set-password|list|disable
void register_dashboard(CLI::App& app, Context& context);  // dashboard
void register_students(CLI::App& app, Context& context);   // students list|show
void register_logbook(CLI::App& app, Context& context);    // logbook show
void register_approval(CLI::App& app, Context& context);   // approve-week, request-correction,
                                                           // withdraw-correction, reopen-week
void register_audit(CLI::App& app, Context& context);      // audit
void register_positions(CLI::App& app, Context& context);  // positions add|list|show|close
void register_hours(CLI::App& app, Context& context);      // hours add|edit|delete|list
void register_calendar(CLI::App& app, Context& context);   // calendar import|list
void register_violations(CLI::App& app, Context& context); // violations list
void register_placements(CLI::App& app, Context& context); // placements allow-vacation
void register_export(CLI::App& app, Context& context);     // export hours|summary

}  // namespace bpv::cmd
