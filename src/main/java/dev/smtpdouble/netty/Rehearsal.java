package dev.smtpdouble.netty;

import dev.smtpdouble.session.SessionFactory;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.util.concurrent.ImmediateEventExecutor;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One whole SMTP dialogue (EHLO, MAIL, RCPT, DATA, QUIT) through a connection's real pipeline, as
 * {@link SmtpChannelInitializer} builds it, on an in-memory channel, with no socket. Run on a spare
 * core while a process reads its options and binds, it loads and initialises what the first real connection would otherwise load on its way to
 * the greeting, and the class-data-sharing archive that the launcher records at the first start
 * holds those classes too. The session comes from the caller's factory, whose journal nobody reads.
 */
final class Rehearsal {

    private static final List<String> CLIENT = List.of(
            "EHLO rehearsal.invalid\r\n",
            "MAIL FROM:<sender@rehearsal.invalid>\r\n",
            "RCPT TO:<recipient@rehearsal.invalid>\r\n",
            "DATA\r\n",
            "Subject: rehearsal\r\n\r\nbody\r\n.\r\n",
            "QUIT\r\n");

    private Rehearsal() {
    }

    /** @return the reply lines the server wrote, in order */
    static List<String> run(SessionFactory sessions) {
        TlsContexts noTls = new TlsContexts(); // a plain listener's: never asked for a handshake
        EmbeddedChannel channel = new EmbeddedChannel(new SmtpChannelInitializer(sessions,
                new DefaultChannelGroup(ImmediateEventExecutor.INSTANCE), new AtomicInteger(), new ClientConnections(),
                noTls, false));
        List<String> replies = new ArrayList<>();
        try {
            drain(channel, replies);
            for (String line : CLIENT) {
                channel.writeInbound(Unpooled.copiedBuffer(line, StandardCharsets.US_ASCII));
                drain(channel, replies);
            }
        } finally {
            channel.finishAndReleaseAll();
            noTls.close();
        }
        return replies;
    }

    private static void drain(EmbeddedChannel channel, List<String> replies) {
        for (ByteBuf written; (written = channel.readOutbound()) != null; ) {
            try {
                String text = written.toString(StandardCharsets.US_ASCII);
                for (String line : text.split("\r\n")) {
                    if (!line.isEmpty()) {
                        replies.add(line);
                    }
                }
            } finally {
                written.release();
            }
        }
    }
}
