import Synchronization

/// At most `slots` pieces of work at once and at most `queueLength` waiting for a slot; the
/// rest are turned away at once (the server answers 503). Waiters get slots in arrival order.
final class Admission: Sendable {
  private struct State {
    var running = 0
    var waiting: [CheckedContinuation<Void, Never>] = []
    var head = 0
    var admitted = 0
    var waitingCount: Int { waiting.count - head }
  }

  private let slots: Int
  private let queueLength: Int
  private let state = Mutex(State())

  init(slots: Int, queueLength: Int) {
    self.slots = max(1, slots)
    self.queueLength = max(0, queueLength)
  }

  /// Takes a slot, waiting in line for one if need be; false (at once) when the line is full.
  func enter() async -> Bool {
    enum Decision { case run, wait, refuse }
    let decision = state.withLock { state -> Decision in
      if state.running < slots {
        state.running += 1
        state.admitted += 1
        return .run
      }
      guard state.waitingCount < queueLength else { return .refuse }
      state.admitted += 1
      return .wait
    }
    switch decision {
    case .run: return true
    case .refuse: return false
    case .wait:
      await withCheckedContinuation { continuation in
        let now = state.withLock { state -> Bool in
          // A slot may have been freed since the decision.
          if state.running < slots {
            state.running += 1
            return true
          }
          state.waiting.append(continuation)
          return false
        }
        if now { continuation.resume() }
      }
      return true
    }
  }

  /// Gives the slot back: to the first in line, or free.
  func leave() {
    let next = state.withLock { state -> CheckedContinuation<Void, Never>? in
      guard state.waitingCount > 0 else {
        state.running -= 1
        return nil
      }
      let next = state.waiting[state.head]
      state.head += 1
      if state.head > 64 && state.head * 2 > state.waiting.count {
        state.waiting.removeFirst(state.head)
        state.head = 0
      }
      return next
    }
    next?.resume()
  }

  /// Work running and waiting now, and all work let in (running, waiting or done) so far.
  var load: (running: Int, waiting: Int, admitted: Int) {
    state.withLock { ($0.running, $0.waitingCount, $0.admitted) }
  }
}

/// The value of `work`, or nil when `limit` passes first; `work` then goes on to its end
/// unobserved (it holds no caller's state), so that a slow conversion does not hold the answer.
func withDeadline<Value: Sendable>(
  _ limit: Duration, _ work: @escaping @Sendable () async -> Value
) async -> Value? {
  let box = Mutex<CheckedContinuation<Value?, Never>?>(nil)
  let finish = { @Sendable (value: Value?) in
    let continuation = box.withLock { slot -> CheckedContinuation<Value?, Never>? in
      defer { slot = nil }
      return slot
    }
    continuation?.resume(returning: value)
  }
  var timer: Task<Void, Never>?
  let value = await withCheckedContinuation { (continuation: CheckedContinuation<Value?, Never>) in
    box.withLock { $0 = continuation }
    Task { finish(await work()) }
    timer = Task {
      try? await Task.sleep(for: limit)
      finish(nil)
    }
  }
  timer?.cancel()
  return value
}
