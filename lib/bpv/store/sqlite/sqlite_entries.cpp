// Entries: the hours of one placement and day.
#include <bpv/store/sqlite/sqlite_store.hpp>

#include <bpv/store/sqlite/database.hpp>

namespace bpv::store::sqlite {
namespace {

Result<EntryRecord> read_entry(const Statement& stmt, Id placement) {
  EntryRecord entry;
  entry.placement_id = placement;
  BPV_TRY_ASSIGN(entry.date, column_date(stmt, 0));
  entry.minutes = stmt.column_int(1);
  entry.activity = stmt.column_text(2);
  BPV_TRY_ASSIGN(entry.status, parse_entry_status(stmt.column_text(3)));
  entry.approved_by = stmt.column_optional_int(4);
  entry.approved_at = column_optional_instant(stmt, 5);
  return entry;
}

}  // namespace

Result<std::vector<PlacementSpan>> SqliteStore::placement_spans() {
  BPV_TRY_ASSIGN(Statement * stmt,
                 m_db->prepare("SELECT p.id, s.student_number, p.start_date, p.end_date "
                               "FROM placements p JOIN students s ON s.id = p.student_id "
                               "ORDER BY s.student_number, p.start_date"));
  std::vector<PlacementSpan> spans;
  while (true) {
    BPV_TRY_ASSIGN(bool row, stmt->step());
    if (!row) {
      break;
    }
    PlacementSpan span;
    span.placement_id = stmt->column_int(0);
    span.student_number = stmt->column_text(1);
    BPV_TRY_ASSIGN(span.start, column_date(*stmt, 2));
    BPV_TRY_ASSIGN(span.end, column_date(*stmt, 3));
    spans.push_back(std::move(span));
  }
  return spans;
}

Result<Upsert> SqliteStore::upsert_entry(const EntryFields& fields, core::Instant now) {
  // Insert first (the common case of a new import), then update only when something differs,
  // so a repeated import leaves rows and their updated_at alone.
  char date[core::Date::k_iso_length];
  fields.date.write_iso(date);
  std::string_view date_text(date, sizeof date);
  std::int64_t at = stamp(now);
  BPV_TRY_ASSIGN(Statement * insert,
                 m_db->prepare("INSERT INTO entries (placement_id, entry_date, minutes, activity, "
                               "status, approved_at, created_at, updated_at) VALUES (?1, ?2, ?3, "
                               "?4, ?5, CASE WHEN ?5 = 'approved' THEN ?6 END, ?6, ?6) "
                               "ON CONFLICT (placement_id, entry_date) DO NOTHING"));
  // Views: every text outlives the steps below.
  insert->bind(1, fields.placement_id)
      .bind_view(2, date_text)
      .bind(3, fields.minutes)
      .bind_view(4, fields.activity)
      .bind_view(5, to_string(fields.status))
      .bind(6, at);
  BPV_TRY(insert->run());
  if (m_db->changes() == 1) {
    BPV_TRY(note_entries_changed(fields.placement_id, fields.date));
    return Upsert::created;
  }
  BPV_TRY_ASSIGN(Statement * update,
                 m_db->prepare("UPDATE entries SET minutes = ?3, activity = ?4, status = ?5, "
                               "approved_at = CASE WHEN ?5 = 'approved' THEN "
                               "coalesce(approved_at, ?6) END, approved_by = CASE WHEN ?5 = "
                               "'approved' THEN approved_by END, updated_at = ?6 "
                               "WHERE placement_id = ?1 AND entry_date = ?2 AND (minutes <> ?3 "
                               "OR activity <> ?4 OR status <> ?5)"));
  update->bind(1, fields.placement_id)
      .bind_view(2, date_text)
      .bind(3, fields.minutes)
      .bind_view(4, fields.activity)
      .bind_view(5, to_string(fields.status))
      .bind(6, at);
  BPV_TRY(update->run());
  if (m_db->changes() == 0) {
    return Upsert::unchanged;
  }
  BPV_TRY(note_entries_changed(fields.placement_id, fields.date));
  return Upsert::updated;
}

Result<std::vector<WeekTotals>> SqliteStore::week_totals(Id placement) {
  // Summed here rather than with GROUP BY date(entry_date, 'weekday 0', '-6 days'): SQLite's
  // date() per row costs more than reading the rows, which come in date order from the key.
  BPV_TRY_ASSIGN(Statement * stmt,
                 m_db->prepare("SELECT entry_date, minutes, status FROM entries "
                               "WHERE placement_id = ? ORDER BY entry_date"));
  stmt->bind(1, placement);
  std::vector<WeekTotals> weeks;
  while (true) {
    BPV_TRY_ASSIGN(bool row, stmt->step());
    if (!row) {
      break;
    }
    BPV_TRY_ASSIGN(core::Date date, column_date(*stmt, 0));
    core::Date monday = date.plus_days(1 - static_cast<int>(date.iso_weekday()));
    if (weeks.empty() || weeks.back().monday != monday) {
      WeekTotals week;
      week.placement_id = placement;
      week.monday = monday;
      weeks.push_back(week);
    }
    WeekTotals& week = weeks.back();
    core::Minutes minutes = stmt->column_int(1);
    std::string_view status = stmt->column_view(2);
    week.total_minutes += minutes;
    ++week.entries;
    if (status == "approved") {
      week.approved_minutes += minutes;
      ++week.approved;
    } else if (status == "correction_requested") {
      week.correction_minutes += minutes;
      ++week.correction_requested;
    }
  }
  return weeks;
}

Result<WeekTotals> SqliteStore::placement_totals(Id placement) {
  BPV_TRY_ASSIGN(Statement * stmt,
                 m_db->prepare("SELECT coalesce(sum(minutes), 0), coalesce(sum(CASE WHEN status = "
                               "'approved' THEN minutes ELSE 0 END), 0), count(*), "
                               "coalesce(sum(status = 'approved'), 0), "
                               "coalesce(sum(status = 'correction_requested'), 0), "
                               "coalesce(sum(CASE WHEN status = 'correction_requested' THEN minutes "
                               "ELSE 0 END), 0) FROM entries WHERE placement_id = ?"));
  stmt->bind(1, placement);
  BPV_TRY(stmt->step());
  WeekTotals totals;
  totals.placement_id = placement;
  totals.total_minutes = stmt->column_int(0);
  totals.approved_minutes = stmt->column_int(1);
  totals.entries = static_cast<int>(stmt->column_int(2));
  totals.approved = static_cast<int>(stmt->column_int(3));
  totals.correction_requested = static_cast<int>(stmt->column_int(4));
  totals.correction_minutes = stmt->column_int(5);
  stmt->reset();
  return totals;
}

Result<std::vector<EntryRecord>> SqliteStore::entries_between(Id placement, core::Date from,
                                                              core::Date to) {
  BPV_TRY_ASSIGN(Statement * stmt,
                 m_db->prepare("SELECT entry_date, minutes, activity, status, approved_by, "
                               "approved_at FROM entries WHERE placement_id = ? AND entry_date "
                               "BETWEEN ? AND ? ORDER BY entry_date"));
  stmt->bind(1, placement).bind(2, from.to_string()).bind(3, to.to_string());
  std::vector<EntryRecord> entries;
  while (true) {
    BPV_TRY_ASSIGN(bool row, stmt->step());
    if (!row) {
      break;
    }
    BPV_TRY_ASSIGN(EntryRecord entry, read_entry(*stmt, placement));
    entries.push_back(std::move(entry));
  }
  return entries;
}

Result<std::optional<EntryRecord>> SqliteStore::find_entry(Id placement, core::Date date) {
  BPV_TRY_ASSIGN(auto entries, entries_between(placement, date, date));
  if (entries.empty()) {
    return std::nullopt;
  }
  return entries.front();
}

Result<void> SqliteStore::insert_entry(const EntryRecord& entry, core::Instant now) {
  BPV_TRY_ASSIGN(Statement * stmt,
                 m_db->prepare("INSERT INTO entries (placement_id, entry_date, minutes, activity, "
                               "status, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)"));
  stmt->bind(1, entry.placement_id)
      .bind(2, entry.date.to_string())
      .bind(3, entry.minutes)
      .bind(4, entry.activity)
      .bind(5, to_string(entry.status))
      .bind(6, stamp(now))
      .bind(7, stamp(now));
  BPV_TRY(stmt->run());
  return note_entries_changed(entry.placement_id, entry.date);
}

Result<void> SqliteStore::update_entry(const EntryRecord& entry, core::Instant now) {
  BPV_TRY_ASSIGN(Statement * stmt,
                 m_db->prepare("UPDATE entries SET minutes = ?, activity = ?, status = ?, "
                               "updated_at = ? WHERE placement_id = ? AND entry_date = ?"));
  stmt->bind(1, entry.minutes)
      .bind(2, entry.activity)
      .bind(3, to_string(entry.status))
      .bind(4, stamp(now))
      .bind(5, entry.placement_id)
      .bind(6, entry.date.to_string());
  BPV_TRY(stmt->run());
  return note_entries_changed(entry.placement_id, entry.date);
}

Result<void> SqliteStore::delete_entry(Id placement, core::Date date) {
  BPV_TRY_ASSIGN(Statement * stmt,
                 m_db->prepare("DELETE FROM entries WHERE placement_id = ? AND entry_date = ?"));
  stmt->bind(1, placement).bind(2, date.to_string());
  BPV_TRY(stmt->run());
  return note_entries_changed(placement, date);
}

Result<int> SqliteStore::approve_entries(Id placement, core::Date from, core::Date to, Id approver,
                                         core::Instant now) {
  BPV_TRY_ASSIGN(Statement * stmt,
                 m_db->prepare("UPDATE entries SET status = 'approved', approved_by = ?, "
                               "approved_at = ?, updated_at = ? WHERE placement_id = ? AND "
                               "entry_date BETWEEN ? AND ? AND status = 'submitted'"));
  stmt->bind(1, approver)
      .bind(2, stamp(now))
      .bind(3, stamp(now))
      .bind(4, placement)
      .bind(5, from.to_string())
      .bind(6, to.to_string());
  BPV_TRY(stmt->run());
  return static_cast<int>(m_db->changes());
}

Result<int> SqliteStore::change_entry_status(Id placement, core::Date from, core::Date to,
                                             EntryStatus old_status, EntryStatus new_status,
                                             core::Instant now) {
  BPV_TRY_ASSIGN(Statement * stmt,
                 m_db->prepare("UPDATE entries SET status = ?1, updated_at = ?2, "
                               "approved_by = CASE WHEN ?1 = 'approved' THEN approved_by END, "
                               "approved_at = CASE WHEN ?1 = 'approved' THEN approved_at END "
                               "WHERE placement_id = ?3 AND entry_date BETWEEN ?4 AND ?5 AND "
                               "status = ?6"));
  stmt->bind(1, to_string(new_status))
      .bind(2, stamp(now))
      .bind(3, placement)
      .bind(4, from.to_string())
      .bind(5, to.to_string())
      .bind(6, to_string(old_status));
  BPV_TRY(stmt->run());
  return static_cast<int>(m_db->changes());
}

Result<Id> SqliteStore::insert_correction(const CorrectionRecord& correction) {
  BPV_TRY_ASSIGN(Statement * stmt,
                 m_db->prepare("INSERT INTO correction_requests (placement_id, entry_date, "
                               "week_monday, reason, requested_by, requested_at) "
                               "VALUES (?, ?, ?, ?, ?, ?)"));
  std::optional<std::string> date;
  if (correction.date) {
    date = correction.date->to_string();
  }
  stmt->bind(1, correction.placement_id)
      .bind(2, date)
      .bind(3, correction.week_monday.to_string())
      .bind(4, correction.reason)
      .bind(5, correction.requested_by)
      .bind(6, stamp(correction.requested_at));
  BPV_TRY(stmt->run());
  return m_db->last_insert_id();
}

Result<std::vector<CorrectionRecord>> SqliteStore::open_corrections(Id placement, core::Date from,
                                                                   core::Date to) {
  BPV_TRY_ASSIGN(Statement * stmt,
                 m_db->prepare("SELECT id, entry_date, week_monday, reason, requested_by, "
                               "requested_at FROM correction_requests WHERE placement_id = ? AND "
                               "resolved_at IS NULL AND week_monday BETWEEN ? AND ? ORDER BY id"));
  stmt->bind(1, placement).bind(2, from.to_string()).bind(3, to.to_string());
  std::vector<CorrectionRecord> corrections;
  while (true) {
    BPV_TRY_ASSIGN(bool row, stmt->step());
    if (!row) {
      break;
    }
    CorrectionRecord correction;
    correction.id = stmt->column_int(0);
    correction.placement_id = placement;
    BPV_TRY_ASSIGN(correction.date, column_optional_date(*stmt, 1));
    BPV_TRY_ASSIGN(correction.week_monday, column_date(*stmt, 2));
    correction.reason = stmt->column_text(3);
    correction.requested_by = stmt->column_int(4);
    correction.requested_at = column_instant(*stmt, 5);
    corrections.push_back(std::move(correction));
  }
  return corrections;
}

Result<void> SqliteStore::resolve_correction(Id correction, std::string_view resolution,
                                             core::Instant now) {
  BPV_TRY_ASSIGN(Statement * stmt,
                 m_db->prepare("UPDATE correction_requests SET resolved_at = ?, resolution = ? "
                               "WHERE id = ? AND resolved_at IS NULL"));
  stmt->bind(1, stamp(now)).bind(2, resolution).bind(3, correction);
  return stmt->run();
}

}  // namespace bpv::store::sqlite
