/**
 * Certificate material for TLS, without Netty: a throwaway CA and server certificates generated in
 * memory, certificates broken on purpose (expired, wrong host, untrusted), the user's own PEM or
 * PKCS#12 files, and the trust a client needs ({@link dev.smtpdouble.tls.Trust}). Built on
 * BouncyCastle's certificate builders with the JDK's own crypto provider; nothing here is loaded
 * while TLS is off.
 */
package dev.smtpdouble.tls;
