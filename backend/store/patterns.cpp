#include "store/patterns.h"

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>

#include "store/project_store.h"
#include "store/transaction.h"

namespace redit {

namespace {
const char* partName(SplitPart part) {
    switch (part) {
        case SplitPart::Train: return "train";
        case SplitPart::Validation: return "validation";
        case SplitPart::Test: return "test";
    }
    return "train";
}
}  // namespace

std::int64_t addPattern(ProjectStore& store, std::int64_t datasetId, const std::string& name,
                        const std::string& description) {
    SQLite::Statement s(store.db(), "INSERT INTO patterns(dataset_id, name, description) VALUES (?, ?, ?)");
    s.bind(1, datasetId);
    s.bind(2, name);
    s.bind(3, description);
    s.exec();
    return store.db().getLastInsertRowid();
}

std::vector<PatternRecord> listPatterns(const ProjectStore& store) {
    SQLite::Statement s(store.db(), "SELECT id, dataset_id, name, description FROM patterns ORDER BY dataset_id, name");
    std::vector<PatternRecord> patterns;
    while (s.executeStep())
        patterns.push_back({s.getColumn(0).getInt64(), s.getColumn(1).getInt64(), s.getColumn(2).getString(),
                            s.getColumn(3).getString()});
    return patterns;
}

std::vector<std::int64_t> addInstances(ProjectStore& store, std::int64_t patternId,
                                       const std::vector<InstanceRecord>& instances) {
    WriteTransaction tx(store);
    SQLite::Statement s(store.db(), "INSERT INTO instances(pattern_id, key, data) VALUES (?, ?, ?)");
    std::vector<std::int64_t> ids;
    for (const InstanceRecord& instance : instances) {
        s.bind(1, patternId);
        s.bind(2, instance.key);
        s.bind(3, instance.data.dump());
        s.exec();
        s.reset();
        ids.push_back(store.db().getLastInsertRowid());
    }
    tx.commit();
    return ids;
}

std::vector<InstanceRecord> listInstances(const ProjectStore& store, std::int64_t patternId) {
    SQLite::Statement s(store.db(), "SELECT id, key, data FROM instances WHERE pattern_id = ? ORDER BY id");
    s.bind(1, patternId);
    std::vector<InstanceRecord> list;
    while (s.executeStep())
        list.push_back({s.getColumn(0).getInt64(), s.getColumn(1).getString(),
                        nlohmann::json::parse(s.getColumn(2).getString(), nullptr, false)});
    return list;
}

void assignSplit(ProjectStore& store, const std::string& splitName,
                 const std::vector<std::pair<std::int64_t, SplitPart>>& assignment) {
    WriteTransaction tx(store);
    SQLite::Statement s(store.db(), "INSERT OR REPLACE INTO splits(split_name, instance_id, part) VALUES (?, ?, ?)");
    for (const auto& [instanceId, part] : assignment) {
        s.bind(1, splitName);
        s.bind(2, instanceId);
        s.bind(3, partName(part));
        s.exec();
        s.reset();
    }
    tx.commit();
}

std::vector<std::int64_t> splitInstances(const ProjectStore& store, const std::string& splitName, SplitPart part) {
    SQLite::Statement s(store.db(), "SELECT instance_id FROM splits WHERE split_name = ? AND part = ?"
                                    " ORDER BY instance_id");
    s.bind(1, splitName);
    s.bind(2, partName(part));
    std::vector<std::int64_t> ids;
    while (s.executeStep()) ids.push_back(s.getColumn(0).getInt64());
    return ids;
}

}  // namespace redit
