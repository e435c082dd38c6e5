import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;

/**
 * Baseline for the startup measurement: a JVM that only opens a listening
 * socket on 127.0.0.1 and accepts (and closes) connections until killed.
 * Usage: java -cp bench/work BareServer PORT
 */
public final class BareServer {
    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        try (ServerSocket server = new ServerSocket()) {
            server.setReuseAddress(true);
            server.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), port), 50);
            System.out.println("bare server listening on 127.0.0.1:" + port);
            while (true) {
                try (Socket s = server.accept()) {
                    // nothing to do: the probe only needs the connect to succeed
                }
            }
        }
    }
}
