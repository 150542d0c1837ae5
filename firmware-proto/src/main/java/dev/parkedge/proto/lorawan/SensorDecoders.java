package dev.parkedge.proto.lorawan;

import dev.parkedge.proto.lorawan.bosch.Tps110Decoder;
import dev.parkedge.proto.lorawan.dingtek.Do200Decoder;
import dev.parkedge.proto.lorawan.dingtek.Do201Decoder;
import dev.parkedge.proto.lorawan.dingtek.Do202Decoder;
import dev.parkedge.proto.lorawan.nwave.Ncc405Decoder;
import dev.parkedge.proto.lorawan.nwave.Nps310Decoder;
import dev.parkedge.proto.lorawan.nwave.Nps405Decoder;
import dev.parkedge.proto.lorawan.tekzitel.TekziparkDecoder;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Every sensor model ParkEdge decodes, by the model id used in site files and on the CLI. */
public final class SensorDecoders {

  private static final Map<String, SensorDecoder> BY_ID = index();

  private SensorDecoders() {}

  /** The decoder for a model id such as {@code nwave-nps405}, if ParkEdge knows the model. */
  public static Optional<SensorDecoder> byId(String id) {
    return Optional.ofNullable(BY_ID.get(id));
  }

  /** All model ids, in a stable order. */
  public static List<String> ids() {
    return List.copyOf(BY_ID.keySet());
  }

  private static Map<String, SensorDecoder> index() {
    Map<String, SensorDecoder> byId = new LinkedHashMap<>();
    for (SensorDecoder decoder :
        List.of(
            new Nps405Decoder(),
            new Nps310Decoder(),
            new Ncc405Decoder(),
            new Tps110Decoder(),
            new Do200Decoder(),
            new Do201Decoder(),
            new Do202Decoder(),
            new TekziparkDecoder())) {
      if (byId.put(decoder.id(), decoder) != null) {
        throw new IllegalStateException("two decoders claim model id " + decoder.id());
      }
    }
    return byId;
  }
}
