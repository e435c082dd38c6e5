package dev.smtpdouble.netty;

import dev.smtpdouble.scenario.Settings;
import dev.smtpdouble.tls.KeyMaterial;
import dev.smtpdouble.tls.ServerKeys;
import dev.smtpdouble.tls.TlsSettings;
import io.netty.handler.ssl.SslHandler;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.PBEParameterSpec;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's TLS contexts, one per TLS configuration and host name in use, each built when first
 * needed (a scenario may switch to a broken certificate, or to TLS 1.2 only) and then reused by every
 * connection. They are the JDK's own: Netty's context classes would parse a sample key at class
 * initialisation, through BouncyCastle's provider when it is on the class path, for seconds.
 *
 * <p>The costly part of a handshake (key agreement and the signature over it, a few milliseconds of
 * CPU with the JDK's provider) runs on a small pool of its own rather than on the event loop, so that
 * one connection's handshake neither stalls the other connections of its loop nor leaves the other
 * processors idle. The pool's threads are daemons that end when idle and at {@link #close()}.
 */
public final class TlsContexts implements AutoCloseable {

    private record Key(TlsSettings tls, String hostname) {
    }

    /** A configured context and the parameters every engine of it gets. */
    private record Prepared(SSLContext context, SSLParameters parameters) {
    }

    /** Protects the in-memory key store entry only; the store never leaves the process. */
    private static final char[] KEY_PASSWORD = "in-memory".toCharArray();
    private static final KeyStore.PasswordProtection IN_MEMORY = new KeyStore.PasswordProtection(KEY_PASSWORD,
            "PBEWithHmacSHA256AndAES_256", new PBEParameterSpec(new byte[16], 1, new IvParameterSpec(new byte[16])));

    private static final Logger LOG = LoggerFactory.getLogger(TlsContexts.class);

    private static final int HANDSHAKE_THREADS = Runtime.getRuntime().availableProcessors();

    private static final AtomicInteger POOLS = new AtomicInteger();

    private final Map<Key, Prepared> contexts = new ConcurrentHashMap<>();

    private final ThreadPoolExecutor handshakes = handshakePool();

    /**
     * Builds (or finds) the context for these settings: at start-up, so that a broken certificate file
     * or an unknown cipher suite fails before the server listens.
     *
     * @throws IllegalArgumentException when the certificate or the versions and suites are unusable
     */
    public void prepare(Settings settings) {
        context(settings);
    }

    /** The certificate chain a connection with these settings is offered. */
    public KeyMaterial keyMaterial(Settings settings) {
        return ServerKeys.load(settings.tls().certificate(), settings.hostname());
    }

    SslHandler newHandler(Settings settings) {
        Prepared prepared = context(settings);
        SSLEngine engine = prepared.context().createSSLEngine();
        engine.setUseClientMode(false);
        engine.setSSLParameters(prepared.parameters());
        return new SslHandler(engine, handshakes);
    }

    /** Ends the handshake threads; call once the server's connections are closed. */
    @Override
    public void close() {
        handshakes.shutdown();
    }

    /** Threads are made when handshakes come and end after an idle minute: an idle server keeps none for long. */
    private static ThreadPoolExecutor handshakePool() {
        String name = "smtp-double-tls-" + POOLS.incrementAndGet() + "-";
        AtomicInteger threads = new AtomicInteger();
        ThreadPoolExecutor pool = new ThreadPoolExecutor(HANDSHAKE_THREADS, HANDSHAKE_THREADS, 60, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), task -> {
                    Thread thread = new Thread(task, name + threads.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }

    private Prepared context(Settings settings) {
        return contexts.computeIfAbsent(new Key(settings.tls(), settings.hostname()), key -> build(settings));
    }

    private Prepared build(Settings settings) {
        TlsSettings tls = settings.tls();
        KeyMaterial material = keyMaterial(settings);
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            // No trust managers: the server never asks for a client certificate, and the JDK's default
            // would read its whole CA store (cacerts) in the first TLS start of every process, for nothing.
            context.init(keyManagers(material).getKeyManagers(), new TrustManager[0], null);
            SSLParameters parameters = context.getDefaultSSLParameters();
            if (!tls.versions().isEmpty()) {
                parameters.setProtocols(versions(tls.versions(), context.getSupportedSSLParameters().getProtocols(),
                        parameters.getProtocols()));
            }
            if (!tls.cipherSuites().isEmpty()) {
                parameters.setCipherSuites(usable("TLS cipher suite", tls.cipherSuites(),
                        context.getSupportedSSLParameters().getCipherSuites()));
            }
            parameters.setNeedClientAuth(false);
            return new Prepared(context, parameters);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot set up TLS: " + e.getMessage(), e);
        }
    }

    /**
     * The versions asked for that this JVM enables. TLS 1.0 and 1.1 are disabled by the JDK's
     * {@code jdk.tls.disabledAlgorithms} unless the process allowed them: they are left out with a
     * warning, and only when none of the versions asked for is left is that an error.
     */
    private static String[] versions(List<String> wanted, String[] supported, String[] enabled) {
        List<String> usable = wanted.stream().filter(Arrays.asList(enabled)::contains).toList();
        usable("TLS version", wanted, supported);
        if (usable.isEmpty()) {
            throw new IllegalArgumentException("none of the TLS versions " + wanted + " is enabled in this JVM"
                    + " (the jdk.tls.disabledAlgorithms security property); enabled: " + Arrays.toString(enabled));
        }
        if (usable.size() < wanted.size()) {
            LOG.warn("TLS versions {} are disabled in this JVM (jdk.tls.disabledAlgorithms); offering {}",
                    wanted.stream().filter(v -> !usable.contains(v)).toList(), usable);
        }
        return usable.toArray(String[]::new);
    }

    /** The JDK silently skips versions and suites it does not know: name them instead of failing every handshake. */
    private static String[] usable(String what, List<String> wanted, String[] supported) {
        List<String> known = Arrays.asList(supported);
        for (String name : wanted) {
            if (!known.contains(name)) {
                throw new IllegalArgumentException(what + " " + name + " is not available in this JVM");
            }
        }
        return wanted.toArray(String[]::new);
    }

    /**
     * The JDK's key managers over the material, through an in-memory key store. Its entry is sealed
     * with one round of key derivation instead of PKCS#12's default 10 000, once to store and once
     * to read back: those cost 160 ms of a server's first TLS start and 50 ms of each later one, to
     * protect a store that never leaves the process.
     */
    private static KeyManagerFactory keyManagers(KeyMaterial material) {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setEntry("server", new KeyStore.PrivateKeyEntry(material.key(),
                    material.chain().toArray(X509Certificate[]::new)), IN_MEMORY);
            KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            factory.init(store, KEY_PASSWORD);
            return factory;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot use the TLS key and certificate: " + e.getMessage(), e);
        }
    }
}
