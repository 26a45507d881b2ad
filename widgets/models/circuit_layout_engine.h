#pragma once
#include <QObject>
#include <condition_variable>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <thread>

#include "models/circuit_layout.h"

namespace redit::gui {

// The one circuit layout thread of the process, shared by every circuit view while any exists (Graphviz is
// not thread-safe, and its layouts take seconds; the layered one takes milliseconds but runs here too).
// A receiver's newer request replaces its pending one; results come back on the receiver's thread.
class CircuitLayoutEngine {
public:
    using Done = std::function<void(const CircuitLayout&)>;

    static std::shared_ptr<CircuitLayoutEngine> shared();
    ~CircuitLayoutEngine();

    // Queues a layout; `done` runs in `receiver`'s thread unless the request was replaced or cancelled.
    void submit(QObject* receiver, DrawnCircuit graph, CircuitLayoutKind kind, Done done);
    // Drops the receiver's pending request and any result not yet delivered. Call before the receiver dies.
    void cancel(QObject* receiver);

private:
    struct Job {
        QObject* receiver;
        quint64 ticket;
        DrawnCircuit graph;
        CircuitLayoutKind kind;
        Done done;
    };
    CircuitLayoutEngine();
    void run();

    std::mutex mutex_;
    std::condition_variable wake_;
    std::deque<Job> pending_;
    std::map<QObject*, quint64> latestTicket_;
    quint64 nextTicket_ = 1;
    bool stopping_ = false;
    std::thread thread_;
};

}  // namespace redit::gui
