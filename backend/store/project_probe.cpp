#include "store/project_probe.h"

#include "store/open_project_files.h"

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>

#include <algorithm>
#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>

#include "store/schema.h"
#include "util/error.h"

namespace redit {

namespace {

constexpr std::size_t kHeaderSize = 100;
constexpr int kBusyTimeoutMs = 10000;
constexpr int kAttempts = 4;
constexpr char kSqliteMagic[] = "SQLite format 3";  // 16 bytes with the terminating zero

std::uint32_t bigEndian32(const std::array<unsigned char, kHeaderSize>& h, std::size_t offset) {
    return std::uint32_t(h[offset]) << 24 | std::uint32_t(h[offset + 1]) << 16 | std::uint32_t(h[offset + 2]) << 8 |
           std::uint32_t(h[offset + 3]);
}

std::string hex32(std::uint32_t v) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "0x%08x", unsigned(v));
    return buf;
}

// "file:" URI with the characters that are special in SQLite URIs escaped.
std::string fileUri(const std::string& path, bool immutable) {
    std::string uri = "file:";
    for (char c : path) {
        if (c == '%' || c == '?' || c == '#') {
            char buf[4];
            std::snprintf(buf, sizeof buf, "%%%02X", unsigned(static_cast<unsigned char>(c)));
            uri += buf;
        } else {
            uri += c;
        }
    }
    return uri + (immutable ? "?mode=ro&immutable=1" : "?mode=ro");
}

bool hasWalContent(const std::string& path) {
    std::error_code ec;
    auto size = std::filesystem::file_size(path + "-wal", ec);
    return !ec && size > 0;
}

void checkHeader(const std::string& path, std::int64_t size, bool walInUse, int& schemaVersion) {
    std::array<unsigned char, kHeaderSize> h{};
    std::ifstream in(path, std::ios::binary);
    if (!in.read(reinterpret_cast<char*>(h.data()), kHeaderSize))
        throw FileError(path, "cannot be read");
    if (!std::equal(std::begin(kSqliteMagic), std::end(kSqliteMagic), h.begin()))
        throw FileError(path, "is not a REdit project (it is not a SQLite database)");

    std::uint32_t applicationId = bigEndian32(h, 68);
    if (applicationId != std::uint32_t(store::kApplicationId))
        throw FileError(path, "is a SQLite database but not a REdit project (application_id " + hex32(applicationId) +
                                  ", expected " + hex32(std::uint32_t(store::kApplicationId)) + ")");
    std::uint32_t userVersion = bigEndian32(h, 60);
    if (userVersion > std::uint32_t(store::kSchemaVersion))
        throw FileError(path, "was written by a newer REdit (schema version " + std::to_string(userVersion) +
                                  "; this build reads versions up to " + std::to_string(store::kSchemaVersion) + ")");
    schemaVersion = int(userVersion);

    // Without a live write-ahead log the main file holds the whole database, so its size must match the
    // page count in the header (valid when the "version valid for" field equals the change counter).
    std::uint32_t pageSize = (std::uint32_t(h[16]) << 8 | h[17]);
    if (pageSize == 1) pageSize = 65536;
    std::uint32_t pages = bigEndian32(h, 28);
    bool pageCountValid = bigEndian32(h, 92) == bigEndian32(h, 24) && pages > 0;
    if (!walInUse && pageCountValid && std::int64_t(pages) * pageSize > size)
        throw FileError(path, "is truncated: its header declares " + std::to_string(pages) + " pages of " +
                                  std::to_string(pageSize) + " bytes (" + std::to_string(std::int64_t(pages) * pageSize) +
                                  " bytes) but the file has " + std::to_string(size) + " bytes");
}

void checkContents(const std::string& path, bool walInUse, int& schemaVersion) {
    // Immutable (no locking, no -shm) when there is no log to read; otherwise a normal read-only connection.
    // A writer may hold a lock for a moment (recovering or checkpointing the log): wait as ProjectStore does.
    SQLite::Database db(fileUri(path, !walInUse), SQLite::OPEN_READONLY | SQLite::OPEN_URI, kBusyTimeoutMs);
    schemaVersion = db.execAndGet("PRAGMA user_version").getInt();
    if (schemaVersion > store::kSchemaVersion)
        throw FileError(path, "was written by a newer REdit (schema version " + std::to_string(schemaVersion) +
                                  "; this build reads versions up to " + std::to_string(store::kSchemaVersion) + ")");
    SQLite::Statement tables(db, "SELECT name FROM sqlite_schema WHERE type = 'table'");
    std::vector<std::string> present;
    while (tables.executeStep()) present.push_back(tables.getColumn(0).getString());
    if (schemaVersion == store::kSchemaVersion) {
        for (const std::string& t : store::requiredTables())
            if (std::find(present.begin(), present.end(), t) == present.end())
                throw FileError(path, "is damaged: table '" + t + "' is missing");
    }
}

// What changes when another connection writes: the main file's size and time, the log's size.
struct WriteState {
    std::int64_t size = -1, walSize = -1;
    std::filesystem::file_time_type written{};
    bool operator==(const WriteState& o) const { return size == o.size && walSize == o.walSize && written == o.written; }
};

WriteState writeState(const std::string& path) {
    std::error_code ec;
    WriteState s;
    s.size = std::int64_t(std::filesystem::file_size(path, ec));
    s.written = std::filesystem::last_write_time(path, ec);
    s.walSize = std::int64_t(std::filesystem::file_size(path + "-wal", ec));
    if (ec) s.walSize = -1;
    return s;
}

ProjectFileInfo probeOnce(const std::string& path) {
    std::error_code ec;
    auto status = std::filesystem::status(path, ec);
    if (!std::filesystem::exists(status)) throw FileError(path, "does not exist");
    if (!std::filesystem::is_regular_file(status)) throw FileError(path, "is not a regular file");
    auto size = std::int64_t(std::filesystem::file_size(path, ec));
    if (ec) throw FileError(path, "cannot be read: " + ec.message());
    if (size < std::int64_t(kHeaderSize))
        throw FileError(path, "is not a REdit project (" + std::to_string(size) +
                                  " bytes, shorter than a SQLite header)");

    ProjectFileInfo info;
    info.sizeBytes = size;
    // A file this process has open is a project already checked, and only a locking SQLite connection may
    // read it: no raw header read and no immutable connection (store/open_project_files.h).
    const bool openHere = store::isProjectFileOpenHere(path);
    const bool walInUse = openHere || hasWalContent(path);
    if (!openHere) checkHeader(path, size, walInUse, info.schemaVersion);
    try {
        checkContents(path, walInUse, info.schemaVersion);
    } catch (const SQLite::Exception& e) {
        throw FileError(path, std::string("is damaged and cannot be read (") + e.what() + ")");
    }
    return info;
}

}  // namespace

ProjectFileInfo probeProjectFile(const std::string& path) {
    // Without a log the file is read unlocked (immutable); a process that starts writing meanwhile can make
    // that read see a half-written page. A failure while the file changed is therefore looked at again.
    for (int attempt = 1;; ++attempt) {
        const WriteState before = writeState(path);
        try {
            return probeOnce(path);
        } catch (const FileError&) {
            if (attempt == kAttempts || writeState(path) == before) throw;
        }
    }
}

}  // namespace redit
