package dev.parkedge.gateway.transport.coap;

import dev.parkedge.gateway.config.CoapDevicesConfig.DeviceKey;
import java.net.InetSocketAddress;
import java.security.Principal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.function.BiConsumer;
import javax.crypto.SecretKey;
import org.eclipse.californium.elements.auth.PreSharedKeyIdentity;
import org.eclipse.californium.scandium.dtls.ConnectionId;
import org.eclipse.californium.scandium.dtls.HandshakeResultHandler;
import org.eclipse.californium.scandium.dtls.PskPublicInformation;
import org.eclipse.californium.scandium.dtls.PskSecretResult;
import org.eclipse.californium.scandium.dtls.pskstore.AdvancedMultiPskStore;
import org.eclipse.californium.scandium.dtls.pskstore.AdvancedPskStore;
import org.eclipse.californium.scandium.util.ServerNames;

/**
 * The devices' pre-shared keys for Scandium, and which EUI each DTLS identity speaks for. Keys are
 * held by Scandium's {@link AdvancedMultiPskStore}; this store only adds the report of identities
 * it does not know (a misconfigured device or someone trying names), which Scandium would otherwise
 * only log at DEBUG.
 */
final class DeviceKeys implements AdvancedPskStore {

  private final AdvancedMultiPskStore store = new AdvancedMultiPskStore();
  private final Map<String, Long> euiByIdentity = new HashMap<>();
  private final BiConsumer<ConnectionId, String> onUnknownIdentity;

  /**
   * @param onUnknownIdentity called (on a DTLS thread) with the handshake's connection and the
   *     identity it presented, at each lookup (a retransmitted flight looks up again)
   */
  DeviceKeys(List<DeviceKey> keys, BiConsumer<ConnectionId, String> onUnknownIdentity) {
    for (DeviceKey key : keys) {
      store.setKey(key.identity(), key.key());
      euiByIdentity.put(key.identity(), key.eui());
    }
    this.onUnknownIdentity = onUnknownIdentity;
  }

  /** The EUI the authenticated peer may speak for, if it is one of ours. */
  OptionalLong euiOf(Principal peer) {
    if (peer instanceof PreSharedKeyIdentity psk) {
      Long eui = euiByIdentity.get(psk.getIdentity());
      return eui == null ? OptionalLong.empty() : OptionalLong.of(eui);
    }
    return OptionalLong.empty();
  }

  /** The identity of an authenticated peer, for logs. */
  static String identityOf(Principal peer) {
    return peer instanceof PreSharedKeyIdentity psk ? psk.getIdentity() : String.valueOf(peer);
  }

  @Override
  public boolean hasEcdhePskSupported() {
    return store.hasEcdhePskSupported();
  }

  @Override
  public PskSecretResult requestPskSecretResult(
      ConnectionId cid,
      ServerNames serverName,
      PskPublicInformation identity,
      String hmacAlgorithm,
      SecretKey otherSecret,
      byte[] seed,
      boolean useExtendedMasterSecret) {
    PskSecretResult result =
        store.requestPskSecretResult(
            cid, serverName, identity, hmacAlgorithm, otherSecret, seed, useExtendedMasterSecret);
    if (result != null && result.getSecret() == null) {
      onUnknownIdentity.accept(cid, identity.getPublicInfoAsString());
    }
    return result;
  }

  @Override
  public PskPublicInformation getIdentity(InetSocketAddress peer, ServerNames virtualHost) {
    return null; // a server never starts a handshake
  }

  @Override
  public void setResultHandler(HandshakeResultHandler resultHandler) {
    store.setResultHandler(resultHandler);
  }
}
