#include "models/circuit_layout_engine.h"

#include <QMetaObject>
#include <algorithm>

namespace redit::gui {

std::shared_ptr<CircuitLayoutEngine> CircuitLayoutEngine::shared() {
    static std::mutex mutex;
    static std::weak_ptr<CircuitLayoutEngine> current;
    std::lock_guard<std::mutex> lock(mutex);
    std::shared_ptr<CircuitLayoutEngine> engine = current.lock();
    if (!engine) {
        engine.reset(new CircuitLayoutEngine);
        current = engine;
    }
    return engine;
}

CircuitLayoutEngine::CircuitLayoutEngine() : thread_([this] { run(); }) {}

CircuitLayoutEngine::~CircuitLayoutEngine() {
    {
        std::lock_guard<std::mutex> lock(mutex_);
        stopping_ = true;
        pending_.clear();
    }
    wake_.notify_all();
    thread_.join();
}

void CircuitLayoutEngine::submit(QObject* receiver, DrawnCircuit graph, CircuitLayoutKind kind, Done done) {
    {
        std::lock_guard<std::mutex> lock(mutex_);
        const quint64 ticket = nextTicket_++;
        latestTicket_[receiver] = ticket;
        pending_.erase(std::remove_if(pending_.begin(), pending_.end(),
                                      [&](const Job& job) { return job.receiver == receiver; }),
                       pending_.end());
        pending_.push_back(Job{receiver, ticket, std::move(graph), kind, std::move(done)});
    }
    wake_.notify_one();
}

void CircuitLayoutEngine::cancel(QObject* receiver) {
    std::lock_guard<std::mutex> lock(mutex_);
    latestTicket_.erase(receiver);
    pending_.erase(std::remove_if(pending_.begin(), pending_.end(),
                                  [&](const Job& job) { return job.receiver == receiver; }),
                   pending_.end());
}

void CircuitLayoutEngine::run() {
    std::unique_lock<std::mutex> lock(mutex_);
    for (;;) {
        wake_.wait(lock, [this] { return stopping_ || !pending_.empty(); });
        if (stopping_) return;
        Job job = std::move(pending_.front());
        pending_.pop_front();
        lock.unlock();
        CircuitLayout layout = layoutCircuit(job.graph, job.kind);
        lock.lock();
        // Posting under the lock: cancel() (called before the receiver dies) cannot run meanwhile, and Qt
        // discards events still queued for a receiver once it is deleted.
        auto latest = latestTicket_.find(job.receiver);
        if (latest != latestTicket_.end() && latest->second == job.ticket) {
            QMetaObject::invokeMethod(
                job.receiver, [done = std::move(job.done), layout = std::move(layout)] { done(layout); },
                Qt::QueuedConnection);
        }
    }
}

}  // namespace redit::gui
