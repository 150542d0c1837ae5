package dev.parkedge.gateway.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.parkedge.proto.lorawan.DecodedUplink;
import dev.parkedge.proto.lorawan.PayloadException;
import dev.parkedge.proto.lorawan.SensorDecoder;
import dev.parkedge.proto.lorawan.SensorDecoders;
import dev.parkedge.proto.psp.FrameError;
import dev.parkedge.proto.psp.PspDeframer;
import dev.parkedge.proto.psp.PspJson;
import dev.parkedge.proto.psp.PspMessage;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Decodes PSP/1 wire bytes or a LoRaWAN sensor payload and prints it as JSON. */
@Command(
    name = "decode",
    mixinStandardHelpOptions = true,
    description = {
      "Decode PSP/1 wire bytes, or the payload of a LoRaWAN parking sensor, and print JSON.",
      "",
      "  parkedge decode --frame 08010170b3d57ed0031001091104010e10155c6b00",
      "  parkedge decode --vendor nwave-nps405 --fport 1 --hex 01"
    })
final class DecodeCommand implements Callable<Integer> {

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  private static final ObjectMapper COMPACT_JSON = new ObjectMapper();

  @Spec CommandSpec spec;

  @ArgGroup(exclusive = true, multiplicity = "1")
  Input input;

  static final class Input {
    @Option(
        names = "--frame",
        paramLabel = "HEX",
        description =
            "Raw PSP/1 wire bytes: one or more COBS frames, each ending in a 00 delimiter;"
                + " noise between frames is allowed.")
    String frame;

    @ArgGroup(exclusive = false)
    Sensor sensor;
  }

  static final class Sensor {
    @Option(
        names = "--vendor",
        required = true,
        paramLabel = "ID",
        description = "Sensor model: ${COMPLETION-CANDIDATES}.",
        completionCandidates = ModelIds.class)
    String vendor;

    @Option(
        names = "--fport",
        required = true,
        paramLabel = "N",
        description = "LoRaWAN FPort the payload arrived on.")
    int fPort;

    @Option(
        names = "--hex",
        required = true,
        paramLabel = "HEX",
        description = "The FRMPayload bytes in hex.")
    String hex;
  }

  /** The known model ids, for help and for error messages. */
  static final class ModelIds implements Iterable<String> {
    @Override
    public java.util.Iterator<String> iterator() {
      return SensorDecoders.ids().iterator();
    }
  }

  @Override
  public Integer call() throws JsonProcessingException {
    PrintWriter out = spec.commandLine().getOut();
    if (input.frame != null) {
      out.println(framesAsJson(HexArgument.parse("--frame", input.frame)));
    } else {
      out.println(JSON.writeValueAsString(sensorPayload(input.sensor)));
    }
    out.flush();
    return 0;
  }

  private String framesAsJson(byte[] wire) throws JsonProcessingException {
    List<Object> frames = new ArrayList<>();
    PspDeframer deframer =
        new PspDeframer(
            new PspDeframer.Listener() {
              @Override
              public void onMessage(PspMessage message) {
                frames.add(PspJson.toJson(message));
              }

              @Override
              public void onError(FrameError error, String detail) {
                frames.add(Map.of("error", error.code() + ": " + detail));
              }
            });
    deframer.feed(wire);
    if (deframer.hasPartialFrame()) {
      PrintWriter err = spec.commandLine().getErr();
      err.println(
          "decode: warning: bytes after the last 00 delimiter were not decoded"
              + " (every PSP/1 frame ends with 00)");
      err.flush();
    }
    return oneElementPerLine(frames);
  }

  private static String oneElementPerLine(List<Object> elements) throws JsonProcessingException {
    if (elements.isEmpty()) {
      return "[]";
    }
    StringBuilder text = new StringBuilder("[\n");
    for (int i = 0; i < elements.size(); i++) {
      text.append("  ").append(COMPACT_JSON.writeValueAsString(elements.get(i)));
      text.append(i < elements.size() - 1 ? ",\n" : "\n");
    }
    return text.append("]").toString();
  }

  private static Map<String, Object> sensorPayload(Sensor sensor) {
    SensorDecoder decoder =
        SensorDecoders.byId(sensor.vendor)
            .orElseThrow(
                () ->
                    new UserError(
                        "unknown --vendor \""
                            + sensor.vendor
                            + "\", expected one of "
                            + String.join(", ", SensorDecoders.ids())));
    byte[] payload = HexArgument.parse("--hex", sensor.hex);
    DecodedUplink decoded;
    try {
      decoded = decoder.decode(sensor.fPort, payload);
    } catch (PayloadException e) {
      throw new UserError(e.getMessage());
    }
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("vendor", decoder.id());
    json.put("fport", sensor.fPort);
    json.put("fields", decoded.fields());
    json.put("reading", decoded.reading().toJsonMap());
    return json;
  }
}
