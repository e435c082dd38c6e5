package dev.smtpdouble.scenario;

import java.nio.file.Path;
import java.util.List;

/**
 * What a scenario asks of the server that starts with it, besides settings: implicit-TLS listeners
 * ({@code tls_port}) and the file to write the generated CA to ({@code tls_ca_out}). They add to the
 * server's own ({@code tlsPort}, {@code --tls-port}); a scenario switched in later leaves the
 * listeners as they are.
 *
 * @param tlsPorts the implicit-TLS ports, 0 for a free one
 * @param tlsCaOut where to write the CA certificate, PEM, once the server listens; null for nowhere
 */
public record ServerStart(List<Integer> tlsPorts, Path tlsCaOut) {

    /** Nothing asked. */
    public static final ServerStart NONE = new ServerStart(List.of(), null);

    public ServerStart {
        tlsPorts = List.copyOf(tlsPorts);
    }
}
