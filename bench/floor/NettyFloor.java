import dev.smtpdouble.shaded.io.netty.bootstrap.ServerBootstrap;
import dev.smtpdouble.shaded.io.netty.buffer.ByteBuf;
import dev.smtpdouble.shaded.io.netty.buffer.Unpooled;
import dev.smtpdouble.shaded.io.netty.channel.ChannelHandlerContext;
import dev.smtpdouble.shaded.io.netty.channel.ChannelInitializer;
import dev.smtpdouble.shaded.io.netty.channel.ChannelOption;
import dev.smtpdouble.shaded.io.netty.channel.EventLoopGroup;
import dev.smtpdouble.shaded.io.netty.channel.MultiThreadIoEventLoopGroup;
import dev.smtpdouble.shaded.io.netty.channel.nio.NioIoHandler;
import dev.smtpdouble.shaded.io.netty.channel.socket.SocketChannel;
import dev.smtpdouble.shaded.io.netty.channel.socket.nio.NioServerSocketChannel;
import dev.smtpdouble.shaded.io.netty.handler.codec.ByteToMessageDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The least an SMTP sink on Netty does, for the benchmark's floor: one handler splits lines and
 * answers each command with a fixed reply, on the Netty and the event loop count smtp-double uses.
 * What it costs is Netty's and the JVM's; what smtp-double costs beyond it is its own.
 * Built against smtp-double.jar (its relocated Netty) by bench.py --floors.
 */
public final class NettyFloor {

    private static ByteBuf reply(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
        return Unpooled.unreleasableBuffer(Unpooled.directBuffer(bytes.length).writeBytes(bytes));
    }

    private static final ByteBuf GREETING = reply("220 floor ESMTP\r\n");
    private static final ByteBuf EHLO = reply("250-floor\r\n250-PIPELINING\r\n250 8BITMIME\r\n");
    private static final ByteBuf OK = reply("250 2.0.0 Ok\r\n");
    private static final ByteBuf DATA = reply("354 End data with <CR><LF>.<CR><LF>\r\n");
    private static final ByteBuf QUEUED = reply("250 2.0.0 Ok: queued as 1\r\n");
    private static final ByteBuf BYE = reply("221 2.0.0 Bye\r\n");

    private static final class Dialogue extends ByteToMessageDecoder {
        private boolean content;

        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            ctx.writeAndFlush(GREETING.duplicate());
        }

        @Override
        protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
            boolean wrote = false;
            int end;
            while ((end = in.indexOf(in.readerIndex(), in.writerIndex(), (byte) '\n')) >= 0) {
                int length = end - in.readerIndex();
                ByteBuf answer = content ? endOfContent(in, length) : answer(in.getByte(in.readerIndex()));
                in.skipBytes(length + 1);
                if (answer != null) {
                    ctx.write(answer.duplicate());
                    wrote = true;
                    if (answer == BYE) {
                        ctx.flush().close();
                        return;
                    }
                }
            }
            if (wrote) {
                ctx.flush();
            }
        }

        private ByteBuf endOfContent(ByteBuf in, int length) {
            if (length >= 1 && length <= 2 && in.getByte(in.readerIndex()) == '.') {
                content = false;
                return QUEUED;
            }
            return null;
        }

        private ByteBuf answer(byte first) {
            switch (first | 0x20) {
                case 'e', 'h' -> { return EHLO; }
                case 'd' -> { content = true; return DATA; }
                case 'q' -> { return BYE; }
                default -> { return OK; }
            }
        }
    }

    public static void main(String[] args) throws InterruptedException {
        int port = Floors.port(args);
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(Floors.ioThreads(), NioIoHandler.newFactory());
        new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_BACKLOG, 1024).option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel channel) {
                        channel.pipeline().addLast(new Dialogue());
                    }
                })
                .bind("127.0.0.1", port).sync().channel().closeFuture().sync();
    }
}
