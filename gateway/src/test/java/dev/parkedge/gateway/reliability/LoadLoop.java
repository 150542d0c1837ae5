package dev.parkedge.gateway.reliability;

import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A step repeated on its own thread until stopped, that a test can pause between two steps (to kill
 * the daemon and look at its files while nothing new is sent) and resume.
 */
final class LoadLoop implements AutoCloseable {

  /** One step of load; may throw, which ends the loop and is rethrown by {@link #close}. */
  interface Step {
    void run() throws Exception;
  }

  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();
  private final Thread thread;
  private boolean pauseAsked;
  private boolean paused;
  private boolean stopped;
  private volatile Exception failure;

  LoadLoop(String name, Step step) {
    thread = new Thread(() -> loop(step), name);
    thread.setDaemon(true);
    thread.start();
  }

  private void loop(Step step) {
    try {
      while (awaitTurn()) {
        step.run();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception e) {
      failure = e;
    } finally {
      lock.lock();
      try {
        paused = true;
        stopped = true;
        changed.signalAll();
      } finally {
        lock.unlock();
      }
    }
  }

  private boolean awaitTurn() throws InterruptedException {
    lock.lock();
    try {
      while (pauseAsked && !stopped) {
        paused = true;
        changed.signalAll();
        changed.await();
      }
      paused = false;
      return !stopped;
    } finally {
      lock.unlock();
    }
  }

  /** Returns once the current step has ended; no step runs until {@link #resume}. */
  void pause() throws InterruptedException {
    pause(() -> {});
  }

  /**
   * As {@link #pause()}, running {@code nudge} every 50 ms while the step has not ended (to cancel
   * a request that waits for a killed daemon).
   */
  void pause(Runnable nudge) throws InterruptedException {
    lock.lock();
    try {
      pauseAsked = true;
      while (!paused) {
        nudge.run();
        changed.await(50, java.util.concurrent.TimeUnit.MILLISECONDS);
      }
    } finally {
      lock.unlock();
    }
    rethrow();
  }

  void resume() {
    lock.lock();
    try {
      pauseAsked = false;
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  private void rethrow() {
    if (failure != null) {
      throw new AssertionError("load step failed: " + failure, failure);
    }
  }

  @Override
  public void close() {
    lock.lock();
    try {
      stopped = true;
      changed.signalAll();
    } finally {
      lock.unlock();
    }
    thread.interrupt();
    try {
      thread.join(5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    rethrow();
  }
}
