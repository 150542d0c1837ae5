package dev.parkedge.gateway.api.coap;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.parkedge.gateway.json.BodyJson;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;

/**
 * Writes a reply's body as {@link ApiJson#mapper()} would (snake_case keys from record components,
 * nulls written out, map keys as they are) with jackson-core's streaming generator only.
 *
 * <p>Why not the mapper: jackson-databind is ~400 classes, about 4 MB of the daemon's resident
 * memory once loaded (class metadata, measured with the CDS map). The bodies are records of
 * strings, numbers, booleans, lists and maps: {@link BodyJson} writes the plain values, this the
 * records and enums; {@code ReplyJsonTest} holds it to the mapper's output. The CLI still reads
 * answers with the mapper.
 */
final class ReplyJson {

  /** How every accessor is called: record in, value (boxed) out. */
  private static final MethodType READ = MethodType.methodType(Object.class, Object.class);

  /**
   * Each record class's components: snake_case name and accessor, found once. The accessors are
   * method handles, not {@link Method#invoke}: after 15 calls, core reflection generates a class
   * and a class loader per accessor (a daemon answering status and devices had 18 such classes
   * within three minutes); handles of one shape share what the JVM makes for them.
   */
  private static final ClassValue<Component[]> COMPONENTS =
      new ClassValue<>() {
        @Override
        protected Component[] computeValue(Class<?> type) {
          RecordComponent[] components = type.getRecordComponents();
          Component[] result = new Component[components.length];
          for (int i = 0; i < components.length; i++) {
            Method accessor = components[i].getAccessor();
            accessor.setAccessible(true);
            try {
              MethodHandle read = MethodHandles.lookup().unreflect(accessor).asType(READ);
              result[i] = new Component(snakeCase(components[i].getName()), read);
            } catch (IllegalAccessException e) {
              throw new IllegalStateException(e);
            }
          }
          return result;
        }
      };

  private record Component(String name, MethodHandle accessor) {}

  private ReplyJson() {}

  /**
   * The body as UTF-8 JSON.
   *
   * @throws IllegalArgumentException for a value that is not a record, map, collection, string,
   *     number, boolean, enum or null
   */
  static byte[] write(Object body) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (JsonGenerator json = BodyJson.FACTORY.createGenerator(out)) {
      BodyJson.write(json, body, ReplyJson::value);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /** What {@link BodyJson} leaves to the API: enums by name, other text, records. */
  private static void value(JsonGenerator json, Object value) throws IOException {
    if (value instanceof CharSequence text) {
      json.writeString(text.toString());
    } else if (value instanceof Enum<?> constant) {
      json.writeString(constant.name());
    } else if (value.getClass().isRecord()) {
      json.writeStartObject();
      for (Component component : COMPONENTS.get(value.getClass())) {
        json.writeFieldName(component.name());
        BodyJson.write(json, read(component, value), ReplyJson::value);
      }
      json.writeEndObject();
    } else {
      throw new IllegalArgumentException(
          "api: cannot write a " + value.getClass().getName() + " as JSON");
    }
  }

  private static Object read(Component component, Object record) {
    try {
      return (Object) component.accessor().invokeExact(record);
    } catch (Error e) {
      throw e;
    } catch (Throwable e) {
      // the accessor failed: ControlCalls answers 5.00 and logs it
      throw new IllegalStateException(e);
    }
  }

  /** Jackson's SNAKE_CASE: {@code uptimeSeconds} is {@code uptime_seconds}. */
  static String snakeCase(String name) {
    StringBuilder result = new StringBuilder(name.length() * 2);
    boolean previousUpper = false;
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (i == 0 && c == '_') {
        continue;
      }
      if (Character.isUpperCase(c)) {
        if (!previousUpper && result.length() > 0 && result.charAt(result.length() - 1) != '_') {
          result.append('_');
        }
        c = Character.toLowerCase(c);
        previousUpper = true;
      } else {
        previousUpper = false;
      }
      result.append(c);
    }
    return result.toString();
  }
}
