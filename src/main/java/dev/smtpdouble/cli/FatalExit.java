package dev.smtpdouble.cli;

/**
 * Ends the process when a thread dies of a {@link VirtualMachineError} (out of memory, out of
 * stack, an internal error): such a JVM answers nothing reliably any more, not even SIGTERM, so the
 * server exits with a clear message and status {@value #STATUS} for a supervisor to restart it. The
 * event loops hand such errors to this handler too. Other uncaught exceptions are printed as usual.
 */
final class FatalExit implements Thread.UncaughtExceptionHandler {

    /** EX_SOFTWARE of sysexits.h: an internal software error. */
    static final int STATUS = 70;

    /** Freed first thing, so that the message can still be built when the heap is exhausted. */
    private volatile byte[] reserve = new byte[256 * 1024];

    private FatalExit() {
    }

    static void install() {
        Thread.setDefaultUncaughtExceptionHandler(new FatalExit());
    }

    @Override
    public void uncaughtException(Thread thread, Throwable error) {
        if (!(error instanceof VirtualMachineError)) {
            System.err.print("Exception in thread \"" + thread.getName() + "\" ");
            error.printStackTrace();
            return;
        }
        reserve = null;
        try {
            System.err.println("smtp-double: fatal error on thread " + thread.getName() + ": " + error
                    + "; exiting with status " + STATUS + " so that a supervisor can restart the server");
            System.err.flush();
        } finally {
            Runtime.getRuntime().halt(STATUS); // not exit(): shutdown hooks could need the memory that is gone
        }
    }
}
