// Entries: the hours of one placement and day.
#include <bpv/store/sqlite/sqlite_store.hpp>

#include <bpv/store/sqlite/database.hpp>

namespace bpv::store::sqlite {

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
    BPV_TRY_ASSIGN(span.start, core::Date::parse_iso(stmt->column_text(2)));
    BPV_TRY_ASSIGN(span.end, core::Date::parse_iso(stmt->column_text(3)));
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
  return m_db->changes() == 1 ? Upsert::updated : Upsert::unchanged;
}

}  // namespace bpv::store::sqlite
