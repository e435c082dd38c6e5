import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;

/**
 * The least an SMTP sink on the JDK's own selector does, for the benchmark's floor: one thread,
 * lines split in place, a fixed reply to each command. What it costs is the JVM's alone.
 * Replies are small and the benchmark's client reads them, so a write is not retried later.
 */
public final class NioFloor {

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    private static final byte[] GREETING = bytes("220 floor ESMTP\r\n");
    private static final byte[] EHLO = bytes("250-floor\r\n250-PIPELINING\r\n250 8BITMIME\r\n");
    private static final byte[] OK = bytes("250 2.0.0 Ok\r\n");
    private static final byte[] DATA = bytes("354 End data with <CR><LF>.<CR><LF>\r\n");
    private static final byte[] QUEUED = bytes("250 2.0.0 Ok: queued as 1\r\n");
    private static final byte[] BYE = bytes("221 2.0.0 Bye\r\n");

    private static final class Connection {
        final ByteBuffer in = ByteBuffer.allocate(64 * 1024);
        final ByteBuffer out = ByteBuffer.allocate(16 * 1024);
        boolean content;
        boolean closing;
    }

    public static void main(String[] args) throws IOException {
        Selector selector = Selector.open();
        ServerSocketChannel server = ServerSocketChannel.open();
        server.bind(new InetSocketAddress("127.0.0.1", Floors.port(args)), 1024);
        server.configureBlocking(false);
        server.register(selector, SelectionKey.OP_ACCEPT);
        while (true) {
            selector.select();
            for (Iterator<SelectionKey> keys = selector.selectedKeys().iterator(); keys.hasNext(); ) {
                SelectionKey key = keys.next();
                keys.remove();
                try {
                    if (key.isAcceptable()) {
                        accept(server, selector);
                    } else if (key.isReadable()) {
                        serve((SocketChannel) key.channel(), (Connection) key.attachment(), key);
                    }
                } catch (IOException e) {
                    key.cancel();
                    key.channel().close();
                }
            }
        }
    }

    private static void accept(ServerSocketChannel server, Selector selector) throws IOException {
        SocketChannel channel;
        while ((channel = server.accept()) != null) {
            channel.configureBlocking(false);
            channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
            channel.write(ByteBuffer.wrap(GREETING));
            channel.register(selector, SelectionKey.OP_READ, new Connection());
        }
    }

    private static void serve(SocketChannel channel, Connection c, SelectionKey key) throws IOException {
        if (channel.read(c.in) < 0) {
            key.cancel();
            channel.close();
            return;
        }
        c.in.flip();
        int start = c.in.position();
        for (int i = start; i < c.in.limit(); i++) {
            if (c.in.get(i) == '\n') {
                byte[] answer = c.content ? endOfContent(c, i - start, c.in.get(start)) : answer(c, c.in.get(start));
                if (answer != null) {
                    c.out.put(answer);
                }
                start = i + 1;
            }
        }
        c.in.position(start).compact();
        c.out.flip();
        while (c.out.hasRemaining()) {
            channel.write(c.out);
        }
        c.out.clear();
        if (c.closing) {
            key.cancel();
            channel.close();
        }
    }

    private static byte[] endOfContent(Connection c, int length, byte first) {
        if (length >= 1 && length <= 2 && first == '.') {
            c.content = false;
            return QUEUED;
        }
        return null;
    }

    private static byte[] answer(Connection c, byte first) {
        switch (first | 0x20) {
            case 'e', 'h' -> { return EHLO; }
            case 'd' -> { c.content = true; return DATA; }
            case 'q' -> { c.closing = true; return BYE; }
            default -> { return OK; }
        }
    }
}
