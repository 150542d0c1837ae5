package dev.parkedge.gateway.display.lorawan;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The LoRaWAN display models a driver knows, by id. Adding a model is one entry in builtIn(). */
public final class DisplayModels {

  private final Map<String, DisplayModel> byId = new LinkedHashMap<>();

  private DisplayModels(List<DisplayModel> models) {
    for (DisplayModel model : models) {
      if (byId.put(model.id(), model) != null) {
        throw new IllegalArgumentException("two display models claim id " + model.id());
      }
    }
  }

  /** The models ParkEdge ships: {@code psp1-lorawan}. */
  public static DisplayModels builtIn() {
    return of(new Psp1LorawanModel());
  }

  static DisplayModels of(DisplayModel... models) {
    return new DisplayModels(List.of(models));
  }

  /** The model with this id, if known. */
  public Optional<DisplayModel> byId(String id) {
    return Optional.ofNullable(byId.get(id));
  }

  /** All model ids, in a stable order (for site-file validation and its messages). */
  public List<String> ids() {
    return List.copyOf(byId.keySet());
  }
}
