#pragma once
#include <string>

namespace redit {

class ProjectStore;

// A write transaction on a project. The outermost one is BEGIN IMMEDIATE (it takes the write lock up front,
// so it waits on the busy timeout instead of failing with "database is locked" when it first writes);
// nested ones are savepoints, so table functions that group their own rows compose inside a caller's
// transaction. Rolled back unless commit() is called.
class WriteTransaction {
public:
    explicit WriteTransaction(ProjectStore& store);
    ~WriteTransaction();
    WriteTransaction(const WriteTransaction&) = delete;
    WriteTransaction& operator=(const WriteTransaction&) = delete;

    void commit();

private:
    ProjectStore& store_;
    std::string savepoint_;  // empty for the outermost transaction
    bool open_ = true;
};

}  // namespace redit
