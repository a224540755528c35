// The mail outbox, and what the reminder jobs read: waiting weeks, empty weeks, invitees.
#include <bpv/store/sqlite/sqlite_store.hpp>

#include <bpv/store/sqlite/database.hpp>

namespace bpv::store::sqlite {
namespace {

constexpr const char* k_outbox_columns =
    "SELECT id, key, kind, recipient, recipient_name, subject, body, placement_id, created_at, "
    "status, attempts, next_attempt_at, last_error, sent_at FROM outbox ";

OutboxMessage read_message(const Statement& stmt) {
  OutboxMessage message;
  message.id = stmt.column_int(0);
  message.key = stmt.column_text(1);
  message.kind = stmt.column_text(2);
  message.recipient = stmt.column_text(3);
  message.recipient_name = stmt.column_text(4);
  message.subject = stmt.column_text(5);
  message.body = stmt.column_text(6);
  message.placement_id = stmt.column_optional_int(7);
  message.created_at = column_instant(stmt, 8);
  message.status = stmt.column_text(9);
  message.attempts = static_cast<int>(stmt.column_int(10));
  message.next_attempt_at = column_instant(stmt, 11);
  message.last_error = stmt.column_text(12);
  message.sent_at = column_optional_instant(stmt, 13);
  return message;
}

Result<std::vector<OutboxMessage>> read_messages(Statement& stmt) {
  std::vector<OutboxMessage> messages;
  while (true) {
    BPV_TRY_ASSIGN(bool row, stmt.step());
    if (!row) {
      return messages;
    }
    messages.push_back(read_message(stmt));
  }
}

}  // namespace

Result<bool> SqliteStore::enqueue_mail(const OutboxMessage& message) {
  BPV_TRY_ASSIGN(Statement * stmt,
                 m_db->prepare("INSERT INTO outbox (key, kind, recipient, recipient_name, subject, "
                               "body, placement_id, created_at, next_attempt_at) "
                               "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (key) DO NOTHING"));
  stmt->bind(1, message.key)
      .bind(2, message.kind)
      .bind(3, message.recipient)
      .bind(4, message.recipient_name)
      .bind(5, message.subject)
      .bind(6, message.body)
      .bind(7, message.placement_id)
      .bind(8, stamp(message.created_at))
      .bind(9, stamp(message.created_at));
  BPV_TRY(stmt->run());
  return m_db->changes() > 0;
}

Result<bool> SqliteStore::mail_key_exists(std::string_view key) {
  BPV_TRY_ASSIGN(Statement * stmt, m_db->prepare("SELECT 1 FROM outbox WHERE key = ?"));
  stmt->bind(1, key);
  BPV_TRY_ASSIGN(bool row, stmt->step());
  stmt->reset();
  return row;
}

Result<std::vector<OutboxMessage>> SqliteStore::due_mail(core::Instant now, Id after, int limit) {
  BPV_TRY_ASSIGN(Statement * stmt,
                 m_db->prepare_text(std::string(k_outbox_columns) +
                                    "WHERE status = 'pending' AND next_attempt_at <= ? AND id > ? "
                                    "ORDER BY id LIMIT ?"));
  stmt->bind(1, stamp(now)).bind(2, after).bind(3, limit);
  return read_messages(*stmt);
}

Result<std::vector<OutboxMessage>> SqliteStore::list_outbox(std::optional<std::string> status, int limit) {
  std::string sql = k_outbox_columns;
  sql += status ? "WHERE status = ? ORDER BY id DESC LIMIT ?" : "ORDER BY id DESC LIMIT ?";
  BPV_TRY_ASSIGN(Statement * stmt, m_db->prepare_text(sql));
  int index = 1;
  if (status) {
    stmt->bind(index++, *status);
  }
  stmt->bind(index, limit);
  return read_messages(*stmt);
}

Result<OutboxCounts> SqliteStore::outbox_counts(core::Instant now) {
  BPV_TRY_ASSIGN(Statement * stmt,
                 m_db->prepare("SELECT status, count(*), sum(next_attempt_at <= ?) FROM outbox "
                               "GROUP BY status"));
  stmt->bind(1, stamp(now));
  OutboxCounts counts;
  while (true) {
    BPV_TRY_ASSIGN(bool row, stmt->step());
    if (!row) {
      return counts;
    }
    std::string status = stmt->column_text(0);
    int count = static_cast<int>(stmt->column_int(1));
    if (status == "pending") {
      counts.pending = count;
      counts.due = static_cast<int>(stmt->column_int(2));
    } else if (status == "sent") {
      counts.sent = count;
    } else {
      counts.failed = count;
    }
  }
}

Result<void> SqliteStore::mark_mail_sent(Id message, core::Instant now, bool forget_body) {
  BPV_TRY_ASSIGN(Statement * stmt,
                 m_db->prepare("UPDATE outbox SET status = 'sent', sent_at = ?, attempts = attempts + 1, "
                               "last_error = '', body = CASE WHEN ? THEN '' ELSE body END "
                               "WHERE id = ?"));
  stmt->bind(1, stamp(now)).bind(2, forget_body ? 1 : 0).bind(3, message);
  return stmt->run();
}

Result<void> SqliteStore::mark_mail_attempt(Id message, int attempts, std::string_view error,
                                            core::Instant next_attempt_at, bool give_up) {
  BPV_TRY_ASSIGN(Statement * stmt,
                 m_db->prepare("UPDATE outbox SET attempts = ?1, last_error = ?2, next_attempt_at = ?3, "
                               "status = CASE WHEN ?4 THEN 'failed' ELSE status END, "
                               "body = CASE WHEN ?4 AND kind = 'welcome' THEN '' ELSE body END "
                               "WHERE id = ?5"));
  stmt->bind(1, attempts).bind(2, error).bind(3, stamp(next_attempt_at)).bind(4, give_up ? 1 : 0).bind(5, message);
  return stmt->run();
}

Result<std::vector<WaitingWeek>> SqliteStore::waiting_weeks(core::Date ending_from, core::Date last_monday) {
  // Through the partial index entries_unapproved; the weeks are summed here (see week_totals).
  BPV_TRY_ASSIGN(Statement * stmt,
                 m_db->prepare("SELECT e.placement_id, e.entry_date, e.minutes, e.status "
                               "FROM entries AS e JOIN placements AS p ON p.id = e.placement_id "
                               "WHERE e.status <> 'approved' AND p.end_date >= ? AND e.entry_date < ? "
                               "ORDER BY e.placement_id, e.entry_date"));
  std::string from = ending_from.to_string();
  std::string before = last_monday.plus_days(7).to_string();
  stmt->bind_view(1, from).bind_view(2, before);
  std::vector<WaitingWeek> weeks;
  while (true) {
    BPV_TRY_ASSIGN(bool row, stmt->step());
    if (!row) {
      return weeks;
    }
    Id placement = stmt->column_int(0);
    BPV_TRY_ASSIGN(core::Date date, column_date(*stmt, 1));
    core::Date monday = date.plus_days(1 - static_cast<int>(date.iso_weekday()));
    if (weeks.empty() || weeks.back().placement_id != placement || weeks.back().monday != monday) {
      weeks.push_back(WaitingWeek{.placement_id = placement, .monday = monday});
    }
    WaitingWeek& week = weeks.back();
    week.minutes += static_cast<core::Minutes>(stmt->column_int(2));
    ++week.entries;
    if (stmt->column_text(3) == "correction_requested") {
      ++week.correction_requested;
    }
  }
}

Result<std::vector<PlacementContact>> SqliteStore::placement_contacts(core::Date ending_from) {
  BPV_TRY_ASSIGN(Statement * stmt,
                 m_db->prepare("SELECT p.id, s.student_number, su.name, su.email, c.name, t.id, t.name, "
                               "t.email, b.name, b.email FROM placements AS p "
                               "JOIN students AS s ON s.id = p.student_id JOIN users AS su ON su.id = s.user_id "
                               "JOIN companies AS c ON c.id = p.company_id JOIN users AS t ON t.id = p.trainer_id "
                               "JOIN users AS b ON b.id = p.supervisor_id "
                               "WHERE p.end_date >= ? ORDER BY p.id"));
  std::string from = ending_from.to_string();
  stmt->bind_view(1, from);
  std::vector<PlacementContact> contacts;
  while (true) {
    BPV_TRY_ASSIGN(bool row, stmt->step());
    if (!row) {
      return contacts;
    }
    PlacementContact& contact = contacts.emplace_back();
    contact.placement_id = stmt->column_int(0);
    contact.student_number = stmt->column_text(1);
    contact.student_name = stmt->column_text(2);
    contact.student_email = stmt->column_text(3);
    contact.company_name = stmt->column_text(4);
    contact.trainer_id = stmt->column_int(5);
    contact.trainer_name = stmt->column_text(6);
    contact.trainer_email = stmt->column_text(7);
    contact.supervisor_name = stmt->column_text(8);
    contact.supervisor_email = stmt->column_text(9);
  }
}

Result<std::vector<Id>> SqliteStore::placements_without_entries(core::Date from, core::Date to) {
  BPV_TRY_ASSIGN(Statement * stmt,
                 m_db->prepare("SELECT p.id FROM placements AS p "
                               "WHERE p.start_date <= ?2 AND p.end_date >= ?1 AND NOT EXISTS "
                               "(SELECT 1 FROM entries AS e WHERE e.placement_id = p.id "
                               "AND e.entry_date BETWEEN ?1 AND ?2) ORDER BY p.id"));
  std::string first = from.to_string();
  std::string last = to.to_string();
  stmt->bind_view(1, first).bind_view(2, last);
  std::vector<Id> ids;
  while (true) {
    BPV_TRY_ASSIGN(bool row, stmt->step());
    if (!row) {
      return ids;
    }
    ids.push_back(stmt->column_int(0));
  }
}

Result<std::vector<Invitee>> SqliteStore::invitees(bool only_new) {
  BPV_TRY_ASSIGN(Statement * stmt,
                 m_db->prepare("SELECT id, email, name, role, invited_at FROM users "
                               "WHERE disabled = 0 AND (?1 = 0 OR (password_hash IS NULL AND "
                               "invited_at IS NULL)) ORDER BY id"));
  stmt->bind(1, only_new ? 1 : 0);
  std::vector<Invitee> users;
  while (true) {
    BPV_TRY_ASSIGN(bool row, stmt->step());
    if (!row) {
      return users;
    }
    Invitee user;
    user.id = stmt->column_int(0);
    user.email = stmt->column_text(1);
    user.name = stmt->column_text(2);
    BPV_TRY_ASSIGN(user.role, parse_role(stmt->column_text(3)));
    user.invited_at = column_optional_instant(*stmt, 4);
    users.push_back(std::move(user));
  }
}

Result<void> SqliteStore::set_invited(Id user, core::Instant now) {
  BPV_TRY_ASSIGN(Statement * stmt, m_db->prepare("UPDATE users SET invited_at = ? WHERE id = ?"));
  stmt->bind(1, stamp(now)).bind(2, user);
  return stmt->run();
}

}  // namespace bpv::store::sqlite
