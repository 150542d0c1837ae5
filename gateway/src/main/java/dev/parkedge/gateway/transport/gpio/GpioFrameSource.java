package dev.parkedge.gateway.transport.gpio;

import com.pi4j.io.gpio.digital.DigitalStateChangeListener;
import dev.parkedge.gateway.config.GpioConfig.InputKind;
import dev.parkedge.gateway.sensing.FrameSink;
import dev.parkedge.gateway.sensing.FrameSource;
import dev.parkedge.proto.psp.PspMessage;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Input pins as PSP/1 {@code Loop} messages, so the domain hears a loop detector wired to the
 * header exactly as one on a serial bus. A loop reports its debounced level (present while a
 * vehicle is over it) and its level at start; a button reports each press as present then not
 * present, so a held or stuck button never looks like a vehicle standing in the lane.
 *
 * <p>Edges arrive on Pi4J's listener thread; a level is delivered to the sink on the input timer's
 * thread once it has held for the input's debounce time (at once, on Pi4J's thread, when the
 * debounce is 0). Neither is ever the domain thread.
 */
public final class GpioFrameSource implements FrameSource {

  private static final Logger log = LoggerFactory.getLogger(GpioFrameSource.class);

  private final String bus;
  private final List<WatchedInput> inputs;
  private final GpioTimer timer;
  private final List<Runnable> detach = new ArrayList<>();
  private volatile FrameSink sink;
  private volatile boolean open = true;

  GpioFrameSource(String bus, List<WatchedInput> inputs, GpioTimer timer) {
    this.bus = bus;
    this.inputs = List.copyOf(inputs);
    this.timer = timer;
  }

  @Override
  public String bus() {
    return bus;
  }

  @Override
  public synchronized void start(FrameSink sink) {
    this.sink = sink;
    for (WatchedInput input : inputs) {
      DigitalStateChangeListener listener = event -> onEdge(input, input.active(event.state()));
      input.pin.addListener(listener);
      detach.add(() -> input.pin.removeListener(listener));
      timer.execute(() -> reportInitial(input));
    }
  }

  private void reportInitial(WatchedInput input) {
    boolean active = input.active(input.pin.state());
    long now = timer.nanoTime();
    input.initial(active, now);
    if (input.config.kind() == InputKind.LOOP) {
      deliver(input, active, now);
    }
  }

  private void onEdge(WatchedInput input, boolean active) {
    if (!open) {
      return;
    }
    input.edge(active, timer.nanoTime());
    if (input.config.debounce().isZero()) {
      settle(input);
    } else {
      timer.schedule(input.config.debounce(), () -> settle(input));
    }
  }

  private void settle(WatchedInput input) {
    WatchedInput.Settled settled = input.settle(timer.nanoTime());
    if (settled == null || !open) {
      return;
    }
    switch (input.config.kind()) {
      case LOOP -> deliver(input, settled.active(), settled.sinceNanos());
      case BUTTON -> {
        if (settled.active()) {
          deliver(input, true, settled.sinceNanos());
          deliver(input, false, settled.sinceNanos());
        }
      }
    }
  }

  private void deliver(WatchedInput input, boolean present, long nanos) {
    PspMessage.Loop loop =
        new PspMessage.Loop(input.config.device(), input.nextSeq(), input.config.lane(), present);
    log.debug("gpio {}: {} lane {} present={}", bus, input.config, input.config.lane(), present);
    sink.onMessage(bus, loop, nanos);
  }

  @Override
  public String port() {
    return "gpio header";
  }

  @Override
  public String protocol() {
    return "gpio";
  }

  @Override
  public boolean connected() {
    return open;
  }

  @Override
  public synchronized void close() {
    if (!open) {
      return;
    }
    open = false;
    detach.forEach(Runnable::run);
    detach.clear();
    timer.close();
  }
}
