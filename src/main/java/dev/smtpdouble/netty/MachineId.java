package dev.smtpdouble.netty;

import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Netty names each channel partly after the machine's MAC address. On a machine without one (a
 * sandboxed build, a container without a network) it logs a warning and draws random bytes
 * instead. Drawing them here, once per process and before Netty looks, gives channels the same
 * unique names without the warning. A machine id the user set ({@code -Dio.netty.machineId}) stays.
 */
final class MachineId {

    /** Netty's property; the published jar's relocation renames it along with Netty's own reads. */
    private static final String PROPERTY = "io.netty.machineId";

    private MachineId() {
    }

    static void chooseUnlessSet() {
        if (System.getProperty(PROPERTY) == null) {
            byte[] id = new byte[8];
            ThreadLocalRandom.current().nextBytes(id);
            System.setProperty(PROPERTY, HexFormat.ofDelimiter(":").formatHex(id));
        }
    }
}
