#include "store/transaction.h"

#include <SQLiteCpp/Database.h>

#include "store/project_store.h"

namespace redit {

WriteTransaction::WriteTransaction(ProjectStore& store) : store_(store) {
    int& depth = store_.transactionDepth();
    if (depth == 0) {
        store_.db().exec("BEGIN IMMEDIATE");
    } else {
        savepoint_ = "nested_" + std::to_string(depth);
        store_.db().exec("SAVEPOINT " + savepoint_);
    }
    ++depth;
}

WriteTransaction::~WriteTransaction() {
    if (!open_) return;
    --store_.transactionDepth();
    try {
        if (savepoint_.empty())
            store_.db().exec("ROLLBACK");
        else
            store_.db().exec("ROLLBACK TO " + savepoint_ + "; RELEASE " + savepoint_);
    } catch (...) {
        // SQLite already rolled back (for example after an I/O error); nothing left to undo.
    }
}

void WriteTransaction::commit() {
    store_.db().exec(savepoint_.empty() ? std::string("COMMIT") : "RELEASE " + savepoint_);
    open_ = false;
    --store_.transactionDepth();
}

}  // namespace redit
