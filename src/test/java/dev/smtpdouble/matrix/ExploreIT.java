package dev.smtpdouble.matrix;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ExploreIT {
    @Test
    void cards() {
        for (var entry : java.util.Map.<String, MailClient>of("jakarta", MailClients::jakarta,
                "jakarta-retry", MailClients.withRetries(MailClients::jakarta), "spring", MailClients::spring).entrySet()) {
            long t = System.nanoTime();
            ReportCard card = Matrix.builder(entry.getKey(), entry.getValue()).clientTimeout(Duration.ofSeconds(1)).build().run();
            System.out.println(card.markdown());
            System.out.println("took " + (System.nanoTime() - t) / 1_000_000 + " ms");
            card.writeTo(Matrix.DEFAULT_REPORTS);
        }
    }
}
