/** What the two floor servers share: their command line and smtp-double's event loop count. */
final class Floors {

    private Floors() {
    }

    /** {@code --port N}, as smtp-double takes it; 2525 without it. */
    static int port(String[] args) {
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals("--port")) {
                return Integer.parseInt(args[i + 1]);
            }
        }
        return 2525;
    }

    /** smtp-double's default: half the cores, 1 to 4. */
    static int ioThreads() {
        return Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors() / 2));
    }
}
