#pragma once
// One read transaction for the reads of an action that only reads.

#include <bpv/core/error.hpp>
#include <bpv/store/store.hpp>

namespace bpv::portal {

// Holds a read transaction (store::Store::begin_read) from begin() until it is destroyed. The
// action's queries then see one state of the database, so a writer committing in between cannot
// make, say, a logbook's entries and its correction requests disagree; and the lock, the check
// of the write-ahead log and the rest of starting a read are done once instead of per query.
// Only for actions that write nothing: what is written in it is rolled back.
class ReadSnapshot {
 public:
  static Result<ReadSnapshot> begin(store::Store& store) {
    BPV_TRY(store.begin_read());
    return ReadSnapshot(store);
  }

  ReadSnapshot(ReadSnapshot&& other) noexcept : m_store(other.m_store) { other.m_store = nullptr; }
  ReadSnapshot& operator=(ReadSnapshot&&) = delete;
  ReadSnapshot(const ReadSnapshot&) = delete;
  ReadSnapshot& operator=(const ReadSnapshot&) = delete;
  ~ReadSnapshot() {
    if (m_store != nullptr) {
      m_store->end_read();
    }
  }

 private:
  explicit ReadSnapshot(store::Store& store) : m_store(&store) {}

  store::Store* m_store;
};

}  // namespace bpv::portal
